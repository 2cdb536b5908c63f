"""The notice of open work in another space, shown on an investigation's and a report's page as
on the provider's page: only the coordinating organisation and the kind, only for supervisors,
and the request to join made from there, logged, notified and decided."""

import re

from django.contrib.auth.models import Group

import pytest

from portal.roles import TOEZICHTHOUDER
from samenwerking import toegang
from samenwerking.models import AuditLogEntry, Lidmaatschap, Notificatie, Toegangsverzoek

from .factories import (
    AanbiederFactory,
    LidmaatschapFactory,
    MeldingFactory,
    OnderzoekFactory,
    OrganisatieFactory,
    RuimteFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SECRETS = ["GEHEIME-RUIMTETITEL", "GEHEIME-ONDERZOEKSTITEL", "GEHEIME-AANLEIDING", "GEHEIME-SAMENVATTING"]


def supervisor():
    user = UserFactory()
    user.groups.add(Group.objects.get(name=TOEZICHTHOUDER))
    return user


def text_of(response):
    html = response.content.decode()
    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    main = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", main, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


@pytest.fixture
def world():
    aanbieder = AanbiederFactory(naam="Zorggroep De Linde B.V.", kvk_nummer="12345678")
    zonder = AanbiederFactory(naam="Thuiszorg Oost", kvk_nummer="87654321")
    eigen = RuimteFactory(titel="Ruimte Noord")
    vreemd = RuimteFactory(titel="GEHEIME-RUIMTETITEL")
    coordinatie = OrganisatieFactory(naam="GGD Rotterdam-Rijnmond")
    ik = supervisor()
    LidmaatschapFactory(ruimte=eigen, gebruiker=ik)
    coordinator = LidmaatschapFactory(ruimte=vreemd, coordinator=True).gebruiker
    onderzoek = OnderzoekFactory(ruimte=eigen, titel="Eigen onderzoek De Linde", met_aanbieders=[aanbieder, zonder])
    melding = MeldingFactory(ruimte=eigen, aanbieder=aanbieder, samenvatting="Eigen melding")
    OnderzoekFactory(
        ruimte=vreemd,
        titel="GEHEIME-ONDERZOEKSTITEL",
        aanleiding="GEHEIME-AANLEIDING",
        coordinerende_organisatie=coordinatie,
        met_aanbieders=[aanbieder],
    )
    MeldingFactory(
        ruimte=vreemd, aanbieder=aanbieder, samenvatting="GEHEIME-SAMENVATTING", coordinerende_organisatie=coordinatie
    )
    return {
        "aanbieder": aanbieder,
        "eigen": eigen,
        "vreemd": vreemd,
        "ik": ik,
        "coordinator": coordinator,
        "onderzoek_url": f"/samenwerking/{eigen.pk}/onderzoeken/{onderzoek.pk}/",
        "melding_url": f"/samenwerking/{eigen.pk}/meldingen/{melding.pk}/",
    }


NOTICE = (
    "In een ruimte waarvan u geen lid bent loopt over Zorggroep De Linde B.V.: "
    "een melding, gecoördineerd door GGD Rotterdam-Rijnmond "
    "Waarom vraagt u toegang tot de melding van GGD Rotterdam-Rijnmond? * Toegang vragen "
    "een onderzoek, gecoördineerd door GGD Rotterdam-Rijnmond "
    "Waarom vraagt u toegang tot het onderzoek van GGD Rotterdam-Rijnmond? * Toegang vragen"
)


def _notice_text(response):
    text = text_of(response)
    assert text.count("Ook elders in onderzoek") == 1
    return text.split("Ook elders in onderzoek: Zorggroep De Linde B.V.", 1)[1].strip()


@pytest.mark.parametrize("page", ["onderzoek_url", "melding_url"])
def test_the_notice_on_the_investigation_and_report_page_names_only_organisation_and_kind(client, world, page):
    client.force_login(world["ik"])
    response = client.get(world[page])
    assert response.status_code == 200
    html = response.content.decode()
    for secret in SECRETS:
        assert secret not in html
    assert f"/samenwerking/{world['vreemd'].pk}/" not in html
    after = _notice_text(response)
    assert after.startswith(NOTICE)
    assert [(a, [(e.organisatie, e.soort) for e in n]) for a, n in response.context["elders_per_aanbieder"]] == [
        (world["aanbieder"], [("GGD Rotterdam-Rijnmond", "melding"), ("GGD Rotterdam-Rijnmond", "onderzoek")])
    ]
    tokens = re.findall(r'name="token" value="([^"]+)"', html)
    assert tokens == [toegang.token_for(world["ik"], world["vreemd"].pk)] * 2
    assert tokens[0] != str(world["vreemd"].pk)
    # The same mechanism as on the provider's page: posted there, and back to this page.
    assert html.count(f'action="/samenwerking/aanbieders/{world["aanbieder"].pk}/"') == 2
    assert html.count(f'name="terug" value="{world[page]}"') == 2


def test_a_meelezer_sees_the_notice_only_as_a_supervisor(client, world):
    eigen = world["eigen"]
    lezer = supervisor()
    LidmaatschapFactory(ruimte=eigen, gebruiker=lezer, meelezer=True)
    client.force_login(lezer)
    for page in ("onderzoek_url", "melding_url"):
        response = client.get(world[page])
        assert response.status_code == 200
        assert _notice_text(response).startswith(NOTICE)

    geen_toezichthouder = UserFactory()
    LidmaatschapFactory(ruimte=eigen, gebruiker=geen_toezichthouder, meelezer=True)
    client.force_login(geen_toezichthouder)
    for page in ("onderzoek_url", "melding_url"):
        response = client.get(world[page])
        assert response.status_code == 200
        assert response.context["elders_per_aanbieder"] == []
        assert "Ook elders in onderzoek" not in response.content.decode()
    token = toegang.token_for(geen_toezichthouder, world["vreemd"].pk)
    response = client.post(
        f"/samenwerking/aanbieders/{world['aanbieder'].pk}/",
        {"token": token, "reden": "Graag", "terug": world["onderzoek_url"]},
    )
    assert response.status_code == 403
    assert not Toegangsverzoek.objects.exists()


def test_a_request_from_the_investigation_page_is_logged_notified_and_decided(client, world):
    ik, aanbieder, vreemd, coordinator = world["ik"], world["aanbieder"], world["vreemd"], world["coordinator"]
    terug = world["onderzoek_url"]
    client.force_login(ik)
    token = toegang.notices(ik, aanbieder)[0].token
    url = f"/samenwerking/aanbieders/{aanbieder.pk}/"

    response = client.post(url, {"token": token, "reden": "  ", "terug": terug})
    assert response.status_code == 400
    assert "Geef aan waarom u toegang vraagt." in response.content.decode()
    assert not Toegangsverzoek.objects.exists()

    response = client.post(url, {"token": token, "reden": "Wij onderzoeken dezelfde aanbieder", "terug": terug})
    assert (response.status_code, response["Location"]) == (302, terug)
    verzoek = Toegangsverzoek.objects.get()
    assert (verzoek.ruimte, verzoek.aanbieder, verzoek.aanvrager) == (vreemd, aanbieder, ik)
    assert list(AuditLogEntry.objects.filter(actie="toegang_gevraagd").values_list("ruimte", "gebruiker")) == [
        (vreemd.pk, ik.pk)
    ]
    assert list(Notificatie.objects.filter(soort="toegangsverzoek").values_list("ontvanger", flat=True)) == [
        coordinator.pk
    ]
    page = client.get(terug)
    assert "Uw verzoek is verstuurd." in page.content.decode()
    assert "uw verzoek om toegang wacht op een besluit" in page.content.decode()
    assert 'name="token"' not in page.content.decode()

    client.force_login(coordinator)
    beslis = f"/samenwerking/{vreemd.pk}/toegangsverzoeken/"
    response = client.post(beslis, {"verzoek": verzoek.pk, "besluit": "toekennen", "toelichting": ""})
    assert response.status_code == 302
    verzoek.refresh_from_db()
    assert (verzoek.besluit, verzoek.besloten_door) == ("toegekend", coordinator)
    assert Lidmaatschap.objects.get(ruimte=vreemd, gebruiker=ik).rol == "deelnemer"
    assert AuditLogEntry.objects.filter(ruimte=vreemd, actie="toegang_toegekend", gebruiker=coordinator).count() == 1

    # A member of both spaces now: nothing is elsewhere any more.
    client.force_login(ik)
    page = client.get(terug)
    assert page.context["elders_per_aanbieder"] == []
    assert "Ook elders in onderzoek" not in page.content.decode()


@pytest.mark.parametrize("terug", ["https://elders.example/", "//elders.example/x", "/admin/", "/samenwerking\\x"])
def test_a_request_returns_only_to_a_page_of_the_spaces(client, world, terug):
    client.force_login(world["ik"])
    aanbieder = world["aanbieder"]
    token = toegang.notices(world["ik"], aanbieder)[0].token
    response = client.post(
        f"/samenwerking/aanbieders/{aanbieder.pk}/", {"token": token, "reden": "Zelfde aanbieder", "terug": terug}
    )
    assert (response.status_code, response["Location"]) == (302, f"/samenwerking/aanbieders/{aanbieder.pk}/")
