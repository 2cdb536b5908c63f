import re

import pytest

pytestmark = pytest.mark.browser


def test_investigation_findings_matrix_and_two_steps_of_the_procedure_with_axe(page, live_url, axe, login):
    login(page, "toezichthouder")
    page.goto(f"{live_url}/samenwerking/")
    page.get_by_role("link", name="Gezamenlijk onderzoek LVB Nissewaard").click()
    page.get_by_role("navigation", name="Onderdelen van de ruimte").get_by_role("link", name="Onderzoeken").click()
    assert axe(page) == []

    page.get_by_role("link", name="Nieuw onderzoek").click()
    assert axe(page) == []
    page.get_by_label("Titel").fill("Kwaliteitsonderzoek LVB (browsertest, fictief)")
    page.get_by_label("Toetsingskader (versie)").select_option(
        label="Toezichtskader Toezicht Wmo GGD Rotterdam-Rijnmond 2025"
    )
    page.get_by_label("Toezichtsvorm").select_option(label="Kwaliteitstoezicht")
    page.get_by_label("De normen van één onderdeel").check()
    page.get_by_label("Onderdeel van het kader").select_option(label="A Toetsingskader met normen voor aanbieders")
    page.get_by_label("Nieuwe aanbieder: naam").fill("Begeleiding Oost B.V. (fictief)")
    page.get_by_label("Nieuwe aanbieder: KvK-nummer").fill("1234")
    page.get_by_role("button", name="Onderzoek aanmaken").click()
    assert "precies 8 cijfers" in page.get_by_role("alert").inner_text()
    assert axe(page) == []
    # A number of its own: the browser tests share one database (test_aanbieders.py uses 99887766).
    page.get_by_label("Nieuwe aanbieder: KvK-nummer").fill("55443322")
    page.get_by_role("button", name="Onderzoek aanmaken").click()
    page.get_by_role("heading", name="Kwaliteitsonderzoek LVB (browsertest, fictief)").wait_for(timeout=10000)
    assert page.get_by_role("heading", name="Kwaliteitsonderzoek LVB (browsertest, fictief)").is_visible()
    assert page.get_by_role("heading", name="Toetsingskader: 29 normen").is_visible()
    assert axe(page) == []

    page.get_by_role("link", name="Bevindingen vastleggen").click()
    assert page.get_by_role("heading", name="Aanbieder Begeleiding Oost B.V. (fictief)").is_visible()
    assert axe(page) == []
    rows = page.locator("table tbody tr")
    assert rows.count() == 29
    rows.nth(0).get_by_label("Oordeel").select_option(label="Voldoet")
    rows.nth(1).get_by_label("Oordeel").select_option(label="Voldoet niet")
    rows.nth(1).get_by_label("Toelichting").fill("Het ondersteuningsplan ontbreekt (fictief).")
    rows.nth(1).get_by_label("Onderbouwing (documenten)").select_option(label="Verslag eerste bezoek (fictief)")
    page.get_by_role("button", name="Bevindingen opslaan").click()
    assert "2 gewijzigd" in page.get_by_role("status").inner_text()
    assert page.locator("table tbody tr").nth(1).get_by_label("Oordeel").input_value() == "voldoet_niet"
    assert axe(page) == []

    page.get_by_role("navigation", name="Onderdelen van de ruimte").get_by_role("link", name="Onderzoeken").click()
    page.get_by_role("link", name="Kwaliteitsonderzoek LVB (browsertest, fictief)").click()
    page.get_by_role("link", name="Bevindingenmatrix").click()
    matrix = page.locator("table#matrix")
    assert matrix.locator("thead th").all_inner_texts() == ["Norm", "Begeleiding Oost B.V. (fictief)"]
    assert matrix.locator("tbody tr").nth(0).locator("td").inner_text() == "Voldoet"
    assert matrix.locator("tbody tr").nth(1).locator("td").inner_text() == "Voldoet niet"
    assert matrix.locator("tbody tr").nth(2).locator("td").inner_text() == "Niet getoetst"
    telling = page.locator("table#tellingen tbody tr")
    assert telling.nth(3).locator("th, td").all_inner_texts() == ["Niet getoetst", "27", "27"]
    assert axe(page) == []

    page.get_by_role("navigation", name="Onderdelen van de ruimte").get_by_role("link", name="Onderzoeken").click()
    page.get_by_role("link", name="Kwaliteitsonderzoek LVB (browsertest, fictief)").click()
    page.get_by_role("link", name="Rapport en openbaarmaking").click()
    assert axe(page) == []
    page.locator("#id_document").select_option(label="Verslag eerste bezoek (fictief)")
    page.get_by_role("button", name="Conceptrapport kiezen").click()
    page.get_by_role("button", name="Procedure beginnen").click()
    stap1 = page.locator("#stap-1")
    assert "Uiterlijk op" in stap1.inner_text()
    assert "Loopt" in stap1.inner_text()
    assert axe(page) == []
    stap1.get_by_label("Toelichting").fill("Eén feitelijke onjuistheid verwerkt (fictief).")
    stap1.get_by_role("button", name="Hoor en wederhoor afronden").click()
    assert re.search(r"Afgerond op", page.locator("#stap-1").inner_text())
    stap2 = page.locator("#stap-2")
    stap2.get_by_role("button", name="Versturen definitieve versie afronden").click()
    assert "Kies het definitieve rapport" in page.locator("#stap-2").inner_text()
    assert axe(page) == []
    page.locator("#stap-2").get_by_label("Definitief rapport").select_option(label="Plan van aanpak (fictief)")
    page.locator("#stap-2").get_by_role("button", name="Versturen definitieve versie afronden").click()
    assert "Afgerond op" in page.locator("#stap-2").inner_text()
    stap3 = page.locator("#stap-3")
    assert "Maximaal 200 woorden" in stap3.inner_text()
    stap3.get_by_label("Reactie van de aanbieder").fill("woord " * 201)
    stap3.get_by_role("button", name=re.compile("Reactie van maximaal 200 woorden afronden")).click()
    assert "deze heeft er 201" in page.locator("#stap-3").inner_text()
    assert axe(page) == []
