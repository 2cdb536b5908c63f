"""The text of a document for the search index: bounded in size, in pages and in time."""

import io
import logging
import multiprocessing
import re
import zipfile

from django.conf import settings

logger = logging.getLogger(__name__)

MAX_CHARS = 100_000
MAX_PAGES = 50
# A crafted PDF can keep a parser busy for minutes: its text is read in a child process that is
# stopped after this many seconds (SAMENWERKING_EXTRACT_SECONDS), and the document is then found
# by its name only.
MAX_SECONDS = 10
MAX_XML_BYTES = 5 * 1024 * 1024
TAG = re.compile(rb"<[^>]{0,2000}>")
XML_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["word/document.xml"],
    "application/vnd.oasis.opendocument.text": ["content.xml"],
    "application/vnd.oasis.opendocument.spreadsheet": ["content.xml"],
    "application/vnd.oasis.opendocument.presentation": ["content.xml"],
}


def _pdf_text(handle):
    from pypdf import PdfReader

    reader = PdfReader(handle)
    parts, total = [], 0
    for page in reader.pages[:MAX_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        total += len(text)
        if total >= MAX_CHARS:
            break
    return "\n".join(parts)


def _xml_text(handle, parts):
    archive = zipfile.ZipFile(handle)
    found = []
    for name in parts:
        if name in archive.namelist():
            with archive.open(name) as member:
                data = member.read(MAX_XML_BYTES)
            found.append(TAG.sub(b" ", data).decode("utf-8", "replace"))
    return " ".join(" ".join(found).split())


def _send_text(reader, data, sender):
    try:
        sender.send(reader(io.BytesIO(data))[:MAX_CHARS])
    except Exception:
        sender.send("")
    finally:
        sender.close()


def _within_time(reader, handle):
    """reader(handle) in a child process, or '' when it takes longer than allowed."""
    seconds = getattr(settings, "SAMENWERKING_EXTRACT_SECONDS", MAX_SECONDS)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_send_text, args=(reader, handle.read(), sender), daemon=True)
    child.start()
    sender.close()
    try:
        if receiver.poll(seconds):
            return receiver.recv()
        logger.warning("Tekst van een document niet gelezen: duurde langer dan %s seconden", seconds)
        return ""
    except EOFError:
        return ""
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()


def extract_text(file, mime_type):
    """Plain text of a PDF, Word or ODF file (or of a text file); '' when there is none."""
    try:
        file.seek(0)
        if mime_type == "application/pdf":
            text = _within_time(_pdf_text, file)
        elif mime_type in XML_PARTS:
            text = _xml_text(file, XML_PARTS[mime_type])
        elif mime_type in {"text/plain", "text/csv"}:
            text = file.read(MAX_CHARS * 4).decode("utf-8", "replace")
        else:
            text = ""
    except Exception:
        # A document whose text cannot be read is still a document; it is found by its name.
        logger.warning("Geen tekst gelezen uit een document van het type %s", mime_type)
        text = ""
    finally:
        file.seek(0)
    return text.replace("\x00", "")[:MAX_CHARS]
