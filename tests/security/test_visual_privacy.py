"""Who supervises what: restricted kennisbank pages and designations that were not approved
never show, on any channel (navigator, overview, supervisor page, register, exports, GraphQL).
A remit's citation copies its source's title, so where the source is restricted the citation
does not show either. The canaries are registered with the suite-wide check (tests/canary.py),
so every response of these tests is searched for them, not only the ones asserted here."""

from datetime import date

from django.contrib.auth.models import Group
from django.db.models import Q

import pytest
from wagtail.models import Page, PageViewRestriction

from kennisbank.models import ToezichtkaderPage
from portal.models import Organisatie, User
from portal.roles import GEMEENTE
from visual.keuzes import vind_gemeente
from visual.models import Aanwijzing, OverzichtPage, Toezichthouder, Toezichtsgebied

pytestmark = pytest.mark.django_db

CANARY = "KANARIE-91c2-vertrouwelijk-kader"
TOELICHTING = "KANARIE-91c3-toelichting-aanwijzing"
# The pending supervisor's name is public on its own page, so it is checked per channel below
# rather than registered.
GEHEIM = "GGD-KANARIE-nog-niet-beoordeeld"
ADVIES = """query($g: String!) { wieHoudtToezicht(gemeente: $g) {
  toezichthouders { naam bron bronUrl } meldenBij { naam bron } kaders { titel url } onbekend } }"""
GEBIEDEN = "{ toezichtsgebieden { slug bron bronUrl } }"


def _may_see_the_framework(user):
    return bool(
        user is not None
        and user.is_authenticated
        and (user.is_superuser or user.groups.filter(name="Toezichthouder").exists())
    )


@pytest.fixture
def vertrouwelijk(seeded, demo_user, canaries):
    """The Rotterdam-Rijnmond framework for the Toezichthouder group only, its title (and so
    the citations that copy it) with a canary; a designation in Lansingerland waiting for review."""
    kader = ToezichtkaderPage.objects.get(slug="rotterdam-rijnmond-2025")
    titel = kader.title
    kader.title = f"{CANARY} {titel}"
    kader.save_revision().publish()
    for gebied in Toezichtsgebied.objects.filter(bron__contains=titel):
        gebied.bron = gebied.bron.replace(titel, kader.title)
        gebied.save()
    restriction = PageViewRestriction.objects.create(page=kader, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Toezichthouder"))
    ambtenaar = User.objects.create_user(
        "wmo@lansingerland.example",
        "x-wachtwoord-1",
        organisatie=Organisatie.objects.get(naam="Gemeente Lansingerland"),
    )
    ambtenaar.groups.add(Group.objects.get(name=GEMEENTE))
    geheim = Toezichthouder.objects.create(slug="ggd-kanarie", naam=GEHEIM, niveau="regionaal", soort="regionaal")
    aanwijzing = Aanwijzing.objects.create(
        gemeente=vind_gemeente("Lansingerland"),
        toezichthouder=geheim,
        besluit_datum=date(2026, 2, 1),
        besluit_url="https://example.org/geheim",
        toelichting=TOELICHTING,
        ingediend_door=ambtenaar,
    )
    canaries.register(CANARY, _may_see_the_framework)
    register = {ambtenaar.pk, demo_user("redacteur").pk}
    canaries.register(TOELICHTING, lambda user: getattr(user, "pk", None) in register)
    return kader, ambtenaar, aanwijzing


def _kanalen(client, graphql):
    overzicht = OverzichtPage.objects.live().get().url
    pages = [
        "/wie-houdt-toezicht/?gemeente=Rotterdam",
        "/wie-houdt-toezicht/?gemeente=Rotterdam&situatie=calamiteit",
        "/wie-houdt-toezicht/?gemeente=Lansingerland",
        f"{overzicht}?gemeente=Rotterdam",
        f"{overzicht}?gemeente=Lansingerland",
        "/wie-houdt-toezicht/toezichthouders/toezicht-wmo-ggd-rotterdam-rijnmond/",
        "/wie-houdt-toezicht/toezichthouders/ggd-kanarie/",
        "/wie-houdt-toezicht/overzicht.svg?gemeente=Lansingerland",
        "/wie-houdt-toezicht/aanwijzingen/dekking/",
        "/wie-houdt-toezicht/aanwijzingen/dekking.csv",
        "/wie-houdt-toezicht/aanwijzingen/dekking.json",
        "/wie-houdt-toezicht/aanwijzingen/aanwijzingen.json",
        "/wie-houdt-toezicht/overzicht.svg?gemeente=Rotterdam",
        "/wie-houdt-toezicht/overzicht.svg",
        overzicht,
    ]
    texts = [client.get(url).content.decode() for url in pages]
    for gemeente in ("Rotterdam", "Lansingerland"):
        texts.append(str(graphql(ADVIES, {"g": gemeente})))
    texts.append(str(graphql(GEBIEDEN)))
    return "\n".join(texts)


# Building the fixture is the costly part (restricting a framework reindexes it), so one
# test goes through every role on it.
ROLLEN = [(None, False), ("professional", False), ("gemeente", False), ("toezichthouder", True), ("beheerder", True)]


def test_restricted_framework_and_pending_designation_over_channels(client, graphql, demo_user, vertrouwelijk):
    kader, _ambtenaar, _aanwijzing = vertrouwelijk
    for role, ziet_kader in ROLLEN:
        client.logout()
        if role:
            client.force_login(demo_user(role))
        alles = _kanalen(client, graphql)
        assert (CANARY in alles) == ziet_kader, role
        assert (kader.url in alles) == ziet_kader, role
        # The citations are there all the same, without the framework's title.
        assert ("niet openbaar: een pagina van de kennisbank die voor u niet zichtbaar is" in alles) != ziet_kader
        assert "https://example.org/geheim" not in alles, role
        assert TOELICHTING not in alles, role


def test_a_remit_cites_its_restricted_source_only_for_who_may_see_it(client, graphql, demo_user, vertrouwelijk):
    kader, _ambtenaar, _aanwijzing = vertrouwelijk
    # Sources in the framework's subtree, and forms of supervision and procedures of it.
    bron_in_kader = Q(bron_pagina__path__startswith=kader.path) | Q(
        bron_pagina__in=Page.objects.filter(Q(toezichtsvormpage__kader=kader) | Q(procedurepage__kader=kader))
    )
    bronnen = dict(Toezichtsgebied.objects.values_list("slug", "bron"))
    verborgen = set(Toezichtsgebied.objects.filter(bron_in_kader).values_list("slug", flat=True))
    assert {slug for slug, bron in bronnen.items() if CANARY in bron} <= verborgen
    assert len(verborgen) >= 10
    for role, ziet_kader in ROLLEN:
        client.logout()
        answer = graphql(GEBIEDEN, user=demo_user(role) if role else None)
        shown = {g["slug"]: (g["bron"], g["bronUrl"]) for g in answer["data"]["toezichtsgebieden"]}
        if ziet_kader:
            niet_openbaar = {}
        else:
            niet_openbaar = {
                slug: ("niet openbaar: een pagina van de kennisbank die voor u niet zichtbaar is", "")
                for slug in verborgen
            }
        urls = dict(Toezichtsgebied.objects.values_list("slug", "bron_url"))
        assert shown == {slug: (bron, urls[slug]) for slug, bron in bronnen.items()} | niet_openbaar, role


def test_pending_designation_only_in_the_register_for_its_municipality_and_editors(client, demo_user, vertrouwelijk):
    _kader, ambtenaar, aanwijzing = vertrouwelijk
    url = f"/wie-houdt-toezicht/aanwijzingen/{aanwijzing.pk}/"
    for user, ziet in (
        (ambtenaar, True),
        (demo_user("redacteur"), True),
        (demo_user("gemeente"), False),
        (demo_user("toezichthouder"), False),
    ):
        client.force_login(user)
        lijst = client.get("/wie-houdt-toezicht/aanwijzingen/").content.decode()
        assert (TOELICHTING in client.get(url).content.decode()) == ziet
        assert (url in lijst) == ziet
        assert client.get(url).status_code == (200 if ziet else 404)
    client.logout()
    assert client.get(url).status_code == 302


def test_answers_never_name_the_pending_designation(client, graphql, demo_user, vertrouwelijk):
    for role in (None, "redacteur", "gemeente"):
        if role:
            client.force_login(demo_user(role))
        for url in (
            "/wie-houdt-toezicht/?gemeente=Lansingerland",
            f"{OverzichtPage.objects.live().get().url}?gemeente=Lansingerland",
            "/wie-houdt-toezicht/overzicht.svg?gemeente=Lansingerland",
        ):
            assert GEHEIM not in client.get(url).content.decode(), (role, url)
        assert GEHEIM not in str(graphql(ADVIES, {"g": "Lansingerland"}))
        # The supervisor itself is public; that Lansingerland designated it is not, yet.
        page = client.get("/wie-houdt-toezicht/toezichthouders/ggd-kanarie/").content.decode()
        assert GEHEIM in page
        assert "Lansingerland" not in page and "example.org/geheim" not in page
