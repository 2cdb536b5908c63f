"""Bad uploads are refused with a Dutch message and leave nothing behind: no document, no
version, no file in the private storage."""

import base64
import io
import zipfile

from django.core.files.storage import storages
from django.test import override_settings

import pytest

from samenwerking.models import Document, DocumentVersie
from tests.samenwerking.factories import LidmaatschapFactory

pytestmark = pytest.mark.django_db

LIMIT = 4096


def _zip(entries, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = {
    "[Content_Types].xml": '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>',
    "word/document.xml": "<w:document><w:body><w:t>Verslag van het bezoek</w:t></w:body></w:document>",
}
DOCM = {
    "[Content_Types].xml": '<Types><Override ContentType="application/vnd.ms-word.document.'
    'macroEnabled.main+xml"/></Types>',
    "word/document.xml": "<w:document/>",
    "word/vbaProject.bin": "VBA",
}
DOCX_WITH_VBA = {**DOCX, "word/vbaProject.bin": "VBA"}
ODT = {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:text>Notulen</office:text>"}

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)

BAD = [
    ("programma.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 300, "Uitvoerbare"),
    ("elf.txt", b"\x7fELF\x02\x01\x01" + b"\x00" * 300, "Uitvoerbare"),
    ("tekening.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "SVG"),
    ("plaatje.png", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "SVG"),
    ("rapport.pdf", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "HTML"),
    ("notitie.txt", b"gewoon tekst <script>alert(1)</script>", "HTML"),
    ("macro.docm", _zip(DOCM), "macro"),
    ("verstopt.docx", _zip(DOCX_WITH_VBA), "macro"),
    ("bom.docx", _zip({**DOCX, "word/media/groot.bin": b"\x00" * 3_000_000}), "zipbom"),
    ("archief.zip", _zip({"a.txt": "hallo"}), "Archieven"),
    ("leeg.pdf", b"", "leeg"),
    ("te-groot.txt", b"a" * (LIMIT + 1), "groter dan"),
]


@pytest.fixture
def coordinator(monkeypatch, tmp_path):
    # Each test gets its own private storage: test workers share the default one and their
    # database copies hand out the same primary keys.
    from samenwerking.storage import PrivateFileSystemStorage

    storage = PrivateFileSystemStorage(location=str(tmp_path))
    monkeypatch.setattr(DocumentVersie._meta.get_field("bestand"), "storage", storage)
    monkeypatch.setitem(storages._storages, "samenwerking", storage)
    return LidmaatschapFactory(coordinator=True)


def _files(ruimte):
    storage = storages["samenwerking"]
    found = []

    def walk(path):
        directories, files = storage.listdir(path) if storage.exists(path) else ([], [])
        found.extend(f"{path}/{f}" if path else f for f in files)
        for d in directories:
            walk(f"{path}/{d}" if path else d)

    walk(f"ruimte-{ruimte.pk}")
    return sorted(found)


@override_settings(SAMENWERKING_MAX_UPLOAD_BYTES=LIMIT)
@pytest.mark.parametrize("name,content,message", BAD, ids=[b[0] for b in BAD])
def test_bad_upload_is_refused_in_dutch_and_nothing_is_saved(client, coordinator, name, content, message):
    client.force_login(coordinator.gebruiker)
    before = _files(coordinator.ruimte)
    upload = io.BytesIO(content)
    upload.name = name
    response = client.post(
        f"/samenwerking/{coordinator.ruimte_id}/documenten/",
        {"naam": "", "vertrouwelijkheid": "hele_ruimte", "bestand": upload},
    )
    assert response.status_code == 400
    assert message.lower() in response.content.decode().lower()
    assert not Document.objects.filter(ruimte=coordinator.ruimte).exists()
    assert not DocumentVersie.objects.filter(document__ruimte=coordinator.ruimte).exists()
    assert _files(coordinator.ruimte) == before


@override_settings(SAMENWERKING_MAX_UPLOAD_BYTES=LIMIT)
def test_exactly_the_limit_is_accepted(client, coordinator):
    client.force_login(coordinator.gebruiker)
    upload = io.BytesIO(b"a" * LIMIT)
    upload.name = "precies.txt"
    response = client.post(
        f"/samenwerking/{coordinator.ruimte_id}/documenten/", {"vertrouwelijkheid": "hele_ruimte", "bestand": upload}
    )
    assert response.status_code == 302
    assert DocumentVersie.objects.get(document__ruimte=coordinator.ruimte).grootte == LIMIT


@pytest.mark.parametrize(
    "name,content,mime,stored",
    [
        (
            "verslag.docx",
            _zip(DOCX),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "verslag.docx",
        ),
        ("notulen.odt", _zip(ODT, zipfile.ZIP_STORED), "application/vnd.oasis.opendocument.text", "notulen.odt"),
        ("../../etc/passwd\x07.txt", b"gewone tekst\n", "text/plain", "passwd.txt"),
        ("..\\..\\boot.ini", b"gewone tekst\n", "text/plain", "boot.ini.txt"),
        ("cijfers.csv", b"gemeente,aantal\nRotterdam,3\n", "text/csv", "cijfers.csv"),
        ("foto.pdf", PNG, "image/png", "foto.pdf.png"),
    ],
)
def test_good_upload_is_typed_by_content_with_a_clean_name(client, coordinator, name, content, mime, stored):
    client.force_login(coordinator.gebruiker)
    upload = io.BytesIO(content)
    upload.name = name
    response = client.post(
        f"/samenwerking/{coordinator.ruimte_id}/documenten/", {"vertrouwelijkheid": "hele_ruimte", "bestand": upload}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    versie = DocumentVersie.objects.get(document__ruimte=coordinator.ruimte)
    assert (versie.mime_type, versie.bestandsnaam) == (mime, stored)
    assert versie.bestand.name.startswith(f"ruimte-{coordinator.ruimte_id}/")
    assert ".." not in versie.bestand.name


def test_participant_cannot_label_a_document_for_coordinators_only(client):
    lid = LidmaatschapFactory()
    client.force_login(lid.gebruiker)
    upload = io.BytesIO(b"tekst\n")
    upload.name = "a.txt"
    response = client.post(
        f"/samenwerking/{lid.ruimte_id}/documenten/", {"vertrouwelijkheid": "alleen_coordinatoren", "bestand": upload}
    )
    assert response.status_code == 400
    assert not Document.objects.filter(ruimte=lid.ruimte).exists()


def test_reader_cannot_upload(client):
    lid = LidmaatschapFactory(meelezer=True)
    client.force_login(lid.gebruiker)
    upload = io.BytesIO(b"tekst\n")
    upload.name = "a.txt"
    response = client.post(
        f"/samenwerking/{lid.ruimte_id}/documenten/", {"vertrouwelijkheid": "hele_ruimte", "bestand": upload}
    )
    assert response.status_code == 403
    assert not Document.objects.filter(ruimte=lid.ruimte).exists()
