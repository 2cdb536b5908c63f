"""Probe of issue 8: a remit that links kennisbank pages under an UNPUBLISHED framework (and
the framework itself, and a source page under it). The real pages are rendered: the
navigator for the municipality, the overview for it and the national one, the supervisor's
page, and GraphQL `wieHoudtToezicht`. Each names exactly the linked pages the user may see:
the public ones to everyone, those under a group-restricted framework to its member and the
superuser, those under the unpublished framework to nobody (neither title nor link).
"""

import re

import pytest
from wagtail.models import PageViewRestriction

from kennisbank.models import KaderOnderdeelPage
from portal.models import Gemeente
from tests.kennisbank.factories import NormPageFactory, ToezichtkaderPageFactory
from tests.visual.factories import ToezichthouderFactory, ToezichtsgebiedFactory
from visual.models import OverzichtPage, Toezichtsgebied

from .every_role import IN_GROUP, for_every_role, restricting_group, role_of

pytestmark = pytest.mark.django_db

CONCEPT = "kanariegebiedconcept"
GROUP = "kanariegebiedgroep"
EDE = "GM0228"
HREF = re.compile(r'href="([^"]+)"')
ADVIES = """query($g: String!) { wieHoudtToezicht(gemeente: $g) {
  kaders { titel url } toezichthouders { naam bronUrl } } }"""


def _publish(*pages):
    for page in pages:
        page.save_revision().publish()


@pytest.fixture
def remits(seeded, canaries):
    group = restricting_group()
    open_kader = ToezichtkaderPageFactory(title="Openbaar kader van de gebiedsproef", slug="gebiedsproef-open")
    open_norm = NormPageFactory(parent=open_kader, slug="open-norm", stelling="Openbare norm van de gebiedsproef")
    group_kader = ToezichtkaderPageFactory(title=f"Groepskader {GROUP}", slug="gebiedsproef-groep")
    group_norm = NormPageFactory(parent=group_kader, slug="groepsnorm", stelling=f"Groepsnorm {GROUP}")
    concept_kader = ToezichtkaderPageFactory(title=f"Conceptkader {CONCEPT}", slug="gebiedsproef-concept")
    concept_part = KaderOnderdeelPage(title=f"Onderdeel {CONCEPT}", slug="onderdeel", code="1")
    concept_kader.add_child(instance=concept_part)
    concept_norm = NormPageFactory(parent=concept_part, slug="conceptnorm", stelling=f"Conceptnorm {CONCEPT}")
    _publish(open_kader, open_norm, group_kader, group_norm, concept_kader, concept_part, concept_norm)
    # Taken back after it was linked and public: its parts and norms stay live themselves.
    concept_kader.unpublish()
    restriction = PageViewRestriction.objects.create(page=group_kader, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)

    ede = Gemeente.objects.get(cbs_code=EDE)
    toezichthouder = ToezichthouderFactory(slug="gebiedsproef", naam="Toezichthouder van de gebiedsproef")
    ToezichtsgebiedFactory(
        toezichthouder=toezichthouder,
        gemeenten=[ede],
        kennisbank_paginas=[open_norm, group_norm, concept_norm, concept_kader],
        bron_pagina=concept_part,
        bron="Bron onder het ingetrokken kader",
    )
    ToezichtsgebiedFactory(
        toezichthouder=toezichthouder,
        gemeenten=[ede],
        aspect=Toezichtsgebied.Aspect.CALAMITEITENMELDINGEN,
        taken=["ontvangen"],
        meldtermijn="Binnen drie werkdagen",
        kennisbank_paginas=[concept_part],
        bron_pagina=open_kader,
        bron="Bron in het openbare kader",
    )
    canaries.register(CONCEPT, lambda user: False)
    canaries.register(GROUP, lambda user: role_of(user) in IN_GROUP)
    return {
        "open_kader": open_kader,
        "open_norm": open_norm,
        "group_kader": group_kader,
        "group_norm": group_norm,
        "concept_kader": concept_kader,
        "concept_part": concept_part,
        "concept_norm": concept_norm,
    }


def expected_links(role):
    """The probe's pages that a rendered answer links: the remits' linked pages and sources."""
    names = {"open_norm", "open_kader"}
    if role in IN_GROUP:
        names.add("group_norm")
    return names


def _linked(remits, html):
    by_url = {page.url: name for name, page in remits.items()}
    return {by_url[href] for href in HREF.findall(html) if href in by_url}


def _pages():
    overzicht = OverzichtPage.objects.live().get().url
    return [
        f"/wie-houdt-toezicht/?gemeente={EDE}",
        f"{overzicht}?gemeente={EDE}",
        overzicht,
        "/wie-houdt-toezicht/toezichthouders/gebiedsproef/",
    ]


@for_every_role
def test_answers_link_only_the_pages_the_user_may_see(client, remits, demo_user, role, user):
    for url in _pages():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert _linked(remits, html) == expected_links(role), url
        for hidden in ("concept_kader", "concept_part", "concept_norm"):
            assert remits[hidden].url not in html, (url, hidden)


@for_every_role
def test_the_navigator_lists_the_linked_pages_by_their_exact_titles(client, remits, demo_user, role, user):
    html = client.get(f"/wie-houdt-toezicht/?gemeente={EDE}").content.decode()
    section = html.split("Kaders, normen en handreikingen", 1)[1]
    listed = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', section.split("</ul>", 1)[0])
    # The seeded remits that also cover Ede link pages of their own; ours are those of the probe.
    ours = {page.url for page in remits.values()}
    expected = {(remits[n].url, remits[n].title) for n in expected_links(role) - {"open_kader"}}
    assert {(url, title) for url, title in listed if url in ours} == expected


@for_every_role
def test_graphql_names_only_the_pages_the_user_may_see(client, graphql, remits, demo_user, role, user):
    advies = graphql(ADVIES, {"g": EDE})["data"]["wieHoudtToezicht"]
    kaders = {(k["titel"], "/" + k["url"].split("/", 3)[3]) for k in advies["kaders"]}
    ours = {k for k in kaders if k[1] in {page.url for page in remits.values()}}
    expected = {(remits[n].title, remits[n].url) for n in expected_links(role) - {"open_kader"}}
    assert ours == expected
    bronnen = {
        t["bronUrl"] and "/" + t["bronUrl"].split("/", 3)[3]
        for t in advies["toezichthouders"]
        if t["naam"] == "Toezichthouder van de gebiedsproef"
    }
    assert bronnen == {None, remits["open_kader"].url}
