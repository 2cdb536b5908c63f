"""Checking uploaded documents by their content, not their name (SECURITY.md, pitfall 10).

The type comes from libmagic (python-magic) and, for Office and ODF files, from the zip
container's own manifest. Refused: SVG, HTML (whatever the name), executables, macro-enabled
Office files, archives, zip bombs, empty files. The size limit is enforced while the file
streams in, by `LimitedUploadHandler`, before anything is written to disk in full.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

import magic

SNIFF_BYTES = 1024 * 1024
# Uncompressed size of a zip container at most this many times its own size, and this large.
MAX_ZIP_RATIO = 100
MAX_ZIP_UNCOMPRESSED = 500 * 1024 * 1024
MAX_ZIP_ENTRIES = 10000

OOXML = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
}
ODF = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
PLAIN = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    "application/vnd.ms-powerpoint": "ppt",
    "image/png": "png",
    "image/jpeg": "jpg",
    "text/plain": "txt",
    "text/csv": "csv",
}
EXTENSIONS = {
    "pdf": {"pdf"},
    "doc": {"doc"},
    "xls": {"xls"},
    "ppt": {"ppt", "pps"},
    "png": {"png"},
    "jpg": {"jpg", "jpeg"},
    "txt": {"txt", "text", "md", "csv"},
    "csv": {"csv", "txt"},
    "docx": {"docx"},
    "xlsx": {"xlsx"},
    "pptx": {"pptx"},
    "odt": {"odt"},
    "ods": {"ods"},
    "odp": {"odp"},
}
EXECUTABLES = {
    "application/x-dosexec",
    "application/x-executable",
    "application/x-sharedlib",
    "application/x-pie-executable",
    "application/x-mach-binary",
    "application/x-msdownload",
    "application/vnd.microsoft.portable-executable",
    "application/x-elf",
    "text/x-shellscript",
    "application/x-shellscript",
}
# Markup a browser would run, also inside a file that libmagic calls text.
ACTIVE_MARKUP = re.compile(rb"<\s*(script|html|svg|iframe|object|embed|body|head)\b|javascript:", re.I)
OLE_MACROS = ("_VBA_PROJECT".encode("utf-16-le"), "Macros".encode("utf-16-le"))
OLE_MIMES = {
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/x-ole-storage",
    "application/CDFV2",
}


def allowed_types_text():
    return _("PDF, Word, Excel, PowerPoint, OpenDocument (odt, ods, odp), PNG, JPEG, platte tekst en CSV")


@dataclass
class CheckedUpload:
    mime_type: str
    bestandsnaam: str
    grootte: int


def clean_filename(name, extension):
    """A name safe to show and to offer as a download: no path, no control characters."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r'[<>:"|?*;]', "_", name).strip().lstrip(".").strip()
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if ext.lower() not in EXTENSIONS.get(extension, {extension}):
        stem, ext = name, extension
    stem = stem[:150].strip() or _("document")
    return f"{stem}.{ext.lower()}"


def _read_head(upload):
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    return head


def _refuse(message):
    raise ValidationError(message, code="bestandstype")


def _check_zip(upload):
    """The Office or ODF type of a zip container, or a refusal."""
    try:
        upload.seek(0)
        archive = zipfile.ZipFile(upload)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        _refuse(_("Dit bestand is beschadigd of geen geldig document."))
    if len(infos) > MAX_ZIP_ENTRIES:
        _refuse(_("Dit bestand bevat te veel onderdelen en wordt geweigerd."))
    uncompressed = sum(info.file_size for info in infos)
    if uncompressed > MAX_ZIP_UNCOMPRESSED or uncompressed > MAX_ZIP_RATIO * max(upload.size, 1):
        _refuse(_("Dit bestand pakt uit tot een onevenredig grote omvang (een mogelijke zipbom) en wordt geweigerd."))
    names = [info.filename for info in infos]
    lowered = [n.lower() for n in names]
    if any(n.endswith("vbaproject.bin") or n.endswith(".bin") and "vba" in n for n in lowered) or any(
        n.startswith("basic/") or n.startswith("scripts/") for n in lowered
    ):
        _refuse(
            _(
                "Bestanden met macro's zijn niet toegestaan. Sla het document op zonder macro's "
                "(bijvoorbeeld als .docx in plaats van .docm) en probeer het opnieuw."
            )
        )
    if "[content_types].xml" in lowered:
        content_types = archive.read(names[lowered.index("[content_types].xml")])[:200000].lower()
        if b"macroenabled" in content_types or b"vbaproject" in content_types:
            _refuse(
                _(
                    "Bestanden met macro's zijn niet toegestaan. Sla het document op zonder macro's "
                    "(bijvoorbeeld als .docx in plaats van .docm) en probeer het opnieuw."
                )
            )
        for prefix, (mime, ext) in OOXML.items():
            if any(n.startswith(prefix) for n in lowered):
                upload.seek(0)
                return mime, ext
    if "mimetype" in lowered:
        declared = archive.read(names[lowered.index("mimetype")])[:100].decode("ascii", "replace").strip()
        if declared in ODF:
            upload.seek(0)
            return declared, ODF[declared]
    _refuse(_("Archieven (zoals zip-bestanden) zijn niet toegestaan. Upload de documenten los."))


def check_upload(upload):
    """The checked type and clean name of an uploaded file, or a ValidationError in Dutch."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="leeg")
    limit = settings.SAMENWERKING_MAX_UPLOAD_BYTES
    if size > limit:
        raise ValidationError(
            _("Het bestand is groter dan %(limiet)s.") % {"limiet": filesizeformat(limit)}, code="te_groot"
        )
    head = _read_head(upload)
    mime = magic.from_buffer(head, mime=True)
    if mime in EXECUTABLES or head.startswith((b"MZ", b"\x7fELF", b"#!")):
        _refuse(_("Uitvoerbare bestanden en programma's zijn niet toegestaan."))
    if mime == "image/svg+xml" or re.search(rb"<\s*svg\b", head[:4096], re.I):
        _refuse(_("SVG-afbeeldingen zijn niet toegestaan, omdat ze scripts kunnen bevatten. Gebruik PNG of JPEG."))
    if mime in {"text/html", "application/xhtml+xml", "text/xml", "application/xml"}:
        _refuse(
            _(
                "HTML- en XML-bestanden zijn niet toegestaan, ook niet onder een andere naam. Sla het "
                "document op als PDF."
            )
        )
    if mime.startswith("application/vnd.ms-") and "macroenabled" in mime.lower():
        _refuse(
            _(
                "Bestanden met macro's zijn niet toegestaan. Sla het document op zonder macro's "
                "(bijvoorbeeld als .docx in plaats van .docm) en probeer het opnieuw."
            )
        )
    if mime == "application/zip" or mime.startswith("application/vnd.openxmlformats") or mime in ODF:
        mime, extension = _check_zip(upload)
    elif mime in OLE_MIMES:
        if any(marker in head for marker in OLE_MACROS):
            _refuse(
                _(
                    "Bestanden met macro's zijn niet toegestaan. Sla het document op zonder macro's "
                    "(bijvoorbeeld als .docx in plaats van .docm) en probeer het opnieuw."
                )
            )
        mime = _ole_type(mime, upload.name)
        extension = PLAIN[mime]
    elif mime in PLAIN:
        extension = PLAIN[mime]
    else:
        _refuse(_("Dit bestandstype is niet toegestaan. Toegestaan zijn: %(types)s.") % {"types": allowed_types_text()})
    if mime.startswith("text/") and ACTIVE_MARKUP.search(head):
        _refuse(_("Dit tekstbestand bevat HTML of scripts en wordt daarom geweigerd. Sla het document op als PDF."))
    if mime == "text/plain" and PurePosixPath(str(upload.name)).suffix.lower() == ".csv":
        mime, extension = "text/csv", "csv"
    upload.seek(0)
    return CheckedUpload(mime_type=mime, bestandsnaam=clean_filename(upload.name, extension), grootte=size)


def _ole_type(mime, name):
    if mime in PLAIN:
        return mime
    suffix = PurePosixPath(str(name)).suffix.lower()
    return {".xls": "application/vnd.ms-excel", ".ppt": "application/vnd.ms-powerpoint"}.get(
        suffix, "application/msword"
    )


class LimitedUploadHandler(FileUploadHandler):
    """Stops reading a file the moment it passes the limit: nothing larger reaches the disk."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0
        self.limit = settings.SAMENWERKING_MAX_UPLOAD_BYTES

    def new_file(self, *args, **kwargs):
        self.received = 0
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            too_large = getattr(self.request, "samenwerking_te_groot", set())
            too_large.add(self.field_name)
            self.request.samenwerking_te_groot = too_large
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None


def install_upload_limit(request):
    request.upload_handlers.insert(0, LimitedUploadHandler(request))


def too_large_message():
    return _("Het bestand is groter dan %(limiet)s.") % {
        "limiet": filesizeformat(settings.SAMENWERKING_MAX_UPLOAD_BYTES)
    }
