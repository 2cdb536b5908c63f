"""Learnings through their pages: written in a space, widened one recorded step at a time after
the personal-data check, offered to the kennisbank's editors; recommendations and follow-up."""

from datetime import date

from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import ValidationError
from django.utils.html import escape

import pytest
from wagtail.models import WorkflowPage, WorkflowState

from kennisbank.models import ArtikelPage
from portal.models import Gemeente
from portal.roles import TOEZICHTHOUDER
from samenwerking import leerpunten
from samenwerking.forms_leerpunt import controle_kenmerk
from samenwerking.models import AuditLogEntry, Leerpunt, LeerpuntVerruiming, Opvolging

from .factories import (
    AanbevelingFactory,
    AanbiederFactory,
    LeerpuntFactory,
    LidmaatschapFactory,
    MeldingFactory,
    OnderzoekFactory,
    OpvolgingFactory,
    OrganisatieFactory,
    RuimteFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TEKST = "Bij het afschalen van zorg bleef onduidelijk wie de signalen volgde."


def toezichthouder(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get_or_create(name=TOEZICHTHOUDER)[0])
    return user


@pytest.fixture
def ruimte():
    return RuimteFactory(titel="Ruimte Nissewaard")


@pytest.fixture
def coordinator(ruimte):
    return LidmaatschapFactory(
        ruimte=ruimte, coordinator=True, gebruiker=toezichthouder(first_name="Carla", last_name="Coördinator")
    ).gebruiker


@pytest.fixture
def deelnemer(ruimte):
    gebruiker = toezichthouder(first_name="Dirk", last_name="Deelnemer")
    return LidmaatschapFactory(ruimte=ruimte, gebruiker=gebruiker).gebruiker


def _verruim_post(
    client, leerpunt, naar, reden="Leerzaam voor de regio.", bevestig=True, tekst=None, titel=None, aanbevelingen=None
):
    """What the page posts after the coordinator saw the check of `tekst`, `titel` and
    `aanbevelingen` ({pk: text}; the learning's own unless given) and ticked every box."""
    tekst = leerpunt.tekst if tekst is None else tekst
    titel = leerpunt.titel if titel is None else titel
    aanbevelingen = {a.pk: a.tekst for a in leerpunt.aanbevelingen.all()} | (aanbevelingen or {})
    teksten = leerpunten.teksten_voor(leerpunt, tekst, titel=titel, aanbevelingen=aanbevelingen)
    signalen = leerpunten.signalen_voor(leerpunt, teksten=teksten)
    data = {"titel": titel, "tekst": tekst, "naar": naar, "reden": reden}
    data["kenmerk"] = controle_kenmerk(teksten, signalen)
    data |= {f"aanbeveling_{pk}": inhoud for pk, inhoud in aanbevelingen.items()}
    for index in range(len(signalen)):
        if bevestig:
            data[f"signaal_{index}_bevestigd"] = "on"
        data[f"signaal_{index}_toelichting"] = "Openbare naam van een organisatie."
    return client.post(f"/samenwerking/leerpunten/{leerpunt.pk}/verruimen/", data)


def _state(leerpunt):
    leerpunt.refresh_from_db()
    return leerpunt.reikwijdte, list(leerpunt.verruimingen.values_list("van", "naar", "door__email"))


def test_known_names_are_members_contacts_and_people_in_reports(ruimte, coordinator):
    lid_van_organisatie = UserFactory(first_name="Olga", last_name="Organisatie", organisatie=OrganisatieFactory())
    LidmaatschapFactory(ruimte=ruimte, gebruiker=None, organisatie=lid_van_organisatie.organisatie)
    OnderzoekFactory(ruimte=ruimte, contactpersonen="Hans Hendriks\n\n  Ria Rozendaal  ")
    MeldingFactory(ruimte=ruimte, betrokkenen="Bep Bakker\nHans Hendriks")
    MeldingFactory(ruimte=RuimteFactory(), betrokkenen="Iemand Anders")
    assert sorted(leerpunten.bekende_namen(ruimte)) == [
        "Bep Bakker",
        "Carla Coördinator",
        "Hans Hendriks",
        "Olga Organisatie",
        "Ria Rozendaal",
    ]


def test_write_a_learning_from_an_investigation(client, ruimte, deelnemer):
    gemeente = Gemeente.objects.order_by("naam").first()
    aanbieder = AanbiederFactory(naam="Zorg Oost B.V.")
    onderzoek = OnderzoekFactory(ruimte=ruimte, met_aanbieders=[aanbieder])
    onderzoek.gemeenten.set([gemeente])
    client.force_login(deelnemer)
    page = client.get(f"/samenwerking/{ruimte.pk}/leerpunten/nieuw/?onderzoek={onderzoek.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<option value="{aanbieder.pk}" selected>' in html
    assert f'<option value="{gemeente.pk}" selected>' in html
    response = client.post(
        f"/samenwerking/{ruimte.pk}/leerpunten/nieuw/",
        {"titel": "Afschalen", "tekst": TEKST, "onderzoek": onderzoek.pk, "aanbieders": [aanbieder.pk]},
    )
    leerpunt = Leerpunt.objects.get(titel="Afschalen")
    assert response.status_code == 302 and response["Location"] == f"/samenwerking/leerpunten/{leerpunt.pk}/"
    assert (leerpunt.ruimte, leerpunt.onderzoek, leerpunt.reikwijdte) == (ruimte, onderzoek, "ruimte")
    assert list(leerpunt.aanbieders.all()) == [aanbieder]
    log = AuditLogEntry.objects.filter(object_soort="leerpunt", object_id=str(leerpunt.pk))
    assert list(log.values_list("actie", flat=True)) == ["aangemaakt"]
    assert "Afschalen" in client.get(f"/samenwerking/{ruimte.pk}/leerpunten/").content.decode()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"titel": "", "tekst": TEKST}, "verplicht veld"),
        ({"titel": "X", "tekst": "x" * 8001}, "niet meer dan 8000 tekens"),
        ({"titel": "X", "tekst": TEKST, "onderzoek": "andere"}, "Selecteer een geldige keuze"),
        ({"titel": "X", "tekst": TEKST, "onderzoek": "eigen", "melding": "eigen"}, "niet uit allebei"),
        ({"titel": "X", "tekst": TEKST, "themas": ["999999"]}, "Selecteer een geldige keuze"),
    ],
)
def test_bad_input_for_a_learning_saves_nothing(client, ruimte, deelnemer, data, message):
    eigen, andere = OnderzoekFactory(ruimte=ruimte), OnderzoekFactory()
    melding = MeldingFactory(ruimte=ruimte)
    data = dict(data)
    if data.get("onderzoek") == "andere":
        data["onderzoek"] = andere.pk
    elif data.get("onderzoek") == "eigen":
        data["onderzoek"], data["melding"] = eigen.pk, melding.pk
    client.force_login(deelnemer)
    response = client.post(f"/samenwerking/{ruimte.pk}/leerpunten/nieuw/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Leerpunt.objects.count() == 0


@pytest.mark.parametrize("query", ["onderzoek=abc", "onderzoek=999999", "melding=andere"])
def test_a_source_from_elsewhere_is_refused_in_dutch(client, ruimte, deelnemer, query):
    if query == "melding=andere":
        query = f"melding={MeldingFactory().pk}"
    client.force_login(deelnemer)
    response = client.get(f"/samenwerking/{ruimte.pk}/leerpunten/nieuw/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ongeldig nummer" in html or "hoort niet bij deze ruimte" in html


def test_who_may_write_and_edit(client, ruimte, coordinator):
    meelezer = LidmaatschapFactory(ruimte=ruimte, meelezer=True).gebruiker
    buiten = toezichthouder()
    leerpunt = LeerpuntFactory(ruimte=ruimte)
    client.force_login(meelezer)
    assert client.get(f"/samenwerking/{ruimte.pk}/leerpunten/nieuw/").status_code == 403
    assert client.get(f"/samenwerking/leerpunten/{leerpunt.pk}/wijzigen/").status_code == 403
    assert client.get(f"/samenwerking/leerpunten/{leerpunt.pk}/").status_code == 200
    client.force_login(buiten)
    assert client.get(f"/samenwerking/{ruimte.pk}/leerpunten/nieuw/").status_code == 404
    assert client.get(f"/samenwerking/leerpunten/{leerpunt.pk}/").status_code == 404
    client.force_login(coordinator)
    response = client.post(f"/samenwerking/leerpunten/{leerpunt.pk}/wijzigen/", {"titel": "Nieuw", "tekst": TEKST})
    assert response.status_code == 302
    leerpunt.refresh_from_db()
    assert (leerpunt.titel, leerpunt.tekst) == ("Nieuw", TEKST)


def test_a_widened_learning_is_no_longer_edited(client, ruimte, coordinator):
    leerpunt = LeerpuntFactory(ruimte=ruimte)
    leerpunt.verruim("toezichthouders", door=coordinator, reden="Delen")
    client.force_login(coordinator)
    assert client.get(f"/samenwerking/leerpunten/{leerpunt.pk}/wijzigen/").status_code == 403
    with pytest.raises(ValidationError, match="niet meer gewijzigd"):
        leerpunten.update_leerpunt(coordinator, leerpunt, "pagina", {"titel": "X", "tekst": "Y"})
    leerpunt.refresh_from_db()
    assert leerpunt.titel != "X"


def test_widening_shows_the_check_with_the_spaces_names(client, ruimte, coordinator):
    MeldingFactory(ruimte=ruimte, betrokkenen="Bep Bakker")
    leerpunt = LeerpuntFactory(ruimte=ruimte, tekst="Bep Bakker belde op 06-12345678 met Carla.")
    client.force_login(coordinator)
    html = client.get(f"/samenwerking/leerpunten/{leerpunt.pk}/verruimen/").content.decode()
    assert "De controle vond 3 mogelijke persoonsgegevens" in html
    for fragment in ("„Bep Bakker”", "„06-12345678”", "„Carla”"):
        assert fragment in html
    assert html.count('type="checkbox"') == 3


def test_widening_needs_every_signal_confirmed_and_saves_nothing_otherwise(client, ruimte, coordinator):
    leerpunt = LeerpuntFactory(ruimte=ruimte, tekst="Mevrouw Jansen viel. Veilig Thuis werd gebeld.")
    client.force_login(coordinator)
    response = _verruim_post(client, leerpunt, "toezichthouders", bevestig=False)
    assert response.status_code == 400
    assert "Nog niet bevestigd: „Mevrouw Jansen”" in response.content.decode()
    assert _state(leerpunt) == ("ruimte", [])


def test_a_coordinator_widens_to_all_supervisors_with_a_recorded_decision(client, ruimte, coordinator):
    tekst = "De aanbieder Zorg Oost meldde dit aan Veilig Thuis, via mevrouw Jansen."
    leerpunt = LeerpuntFactory(ruimte=ruimte, tekst=tekst)
    buiten = toezichthouder()
    assert not Leerpunt.objects.viewable_by_user(buiten).filter(pk=leerpunt.pk).exists()
    client.force_login(coordinator)
    response = _verruim_post(client, leerpunt, "toezichthouders", reden="Leerzaam voor alle regio's.")
    assert response.status_code == 302
    assert _state(leerpunt) == ("toezichthouders", [("ruimte", "toezichthouders", coordinator.email)])
    verruiming = LeerpuntVerruiming.objects.get(leerpunt=leerpunt)
    assert verruiming.reden == "Leerzaam voor alle regio's."
    assert verruiming.bevestigde_signalen == [
        {
            "veld": "tekst",
            "plaats": "Tekst",
            "soort": "naam",
            "fragment": "mevrouw Jansen",
            "begin": 56,
            "eind": 70,
            "toelichting": "Openbare naam van een organisatie.",
        }
    ]
    assert list(
        AuditLogEntry.objects.filter(object_soort="leerpunt", actie="verruimd").values_list("toelichting", flat=True)
    ) == ["ruimte → toezichthouders"]
    assert list(Leerpunt.objects.viewable_by_user(buiten)) == [leerpunt]
    client.force_login(buiten)
    detail = client.get(f"/samenwerking/leerpunten/{leerpunt.pk}/")
    assert detail.status_code == 200
    assert "Zorg Oost" in detail.content.decode()
    assert "Leerzaam voor alle regio" not in detail.content.decode()
    assert [lp.pk for lp in client.get("/samenwerking/leerpunten/").context["leerpunten"]] == [leerpunt.pk]


def test_an_edited_text_is_checked_again_before_anything_is_decided(client, ruimte, coordinator):
    leerpunt = LeerpuntFactory(ruimte=ruimte, tekst="Mevrouw Jansen viel in de nacht.")
    client.force_login(coordinator)
    signalen = leerpunten.signalen_voor(leerpunt)
    gezien = controle_kenmerk(leerpunten.teksten_voor(leerpunt), signalen)
    nieuw = "Een bewoonster viel in de nacht; dhr. Pietersen hoorde het."
    response = client.post(
        f"/samenwerking/leerpunten/{leerpunt.pk}/verruimen/",
        {
            "titel": leerpunt.titel,
            "tekst": nieuw,
            "naar": "toezichthouders",
            "reden": "Delen",
            "kenmerk": gezien,
            "signaal_0_bevestigd": "on",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "de controle is opnieuw uitgevoerd" in html
    assert "„dhr. Pietersen”" in html and "„Mevrouw Jansen”" not in html
    assert _state(leerpunt) == ("ruimte", [])
    assert leerpunt.tekst == "Mevrouw Jansen viel in de nacht."
    schoon = "Een bewoonster viel in de nacht; een buurman hoorde het."
    response = _verruim_post(client, leerpunt, "toezichthouders", tekst=schoon)
    assert response.status_code == 302
    assert _state(leerpunt)[0] == "toezichthouders"
    assert leerpunt.tekst == schoon


def test_a_participant_or_an_outside_supervisor_cannot_widen(client, ruimte, coordinator, deelnemer):
    leerpunt = LeerpuntFactory(ruimte=ruimte)
    client.force_login(deelnemer)
    assert client.get(f"/samenwerking/leerpunten/{leerpunt.pk}/verruimen/").status_code == 403
    assert _verruim_post(client, leerpunt, "toezichthouders").status_code == 403
    assert _state(leerpunt) == ("ruimte", [])
    leerpunt.verruim("toezichthouders", door=coordinator, reden="Delen")
    client.force_login(toezichthouder())
    assert _verruim_post(client, leerpunt, "openbaar").status_code == 403
    client.force_login(UserFactory())
    assert _verruim_post(client, leerpunt, "openbaar").status_code == 404
    assert _state(leerpunt) == ("toezichthouders", [("ruimte", "toezichthouders", coordinator.email)])
    with pytest.raises(leerpunten.PermissionDenied):
        leerpunten.verruim_leerpunt(
            deelnemer, leerpunt, "pagina", naar="openbaar", reden="X", tekst=leerpunt.tekst, bevestigde_signalen=[]
        )


@pytest.mark.parametrize(
    "naar,reden,message",
    [
        ("openbaar", "Meteen openbaar", "de volgende stap is „Alle toezichthouders in het portaal”"),
        ("ruimte", "Terug", "de volgende stap is „Alle toezichthouders in het portaal”"),
        ("iedereen", "Onzin", "Selecteer een geldige keuze"),
        ("toezichthouders", "", "verplicht veld"),
    ],
)
def test_widening_refuses_skipping_a_step_and_bad_input(client, ruimte, coordinator, naar, reden, message):
    leerpunt = LeerpuntFactory(ruimte=ruimte)
    paginas = ArtikelPage.objects.count()
    client.force_login(coordinator)
    response = _verruim_post(client, leerpunt, naar, reden=reden)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _state(leerpunt) == ("ruimte", [])
    assert ArtikelPage.objects.count() == paginas


def test_the_action_itself_refuses_unconfirmed_signals(ruimte, coordinator):
    leerpunt = LeerpuntFactory(ruimte=ruimte, tekst="BSN 123456782 stond in het dossier.")
    with pytest.raises(ValidationError, match="„123456782”"):
        leerpunten.verruim_leerpunt(
            coordinator,
            leerpunt,
            "graphql",
            naar="toezichthouders",
            reden="X",
            tekst=leerpunt.tekst,
            bevestigde_signalen=[],
        )
    assert _state(leerpunt) == ("ruimte", [])


def test_to_public_offers_a_draft_page_to_the_editors_and_is_public_only_when_live(client, ruimte, coordinator):
    leerpunt = LeerpuntFactory(ruimte=ruimte, titel="Regie bij afschalen", tekst="Eerste alinea.\n\nTweede <alinea>.")
    leerpunt.verruim("toezichthouders", door=coordinator, reden="Delen")
    client.force_login(coordinator)
    response = _verruim_post(client, leerpunt, "openbaar", reden="Waardevol voor gemeenten.")
    assert response.status_code == 302
    assert _state(leerpunt)[0] == "openbaar"
    pagina = ArtikelPage.objects.get(pk=leerpunt.pagina_id)
    assert (pagina.title, pagina.live, pagina.samenvatting) == ("Regie bij afschalen", False, "Eerste alinea.")
    assert [str(block.value) for block in pagina.body] == ["<p>Eerste alinea.</p>", "<p>Tweede &lt;alinea&gt;.</p>"]
    state = WorkflowState.objects.get(object_id=str(pagina.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert list(
        AuditLogEntry.objects.filter(object_soort="leerpunt", object_id=str(leerpunt.pk))
        .order_by("pk")
        .values_list("actie", flat=True)
    )[-2:] == ["verruimd", "ter_publicatie"]
    anoniem = AnonymousUser()
    assert not Leerpunt.objects.viewable_by_user(anoniem).exists()
    assert client.get(f"/samenwerking/leerpunten/{leerpunt.pk}/verruimen/").status_code == 400
    pagina.save_revision().publish()
    assert list(Leerpunt.objects.viewable_by_user(anoniem)) == [leerpunt]


def test_without_an_editors_workflow_nothing_is_half_saved(client, ruimte, coordinator):
    leerpunt = LeerpuntFactory(ruimte=ruimte)
    leerpunt.verruim("toezichthouders", door=coordinator, reden="Delen")
    WorkflowPage.objects.all().delete()
    paginas = ArtikelPage.objects.count()
    client.force_login(coordinator)
    response = _verruim_post(client, leerpunt, "openbaar")
    assert response.status_code == 400
    assert "geen redactieproces" in response.content.decode()
    assert _state(leerpunt) == ("toezichthouders", [("ruimte", "toezichthouders", coordinator.email)])
    assert ArtikelPage.objects.count() == paginas
    assert leerpunt.pagina_id is None


def test_recommendations_and_their_follow_up(client, ruimte, deelnemer):
    leerpunt = LeerpuntFactory(ruimte=ruimte)
    gemeente_org, aanbieder_org = OrganisatieFactory(naam="Gemeente Test"), OrganisatieFactory(naam="Zorg Test")
    client.force_login(deelnemer)
    response = client.post(
        f"/samenwerking/leerpunten/{leerpunt.pk}/aanbevelingen/",
        {"tekst": "Leg de regie vast.", "organisaties": [gemeente_org.pk, aanbieder_org.pk]},
    )
    assert response.status_code == 302
    aanbeveling = leerpunt.aanbevelingen.get()
    assert sorted(aanbeveling.opvolgingen.values_list("organisatie__naam", "status")) == [
        ("Gemeente Test", "open"),
        ("Zorg Test", "open"),
    ]
    opvolging = aanbeveling.opvolgingen.get(organisatie=aanbieder_org)
    url = f"/samenwerking/leerpunten/{leerpunt.pk}/opvolgingen/{opvolging.pk}/"
    prefix = f"o{opvolging.pk}"
    response = client.post(url, {f"{prefix}-status": "afgerond", f"{prefix}-datum": "", f"{prefix}-toelichting": ""})
    assert response.status_code == 400
    assert "Vul de datum in" in response.content.decode()
    opvolging.refresh_from_db()
    assert opvolging.status == "open"
    response = client.post(
        url, {f"{prefix}-status": "afgerond", f"{prefix}-datum": "2026-11-20", f"{prefix}-toelichting": "Vastgelegd."}
    )
    assert response.status_code == 302
    opvolging.refresh_from_db()
    assert (opvolging.status, opvolging.datum, opvolging.toelichting, opvolging.bijgewerkt_door) == (
        "afgerond",
        date(2026, 11, 20),
        "Vastgelegd.",
        deelnemer,
    )


def test_bad_recommendations_save_nothing(client, ruimte, deelnemer):
    leerpunt = LeerpuntFactory(ruimte=ruimte)
    client.force_login(deelnemer)
    response = client.post(f"/samenwerking/leerpunten/{leerpunt.pk}/aanbevelingen/", {"tekst": "Iets."})
    assert response.status_code == 400
    assert "Kies minstens één organisatie" in response.content.decode()
    response = client.post(
        f"/samenwerking/leerpunten/{leerpunt.pk}/aanbevelingen/", {"tekst": "", "organisaties": ["abc"]}
    )
    assert response.status_code == 400
    assert leerpunt.aanbevelingen.count() == 0


def test_the_organisation_itself_follows_up_but_nobody_else(client, ruimte, coordinator):
    leerpunt = LeerpuntFactory(ruimte=ruimte)
    leerpunt.verruim("toezichthouders", door=coordinator, reden="Delen")
    opvolging = OpvolgingFactory(aanbeveling=AanbevelingFactory(leerpunt=leerpunt))
    url = f"/samenwerking/leerpunten/{leerpunt.pk}/opvolgingen/{opvolging.pk}/"
    prefix = f"o{opvolging.pk}"
    data = {f"{prefix}-status": "in_uitvoering", f"{prefix}-datum": "", f"{prefix}-toelichting": "Gestart."}
    client.force_login(toezichthouder())
    assert client.post(url, data).status_code == 403
    client.force_login(UserFactory(organisatie=opvolging.organisatie))
    assert client.post(url, data).status_code == 404
    client.force_login(toezichthouder(organisatie=opvolging.organisatie))
    assert client.post(url, data).status_code == 302
    opvolging.refresh_from_db()
    assert (opvolging.status, opvolging.toelichting) == ("in_uitvoering", "Gestart.")
    assert client.post(f"/samenwerking/leerpunten/{leerpunt.pk}/opvolgingen/999999/", data).status_code == 404


def _overview(leerpunt_gemeenten, aanbieder):
    """Three learnings with recommendations: one in a space, one shared, one public."""
    rijnmond, elders = leerpunt_gemeenten
    coordinator = toezichthouder()
    ruimte = RuimteFactory()
    LidmaatschapFactory(ruimte=ruimte, gebruiker=coordinator, coordinator=True)
    intern = LeerpuntFactory(ruimte=ruimte, titel="Intern")
    gedeeld = LeerpuntFactory(ruimte=ruimte, titel="Gedeeld")
    gedeeld.gemeenten.set([rijnmond, elders])
    gedeeld.aanbieders.set([aanbieder])
    gedeeld.verruim("toezichthouders", door=coordinator, reden="Delen")
    openbaar = LeerpuntFactory(ruimte=ruimte, titel="Openbaar")
    openbaar.gemeenten.set([rijnmond])
    openbaar.verruim("toezichthouders", door=coordinator, reden="Delen")
    leerpunten.verruim_leerpunt(
        coordinator, openbaar, "pagina", naar="openbaar", reden="Publiek", tekst=openbaar.tekst, bevestigde_signalen=[]
    )
    openbaar.refresh_from_db()
    openbaar.pagina.specific.save_revision().publish()
    items = {}
    for leerpunt in (intern, gedeeld, openbaar):
        aanbeveling = AanbevelingFactory(leerpunt=leerpunt, tekst=f"Aanbeveling {leerpunt.titel}")
        OpvolgingFactory(aanbeveling=aanbeveling, status=Opvolging.Status.IN_UITVOERING)
        items[leerpunt.titel] = aanbeveling
    klaar = AanbevelingFactory(leerpunt=gedeeld, tekst="Afgerond")
    OpvolgingFactory(aanbeveling=klaar, status=Opvolging.Status.AFGEROND, datum=date(2026, 1, 5))
    return coordinator, items


def _counts(response, key):
    rijen = response.context[key]
    return None if rijen is None else [(rij.naam, rij.aantal) for rij in rijen]


def _lines(response):
    return [regel.tekst for regel in response.context["regels"]]


def test_open_recommendations_per_municipality_and_provider_for_whoever_may_see_them(client):
    gemeenten = list(Gemeente.objects.order_by("naam")[:2])
    aanbieder = AanbiederFactory(naam="Zorg Oost B.V.")
    coordinator, _ = _overview(gemeenten, aanbieder)
    a, b = gemeenten[0].naam, gemeenten[1].naam

    client.force_login(coordinator)
    response = client.get("/samenwerking/aanbevelingen/")
    assert response.status_code == 200
    assert _counts(response, "per_gemeente") == [(a, 2), (b, 1), (None, 1)]
    assert _counts(response, "per_aanbieder") == [("Zorg Oost B.V.", 1), (None, 2)]
    assert _lines(response) == ["Aanbeveling Gedeeld", "Aanbeveling Intern", "Aanbeveling Openbaar"]
    html = response.content.decode()
    assert f'href="?gemeente={gemeenten[1].pk}#aanbevelingen">{escape(b)}</a>' in html
    assert f'href="?aanbieder={aanbieder.pk}#aanbevelingen">Zorg Oost B.V.</a>' in html
    filtered = client.get(f"/samenwerking/aanbevelingen/?gemeente={gemeenten[1].pk}")
    assert _counts(filtered, "per_gemeente") == [(a, 1), (b, 1)]
    assert _lines(filtered) == ["Aanbeveling Gedeeld"]
    filtered = client.get(f"/samenwerking/aanbevelingen/?aanbieder={aanbieder.pk}")
    assert _counts(filtered, "per_aanbieder") == [("Zorg Oost B.V.", 1)]
    assert _lines(filtered) == ["Aanbeveling Gedeeld"]

    client.force_login(toezichthouder())
    response = client.get("/samenwerking/aanbevelingen/")
    assert _counts(response, "per_gemeente") == [(a, 2), (b, 1)]
    assert _lines(response) == ["Aanbeveling Gedeeld", "Aanbeveling Openbaar"]

    client.force_login(UserFactory())
    response = client.get("/samenwerking/aanbevelingen/")
    assert _counts(response, "per_gemeente") == [(a, 1)]
    assert _counts(response, "per_aanbieder") is None
    assert _lines(response) == ["Aanbeveling Openbaar"]

    client.logout()
    response = client.get("/samenwerking/aanbevelingen/")
    assert response.status_code == 200
    assert _counts(response, "per_gemeente") == [(a, 1)]
    assert _lines(response) == ["Aanbeveling Openbaar"]
    assert "Zorg Oost" not in response.content.decode()
    assert "Aanbeveling Gedeeld" not in response.content.decode()


def test_open_recommendations_come_a_page_at_a_time(client):
    from samenwerking import leerpunt_views

    gemeenten = list(Gemeente.objects.order_by("naam")[:2])
    coordinator, items = _overview(gemeenten, AanbiederFactory())
    leerpunt = items["Intern"].leerpunt
    for n in range(leerpunt_views.PER_PAGINA_AANBEVELINGEN):
        OpvolgingFactory(aanbeveling=AanbevelingFactory(leerpunt=leerpunt, tekst=f"Extra {n:02d}"))
    client.force_login(coordinator)
    first = client.get("/samenwerking/aanbevelingen/")
    total = leerpunt_views.PER_PAGINA_AANBEVELINGEN + 3
    assert first.context["aantal"] == total
    assert len(_lines(first)) == leerpunt_views.PER_PAGINA_AANBEVELINGEN
    second = client.get("/samenwerking/aanbevelingen/?pagina=2")
    assert second.status_code == 200
    assert len(_lines(second)) == 3
    assert set(_lines(first)).isdisjoint(_lines(second))
    assert 'pagina=2#aanbevelingen">Volgende</a>' in first.content.decode()
    filtered = client.get(f"/samenwerking/aanbevelingen/?gemeente={gemeenten[0].pk}&pagina=1")
    assert filtered.status_code == 200

    for value, status, message in (
        ("abc", 400, "Het paginanummer moet een geheel getal zijn."),
        ("3", 404, "Deze pagina van het overzicht bestaat niet."),
        ("0", 404, "Deze pagina van het overzicht bestaat niet."),
    ):
        response = client.get(f"/samenwerking/aanbevelingen/?pagina={value}")
        assert response.status_code == status
        assert message in response.content.decode()
        assert "Extra 00" not in response.content.decode()


@pytest.mark.parametrize("query", ["gemeente=abc", "gemeente=999999", "aanbieder=1"])
def test_overview_with_bad_filters_answers_400_in_dutch(client, query):
    client.force_login(UserFactory())
    response = client.get(f"/samenwerking/aanbevelingen/?{query}")
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()


# The check covers everything of a learning that reaches as far as the learning: the title (the
# page's and search's title), the text, the recommendations and the follow-up notes.

TITEL_FOUT_POSITIEF = "Overdracht bij Stichting Jan de Vries Zorg (fictief)"
AANBEVELING_MET_GEGEVENS = "Bel mevrouw Jansen op 06-12345678 na elke overdracht."


def _gedeeld_leerpunt(ruimte):
    leerpunt = LeerpuntFactory(ruimte=ruimte, titel=TITEL_FOUT_POSITIEF)
    aanbeveling = AanbevelingFactory(leerpunt=leerpunt, tekst=AANBEVELING_MET_GEGEVENS)
    schoon = AanbevelingFactory(leerpunt=leerpunt, tekst="Leg vast wie de regie houdt.")
    opvolging = OpvolgingFactory(
        aanbeveling=schoon,
        organisatie=OrganisatieFactory(naam="Gemeente Voorbeeld"),
        toelichting="Besproken met dhr. Pietersen.",
    )
    return leerpunt, aanbeveling, schoon, opvolging


def test_the_check_covers_the_title_every_recommendation_and_the_follow_up_notes(ruimte):
    leerpunt, aanbeveling, schoon, opvolging = _gedeeld_leerpunt(ruimte)
    assert [(s.veld, s.plaats, s.soort, s.fragment) for s in leerpunten.signalen_voor(leerpunt)] == [
        ("titel", "Titel", "naam", "Jan de Vries"),
        (f"aanbeveling-{aanbeveling.pk}", "Aanbeveling 1", "naam", "mevrouw Jansen"),
        (f"aanbeveling-{aanbeveling.pk}", "Aanbeveling 1", "telefoon", "06-12345678"),
        (
            f"opvolging-{opvolging.pk}",
            "Toelichting bij de opvolging door Gemeente Voorbeeld van aanbeveling 2",
            "naam",
            "dhr. Pietersen",
        ),
    ]
    # The learning's text, "Leg vast wie de regie houdt." and an organisation's name stay unflagged.
    assert [s.veld for s in leerpunten.signalen_voor(leerpunt)].count("tekst") == 0


def test_widening_needs_the_title_and_recommendations_confirmed_or_edited(client, ruimte, coordinator):
    leerpunt, aanbeveling, schoon, opvolging = _gedeeld_leerpunt(ruimte)
    client.force_login(coordinator)
    html = client.get(f"/samenwerking/leerpunten/{leerpunt.pk}/verruimen/").content.decode()
    assert "De controle vond 4 mogelijke persoonsgegevens" in html
    for fragment, plaats in [
        ("„Jan de Vries”", "in: Titel"),
        ("„mevrouw Jansen”", "in: Aanbeveling 1"),
        ("„06-12345678”", "in: Aanbeveling 1"),
        ("„dhr. Pietersen”", "in: Toelichting bij de opvolging door Gemeente Voorbeeld van aanbeveling 2"),
    ]:
        assert f'{fragment} <span class="portal-meta">(' in html and plaats in html
    assert f'name="aanbeveling_{aanbeveling.pk}"' in html and f'name="aanbeveling_{schoon.pk}"' in html

    response = _verruim_post(client, leerpunt, "toezichthouders", bevestig=False)
    assert response.status_code == 400
    assert (
        "Nog niet bevestigd: „Jan de Vries”, „mevrouw Jansen”, „06-12345678”, „dhr. Pietersen”"
        in response.content.decode()
    )
    assert _state(leerpunt) == ("ruimte", [])

    # The true positives of the recommendation are edited away; the title's organisation (a false
    # positive) and the note are confirmed.
    bewerkt = "Bel de contactpersoon na elke overdracht."
    response = _verruim_post(client, leerpunt, "toezichthouders", aanbevelingen={aanbeveling.pk: bewerkt})
    assert response.status_code == 302
    assert _state(leerpunt) == ("toezichthouders", [("ruimte", "toezichthouders", coordinator.email)])
    aanbeveling.refresh_from_db()
    assert aanbeveling.tekst == bewerkt
    assert [(s["veld"], s["fragment"]) for s in LeerpuntVerruiming.objects.get().bevestigde_signalen] == [
        ("titel", "Jan de Vries"),
        (f"opvolging-{opvolging.pk}", "dhr. Pietersen"),
    ]
    assert AuditLogEntry.objects.filter(actie="gewijzigd", object_soort="aanbeveling").count() == 1


def test_an_edited_title_is_checked_again_and_becomes_the_title(client, ruimte, coordinator):
    leerpunt = LeerpuntFactory(ruimte=ruimte, titel="Afspraken over afschalen")
    client.force_login(coordinator)
    teksten = leerpunten.teksten_voor(leerpunt)
    gezien = controle_kenmerk(teksten, leerpunten.signalen_voor(leerpunt, teksten=teksten))
    data = {"titel": "Val van mevrouw Jansen", "tekst": leerpunt.tekst, "naar": "toezichthouders", "reden": "Delen"}
    response = client.post(f"/samenwerking/leerpunten/{leerpunt.pk}/verruimen/", {**data, "kenmerk": gezien})
    assert response.status_code == 200
    assert "de controle is opnieuw uitgevoerd" in response.content.decode()
    assert "„mevrouw Jansen”" in response.content.decode()
    assert _state(leerpunt) == ("ruimte", [])
    response = _verruim_post(client, leerpunt, "toezichthouders", titel="Val in de nacht")
    assert response.status_code == 302
    leerpunt.refresh_from_db()
    assert (leerpunt.titel, leerpunt.reikwijdte) == ("Val in de nacht", "toezichthouders")


def test_the_api_widening_refuses_an_unconfirmed_title_or_recommendation(ruimte, coordinator):
    leerpunt, aanbeveling, schoon, opvolging = _gedeeld_leerpunt(ruimte)
    besluit = {"naar": "toezichthouders", "reden": "Delen", "tekst": leerpunt.tekst}
    with pytest.raises(ValidationError) as exc:
        leerpunten.verruim_leerpunt(
            coordinator, leerpunt, "graphql", **besluit, bevestigde_signalen=["Jan de Vries", "dhr. Pietersen"]
        )
    assert exc.value.messages == ["Niet elk mogelijk persoonsgegeven is bevestigd: „mevrouw Jansen”, „06-12345678”."]
    with pytest.raises(ValidationError, match="„Jan de Vries”"):
        leerpunten.verruim_leerpunt(
            coordinator,
            leerpunt,
            "graphql",
            **besluit,
            bevestigde_signalen=["mevrouw Jansen", "06-12345678", "dhr. Pietersen"],
        )
    assert _state(leerpunt) == ("ruimte", [])
    leerpunten.verruim_leerpunt(
        coordinator,
        leerpunt,
        "graphql",
        **besluit,
        bevestigde_signalen=["Jan de Vries", "mevrouw Jansen", "06-12345678", "dhr. Pietersen"],
    )
    assert _state(leerpunt)[0] == "toezichthouders"


def _aanbeveling_post(client, leerpunt, tekst, organisatie, **extra):
    data = {"tekst": tekst, "organisaties": [organisatie.pk], **extra}
    return client.post(f"/samenwerking/leerpunten/{leerpunt.pk}/aanbevelingen/", data)


def test_a_recommendation_on_a_widened_learning_is_checked_before_saving(client, ruimte, coordinator, deelnemer):
    leerpunt = LeerpuntFactory(ruimte=ruimte)
    leerpunt.verruim("toezichthouders", door=coordinator, reden="Delen")
    organisatie = OrganisatieFactory()
    client.force_login(deelnemer)

    # A true negative is saved at once.
    schoon = "Werk samen met Veilig Thuis Rotterdam-Rijnmond."
    assert _aanbeveling_post(client, leerpunt, schoon, organisatie).status_code == 302
    assert list(leerpunt.aanbevelingen.values_list("tekst", flat=True)) == [schoon]

    # Flags are shown and nothing is saved until each is confirmed or edited away.
    response = _aanbeveling_post(client, leerpunt, AANBEVELING_MET_GEGEVENS, organisatie)
    assert response.status_code == 200
    html = response.content.decode()
    assert "al buiten de ruimte zichtbaar: de tekst is gecontroleerd op persoonsgegevens" in html
    assert "„mevrouw Jansen”" in html and "„06-12345678”" in html
    assert leerpunt.aanbevelingen.count() == 1
    signalen = leerpunten.signalen_in(leerpunt, AANBEVELING_MET_GEGEVENS, "aanbeveling")
    kenmerk = controle_kenmerk(AANBEVELING_MET_GEGEVENS, signalen)
    assert f'value="{kenmerk}"' in html
    response = _aanbeveling_post(
        client, leerpunt, AANBEVELING_MET_GEGEVENS, organisatie, kenmerk=kenmerk, signaal_0_bevestigd="on"
    )
    assert response.status_code == 400
    assert "Nog niet bevestigd: „06-12345678”" in response.content.decode()
    assert leerpunt.aanbevelingen.count() == 1

    # A false positive (an organisation's name) is confirmed, and the confirmation logged.
    vals = "Neem contact op met de Jan de Vries Stichting."
    kenmerk = controle_kenmerk(vals, leerpunten.signalen_in(leerpunt, vals, "aanbeveling"))
    bevestiging = {"kenmerk": kenmerk, "signaal_0_bevestigd": "on", "signaal_0_toelichting": "Een stichting."}
    response = _aanbeveling_post(client, leerpunt, vals, organisatie, **bevestiging)
    assert response.status_code == 302
    nieuw = leerpunt.aanbevelingen.get(tekst=vals)
    assert list(nieuw.opvolgingen.values_list("organisatie", flat=True)) == [organisatie.pk]
    assert AuditLogEntry.objects.get(object_soort="aanbeveling", object_id=str(nieuw.pk)).toelichting == (
        "bevestigd: „Jan de Vries”"
    )

    # The service refuses whoever calls it without the confirmations.
    with pytest.raises(ValidationError, match="Nog niet bevestigd: „mevrouw Jansen”, „06-12345678”"):
        leerpunten.add_aanbeveling(deelnemer, leerpunt, "graphql", AANBEVELING_MET_GEGEVENS, [organisatie])
    assert leerpunt.aanbevelingen.count() == 2


def test_a_recommendation_in_the_space_is_not_checked_until_the_widening(client, ruimte, deelnemer):
    leerpunt = LeerpuntFactory(ruimte=ruimte)
    client.force_login(deelnemer)
    assert _aanbeveling_post(client, leerpunt, AANBEVELING_MET_GEGEVENS, OrganisatieFactory()).status_code == 302
    assert [s.fragment for s in leerpunten.signalen_voor(leerpunt)] == ["mevrouw Jansen", "06-12345678"]


def test_a_follow_up_note_on_a_widened_learning_is_checked_before_it_is_saved(client, ruimte, coordinator):
    leerpunt = LeerpuntFactory(ruimte=ruimte)
    leerpunt.verruim("toezichthouders", door=coordinator, reden="Delen")
    opvolging = OpvolgingFactory(aanbeveling=AanbevelingFactory(leerpunt=leerpunt))
    url = f"/samenwerking/leerpunten/{leerpunt.pk}/opvolgingen/{opvolging.pk}/"
    prefix = f"o{opvolging.pk}"
    notitie = "Besproken met dhr. Pietersen."
    data = {f"{prefix}-status": "in_uitvoering", f"{prefix}-datum": "", f"{prefix}-toelichting": notitie}
    client.force_login(toezichthouder(organisatie=opvolging.organisatie))
    response = client.post(url, data)
    assert response.status_code == 200
    assert "„dhr. Pietersen”" in response.content.decode()
    opvolging.refresh_from_db()
    assert (opvolging.status, opvolging.toelichting) == ("open", "")
    with pytest.raises(ValidationError, match="„dhr. Pietersen”"):
        leerpunten.update_opvolging(coordinator, opvolging, "graphql", "in_uitvoering", None, notitie)
    opvolging.refresh_from_db()
    assert opvolging.toelichting == ""
    kenmerk = controle_kenmerk(notitie, leerpunten.signalen_in(leerpunt, notitie, "opvolging"))
    response = client.post(url, {**data, f"{prefix}-kenmerk": kenmerk, f"{prefix}-signaal_0_bevestigd": "on"})
    assert response.status_code == 302
    opvolging.refresh_from_db()
    assert (opvolging.status, opvolging.toelichting) == ("in_uitvoering", notitie)
    assert AuditLogEntry.objects.get(object_soort="opvolging").toelichting == "bevestigd: „dhr. Pietersen”"
    # Edited away, a note needs no confirmation.
    data[f"{prefix}-toelichting"] = "Besproken met de contactpersoon."
    assert client.post(url, data).status_code == 302
    opvolging.refresh_from_db()
    assert opvolging.toelichting == "Besproken met de contactpersoon."
