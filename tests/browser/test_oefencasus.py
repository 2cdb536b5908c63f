"""Playing the demo practice case alone, in the browser: choose a perspective, answer two
chapters (once wrongly), go back, and read the timeline; on a desktop and on a phone, with
axe-core on every step."""

import re

import pytest

from .test_reflow import MEASURE, SCROLL_BOX

pytestmark = pytest.mark.browser

CASE = "/kennisbank/oefencasus-gezin-baars/"
VASTLEGGEN = "Ik leg de signalen feitelijk vast en overleg met de aandachtsfunctionaris over de volgende stap."


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        locale="nl-NL", viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, bypass_csp=True
    )
    tab = context.new_page()
    yield tab
    context.close()


def _fits(tab):
    measured = tab.evaluate(MEASURE)
    assert measured["scroll"] <= measured["width"], measured["wider"]
    assert measured["tables"] == [SCROLL_BOX] * len(measured["tables"])


def _submit(tab):
    with tab.expect_navigation():
        tab.get_by_role("button", name=re.compile(r"^Antwoorden (opslaan|wijzigen)$")).click()


def _play(tab, live_url, axe, *, check_fit=False):
    tab.goto(live_url + CASE)
    assert tab.get_by_role("heading", level=1).inner_text() == "Oefencasus: het gezin Baars"
    assert tab.get_by_role("note").filter(has_text="Fictieve casus").is_visible()
    assert axe(tab) == []
    tab.get_by_role("region", name="Kies een perspectief").get_by_role("link", name="Wijkteam").click()
    tab.wait_for_url(re.compile(r"/speel/wijkteam/1/$"))
    assert "Hoofdstuk 1: Een eerste zorg" in tab.get_by_role("heading", level=1).inner_text()
    assert tab.get_by_role("note").filter(has_text="Fictieve casus").is_visible()
    assert tab.get_by_text("Nog niets; het gezin is niet bekend bij het wijkteam.").is_visible()
    assert axe(tab) == []
    if check_fit:
        _fits(tab)

    # Submitting nothing: the errors are listed and each question says what is missing.
    _submit(tab)
    alert = tab.get_by_role("alert")
    assert alert.get_by_role("heading").inner_text() == "Controleer uw antwoorden"
    assert alert.get_by_role("link").all_inner_texts() == [
        "Kies een van de antwoorden bij deze vraag.",
        "Kies een van de antwoorden bij deze vraag.",
        "Schrijf een antwoord bij deze vraag.",
    ]
    assert axe(tab) == []

    tab.get_by_label(VASTLEGGEN).check()
    tab.get_by_label("Ik vraag naar de thuissituatie, naar haar partner en naar hoe het met de kinderen gaat.").check()
    tab.get_by_label("Welke signalen ziet u in dit hoofdstuk").fill(
        "Honger, een blauwe plek en een moeder die slecht slaapt."
    )
    _submit(tab)
    antwoorden = tab.get_by_role("region", name="Uw antwoorden en de terugkoppeling")
    assert antwoorden.get_by_text("Dit zijn de eerste twee stappen van de meldcode", exact=False).is_visible()
    assert antwoorden.get_by_text("Zo was er in september al een gesprek geweest.", exact=False).is_visible()
    assert antwoorden.get_by_text("Honger, een blauwe plek en een moeder die slecht slaapt.").is_visible()
    assert axe(tab) == []

    tab.get_by_role("link", name="Volgend hoofdstuk").click()
    tab.wait_for_url(re.compile(r"/speel/wijkteam/2/$"))
    assert "Hoofdstuk 2: Alleen hulp bij de schulden" in tab.get_by_role("heading", level=1).inner_text()
    tab.get_by_label("Ik help met de schulden. Zij heeft de regie, en haar moeder helpt.").check()
    tab.get_by_label("Ik leg de signalen vast, overleg met de aandachtsfunctionaris").check()
    tab.get_by_label("Hoe schat u de draagkracht").fill("Te hoog ingeschat: oma kan niet alles dragen.")
    _submit(tab)
    assert tab.get_by_text("Niemand heeft Mila of Finn gezien.", exact=False).is_visible()
    assert axe(tab) == []
    if check_fit:
        _fits(tab)

    # Back to chapter 1: the answers are still there.
    tab.get_by_role("link", name="Vorig hoofdstuk").click()
    tab.wait_for_url(re.compile(r"/speel/wijkteam/1/$"))
    assert tab.get_by_label(VASTLEGGEN).is_checked()

    tab.get_by_role("navigation", name="Hoofdstukken").get_by_role("link", name="Wie wist wat wanneer?").click()
    tab.wait_for_url(re.compile(r"/speel/wijkteam/tijdlijn/$"))
    assert tab.get_by_role("heading", level=1).inner_text().endswith("Wie wist wat wanneer?")
    tijdlijn = tab.get_by_role("table", name="Tijdlijn: wie wist wat wanneer?")
    assert tijdlijn.get_by_role("columnheader").all_inner_texts()[:6] == [
        "Hoofdstuk",
        "Huisarts",
        "Kinderopvang",
        "Ggz",
        "Onderwijs",
        "Wijkteam (u)",
    ]
    assert len(tijdlijn.get_by_role("rowheader").all()) == 6
    assert (
        tab.get_by_role("table", name="Uw antwoorden in hoofdstuk 2")
        .get_by_text("Te hoog ingeschat: oma kan niet alles dragen.")
        .is_visible()
    )
    nabespreking = tab.get_by_role("region", name="Nabespreking")
    assert nabespreking.get_by_role("heading", level=3).all_inner_texts() == [
        "Vroegsignalering als kindsignalen ontbreken",
        "Eigen kracht en zorgmijding",
        "Veiligheid, afschalen en informatie delen",
        "Regie en doorzettingsmacht",
    ]
    assert nabespreking.get_by_role("link", name=re.compile(r"^2\.1 Kwetsbare volwassenen zijn in beeld")).is_visible()
    assert axe(tab) == []
    if check_fit:
        _fits(tab)

    # The scrolling table can be reached by keyboard.
    tab.locator('[role="region"][aria-labelledby="tijdlijn-titel"]').focus()
    assert tab.evaluate("document.activeElement.getAttribute('aria-labelledby')") == "tijdlijn-titel"


def test_play_the_case_alone_on_a_desktop(page, live_url, axe):
    _play(page, live_url, axe)


def test_play_the_case_alone_on_a_phone(phone, live_url, axe):
    _play(phone, live_url, axe, check_fit=True)
