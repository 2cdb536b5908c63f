import re

import pytest

pytestmark = pytest.mark.browser


def test_write_and_widen_a_learning_with_axe(page, live_url, axe, login):
    login(page, "toezichthouder")
    page.get_by_role("link", name=re.compile("Mijn samenwerking")).first.click()
    page.get_by_role("link", name="Gezamenlijk onderzoek LVB Nissewaard").click()
    page.get_by_role("link", name="Leerpunten").first.click()
    assert page.get_by_role("heading", name=re.compile("Leerpunten van")).is_visible()
    assert axe(page) == []

    page.get_by_role("link", name="Nieuw leerpunt").click()
    assert axe(page) == []
    page.get_by_label("Titel").fill("Regie bij afschalen (browsertest)")
    page.get_by_label("Tekst").fill("Na het afschalen belde mevrouw Jansen de aanbieder; niemand volgde de signalen.")
    page.get_by_role("button", name="Leerpunt opslaan").click()
    assert page.get_by_role("heading", name="Regie bij afschalen (browsertest)").is_visible()
    assert "De ruimte" in page.locator(".portal-badge").first.inner_text()
    assert axe(page) == []

    page.get_by_role("link", name="Breder zichtbaar maken").click()
    assert page.get_by_role("heading", name="Controle op persoonsgegevens").is_visible()
    assert page.get_by_text("„mevrouw Jansen”").is_visible()
    assert axe(page) == []

    page.get_by_label("Waarom wordt het leerpunt breder zichtbaar?").fill("Leerzaam voor alle regio's.")
    page.get_by_role("button", name=re.compile("^Besluit")).click()
    assert "Nog niet bevestigd: „mevrouw Jansen”" in page.get_by_role("alert").inner_text()
    assert axe(page) == []

    page.get_by_label("Tekst van het leerpunt").fill(
        "Na het afschalen belde een familielid de aanbieder; niemand volgde de signalen."
    )
    page.get_by_role("button", name=re.compile("^Besluit")).click()
    assert "de controle is opnieuw uitgevoerd" in page.get_by_role("status").first.inner_text()
    geen = "De controle vond geen mogelijke persoonsgegevens in de titel, de tekst, de aanbevelingen"
    assert page.get_by_text(geen + " en de toelichtingen bij hun opvolging.").is_visible()
    assert axe(page) == []

    page.get_by_role("button", name=re.compile("^Besluit")).click()
    assert "Alle toezichthouders in het portaal" in page.locator(".portal-badge").first.inner_text()
    assert page.get_by_role("heading", name="Besluiten over de zichtbaarheid").is_visible()
    assert page.get_by_role("cell", name="Leerzaam voor alle regio's.").is_visible()
    assert axe(page) == []


SETUP_AANBEVELINGEN = """
from portal.models import Gemeente, User
from samenwerking.models import Aanbieder, Lidmaatschap, Samenwerkingsruimte
from tests.samenwerking.factories import AanbevelingFactory, LeerpuntFactory, OpvolgingFactory
tom = User.objects.get(email="toezichthouder@demo.toezichtportaal.nl")
ruimte = Samenwerkingsruimte.objects.create(titel="Ruimte aanbevelingen (browsertest)", soort="leerkring")
Lidmaatschap.objects.create(ruimte=ruimte, gebruiker=tom, rol="coordinator")
aanbieder = Aanbieder.objects.create(naam="Zorg Aanbeveling Browsertest (fictief)", kvk_nummer="99887711", fictief=True)
leerpunt = LeerpuntFactory(ruimte=ruimte, titel="Leerpunt aanbevelingen (browsertest)")
leerpunt.gemeenten.set([Gemeente.objects.get(naam="Nissewaard")])
leerpunt.aanbieders.set([aanbieder])
OpvolgingFactory(aanbeveling=AanbevelingFactory(leerpunt=leerpunt, tekst="Spreek af wie de regie houdt na afschalen."))
print(ruimte.pk)
"""


def test_the_open_recommendations_overview_counts_and_filters_with_axe(page, live_url, live_database_url, axe, login):
    from .test_aanbieders import _setup

    _setup(live_database_url, SETUP_AANBEVELINGEN)
    login(page, "toezichthouder")
    page.goto(f"{live_url}/samenwerking/aanbevelingen/")
    assert page.get_by_role("heading", name="Open aanbevelingen", level=1).is_visible()
    table = page.get_by_role("table", name="Aantal open aanbevelingen per gemeente")
    assert table.get_by_role("row", name=re.compile("Nissewaard")).is_visible()
    assert page.get_by_role("table", name="Aantal open aanbevelingen per aanbieder").is_visible()
    assert page.get_by_text("Spreek af wie de regie houdt na afschalen.").is_visible()
    assert axe(page) == []

    table.get_by_role("link", name="Nissewaard").click()
    assert page.get_by_label("Gemeente").locator("option:checked").inner_text() == "Nissewaard"
    assert page.get_by_text("Spreek af wie de regie houdt na afschalen.").is_visible()
    assert axe(page) == []
