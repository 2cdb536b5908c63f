"""Providers: the list and page for supervisors with exactly what each may see, adding and
editing with Dutch messages, the notice of open work in other spaces that names nothing but the
coordinating organisation and the kind, and the request to join with its decision."""

import re

from django.contrib.auth.models import Group

import pytest

from portal.roles import TOEZICHTHOUDER
from samenwerking import toegang
from samenwerking.models import (
    Aanbieder,
    AuditLogEntry,
    Lidmaatschap,
    Notificatie,
    Onderzoek,
    Toegangsverzoek,
)

from .factories import (
    AanbiederFactory,
    BevindingFactory,
    LeerpuntFactory,
    LidmaatschapFactory,
    MeldingFactory,
    OnderzoekFactory,
    OrganisatieFactory,
    RuimteFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def supervisor(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=TOEZICHTHOUDER))
    return user


def text_of(response):
    """The visible text of a page's main content, whitespace folded."""
    html = response.content.decode()
    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    main = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", main, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


@pytest.fixture
def world():
    aanbieder = AanbiederFactory(naam="Zorggroep De Linde B.V.", kvk_nummer="12345678")
    ander = AanbiederFactory(naam="Thuiszorg Oost", kvk_nummer="87654321")
    eigen = RuimteFactory(titel="Ruimte Noord")
    vreemd = RuimteFactory(titel="GEHEIME-RUIMTETITEL")
    coordinatie = OrganisatieFactory(naam="GGD Rotterdam-Rijnmond")
    ik = supervisor()
    LidmaatschapFactory(ruimte=eigen, gebruiker=ik)
    coordinator = LidmaatschapFactory(ruimte=vreemd, coordinator=True).gebruiker
    own = OnderzoekFactory(ruimte=eigen, titel="Eigen onderzoek De Linde", met_aanbieders=[aanbieder])
    BevindingFactory(onderzoek=own, aanbieder=aanbieder, toelichting="eigen bevinding")
    hidden = OnderzoekFactory(
        ruimte=vreemd,
        titel="GEHEIME-ONDERZOEKSTITEL",
        aanleiding="GEHEIME-AANLEIDING",
        coordinerende_organisatie=coordinatie,
        met_aanbieders=[aanbieder],
    )
    BevindingFactory(onderzoek=hidden, aanbieder=aanbieder, toelichting="GEHEIME-BEVINDING")
    MeldingFactory(
        ruimte=vreemd, aanbieder=aanbieder, samenvatting="GEHEIME-SAMENVATTING", coordinerende_organisatie=coordinatie
    )
    LeerpuntFactory(ruimte=vreemd, titel="GEHEIM-LEERPUNT").aanbieders.add(aanbieder)
    gedeeld = LeerpuntFactory(ruimte=vreemd, titel="Gedeeld leerpunt")
    gedeeld.aanbieders.add(aanbieder)
    gedeeld.verruim("toezichthouders", door=coordinator, reden="Voor iedereen nuttig")
    return {
        "aanbieder": aanbieder,
        "ander": ander,
        "eigen": eigen,
        "vreemd": vreemd,
        "ik": ik,
        "coordinator": coordinator,
        "coordinatie": coordinatie,
        "hidden": hidden,
    }


SECRETS = [
    "GEHEIME-RUIMTETITEL",
    "GEHEIME-ONDERZOEKSTITEL",
    "GEHEIME-AANLEIDING",
    "GEHEIME-BEVINDING",
    "GEHEIME-SAMENVATTING",
    "GEHEIM-LEERPUNT",
]


def test_only_supervisors_see_the_providers(client, world):
    assert client.get("/samenwerking/aanbieders/").status_code == 302
    client.force_login(UserFactory())
    assert client.get("/samenwerking/aanbieders/").status_code == 403
    assert client.get(f"/samenwerking/aanbieders/{world['aanbieder'].pk}/").status_code == 403
    client.force_login(world["ik"])
    assert client.get("/samenwerking/aanbieders/999999/").status_code == 404


def test_the_list_searches_by_name_and_kvk(client, world):
    client.force_login(world["ik"])

    def names(**params):
        response = client.get("/samenwerking/aanbieders/", params)
        assert response.status_code == 200
        return [a.naam for a in response.context["pagina"].object_list]

    assert names() == ["Thuiszorg Oost", "Zorggroep De Linde B.V."]
    assert names(q="linde") == ["Zorggroep De Linde B.V."]
    assert names(q="8765") == ["Thuiszorg Oost"]
    assert names(q="niemand") == []
    response = client.get("/samenwerking/aanbieders/", {"q": "x" * 201})
    assert response.status_code == 400
    response = client.get("/samenwerking/aanbieders/", {"pagina": "abc"})
    assert response.status_code == 400
    assert "Deze pagina van de lijst bestaat niet." in response.content.decode()


def test_the_page_lists_exactly_what_the_user_may_see_and_the_notice_names_only_organisation_and_kind(client, world):
    client.force_login(world["ik"])
    response = client.get(f"/samenwerking/aanbieders/{world['aanbieder'].pk}/")
    assert response.status_code == 200
    ctx = response.context
    assert [o.titel for o in ctx["onderzoeken"]] == ["Eigen onderzoek De Linde"]
    assert [b.toelichting for b in ctx["bevindingen"]] == ["eigen bevinding"]
    assert ctx["meldingen"] == []
    assert [lp.titel for lp in ctx["leerpunten"]] == ["Gedeeld leerpunt"]
    html = response.content.decode()
    for secret in SECRETS:
        assert secret not in html
    assert f"/samenwerking/{world['vreemd'].pk}/" not in html
    text = text_of(response)
    notice = text.split("Ook elders in onderzoek", 1)[1].split("Onderzoeken", 1)[0].strip()
    assert notice == (
        "In een ruimte waarvan u geen lid bent loopt over deze aanbieder: "
        "een melding, gecoördineerd door GGD Rotterdam-Rijnmond "
        "Waarom vraagt u toegang tot de melding van GGD Rotterdam-Rijnmond? * Toegang vragen "
        "een onderzoek, gecoördineerd door GGD Rotterdam-Rijnmond "
        "Waarom vraagt u toegang tot het onderzoek van GGD Rotterdam-Rijnmond? * Toegang vragen"
    )
    tokens = re.findall(r'name="token" value="([^"]+)"', html)
    assert len(tokens) == 2 and len(set(tokens)) == 1
    assert str(world["vreemd"].pk) != tokens[0] and len(tokens[0]) == 24


def test_no_notice_for_closed_work_own_spaces_or_non_supervisors(world):
    ik, aanbieder = world["ik"], world["aanbieder"]
    assert [(e.organisatie, e.soort) for e in toegang.notices(ik, aanbieder)] == [
        ("GGD Rotterdam-Rijnmond", "melding"),
        ("GGD Rotterdam-Rijnmond", "onderzoek"),
    ]
    assert toegang.notices(UserFactory(), aanbieder) == []
    assert toegang.notices(ik, world["ander"]) == []
    world["hidden"].status = Onderzoek.Status.AFGEROND
    world["hidden"].save()
    world["vreemd"].meldingen.update(status="afgesloten")
    assert toegang.notices(ik, aanbieder) == []


def test_a_request_is_sent_logged_notified_and_granted(client, world, django_capture_on_commit_callbacks):
    ik, aanbieder, vreemd, coordinator = world["ik"], world["aanbieder"], world["vreemd"], world["coordinator"]
    client.force_login(ik)
    token = toegang.notices(ik, aanbieder)[0].token
    url = f"/samenwerking/aanbieders/{aanbieder.pk}/"
    response = client.post(url, {"token": token, "reden": ""})
    assert response.status_code == 400
    assert "Geef aan waarom u toegang vraagt." in response.content.decode()
    response = client.post(url, {"token": "nep", "reden": "Wij onderzoeken dezelfde aanbieder"})
    assert response.status_code == 400
    assert "niet (meer) te vinden" in response.content.decode()
    assert not Toegangsverzoek.objects.exists()

    response = client.post(url, {"token": token, "reden": "Wij onderzoeken dezelfde aanbieder"})
    assert response.status_code == 302
    verzoek = Toegangsverzoek.objects.get()
    assert (verzoek.ruimte, verzoek.aanvrager, verzoek.reden) == (vreemd, ik, "Wij onderzoeken dezelfde aanbieder")
    assert list(AuditLogEntry.objects.filter(actie="toegang_gevraagd").values_list("ruimte", "gebruiker")) == [
        (vreemd.pk, ik.pk)
    ]
    assert list(Notificatie.objects.filter(soort="toegangsverzoek").values_list("ontvanger", flat=True)) == [
        coordinator.pk
    ]
    response = client.post(url, {"token": token, "reden": "Nog een keer"})
    assert response.status_code == 400
    assert "al een verzoek gedaan" in response.content.decode()
    assert Toegangsverzoek.objects.count() == 1
    page = client.get(url)
    assert "uw verzoek om toegang wacht op een besluit" in page.content.decode()

    # The requester cannot decide; the coordinator does.
    beslis = f"/samenwerking/{vreemd.pk}/toegangsverzoeken/"
    assert client.get(beslis).status_code == 404
    client.force_login(coordinator)
    page = client.get(beslis)
    assert page.status_code == 200
    assert "Wij onderzoeken dezelfde aanbieder" in page.content.decode()
    response = client.post(beslis, {"verzoek": verzoek.pk, "besluit": "toekennen", "toelichting": ""})
    assert response.status_code == 302
    verzoek.refresh_from_db()
    assert (verzoek.besluit, verzoek.besloten_door) == ("toegekend", coordinator)
    assert Lidmaatschap.objects.get(ruimte=vreemd, gebruiker=ik).rol == "deelnemer"
    assert list(
        AuditLogEntry.objects.filter(ruimte=vreemd, actie__in=["toegang_toegekend", "uitgenodigd"])
        .order_by("pk")
        .values_list("actie", flat=True)
    ) == ["uitgenodigd", "toegang_toegekend"]
    melding = Notificatie.objects.viewable_by_user(ik).filter(soort="toegangsverzoek").get()
    assert melding.toegangsverzoek == verzoek
    response = client.post(beslis, {"verzoek": verzoek.pk, "besluit": "afwijzen", "toelichting": "toch niet"})
    assert response.status_code == 400
    assert "Er wachten geen verzoeken." in response.content.decode()

    # A member now: the page lists the space's investigation, and the notice is gone.
    client.force_login(ik)
    page = client.get(url)
    assert "GEHEIME-ONDERZOEKSTITEL" in page.content.decode()
    assert page.context["elders"] == []


def test_a_refusal_needs_a_reason_and_reaches_the_requester_without_the_space(client, world):
    ik, aanbieder, vreemd, coordinator = world["ik"], world["aanbieder"], world["vreemd"], world["coordinator"]
    verzoek = toegang.request_access(ik, aanbieder, toegang.notices(ik, aanbieder)[0].token, "reden", "pagina")
    client.force_login(coordinator)
    beslis = f"/samenwerking/{vreemd.pk}/toegangsverzoeken/"
    response = client.post(beslis, {"verzoek": verzoek.pk, "besluit": "afwijzen", "toelichting": ""})
    assert response.status_code == 400
    assert "Geef aan waarom u het verzoek afwijst." in response.content.decode()
    for bad in ({"verzoek": "abc", "besluit": "afwijzen"}, {"verzoek": verzoek.pk, "besluit": "misschien"}):
        assert client.post(beslis, bad).status_code == 400
    assert client.post(beslis, {"verzoek": 999999, "besluit": "toekennen"}).status_code == 400
    verzoek.refresh_from_db()
    assert verzoek.besluit == ""
    response = client.post(beslis, {"verzoek": verzoek.pk, "besluit": "afwijzen", "toelichting": "Geen overlap"})
    assert response.status_code == 302
    verzoek.refresh_from_db()
    assert (verzoek.besluit, verzoek.toelichting_besluit) == ("afgewezen", "Geen overlap")
    assert not Lidmaatschap.objects.filter(ruimte=vreemd, gebruiker=ik).exists()
    assert AuditLogEntry.objects.filter(ruimte=vreemd, actie="toegang_afgewezen", gebruiker=coordinator).exists()

    client.force_login(ik)
    page = client.get("/samenwerking/notificaties/")
    text = text_of(page)
    assert "Uw verzoek om toegang over Zorggroep De Linde B.V. is afgewezen" in text
    assert "GEHEIME-RUIMTETITEL" not in page.content.decode()
    melding = Notificatie.objects.viewable_by_user(ik).get()
    assert client.get(f"/samenwerking/notificaties/{melding.pk}/")["Location"] == (
        f"/samenwerking/aanbieders/{aanbieder.pk}/"
    )
    # After a refusal a new request may be made.
    assert toegang.notices(ik, aanbieder)[0].aangevraagd is False


def test_a_member_who_is_not_coordinator_gets_403_on_the_requests(client, world):
    deelnemer = LidmaatschapFactory(ruimte=world["vreemd"]).gebruiker
    client.force_login(deelnemer)
    assert client.get(f"/samenwerking/{world['vreemd'].pk}/toegangsverzoeken/").status_code == 403


def test_the_number_of_requests_a_day_is_bounded(world, monkeypatch):
    from django.core.exceptions import ValidationError

    monkeypatch.setattr(toegang, "MAX_VERZOEKEN_PER_DAG", 1)
    ik, aanbieder = world["ik"], world["aanbieder"]
    tweede = AanbiederFactory()
    andere = RuimteFactory()
    OnderzoekFactory(ruimte=andere, met_aanbieders=[tweede])
    toegang.request_access(ik, aanbieder, toegang.notices(ik, aanbieder)[0].token, "reden", "pagina")
    with pytest.raises(ValidationError) as exc:
        toegang.request_access(ik, tweede, toegang.notices(ik, tweede)[0].token, "reden", "pagina")
    assert exc.value.messages == ["U hebt vandaag al 1 verzoeken gedaan. Probeer het morgen opnieuw."]
    assert Toegangsverzoek.objects.count() == 1


def test_adding_and_editing_a_provider(client, world):
    from portal.models import Gemeente

    client.force_login(world["ik"])
    gemeente = Gemeente.objects.order_by("naam").first()
    data = {
        "naam": "  Nieuwe  Zorg ",
        "kvk_nummer": "1122 3344",
        "gemeenten": [gemeente.pk],
        "locaties-TOTAL_FORMS": "1",
        "locaties-INITIAL_FORMS": "0",
        "locaties-MIN_NUM_FORMS": "0",
        "locaties-MAX_NUM_FORMS": "50",
        "locaties-0-naam": "Hoofdlocatie",
        "locaties-0-plaats": "Spijkenisse",
    }
    response = client.post("/samenwerking/aanbieders/nieuw/", data)
    assert response.status_code == 302
    item = Aanbieder.objects.get(naam="Nieuwe Zorg")
    assert item.kvk_nummer == "11223344"
    assert [str(lp) for lp in item.locaties.all()] == ["Hoofdlocatie, Spijkenisse"]
    assert list(item.gemeenten.all()) == [gemeente]
    assert AuditLogEntry.objects.filter(actie="aangemaakt", object_soort="aanbieder", object_id=str(item.pk)).exists()

    for kvk, message in (
        ("1234567", "Een KvK-nummer bestaat uit precies 8 cijfers."),
        ("abcdefgh", "Een KvK-nummer bestaat uit precies 8 cijfers."),
        ("12345678", "Er is al een aanbieder met dit KvK-nummer."),
    ):
        response = client.post("/samenwerking/aanbieders/nieuw/", {**data, "naam": "Dubbel", "kvk_nummer": kvk})
        assert response.status_code == 400
        assert message in response.content.decode()
    response = client.post("/samenwerking/aanbieders/nieuw/", {**data, "naam": "   "})
    assert response.status_code == 400
    assert "Vul de naam van de aanbieder in." in response.content.decode()
    assert not Aanbieder.objects.filter(naam="Dubbel").exists()

    edit = {
        **data,
        "naam": "Nieuwe Zorg Zuid",
        "kvk_nummer": "11223344",
        "locaties-INITIAL_FORMS": "1",
        "locaties-0-id": item.locaties.get().pk,
        "locaties-0-aanbieder": item.pk,
        "locaties-0-DELETE": "on",
    }
    response = client.post(f"/samenwerking/aanbieders/{item.pk}/wijzigen/", edit)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.naam == "Nieuwe Zorg Zuid"
    assert not item.locaties.exists()

    client.force_login(UserFactory())
    assert client.post("/samenwerking/aanbieders/nieuw/", data).status_code == 403
    assert client.get(f"/samenwerking/aanbieders/{item.pk}/wijzigen/").status_code == 403
