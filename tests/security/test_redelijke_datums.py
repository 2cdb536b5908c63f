"""A date outside 1990..2100 (a year 1, a year 9999: typing errors) is refused in Dutch by every
form of the supervisors' work and by every GraphQL field, and nothing is saved."""

import json
from datetime import date

from django.contrib.auth.models import Group
from django.test import Client

import pytest

from portal.forms import DATUM_BUITEN_BEREIK, RedelijkeDatums
from portal.roles import TOEZICHTHOUDER
from samenwerking import forms, forms_leerpunt, melding_forms, onderzoek_forms
from samenwerking.models import Melding
from tests.samenwerking.factories import AanbiederFactory, LidmaatschapFactory, RuimteFactory, UserFactory
from visual import forms as visual_forms

pytestmark = pytest.mark.django_db

MELDING = """mutation($r: ID!, $a: ID!, $g: Date!, $m: Date!) {
  maakMelding(ruimte: $r, soort: CALAMITEIT, aanbieder: $a, datumGebeurtenis: $g, datumGemeld: $m,
    samenvatting: "Een val in de badkamer.") { melding { id } } }"""


@pytest.fixture
def coordinator_space():
    ruimte = RuimteFactory()
    user = UserFactory()
    user.groups.add(Group.objects.get(name=TOEZICHTHOUDER))
    LidmaatschapFactory(ruimte=ruimte, gebruiker=user, rol="coordinator")
    return user, ruimte, AanbiederFactory()


def _api(user, variables):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/graphql/", HTTP_ACCEPT="text/html")
    response = client.post(
        "/graphql/",
        json.dumps({"query": MELDING, "variables": variables}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize(
    "gebeurtenis, gemeld", [("0001-01-01", "0001-01-02"), ("1989-12-31", "2026-10-01"), ("2026-10-01", "9999-12-31")]
)
def test_the_api_refuses_a_date_outside_the_range_and_saves_nothing(coordinator_space, gebeurtenis, gemeld):
    user, ruimte, aanbieder = coordinator_space
    result = _api(user, {"r": str(ruimte.pk), "a": str(aanbieder.pk), "g": gebeurtenis, "m": gemeld})
    assert result["errors"][0]["message"] == str(DATUM_BUITEN_BEREIK)
    assert result["data"] == {"maakMelding": None}
    assert not Melding.objects.exists()


def test_the_api_takes_a_date_inside_the_range(coordinator_space):
    user, ruimte, aanbieder = coordinator_space
    result = _api(user, {"r": str(ruimte.pk), "a": str(aanbieder.pk), "g": "2026-10-01", "m": "2026-10-02"})
    assert "errors" not in result, result
    assert Melding.objects.count() == 1


def test_the_report_page_refuses_a_date_outside_the_range_and_saves_nothing(client, coordinator_space):
    user, ruimte, aanbieder = coordinator_space
    client.force_login(user)
    response = client.post(
        f"/samenwerking/{ruimte.pk}/meldingen/nieuw/",
        {
            "soort": "calamiteit",
            "aanbieder": aanbieder.pk,
            "datum_gebeurtenis": "0001-01-01",
            "datum_gemeld": "0001-01-02",
            "samenvatting": "Een val in de badkamer.",
        },
    )
    assert response.status_code in (200, 400)
    assert str(DATUM_BUITEN_BEREIK) in response.content.decode()
    assert not Melding.objects.exists()


def _forms_with_dates():
    from django import forms as django_forms

    found = []
    for module in (forms, forms_leerpunt, melding_forms, onderzoek_forms, visual_forms):
        for value in vars(module).values():
            if (
                not (isinstance(value, type) and issubclass(value, django_forms.BaseForm))
                or value.__module__ != module.__name__
            ):
                continue
            fields = {**value.base_fields}
            if any(isinstance(f, django_forms.DateField) for f in fields.values()):
                found.append(value)
    return found


def test_every_form_with_a_date_field_holds_the_range():
    found = _forms_with_dates()
    assert len(found) >= 10
    assert [f.__name__ for f in found if not issubclass(f, RedelijkeDatums)] == []


@pytest.mark.parametrize("value, valid", [(date(1990, 1, 1), True), (date(2100, 12, 31), True), (date(1, 1, 1), False)])
def test_the_range_is_inclusive(value, valid):
    from django.core.exceptions import ValidationError

    from portal.forms import redelijke_datum

    if valid:
        redelijke_datum(value)
    else:
        with pytest.raises(ValidationError):
            redelijke_datum(value)
