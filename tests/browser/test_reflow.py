"""Reflow (WCAG 2.1, 1.4.10): at 320 CSS pixels no page scrolls sideways; a table that
cannot reflow scrolls inside its own labelled, focusable region. And axe's WCAG 2.2 AA
rules on each of these pages."""

import pytest

pytestmark = pytest.mark.browser

PUBLIC_PAGES = {
    "home": "/",
    "kennisbank index": "/kennisbank/",
    "framework": "/kennisbank/rotterdam-rijnmond-2025/",
    "section": "/kennisbank/tsd-stelseltoezicht-volwassenen/1-op-maat/",
    "norm": "/kennisbank/tsd-stelseltoezicht-volwassenen/1-op-maat/norm-1-1/",
    "guidance": "/kennisbank/handreiking-zorgfraude/",
    "publication": "/kennisbank/jaarbeeld-2016-beleid-in-de-praktijk/",
    "kennisbron": "/kennisbank/toezicht-sociaal-domein-tsd/",
    "toezichtsvorm": "/kennisbank/toezicht-op-calamiteiten-en-geweld/",
    "procedure": "/kennisbank/openbaarmaking-rotterdam-rijnmond/",
    "article": "/kennisbank/visietraject-sociaal-domein/",
    "practice case": "/kennisbank/oefencasus-gezin-baars/",
    "information page": "/toegankelijkheidsverklaring/",
    "search with results": "/zoeken/?q=calamiteit",
    "navigator with an answer": "/wie-houdt-toezicht/?gemeente=GM0599&situatie=calamiteit",
    "navigator on a date": "/wie-houdt-toezicht/?gemeente=Utrecht&wet=jeugdwet&peildatum=2016-06-01",
    "overview with a municipality": "/toezicht-in-beeld/?gemeente=GM0599",
    "national overview": "/toezicht-in-beeld/",
    "designation coverage": "/wie-houdt-toezicht/aanwijzingen/dekking/",
    "supervisor list": "/wie-houdt-toezicht/toezichthouders/",
    "supervisor page": "/wie-houdt-toezicht/toezichthouders/toezicht-wmo-ggd-rotterdam-rijnmond/",
    "login": "/account/inloggen/",
    "404": "/bestaat-niet/",
}
REGISTER_PAGES = {
    "register": "/wie-houdt-toezicht/aanwijzingen/",
    "register form": "/wie-houdt-toezicht/aanwijzingen/nieuw/",
}

# What is wider than the screen outside a box that scrolls itself, and every table with the
# box it scrolls in.
MEASURE = """() => {
  const width = window.innerWidth;
  const scrollsItself = el => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== 'visible') return true;
    }
    return false;
  };
  const wider = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 0.5 && !scrollsItself(el))
    .map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''))
    .slice(0, 8);
  const tables = [...document.querySelectorAll('main table')].map(table => {
    const box = table.parentElement;
    return {overflow: getComputedStyle(box).overflowX, role: box.getAttribute('role'),
            tabindex: box.getAttribute('tabindex'),
            named: !!(box.getAttribute('aria-label') || box.getAttribute('aria-labelledby'))};
  });
  return {scroll: document.documentElement.scrollWidth, width, wider, tables};
}"""

SCROLL_BOX = {"overflow": "auto", "role": "region", "tabindex": "0", "named": True}


@pytest.fixture
def narrow(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 640}, bypass_csp=True)
    tab = context.new_page()
    yield tab
    context.close()


def _check(tab, url, status=200):
    # A page that moved must fail here, not pass as a narrow "not found" page.
    response = tab.goto(url)
    assert response.status == status, url
    measured = tab.evaluate(MEASURE)
    assert measured["scroll"] <= measured["width"], (url, measured["wider"])
    assert measured["wider"] == [], url
    assert measured["tables"] == [SCROLL_BOX] * len(measured["tables"]), url


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_no_page_scrolls_sideways_at_320_pixels(narrow, live_url, axe, name):
    _check(narrow, live_url + PUBLIC_PAGES[name], status=404 if name == "404" else 200)
    assert axe(narrow) == []


def test_register_pages_reflow_for_a_signed_in_official(narrow, live_url, axe, login):
    login(narrow, "gemeente")
    for path in REGISTER_PAGES.values():
        _check(narrow, live_url + path)
        assert axe(narrow) == [], path
