"""The register of designations as the national answer to "has this municipality
designated its Wmo supervisor, and whom?": a coverage view and the approved designations
as CSV, JSON and GraphQL, licensed and dated. Unapproved ones never appear."""

import csv
import io
import json
from datetime import date

import pytest

from visual.keuzes import vind_gemeente
from visual.models import Aanwijzing, Toezichthouder

pytestmark = pytest.mark.django_db

GGD = "toezicht-wmo-ggd-rotterdam-rijnmond"


@pytest.fixture
def aanwijzingen(seeded, demo_user):
    ggd = Toezichthouder.objects.get(slug=GGD)
    goed = Aanwijzing.objects.create(
        gemeente=vind_gemeente("Lansingerland"),
        toezichthouder=ggd,
        besluit_datum=date(2026, 3, 1),
        besluit_url="https://zoek.officielebekendmakingen.nl/gmb-2026-1.html",
        ingediend_door=demo_user("gemeente"),
    )
    goed.beoordeel(demo_user("redacteur"), goedkeuren=True)
    Aanwijzing.objects.create(
        gemeente=vind_gemeente("Ede"),
        toezichthouder=ggd,
        besluit_datum=date(2026, 2, 1),
        besluit_url="https://zoek.officielebekendmakingen.nl/gmb-2026-2.html",
        ingediend_door=demo_user("gemeente"),
    )
    return goed


VERWACHT = {
    "gemeentecode": "GM1621",
    "gemeente": "Lansingerland",
    "ggd_regio": "GGD Rotterdam-Rijnmond",
    "provincie": "",
    "toezichthouder": GGD,
    "toezichthouder_naam": "Toezicht Wmo GGD Rotterdam-Rijnmond",
    "toezichthouder_soort": "regionaal",
    "voorzieningsoorten": "",
    "voorzieningen": "alle Wmo-voorzieningen",
    "besluit_datum": "2026-03-01",
    "besluit_url": "https://zoek.officielebekendmakingen.nl/gmb-2026-1.html",
    "geldig_vanaf": "",
    "geldig_tot": "",
}


def _zonder_goedkeuringsdatum(rij):
    assert rij.pop("goedgekeurd_op") == date.today().isoformat()
    return rij


def test_csv_holds_the_approved_designations_only(client, aanwijzingen):
    response = client.get("/wie-houdt-toezicht/aanwijzingen/aanwijzingen.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "creativecommons.org/licenses/by/4.0" in response["Link"]
    rijen = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [_zonder_goedkeuringsdatum(r) for r in rijen] == [VERWACHT]


def test_json_is_licensed_and_dated(client, aanwijzingen):
    data = json.loads(client.get("/wie-houdt-toezicht/aanwijzingen/aanwijzingen.json").content)
    assert data["licentie"] == "CC BY 4.0" and data["peildatum"] == date.today().isoformat()
    assert "CBS" in data["bron"]
    assert [_zonder_goedkeuringsdatum(r) for r in data["aanwijzingen"]] == [VERWACHT]
    before = json.loads(client.get("/wie-houdt-toezicht/aanwijzingen/aanwijzingen.json?peildatum=2026-01-01").content)
    assert [r["gemeente"] for r in before["aanwijzingen"]] == ["Lansingerland"]
    bad = client.get("/wie-houdt-toezicht/aanwijzingen/aanwijzingen.json?peildatum=gisteren")
    assert bad.status_code == 400 and "Ongeldige peildatum" in bad.content.decode()


def test_graphql_gives_the_same(graphql, aanwijzingen):
    data = graphql(
        "{ aanwijzingen { gemeentecode toezichthouder toezichthouderSoort voorzieningsoorten besluitDatum "
        "besluitUrl } }"
    )["data"]
    assert data["aanwijzingen"] == [
        {
            "gemeentecode": "GM1621",
            "toezichthouder": GGD,
            "toezichthouderSoort": "regionaal",
            "voorzieningsoorten": [],
            "besluitDatum": "2026-03-01",
            "besluitUrl": "https://zoek.officielebekendmakingen.nl/gmb-2026-1.html",
        }
    ]


def test_coverage_view_counts_by_region(client, aanwijzingen):
    html = client.get("/wie-houdt-toezicht/aanwijzingen/dekking/").content.decode()
    assert "van de 342 gemeenten: 1 met een goedgekeurd aanwijzingsbesluit in dit register, 13 met een" in html
    assert '<th scope="row">GGD Rotterdam-Rijnmond</th><td>13</td><td>1 (8%): Lansingerland</td>' in html
    # Ede's designation waits for review: its region shows nothing known.
    assert (
        '<th scope="row">Veiligheids- en Gezondheidsregio Gelderland-Midden</th><td>15</td><td>0 (0%)</td>'
        "<td>0 (0%)</td><td>15 (100%)</td>"
    ) in html
    assert "aanwijzingen.csv" in html and "aanwijzingen.json" in html
