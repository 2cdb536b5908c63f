"""Data a process keeps in memory for as long as its version in the database stays the same.

Reference data that every request needs (the remits behind the navigator, the search
index's permissions and facets) is costly to read from the tables on each request and
rarely changes. A process keeps what it built from it together with the version token it
read; each request compares that token with the database (one small query), so a change
made by any process counts from the very next request everywhere.
"""

import contextlib
import contextvars
import threading
import uuid

from django.db import connection

from .models import Gegevensversie

# Within one request each version is read once (the navigator asks several times); a change
# made by another process counts from the next request.
_per_request = contextvars.ContextVar("versies_per_verzoek", default=None)


# The memo's key under which it records that it holds every version the database has.
_ALLE = object()


def vernieuw(*namen):
    """Give these bodies of data a new version; call after every change to them."""
    memo = _per_request.get()
    for naam in namen:
        token = uuid.uuid4().hex
        if not Gegevensversie.objects.filter(naam=naam).update(token=token):
            Gegevensversie.objects.create(naam=naam, token=token)
        if memo is not None:
            memo[naam] = _versie(token)


def _versie(found):
    # Test runs and benchmarks may open another database in the same process.
    return (connection.settings_dict["NAME"], found or "")


def token(naam):
    memo = _per_request.get()
    if memo is None:
        return _versie(Gegevensversie.objects.filter(naam=naam).values_list("token", flat=True).first())
    if naam not in memo and _ALLE not in memo:
        # A request needs several versions (the sites, the remits, the synonyms): all in one read.
        for found_naam, found in Gegevensversie.objects.values_list("naam", "token"):
            memo.setdefault(found_naam, _versie(found))
        memo[_ALLE] = True
    return memo.setdefault(naam, _versie(None))


@contextlib.contextmanager
def per_request():
    """Read each version at most once inside (a request, or one run over many objects); a
    block inside another keeps the outer one's memo."""
    if _per_request.get() is not None:
        yield
        return
    reset = _per_request.set({})
    try:
        yield
    finally:
        _per_request.reset(reset)


class VersionsPerRequestMiddleware:
    """Reads each data version at most once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with per_request():
            return self.get_response(request)


class PerVersie:
    """`bouw()` as of the current version of `naam`, built again when that version changes."""

    def __init__(self, naam, bouw):
        self.naam = naam
        self.bouw = bouw
        self._lock = threading.Lock()
        self._token = None
        self._waarde = None

    def vergeet(self):
        with self._lock:
            self._token = self._waarde = None

    def get(self):
        current = token(self.naam)
        if current != self._token:
            with self._lock:
                if current != self._token:
                    self._waarde = self.bouw()
                    self._token = current
        return self._waarde
