import re

import pytest

pytestmark = pytest.mark.browser


def test_walk_home_to_norm_with_axe_on_each_page_type(page, live_url, axe):
    page.goto(live_url + "/")
    assert page.title().startswith("Toezichtportaal")
    assert axe(page) == []

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Kennisbank").click()
    page.wait_for_url(re.compile(r"/kennisbank/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Kennisbank"
    assert axe(page) == []

    page.get_by_role("link", name="Toezichtskader Toezicht Wmo GGD Rotterdam-Rijnmond 2025").first.click()
    page.wait_for_url(re.compile(r"/rotterdam-rijnmond-2025/$"))
    assert axe(page) == []

    page.get_by_role("link", name=re.compile(r"^2\.2\.2 ")).first.click()
    page.wait_for_url(re.compile(r"/norm-2-2-2/$"))
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading.startswith("2.2.2")
    assert page.get_by_role("heading", name="De toezichthouder toetst onder meer").is_visible()
    breadcrumbs = page.get_by_role("navigation", name="Kruimelpad")
    assert breadcrumbs.get_by_role("link", name="Kennisbank").is_visible()
    assert axe(page) == []


def test_skip_link_moves_focus_to_content(page, live_url):
    page.goto(live_url + "/kennisbank/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Direct naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


@pytest.mark.parametrize(
    "path",
    [
        "/kennisbank/?soort=toezichtsvorm",
        "/kennisbank/tsd-stelseltoezicht-volwassenen/",
        "/kennisbank/openbaarmaking-rotterdam-rijnmond/",
        "/account/inloggen/",
        "/toegankelijkheidsverklaring/",
        "/bestaat-niet/",
        "/zoeken/",
        "/zoeken/?q=calamiteit",
        "/zoeken/?q=IGJ&soort=kennisbron",
        "/zoeken/?q=calamiteit+melden+Schiedam",
        "/zoeken/?q=calamitiet",
        "/wie-houdt-toezicht/toezichthouders/",
        "/wie-houdt-toezicht/toezichthouders/toezicht-wmo-ggd-rotterdam-rijnmond/",
        "/wie-houdt-toezicht/toezichthouders/inspectie-jeugdzorg/",
    ],
)
def test_other_page_types_have_no_axe_violations(page, live_url, axe, path):
    page.goto(live_url + path)
    assert axe(page) == []


def test_filter_kennisbank_by_kind_with_keyboard(page, live_url):
    page.goto(live_url + "/kennisbank/")
    page.get_by_label("Soort").select_option("handreiking")
    page.get_by_role("button", name="Toon resultaten").click()
    page.wait_for_url(re.compile(r"soort=handreiking"))
    badges = page.locator(".portal-results .portal-badge").all_inner_texts()
    assert badges and set(badges) == {"Handreiking"}


def test_editor_signs_in_and_reaches_the_admin(page, live_url, login):
    login(page, "redacteur")
    page.goto(live_url + "/admin/")
    assert "inloggen" not in page.url
    assert page.get_by_role("link", name=re.compile("Pagina")).first.is_visible()


def test_norm_prints_without_navigation(page, live_url):
    page.goto(live_url + "/kennisbank/tsd-stelseltoezicht-volwassenen/")
    page.get_by_role("link", name=re.compile(r"^1\.1 ")).first.click()
    page.emulate_media(media="print")
    assert not page.locator(".portal-header").is_visible()
    assert not page.locator(".portal-footer").is_visible()
    assert page.get_by_text("Waaraan kun je dat zien?").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_search_from_the_header(page, live_url):
    page.goto(live_url + "/kennisbank/")
    page.get_by_label("Zoek in het portaal").fill("calamiteiten")
    page.get_by_label("Zoek in het portaal").press("Enter")
    page.wait_for_url(re.compile(r"/zoeken/\?q=calamiteiten"))
    assert page.locator("mark").count() > 0
