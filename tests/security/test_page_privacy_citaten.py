"""Probe of issues 8 and 9: a citation copies the title of the document it cites ("Toezicht Wmo
GGD Rotterdam-Rijnmond, Toezichtskader … 2025 (Gemeenteblad Rotterdam, 2025), Toezichtsvormen
1.2"), also where that document is not the line's own source page: the tasks of every
municipality's own Wmo supervisor, the first step of a complaint. With the seeded framework
restricted to a group, no answer, supervisor page or GraphQL field names it to anyone outside
that group; its members and the superuser read every citation in full.
"""

import pytest
from wagtail.models import PageViewRestriction

from visual.models import OverzichtPage
from visual.models.toezicht import BRON_NIET_OPENBAAR

from .every_role import IN_GROUP, for_every_role, restricting_group, role_of

pytestmark = pytest.mark.django_db

KADER = "rotterdam-rijnmond-2025"
# Ede lies outside the GGD region and has no designation in the register: its answers are the
# lines of every municipality's own supervisor, whose task sources cite the framework.
EDE = "GM0228"
ROTTERDAM = "GM0599"
ADVIES = """query($g: String!, $s: String) { wieHoudtToezicht(gemeente: $g, situatie: $s) {
  eerst toezichthouders { naam bron takenMetBron { bron } } meldenBij { bron meldplichten { bron } } } }"""
GEBIEDEN = "{ toezichtsgebieden { slug bron } toezichthouders { bron bronUrl } }"


@pytest.fixture
def beperkt(seeded, canaries):
    kader = seeded[KADER]
    restriction = PageViewRestriction.objects.create(page=kader, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(restricting_group())
    canaries.register(kader.title, lambda user: role_of(user) in IN_GROUP)
    return kader


def _paginas():
    overzicht = OverzichtPage.objects.live().get().url
    return [
        *(
            f"/wie-houdt-toezicht/?gemeente={g}&situatie={s}"
            for g in (EDE, ROTTERDAM)
            for s in ("calamiteit", "klacht")
        ),
        f"/wie-houdt-toezicht/?gemeente={EDE}",
        f"{overzicht}?gemeente={EDE}",
        overzicht,
        "/wie-houdt-toezicht/toezichthouders/toezichthouder-wmo-van-de-gemeente/",
    ]


@for_every_role
def test_no_page_names_the_restricted_framework_outside_its_group(client, beperkt, demo_user, role, user):
    for url in _paginas():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert (beperkt.title in html) == (role in IN_GROUP), (url, role)
        if role not in IN_GROUP:
            assert str(BRON_NIET_OPENBAAR) in html, url


@for_every_role
def test_graphql_names_the_restricted_framework_only_to_its_group(client, graphql, beperkt, demo_user, role, user):
    for situatie in ("calamiteit", "klacht"):
        advies = graphql(ADVIES, {"g": EDE, "s": situatie})["data"]["wieHoudtToezicht"]
        citaten = [advies["eerst"]]
        for t in advies["toezichthouders"]:
            citaten += [t["bron"], *(x["bron"] for x in t["takenMetBron"])]
        for m in advies["meldenBij"]:
            citaten += [m["bron"], *(p["bron"] for p in m["meldplichten"])]
        assert any(beperkt.title in c for c in citaten) == (role in IN_GROUP), (situatie, role)
    data = graphql(GEBIEDEN)["data"]
    for bronnen in ([g["bron"] for g in data["toezichtsgebieden"]], [t["bron"] for t in data["toezichthouders"]]):
        assert any(beperkt.title in b for b in bronnen) == (role in IN_GROUP)
