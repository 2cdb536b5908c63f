"""The embedded backend: an inverted index in ordinary tables, the same on SQLite and PostgreSQL.

Postings hold Python-analysed tokens, so both databases stem and fold alike. The permission
and facet filters are `EXISTS` clauses of the one query that also ranks, counts and pages.
"""

import heapq

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Length

from ..indexing import idf
from ..models import SearchDocument, SearchFacet, SearchPosting, SearchPrincipal
from .base import RawResult, SearchBackend

PHRASE_WINDOW = 200
FACET_CHUNK = 5000
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
    """Matching and scoring in one pass over the permitted postings, ranking in Python.

    A single query reads the postings of the query's terms for the documents this user may
    see (with the facet filters); scores, the all-words rule, totals and pages follow from
    those rows, and the facet counts from the matched documents. The phrase boost is applied
    to the best PHRASE_WINDOW candidates, where it decides the order the user sees.
    """

    name = "database"

    def _postings(self, request):
        docs = visible_documents(request.principals, request.filters)
        return (SearchPosting.objects.filter(term__in=request.analysed.terms)
                .filter(document__in=docs.values("pk"))
                .values_list("document_id", "term", "gewicht"))

    def _scores(self, request):
        analysed = request.analysed
        terms = analysed.terms
        total_docs = SearchDocument.objects.count() or 1
        frequencies = dict(
            SearchPosting.objects.filter(term__in=terms).values("term")
            .annotate(n=Count("id")).values_list("term", "n")
        )
        weights = {t: idf(frequencies.get(t, 0), total_docs) for t in terms}
        groups_of = {}
        for index, group in enumerate(analysed.groups):
            for term in group:
                groups_of.setdefault(term, set()).add(index)
        scores, matched = {}, {}
        for document_id, term, gewicht in self._postings(request):
            scores[document_id] = scores.get(document_id, 0.0) + gewicht * weights[term]
            matched.setdefault(document_id, set()).update(groups_of.get(term, ()))
        needed = len(analysed.groups)
        result = {}
        for document_id, score in scores.items():
            found = len(matched[document_id])
            if request.mode == "and" and found < needed:
                continue
            result[document_id] = score * found / max(needed, 1)
        return result

    def _boost(self, request, scores):
        analysed = request.analysed
        if analysed.code:
            for pk in SearchDocument.objects.filter(code__iexact=analysed.code).values_list(
                    "pk", flat=True):
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
        scores = self._scores(request)
        total = len(scores)
        if not total:
            return RawResult(total=0, keys=[], facets={})
        self._boost(request, scores)
        needed = request.offset + request.limit
        candidates = heapq.nlargest(needed + 50, scores, key=scores.get)
        rows = dict(SearchDocument.objects.filter(pk__in=candidates).values_list(
            "pk", "titel"))
        ordered = sorted(candidates, key=lambda pk: (-round(scores[pk], 6), len(rows[pk]),
                                                     rows[pk], pk))
        page = ordered[request.offset:needed]
        keys_by_pk = dict(SearchDocument.objects.filter(pk__in=page).values_list("pk", "key"))
        facets = {}
        ids = list(scores)
        for start in range(0, len(ids), FACET_CHUNK):
            chunk = ids[start:start + FACET_CHUNK]
            rows = (SearchFacet.objects.filter(document_id__in=chunk)
                    .values("facet", "waarde").annotate(n=Count("id"))
                    .values_list("facet", "waarde", "n"))
            for facet, value, n in rows:
                counts = facets.setdefault(facet, {})
                counts[value] = counts.get(value, 0) + n
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
