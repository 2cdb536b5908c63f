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


def _goedkeuring(aanwijzing):
    return aanwijzing.wijzigingen.get(actie="goedgekeurd").tijdstip


def test_the_csv_is_dated_and_described_beside_it(client, aanwijzingen):
    from django.utils.http import http_date

    response = client.get("/wie-houdt-toezicht/aanwijzingen/aanwijzingen.csv")
    vandaag = date.today()
    assert response["Content-Disposition"] == f'attachment; filename="aanwijzingen-wmo-toezicht-{vandaag:%Y%m%d}.csv"'
    assert response["Last-Modified"] == http_date(_goedkeuring(aanwijzingen).timestamp())
    assert response["Link"] == (
        '<https://creativecommons.org/licenses/by/4.0/deed.nl>; rel="license", '
        '<http://testserver/wie-houdt-toezicht/aanwijzingen/aanwijzingen.csv-metadata.json>; rel="describedby"; '
        'type="application/csvm+json"'
    )
    # The file stays a plain CSV: the import reads it (tests/visual/test_import.py).
    assert response.content.decode().splitlines()[0].startswith("gemeentecode,gemeente,ggd_regio,")
    oud = client.get("/wie-houdt-toezicht/aanwijzingen/aanwijzingen.csv?peildatum=2026-01-01")
    assert oud["Content-Disposition"] == 'attachment; filename="aanwijzingen-wmo-toezicht-20260101.csv"'
    assert "aanwijzingen.csv-metadata.json?peildatum=2026-01-01>" in oud["Link"]


def test_a_designation_starting_later_dates_the_data_from_that_day(client, aanwijzingen, demo_user):
    from datetime import datetime

    from django.utils import timezone
    from django.utils.http import http_date

    later = Aanwijzing.objects.create(
        gemeente=vind_gemeente("Westland"),
        toezichthouder=Toezichthouder.objects.get(slug=GGD),
        besluit_datum=date(2026, 3, 1),
        besluit_url="https://zoek.officielebekendmakingen.nl/gmb-2026-5.html",
        geldig_vanaf=date(2030, 1, 1),
        ingediend_door=demo_user("gemeente"),
    )
    # Waiting for review changes nothing in the data, nor its date.
    vooraf = client.get("/wie-houdt-toezicht/aanwijzingen/aanwijzingen.csv")
    assert vooraf["Last-Modified"] == http_date(_goedkeuring(aanwijzingen).timestamp())
    later.beoordeel(demo_user("redacteur"), goedkeuren=True)
    assert client.get("/wie-houdt-toezicht/aanwijzingen/aanwijzingen.csv")["Last-Modified"] == http_date(
        _goedkeuring(later).timestamp()
    )
    in_2030 = client.get("/wie-houdt-toezicht/aanwijzingen/aanwijzingen.json?peildatum=2030-06-01")
    begin = timezone.make_aware(datetime(2030, 1, 1))
    assert in_2030["Last-Modified"] == http_date(begin.timestamp())
    data = json.loads(in_2030.content)
    assert data["bijgewerkt_op"] == begin.isoformat()
    assert [r["gemeente"] for r in data["aanwijzingen"]] == ["Lansingerland", "Westland"]


def test_the_csv_metadata_describes_every_column_from_the_same_list(client, aanwijzingen):
    from visual.importeren import VERPLICHT
    from visual.opendata import KOLOMMEN

    response = client.get("/wie-houdt-toezicht/aanwijzingen/aanwijzingen.csv-metadata.json?peildatum=2026-06-01")
    assert response.status_code == 200 and response["Content-Type"] == "application/csvm+json"
    assert response["Content-Disposition"] == (
        'attachment; filename="aanwijzingen-wmo-toezicht.csv-metadata-20260601.json"'
    )
    metadata = json.loads(response.content)
    kolommen = metadata.pop("tableSchema")["columns"]
    assert metadata == {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "nl"}],
        "url": "http://testserver/wie-houdt-toezicht/aanwijzingen/aanwijzingen.csv?peildatum=2026-06-01",
        "dc:title": "Aanwijzingen van toezichthouders Wmo (art. 6.1 Wmo 2015)",
        "dc:publisher": "Toezichtportaal Sociaal Domein",
        "dc:license": {"@id": "https://creativecommons.org/licenses/by/4.0/deed.nl"},
        "dc:rights": "CC BY 4.0",
        "dc:source": metadata["dc:source"],
        "dc:temporal": "2026-06-01",
        "dc:created": date.today().isoformat(),
        "dc:modified": _goedkeuring(aanwijzingen).isoformat(),
        "dialect": {"encoding": "utf-8", "delimiter": ",", "header": True},
    }
    assert "CBS, Gebieden in Nederland 2023" in metadata["dc:source"]
    header = client.get("/wie-houdt-toezicht/aanwijzingen/aanwijzingen.csv").content.decode().splitlines()[0]
    assert [k["name"] for k in kolommen] == header.split(",") == [k.naam for k in KOLOMMEN]
    assert {k["name"] for k in kolommen if k.get("required")} == set(VERPLICHT)
    assert {k["name"]: k["datatype"] for k in kolommen if k["datatype"] != "string"} == {
        "besluit_datum": "date",
        "besluit_url": "anyURI",
        "geldig_vanaf": "date",
        "geldig_tot": "date",
        "goedgekeurd_op": "date",
    }
    assert [k["name"] for k in kolommen if "separator" in k] == ["voorzieningsoorten"]
    assert all(k["dc:description"] for k in kolommen)
    bad = client.get("/wie-houdt-toezicht/aanwijzingen/aanwijzingen.csv-metadata.json?peildatum=morgen")
    assert bad.status_code == 400 and "Ongeldige peildatum" in bad.content.decode()


def test_the_coverage_csv_has_its_metadata_too_but_no_change_date(client, aanwijzingen):
    from visual.opendata import DEKKING_KOLOMMEN

    response = client.get("/wie-houdt-toezicht/aanwijzingen/dekking.csv")
    assert "Last-Modified" not in response
    assert (
        '<http://testserver/wie-houdt-toezicht/aanwijzingen/dekking.csv-metadata.json>; rel="describedby"'
        in (response["Link"])
    )
    metadata = json.loads(client.get("/wie-houdt-toezicht/aanwijzingen/dekking.csv-metadata.json").content)
    assert "dc:modified" not in metadata and metadata["dc:license"]["@id"].startswith("https://creativecommons.org")
    assert [k["name"] for k in metadata["tableSchema"]["columns"]] == [k.naam for k in DEKKING_KOLOMMEN]
    assert response.content.decode().splitlines()[0] == ",".join(k.naam for k in DEKKING_KOLOMMEN)


REGISTER = """query($p: String) { aanwijzingsregister(peildatum: $p) {
  titel licentie licentieUrl bron peildatum gemaaktOp bijgewerktOp csvUrl metadataUrl
  aanwijzingen { gemeentecode toezichthouder voorzieningsoorten besluitDatum }
  categorieen { categorie gemeenten }
  dekking { gemeente categorie toezichthouder besluitUrl bron } } }"""


def test_graphql_gives_licence_date_and_source_with_the_data(graphql, aanwijzingen):
    register = graphql(REGISTER, {"p": "2026-06-01"})["data"]["aanwijzingsregister"]
    dekking = {d["gemeente"]: d for d in register.pop("dekking")}
    assert register == {
        "titel": "Aanwijzingen van toezichthouders Wmo (art. 6.1 Wmo 2015)",
        "licentie": "CC BY 4.0",
        "licentieUrl": "https://creativecommons.org/licenses/by/4.0/deed.nl",
        "bron": register["bron"],
        "peildatum": "2026-06-01",
        "gemaaktOp": date.today().isoformat(),
        "bijgewerktOp": _goedkeuring(aanwijzingen).isoformat(),
        "csvUrl": "http://testserver/wie-houdt-toezicht/aanwijzingen/aanwijzingen.csv?peildatum=2026-06-01",
        "metadataUrl": "http://testserver/wie-houdt-toezicht/aanwijzingen/aanwijzingen.csv-metadata.json"
        "?peildatum=2026-06-01",
        "aanwijzingen": [
            {"gemeentecode": "GM1621", "toezichthouder": GGD, "voorzieningsoorten": [], "besluitDatum": "2026-03-01"}
        ],
        "categorieen": [
            {"categorie": "register", "gemeenten": 1},
            {"categorie": "toezichtskader", "gemeenten": 13},
            {"categorie": "niet-bekend", "gemeenten": 328},
        ],
    }
    assert register["bron"].startswith("Bron: Toezichtportaal Sociaal Domein, aanwijzingsregister")
    assert len(dekking) == 342
    assert dekking["Lansingerland"] == {
        "gemeente": "Lansingerland",
        "categorie": "register",
        "toezichthouder": [GGD],
        "besluitUrl": ["https://zoek.officielebekendmakingen.nl/gmb-2026-1.html"],
        "bron": [],
    }
    leeg = {"toezichthouder": [], "besluitUrl": [], "bron": []}
    assert dekking["Ede"] == {"gemeente": "Ede", "categorie": "niet-bekend", **leeg}
    fout = graphql(REGISTER, {"p": "2026-02-30"})
    assert fout["data"] is None and "Ongeldige peildatum" in fout["errors"][0]["message"]
