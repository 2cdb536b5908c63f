"""Rebuilding the whole index from what the apps register."""

import time
from collections import Counter

from django.db import transaction

from . import engine
from .analysis import synonyms, synonyms_changed
from .backends.base import BackendUnavailable
from .indexing import build, bulk_write
from .models import (
    PendingIndexUpdate,
    SearchDocument,
    SearchFacet,
    SearchFacetWaarde,
    SearchPrincipal,
    SearchWord,
)
from .registry import document_key, registry


def clear_database_index():
    for model in (SearchFacet, SearchFacetWaarde, SearchPrincipal, SearchDocument, SearchWord):
        model.objects.all().delete()


def iter_documents(progress=None):
    """(key, IndexDocument) for every object the apps register, counting as it goes."""
    registrations = registry.registrations()
    total = sum(r.queryset().count() for r in registrations)
    done = 0
    for registration in registrations:
        for instance in registration.queryset().iterator(chunk_size=200):
            done += 1
            if progress:
                progress(done, total)
            doc = build(instance)
            if doc is not None and doc.principals:
                yield document_key(instance), doc


def rebuild(progress=None):
    """Rebuild the database index, then the engine's; returns a summary dict."""
    started = time.monotonic()
    # A data migration may have added synonyms without a new version.
    synonyms_changed()
    table = synonyms()
    kinds = Counter()

    def counted():
        for key, doc in iter_documents(progress):
            kinds[str(doc.soort_label)] += 1
            yield key, doc

    with transaction.atomic():
        clear_database_index()
        count = bulk_write(counted(), table)
    summary = {
        "documenten": count,
        "soorten": dict(kinds),
        "engine": None,
        "database_seconden": time.monotonic() - started,
    }
    es = engine.engine()
    if es is not None:
        try:
            es.reset_breaker()
            es.rebuild()
            PendingIndexUpdate.objects.all().delete()
            summary["engine"] = "ok"
        except BackendUnavailable as exc:
            engine.queue_rebuild(exc)
            summary["engine"] = str(exc)
    summary["seconden"] = time.monotonic() - started
    return summary
