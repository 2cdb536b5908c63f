"""The embedded backend: an inverted index in ordinary tables, the same on SQLite and PostgreSQL.

Postings hold Python-analysed tokens, so both databases stem and fold alike. The permission
and facet filters are `EXISTS` clauses of the one query that also ranks, counts and pages.
"""

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Length

from ..indexing import idf
from ..models import SearchDocument, SearchFacet, SearchPosting, SearchPrincipal
from .base import RawResult, SearchBackend

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
    name = "database"

    def matching(self, request):
        analysed = request.analysed
        terms = analysed.terms
        total_docs = SearchDocument.objects.count() or 1
        frequencies = dict(
            SearchPosting.objects.filter(term__in=terms).values_list("term")
            .annotate(n=Count("id")).values_list("term", "n")
        )
        weight = Case(
            *[When(postings__term=t, then=F("postings__gewicht") * Value(
                idf(frequencies.get(t, 0), total_docs))) for t in terms],
            default=Value(0.0), output_field=FloatField(),
        )
        group = Case(
            *[When(postings__term__in=g, then=Value(i)) for i, g in enumerate(analysed.groups)],
            default=Value(None), output_field=IntegerField(),
        )
        docs = (visible_documents(request.principals, request.filters)
                .filter(postings__term__in=terms)
                .annotate(score=Sum(weight), groups=Count(group, distinct=True)))
        if request.mode == "and":
            docs = docs.filter(groups__gte=len(analysed.groups))
        return docs

    def search(self, request):
        analysed = request.analysed
        docs = self.matching(request)
        boost = Value(0.0)
        if analysed.code:
            boost = boost + Case(When(code__iexact=analysed.code, then=Value(CODE_BOOST)),
                                 default=Value(0.0), output_field=FloatField())
        if analysed.phrase:
            boost = boost + Case(
                When(titel_folded__contains=analysed.phrase, then=Value(TITLE_PHRASE_BOOST)),
                default=Value(0.0), output_field=FloatField(),
            ) + Case(
                When(tekst_folded__contains=analysed.phrase, then=Value(TEXT_PHRASE_BOOST)),
                default=Value(0.0), output_field=FloatField(),
            )
        coordination = F("groups") * Value(1.0) / Value(float(max(len(analysed.groups), 1)))
        ranked = docs.annotate(rank=F("score") * coordination + boost).order_by(
            "-rank", Length("titel"), "titel", "pk")
        total = docs.count()
        keys = list(ranked.values_list("key", flat=True)[request.offset:request.offset
                                                          + request.limit])
        facets = {}
        if total:
            rows = (SearchFacet.objects.filter(document__in=docs.values("pk"))
                    .values_list("facet", "waarde").annotate(n=Count("document", distinct=True)))
            for facet, value, n in rows:
                facets.setdefault(facet, {})[value] = n
        return RawResult(total=total, keys=keys, facets=facets)

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
