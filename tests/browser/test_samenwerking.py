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


def test_notification_counter_with_axe(browser, live_url, axe, login):
    # Two people at once: the meelezer watches the counter while the coordinator writes.
    options = {"locale": "nl-NL", "viewport": {"width": 1280, "height": 900}, "bypass_csp": True}
    contexts = [browser.new_context(**options) for _ in "ab"]
    meelezer, coordinator = (context.new_page() for context in contexts)
    try:
        login(meelezer, "meelezer")
        counter = meelezer.locator(".notificatie-teller")
        meelezer.get_by_role("link", name=re.compile("^Notificaties")).click()
        meelezer.wait_for_url(re.compile(r"/samenwerking/notificaties/$"))
        if meelezer.get_by_role("button", name="Alles als gelezen markeren").count():
            meelezer.get_by_role("button", name="Alles als gelezen markeren").click()
        assert counter.get_attribute("data-aantal") == "0" and not counter.is_visible()
        assert axe(meelezer) == []

        login(coordinator, "toezichthouder")
        coordinator.get_by_role("link", name=re.compile("Mijn samenwerking")).first.click()
        coordinator.get_by_role("link", name="Gezamenlijk onderzoek LVB Nissewaard").click()
        coordinator.get_by_role("link", name="Berichten").first.click()
        coordinator.locator("#id_tekst").fill("Wie leest het conceptverslag? (browsertest)")
        coordinator.get_by_role("button", name="Plaatsen").click()
        coordinator.wait_for_load_state()

        meelezer.reload()
        assert counter.is_visible() and counter.inner_text().split()[0] == "1"
        assert axe(meelezer) == []
        meelezer.get_by_role("link", name=re.compile("Nieuw bericht van .* in Gezamenlijk onderzoek LVB")).click()
        meelezer.wait_for_url(re.compile(r"/berichten/#bericht-\d+$"))
        assert meelezer.get_by_text("Wie leest het conceptverslag? (browsertest)").is_visible()
        assert counter.get_attribute("data-aantal") == "0" and not counter.is_visible()

        meelezer.get_by_role("link", name=re.compile("^Notificaties")).click()
        assert meelezer.get_by_text("U hebt 0 ongelezen notificaties.").is_visible()
        meelezer.get_by_role("link", name="Kies welke e-mail u krijgt").click()
        meelezer.get_by_role("group", name="Nieuw bericht").get_by_label("Geen e-mail").check()
        meelezer.get_by_role("button", name="Bewaren").click()
        assert meelezer.get_by_text("Uw keuzes voor e-mail zijn bewaard.").is_visible()
        assert meelezer.get_by_role("group", name="Nieuw bericht").get_by_label("Geen e-mail").is_checked()
        assert axe(meelezer) == []
    finally:
        for context in contexts:
            context.close()
