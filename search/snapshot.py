"""What the database backend keeps in memory between searches, for one version of the index.

Reading the postings of common words, who may see which document and the facet values of
every match from the tables on each search makes a search grow with the index. A process
reads them once per index version instead: the version is a token in the database that
every write to the index replaces (`mark_changed`, through portal/versies.py), and one
cheap query per search compares it. Postings are kept per term, the most recently used
first, within a budget; who may see what and the facets are kept whole (a few rows per
document).
"""

import threading
from collections import OrderedDict

from django.db import connection

from portal import versies

from .models import SearchDocument, SearchFacet, SearchPosting, SearchPrincipal

VERSIE = "zoekindex"

VISIBLE_CACHE = 64


def mark_changed():
    """Give the index a new version; call after every write to its tables."""
    versies.vernieuw(VERSIE)


def _new_snapshot():
    from .engine import config

    return Snapshot(config()["MEMORY_POSTINGS"])


_snapshots = versies.PerVersie(VERSIE, _new_snapshot)


def current():
    """The snapshot of the index version this request sees."""
    return _snapshots.get()


def forget():
    """Drop this process's snapshot, as after a change (the benchmark's cold figures)."""
    _snapshots.vergeet()


class Snapshot:
    def __init__(self, budget):
        self.budget = budget
        self._lock = threading.Lock()
        self._postings = OrderedDict()
        self._held = 0
        self._visible = OrderedDict()
        self._loaded = False
        self._labels = None

    def _load(self):
        """Documents, principals, facets and codes: read once for this version."""
        with self._lock:
            if self._loaded:
                return
            self.total = SearchDocument.objects.count()
            by_principal = {}
            for name, document in SearchPrincipal.objects.values_list("naam", "document_id"):
                by_principal.setdefault(name, set()).add(document)
            self.by_principal = {name: frozenset(docs) for name, docs in by_principal.items()}
            by_value, labels = {}, {}
            for facet, value, label, document in SearchFacet.objects.values_list(
                    "facet", "waarde", "label", "document_id"):
                by_value.setdefault((facet, value), set()).add(document)
                labels.setdefault((facet, value), label)
            self.by_value = {key: frozenset(docs) for key, docs in by_value.items()}
            self._labels = labels
            self.values_per_document = sum(map(len, by_value.values())) / max(self.total, 1)
            codes = {}
            for pk, code in SearchDocument.objects.exclude(code="").values_list("pk", "code"):
                codes.setdefault(code.casefold(), set()).add(pk)
            self.codes = codes
            self._loaded = True

    def labels(self):
        """{(facet, value): label}; without reading everything else when only this is needed
        (an Elasticsearch search)."""
        if self._loaded:
            return self._labels
        with self._lock:
            if self._labels is None:
                self._labels = dict(
                    ((facet, value), label) for facet, value, label in
                    SearchFacet.objects.values_list("facet", "waarde", "label").distinct())
            return self._labels

    def ensure_loaded(self):
        if not self._loaded:
            self._load()
        return self

    def visible(self, principals):
        """The ids of the documents these principals may see; None for all."""
        if principals is None:
            return None
        key = tuple(sorted(principals))
        with self._lock:
            found = self._visible.get(key)
            if found is not None:
                self._visible.move_to_end(key)
                return found
        docs = frozenset().union(*(self.by_principal.get(name, ()) for name in key))
        with self._lock:
            self._visible[key] = docs
            while len(self._visible) > VISIBLE_CACHE:
                self._visible.popitem(last=False)
        return docs

    def with_value(self, facet, values):
        return frozenset().union(*(self.by_value.get((facet, value), ()) for value in values))

    def postings(self, terms):
        """{term: {document id: weight}} for these terms, read from the table when not held."""
        found, missing = {}, []
        with self._lock:
            for term in terms:
                held = self._postings.get(term)
                if held is None:
                    missing.append(term)
                else:
                    self._postings.move_to_end(term)
                    found[term] = held
        if missing:
            read = {term: {} for term in missing}
            table = SearchPosting._meta.db_table
            marks = ", ".join(["%s"] * len(missing))
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT term, document_id, gewicht FROM {table} "  # noqa: S608
                               f"WHERE term IN ({marks})", missing)
                for term, document, weight in cursor.fetchall():
                    read[term][document] = weight
            found.update(read)
            with self._lock:
                for term, postings in read.items():
                    if term not in self._postings:
                        self._postings[term] = postings
                        self._held += len(postings)
                while self._held > self.budget and len(self._postings) > 1:
                    _term, dropped = self._postings.popitem(last=False)
                    self._held -= len(dropped)
        return found

    def facet_counts(self, documents):
        """{facet: {value: count}} over a set of document ids."""
        counts = {}
        # Intersecting each value's set runs in C but touches every value; walking the
        # documents runs in Python. Walk when that touches clearly fewer entries.
        size = len(documents)
        intersecting = sum(min(len(docs), size) for docs in self.by_value.values())
        if size * self.values_per_document * 5 < intersecting:
            values_of = self._values_of()
            for document in documents:
                for facet, value in values_of.get(document, ()):
                    bucket = counts.setdefault(facet, {})
                    bucket[value] = bucket.get(value, 0) + 1
            return counts
        for (facet, value), docs in self.by_value.items():
            n = len(docs & documents) if len(docs) > len(documents) else len(documents & docs)
            if n:
                counts.setdefault(facet, {})[value] = n
        return counts

    def _values_of(self):
        with self._lock:
            values_of = getattr(self, "_values_of_cache", None)
            if values_of is None:
                values_of = {}
                for key, docs in self.by_value.items():
                    for document in docs:
                        values_of.setdefault(document, []).append(key)
                self._values_of_cache = values_of
        return values_of
