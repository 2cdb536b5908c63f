"""The supervisors' objects in GraphQL: every field and argument, nested lists through the
child's viewable_by_user, the mutations through the same checks as the pages, bad input a
Dutch error with nothing saved, and CSRF required as for every mutation."""

import json
from datetime import date, timedelta

from django.contrib.auth.models import Group
from django.test import Client

import pytest

from portal.roles import TOEZICHTHOUDER
from samenwerking.models import (
    AuditLogEntry,
    Bevinding,
    BevindingVersie,
    Leerpunt,
    LeerpuntVerruiming,
    Melding,
    MeldingUitstel,
    Opvolging,
)
from samenwerking.termijnen import calamiteitstermijnen

from .factories import (
    AanbevelingFactory,
    AanbiederFactory,
    BevindingFactory,
    LeerpuntFactory,
    LidmaatschapFactory,
    MeldingFactory,
    OnderzoekFactory,
    OpvolgingFactory,
    OrganisatieFactory,
    ThemaFactory,
    UserFactory,
    seeded_normen,
)

pytestmark = pytest.mark.django_db


def supervisor(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=TOEZICHTHOUDER))
    return user


@pytest.fixture
def w():
    coordinator = supervisor()
    lid = LidmaatschapFactory(gebruiker=coordinator, coordinator=True)
    ruimte = lid.ruimte
    deelnemer = supervisor()
    LidmaatschapFactory(ruimte=ruimte, gebruiker=deelnemer)
    aanbieder = AanbiederFactory(naam="Zorg Noord", kvk_nummer="11111111")
    tweede = AanbiederFactory(naam="Zorg Zuid", kvk_nummer="22222222")
    onderzoek = OnderzoekFactory(ruimte=ruimte, titel="Kwaliteit Noord", normen=3, met_aanbieders=[aanbieder, tweede])
    normen = seeded_normen(onderzoek.kader, 3)
    bevinding = BevindingFactory(onderzoek=onderzoek, norm=normen[0], aanbieder=aanbieder, toelichting="In orde")
    melding = MeldingFactory(ruimte=ruimte, aanbieder=aanbieder, samenvatting="Valpartij")
    organisatie = OrganisatieFactory(naam="GGD Test")
    leerpunt = LeerpuntFactory(ruimte=ruimte, titel="Afschalen", onderzoek=onderzoek)
    leerpunt.aanbieders.add(aanbieder)
    leerpunt.themas.add(ThemaFactory(naam="Regie", slug="regie"))
    aanbeveling = AanbevelingFactory(leerpunt=leerpunt, tekst="Leg de regie vast")
    opvolging = OpvolgingFactory(aanbeveling=aanbeveling, organisatie=organisatie)
    return locals()


ONDERZOEKEN = """query($ruimte: ID, $aanbieder: ID, $status: OnderzoekStatus) {
  onderzoeken(ruimte: $ruimte, aanbieder: $aanbieder, status: $status) {
    id titel aanleiding status toezichtsvorm kader ruimteId coordinerendeOrganisatie fictief
    geplandBegin geplandEind werkelijkBegin werkelijkEind aanbieders { naam } } }"""
ONDERZOEK = """query($id: ID!) { onderzoek(id: $id) { titel status toezichtsvorm kader ruimteId normen
    aanbieders { naam kvkNummer }
    bevindingen { norm oordeel toelichting aanbieder { naam } vastgesteldDoor versies { oordeel } }
    leerpunten { titel } } }"""


def test_onderzoeken_with_every_field_and_argument(graphql, w):
    data = graphql(ONDERZOEKEN, user=w["deelnemer"])["data"]["onderzoeken"]
    assert [(o["titel"], o["aanleiding"], o["coordinerendeOrganisatie"], o["geplandBegin"]) for o in data] == [
        ("Kwaliteit Noord", w["onderzoek"].aanleiding, None, None)
    ]
    item = graphql(ONDERZOEK, {"id": str(w["onderzoek"].pk)})["data"]["onderzoek"]
    assert item["titel"] == "Kwaliteit Noord"
    assert item["status"] == "VOORBEREIDING"
    assert item["ruimteId"] == str(w["ruimte"].pk)
    assert item["kader"] == w["onderzoek"].kader.title
    assert item["toezichtsvorm"] == w["onderzoek"].toezichtsvorm.title
    assert len(item["normen"]) == 3
    assert sorted(a["naam"] for a in item["aanbieders"]) == ["Zorg Noord", "Zorg Zuid"]
    assert [(b["oordeel"], b["toelichting"], b["aanbieder"]["naam"]) for b in item["bevindingen"]] == [
        ("VOLDOET", "In orde", "Zorg Noord")
    ]
    assert item["leerpunten"] == [{"titel": "Afschalen"}]
    pk = str(w["ruimte"].pk)
    assert len(graphql(ONDERZOEKEN, {"ruimte": pk})["data"]["onderzoeken"]) == 1
    assert graphql(ONDERZOEKEN, {"ruimte": "999999"})["data"]["onderzoeken"] == []
    assert len(graphql(ONDERZOEKEN, {"aanbieder": str(w["tweede"].pk)})["data"]["onderzoeken"]) == 1
    assert graphql(ONDERZOEKEN, {"status": "AFGEROND"})["data"]["onderzoeken"] == []
    bad = graphql(ONDERZOEKEN, {"ruimte": "abc"})
    assert bad["errors"][0]["message"] == "Ongeldig nummer voor ruimte: abc."
    bad = graphql(ONDERZOEKEN, {"status": "ONZIN"}, status=400)
    assert bad["errors"][0]["message"].startswith("Variabele '$status' heeft een ongeldige waarde 'ONZIN'")


def test_single_lookups_are_null_for_bad_hidden_and_missing_ids(graphql, w):
    query = (
        "query($id: ID!) { onderzoek(id: $id) { titel } melding(id: $id) { samenvatting }"
        " leerpunt(id: $id) { titel } aanbieder(id: $id) { naam } }"
    )
    outsider = supervisor()
    for user, value in ((outsider, w["onderzoek"].pk), (outsider, "abc"), (outsider, "99999999"), (outsider, "-1")):
        data = graphql(query, {"id": str(value)}, user=user)["data"]
        assert data["onderzoek"] is None and data["melding"] is None and data["leerpunt"] is None
    member = graphql(
        "query($id: ID!) { onderzoek(id: $id) { titel } }", {"id": str(w["onderzoek"].pk)}, user=w["deelnemer"]
    )
    assert member["data"]["onderzoek"] == {"titel": "Kwaliteit Noord"}
    assert AuditLogEntry.objects.filter(actie="bekeken", kanaal="graphql", object_soort="onderzoek").count() == 1


def test_bevindingen_meldingen_leerpunten_aanbevelingen_aanbieders(graphql, w):
    user = w["deelnemer"]
    q = """query($o: ID, $a: ID) {
      bevindingen(onderzoek: $o, aanbieder: $a, oordeel: VOLDOET) { normId onderzoekId oordeel } }"""
    data = graphql(q, {"o": str(w["onderzoek"].pk)}, user=user)["data"]["bevindingen"]
    assert data == [{"normId": str(w["normen"][0].pk), "onderzoekId": str(w["onderzoek"].pk), "oordeel": "VOLDOET"}]
    assert graphql(q, {"a": str(w["tweede"].pk)})["data"]["bevindingen"] == []
    assert graphql(q, {"o": "x"})["errors"][0]["message"] == "Ongeldig nummer voor onderzoek: x."

    q = """query($open: Boolean) { meldingen(open: $open) { soort status samenvatting tijdigGemeld
      zelfonderzoekUiterlijk beoordeling aanbieder { naam } gemeenten uitstellen { reden } leerpunten { titel } } }"""
    data = graphql(q, {"open": True})["data"]["meldingen"]
    assert [(m["soort"], m["status"], m["samenvatting"], m["beoordeling"]) for m in data] == [
        ("CALAMITEIT", "ONTVANGEN", "Valpartij", None)
    ]
    assert data[0]["zelfonderzoekUiterlijk"] == w["melding"].zelfonderzoek_uiterlijk.isoformat()
    assert graphql(q, {"open": False})["data"]["meldingen"] == []

    q = """query($r: Reikwijdte, $t: String) { leerpunten(reikwijdte: $r, thema: $t) { titel reikwijdte themas
      normen aanbieders { naam } aanbevelingen { tekst leerpuntId opvolgingen { organisatie status } }
      verruimingen { van naar reden door } } }"""
    data = graphql(q, {"t": "regie"})["data"]["leerpunten"]
    assert data == [
        {
            "titel": "Afschalen",
            "reikwijdte": "RUIMTE",
            "themas": ["Regie"],
            "normen": [],
            "aanbieders": [{"naam": "Zorg Noord"}],
            "aanbevelingen": [
                {
                    "tekst": "Leg de regie vast",
                    "leerpuntId": str(w["leerpunt"].pk),
                    "opvolgingen": [{"organisatie": "GGD Test", "status": "OPEN"}],
                }
            ],
            "verruimingen": [],
        }
    ]
    assert graphql(q, {"r": "OPENBAAR"})["data"]["leerpunten"] == []
    assert graphql(q, {"t": "onbekend"})["data"]["leerpunten"] == []

    q = "query($open: Boolean, $l: ID) { aanbevelingen(open: $open, leerpunt: $l) { tekst } }"
    assert graphql(q, {"open": True})["data"]["aanbevelingen"] == [{"tekst": "Leg de regie vast"}]
    assert graphql(q, {"open": False})["data"]["aanbevelingen"] == []
    assert graphql(q, {"l": str(w["leerpunt"].pk)})["data"]["aanbevelingen"] == [{"tekst": "Leg de regie vast"}]
    assert graphql(q, {"l": "1.5"})["errors"][0]["message"] == "Ongeldig nummer voor leerpunt: 1.5."

    q = """query($id: ID!) { aanbieder(id: $id) { naam kvkNummer fictief locaties { naam } gemeenten
      voorzieningsoorten onderzoeken { titel } bevindingen { toelichting } meldingen { soort }
      leerpunten { titel } } }"""
    data = graphql(q, {"id": str(w["aanbieder"].pk)})["data"]["aanbieder"]
    assert data == {
        "naam": "Zorg Noord",
        "kvkNummer": "11111111",
        "fictief": False,
        "locaties": [],
        "gemeenten": [],
        "voorzieningsoorten": [],
        "onderzoeken": [{"titel": "Kwaliteit Noord"}],
        "bevindingen": [{"toelichting": "In orde"}],
        "meldingen": [{"soort": "CALAMITEIT"}],
        "leerpunten": [{"titel": "Afschalen"}],
    }
    q = "query($z: String) { aanbieders(zoek: $z) { naam } }"
    assert graphql(q, {"z": "noord"})["data"]["aanbieders"] == [{"naam": "Zorg Noord"}]
    assert [a["naam"] for a in graphql(q, {"z": "2222"})["data"]["aanbieders"]] == ["Zorg Zuid"]
    assert graphql(q, {"z": "niemand"})["data"]["aanbieders"] == []
    assert graphql(q, {"z": "x" * 201})["errors"][0]["message"] == "Een zoekterm is hoogstens 200 tekens lang."


def test_a_member_who_is_not_a_supervisor_sees_no_providers_nested(graphql, w):
    gewoon = LidmaatschapFactory(ruimte=w["ruimte"]).gebruiker
    query = "{ onderzoeken { aanbieders { naam } } bevindingen { aanbieder { naam } } aanbieders { naam } }"
    data = graphql(query, user=gewoon)
    assert data["data"] == {
        "onderzoeken": [{"aanbieders": []}],
        "bevindingen": [{"aanbieder": None}],
        "aanbieders": [],
    }


BEVINDING = """mutation($o: ID!, $n: ID!, $a: ID!, $oordeel: Oordeel!, $t: String) {
  legBevindingVast(onderzoek: $o, norm: $n, aanbieder: $a, oordeel: $oordeel, toelichting: $t) {
    bevinding { oordeel toelichting vastgesteldDoor versies { oordeel } } } }"""


def test_recording_a_finding_keeps_its_history(graphql, w):
    args = {"o": str(w["onderzoek"].pk), "n": str(w["normen"][0].pk), "a": str(w["aanbieder"].pk)}
    data = graphql(BEVINDING, {**args, "oordeel": "VOLDOET_NIET", "t": "Niet op orde"}, user=w["deelnemer"])
    result = data["data"]["legBevindingVast"]["bevinding"]
    assert (result["oordeel"], result["toelichting"]) == ("VOLDOET_NIET", "Niet op orde")
    assert Bevinding.objects.get(pk=w["bevinding"].pk).oordeel == "voldoet_niet"
    args2 = {**args, "n": str(w["normen"][1].pk), "a": str(w["tweede"].pk)}
    graphql(BEVINDING, {**args2, "oordeel": "VOLDOET"})
    assert Bevinding.objects.count() == 2 and BevindingVersie.objects.count() == 2
    assert AuditLogEntry.objects.filter(kanaal="graphql", object_soort="bevinding").count() == 2


@pytest.mark.parametrize(
    "change, message",
    [
        ({"o": "abc"}, "Ongeldig nummer voor onderzoek: abc."),
        ({"o": "999999"}, "Niet gevonden, of u hebt er geen toegang toe."),
        ({"n": "zz"}, "Ongeldig nummer voor norm: zz."),
        ({"n": "NORM4"}, "Deze norm hoort niet bij het toetsingskader van het onderzoek."),
        ({"a": "999999"}, "Deze aanbieder hoort niet bij het onderzoek."),
        ({"a": "ANDER"}, "Deze aanbieder hoort niet bij het onderzoek."),
        ({"t": "x" * 4001}, "De toelichting is hoogstens 4000 tekens lang."),
    ],
)
def test_bad_findings_are_refused_in_dutch_and_save_nothing(graphql, w, change, message):
    args = {"o": str(w["onderzoek"].pk), "n": str(w["normen"][1].pk), "a": str(w["aanbieder"].pk), "oordeel": "VOLDOET"}
    if change.get("n") == "NORM4":
        change = {"n": str(seeded_normen(w["onderzoek"].kader, 4)[3].pk)}
    if change.get("a") == "ANDER":
        change = {"a": str(AanbiederFactory().pk)}
    data = graphql(BEVINDING, {**args, **change}, user=w["deelnemer"])
    assert data["errors"][0]["message"] == message
    assert data["data"]["legBevindingVast"] is None
    assert Bevinding.objects.count() == 1 and BevindingVersie.objects.count() == 0


def test_a_meelezer_and_an_outsider_cannot_record(graphql, w):
    meelezer = LidmaatschapFactory(ruimte=w["ruimte"], meelezer=True).gebruiker
    args = {"o": str(w["onderzoek"].pk), "n": str(w["normen"][1].pk), "a": str(w["aanbieder"].pk), "oordeel": "VOLDOET"}
    for user in (meelezer, supervisor()):
        data = graphql(BEVINDING, args, user=user)
        assert data["errors"][0]["message"] == "Niet gevonden, of u hebt er geen toegang toe."
    assert Bevinding.objects.count() == 1


MELDING = """mutation($r: ID!, $a: ID!, $g: Date!, $m: Date!, $s: String!, $gem: [ID!]) {
  maakMelding(ruimte: $r, soort: GEWELD, aanbieder: $a, datumGebeurtenis: $g, datumGemeld: $m, samenvatting: $s,
    gemeenten: $gem) { melding { soort tijdigGemeld meldtermijnWerkdagen zelfonderzoekUiterlijk gemeenten } } }"""


def test_creating_a_report_and_extending_its_term(graphql, w):
    from portal.models import Gemeente

    gemeente = Gemeente.objects.order_by("naam").first()
    args = {"r": str(w["ruimte"].pk), "a": str(w["aanbieder"].pk), "g": "2026-11-02", "m": "2026-11-03"}
    args["s"] = "Incident"
    data = graphql(MELDING, {**args, "gem": [str(gemeente.pk)]}, user=w["deelnemer"])["data"]["maakMelding"]
    assert data["melding"] == {
        "soort": "GEWELD",
        "tijdigGemeld": True,
        "meldtermijnWerkdagen": calamiteitstermijnen(date(2026, 11, 2)).melden_werkdagen,
        "zelfonderzoekUiterlijk": "2026-12-29",
        "gemeenten": [gemeente.naam],
    }
    melding = Melding.objects.get(soort="geweld")
    for change, message in (
        ({"m": "2026-11-01"}, "De melding kan niet vóór de gebeurtenis zijn gedaan."),
        ({"s": "   "}, "Vat de melding kort samen."),
        ({"a": "999999"}, "Deze aanbieder bestaat niet."),
        ({"gem": ["999999"]}, "Een van de gemeenten bestaat niet."),
        ({"r": "nul"}, "Ongeldig nummer voor ruimte: nul."),
        (
            {"g": (date.today() + timedelta(days=5)).isoformat(), "m": (date.today() + timedelta(days=6)).isoformat()},
            "De datum van de gebeurtenis kan niet in de toekomst liggen.",
        ),
    ):
        response = graphql(MELDING, {**args, **change})
        assert response["errors"][0]["message"] == message
    assert Melding.objects.count() == 2

    q = """mutation($m: ID!, $r: String!, $t: Date!) { verlengZelfonderzoek(melding: $m, reden: $r, nieuweTermijn: $t) {
      melding { zelfonderzoekUiterlijk uitstellen { reden nieuweTermijn } } } }"""
    bad = graphql(q, {"m": str(melding.pk), "r": "Meer tijd", "t": "2026-12-01"})
    assert bad["errors"][0]["message"] == "De nieuwe termijn moet later zijn dan de huidige termijn (29-12-2026)."
    assert graphql(q, {"m": str(melding.pk), "r": " ", "t": "2027-01-20"})["errors"][0]["message"] == (
        "Geef de onderbouwing van het uitstel."
    )
    # A Saturday runs to the next working day.
    data = graphql(q, {"m": str(melding.pk), "r": "Meer tijd", "t": "2027-01-23"})["data"]["verlengZelfonderzoek"]
    assert data["melding"] == {
        "zelfonderzoekUiterlijk": "2027-01-25",
        "uitstellen": [{"reden": "Meer tijd", "nieuweTermijn": "2027-01-25"}],
    }
    assert MeldingUitstel.objects.count() == 1
    bad = graphql(q, {"m": "abc", "r": "x", "t": "2027-02-01"})
    assert bad["errors"][0]["message"] == "Ongeldig nummer voor melding: abc."


VERRUIM = """mutation($l: ID!, $n: Reikwijdte!, $r: String!) { verruimLeerpunt(leerpunt: $l, naar: $n, reden: $r) {
  leerpunt { reikwijdte verruimingen { van naar reden } } } }"""


def test_only_a_coordinator_widens_a_learning_one_step(graphql, w, client):
    args = {"l": str(w["leerpunt"].pk), "n": "TOEZICHTHOUDERS", "r": "Nuttig voor iedereen"}
    assert graphql(VERRUIM, args, user=w["deelnemer"])["errors"][0]["message"] == (
        "Niet gevonden, of u hebt er geen toegang toe."
    )
    assert graphql(VERRUIM, {**args, "n": "OPENBAAR"}, user=w["coordinator"])["errors"][0]["message"] == (
        "Openbaar maken gaat via de pagina van het leerpunt, langs de redactie van de kennisbank."
    )
    assert graphql(VERRUIM, {**args, "r": " "})["errors"][0]["message"] == (
        "Geef aan waarom het leerpunt breder zichtbaar wordt."
    )
    assert graphql(VERRUIM, {**args, "n": "RUIMTE"})["errors"][0]["message"].startswith(
        "Een leerpunt wordt stap voor stap breder zichtbaar"
    )
    assert LeerpuntVerruiming.objects.count() == 0
    data = graphql(VERRUIM, args)["data"]["verruimLeerpunt"]["leerpunt"]
    assert data == {
        "reikwijdte": "TOEZICHTHOUDERS",
        "verruimingen": [{"van": "RUIMTE", "naar": "TOEZICHTHOUDERS", "reden": "Nuttig voor iedereen"}],
    }
    assert LeerpuntVerruiming.objects.get().bevestigde_signalen == []
    assert AuditLogEntry.objects.filter(actie="verruimd", kanaal="graphql").count() == 1
    # Now every supervisor sees it, without the space's history.
    other = supervisor()
    seen = graphql("{ leerpunten { titel verruimingen { reden } aanbevelingen { tekst } } }", user=other)
    assert seen["data"]["leerpunten"] == [
        {"titel": "Afschalen", "verruimingen": [], "aanbevelingen": [{"tekst": "Leg de regie vast"}]}
    ]
    assert Leerpunt.objects.get().reikwijdte == "toezichthouders"


OPVOLGING = """mutation($a: ID!, $o: ID!, $s: OpvolgingStatus!, $d: Date, $t: String) {
  volgAanbevelingOp(aanbeveling: $a, organisatie: $o, status: $s, datum: $d, toelichting: $t) {
    opvolging { organisatie status datum toelichting } } }"""


def test_following_up_a_recommendation(graphql, w):
    args = {"a": str(w["aanbeveling"].pk), "o": str(w["organisatie"].pk), "s": "IN_UITVOERING"}
    args.update(d="2026-11-20", t="Gestart")
    data = graphql(OPVOLGING, args, user=w["deelnemer"])["data"]["volgAanbevelingOp"]["opvolging"]
    assert data == {
        "organisatie": "GGD Test",
        "status": "IN_UITVOERING",
        "datum": "2026-11-20",
        "toelichting": "Gestart",
    }
    assert Opvolging.objects.get().status == "in_uitvoering"
    for change, message in (
        ({"o": str(OrganisatieFactory().pk)}, "Deze organisatie is niet betrokken bij de aanbeveling."),
        ({"o": "x"}, "Ongeldig nummer voor organisatie: x."),
        ({"a": "999999"}, "Niet gevonden, of u hebt er geen toegang toe."),
        ({"d": (date.today() + timedelta(days=3)).isoformat()}, "De datum van de opvolging ligt in de toekomst."),
        ({"t": "x" * 2001}, "De toelichting is hoogstens 2000 tekens lang."),
    ):
        assert graphql(OPVOLGING, {**args, **change, "s": "AFGEROND"})["errors"][0]["message"] == message
    assert Opvolging.objects.get().status == "in_uitvoering"
    # Staff of the organisation concerned follow up too, once they may see the learning.
    medewerker = supervisor(organisatie=w["organisatie"])
    assert graphql(OPVOLGING, {**args, "s": "AFGEROND"}, user=medewerker)["errors"][0]["message"] == (
        "Niet gevonden, of u hebt er geen toegang toe."
    )
    w["leerpunt"].verruim("toezichthouders", door=w["coordinator"], reden="breed")
    data = graphql(OPVOLGING, {**args, "s": "AFGEROND"}, user=medewerker)["data"]["volgAanbevelingOp"]["opvolging"]
    assert data["status"] == "AFGEROND"
    assert graphql(OPVOLGING, {**args, "s": "OPEN"}, user=supervisor())["errors"][0]["message"] == (
        "Niet gevonden, of u hebt er geen toegang toe."
    )


def test_mutations_need_a_csrf_token_and_a_sign_in(w):
    client = Client(enforce_csrf_checks=True)
    client.force_login(w["coordinator"])
    args = {"l": str(w["leerpunt"].pk), "n": "TOEZICHTHOUDERS", "r": "Nuttig"}
    body = json.dumps({"query": VERRUIM, "variables": args})
    response = client.post("/graphql/", body, content_type="application/json")
    assert response.status_code == 403
    assert LeerpuntVerruiming.objects.count() == 0
    anonymous = Client()
    anonymous.get("/graphql/", HTTP_ACCEPT="text/html")
    response = anonymous.post(
        "/graphql/",
        json.dumps({"query": VERRUIM, "variables": args}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=anonymous.cookies["csrftoken"].value,
    )
    assert response.json()["errors"][0]["message"] == "Log in om dit te doen."


def test_widening_through_the_api_needs_every_personal_data_signal_confirmed(graphql, w):
    leerpunt = w["leerpunt"]
    leerpunt.tekst = "Bel mevrouw Jansen op 06-12345678 over het afschalen."
    leerpunt.save()
    args = {"l": str(leerpunt.pk), "n": "TOEZICHTHOUDERS", "r": "Nuttig voor iedereen"}
    message = graphql(VERRUIM, args, user=w["coordinator"])["errors"][0]["message"]
    assert message.startswith("Niet elk mogelijk persoonsgegeven is bevestigd:")
    assert "06-12345678" in message
    assert LeerpuntVerruiming.objects.count() == 0
    assert Leerpunt.objects.get(pk=leerpunt.pk).reikwijdte == "ruimte"
