import re

import pytest

pytestmark = pytest.mark.browser


def test_overview_by_keyboard_panel_and_pdf_export(page, live_url, axe):
    page.goto(live_url + "/toezicht-in-beeld/")
    assert axe(page) == []
    select = page.get_by_label("Gemeente", exact=True)
    select.focus()
    select.select_option(label="Lansingerland")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"gemeente=GM1621"))
    assert axe(page) == []

    element = page.get_by_role("link", name=re.compile(r"Toezicht Wmo GGD Rotterdam-Rijnmond, regionaal, Wmo"))
    element.focus()
    page.keyboard.press("Enter")
    panel = page.locator("#paneel-toezicht-wmo-ggd-rotterdam-rijnmond--wmo")
    panel.wait_for(state="visible")
    text = panel.inner_text()
    assert "Beschermd wonen" in text and "art. 6.1 lid 1 Wmo 2015" in text
    assert "element=toezicht-wmo-ggd-rotterdam-rijnmond--wmo" in page.url
    assert page.get_by_role("table", name=re.compile("Toezicht in Lansingerland")).is_visible()
    assert axe(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Download als PDF").click()
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(4) == b"%PDF"
    assert download.value.suggested_filename.startswith("wie-houdt-toezicht-GM1621-")


def test_panel_without_javascript_comes_from_the_server(browser, live_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(live_url + "/toezicht-in-beeld/?gemeente=GM0599&element=igj--jeugd")
    assert tab.locator("#paneel-igj--jeugd").is_visible()
    assert "Melden calamiteiten jeugdzorg" in tab.locator("#paneel-igj--jeugd").inner_text()
    context.close()


def test_navigator_with_keyboard_and_axe(page, live_url, axe):
    page.goto(live_url + "/wie-houdt-toezicht/")
    assert axe(page) == []
    page.get_by_label("Gemeente").select_option(label="Rotterdam")
    page.get_by_label("Situatie").select_option(label="Calamiteit")
    page.get_by_role("button", name="Toon wie toezicht houdt").press("Enter")
    page.wait_for_url(re.compile(r"situatie=calamiteit"))
    assert page.get_by_role("heading", name="Toezicht Wmo GGD Rotterdam-Rijnmond").first.is_visible()
    assert page.get_by_role("heading", name="Melden bij").is_visible()
    assert page.get_by_text("binnen 3 werkdagen").first.is_visible()
    assert axe(page) == []
    page.goto(live_url + "/wie-houdt-toezicht/?gemeente=Atlantis")
    assert page.get_by_role("alert").inner_text().count("Onbekende gemeente") == 1
    assert axe(page) == []


def test_navigator_on_a_reference_date(page, live_url, axe):
    page.goto(live_url + "/wie-houdt-toezicht/")
    page.get_by_label("Gemeente").select_option(label="Utrecht")
    page.get_by_label("Wet").select_option(label="Jeugdwet")
    page.get_by_label("Peildatum").fill("2016-06-01")
    page.get_by_role("button", name="Toon wie toezicht houdt").press("Enter")
    page.wait_for_url(re.compile(r"peildatum=2016-06-01"))
    assert page.get_by_role("heading", name="Inspectie Jeugdzorg").first.is_visible()
    assert page.get_by_text("stand van 1 juni 2016").is_visible()
    assert page.get_by_label("Peildatum").input_value() == "2016-06-01"
    assert axe(page) == []
    page.goto(live_url + "/wie-houdt-toezicht/?gemeente=Utrecht&peildatum=morgen")
    assert "Ongeldige peildatum" in page.get_by_role("alert").inner_text()
    assert axe(page) == []


def test_national_overview_and_coverage_view_with_axe(page, live_url, axe):
    page.goto(live_url + "/toezicht-in-beeld/")
    assert page.get_by_role("heading", name=re.compile("Het hele beeld")).is_visible()
    assert page.get_by_role("table", name=re.compile("Toezicht in Nederland")).is_visible()
    element = page.get_by_role("link", name=re.compile(r"Toezicht Wmo GGD Rotterdam-Rijnmond, regionaal, Wmo"))
    element.focus()
    page.keyboard.press("Enter")
    panel = page.locator("#paneel-toezicht-wmo-ggd-rotterdam-rijnmond--wmo")
    panel.wait_for(state="visible")
    assert "12 gemeenten: Albrandswaard" in panel.inner_text()
    assert axe(page) == []
    page.goto(live_url + "/wie-houdt-toezicht/aanwijzingen/dekking/")
    assert page.get_by_role("table", name=re.compile("GGD-regio")).is_visible()
    assert axe(page) == []


@pytest.mark.parametrize(
    "path",
    [
        "/wie-houdt-toezicht/?gemeente=GM0599&situatie=calamiteit",
        "/toezicht-in-beeld/",
        "/toezicht-in-beeld/?gemeente=GM0599",
    ],
)
def test_on_a_phone_the_page_never_scrolls_sideways(browser, live_url, path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    tab = context.new_page()
    tab.goto(live_url + path)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
