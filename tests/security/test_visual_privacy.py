"""Who supervises what: restricted kennisbank pages and designations that were not approved
never show, on any channel (navigator, overview, supervisor page, register, GraphQL)."""

from datetime import date

from django.contrib.auth.models import Group

import pytest
from wagtail.models import PageViewRestriction

from kennisbank.models import ToezichtkaderPage
from portal.models import Organisatie, User
from portal.roles import GEMEENTE
from visual.keuzes import vind_gemeente
from visual.models import Aanwijzing, OverzichtPage, Toezichthouder

pytestmark = pytest.mark.django_db

CANARY = "KANARIE-91c2-vertrouwelijk-kader"
GEHEIM = "GGD-KANARIE-nog-niet-beoordeeld"
ADVIES = """query($g: String!) { wieHoudtToezicht(gemeente: $g) {
  toezichthouders { naam bron } meldenBij { naam bron } kaders { titel url } onbekend } }"""


@pytest.fixture
def vertrouwelijk(seeded):
    """The Rotterdam-Rijnmond framework for the Toezichthouder group only; a designation in
    Lansingerland waiting for review."""
    kader = ToezichtkaderPage.objects.get(slug="rotterdam-rijnmond-2025")
    kader.title = f"{CANARY} {kader.title}"
    kader.save_revision().publish()
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
        toelichting=CANARY,
        ingediend_door=ambtenaar,
    )
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
    ]
    texts = [client.get(url).content.decode() for url in pages]
    for gemeente in ("Rotterdam", "Lansingerland"):
        texts.append(str(graphql(ADVIES, {"g": gemeente})))
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
        assert "https://example.org/geheim" not in alles, role


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
        assert (CANARY in client.get(url).content.decode()) == ziet
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
