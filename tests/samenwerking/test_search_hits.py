"""Opening a search hit of space content: checked again, logged as "search hit opened", and a
refusal answers exactly as an object that does not exist. Deleting a space leaves no file in the
private storage and no document in the search index."""

import re

from django.test import Client

import pytest

from samenwerking.models import AuditLogEntry, DocumentVersie, Samenwerkingsruimte
from samenwerking.storage import PrivateFileSystemStorage
from search.models import SearchDocument

from .factories import BerichtFactory, DocumentFactory, LidmaatschapFactory, RuimteFactory, TaakFactory, version

pytestmark = pytest.mark.django_db

ZOEKEN = AuditLogEntry.Kanaal.ZOEKEN


@pytest.fixture
def space(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ruimte = RuimteFactory()
        coordinator = LidmaatschapFactory(ruimte=ruimte, coordinator=True).gebruiker
        meelezer = LidmaatschapFactory(ruimte=ruimte, meelezer=True).gebruiker
        open_doc = DocumentFactory(ruimte=ruimte)
        geheim = DocumentFactory(ruimte=ruimte, alleen_coordinatoren=True)
        bericht = BerichtFactory(ruimte=ruimte)
        taak = TaakFactory(ruimte=ruimte)
    return {
        "ruimte": ruimte,
        "coordinator": coordinator,
        "meelezer": meelezer,
        "open": open_doc,
        "geheim": geheim,
        "bericht": bericht,
        "taak": taak,
    }


def _space_documents(pk):
    return SearchDocument.objects.filter(principals__naam__in=[f"ruimte:{pk}", f"ruimte:{pk}:coordinatoren"])


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _hit(soort, pk):
    return f"/samenwerking/zoekresultaat/{soort}/{pk}/"


def _entries(user):
    return list(
        AuditLogEntry.objects.filter(gebruiker=user, kanaal=ZOEKEN)
        .order_by("pk")
        .values_list("actie", "object_soort", "object_id")
    )


def test_opening_a_hit_logs_it_and_leads_to_the_object_page(space):
    ruimte = space["ruimte"]
    client = _client(space["meelezer"])
    targets = {
        ("ruimte", ruimte.pk): f"/samenwerking/{ruimte.pk}/",
        ("document", space["open"].pk): f"/samenwerking/{ruimte.pk}/documenten/{space['open'].pk}/",
        ("bericht", space["bericht"].pk): f"/samenwerking/{ruimte.pk}/berichten/#bericht-{space['bericht'].pk}",
        ("taak", space["taak"].pk): f"/samenwerking/{ruimte.pk}/taken/#taak-{space['taak'].pk}",
    }
    for (soort, pk), target in targets.items():
        response = client.get(_hit(soort, pk))
        assert response.status_code == 302 and response["Location"] == target
        assert response["Cache-Control"] == "private, no-store"
        assert client.get(target.partition("#")[0]).status_code == 200
    assert _entries(space["meelezer"]) == [
        ("bekeken", "samenwerkingsruimte", str(ruimte.pk)),
        ("bekeken", "document", str(space["open"].pk)),
        ("bekeken", "bericht", str(space["bericht"].pk)),
        ("bekeken", "taak", str(space["taak"].pk)),
    ]


def _without_tokens(content):
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def test_a_refused_hit_is_logged_and_answers_as_one_that_does_not_exist(space):
    meelezer = space["meelezer"]
    client = _client(meelezer)
    refused = client.get(_hit("document", space["geheim"].pk))
    missing = client.get(_hit("document", 999999))
    unknown = client.get(_hit("onderzoek", space["open"].pk))
    assert refused.status_code == missing.status_code == unknown.status_code == 404
    assert _without_tokens(refused.content) == _without_tokens(missing.content)
    assert _entries(meelezer) == [("geweigerd", "document", str(space["geheim"].pk))]
    assert _client(space["coordinator"]).get(_hit("document", space["geheim"].pk)).status_code == 302

    buiten = LidmaatschapFactory().gebruiker
    for soort, obj in (("ruimte", space["ruimte"]), ("bericht", space["bericht"]), ("taak", space["taak"])):
        assert _client(buiten).get(_hit(soort, obj.pk)).status_code == 404
    assert [e[0] for e in _entries(buiten)] == ["geweigerd"] * 3
    assert set(AuditLogEntry.objects.filter(gebruiker=buiten).values_list("ruimte", flat=True)) == {space["ruimte"].pk}


def test_anonymous_visitors_are_asked_to_sign_in_whether_or_not_the_hit_exists(space):
    for url in (_hit("document", space["geheim"].pk), _hit("document", 999999)):
        response = Client().get(url)
        assert response.status_code == 302 and "/account/inloggen/" in response["Location"]
    assert not AuditLogEntry.objects.filter(kanaal=ZOEKEN).exists()


def test_the_search_page_links_space_hits_through_the_hit_view(space, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        space["open"].naam = "Ketenoverleg zwaluwstaart"
        space["open"].save()
    body = _client(space["meelezer"]).get("/zoeken/", {"q": "zwaluwstaart"}).content.decode()
    assert f'href="{_hit("document", space["open"].pk)}"' in body
    assert f'href="/samenwerking/{space["ruimte"].pk}/documenten/' not in body


@pytest.fixture
def temp_storage(tmp_path, monkeypatch):
    """A real private file storage in a temporary folder for the versions' files."""
    storage = PrivateFileSystemStorage(location=str(tmp_path))
    monkeypatch.setattr(DocumentVersie._meta.get_field("bestand"), "storage", storage)
    return tmp_path


def _files(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_deleting_a_space_removes_its_files_and_search_documents_after_the_commit(
    space, temp_storage, django_capture_on_commit_callbacks
):
    ruimte = space["ruimte"]
    with django_capture_on_commit_callbacks(execute=True):
        eerste = version(space["open"], b"eerste versie\n", "a.txt")
        tweede = version(space["open"], b"tweede versie\n", "b.txt")
        geheim = version(space["geheim"], b"geheime versie\n", "c.txt")
        ander = version(DocumentFactory(), b"van een andere ruimte\n", "d.txt")
    assert _files(temp_storage) == sorted(v.bestand.name for v in (eerste, tweede, geheim, ander))
    assert _space_documents(ruimte.pk).count() == 5

    with django_capture_on_commit_callbacks(execute=False) as pending:
        Samenwerkingsruimte.objects.get(pk=ruimte.pk).delete()
        # Until the commit the files stay: a rolled-back delete must keep them.
        assert len(_files(temp_storage)) == 4
    for callback in pending:
        callback()
    assert _files(temp_storage) == [ander.bestand.name]
    assert not (temp_storage / f"ruimte-{ruimte.pk}").exists()
    assert not _space_documents(ruimte.pk).exists()
    assert not SearchDocument.objects.filter(key__in=[f"samenwerking.document:{space['open'].pk}"]).exists()


def test_deleting_a_document_removes_the_files_of_all_its_versions(
    space, temp_storage, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        version(space["open"], b"eerste\n", "a.txt")
        version(space["open"], b"tweede\n", "b.txt")
        blijft = version(space["geheim"], b"blijft\n", "c.txt")
    with django_capture_on_commit_callbacks(execute=True):
        space["open"].delete()
    assert _files(temp_storage) == [blijft.bestand.name]
    assert not SearchDocument.objects.filter(key=f"samenwerking.document:{space['open'].pk}").exists()
