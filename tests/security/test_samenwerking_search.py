"""Space content in the one search, for every role of the samenwerking matrix, on both backends:
results, total, facet counts, "bedoelde u" and autocomplete hold exactly what the role may see,
through the page, the suggestion endpoint and GraphQL `zoeken`. A canary in every confidential
text is looked for in every response; opening a hit is checked again and logged."""

import json

from django.contrib.auth.models import Group
from django.test import Client

import pytest

from portal.roles import REDACTEUR
from samenwerking import actions
from samenwerking.models import AuditLogEntry, Document, Lidmaatschap, Samenwerkingsruimte
from search import service
from search.models import SearchDocument
from tests.samenwerking.factories import (
    BerichtFactory,
    DocumentFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
    RuimteFactory,
    TaakFactory,
    UserFactory,
    version,
)
from tests.search.conftest import BACKENDS, osmem, use_database, use_elasticsearch  # noqa: F401

pytestmark = pytest.mark.django_db

WORD = "plimsoll"
C = {
    "ruimte_a": "KANARIE-s1-doel-ruimte-A",
    "doc_open": "KANARIE-s2-tekst-document-open",
    "doc_geheim": "KANARIE-s3-tekst-document-coordinatoren",
    "bericht_a": "KANARIE-s4-bericht-ruimte-A",
    "taak_a": "KANARIE-s5-taak-ruimte-A",
    "ruimte_b": "KANARIE-s6-doel-ruimte-B",
    "doc_b": "KANARIE-s7-tekst-document-B",
}
TITLES = {
    "ruimte_a": "Plimsoll overleg Noord",
    "doc_open": "Plimsoll verslag bezoek",
    "doc_geheim": "Plimsoll notitie vertrouwelijk",
    "bericht_a": f"Plimsoll bericht {C['bericht_a']}",
    "taak_a": "Plimsoll taak dossieronderzoek",
    "ruimte_b": "Plimsoll overleg Zuid",
    "doc_b": "Plimsoll stuk Zuid",
}
SOORT = {
    "ruimte_a": "samenwerkingsruimte",
    "ruimte_b": "samenwerkingsruimte",
    "doc_open": "document",
    "doc_geheim": "document",
    "doc_b": "document",
    "bericht_a": "bericht",
    "taak_a": "taak",
}
A_MEMBER = {"ruimte_a", "doc_open", "bericht_a", "taak_a"}
A_COORDINATOR = A_MEMBER | {"doc_geheim"}
B_MEMBER = {"ruimte_b", "doc_b"}
EXPECTED = {
    "anoniem": set(),
    "buitenstaander": set(),
    "coordinator_a": A_COORDINATOR,
    "deelnemer_a": A_MEMBER,
    "meelezer_a": A_MEMBER,
    "lid_b": B_MEMBER,
    "via_organisatie": A_MEMBER,
    "verwijderd": set(),
    "redacteur": set(),
    "superuser": set(),
}
ROLES = list(EXPECTED)

ZOEKEN = """query($q: String!) { zoeken(zoekterm: $q, eerste: 50) {
  totaal suggestie resultaten { titel url soort fragment context }
  facetten { naam waarden { waarde label aantal } } } }"""


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
def world(backend, canaries, django_capture_on_commit_callbacks):
    """Two spaces with a member of each role, built after the backend is chosen, so that every
    document reaches the index (and the engine) through the ordinary save path."""
    with django_capture_on_commit_callbacks(execute=True):
        a = RuimteFactory(titel=TITLES["ruimte_a"], doel=f"{WORD} doel {C['ruimte_a']}")
        b = RuimteFactory(titel=TITLES["ruimte_b"], doel=f"{WORD} doel {C['ruimte_b']}")
        users = {"buitenstaander": UserFactory()}
        users["coordinator_a"] = LidmaatschapFactory(ruimte=a, coordinator=True).gebruiker
        users["deelnemer_a"] = LidmaatschapFactory(ruimte=a).gebruiker
        users["meelezer_a"] = LidmaatschapFactory(ruimte=a, meelezer=True).gebruiker
        users["lid_b"] = LidmaatschapFactory(ruimte=b, coordinator=True).gebruiker
        organisatie = OrganisatieFactory()
        organisatie_lid = LidmaatschapFactory(ruimte=a, gebruiker=None, organisatie=organisatie)
        users["via_organisatie"] = UserFactory(organisatie=organisatie)
        verwijderd = LidmaatschapFactory(ruimte=a, coordinator=True)
        users["verwijderd"] = verwijderd.gebruiker
        verwijderd.delete()
        users["redacteur"] = UserFactory(is_staff=True)
        users["redacteur"].groups.add(Group.objects.get(name=REDACTEUR))
        users["superuser"] = UserFactory(is_staff=True, is_superuser=True)
        objects = {"ruimte_a": a, "ruimte_b": b}
        for key, ruimte, label in (("doc_open", a, False), ("doc_geheim", a, True), ("doc_b", b, False)):
            objects[key] = DocumentFactory(ruimte=ruimte, naam=TITLES[key], alleen_coordinatoren=label)
            version(objects[key], f"{WORD} tekst {C[key]}\n".encode(), f"{key}.txt")
        objects["bericht_a"] = BerichtFactory(ruimte=a, tekst=TITLES["bericht_a"])
        objects["taak_a"] = TaakFactory(ruimte=a, titel=TITLES["taak_a"], omschrijving=f"{WORD} {C['taak_a']}")
    may_see = {
        key: {users[role].pk for role, keys in EXPECTED.items() if key in keys and role != "anoniem"} for key in C
    }
    for key, word in C.items():
        canaries.register(word, lambda user, key=key: user is not None and user.pk in may_see[key])
    return {"a": a, "b": b, "users": users, "objects": objects, "organisatie_lid": organisatie_lid}


def _user(world, role):
    return world["users"].get(role)


def _space_documents(pk):
    return SearchDocument.objects.filter(principals__naam__in=[f"ruimte:{pk}", f"ruimte:{pk}:coordinatoren"])


def _client(world, role):
    client = Client()
    if role != "anoniem":
        client.force_login(world["users"][role])
    return client


def _search(world, role, query=WORD):
    from django.contrib.auth.models import AnonymousUser

    return service.search(query, _user(world, role) or AnonymousUser(), per_pagina=50)


def _space_keys(world, keys):
    return sorted(f"samenwerking.{world['objects'][k]._meta.model_name}:{world['objects'][k].pk}" for k in keys)


def _graphql(client, query, variables):
    client.get("/graphql/", HTTP_ACCEPT="text/html")
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )
    assert response.status_code == 200, response.content[:300]
    return response.json()


def _soort_counts(expected):
    counts = {}
    for key in expected:
        counts[SOORT[key]] = counts.get(SOORT[key], 0) + 1
    return counts


@pytest.mark.parametrize("role", ROLES)
def test_search_holds_exactly_what_the_role_may_see(world, role):
    expected = EXPECTED[role]
    outcome = _search(world, role)
    assert sorted(r.key for r in outcome.resultaten) == _space_keys(world, expected)
    assert outcome.totaal == len(expected)
    soort = {f.naam: {w.waarde: w.aantal for w in f.waarden} for f in outcome.facetten}.get("soort", {})
    assert soort == _soort_counts(expected)
    # Only facets every principal may see: soort and jaar, never an organisation.
    assert {f.naam for f in outcome.facetten} <= {"soort", "jaar"}
    for r in outcome.resultaten:
        assert r.url.startswith("/samenwerking/zoekresultaat/")

    # A facet value that only hidden space content carries is refused as unknown.
    if "bericht_a" not in expected:
        with pytest.raises(service.ZoekFout):
            service.search(WORD, _user(world, role), filters={"soort": ["bericht"]})

    # "Bedoelde u": a misspelling is corrected only to a word of what the role may see.
    typo = _search(world, role, "plimsol")
    assert typo.suggestie == (WORD if expected else "")

    # The page, the autocomplete endpoint and GraphQL `zoeken` answer the same, and the
    # canaries they carry are checked for this role by the canary middleware.
    client = _client(world, role)
    page = client.get("/zoeken/", {"q": WORD})
    assert page.status_code == 200
    body = page.content.decode()
    for key, obj in world["objects"].items():
        link = f"/samenwerking/zoekresultaat/{SOORT[key].replace('samenwerkingsruimte', 'ruimte')}/{obj.pk}/"
        assert (f'href="{link}"' in body) == (key in expected), key
    suggesties = client.get("/zoeken/suggesties/", {"q": "plims"})
    assert sorted(item["titel"] for item in suggesties.json()["resultaten"]) == sorted(TITLES[k] for k in expected)
    data = _graphql(client, ZOEKEN, {"q": WORD})["data"]["zoeken"]
    assert data["totaal"] == len(expected)
    assert sorted(r["titel"] for r in data["resultaten"]) == sorted(TITLES[k] for k in expected)
    facets = {f["naam"]: {w["waarde"]: w["aantal"] for w in f["waarden"]} for f in data["facetten"]}
    assert facets.get("soort", {}) == _soort_counts(expected)
    typo_data = _graphql(client, ZOEKEN, {"q": "plimsol"})["data"]["zoeken"]
    assert typo_data["suggestie"] == (WORD if expected else None)


def test_a_removed_member_and_a_revoked_organisation_find_nothing_on_the_next_request(world):
    assert _search(world, "deelnemer_a").totaal == len(A_MEMBER)
    assert _search(world, "via_organisatie").totaal == len(A_MEMBER)
    Lidmaatschap.objects.get(ruimte=world["a"], gebruiker=world["users"]["deelnemer_a"]).delete()
    world["organisatie_lid"].delete()
    for role in ("deelnemer_a", "via_organisatie"):
        assert _search(world, role).resultaten == []
        assert _search(world, role, "plimsol").suggestie == ""
        assert service.autocomplete("plims", _user(world, role)) == []


def test_a_coordinator_made_deelnemer_loses_the_coordinator_documents(world):
    coordinator = world["users"]["coordinator_a"]
    LidmaatschapFactory(ruimte=world["a"], coordinator=True)
    lid = Lidmaatschap.objects.get(ruimte=world["a"], gebruiker=coordinator)
    actions.change_role(coordinator, lid, AuditLogEntry.Kanaal.PAGINA, Lidmaatschap.Rol.DEELNEMER)
    assert sorted(r.key for r in _search(world, "coordinator_a").resultaten) == _space_keys(world, A_MEMBER)


def test_a_space_deleted_and_recreated_with_the_same_pk_exposes_nothing_old(world, django_capture_on_commit_callbacks):
    old = world["a"]
    pk = old.pk
    with django_capture_on_commit_callbacks(execute=True):
        old.delete()
    assert not _space_documents(pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        nieuw = Samenwerkingsruimte.objects.create(pk=pk, titel="Nieuwe ruimte", soort="netwerk", doel="iets anders")
        lid = LidmaatschapFactory(ruimte=nieuw, coordinator=True).gebruiker
    outcome = service.search(WORD, lid, per_pagina=50)
    assert outcome.resultaten == [] and outcome.totaal == 0
    assert [r.titel for r in service.search("nieuwe ruimte", lid).resultaten if r.key.startswith("samenwerking")] == [
        "Nieuwe ruimte"
    ]
    assert service.autocomplete("plims", lid) == []


def test_every_write_keeps_both_indexes_in_step(world, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from samenwerking.uploads import check_upload

    coordinator = world["users"]["coordinator_a"]
    doc = world["objects"]["doc_open"]
    pagina = AuditLogEntry.Kanaal.PAGINA

    # A new version: its text is found, the old version's no longer.
    with django_capture_on_commit_callbacks(execute=True):
        upload = SimpleUploadedFile("nieuw.txt", b"kwelderhoning in de nieuwe versie\n")
        actions.add_version(coordinator, doc, pagina, upload, check_upload(upload))
    assert [r.titel for r in service.search("kwelderhoning", coordinator).resultaten] == [TITLES["doc_open"]]
    old_text = [r.key for r in service.search(C["doc_open"], coordinator, per_pagina=50).resultaten]
    assert _space_keys(world, ["doc_open"])[0] not in old_text

    # A label change: the document leaves the deelnemer's search.
    with django_capture_on_commit_callbacks(execute=True):
        doc.vertrouwelijkheid = Document.Vertrouwelijkheid.ALLEEN_COORDINATOREN
        doc.save()
    deelnemer = world["users"]["deelnemer_a"]
    assert service.search("kwelderhoning", deelnemer).resultaten == []
    assert [r.titel for r in service.search("kwelderhoning", coordinator).resultaten] == [TITLES["doc_open"]]

    # A task done, a space renamed and closed: the context says so.
    with django_capture_on_commit_callbacks(execute=True):
        actions.complete_task(coordinator, world["objects"]["taak_a"], pagina)
        actions.update_space(coordinator, world["a"], pagina, titel="Plimsoll overleg Oost", status="gesloten")
    contexts = {r.soort: r.context for r in service.search(WORD, coordinator, per_pagina=50).resultaten}
    assert contexts["taak"] == "Plimsoll overleg Oost · Gedaan"
    assert contexts["bericht"] == "Plimsoll overleg Oost"
    assert contexts["samenwerkingsruimte"] == "Gezamenlijk onderzoek · Gesloten"

    # A message deleted: gone.
    with django_capture_on_commit_callbacks(execute=True):
        world["objects"]["bericht_a"].delete()
    assert "bericht" not in {r.soort for r in service.search(WORD, coordinator, per_pagina=50).resultaten}


def test_rebuild_includes_space_content(world):
    from django.core.management import call_command

    from search import engine

    SearchDocument.objects.filter(key__startswith="samenwerking").delete()
    es = engine.engine()
    if es is not None:
        for key in _space_keys(world, A_COORDINATOR | B_MEMBER):
            es.delete(key)
    assert _search(world, "coordinator_a").resultaten == []
    call_command("rebuild_search_index", verbosity=0)
    assert sorted(r.key for r in _search(world, "coordinator_a").resultaten) == _space_keys(world, A_COORDINATOR)
    assert sorted(r.key for r in _search(world, "lid_b").resultaten) == _space_keys(world, B_MEMBER)


@pytest.mark.parametrize("role", ["anoniem", "lid_b"])
def test_splitting_a_compound_never_tells_whether_a_space_holds_a_word(world, role):
    # "plimsoll" is indexed only in space content: a compound made with it is split for those
    # who may see that content, and for nobody else widened into a search on its other part.
    outcome = _search(world, role, "zwiebelplimsoll")
    before = (outcome.totaal, outcome.ruim_gezocht, [r.key for r in outcome.resultaten])
    outcome = _search(world, role, "plimsolltoezicht" if role == "anoniem" else "plimsollnotitie")
    assert (outcome.totaal, outcome.ruim_gezocht, [r.key for r in outcome.resultaten]) == before == (0, False, [])
    member = _search(world, "coordinator_a", "plimsollnotitie")
    assert _space_keys(world, ["doc_geheim"])[0] in [r.key for r in member.resultaten]
