"""A group session in one browser: the facilitator and three participants, each in their
own context (one on a phone), following each other live; axe-core on every step."""

import io
import re

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.browser

CASUS = "Oefencasus: het gezin Baars"
PHONE = {"width": 390, "height": 844}


def test_group_session_with_three_participants(browser, live_url, axe, login):
    from playwright.sync_api import expect

    options = {"locale": "nl-NL", "bypass_csp": True}
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}, **options) for _ in range(3)]
    contexts.append(browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, **options))
    begeleider, *deelnemers = (context.new_page() for context in contexts)
    try:
        login(begeleider, "toezichthouder")
        begeleider.goto(f"{live_url}/samenwerking/oefensessies/")
        assert axe(begeleider) == []
        begeleider.get_by_label("Oefencasus").select_option(label=CASUS)
        begeleider.get_by_role("button", name="Sessie starten").click()
        expect(begeleider.get_by_role("heading", level=1)).to_have_text(f"Sessie leiden: {CASUS}")
        assert begeleider.get_by_role("img", name=re.compile("QR-code")).is_visible()
        assert axe(begeleider) == []
        code = begeleider.locator("#sessiecode").inner_text()
        assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)

        bijnamen = ["Zwaluw", "<b>Bram</b>", ""]
        for deelnemer, bijnaam in zip(deelnemers, bijnamen, strict=True):
            deelnemer.goto(f"{live_url}/samenwerking/doe-mee/")
            assert axe(deelnemer) == []
            deelnemer.get_by_label("Code van de sessie").fill(code.lower())
            deelnemer.get_by_role("button", name="Meedoen").click()
            assert axe(deelnemer) == []
            deelnemer.get_by_label("Bijnaam (niet verplicht)").fill(bijnaam)
            deelnemer.get_by_role("radio", name="Kinderopvang").check()
            deelnemer.get_by_role("button", name="Meedoen").click()
            expect(deelnemer.get_by_role("heading", level=1)).to_have_text("Welkom")
            assert axe(deelnemer) == []
        assert "Bijnaam: <b>Bram</b>" in deelnemers[1].locator("main").inner_text()
        expect(begeleider.locator("#live")).to_contain_text("3 deelnemers")

        begeleider.get_by_role("button", name="Eerste hoofdstuk starten").click()
        for deelnemer in deelnemers:
            expect(deelnemer.get_by_role("heading", level=1)).to_have_text(
                re.compile(r"^Hoofdstuk 1 van \d+: Een eerste zorg$"), timeout=5000
            )
            assert deelnemer.get_by_role("heading", name="Wat de Kinderopvang zag en wist").is_visible()
            assert axe(deelnemer) == []

        telefoon = deelnemers[2]
        assert telefoon.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        for n, deelnemer in enumerate(deelnemers):
            vraag = deelnemer.locator("form.oefensessie-vraag").filter(has=deelnemer.locator("textarea"))
            vraag.locator("textarea").fill(f"Antwoord {n} <script>x</script>")
            vraag.get_by_role("button", name="Antwoord versturen").click()
            expect(deelnemer.get_by_text("Uw antwoord is ontvangen.")).to_be_visible()
            assert axe(deelnemer) == []
        meerkeuze = telefoon.locator("form.oefensessie-vraag").filter(has=telefoon.locator("fieldset")).first
        meerkeuze.get_by_role("radio").first.check()
        meerkeuze.get_by_role("button", name="Antwoord versturen").click()
        expect(telefoon.get_by_text("Terugkoppeling:")).to_be_visible()
        assert axe(telefoon) == []

        # The facilitator's screen shows them without a reload.
        for n in range(3):
            expect(begeleider.locator("#live")).to_contain_text(f"Antwoord {n} <script>x</script>", timeout=5000)
        assert axe(begeleider) == []
        groep = contexts[0].new_page()
        groep.goto(begeleider.url + "groep/")
        expect(groep.locator("#live")).to_contain_text("Antwoord 2 <script>x</script>")
        assert axe(groep) == []
        groep.close()

        begeleider.get_by_role("button", name="Pauzeren").click()
        for deelnemer in deelnemers:
            expect(deelnemer.get_by_role("heading", level=1)).to_have_text("Even pauze", timeout=5000)
        assert axe(deelnemers[0]) == []
        assert axe(begeleider) == []
        begeleider.get_by_role("button", name="Hervatten").click()
        begeleider.get_by_role("button", name="Volgend hoofdstuk").click()
        expect(deelnemers[0].get_by_role("heading", level=1)).to_have_text(
            re.compile(r"^Hoofdstuk 2 van \d+: "), timeout=5000
        )
        begeleider.get_by_role("button", name="Vorig hoofdstuk").click()
        expect(deelnemers[0].get_by_role("heading", level=1)).to_have_text(
            re.compile(r"^Hoofdstuk 1 van \d+: "), timeout=5000
        )
        begeleider.get_by_role("button", name="Sessie beëindigen").click()
        for deelnemer in deelnemers:
            expect(deelnemer.get_by_role("heading", level=1)).to_have_text("De sessie is afgelopen", timeout=5000)
            assert axe(deelnemer) == []
        assert axe(begeleider) == []

        with begeleider.expect_download() as download:
            begeleider.get_by_role("link", name="Samenvatting downloaden (PDF)").click()
        with open(download.value.path(), "rb") as handle:
            text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
        assert CASUS in text and "Antwoord 1 <script>x</script>" in text and "Zwaluw" not in text
    finally:
        for context in contexts:
            context.close()
