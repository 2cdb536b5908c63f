"""'Toezicht in beeld' starts from the whole picture: every level and domain, the national
inspectorates, the regional supervisors with the municipalities they cover, and what each
municipality arranges itself; choosing a municipality fills in its own."""

from datetime import date

import pytest

from visual.models import OverzichtPage
from visual.overzicht import maak_overzicht

pytestmark = pytest.mark.django_db


def test_the_overview_without_a_municipality_is_the_national_picture(client, seeded):
    url = OverzichtPage.objects.live().get().url
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Het hele beeld" in html
    for naam in (
        "Inspectie Gezondheidszorg en Jeugd",
        "Toezicht Sociaal Domein",
        "Toezicht Wmo GGD Rotterdam-Rijnmond",
        "Toezichthoudend ambtenaar Wmo van de gemeente",
    ):
        assert naam in html
    assert "12 gemeenten: Albrandswaard" in html
    assert "Elke gemeente regelt dit zelf." in html
    assert "niet vastgelegd voor deze gemeente" not in html
    assert 'role="group"' in html and 'id="tabel"' in html


def test_the_national_picture_has_every_level_and_each_remit_in_force(seeded):
    overzicht = maak_overzicht(None)
    niveaus = {e.niveau for e in overzicht.elementen.values()}
    assert niveaus == {"lokaal", "regionaal", "rijk"}
    namen = {e.naam for e in overzicht.elementen.values()}
    assert "Inspectie Jeugdzorg" not in namen and "Nederlandse Arbeidsinspectie" in namen
    in_2016 = {e.naam for e in maak_overzicht(None, peildatum=date(2016, 6, 1)).elementen.values()}
    assert "Inspectie Jeugdzorg" in in_2016 and "Nederlandse Arbeidsinspectie" not in in_2016


def test_the_national_picture_exports(client, seeded):
    svg = client.get("/wie-houdt-toezicht/overzicht.svg")
    assert svg.status_code == 200
    assert 'filename="wie-houdt-toezicht-nederland-' in svg["Content-Disposition"]
    assert "heel Nederland" in svg.content.decode()
    pdf = client.get("/wie-houdt-toezicht/overzicht.pdf?peildatum=2016-06-01")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_choosing_a_municipality_fills_in_its_own(client, seeded):
    url = OverzichtPage.objects.live().get().url
    html = client.get(f"{url}?gemeente=Ede").content.decode()
    assert "Wie houdt toezicht in Ede?" in html
    assert "niet vastgelegd voor deze gemeente" in html
    assert 'data-element="toezicht-wmo-ggd-rotterdam-rijnmond--wmo"' not in html
