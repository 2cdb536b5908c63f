"""A calamity report through its pages, "Mijn samenwerking" with its due items and the year
report, with axe-core on every page."""

import os
import re
import subprocess
import sys

import pytest

from .conftest import BASE_DIR

pytestmark = pytest.mark.browser

# The demo has no report yet: a fictional provider and a report whose self-investigation is
# overdue, added to the test server's database the way an operator would. It prints the
# kennisbank's term to report of the day of the report the test records.
SETUP = """
from datetime import date, timedelta
from django.utils import timezone
from samenwerking.models import Aanbieder, Melding, Samenwerkingsruimte
from samenwerking.termijnen import calamiteitstermijnen
ruimte = Samenwerkingsruimte.objects.get(titel="Gezamenlijk onderzoek LVB Nissewaard")
aanbieder, _ = Aanbieder.objects.get_or_create(naam="Zorgaanbieder De Fictieve Haven B.V. (fictief)", fictief=True)
gemeld = timezone.localdate() - timedelta(weeks=9)
Melding.objects.get_or_create(
    ruimte=ruimte, aanbieder=aanbieder, datum_gebeurtenis=gemeld, datum_gemeld=gemeld,
    defaults={"samenvatting": "Fictieve melding voor de browsertest.", "fictief": True},
)
print(calamiteitstermijnen(date(2026, 11, 23)).melden_werkdagen)
"""


@pytest.fixture
def demo_report(live_url, live_database_url):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="portal.settings.test", DATABASE_URL=live_database_url)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SETUP], cwd=BASE_DIR, env=env, check=True, capture_output=True
    )
    return int(result.stdout.split()[-1])


def test_report_assessment_due_items_and_year_report_with_axe(page, live_url, axe, login, demo_report):
    login(page, "toezichthouder")
    page.goto(f"{live_url}/samenwerking/")
    termijnen = page.get_by_role("table", name="Termijnen")
    assert termijnen.get_by_role("row", name=re.compile("Zelfonderzoek.*De Fictieve Haven.*te laat")).is_visible()
    assert axe(page) == []

    page.get_by_role("link", name="Gezamenlijk onderzoek LVB Nissewaard").click()
    page.get_by_role("link", name="Meldingen").first.click()
    assert page.get_by_role("heading", name=re.compile("Meldingen in")).is_visible()
    assert axe(page) == []

    page.get_by_role("link", name="Nieuwe melding").click()
    page.get_by_label("Calamiteit", exact=True).check()
    page.get_by_label("Aanbieder").select_option(label="Zorgaanbieder De Fictieve Haven B.V. (fictief)")
    page.get_by_label("Datum van de gebeurtenis").fill("2026-11-23")
    page.get_by_label("Datum van de melding").fill("2026-11-30")
    page.get_by_role("button", name="Melding vastleggen").click()
    assert "Vat de melding kort samen." in page.get_by_role("alert").inner_text()
    assert axe(page) == []
    page.get_by_label("Vertrouwelijke samenvatting").fill("Fictieve cliënt gevallen bij een transfer (browsertest).")
    page.get_by_role("button", name="Melding vastleggen").click()
    assert page.get_by_role("heading", name=re.compile("Calamiteit: melding van")).is_visible()
    meldtermijn = demo_report
    assert page.get_by_text(f"niet binnen {meldtermijn} werkdagen gemeld").is_visible()
    assert axe(page) == []

    page.locator("#id_zelfonderzoek-ontvangen_op").fill("2026-12-01")
    page.get_by_role("button", name="Ontvangst vastleggen").click()
    assert page.get_by_text("Het zelfonderzoek is ontvangen en kan worden beoordeeld.").is_visible()
    page.get_by_label("Melding sluiten").check()
    page.get_by_label("Toelichting op de beoordeling").fill("Het zelfonderzoek is zorgvuldig (browsertest).")
    page.locator("#id_beoordeling-beoordeeld_op").fill("2026-11-20")
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    assert "niet vóór de ontvangst van het zelfonderzoek" in page.get_by_role("alert").first.inner_text()
    assert axe(page) == []
    page.locator("#id_beoordeling-beoordeeld_op").fill("2026-12-01")
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    assert page.get_by_text("De beoordeling is vastgelegd.").is_visible()
    assert page.get_by_label("Kopie aan de wethouder(s) van").first.is_visible()
    assert axe(page) == []

    page.goto(f"{live_url}/samenwerking/jaarrapportage/?jaar=2026&publicatie=1")
    assert page.get_by_role("heading", name=re.compile("Jaarrapportage 2026")).is_visible()
    assert page.get_by_role("table", name="Meldingen").get_by_role("cell", name="<5").first.is_visible()
    kop = f"Binnen {meldtermijn} werkdagen gemeld"
    assert page.get_by_role("table", name="Meldingen").get_by_role("columnheader", name=kop).is_visible()
    assert axe(page) == []
