import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

BASE_DIR = Path(__file__).resolve().parents[2]

SETUP = """
from samenwerking.models import Aanbieder, Lidmaatschap, Onderzoek, Samenwerkingsruimte
from portal.models import User
from tests.samenwerking.factories import seeded_kader, seeded_toezichtsvorm
tom = User.objects.get(email="toezichthouder@demo.toezichtportaal.nl")
aanbieder = Aanbieder.objects.create(naam="Zorg Browsertest (fictief)", kvk_nummer="99887766", fictief=True)
ruimte = Samenwerkingsruimte.objects.create(titel="GEHEIM Browserruimte", soort="gezamenlijk_onderzoek")
Lidmaatschap.objects.create(ruimte=ruimte, gebruiker=tom, rol="coordinator")
onderzoek = Onderzoek.objects.create(
    ruimte=ruimte, titel="GEHEIM onderzoekstitel", toezichtsvorm=seeded_toezichtsvorm(), kader=seeded_kader(),
    coordinerende_organisatie=tom.organisatie, fictief=True,
)
onderzoek.aanbieders.add(aanbieder)
print(aanbieder.pk, ruimte.pk)
"""


SETUP_ONDERZOEK = """
from samenwerking.models import Aanbieder, Lidmaatschap, Onderzoek, Samenwerkingsruimte
from portal.models import User
from tests.samenwerking.factories import seeded_kader, seeded_toezichtsvorm
tom = User.objects.get(email="toezichthouder@demo.toezichtportaal.nl")
zara = User.objects.get(email="toezichthouder-zhz@demo.toezichtportaal.nl")
aanbieder = Aanbieder.objects.create(naam="Zorg Elders Browsertest (fictief)", kvk_nummer="99887700", fictief=True)
vreemd = Samenwerkingsruimte.objects.create(titel="GEHEIM Ruimte elders", soort="gezamenlijk_onderzoek")
Lidmaatschap.objects.create(ruimte=vreemd, gebruiker=tom, rol="coordinator")
eigen = Samenwerkingsruimte.objects.create(titel="Ruimte van Zara (browsertest)", soort="gezamenlijk_onderzoek")
Lidmaatschap.objects.create(ruimte=eigen, gebruiker=zara, rol="coordinator")
for ruimte, titel, organisatie in [
    (vreemd, "GEHEIM onderzoek elders", tom.organisatie), (eigen, "Onderzoek van Zara (fictief)", zara.organisatie)
]:
    onderzoek = Onderzoek.objects.create(
        ruimte=ruimte, titel=titel, toezichtsvorm=seeded_toezichtsvorm(), kader=seeded_kader(),
        coordinerende_organisatie=organisatie, fictief=True,
    )
    onderzoek.aanbieders.add(aanbieder)
print(eigen.pk, onderzoek.pk, vreemd.pk)
"""


def _setup(database_url, script=SETUP):
    """Open work in a space the second supervisor is not in, written into the live server's
    database (SQLite or PostgreSQL, whichever the suite runs on)."""
    env = {"DJANGO_SETTINGS_MODULE": "portal.settings.test", "DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return [int(v) for v in result.stdout.splitlines()[-1].split()]


def test_provider_page_notice_and_join_request_with_axe(browser, live_url, live_database_url, axe, login):
    aanbieder, ruimte = _setup(live_database_url)
    options = {"locale": "nl-NL", "viewport": {"width": 1280, "height": 900}, "bypass_csp": True}
    contexts = [browser.new_context(**options) for _ in "ab"]
    zara, tom = (context.new_page() for context in contexts)
    try:
        login(zara, "toezichthouder-zhz")
        zara.goto(f"{live_url}/samenwerking/aanbieders/")
        assert zara.get_by_role("heading", name="Aanbieders").is_visible()
        assert axe(zara) == []
        zara.get_by_label("Naam of KvK-nummer").fill("99887766")
        zara.get_by_role("search", name="Aanbieders zoeken").get_by_role("button", name="Zoeken").click()
        zara.get_by_role("link", name="Zorg Browsertest (fictief)").click()
        zara.wait_for_url(re.compile(rf"/samenwerking/aanbieders/{aanbieder}/$"))
        notice = zara.get_by_role("region", name="Ook elders in onderzoek")
        assert "een onderzoek, gecoördineerd door Toezicht Wmo GGD Rotterdam-Rijnmond" in notice.inner_text()
        assert "GEHEIM" not in zara.content()
        assert f"/samenwerking/{ruimte}/" not in zara.content()
        assert axe(zara) == []
        zara.get_by_role("button", name="Toegang vragen").click()
        zara.get_by_label(re.compile("Waarom vraagt u toegang")).fill("Wij houden toezicht op dezelfde aanbieder.")
        zara.get_by_role("button", name="Toegang vragen").click()
        assert zara.get_by_text("Uw verzoek is verstuurd.").is_visible()
        assert zara.get_by_text("uw verzoek om toegang wacht op een besluit").is_visible()
        assert axe(zara) == []

        login(tom, "toezichthouder")
        tom.goto(f"{live_url}/samenwerking/{ruimte}/toegangsverzoeken/")
        assert tom.get_by_text("Wij houden toezicht op dezelfde aanbieder.").is_visible()
        assert axe(tom) == []
        tom.get_by_label("Toekennen").check()
        tom.get_by_role("button", name="Besluit vastleggen").click()
        assert tom.get_by_text("Het verzoek is toegekend; de aanvrager is nu deelnemer.").is_visible()
        assert axe(tom) == []

        zara.goto(f"{live_url}/samenwerking/aanbieders/{aanbieder}/")
        assert zara.get_by_role("link", name="GEHEIM onderzoekstitel").is_visible()
        assert zara.get_by_role("region", name="Ook elders in onderzoek").count() == 0
        assert axe(zara) == []
    finally:
        for context in contexts:
            context.close()


def test_investigation_page_notice_and_join_request_with_axe(page, live_url, live_database_url, axe, login):
    eigen, onderzoek, vreemd = _setup(live_database_url, SETUP_ONDERZOEK)
    login(page, "toezichthouder-zhz")
    url = f"{live_url}/samenwerking/{eigen}/onderzoeken/{onderzoek}/"
    page.goto(url)
    notice = page.get_by_role("region", name="Ook elders in onderzoek: Zorg Elders Browsertest (fictief)")
    assert "een onderzoek, gecoördineerd door Toezicht Wmo GGD Rotterdam-Rijnmond" in notice.inner_text()
    assert "GEHEIM" not in page.content()
    assert f"/samenwerking/{vreemd}/" not in page.content()
    assert axe(page) == []
    notice.get_by_label(re.compile("Waarom vraagt u toegang")).fill("Wij onderzoeken dezelfde aanbieder.")
    notice.get_by_role("button", name="Toegang vragen").click()
    page.wait_for_url(re.compile(rf"/samenwerking/{eigen}/onderzoeken/{onderzoek}/$"))
    assert page.get_by_text("Uw verzoek is verstuurd.").is_visible()
    assert page.get_by_text("uw verzoek om toegang wacht op een besluit").is_visible()
    assert axe(page) == []


def test_adding_a_provider_with_axe(page, live_url, axe, login):
    login(page, "inspecteur")
    page.goto(f"{live_url}/samenwerking/aanbieders/nieuw/")
    assert axe(page) == []
    # The provider's own name field (a location has a field "Naam" too).
    page.locator("#id_naam").fill("Nieuwe zorg (fictief)")
    page.get_by_label("KvK-nummer").fill("123")
    page.get_by_role("button", name="Bewaren").click()
    assert "Een KvK-nummer bestaat uit precies 8 cijfers." in page.get_by_role("alert").inner_text()
    assert axe(page) == []
    page.get_by_label("KvK-nummer").fill("1234 5670")
    page.get_by_role("button", name="Bewaren").click()
    # The provider's own page, once the redirect after saving has loaded.
    page.get_by_role("heading", name="Nieuwe zorg (fictief)").wait_for(timeout=10000)
    assert page.get_by_role("heading", name="Nieuwe zorg (fictief)").is_visible()
    assert page.get_by_text("12345670").first.is_visible()
    assert axe(page) == []
