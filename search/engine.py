"""Which backend answers, keeping the engine in step, and the queue of updates it missed."""

import logging

from django.conf import settings
from django.db import transaction

from .backends.base import BackendUnavailable
from .backends.database import DatabaseBackend
from .models import PendingIndexUpdate, SearchDocument

logger = logging.getLogger(__name__)

REBUILD_KEY = "*"
_engines = {}


def config():
    defaults = {
        "BACKEND": "database",
        "ELASTICSEARCH_URL": "",
        "ELASTICSEARCH_INDEX": "toezichtportaal",
        "TIMEOUT": 1.0,
        "RETRY_AFTER": 30.0,
        "PAGE_SIZE": 10,
    }
    return {**defaults, **getattr(settings, "PORTAL_SEARCH", {})}


def database_backend():
    return DatabaseBackend()


def engine():
    """The Elasticsearch backend when configured, else None."""
    cfg = config()
    if cfg["BACKEND"] != "elasticsearch" or not cfg["ELASTICSEARCH_URL"]:
        return None
    key = (cfg["ELASTICSEARCH_URL"], cfg["ELASTICSEARCH_INDEX"], cfg["TIMEOUT"], cfg["RETRY_AFTER"])
    if key not in _engines:
        from .backends.elasticsearch import ElasticsearchBackend

        _engines[key] = ElasticsearchBackend(*key)
    return _engines[key]


def backend():
    return engine() or database_backend()


def _queue(key, exc):
    actie = (
        PendingIndexUpdate.Actie.HERBOUWEN
        if key == REBUILD_KEY
        else PendingIndexUpdate.Actie.VERWIJDEREN
        if not SearchDocument.objects.filter(key=key).exists()
        else PendingIndexUpdate.Actie.BIJWERKEN
    )
    pending, created = PendingIndexUpdate.objects.get_or_create(
        key=key, defaults={"actie": actie, "fout": str(exc)[:1000]}
    )
    if not created:
        pending.actie = actie
        pending.pogingen += 1
        pending.fout = str(exc)[:1000]
        pending.save(update_fields=["actie", "pogingen", "fout"])
    logger.warning("Zoekindex: wijziging voor %s bewaard om later te versturen (%s)", key, exc)


def _sync(es, key):
    record = SearchDocument.objects.filter(key=key).prefetch_related("principals", "facetten__facetwaarde").first()
    if record is None:
        es.delete(key)
    else:
        es.upsert(record)


def send(key):
    """Send one document's current state to the engine, or queue it; never raises."""
    es = engine()
    if es is None:
        return False
    try:
        _sync(es, key)
    except BackendUnavailable as exc:
        _queue(key, exc)
        return False
    PendingIndexUpdate.objects.filter(key=key).delete()
    replay_pending()
    return True


def propagate(key, _doc=None):
    """After the transaction commits, bring the engine in step with the database index."""
    if engine() is None:
        return
    transaction.on_commit(lambda: send(key), robust=True)


def queue_rebuild(exc):
    _queue(REBUILD_KEY, exc)


def replay_pending(limit=500):
    """Send queued updates; returns (sent, left). Stops at the first failure."""
    es = engine()
    if es is None:
        return 0, PendingIndexUpdate.objects.count()
    sent = 0
    for pending in list(PendingIndexUpdate.objects.all()[:limit]):
        try:
            if pending.key == REBUILD_KEY:
                es.rebuild()
                PendingIndexUpdate.objects.all().delete()
                sent += 1
                break
            _sync(es, pending.key)
        except BackendUnavailable:
            break
        pending.delete()
        sent += 1
    return sent, PendingIndexUpdate.objects.count()


def after_engine_success():
    if PendingIndexUpdate.objects.exists():
        replay_pending()
