"""Nobody who may not act learns which ids exist: every mutation of the schema and every POST view
of the space pages answers a request with right ids and the same request with any one id made up
byte for byte alike, writes nothing, and logs the refusal in the space's audit log.

The tables are checked against the schema's mutation fields and the URL patterns of the space
pages: a new mutation or POST view without a row fails here."""

import difflib
import re
from datetime import timedelta
from urllib.parse import quote

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

import pytest

from portal.models import Gemeente
from portal.roles import TOEZICHTHOUDER
from portal.schema import schema
from samenwerking import melding_acties, procedure, toegang
from samenwerking import urls as samenwerking_urls
from samenwerking.models import (
    Aanbeveling,
    Aanbieder,
    AuditLogEntry,
    Bericht,
    Bevinding,
    Document,
    DocumentVersie,
    Leerpunt,
    LeerpuntVerruiming,
    Lidmaatschap,
    Melding,
    MeldingBrief,
    MeldingUitstel,
    Onderzoek,
    Opvolging,
    Procedurestap,
    Samenwerkingsruimte,
    Taak,
    Toegangsverzoek,
    Uitnodiging,
    Zelfonderzoek,
)
from tests.samenwerking.factories import (
    AanbevelingFactory,
    AanbiederFactory,
    BerichtFactory,
    DocumentFactory,
    LeerpuntFactory,
    LidmaatschapFactory,
    MeldingFactory,
    OnderzoekFactory,
    OpvolgingFactory,
    OrganisatieFactory,
    RuimteFactory,
    TaakFactory,
    ThemaFactory,
    UserFactory,
    seeded_kader,
    seeded_normen,
    seeded_toezichtsvorm,
    version,
)

pytestmark = pytest.mark.django_db

WRONG = "999999999"
PAGINA = AuditLogEntry.Kanaal.PAGINA
NOT_FOUND = "Niet gevonden, of u hebt er geen toegang toe."
LOG_IN = "Log in om dit te doen."
ROLES = ["anoniem", "buitenstaander", "meelezer_a", "deelnemer_a", "lid_b"]


@pytest.fixture
def world():
    a, b = RuimteFactory(), RuimteFactory()
    coordinator = LidmaatschapFactory(ruimte=a, coordinator=True)
    users = {
        "anoniem": None,
        "buitenstaander": UserFactory(),
        "meelezer_a": LidmaatschapFactory(ruimte=a, meelezer=True).gebruiker,
        "deelnemer_a": LidmaatschapFactory(ruimte=a).gebruiker,
        "lid_b": LidmaatschapFactory(ruimte=b, coordinator=True).gebruiker,
    }
    aanbieder = AanbiederFactory()
    normen = seeded_normen(aantal=1)
    onderzoek = OnderzoekFactory(ruimte=a, normen=normen, met_aanbieders=[aanbieder])
    leerpunt = LeerpuntFactory(ruimte=a)
    opvolging = OpvolgingFactory(aanbeveling=AanbevelingFactory(leerpunt=leerpunt))
    document = DocumentFactory(ruimte=a)
    version(document)
    # The only supervisor among the roles is outside space a: the one who may ask to join it,
    # with the token of the notice they are shown (open work on the same provider in a).
    users["lid_b"].groups.add(Group.objects.get(name=TOEZICHTHOUDER))
    beheerder = coordinator.gebruiker
    rapport = OnderzoekFactory(ruimte=a, normen=normen, met_aanbieders=[aanbieder])
    procedure.kies_concept(beheerder, rapport, document, PAGINA)
    lopend = OnderzoekFactory(ruimte=a, normen=normen, met_aanbieders=[aanbieder])
    procedure.kies_concept(beheerder, lopend, document, PAGINA)
    # Its procedure at the zienswijze (step 4), where a step is done or its term extended.
    dag = timezone.localdate() - timedelta(days=30)
    procedure.start(beheerder, lopend, dag, PAGINA)
    procedure.afronden(beheerder, lopend, 1, PAGINA, datum=dag + timedelta(days=1))
    procedure.afronden(beheerder, lopend, 2, PAGINA, datum=dag + timedelta(days=2), document=document)
    procedure.afronden(beheerder, lopend, 3, PAGINA, datum=dag + timedelta(days=3), reactie="Geen bezwaar.")
    melding = MeldingFactory(ruimte=a, aanbieder=aanbieder)
    # One report whose self-investigation came in (to assess), one assessed too (for its letter).
    ontvangen, beoordeeld = (MeldingFactory(ruimte=a, aanbieder=aanbieder) for _ in range(2))
    for item in (ontvangen, beoordeeld):
        rapport_aanbieder = DocumentFactory(ruimte=a)
        version(rapport_aanbieder)
        melding_acties.receive_self_investigation(
            beheerder, item, PAGINA, item.datum_gemeld + timedelta(days=5), rapport_aanbieder
        )
    beoordeeld_op = beoordeeld.datum_gemeld + timedelta(days=6)
    melding_acties.assess(beheerder, beoordeeld, PAGINA, Melding.Beoordeling.TOELICHTING, "Vragen.", beoordeeld_op)
    # Another supervisor's request to join a, for the coordinators of a to decide.
    aanvrager = UserFactory()
    aanvrager.groups.add(Group.objects.get(name=TOEZICHTHOUDER))
    verzoek = toegang.request_access(
        aanvrager, aanbieder, toegang.token_for(aanvrager, a.pk), "Wij houden toezicht op dezelfde aanbieder.", PAGINA
    )
    objects = {
        "a": a,
        "coordinator": coordinator,
        "deelnemer": Lidmaatschap.objects.get(ruimte=a, gebruiker=users["deelnemer_a"]),
        "organisatie": OrganisatieFactory(),
        "aanbieder": aanbieder,
        "norm": normen[0],
        "onderzoek": onderzoek,
        "melding": melding,
        "ontvangen": ontvangen,
        "beoordeeld": beoordeeld,
        "vandaag": timezone.localdate().isoformat(),
        "rapport": rapport,
        "lopend": lopend,
        "kader": seeded_kader(),
        "toezichtsvorm": seeded_toezichtsvorm(),
        "thema": ThemaFactory(),
        "token": toegang.token_for(users["lid_b"], a.pk),
        "verzoek": verzoek,
        "leerpunt": leerpunt,
        "opvolging": opvolging,
        "bericht": BerichtFactory(ruimte=a),
        "taak": TaakFactory(ruimte=a),
        "document": document,
        "gemeente": Gemeente.objects.order_by("pk").first(),
    }
    return {"users": users, "objects": objects}


def _client(world, role):
    client = Client()
    if world["users"][role] is not None:
        client.force_login(world["users"][role])
    return client


def _state():
    """Everything a request of this file could write, to compare before and after."""
    return (
        list(Samenwerkingsruimte.objects.order_by("pk").values_list("pk", "titel", "doel", "status")),
        list(Lidmaatschap.objects.order_by("pk").values_list("pk", "rol", "gebruiker", "organisatie")),
        Uitnodiging.objects.count(),
        list(Bericht.objects.order_by("pk").values_list("pk", "tekst")),
        list(Taak.objects.order_by("pk").values_list("pk", "titel", "gedaan")),
        Document.objects.count(),
        DocumentVersie.objects.count(),
        list(Bevinding.objects.order_by("pk").values_list("pk", "oordeel", "toelichting")),
        list(Melding.objects.order_by("pk").values_list("pk", "zelfonderzoek_uiterlijk", "samenvatting")),
        list(Leerpunt.objects.order_by("pk").values_list("pk", "reikwijdte")),
        list(Opvolging.objects.order_by("pk").values_list("pk", "status", "toelichting")),
        list(
            Onderzoek.objects.order_by("pk").values_list(
                "pk", "titel", "status", "toezichtsvorm", "rapport_concept", "rapport_definitief", "gewijzigd_op"
            )
        ),
        list(Onderzoek.aanbieders.through.objects.order_by("pk").values_list("onderzoek", "aanbieder")),
        list(Onderzoek.normen.through.objects.order_by("pk").values_list("onderzoek", "norm")),
        list(Onderzoek.gemeenten.through.objects.order_by("pk").values_list("onderzoek", "gemeente")),
        Aanbieder.objects.count(),
        list(
            Procedurestap.objects.order_by("pk").values_list(
                "pk", "begonnen_op", "uiterlijk_op", "uitstel_tot", "afgerond_op", "toelichting", "besluit"
            )
        ),
        list(Melding.objects.order_by("pk").values_list("pk", "status", "beoordeling", "gewijzigd_op")),
        list(Zelfonderzoek.objects.order_by("pk").values_list("pk", "ontvangen_op", "document", "toelichting")),
        MeldingUitstel.objects.count(),
        list(MeldingBrief.objects.order_by("pk").values_list("pk", "soort", "verzonden_op")),
        list(Leerpunt.objects.order_by("pk").values_list("pk", "titel", "tekst", "onderzoek", "gewijzigd_op")),
        LeerpuntVerruiming.objects.count(),
        list(Aanbeveling.objects.order_by("pk").values_list("pk", "tekst")),
        list(Toegangsverzoek.objects.order_by("pk").values_list("pk", "besluit", "toelichting_besluit")),
    )


def _refusals(world, role):
    user = world["users"][role]
    if user is None:
        return 0
    return AuditLogEntry.objects.filter(gebruiker=user, actie=AuditLogEntry.Actie.GEWEIGERD).count()


# mutation -> (document, right variables, the variables holding an id, roles that may act).
CONTRIBUTORS = {"deelnemer_a"}
SIGNED_IN = set(ROLES) - {"anoniem"}
MEMBERS_A = {"meelezer_a", "deelnemer_a"}


def _mutations(o):
    return {
        "maakSamenwerkingsruimte": (
            'mutation { maakSamenwerkingsruimte(titel: "Poging", soort: NETWERK) { ruimte { id } } }',
            {},
            [],
            SIGNED_IN,
        ),
        "nodigUit": (
            """mutation($r: ID!, $o: ID) { nodigUit(ruimte: $r, rol: DEELNEMER, organisatie: $o) {
              lid { naam } uitgenodigd } }""",
            {"r": o["a"].pk, "o": o["organisatie"].pk},
            ["r", "o"],
            set(),
        ),
        "wijzigRol": (
            "mutation($l: ID!) { wijzigRol(lid: $l, rol: MEELEZER) { lid { rol } } }",
            {"l": o["deelnemer"].pk},
            ["l"],
            set(),
        ),
        "verwijderLid": (
            "mutation($l: ID!) { verwijderLid(lid: $l) { ok } }",
            {"l": o["deelnemer"].pk},
            ["l"],
            set(),
        ),
        "plaatsBericht": (
            """mutation($r: ID!, $b: ID) { plaatsBericht(ruimte: $r, tekst: "Poging", antwoordOp: $b) {
              bericht { tekst } } }""",
            {"r": o["a"].pk, "b": o["bericht"].pk},
            ["r", "b"],
            CONTRIBUTORS,
        ),
        "maakTaak": (
            """mutation($r: ID!, $t: String) { maakTaak(ruimte: $r, titel: "Poging", toegewezenAan: $t) {
              taak { titel } } }""",
            {"r": o["a"].pk, "t": o["coordinator"].gebruiker.email},
            ["r", "t"],
            CONTRIBUTORS,
        ),
        "rondTaakAf": (
            "mutation($t: ID!) { rondTaakAf(taak: $t) { taak { gedaan } } }",
            {"t": o["taak"].pk},
            ["t"],
            CONTRIBUTORS,
        ),
        "legBevindingVast": (
            """mutation($o: ID!, $n: ID!, $a: ID!) { legBevindingVast(onderzoek: $o, norm: $n, aanbieder: $a,
              oordeel: VOLDOET, toelichting: "Poging") { bevinding { id } } }""",
            {"o": o["onderzoek"].pk, "n": o["norm"].pk, "a": o["aanbieder"].pk},
            ["o", "n", "a"],
            CONTRIBUTORS,
        ),
        "maakMelding": (
            """mutation($r: ID!, $a: ID!, $g: [ID!]) { maakMelding(ruimte: $r, soort: GEWELD, aanbieder: $a,
              datumGebeurtenis: "2026-11-02", datumGemeld: "2026-11-03", samenvatting: "Poging", gemeenten: $g) {
              melding { id } } }""",
            {"r": o["a"].pk, "a": o["aanbieder"].pk, "g": [o["gemeente"].pk]},
            ["r", "a", "g"],
            CONTRIBUTORS,
        ),
        "verlengZelfonderzoek": (
            """mutation($m: ID!) { verlengZelfonderzoek(melding: $m, reden: "Poging", nieuweTermijn: "2027-06-01") {
              melding { id } } }""",
            {"m": o["melding"].pk},
            ["m"],
            CONTRIBUTORS,
        ),
        "verruimLeerpunt": (
            """mutation($l: ID!) { verruimLeerpunt(leerpunt: $l, naar: TOEZICHTHOUDERS, reden: "Poging") {
              leerpunt { id } } }""",
            {"l": o["leerpunt"].pk},
            ["l"],
            set(),
        ),
        "volgAanbevelingOp": (
            """mutation($a: ID!, $o: ID!) { volgAanbevelingOp(aanbeveling: $a, organisatie: $o, status: AFGEROND,
              toelichting: "Poging") { opvolging { id } } }""",
            {"a": o["opvolging"].aanbeveling_id, "o": o["opvolging"].organisatie_id},
            ["a", "o"],
            CONTRIBUTORS,
        ),
        "maakOnderzoek": (
            """mutation($r: ID!, $k: ID!, $v: ID!, $a: [ID!], $g: [ID!], $c: ID) { maakOnderzoek(ruimte: $r,
              titel: "Poging", kader: $k, toezichtsvorm: $v, aanbieders: $a, gemeenten: $g,
              coordinerendeOrganisatie: $c) { onderzoek { id } } }""",
            {
                "r": o["a"].pk,
                "k": o["kader"].pk,
                "v": o["toezichtsvorm"].pk,
                "a": [o["aanbieder"].pk],
                "g": [o["gemeente"].pk],
                "c": o["organisatie"].pk,
            },
            ["r", "k", "v", "a", "g", "c"],
            CONTRIBUTORS,
        ),
        "wijzigOnderzoek": (
            """mutation($o: ID!, $v: ID, $a: [ID!], $c: ID) { wijzigOnderzoek(onderzoek: $o, titel: "Poging",
              toezichtsvorm: $v, aanbieders: $a, coordinerendeOrganisatie: $c) { onderzoek { id } } }""",
            {"o": o["onderzoek"].pk, "v": o["toezichtsvorm"].pk, "a": [o["aanbieder"].pk], "c": o["organisatie"].pk},
            ["o", "v", "a", "c"],
            CONTRIBUTORS,
        ),
        "kiesConceptrapport": (
            "mutation($o: ID!, $d: ID!) { kiesConceptrapport(onderzoek: $o, document: $d) { onderzoek { id } } }",
            {"o": o["rapport"].pk, "d": o["document"].pk},
            ["o", "d"],
            CONTRIBUTORS,
        ),
        "startProcedure": (
            'mutation($o: ID!) { startProcedure(onderzoek: $o, datum: "2026-01-05") { onderzoek { id } } }',
            {"o": o["rapport"].pk},
            ["o"],
            CONTRIBUTORS,
        ),
        "rondStapAf": (
            """mutation($o: ID!, $dag: Date!) { rondStapAf(onderzoek: $o, stap: 4, datum: $dag, toelichting: "Poging") {
              onderzoek { id } } }""",
            {"o": o["lopend"].pk, "dag": o["vandaag"]},
            ["o"],
            CONTRIBUTORS,
        ),
        "verleenUitstel": (
            """mutation($o: ID!) { verleenUitstel(onderzoek: $o, stap: 4, tot: "2099-06-01", reden: "Poging") {
              onderzoek { id } } }""",
            {"o": o["lopend"].pk},
            ["o"],
            CONTRIBUTORS,
        ),
        "biedAanTerPublicatie": (
            "mutation($o: ID!) { biedAanTerPublicatie(onderzoek: $o) { onderzoek { id } } }",
            {"o": o["lopend"].pk},
            ["o"],
            CONTRIBUTORS,
        ),
        "ontvangZelfonderzoek": (
            """mutation($m: ID!, $d: ID) { ontvangZelfonderzoek(melding: $m, ontvangenOp: "2026-11-10", document: $d,
              toelichting: "Poging") { melding { id } } }""",
            {"m": o["melding"].pk, "d": o["document"].pk},
            ["m", "d"],
            CONTRIBUTORS,
        ),
        "beoordeelMelding": (
            """mutation($m: ID!) { beoordeelMelding(melding: $m, beoordeling: SLUITEN, toelichting: "Poging",
              beoordeeldOp: "2026-11-12") { melding { id } } }""",
            {"m": o["ontvangen"].pk},
            ["m"],
            CONTRIBUTORS,
        ),
        "legBriefVast": (
            """mutation($m: ID!, $g: [ID!], $d: ID) { legBriefVast(melding: $m, soort: TERUGKOPPELING,
              verzondenOp: "2026-11-13", kopieAan: $g, document: $d, toelichting: "Poging") { melding { id } } }""",
            {"m": o["beoordeeld"].pk, "g": [o["gemeente"].pk], "d": o["document"].pk},
            ["m", "g", "d"],
            CONTRIBUTORS,
        ),
        "maakLeerpunt": (
            """mutation($r: ID!, $o: ID, $n: [ID!], $t: [String!], $a: [ID!], $g: [ID!]) { maakLeerpunt(ruimte: $r,
              titel: "Poging", tekst: "Poging", onderzoek: $o, normen: $n, themas: $t, aanbieders: $a,
              gemeenten: $g) { leerpunt { id } } }""",
            {
                "r": o["a"].pk,
                "o": o["onderzoek"].pk,
                "n": [o["norm"].pk],
                "t": [o["thema"].slug],
                "a": [o["aanbieder"].pk],
                "g": [o["gemeente"].pk],
            },
            ["r", "o", "n", "t", "a", "g"],
            CONTRIBUTORS,
        ),
        "wijzigLeerpunt": (
            """mutation($l: ID!, $m: ID, $n: [ID!], $t: [String!], $a: [ID!]) { wijzigLeerpunt(leerpunt: $l,
              titel: "Poging", melding: $m, normen: $n, themas: $t, aanbieders: $a) { leerpunt { id } } }""",
            {
                "l": o["leerpunt"].pk,
                "m": o["melding"].pk,
                "n": [o["norm"].pk],
                "t": [o["thema"].slug],
                "a": [o["aanbieder"].pk],
            },
            ["l", "m", "n", "t", "a"],
            CONTRIBUTORS,
        ),
        "voegAanbevelingToe": (
            """mutation($l: ID!, $o: [ID!]!) { voegAanbevelingToe(leerpunt: $l, tekst: "Poging", organisaties: $o) {
              aanbeveling { id } } }""",
            {"l": o["leerpunt"].pk, "o": [o["organisatie"].pk]},
            ["l", "o"],
            CONTRIBUTORS,
        ),
        "vraagToegang": (
            """mutation($a: ID!, $t: String!) { vraagToegang(aanbieder: $a, token: $t, reden: "Poging") {
              toegangsverzoek { id } } }""",
            {"a": o["aanbieder"].pk, "t": o["token"]},
            ["a", "t"],
            {"lid_b"},
        ),
        "beslisToegangsverzoek": (
            """mutation($v: ID!) { beslisToegangsverzoek(verzoek: $v, besluit: AFGEWEZEN, toelichting: "Poging") {
              toegangsverzoek { id } } }""",
            {"v": o["verzoek"].pk},
            ["v"],
            set(),
        ),
    }


def _wrong(value):
    if isinstance(value, list):
        return [WRONG]
    if isinstance(value, str) and "@" in value:
        return "niemand@test.toezichtportaal.nl"
    return WRONG


def _graphql(client, document, variables):
    import json

    client.get("/graphql/", HTTP_ACCEPT="text/html")
    variables = {k: [str(x) for x in v] if isinstance(v, list) else str(v) for k, v in variables.items()}
    return client.post(
        "/graphql/",
        json.dumps({"query": document, "variables": variables}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )


def test_every_mutation_has_a_row():
    fields = set(schema.graphql_schema.mutation_type.fields)
    assert fields == set(_mutations(_AnyObjects())), "A mutation without a row in this table"


class _AnyObjects(dict):
    """Stands in for the world where only the table's keys are wanted."""

    def __getitem__(self, key):
        return _AnyObject()


class _AnyObject:
    def __getattr__(self, name):
        return self


def _who_may_not(table):
    return [(key, role) for key, row in sorted(table(_AnyObjects()).items()) for role in ROLES if role not in row[3]]


@pytest.mark.parametrize(("mutation", "role"), _who_may_not(_mutations))
def test_mutation_answers_right_and_wrong_ids_alike(world, role, mutation):
    document, right, ids, _may_act = _mutations(world["objects"])[mutation]
    client = _client(world, role)
    before, refusals = _state(), _refusals(world, role)
    answer = _graphql(client, document, right)
    body = answer.json()
    assert body["data"] == {mutation: None}, body
    assert [e["message"] for e in body["errors"]] == [LOG_IN if role == "anoniem" else NOT_FOUND]
    if role != "anoniem":
        assert _refusals(world, role) > refusals, "The refusal is not in the audit log"
    for name in ids:
        wrong = _graphql(client, document, {**right, name: _wrong(right[name])})
        assert (wrong.status_code, wrong.content) == (answer.status_code, answer.content), name
    assert _state() == before


# URL name -> (URL kwargs, POST data, the id fields among both, roles that may act).
def _posts(o):
    a = o["a"].pk
    upload = {"bestand": lambda: SimpleUploadedFile("plan.txt", b"Een plan.\n", content_type="text/plain")}
    return {
        "nieuw": ({}, {"titel": "Poging", "soort": "netwerk", "organisaties": [o["organisatie"].pk]}, [], SIGNED_IN),
        "wijzigen": (
            {"pk": a},
            {"titel": "Poging", "soort": "netwerk", "doel": "", "organisaties": [o["organisatie"].pk]},
            ["pk", "organisaties"],
            set(),
        ),
        "leden:uitnodigen": (
            {"pk": a},
            {"actie": "uitnodigen", "rol": "deelnemer", "organisatie": o["organisatie"].pk},
            ["pk", "organisatie"],
            set(),
        ),
        "leden:rol": ({"pk": a}, {"actie": "rol", "rol": "meelezer", "lid": o["deelnemer"].pk}, ["pk", "lid"], set()),
        "leden:verwijderen": ({"pk": a}, {"actie": "verwijderen", "lid": o["deelnemer"].pk}, ["pk", "lid"], set()),
        "leden:verlaten": (
            {"pk": a},
            {"actie": "verlaten", "opvolger": o["coordinator"].pk},
            ["pk", "opvolger"],
            {"meelezer_a", "deelnemer_a"},
        ),
        "documenten": ({"pk": a}, {"naam": "Poging", **upload}, ["pk"], CONTRIBUTORS),
        "document": ({"pk": a, "document": o["document"].pk}, dict(upload), ["pk", "document"], CONTRIBUTORS),
        "berichten": (
            {"pk": a},
            {"tekst": "Poging", "antwoord_op": o["bericht"].pk},
            ["pk", "antwoord_op"],
            CONTRIBUTORS,
        ),
        "taken": (
            {"pk": a},
            {"titel": "Poging", "toegewezen_aan": o["coordinator"].gebruiker.pk},
            ["pk", "toegewezen_aan"],
            CONTRIBUTORS,
        ),
        "taak_gedaan": ({"pk": a, "taak": o["taak"].pk}, {}, ["pk", "taak"], CONTRIBUTORS),
    }


# The pages of samenwerking/views.py that only read: a POST changes nothing there.
READ_ONLY = {"overzicht", "ruimte", "download", "logboek", "logboek_csv", "zoekresultaat"}


def _space_page_names():
    return {
        p.name
        for p in samenwerking_urls.urlpatterns
        if isinstance(p, URLPattern) and p.callback.__module__ == "samenwerking.views"
    }


def test_every_post_view_of_the_space_pages_has_a_row():
    rows = {name.split(":")[0] for name in _posts(_AnyObjects())}
    assert _space_page_names() == rows | READ_ONLY, "A space page without a row in this table"
    assert not rows & READ_ONLY


def _post(client, name, kwargs, data):
    url = reverse(f"samenwerking:{name.split(':')[0]}", kwargs={k: str(v) for k, v in kwargs.items()})
    data = {k: v() if callable(v) else v for k, v in data.items()}
    response = client.post(url, data)
    body = response.content.decode()
    # A login redirect names the page it came from; that is the caller's own URL, not an answer.
    body = body.replace(url, "{pad}").replace(quote(url, safe=""), "{pad}")
    # The masked CSRF token and the CSP nonce differ on every response, whatever was asked.
    body = re.sub(r'(name="csrfmiddlewaretoken" value=|nonce=)"[^"]*"', r'\1"-"', body)
    return response.status_code, response.get("Location", "").replace(url, "{pad}"), body


@pytest.mark.parametrize(("name", "role"), _who_may_not(_posts))
def test_post_view_answers_right_and_wrong_ids_alike(world, role, name):
    kwargs, data, ids, _may_act = _posts(world["objects"])[name]
    client = _client(world, role)
    before, refusals = _state(), _refusals(world, role)
    answer = _post(client, name, kwargs, data)
    assert answer[0] in (302, 403, 404), answer[:2]
    if role == "anoniem":
        assert answer[0] == 302 and answer[1].startswith("/account/inloggen/"), answer[:2]
    else:
        # A member who may only read is told "not allowed"; everyone else "not found".
        assert answer[0] == (403 if role in MEMBERS_A and "pk" in kwargs else 404), answer[:2]
        assert _refusals(world, role) > refusals, "The refusal is not in the audit log"
    for field in ids:
        if field == "pk" and role in MEMBERS_A:
            # Their own space: its id is no secret to them (they read its pages), so 403 against
            # 404 for another number tells them nothing they do not know.
            continue
        if field in kwargs:
            wrong = _post(client, name, {**kwargs, field: WRONG}, data)
        else:
            value = data[field]
            wrong = _post(client, name, kwargs, {**data, field: [WRONG] if isinstance(value, list) else WRONG})
        diff = "\n".join(difflib.unified_diff(answer[2].splitlines(), wrong[2].splitlines(), lineterm=""))
        assert wrong[:2] == answer[:2] and not diff, (field, wrong[:2], answer[:2], diff[:1500])
    assert _state() == before


@pytest.mark.parametrize("name", sorted(READ_ONLY))
def test_a_post_to_a_reading_page_writes_nothing(world, name):
    o = world["objects"]
    kwargs = {
        "overzicht": {},
        "ruimte": {"pk": o["a"].pk},
        "download": {"pk": o["a"].pk, "document": o["document"].pk, "versie": 1},
        "logboek": {"pk": o["a"].pk},
        "logboek_csv": {"pk": o["a"].pk},
        "zoekresultaat": {"soort": "taak", "pk": o["taak"].pk},
    }[name]
    client = Client()
    client.force_login(o["coordinator"].gebruiker)
    before = _state()
    client.post(reverse(f"samenwerking:{name}", kwargs=kwargs), {"titel": "Poging", "tekst": "Poging"})
    assert _state() == before
