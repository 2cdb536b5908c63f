"""The embedded backend: an inverted index in ordinary tables, the same on SQLite and PostgreSQL.

Postings hold Python-analysed tokens, so both databases stem and fold alike. Searching reads
them through the per-process snapshot of the index version (search/snapshot.py).
"""

import heapq

from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Length

from .. import snapshot
from ..indexing import idf
from ..models import SearchDocument, SearchFacet, SearchPrincipal
from .base import RawResult, SearchBackend

PHRASE_WINDOW = 200
CODE_BOOST = 1000.0
TITLE_PHRASE_BOOST = 60.0
TEXT_PHRASE_BOOST = 15.0


def visible_documents(principals, filters=None):
    docs = SearchDocument.objects.all()
    if principals is not None:
        docs = docs.filter(Exists(SearchPrincipal.objects.filter(
            document=OuterRef("pk"), naam__in=principals)))
    for facet, values in (filters or {}).items():
        docs = docs.filter(Exists(SearchFacet.objects.filter(
            document=OuterRef("pk"), facet=facet, waarde__in=values)))
    return docs


class DatabaseBackend(SearchBackend):
    """Matching, scoring, counting and facets over the index as this process holds it.

    The postings of the query's terms, who may see what and the facet values come from the
    snapshot of the current index version (search/snapshot.py), read from the tables once per
    version. The permission and facet filters narrow the set of documents before anything is
    counted, so totals, facets and pages are those of this user. The phrase boost is applied
    to the best PHRASE_WINDOW candidates, where it decides the order the user sees.
    """

    name = "database"

    def _allowed(self, snap, request):
        allowed = snap.visible(request.principals)
        for facet, values in (request.filters or {}).items():
            having = snap.with_value(facet, values)
            allowed = having if allowed is None else allowed & having
        return allowed

    def _scores(self, snap, request):
        analysed = request.analysed
        postings = snap.postings(analysed.terms)
        weights = {t: idf(len(postings[t]), snap.total or 1) for t in analysed.terms}
        allowed = self._allowed(snap, request)
        per_group = []
        for group in analysed.groups:
            docs = set().union(*(postings[t].keys() for t in group))
            per_group.append(docs if allowed is None else docs & allowed)
        if not per_group:
            return {}
        if request.mode == "and":
            matched = set.intersection(*per_group)
        else:
            matched = set.union(*per_group)
        lists = [(postings[t], weights[t]) for t in analysed.terms]
        needed = len(per_group)
        scores = {}
        for document in matched:
            score = 0.0
            for held, weight in lists:
                found = held.get(document)
                if found is not None:
                    score += found * weight
            if needed > 1 and request.mode != "and":
                score *= sum(1 for docs in per_group if document in docs) / needed
            scores[document] = score
        return scores

    def _boost(self, snap, request, scores):
        analysed = request.analysed
        if analysed.code:
            for pk in snap.codes.get(analysed.code.casefold(), ()):
                if pk in scores:
                    scores[pk] += CODE_BOOST
        if analysed.phrase:
            best = heapq.nlargest(PHRASE_WINDOW, scores, key=scores.get)
            window = SearchDocument.objects.filter(pk__in=best)
            for pk in window.filter(titel_folded__contains=analysed.phrase).values_list(
                    "pk", flat=True):
                scores[pk] += TITLE_PHRASE_BOOST
            for pk in window.filter(tekst_folded__contains=analysed.phrase).values_list(
                    "pk", flat=True):
                scores[pk] += TEXT_PHRASE_BOOST

    def search(self, request):
        snap = snapshot.current().ensure_loaded()
        scores = self._scores(snap, request)
        total = len(scores)
        if not total:
            return RawResult(total=0, keys=[], facets={})
        self._boost(snap, request, scores)
        needed = request.offset + request.limit
        candidates = heapq.nlargest(needed + 50, scores, key=scores.get)
        rows = dict(SearchDocument.objects.filter(pk__in=candidates).values_list(
            "pk", "titel"))
        ordered = sorted(candidates, key=lambda pk: (-round(scores[pk], 6), len(rows[pk]),
                                                     rows[pk], pk))
        page = ordered[request.offset:needed]
        keys_by_pk = dict(SearchDocument.objects.filter(pk__in=page).values_list("pk", "key"))
        facets = snap.facet_counts(scores.keys())
        return RawResult(total=total, keys=[keys_by_pk[pk] for pk in page], facets=facets)

    def autocomplete(self, prefix, principals, limit):
        from ..analysis import folded_phrase

        folded = folded_phrase(prefix)
        if not folded:
            return []
        docs = (visible_documents(principals)
                .filter(Q(titel_folded__startswith=folded) | Q(titel_folded__contains=f" {folded}"))
                .annotate(starts=Case(When(titel_folded__startswith=folded, then=Value(0)),
                                      default=Value(1), output_field=IntegerField()))
                .order_by("starts", Length("titel"), "titel"))
        return list(docs.values_list("key", flat=True)[:limit])
