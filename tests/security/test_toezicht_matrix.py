"""The authorization matrix of the supervisors' work (issue 11), in the style of
test_samenwerking_matrix.py: a unique canary in every new object, and for every kind of user
every channel: the model layer (viewable_by_user), every page of the URL contract, the search on
both backends, every GraphQL root field, notifications, exports and the audit log. A canary
appears exactly where the rules say.

The URL names and GraphQL root fields are the contract of issue 11 (i11_common.md): a name that
does not resolve fails its test, on purpose; nothing here is skipped."""

import json
from datetime import date

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import NoReverseMatch, reverse

import pytest

from portal.roles import PROFESSIONAL, TOEZICHTHOUDER
from samenwerking.models import (
    Aanbeveling,
    AuditLogEntry,
    Bevinding,
    Leerpunt,
    Melding,
    MeldingBrief,
    Notificatie,
    Onderzoek,
    Opvolging,
    Reikwijdte,
    Toegangsverzoek,
    Zelfonderzoek,
)
from tests.graphql_selection import selection
from tests.samenwerking.factories import (
    AanbevelingFactory,
    AanbiederFactory,
    BevindingFactory,
    LeerpuntFactory,
    LidmaatschapFactory,
    MeldingFactory,
    OnderzoekFactory,
    OpvolgingFactory,
    OrganisatieFactory,
    RuimteFactory,
    UserFactory,
)
from tests.search.conftest import BACKENDS, osmem, use_database, use_elasticsearch  # noqa: F401

pytestmark = pytest.mark.django_db

C = {
    "onderzoek_titel": "KANARIE-t01-onderzoek-titel",
    "onderzoek_aanleiding": "KANARIE-t02-onderzoek-aanleiding",
    "bevinding": "KANARIE-t03-bevinding-toelichting",
    "melding_samenvatting": "KANARIE-t04-melding-samenvatting",
    "melding_betrokkenen": "KANARIE-t05-melding-betrokkenen",
    "zelfonderzoek": "KANARIE-t06-zelfonderzoek-toelichting",
    "brief": "KANARIE-t07-brief-toelichting",
    "leerpunt": "KANARIE-t08-leerpunt-ruimte",
    "aanbeveling": "KANARIE-t09-aanbeveling-ruimte",
    "opvolging": "KANARIE-t10-opvolging-ruimte",
    "leerpunt_breed": "KANARIE-t11-leerpunt-toezichthouders",
    "aanbeveling_breed": "KANARIE-t12-aanbeveling-toezichthouders",
    "opvolging_breed": "KANARIE-t13-opvolging-toezichthouders",
    "toegangsverzoek": "KANARIE-t14-toegangsverzoek-reden",
    "onderzoek_b": "KANARIE-t15-onderzoek-ruimte-B",
    "melding_b": "KANARIE-t16-melding-ruimte-B",
}
NOOIT_OPENBAAR = {"melding_samenvatting", "melding_betrokkenen", "zelfonderzoek", "brief", "melding_b"}
BREED = {"leerpunt_breed", "aanbeveling_breed", "opvolging_breed"}
A_LID = {
    "onderzoek_titel",
    "onderzoek_aanleiding",
    "bevinding",
    "melding_samenvatting",
    "melding_betrokkenen",
    "zelfonderzoek",
    "brief",
    "leerpunt",
    "aanbeveling",
    "opvolging",
} | BREED
B_LID = {"onderzoek_b", "melding_b"}

# role -> the canaries it may meet, anywhere.
EXPECTED = {
    "anoniem": set(),
    "professional": set(),
    # The supervisor outside the spaces asked to join space A: its own request, and the learning
    # widened to every supervisor.
    "toezichthouder": BREED | {"toegangsverzoek"},
    "meelezer_a": A_LID,
    "deelnemer_a": A_LID,
    "coordinator_a": A_LID | {"toegangsverzoek"},
    "lid_b": B_LID | BREED,
    "superuser": set(),
}
ROLES = list(EXPECTED)
MEMBER_OF = {"meelezer_a": "a", "deelnemer_a": "a", "coordinator_a": "a", "lid_b": "b"}
COORDINATOR_OF = {"coordinator_a": "a", "lid_b": "b"}

# The URL contract of issue 11: name -> (the objects its arguments come from, who may open it).
# "lid": every member of the space; "coordinator": its coordinators (other members get 403).
SPACE_URLS = {
    "samenwerking:onderzoeken": (["ruimte"], "lid"),
    "samenwerking:onderzoek": (["ruimte", "onderzoek"], "lid"),
    "samenwerking:onderzoek_matrix": (["ruimte", "onderzoek"], "lid"),
    "samenwerking:onderzoek_rapport": (["ruimte", "onderzoek"], "lid"),
    "samenwerking:meldingen": (["ruimte"], "lid"),
    "samenwerking:melding": (["ruimte", "melding"], "lid"),
    "samenwerking:toegangsverzoeken": (["ruimte"], "coordinator"),
    "samenwerking:leerpunten": (["ruimte"], "lid"),
    # A learning is addressed by its own number: once widened it is opened outside its space.
    "samenwerking:leerpunt": (["leerpunt"], "lid"),
    "samenwerking:leerpunt_verruimen": (["leerpunt"], "coordinator"),
}
# What a detail page shows to whoever may open it.
SHOWS = {
    "samenwerking:onderzoek": "onderzoek_titel",
    "samenwerking:melding": "melding_samenvatting",
    "samenwerking:leerpunt": "leerpunt",
}
# Pages outside a space: they list what the user may see, so only the canaries are checked.
GLOBAL_URLS = [
    "samenwerking:aanbieders",
    "samenwerking:aanbieder",
    "samenwerking:alle_leerpunten",
    "samenwerking:aanbevelingen",
    "samenwerking:jaarrapportage",
    "samenwerking:overzicht",
    "samenwerking:notificaties",
]
# The admins, where a superuser sees that things exist and never what a space holds.
ADMIN_URLS = [
    "/admin/",
    "/admin/snippets/samenwerking/thema/",
    "/admin/pages/search/?q=KANARIE",
    "/django-admin/",
    "/django-admin/samenwerking/",
]
ROOT_FIELDS = ["onderzoeken", "bevindingen", "meldingen", "leerpunten", "aanbevelingen", "aanbieders"]


def _canary_objects(world):
    """canary -> (model, pk) of the object that holds it."""
    o = world["objects"]
    return {
        "onderzoek_titel": (Onderzoek, o["onderzoek"].pk),
        "onderzoek_aanleiding": (Onderzoek, o["onderzoek"].pk),
        "bevinding": (Bevinding, o["bevinding"].pk),
        "melding_samenvatting": (Melding, o["melding"].pk),
        "melding_betrokkenen": (Melding, o["melding"].pk),
        "zelfonderzoek": (Zelfonderzoek, o["zelfonderzoek"].pk),
        "brief": (MeldingBrief, o["brief"].pk),
        "leerpunt": (Leerpunt, o["leerpunt"].pk),
        "aanbeveling": (Aanbeveling, o["aanbeveling"].pk),
        "opvolging": (Opvolging, o["opvolging"].pk),
        "leerpunt_breed": (Leerpunt, o["leerpunt_breed"].pk),
        "aanbeveling_breed": (Aanbeveling, o["aanbeveling_breed"].pk),
        "opvolging_breed": (Opvolging, o["opvolging_breed"].pk),
        "toegangsverzoek": (Toegangsverzoek, o["toegangsverzoek"].pk),
        "onderzoek_b": (Onderzoek, o["onderzoek_b"].pk),
        "melding_b": (Melding, o["melding_b"].pk),
    }


def _build_world(canaries):
    a = RuimteFactory(titel="Ruimte A")
    b = RuimteFactory(titel="Ruimte B")
    toezichthouders = Group.objects.get(name=TOEZICHTHOUDER)
    users = {}
    users["professional"] = UserFactory()
    users["professional"].groups.add(Group.objects.get(name=PROFESSIONAL))
    users["toezichthouder"] = UserFactory(organisatie=OrganisatieFactory())
    users["toezichthouder"].groups.add(toezichthouders)
    users["coordinator_a"] = LidmaatschapFactory(ruimte=a, coordinator=True).gebruiker
    users["deelnemer_a"] = LidmaatschapFactory(ruimte=a).gebruiker
    users["meelezer_a"] = LidmaatschapFactory(ruimte=a, meelezer=True).gebruiker
    users["lid_b"] = LidmaatschapFactory(ruimte=b, coordinator=True).gebruiker
    users["lid_b"].groups.add(toezichthouders)
    users["superuser"] = UserFactory(is_staff=True, is_superuser=True)

    aanbieder = AanbiederFactory(naam="Zorgaanbieder Matrix B.V.")
    onderzoek = OnderzoekFactory(
        ruimte=a, titel=C["onderzoek_titel"], aanleiding=C["onderzoek_aanleiding"], normen=2, met_aanbieders=[aanbieder]
    )
    bevinding = BevindingFactory(onderzoek=onderzoek, aanbieder=aanbieder, toelichting=C["bevinding"])
    melding = MeldingFactory(
        ruimte=a, aanbieder=aanbieder, samenvatting=C["melding_samenvatting"], betrokkenen=C["melding_betrokkenen"]
    )
    zelfonderzoek = Zelfonderzoek.objects.create(
        melding=melding, ontvangen_op=date(2026, 11, 20), toelichting=C["zelfonderzoek"]
    )
    brief = MeldingBrief.objects.create(
        melding=melding,
        soort=MeldingBrief.Soort.TERUGKOPPELING,
        verzonden_op=date(2026, 11, 25),
        toelichting=C["brief"],
    )
    organisatie = OrganisatieFactory()
    leerpunt = LeerpuntFactory(ruimte=a, tekst=C["leerpunt"], onderzoek=onderzoek)
    aanbeveling = AanbevelingFactory(leerpunt=leerpunt, tekst=C["aanbeveling"])
    opvolging = OpvolgingFactory(aanbeveling=aanbeveling, organisatie=organisatie, toelichting=C["opvolging"])
    breed = LeerpuntFactory(ruimte=a, tekst=C["leerpunt_breed"], melding=melding)
    breed.verruim(Reikwijdte.TOEZICHTHOUDERS, door=users["coordinator_a"], reden="Geen persoonsgegevens.")
    aanbeveling_breed = AanbevelingFactory(leerpunt=breed, tekst=C["aanbeveling_breed"])
    opvolging_breed = OpvolgingFactory(
        aanbeveling=aanbeveling_breed, organisatie=organisatie, toelichting=C["opvolging_breed"]
    )
    verzoek = Toegangsverzoek.objects.create(
        ruimte=a, aanbieder=aanbieder, aanvrager=users["toezichthouder"], reden=C["toegangsverzoek"]
    )
    onderzoek_b = OnderzoekFactory(ruimte=b, titel=C["onderzoek_b"], met_aanbieders=[aanbieder])
    melding_b = MeldingFactory(ruimte=b, aanbieder=aanbieder, samenvatting=C["melding_b"])
    for role in ("coordinator_a", "deelnemer_a", "meelezer_a"):
        Notificatie.objects.create(
            ontvanger=users[role],
            soort=Notificatie.Soort.TERMIJN_NADERT,
            ruimte=a,
            melding=melding,
            onderwerp="Zelfonderzoek",
            termijn=melding.zelfonderzoek_uiterlijk,
        )
    Notificatie.objects.create(
        ontvanger=users["coordinator_a"],
        soort=Notificatie.Soort.TOEGANGSVERZOEK,
        ruimte=a,
        toegangsverzoek=verzoek,
        onderwerp="Verzoek om toegang",
    )
    world = {
        "a": a,
        "b": b,
        "users": users,
        "objects": {
            "onderzoek": onderzoek,
            "bevinding": bevinding,
            "melding": melding,
            "zelfonderzoek": zelfonderzoek,
            "brief": brief,
            "leerpunt": leerpunt,
            "aanbeveling": aanbeveling,
            "opvolging": opvolging,
            "leerpunt_breed": breed,
            "aanbeveling_breed": aanbeveling_breed,
            "opvolging_breed": opvolging_breed,
            "toegangsverzoek": verzoek,
            "onderzoek_b": onderzoek_b,
            "melding_b": melding_b,
            "aanbieder": aanbieder,
            "organisatie": organisatie,
        },
    }
    # The suite-wide canary check: every response of every test here is searched too.
    for key, word in C.items():
        allowed = {world["users"][role].pk for role in ROLES if role != "anoniem" and key in EXPECTED[role]}
        canaries.register(word, lambda user, allowed=allowed: getattr(user, "pk", None) in allowed)
    return world


@pytest.fixture
def world(db, canaries):
    return _build_world(canaries)


@pytest.fixture(params=BACKENDS)
def backend(request, settings, db):
    if request.param == "database":
        use_database(settings)
        yield "database"
        return
    server = request.getfixturevalue("osmem")
    es = use_elasticsearch(settings, server.url)
    yield "elasticsearch"
    es.reset_breaker()
    es.client.indices.delete(index=es.index_name, ignore_unavailable=True)


@pytest.fixture
def search_world(backend, canaries, django_capture_on_commit_callbacks):
    """The world built after the backend is chosen, with the commit callbacks run: the index
    follows a save only after its transaction commits (search/engine.py, the apps' signals), and
    a test's transaction never commits. Without them nothing of the world reaches the engine;
    only an explicit reindex reaches the database index, which is why the search on
    Elasticsearch once found none of it."""
    with django_capture_on_commit_callbacks(execute=True):
        return _build_world(canaries)


def _client(world, role):
    client = Client()
    if role != "anoniem":
        client.force_login(world["users"][role])
    return client


def _user(world, role):
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser() if role == "anoniem" else world["users"][role]


def _forbidden(role):
    return set(C) - EXPECTED[role]


def _assert_clean(role, body, where):
    for key in _forbidden(role):
        assert C[key] not in body, (role, key, where)


@pytest.mark.parametrize("role", ROLES)
def test_model_layer(world, role):
    """viewable_by_user of every new model hands out exactly the role's canaries."""
    user = _user(world, role)
    seen = {
        key
        for key, (model, pk) in _canary_objects(world).items()
        if model.objects.viewable_by_user(user).filter(pk=pk).exists()
    }
    assert seen == EXPECTED[role]


def _url(world, name, sources):
    args = []
    for source in sources:
        obj = world["a"] if source == "ruimte" else world["objects"][source]
        args.append(obj.pk)
    return reverse(name, args=args)


def _global_url(world, name):
    if name == "samenwerking:aanbieder":
        return reverse(name, args=[world["objects"]["aanbieder"].pk])
    if name == "samenwerking:jaarrapportage":
        return reverse(name) + f"?organisatie={world['objects']['organisatie'].pk}&jaar=2026"
    return reverse(name)


def test_the_url_contract_resolves():
    missing = []
    for name, (sources, _who) in SPACE_URLS.items():
        try:
            reverse(name, args=[1] * len(sources))
        except NoReverseMatch:
            missing.append(name)
    for name in GLOBAL_URLS:
        try:
            reverse(name, args=[1]) if name == "samenwerking:aanbieder" else reverse(name)
        except NoReverseMatch:
            missing.append(name)
    assert missing == []


def _expected_status(role, who):
    if role not in MEMBER_OF or MEMBER_OF[role] != "a":
        return 404
    if who == "coordinator" and COORDINATOR_OF.get(role) != "a":
        return 403
    return 200


@pytest.mark.parametrize("role", ROLES)
def test_pages_and_exports(world, role):
    client = _client(world, role)
    for name, (sources, who) in SPACE_URLS.items():
        url = _url(world, name, sources)
        response = client.get(url)
        if role == "anoniem":
            assert response.status_code == 302 and "/account/inloggen/" in response["Location"], url
        else:
            assert response.status_code == _expected_status(role, who), url
        _assert_clean(role, response.content.decode(), url)
        if name in SHOWS and response.status_code == 200:
            assert C[SHOWS[name]] in response.content.decode(), (role, url)
    # The findings matrix as files: the CSV carries the judgements' explanations to members only.
    base = _url(world, "samenwerking:onderzoek", ["ruimte", "onderzoek"])
    for suffix in ("matrix.csv", "matrix.pdf"):
        response = client.get(base + suffix)
        expected = 302 if role == "anoniem" else _expected_status(role, "lid")
        assert response.status_code == expected, suffix
        body = b"".join(response.streaming_content) if response.streaming else response.content
        _assert_clean(role, body.decode("latin-1"), suffix)
    for name in GLOBAL_URLS:
        url = _global_url(world, name)
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), url
        _assert_clean(role, response.content.decode(), url)
        if role in MEMBER_OF and name == "samenwerking:alle_leerpunten":
            assert response.status_code == 200
            body = response.content.decode()
            # The list names learnings by title and links them; their text is on their own page.
            for key in ("leerpunt", "leerpunt_breed"):
                link = reverse("samenwerking:leerpunt", args=[world["objects"][key].pk])
                assert (f'href="{link}"' in body) == (key in EXPECTED[role]), (role, key)
    for url in ADMIN_URLS:
        response = client.get(url, follow=True)
        _assert_clean(role, response.content.decode(), url)


def test_a_breach_of_the_url_contract_for_a_space_b_object_is_not_found(world):
    """An object of space B addressed under space A: never shown, whoever asks."""
    client = _client(world, "coordinator_a")
    o = world["objects"]
    for name, pk in (("samenwerking:onderzoek", o["onderzoek_b"].pk), ("samenwerking:melding", o["melding_b"].pk)):
        response = client.get(reverse(name, args=[world["a"].pk, pk]))
        assert response.status_code == 404
        _assert_clean("coordinator_a", response.content.decode(), name)


def _root_queries(world, max_depth=2):
    """One query per root field, with every required argument filled in: ids of every object of
    the world (of the field's own kind when it names one), and each canary as text."""
    from graphql import GraphQLNonNull, get_named_type

    from portal.schema import schema

    ids = sorted({str(obj.pk) for obj in world["objects"].values()} | {str(world["a"].pk), str(world["b"].pk)})
    queries = []
    for name, field in schema.graphql_schema.query_type.fields.items():
        required = {k: a for k, a in field.args.items() if isinstance(a.type, GraphQLNonNull)}
        selections = [selection(field.type, max_depth=depth) for depth in range(max_depth, -1, -1)]
        if not required:
            queries.append(([f"{{ {name} {sel} }}" for sel in selections], {}))
            continue
        arg, spec = next(iter(required.items()))
        kind = get_named_type(spec.type).name
        values = ids if kind in ("ID", "Int") else [w.replace("-", " ") for w in C.values()]
        for value in values:
            declared = ", ".join(f"${k}: {a.type}" for k, a in required.items())
            passed = ", ".join(f"{k}: ${k}" for k in required)
            variables = {k: (int(value) if kind == "Int" else value) for k in required}
            queries.append(([f"query({declared}) {{ {name}({passed}) {sel} }}" for sel in selections], variables))
    return queries


def _graphql(client, query, variables):
    client.get("/graphql/", HTTP_ACCEPT="text/html")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code in (200, 400), response.content[:300]
    return response.content.decode()


def graphql_within_cost(client, queries, variables):
    """Run a root query at the first depth the API's cost limit admits (it answers 400 with
    its reason when a query is too big)."""
    for query in queries:
        body = _graphql(client, query, variables)
        if "te groot" not in body:
            return body
    raise AssertionError(f"Ook de kleinste vraag is te groot: {queries[-1][:80]}")


def test_the_graphql_contract_has_every_root_field():
    from portal.schema import schema

    fields = set(schema.graphql_schema.query_type.fields)
    assert [name for name in ROOT_FIELDS if name not in fields] == []


@pytest.mark.parametrize("role", ROLES)
def test_graphql_every_root_field(world, role):
    client = _client(world, role)
    for queries, variables in _root_queries(world):
        _assert_clean(role, graphql_within_cost(client, queries, variables), queries[0][:60])


def _search_targets(world):
    """The objects the search covers (issue 11: investigations, findings, learnings and
    recommendations for those allowed; reports only for the members of their space)."""
    o = world["objects"]
    return {
        "onderzoek_titel": o["onderzoek"],
        "bevinding": o["bevinding"],
        "melding_samenvatting": o["melding"],
        "leerpunt": o["leerpunt"],
        "aanbeveling": o["aanbeveling"],
        "leerpunt_breed": o["leerpunt_breed"],
        "aanbeveling_breed": o["aanbeveling_breed"],
        "onderzoek_b": o["onderzoek_b"],
        "melding_b": o["melding_b"],
    }


def _check_search(world, role):
    from search.registry import document_key
    from search.service import search

    targets = _search_targets(world)
    user = _user(world, role)
    for key, obj in targets.items():
        outcome = search(C[key].replace("-", " "), user)
        found = {r.key for r in outcome.resultaten}
        assert (document_key(obj) in found) == (key in EXPECTED[role]), (role, key)
        _assert_clean(role, " ".join(repr(r) for r in outcome.resultaten) + outcome.suggestie, key)
    # Words no one may find are not offered as "bedoelde u" either.
    for key in _forbidden(role):
        outcome = search(C[key].replace("-", " ")[:-1], user)
        _assert_clean(role, outcome.suggestie + " ".join(repr(r) for r in outcome.resultaten), key)


@pytest.mark.parametrize("role", ROLES)
def test_search(search_world, role):
    """On both backends, with every document indexed through the ordinary save path."""
    _check_search(search_world, role)


@pytest.mark.parametrize("role", ROLES)
def test_notifications(world, role):
    user = _user(world, role)
    mine = Notificatie.objects.viewable_by_user(user)
    expected = {"coordinator_a": 2, "deelnemer_a": 1, "meelezer_a": 1}.get(role, 0)
    assert mine.count() == expected
    client = _client(world, role)
    response = client.get(reverse("samenwerking:notificaties"))
    _assert_clean(role, response.content.decode(), "notificaties")
    for notificatie in Notificatie.objects.all():
        response = client.get(reverse("samenwerking:notificatie", args=[notificatie.pk]), follow=True)
        _assert_clean(role, response.content.decode(), f"notificatie {notificatie.pk}")


def test_no_canary_in_a_notification_row_or_the_audit_log(world):
    """Notifications and log entries name the kind of object and its number, never its text:
    they are mailed and kept longer than the objects."""
    for role in ("coordinator_a", "deelnemer_a", "meelezer_a", "lid_b", "toezichthouder"):
        client = _client(world, role)
        for name, (sources, _who) in SPACE_URLS.items():
            client.get(_url(world, name, sources))
    for model in (Notificatie, AuditLogEntry):
        for row in model.objects.all():
            text = " ".join(str(getattr(row, f.attname)) for f in row._meta.fields)
            assert not any(word in text for word in C.values()), (model, row.pk)
    coordinator = _client(world, "coordinator_a")
    export = coordinator.get(reverse("samenwerking:logboek_csv", args=[world["a"].pk]))
    assert export.status_code == 200
    assert not any(word in export.content.decode() for word in C.values())
    for role in ("deelnemer_a", "meelezer_a", "toezichthouder", "superuser", "lid_b"):
        response = _client(world, role).get(reverse("samenwerking:logboek", args=[world["a"].pk]))
        assert response.status_code == 404


def test_reports_and_their_parts_refuse_publication_whoever_asks(world):
    from samenwerking.models import NooitOpenbaar, weiger_openbaarmaking

    o = world["objects"]
    for obj in (o["melding"], o["zelfonderzoek"], o["brief"], o["melding_b"]):
        with pytest.raises(NooitOpenbaar):
            weiger_openbaarmaking(obj)
    assert weiger_openbaarmaking(o["onderzoek"]) is None
    assert weiger_openbaarmaking(o["leerpunt_breed"]) is None
