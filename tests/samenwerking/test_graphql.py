"""The spaces in GraphQL: lists through viewable_by_user, mutations through the same actions as
the pages, anonymous users get [] and null, bad arguments a Dutch error and nothing saved."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from samenwerking.models import Bericht, Lidmaatschap, Samenwerkingsruimte, Taak

from .factories import BerichtFactory, DocumentFactory, LidmaatschapFactory, TaakFactory, UserFactory, version

pytestmark = pytest.mark.django_db

LIST = """{ samenwerkingsruimtes { id titel soort status leden { naam organisatie rol }
  documenten { naam versie vertrouwelijkheid downloadUrl } berichten { tekst antwoordOp } taken { titel teLaat } } }"""


def test_anonymous_gets_an_empty_list_and_null(graphql):
    ruimte = LidmaatschapFactory().ruimte
    data = graphql(LIST)
    assert data == {"data": {"samenwerkingsruimtes": []}}
    data = graphql("query($id: ID!) { samenwerkingsruimte(id: $id) { titel } }", {"id": str(ruimte.pk)})
    assert data == {"data": {"samenwerkingsruimte": None}}
    data = graphql('{ samenwerkingsruimte(id: "abc") { titel } }')
    assert data == {"data": {"samenwerkingsruimte": None}}


def test_member_sees_exactly_their_space_with_nested_fields(graphql):
    lid = LidmaatschapFactory()
    ruimte = lid.ruimte
    LidmaatschapFactory()
    doc = DocumentFactory(ruimte=ruimte, naam="Plan")
    version(doc)
    DocumentFactory(ruimte=ruimte, naam="Geheim", alleen_coordinatoren=True)
    BerichtFactory(ruimte=ruimte, tekst="Hallo")
    TaakFactory(ruimte=ruimte, titel="Bellen")
    data = graphql(LIST, user=lid.gebruiker)["data"]["samenwerkingsruimtes"]
    assert [r["titel"] for r in data] == [ruimte.titel]
    assert data[0]["documenten"] == [
        {
            "naam": "Plan",
            "versie": 1,
            "vertrouwelijkheid": "HELE_RUIMTE",
            "downloadUrl": f"http://testserver/samenwerking/{ruimte.pk}/documenten/{doc.pk}/versies/1/download/",
        }
    ]
    assert data[0]["berichten"] == [{"tekst": "Hallo", "antwoordOp": None}]
    assert data[0]["taken"] == [{"titel": "Bellen", "teLaat": False}]
    assert [m["rol"] for m in data[0]["leden"]] == ["DEELNEMER"]


def test_query_count_does_not_grow_with_the_number_of_spaces(graphql, client):
    user = UserFactory()
    client.force_login(user)

    def add_space():
        ruimte = LidmaatschapFactory(gebruiker=user).ruimte
        version(DocumentFactory(ruimte=ruimte))
        BerichtFactory(ruimte=ruimte)
        TaakFactory(ruimte=ruimte)

    add_space()
    graphql(LIST)
    with CaptureQueriesContext(connection) as one:
        graphql(LIST)
    for _ in range(4):
        add_space()
    with CaptureQueriesContext(connection) as five:
        graphql(LIST)
    assert len(five) == len(one)


CREATE = "mutation($t: String!) { maakSamenwerkingsruimte(titel: $t, soort: NETWERK) { ruimte { id titel } } }"


def test_mutations_create_invite_role_message_task(graphql, client):
    user = UserFactory()
    client.force_login(user)
    created = graphql(CREATE, {"t": "Via de API"})["data"]["maakSamenwerkingsruimte"]["ruimte"]
    ruimte = Samenwerkingsruimte.objects.get(pk=created["id"])
    collega = UserFactory()
    data = graphql(
        "mutation($r: ID!, $e: String!) { nodigUit(ruimte: $r, email: $e, rol: MEELEZER) "
        "{ lid { id rol } uitgenodigd } }",
        {"r": ruimte.pk, "e": collega.email},
    )
    lid_id = data["data"]["nodigUit"]["lid"]["id"]
    data = graphql("mutation($l: ID!) { wijzigRol(lid: $l, rol: DEELNEMER) { lid { rol } } }", {"l": lid_id})
    assert data["data"]["wijzigRol"]["lid"]["rol"] == "DEELNEMER"
    data = graphql(
        'mutation($r: ID!) { plaatsBericht(ruimte: $r, tekst: "Welkom") { bericht { id } } }', {"r": ruimte.pk}
    )
    assert Bericht.objects.get(ruimte=ruimte).tekst == "Welkom"
    data = graphql(
        'mutation($r: ID!, $e: String!) { maakTaak(ruimte: $r, titel: "Bellen", toegewezenAan: $e) { taak { id } } }',
        {"r": ruimte.pk, "e": collega.email},
    )
    taak_id = data["data"]["maakTaak"]["taak"]["id"]
    graphql("mutation($t: ID!) { rondTaakAf(taak: $t) { taak { gedaan } } }", {"t": taak_id})
    assert Taak.objects.get(pk=taak_id).gedaan
    data = graphql("mutation($l: ID!) { verwijderLid(lid: $l) { ok } }", {"l": lid_id})
    assert data["data"]["verwijderLid"]["ok"]
    assert list(Lidmaatschap.objects.filter(ruimte=ruimte).values_list("gebruiker", flat=True)) == [user.pk]


@pytest.mark.parametrize(
    "query,variables,message",
    [
        (CREATE, {"t": "  "}, "titel"),
        ('mutation { plaatsBericht(ruimte: "abc", tekst: "x") { bericht { id } } }', {}, "Ongeldig nummer"),
        ('mutation { plaatsBericht(ruimte: "999999", tekst: "x") { bericht { id } } }', {}, "Niet gevonden"),
        ('mutation { wijzigRol(lid: "999999", rol: COORDINATOR) { lid { id } } }', {}, "Niet gevonden"),
        ('mutation { nodigUit(ruimte: "1", rol: DEELNEMER) { uitgenodigd } }', {}, "Niet gevonden"),
    ],
)
def test_bad_mutations_answer_in_dutch_and_save_nothing(graphql, client, query, variables, message):
    client.force_login(UserFactory())
    before = (Samenwerkingsruimte.objects.count(), Bericht.objects.count(), Lidmaatschap.objects.count())
    data = graphql(query, variables)
    assert message in data["errors"][0]["message"]
    assert (Samenwerkingsruimte.objects.count(), Bericht.objects.count(), Lidmaatschap.objects.count()) == before


def test_member_of_another_space_cannot_write_to_this_one(graphql, client):
    ruimte = LidmaatschapFactory(coordinator=True).ruimte
    client.force_login(LidmaatschapFactory(coordinator=True).gebruiker)
    data = graphql('mutation($r: ID!) { plaatsBericht(ruimte: $r, tekst: "x") { bericht { id } } }', {"r": ruimte.pk})
    assert data["errors"][0]["message"] == "Niet gevonden, of u hebt er geen toegang toe."
    assert not Bericht.objects.filter(ruimte=ruimte).exists()
    data = graphql('mutation { maakSamenwerkingsruimte(titel: "x", soort: NETWERK) { ruimte { id } } }')
    assert data["data"]["maakSamenwerkingsruimte"]["ruimte"]["id"]


def test_anonymous_mutation_is_refused(graphql):
    data = graphql(CREATE, {"t": "Anoniem"})
    assert data["errors"][0]["message"] == "Log in om dit te doen."
    assert not Samenwerkingsruimte.objects.filter(titel="Anoniem").exists()
