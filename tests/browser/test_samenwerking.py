import re

import pytest

pytestmark = pytest.mark.browser


def test_create_invite_upload_download_with_axe(page, live_url, axe, login):
    login(page, "toezichthouder")
    page.get_by_role("link", name=re.compile("Mijn samenwerking")).first.click()
    page.wait_for_url(re.compile(r"/samenwerking/$"))
    assert page.get_by_role("link", name="Gezamenlijk onderzoek LVB Nissewaard").is_visible()
    assert page.locator(".samenwerking-teller").first.is_visible()
    assert axe(page) == []

    page.get_by_role("link", name="Nieuwe samenwerkingsruimte").click()
    assert axe(page) == []
    page.get_by_label("Titel").fill("Leerkring calamiteiten (browsertest)")
    page.get_by_label("Doel").fill("Samen leren van calamiteiten.")
    page.get_by_label("Soort").select_option(label="Leerkring")
    page.get_by_role("button", name="Ruimte aanmaken").click()
    assert page.get_by_role("heading", name="Leerkring calamiteiten (browsertest)").is_visible()
    assert axe(page) == []

    page.get_by_role("link", name="Leden").first.click()
    page.get_by_label("E-mailadres van een persoon").fill("inspecteur@demo.toezichtportaal.nl")
    page.locator("#id_rol").select_option(label="Meelezer")
    page.get_by_role("button", name="Uitnodigen").click()
    assert page.get_by_role("row", name=re.compile("Ilse Inspecteur")).is_visible()
    assert axe(page) == []

    page.get_by_role("link", name="Documenten").first.click()
    page.get_by_label("Naam").fill("Agenda eerste bijeenkomst")
    page.get_by_label("Bestand").set_input_files(
        files=[{"name": "agenda.txt", "mimeType": "text/plain", "buffer": b"Agenda (fictief)\n1. Opening\n"}]
    )
    page.get_by_role("button", name="Plaatsen").click()
    assert page.get_by_role("heading", name="Agenda eerste bijeenkomst").is_visible()
    assert axe(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download versie 1").click()
    assert download.value.suggested_filename == "agenda.txt"
    with open(download.value.path(), "rb") as handle:
        assert handle.read() == b"Agenda (fictief)\n1. Opening\n"

    page.get_by_role("link", name="Documenten").first.click()
    page.get_by_label("Bestand").set_input_files(
        files=[{"name": "rapport.pdf", "mimeType": "application/pdf", "buffer": b"<html><script>x</script></html>"}]
    )
    page.get_by_role("button", name="Plaatsen").click()
    assert "HTML" in page.get_by_role("alert").inner_text()
    assert axe(page) == []
