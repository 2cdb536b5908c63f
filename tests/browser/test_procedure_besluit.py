"""The decision not to publish on the report page: refused without reasons, recorded with them,
the later steps shown as lapsed; axe-core finds nothing on any of these states."""

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

BASE_DIR = Path(__file__).resolve().parents[2]

SETUP = """
from datetime import date
from samenwerking import procedure
from samenwerking.models import Lidmaatschap, Onderzoek, Samenwerkingsruimte
from portal.models import User
from tests.samenwerking.factories import DocumentFactory, seeded_kader, seeded_toezichtsvorm
tom = User.objects.get(email="toezichthouder@demo.toezichtportaal.nl")
ruimte = Samenwerkingsruimte.objects.create(titel="Ruimte besluit (browsertest)", soort="gezamenlijk_onderzoek")
Lidmaatschap.objects.create(ruimte=ruimte, gebruiker=tom, rol="coordinator")
concept = DocumentFactory(ruimte=ruimte, naam="Conceptrapport (fictief)")
definitief = DocumentFactory(ruimte=ruimte, naam="Definitief rapport (fictief)")
onderzoek = Onderzoek.objects.create(
    ruimte=ruimte, titel="Onderzoek besluit (fictief)", toezichtsvorm=seeded_toezichtsvorm(), kader=seeded_kader(),
    coordinerende_organisatie=tom.organisatie, rapport_concept=concept, fictief=True,
)
procedure.start(tom, onderzoek, date(2026, 4, 13), "pagina")
procedure.afronden(tom, onderzoek, 1, "pagina", datum=date(2026, 4, 20))
procedure.afronden(tom, onderzoek, 2, "pagina", datum=date(2026, 4, 24), document=definitief)
procedure.afronden(tom, onderzoek, 3, "pagina", datum=date(2026, 4, 30))
procedure.afronden(tom, onderzoek, 4, "pagina", datum=date(2026, 5, 18), geen=True)
print(ruimte.pk, onderzoek.pk)
"""


def _setup(database_url):
    env = {"DJANGO_SETTINGS_MODULE": "portal.settings.test", "DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SETUP],
        cwd=BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return [int(v) for v in result.stdout.splitlines()[-1].split()]


def test_a_decision_not_to_publish_with_axe(page, live_url, live_database_url, axe, login):
    ruimte, onderzoek = _setup(live_database_url)
    login(page, "toezichthouder")
    page.goto(f"{live_url}/samenwerking/{ruimte}/onderzoeken/{onderzoek}/rapport/")
    stap = page.locator("#stap-5")
    assert "al dan niet openbaar maken" in stap.locator("blockquote").first.inner_text()
    assert axe(page) == []
    stap.get_by_label("Datum").fill(date(2026, 5, 19).isoformat())
    stap.get_by_role("group", name="Besluit").get_by_label("Niet openbaar maken").check()
    stap.get_by_role("button", name="Besluit openbaarmaking afronden").click()
    assert "Geef de motivering van het besluit" in page.locator("#stap-5").inner_text()
    assert axe(page) == []
    stap = page.locator("#stap-5")
    stap.get_by_role("group", name="Besluit").get_by_label("Niet openbaar maken").check()
    stap.get_by_label("Motivering").fill("Onevenredige benadeling van de cliënten (fictief).")
    stap.get_by_role("button", name="Besluit openbaarmaking afronden").click()
    notice = page.get_by_role("region", name="Besloten: het rapport wordt niet openbaar gemaakt")
    notice.wait_for(timeout=10000)
    assert "Onevenredige benadeling van de cliënten (fictief)." in notice.inner_text()
    assert page.get_by_text("Vervallen: besloten is het rapport niet openbaar te maken.").count() == 2
    assert page.get_by_role("button", name="Aanbieden ter publicatie").count() == 0
    assert re.search(r"Niet openbaar maken", page.locator("#stap-5").inner_text())
    assert axe(page) == []
