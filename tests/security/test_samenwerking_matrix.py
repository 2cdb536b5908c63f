"""The authorization matrix of the spaces (SECURITY.md): every role × every object × every
channel. Lists are checked by their exact contents; a canary in every confidential object is
looked for in every response a role gets, and must appear only where the role may see it."""

import json

from django.contrib.auth.models import Group
from django.test import Client

import pytest

from portal.roles import REDACTEUR
from samenwerking.models import AuditLogEntry, Lidmaatschap, Samenwerkingsruimte
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

pytestmark = pytest.mark.django_db

C = {
    "ruimte_a": "KANARIE-a1-doel-ruimte-A",
    "titel_a": "KANARIE-a2-titel-ruimte-A",
    "doc_open": "KANARIE-a3-document-hele-ruimte",
    "doc_geheim": "KANARIE-a4-document-coordinatoren",
    "bestand_open": "KANARIE-a5-inhoud-open-bestand",
    "bestand_geheim": "KANARIE-a6-inhoud-geheim-bestand",
    "bericht_a": "KANARIE-a7-bericht-ruimte-A",
    "taak_a": "KANARIE-a8-taak-ruimte-A",
    "ruimte_b": "KANARIE-b1-doel-ruimte-B",
    "titel_b": "KANARIE-b2-titel-ruimte-B",
    "doc_b": "KANARIE-b3-document-ruimte-B",
}
A_MEMBER = {"ruimte_a", "titel_a", "doc_open", "bestand_open", "bericht_a", "taak_a"}
A_COORDINATOR = A_MEMBER | {"doc_geheim", "bestand_geheim"}
B_MEMBER = {"ruimte_b", "titel_b", "doc_b"}

# role -> (spaces it sees, canaries it may meet in a response, documents it sees)
EXPECTED = {
    "anoniem": ([], set(), []),
    "buitenstaander": ([], set(), []),
    "coordinator_a": (["a"], A_COORDINATOR, ["doc_geheim", "doc_open"]),
    "deelnemer_a": (["a"], A_MEMBER, ["doc_open"]),
    "meelezer_a": (["a"], A_MEMBER, ["doc_open"]),
    "lid_b": (["b"], B_MEMBER, ["doc_b"]),
    "via_organisatie": (["a"], A_MEMBER, ["doc_open"]),
    "verwijderd": ([], set(), []),
    "redacteur": ([], set(), []),
    # Superusers see that spaces exist (titles in the Django admin), never their contents.
    "superuser": ([], {"titel_a", "titel_b"}, []),
}

SPACES = """{ samenwerkingsruimtes { id titel doel soort status leden { naam organisatie rol }
  documenten { naam versie vertrouwelijkheid downloadUrl } berichten { tekst auteur } taken { titel } } }"""
SPACE = """query($id: ID!) { samenwerkingsruimte(id: $id) { id titel doel documenten { naam downloadUrl }
  berichten { tekst } taken { titel } leden { naam } } }"""


@pytest.fixture
def world(db):
    a = RuimteFactory(titel=C["titel_a"], doel=C["ruimte_a"])
    b = RuimteFactory(titel=C["titel_b"], doel=C["ruimte_b"])
    users = {"buitenstaander": UserFactory()}
    users["coordinator_a"] = LidmaatschapFactory(ruimte=a, coordinator=True).gebruiker
    users["deelnemer_a"] = LidmaatschapFactory(ruimte=a).gebruiker
    users["meelezer_a"] = LidmaatschapFactory(ruimte=a, meelezer=True).gebruiker
    users["lid_b"] = LidmaatschapFactory(ruimte=b, coordinator=True).gebruiker
    organisatie = OrganisatieFactory()
    LidmaatschapFactory(ruimte=a, gebruiker=None, organisatie=organisatie)
    users["via_organisatie"] = UserFactory(organisatie=organisatie)
    verwijderd = LidmaatschapFactory(ruimte=a, coordinator=True)
    users["verwijderd"] = verwijderd.gebruiker
    verwijderd.delete()
    users["redacteur"] = UserFactory(is_staff=True)
    users["redacteur"].groups.add(Group.objects.get(name=REDACTEUR))
    users["superuser"] = UserFactory(is_staff=True, is_superuser=True)
    docs = {
        "doc_open": DocumentFactory(ruimte=a, naam=C["doc_open"]),
        "doc_geheim": DocumentFactory(ruimte=a, naam=C["doc_geheim"], alleen_coordinatoren=True),
        "doc_b": DocumentFactory(ruimte=b, naam=C["doc_b"]),
    }
    versions = {
        "doc_open": version(docs["doc_open"], f"tekst {C['bestand_open']}\n".encode(), "open.txt"),
        "doc_geheim": version(docs["doc_geheim"], f"tekst {C['bestand_geheim']}\n".encode(), "geheim.txt"),
        "doc_b": version(docs["doc_b"], b"tekst van B\n", "b.txt"),
    }
    BerichtFactory(ruimte=a, tekst=C["bericht_a"])
    TaakFactory(ruimte=a, titel=C["taak_a"])
    return {"a": a, "b": b, "users": users, "docs": docs, "versions": versions}


def _client(world, role):
    client = Client()
    if role != "anoniem":
        client.force_login(world["users"][role])
    return client


def _graphql(client, query, variables=None):
    client.get("/graphql/", HTTP_ACCEPT="text/html")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200, response.content[:300]
    return response


def _download_url(world, key):
    v = world["versions"][key]
    return f"/samenwerking/{v.document.ruimte_id}/documenten/{v.document_id}/versies/{v.nummer}/download/"


def _page_urls(world):
    a, b = world["a"].pk, world["b"].pk
    urls = ["/samenwerking/"]
    for pk in (a, b):
        urls += [
            f"/samenwerking/{pk}/",
            f"/samenwerking/{pk}/documenten/",
            f"/samenwerking/{pk}/berichten/",
            f"/samenwerking/{pk}/taken/",
            f"/samenwerking/{pk}/leden/",
            f"/samenwerking/{pk}/logboek/",
            f"/samenwerking/{pk}/wijzigen/",
        ]
    for doc in world["docs"].values():
        urls.append(f"/samenwerking/{doc.ruimte_id}/documenten/{doc.pk}/")
    return urls


ROLES = list(EXPECTED)
COORDINATES = {"coordinator_a": "a", "lid_b": "b"}


def _expected_status(world, role, url, member_of, documents):
    parts = [p for p in url.split("/") if p]
    if len(parts) == 1:
        return 200
    pk = int(parts[1])
    if pk not in member_of:
        return 404
    if len(parts) == 4 and parts[2] == "documenten":
        key = next(k for k, d in world["docs"].items() if d.pk == int(parts[3]))
        return 200 if key in documents else 404
    coordinator = COORDINATES.get(role) and world[COORDINATES[role]].pk == pk
    if parts[-1] == "logboek":
        return 200 if coordinator else 404
    if parts[-1] == "wijzigen":
        return 200 if coordinator else 403
    return 200


@pytest.mark.parametrize("role", ROLES)
def test_matrix(world, role):
    spaces, allowed, documents = EXPECTED[role]
    client = _client(world, role)
    bodies = []

    # Pages: a member's pages answer, everything else is "not found" (or the sign-in for anonymous).
    member_of = {world[s].pk for s in spaces}
    for url in _page_urls(world):
        response = client.get(url)
        bodies.append(response.content.decode())
        if role == "anoniem":
            assert response.status_code == 302 and "/account/inloggen/" in response["Location"], url
            continue
        assert response.status_code == _expected_status(world, role, url, member_of, documents), url

    # Downloads: only through the checking view, only for who may see the document.
    for key in world["docs"]:
        response = client.get(_download_url(world, key))
        if role == "anoniem":
            assert response.status_code == 302
            continue
        if key in documents:
            assert response.status_code == 200
            assert response["Content-Disposition"].startswith("attachment")
            assert response["Cache-Control"] == "private, no-store"
            assert response["X-Content-Type-Options"] == "nosniff"
            body = b"".join(response.streaming_content).decode()
            assert C[key.replace("doc_", "bestand_")] in body if key != "doc_b" else "van B" in body
            bodies.append(body)
        else:
            assert response.status_code == 404
            bodies.append(response.content.decode())

    # The file's storage path guessed as a URL: nothing serves it, not even to a coordinator.
    for v in world["versions"].values():
        for prefix in ("/media/", "/private/", "/var/private/", "/documenten/", "/static/"):
            response = client.get(prefix + v.bestand.name, follow=True)
            assert response.status_code == 404, prefix
            bodies.append(response.content.decode())

    # GraphQL: the list and the lookup, with every nested field.
    data = _graphql(client, SPACES).json()
    bodies.append(json.dumps(data))
    listed = data["data"]["samenwerkingsruimtes"]
    assert sorted(r["titel"] for r in listed) == sorted(C[f"titel_{s}"] for s in spaces)
    assert sorted(d["naam"] for r in listed for d in r["documenten"]) == sorted(C[k] for k in documents)
    for key in ("a", "b"):
        found = _graphql(client, SPACE, {"id": str(world[key].pk)}).json()
        bodies.append(json.dumps(found))
        assert "errors" not in found
        assert (found["data"]["samenwerkingsruimte"] is not None) == (key in spaces)

    # Search: a space's content is found by exactly the roles that may see it, and nothing else
    # of it is suggested (the page repeats the query itself, so the results are checked rather
    # than the page). tests/security/test_samenwerking_search.py checks counts, facets and both
    # backends.
    from samenwerking.models import Bericht
    from search.registry import document_key, registry
    from search.service import search

    targets = {
        "ruimte_a": world["a"],
        "doc_geheim": world["docs"]["doc_geheim"],
        "bericht_a": Bericht.objects.get(ruimte=world["a"]),
        "doc_b": world["docs"]["doc_b"],
    }
    for obj in targets.values():
        registry.reindex(obj)
    user = world["users"].get(role)
    visible = {document_key(obj) for key, obj in targets.items() if key in allowed}
    for key, obj in targets.items():
        outcome = search(C[key].replace("-", " "), user)
        found = {r.key for r in outcome.resultaten if r.key.startswith("samenwerking")}
        assert (document_key(obj) in found) == (key in allowed), (role, key)
        assert found <= visible, (role, key)
        bodies.append(" ".join(repr(r) for r in outcome.resultaten) + outcome.suggestie)

    # The admins: Wagtail's and Django's.
    for url in (
        "/admin/",
        "/django-admin/",
        "/django-admin/samenwerking/samenwerkingsruimte/",
        f"/django-admin/samenwerking/samenwerkingsruimte/{world['a'].pk}/change/",
        "/django-admin/samenwerking/auditlogentry/",
        "/django-admin/guardian/",
        "/admin/snippets/",
        "/admin/pages/search/?q=KANARIE",
    ):
        response = client.get(url, follow=True)
        bodies.append(response.content.decode())

    forbidden = set(C) - allowed
    for body in bodies:
        for key in forbidden:
            assert C[key] not in body, (role, key)


def test_audit_log_is_read_by_coordinators_only_and_holds_no_contents(world):
    coordinator = _client(world, "coordinator_a")
    coordinator.get(_download_url(world, "doc_geheim"))
    entries = AuditLogEntry.objects.filter(ruimte=world["a"], actie=AuditLogEntry.Actie.GEDOWNLOAD)
    assert [(e.gebruiker, e.kanaal, e.object_id) for e in entries] == [
        (world["users"]["coordinator_a"], "download", str(world["versions"]["doc_geheim"].pk))
    ]
    assert coordinator.get(f"/samenwerking/{world['a'].pk}/logboek/").status_code == 200
    assert _client(world, "deelnemer_a").get(f"/samenwerking/{world['a'].pk}/logboek/").status_code == 404
    export = coordinator.get(f"/samenwerking/{world['a'].pk}/logboek.csv")
    assert export.status_code == 200 and export["Content-Disposition"].startswith("attachment")
    rows = export.content.decode().splitlines()
    assert rows[0] == "tijdstip,gebruiker,actie,object,nummer,kanaal"
    assert any(",Gedownload,documentversie," in row for row in rows)
    assert not any(canary in export.content.decode() for canary in C.values())
    for role in ("deelnemer_a", "lid_b", "superuser", "buitenstaander"):
        assert _client(world, role).get(f"/samenwerking/{world['a'].pk}/logboek.csv").status_code == 404
    for entry in AuditLogEntry.objects.all():
        text = " ".join(str(getattr(entry, f.attname)) for f in entry._meta.fields)
        assert not any(canary in text for canary in C.values())


def _without_tokens(content):
    import re

    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def test_refusal_is_logged_without_telling_the_visitor(world):
    client = _client(world, "buitenstaander")
    bestaat = client.get(f"/samenwerking/{world['a'].pk}/")
    bestaat_niet = client.get("/samenwerking/999999/")
    assert bestaat.status_code == bestaat_niet.status_code == 404
    assert _without_tokens(bestaat.content) == _without_tokens(bestaat_niet.content)
    assert list(
        AuditLogEntry.objects.filter(actie=AuditLogEntry.Actie.GEWEIGERD).values_list("gebruiker", "ruimte")
    ) == [(world["users"]["buitenstaander"].pk, world["a"].pk)]


def test_revocation_counts_on_the_next_request(world):
    client = _client(world, "deelnemer_a")
    url = f"/samenwerking/{world['a'].pk}/documenten/"
    assert client.get(url).status_code == 200
    Lidmaatschap.objects.get(ruimte=world["a"], gebruiker=world["users"]["deelnemer_a"]).delete()
    assert client.get(url).status_code == 404
    assert client.get(_download_url(world, "doc_open")).status_code == 404


def test_space_deleted_and_recreated_with_the_same_pk_admits_nobody_of_the_old_one(world):
    old = world["a"]
    pk = old.pk
    _client(world, "coordinator_a").get(f"/samenwerking/{pk}/")
    old_entries = set(AuditLogEntry.objects.filter(ruimte=old).values_list("pk", flat=True))
    assert old_entries
    old.delete()
    nieuw = Samenwerkingsruimte.objects.create(pk=pk, titel="Nieuwe ruimte", soort="netwerk", doel="KANARIE-nieuw-doel")
    nieuw_lid = LidmaatschapFactory(ruimte=nieuw, coordinator=True).gebruiker
    for role in ("coordinator_a", "deelnemer_a", "meelezer_a", "via_organisatie"):
        client = _client(world, role)
        assert client.get(f"/samenwerking/{pk}/").status_code == 404
        data = _graphql(client, SPACES).json()["data"]["samenwerkingsruimtes"]
        assert data == []
    # The old space's log stays with no space: the new coordinators see only their own space's refusals.
    seen = set(AuditLogEntry.objects.viewable_by_user(nieuw_lid).values_list("pk", flat=True))
    assert seen.isdisjoint(old_entries)
    assert set(AuditLogEntry.objects.filter(pk__in=seen).values_list("actie", flat=True)) == {"geweigerd"}


def test_audit_log_cannot_be_changed_or_deleted(world):
    entry = AuditLogEntry.objects.create(actie="bekeken", kanaal="pagina", ruimte=world["a"])
    entry.toelichting = "anders"
    with pytest.raises(Exception, match="logboek"):
        entry.save()
    with pytest.raises(Exception, match="logboek"):
        entry.delete()
    with pytest.raises(Exception, match="logboek"):
        AuditLogEntry.objects.all().delete()
    superuser = _client(world, "superuser")
    url = f"/django-admin/samenwerking/auditlogentry/{entry.pk}/delete/"
    assert superuser.post(url, {"post": "yes"}).status_code in (403, 302, 404)
    assert AuditLogEntry.objects.filter(pk=entry.pk).exists()


def test_superuser_manages_members_only_when_no_coordinator_can(world):
    superuser = _client(world, "superuser")
    a = world["a"]
    assert superuser.get(f"/samenwerking/{a.pk}/leden/").status_code == 404
    coordinator = world["users"]["coordinator_a"]
    coordinator.is_active = False
    coordinator.save()
    response = superuser.get(f"/samenwerking/{a.pk}/leden/")
    assert response.status_code == 200
    assert C["doc_open"] not in response.content.decode()
    lid = Lidmaatschap.objects.get(ruimte=a, gebruiker=world["users"]["deelnemer_a"])
    response = superuser.post(f"/samenwerking/{a.pk}/leden/", {"actie": "rol", "lid": lid.pk, "rol": "coordinator"})
    assert response.status_code == 302
    assert Lidmaatschap.objects.get(pk=lid.pk).rol == "coordinator"
    assert AuditLogEntry.objects.filter(ruimte=a, actie=AuditLogEntry.Actie.BEHEER_DOOR_SUPERUSER).count() == 1
    assert superuser.get(f"/samenwerking/{a.pk}/documenten/").status_code == 404
    assert superuser.get(f"/samenwerking/{a.pk}/leden/").status_code == 404
