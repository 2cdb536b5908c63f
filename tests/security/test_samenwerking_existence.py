"""Nobody who may not act learns which ids exist: every mutation of the schema and every POST view
of the space pages answers a request with right ids and the same request with any one id made up
byte for byte alike, writes nothing, and logs the refusal in the space's audit log.

The tables are checked against the schema's mutation fields and the URL patterns of the space
pages: a new mutation or POST view without a row fails here."""

import difflib
import re
from urllib.parse import quote

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, reverse

import pytest

from portal.models import Gemeente
from portal.schema import schema
from samenwerking import urls as samenwerking_urls
from samenwerking.models import (
    AuditLogEntry,
    Bericht,
    Bevinding,
    Document,
    DocumentVersie,
    Leerpunt,
    Lidmaatschap,
    Melding,
    Opvolging,
    Samenwerkingsruimte,
    Taak,
    Uitnodiging,
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
    UserFactory,
    seeded_normen,
    version,
)

pytestmark = pytest.mark.django_db

WRONG = "999999999"
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
    objects = {
        "a": a,
        "coordinator": coordinator,
        "deelnemer": Lidmaatschap.objects.get(ruimte=a, gebruiker=users["deelnemer_a"]),
        "organisatie": OrganisatieFactory(),
        "aanbieder": aanbieder,
        "norm": normen[0],
        "onderzoek": onderzoek,
        "melding": MeldingFactory(ruimte=a, aanbieder=aanbieder),
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
