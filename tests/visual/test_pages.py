"""The navigator page, the overview page and its exports, with bad input."""

import re

import pytest

from visual.models import OverzichtPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def overzicht_url(seeded):
    return OverzichtPage.objects.live().get().url


def test_navigator_is_in_the_main_menu_and_bookmarkable(client, seeded):
    response = client.get("/")
    assert 'href="/wie-houdt-toezicht/"' in response.content.decode()
    response = client.get("/wie-houdt-toezicht/?gemeente=Lansingerland&voorziening=beschermd+wonen&situatie=Calamiteit")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<option value="GM1621" selected>' in html
    assert '<option value="beschermd-wonen" selected>' in html
    assert "Toezicht Wmo GGD Rotterdam-Rijnmond" in html
    assert "binnen 3 werkdagen" in html


def test_navigator_says_what_it_does_not_know(client, seeded):
    html = client.get(
        "/wie-houdt-toezicht/?gemeente=GM1621&voorziening=ondersteuning-bij-het-huishouden"
    ).content.decode()
    assert "niet vastgelegd voor deze gemeente" in html
    assert "Wat de gegevens niet kunnen zeggen" in html


@pytest.mark.parametrize(
    "query, fragment",
    [
        ("gemeente=Atlantis", "Onbekende gemeente"),
        ("gemeente=Rotterdam&wet=ruimtevaartwet", "Toegestane waarden"),
        ("gemeente=Rotterdam&situatie=%00", "ongeldige tekens"),
        ("gemeente=" + "a" * 300, "te lang"),
        ("wet=jeugdwet", "Kies een gemeente"),
        ("gemeente=Rotterdam&voorziening=%3Cscript%3E", "Onbekende waarde"),
    ],
)
def test_navigator_bad_input_is_a_dutch_400(client, seeded, query, fragment):
    response = client.get(f"/wie-houdt-toezicht/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert fragment in html
    assert "<script>" not in html.split("</header>", 1)[1]


def test_navigator_ignores_unknown_parameters(client, seeded):
    assert client.get("/wie-houdt-toezicht/?utm_source=x").status_code == 200


def test_overview_page_shows_picture_table_and_panel(client, overzicht_url):
    response = client.get(overzicht_url + "?gemeente=GM0599&element=toezicht-wmo-ggd-rotterdam-rijnmond--wmo")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and 'role="group"' in html
    assert re.search(r'aria-label="Toezicht Wmo [^"]*\. Toezicht Wmo GGD Rotterdam-Rijnmond, regionaal, Wmo:', html)
    assert 'id="tabel"' in html
    assert '<caption id="overzicht-tabel-titel">Toezicht in Rotterdam per niveau en domein</caption>' in html
    panel = html.split('id="paneel-toezicht-wmo-ggd-rotterdam-rijnmond--wmo"', 1)[1].split("</section>", 1)[0]
    assert "art. 6.1 lid 1 Wmo 2015" in panel
    assert "Toezichtskader Toezicht Wmo GGD Rotterdam-Rijnmond 2025" in panel
    assert "Bron: CBS" in html


def test_overview_for_lansingerland_marks_the_gap(client, overzicht_url):
    html = client.get(overzicht_url + "?gemeente=Lansingerland").content.decode()
    assert "stroke-dasharray" in html
    assert "niet vastgelegd voor deze gemeente" in html


@pytest.mark.parametrize(
    "query, status",
    [
        ("?gemeente=Nergenshuizen", 400),
        ("?gemeente=GM0599&element=bestaat-niet", 200),
        ("?element=igj--jeugd", 200),
        ("?gemeente=%00", 400),
    ],
)
def test_overview_bad_input(client, overzicht_url, query, status):
    response = client.get(overzicht_url + query)
    assert response.status_code == status


def test_overview_is_in_the_menu(client, overzicht_url):
    assert f'href="{overzicht_url}"' in client.get("/").content.decode()


def test_svg_export_has_date_sources_and_cbs(client, seeded):
    response = client.get("/wie-houdt-toezicht/overzicht.svg?gemeente=Rotterdam")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "GM0599" in response["Content-Disposition"]
    svg = response.content.decode()
    assert "Stand van " in svg and "Bronnen:" in svg and "Bron: CBS" in svg
    assert "Toezichtskader Toezicht Wmo GGD Rotterdam-Rijnmond 2025" in svg
    assert "<a " not in svg


def test_pdf_export(client, seeded):
    response = client.get("/wie-houdt-toezicht/overzicht.pdf?gemeente=GM1621")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("kind", ["svg", "pdf"])
def test_export_without_municipality_is_400(client, seeded, kind):
    response = client.get(f"/wie-houdt-toezicht/overzicht.{kind}?gemeente=onbekend")
    assert response.status_code == 400
    assert "Onbekende gemeente" in response.content.decode()
