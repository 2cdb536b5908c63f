"""A supervisor's source and a situation's first step link to their kennisbank page, as a
remit's do, and only where the reader may see that page (portal/privacy.py)."""

from django.contrib.auth.models import Group
from django.utils.html import escape

import pytest
from wagtail.models import Page, PageViewRestriction

from portal.models import User
from visual.models import Situatie, Toezichthouder
from visual.models.toezicht import BRON_NIET_OPENBAAR

pytestmark = pytest.mark.django_db

RR = "rotterdam-rijnmond-2025"
TSD = "toezicht-sociaal-domein-tsd"
JAARBEELD = "jaarbeeld-2016-beleid-in-de-praktijk"
PAGINAS = {
    "toezicht-wmo-ggd-rotterdam-rijnmond": RR,
    "toezichthouder-wmo-van-de-gemeente": "melden-calamiteiten-wmo",
    "gemeente-toezicht-rechtmatigheid": "toezicht-op-rechtmatigheid-sociaal-domein",
    "rekenkamer-van-de-gemeente": RR,
    "igj": TSD,
    "inspectie-justitie-en-veiligheid": TSD,
    "inspectie-van-het-onderwijs": TSD,
    "nederlandse-arbeidsinspectie": TSD,
    "toezicht-sociaal-domein": TSD,
    "nationale-ombudsman": RR,
    "inspectie-voor-de-gezondheidszorg": JAARBEELD,
    "inspectie-jeugdzorg": JAARBEELD,
    "inspectie-veiligheid-en-justitie": JAARBEELD,
    "inspectie-szw": JAARBEELD,
}
BRON_URLS = "{ toezichthouders { slug bronUrl } }"


def _url(slug):
    return Page.objects.get(slug=slug).url


@pytest.fixture
def beperkt(seeded):
    """The Rotterdam-Rijnmond framework for the Toezichthouder group only, and a member."""
    kader = Page.objects.get(slug=RR)
    restriction = PageViewRestriction.objects.create(page=kader, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Toezichthouder"))
    lid = User.objects.create_user("inspecteur@toezicht.example", "x-wachtwoord-1")
    lid.groups.add(Group.objects.get(name="Toezichthouder"))
    return lid


def test_every_supervisors_source_has_its_kennisbank_page(seeded):
    gekregen = {t.slug: t.bron_pagina.slug if t.bron_pagina else None for t in Toezichthouder.objects.all()}
    assert gekregen == PAGINAS
    assert Situatie.objects.get(slug="klacht").eerste_stap_bron_pagina.slug == RR
    assert set(Situatie.objects.exclude(eerste_stap_bron_pagina=None).values_list("slug", flat=True)) == {"klacht"}


def test_the_supervisor_page_links_its_source(client, seeded):
    igj = Toezichthouder.objects.get(slug="igj")
    html = client.get("/wie-houdt-toezicht/toezichthouders/igj/").content.decode()
    assert f'<dd><a href="{_url(TSD)}">{escape(igj.bron)}</a></dd>' in html


def test_graphql_gives_each_supervisors_source_url(graphql, seeded):
    data = graphql(BRON_URLS)["data"]["toezichthouders"]
    verwacht = {slug: f"http://testserver{_url(p)}" for slug, p in PAGINAS.items()}
    assert {t["slug"]: t["bronUrl"] for t in data} == verwacht


def test_a_restricted_source_page_is_linked_only_for_who_may_see_it(client, graphql, beperkt):
    ggd = Toezichthouder.objects.get(slug="toezicht-wmo-ggd-rotterdam-rijnmond")
    pagina = "/wie-houdt-toezicht/toezichthouders/toezicht-wmo-ggd-rotterdam-rijnmond/"
    # Hidden: the citations with the framework as their source page, and those that copy its
    # title while their source page is another (a Move page that quotes the framework).
    titel = Page.objects.get(slug=RR).title
    verborgen = {slug for slug, p in PAGINAS.items() if p == RR} | {
        t.slug for t in Toezichthouder.objects.all() if titel in t.bron
    }
    assert verborgen > {slug for slug, p in PAGINAS.items() if p == RR}
    anoniem = {t["slug"]: t["bronUrl"] for t in graphql(BRON_URLS)["data"]["toezichthouders"]}
    assert {slug for slug, url in anoniem.items() if url is None} == verborgen
    html = client.get(pagina).content.decode()
    # As a remit's citation: it copies the hidden page's title, so neither title nor link shows.
    assert _url(RR) not in html and ggd.bron not in html
    assert f"<dt>Bron</dt><dd>{escape(str(BRON_NIET_OPENBAAR))}</dd>" in html
    bronnen = {t["slug"]: t["bron"] for t in graphql("{ toezichthouders { slug bron } }")["data"]["toezichthouders"]}
    assert {slug for slug, bron in bronnen.items() if bron == str(BRON_NIET_OPENBAAR)} == verborgen
    klacht = client.get("/wie-houdt-toezicht/?gemeente=Rotterdam&situatie=klacht").content.decode()
    assert _url(RR) not in klacht
    eerst = graphql('{ wieHoudtToezicht(gemeente: "Rotterdam", situatie: "klacht") { eerstBronUrl } }')
    assert eerst["data"]["wieHoudtToezicht"]["eerstBronUrl"] is None

    lid = {t["slug"]: t["bronUrl"] for t in graphql(BRON_URLS, user=beperkt)["data"]["toezichthouders"]}
    assert {slug for slug, url in lid.items() if url is None} == set()
    client.force_login(beperkt)
    assert f'<dd><a href="{_url(RR)}">{escape(ggd.bron)}</a></dd>' in client.get(pagina).content.decode()


def test_the_first_step_links_its_source(client, graphql, seeded):
    klacht = Situatie.objects.get(slug="klacht")
    html = client.get("/wie-houdt-toezicht/?gemeente=Rotterdam&situatie=klacht").content.decode()
    assert f'<a href="{_url(RR)}">{escape(klacht.eerste_stap_bron)}</a>' in html
    eerst = graphql('{ wieHoudtToezicht(gemeente: "Rotterdam", situatie: "klacht") { eerstBronUrl } }')
    assert eerst["data"]["wieHoudtToezicht"]["eerstBronUrl"] == f"http://testserver{_url(RR)}"


def test_the_sources_of_tasks_and_reporters_hide_a_restricted_title(client, beperkt):
    from visual.keuzes import vind_gemeente, vind_situatie
    from visual.navigator import toezicht_voor

    rotterdam, geweld = vind_gemeente("Rotterdam"), vind_situatie("geweld")
    anoniem = toezicht_voor(rotterdam, situatie=geweld)
    ggd = [r for r in anoniem.toezichthouders if r.toezichthouder.slug == "toezicht-wmo-ggd-rotterdam-rijnmond"]
    assert [set(r.taakbronnen.values()) for r in ggd] == [{str(BRON_NIET_OPENBAAR)}]
    html = client.get("/wie-houdt-toezicht/?gemeente=Rotterdam&situatie=geweld").content.decode()
    assert "Toezichtsvormen 1.2 Toezicht op calamiteiten en geweldsincidenten, werkwijze" not in html
    lid = toezicht_voor(rotterdam, situatie=geweld, user=beperkt)
    ggd = [r for r in lid.toezichthouders if r.toezichthouder.slug == "toezicht-wmo-ggd-rotterdam-rijnmond"]
    assert "Toezichtsvormen 1.2" in ggd[0].taakbronnen["beoordelen"]
    # The Jeugdwet reporters' sources name public pages: they stay.
    jeugd = [r for r in anoniem.melden_bij if r.toezichthouder.slug == "igj"]
    assert [m["bron"] for m in jeugd[0].meldplichten][0] == (
        "Redactie, op basis van Jeugdwet art. 4.1.8 lid 1 (wetten.overheid.nl)"
    )
