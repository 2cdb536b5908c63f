"""A reference date (peildatum): who supervised on that day, on the page, the overview, its
exports and through GraphQL; bad dates are a Dutch 400 or GraphQL error."""

import re
from datetime import date

import pytest

from visual.keuzes import OngeldigeKeuze, vind_peildatum
from visual.models import OverzichtPage

pytestmark = pytest.mark.django_db

IJZ = "Inspectie Jeugdzorg"
IGJ = "Inspectie Gezondheidszorg en Jeugd"
QUERY = """query($g: String!, $w: String, $p: String) {
  wieHoudtToezicht(gemeente: $g, wet: $w, peildatum: $p) {
    peildatum toezichthouders { naam } beeindigd } }"""


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2016-06-01", date(2016, 6, 1)),
        ("01-06-2016", date(2016, 6, 1)),
        (" 2016-06-01 ", date(2016, 6, 1)),
        ("", None),
    ],
)
def test_dates_are_read_in_both_dutch_ways(value, expected):
    assert vind_peildatum(value) == (expected or date.today())


@pytest.mark.parametrize(
    "value", ["2016-13-01", "31-02-2016", "gisteren", "1850-01-01", "2016/06/01", "9" * 300, "2016-06-01\x00"]
)
def test_bad_dates_are_refused_in_dutch(value):
    with pytest.raises(OngeldigeKeuze) as exc:
        vind_peildatum(value)
    assert "peildatum" in exc.value.bericht.lower()


def test_the_navigator_on_a_date_in_2016(client, seeded):
    html = client.get("/wie-houdt-toezicht/?gemeente=Utrecht&wet=jeugdwet&peildatum=01-06-2016").content.decode()
    # The supervisors named (a source may mention the IGJ as the successor: the heads may not).
    koppen = re.findall(r"<h4><a [^>]*>([^<]+)</a>", html)
    assert IJZ in koppen and IGJ not in koppen
    assert "stand van 1 juni 2016" in html
    assert 'value="2016-06-01"' in html
    today = client.get("/wie-houdt-toezicht/?gemeente=Utrecht&wet=jeugdwet").content.decode()
    assert IGJ in today
    assert "Inspectie Jeugdzorg (Jeugdwet" in today  # reported as ended, with its successor


def test_a_bad_date_on_the_navigator_is_a_dutch_400(client, seeded):
    response = client.get("/wie-houdt-toezicht/?gemeente=Utrecht&peildatum=morgen")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ongeldige peildatum" in html and 'aria-invalid="true"' in html


def test_graphql_peildatum(graphql, seeded):
    data = graphql(QUERY, {"g": "GM0344", "w": "jeugdwet", "p": "2016-06-01"})["data"]
    advies = data["wieHoudtToezicht"]
    assert advies["peildatum"] == "2016-06-01"
    assert IJZ in [t["naam"] for t in advies["toezichthouders"]]
    assert IGJ not in [t["naam"] for t in advies["toezichthouders"]]
    now = graphql(QUERY, {"g": "GM0344", "w": "jeugdwet"})["data"]["wieHoudtToezicht"]
    assert now["peildatum"] == date.today().isoformat()
    assert IGJ in [t["naam"] for t in now["toezichthouders"]]


def test_graphql_bad_peildatum_is_a_dutch_error(graphql, seeded):
    data = graphql(QUERY, {"g": "GM0344", "p": "2016-02-30"})
    assert data["data"] is None
    assert "Ongeldige peildatum" in data["errors"][0]["message"]


def test_overview_and_exports_keep_the_date(client, seeded):
    url = OverzichtPage.objects.live().get().url
    html = client.get(f"{url}?gemeente=Utrecht&peildatum=2016-06-01").content.decode()
    assert "Stand op 1 juni 2016 (peildatum)" in html
    assert "gemeente=GM0344&amp;peildatum=2016-06-01&amp;element=" in html
    assert "overzicht.svg?gemeente=GM0344&amp;peildatum=2016-06-01" in html
    svg = client.get("/wie-houdt-toezicht/overzicht.svg?gemeente=GM0344&peildatum=2016-06-01")
    assert svg.status_code == 200
    assert "20160601" in svg["Content-Disposition"]
    body = svg.content.decode()
    assert "Stand van 1 juni 2016" in body and ">IJZ<" in body
    bad = client.get("/wie-houdt-toezicht/overzicht.pdf?gemeente=GM0344&peildatum=x")
    assert bad.status_code == 400 and "Ongeldige peildatum" in bad.content.decode()
    assert client.get(f"{url}?gemeente=Utrecht&peildatum=x").status_code == 400
