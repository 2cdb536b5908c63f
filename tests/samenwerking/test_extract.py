"""The text of an uploaded document for the search: read within bounds of size and time."""

import io
import multiprocessing
import time

from samenwerking import extract


def _pdf(text):
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.save()
    buffer.seek(0)
    return buffer


def test_the_text_of_a_pdf_is_read():
    handle = _pdf("Verslag van het bezoek aan de zorgboerderij")
    assert "zorgboerderij" in extract.extract_text(handle, "application/pdf")
    # The upload can still be stored from the start.
    assert handle.tell() == 0


def _endless(handle):
    while True:
        time.sleep(0.01)


def test_a_pdf_that_takes_too_long_is_found_by_its_name_only(settings, monkeypatch):
    settings.SAMENWERKING_EXTRACT_SECONDS = 0.5
    monkeypatch.setattr(extract, "_pdf_text", _endless)
    # An endless reader would hang here without the bound.
    assert extract.extract_text(_pdf("Wordt nooit gelezen"), "application/pdf") == ""
    # The child process is stopped, not left running beside the web process.
    assert not [p for p in multiprocessing.active_children() if p.is_alive()]


def test_the_text_is_bounded_in_size():
    handle = io.BytesIO(("woord " * extract.MAX_CHARS).encode())
    assert len(extract.extract_text(handle, "text/plain")) == extract.MAX_CHARS
