"""Writing the index: one document into the database index, and on to the engine if any."""

from collections import Counter

from django.db import transaction

from .analysis import analyse, folded_phrase, synonyms, words
from .models import SearchDocument, SearchFacet, SearchFacetWaarde, SearchPrincipal, SearchWord
from .registry import document_key, registry

# The body's BM25 parameters on Elasticsearch (SQLite's FTS5 fixes its own: k1 1.2, b 0.75).
BM25_K1 = 1.2
BM25_B = 0.5
MAX_TEXT = 60_000


def tokens_for(doc, table=None):
    """The analysed tokens of an IndexDocument: title with code, and body. The database's
    full-text engine indexes them from the document row (migration 0005)."""
    table = table or synonyms()
    title_tokens = analyse(doc.titel, table) + words(doc.code)
    body_tokens = analyse(doc.tekst[:MAX_TEXT], table)
    return title_tokens, body_tokens


def facet_rows(doc):
    rows = [("soort", doc.soort, str(doc.soort_label))]
    for facet, values in doc.facetten.items():
        for value, label in values:
            rows.append((facet, str(value), str(label)))
    if doc.jaar:
        rows.append(("jaar", str(doc.jaar), str(doc.jaar)))
    return list(dict.fromkeys(rows))


def _document_fields(doc, title_tokens, body_tokens):
    return {
        "soort": doc.soort,
        "soort_label": str(doc.soort_label)[:100],
        "titel": doc.titel[:500],
        "titel_folded": folded_phrase(doc.titel)[:500],
        "code": doc.code[:50],
        "url": doc.url[:1000],
        "context": str(doc.context)[:500],
        "tekst": doc.tekst[:MAX_TEXT],
        "tekst_folded": folded_phrase(doc.tekst[:MAX_TEXT]),
        "titel_tokens": " ".join(title_tokens),
        "tekst_tokens": " ".join(body_tokens),
        "datum": doc.datum,
    }


def facet_value_ids(rows, known=None):
    """{(facet, waarde, label): id} for these facet rows, creating the values not yet stored.

    `known` is a cache the caller keeps over many documents (a rebuild)."""
    known = {} if known is None else known
    wanted = {(f, v[:200], label[:300]) for f, v, label in rows} - known.keys()

    def look_up():
        for pk, facet, waarde, label in SearchFacetWaarde.objects.filter(
            facet__in={f for f, _v, _l in wanted}, waarde__in={v for _f, v, _l in wanted}
        ).values_list("pk", "facet", "waarde", "label"):
            if (facet, waarde, label) in wanted:
                known[(facet, waarde, label)] = pk

    if wanted:
        look_up()
    missing = wanted - known.keys()
    if missing:
        SearchFacetWaarde.objects.bulk_create(
            [SearchFacetWaarde(facet=f, waarde=v, label=label) for f, v, label in sorted(missing)],
            ignore_conflicts=True,
        )
        look_up()
    return known


def _related_rows(record, doc, known=None):
    principals = [SearchPrincipal(document=record, naam=p) for p in sorted(set(doc.principals))]
    rows = [(f, v[:200], label[:300]) for f, v, label in facet_rows(doc)]
    ids = facet_value_ids(rows, known)
    facets = [SearchFacet(document=record, facetwaarde_id=ids[row]) for row in dict.fromkeys(rows)]
    return principals, facets


def vocabulary(doc):
    """The words of a document that "bedoelde u …?" and the compound splitting may use."""
    return {w for w in words(f"{doc.titel} {doc.tekst[:MAX_TEXT]}") if w.isalpha() and 3 < len(w) <= 100}


def build(instance):
    registration = registry.for_instance(instance)
    if registration is None:
        return None
    if registration.is_page:
        instance = instance.specific
        if not instance.live:
            return None
    return registration.build(instance)


@transaction.atomic
def write_document(key, doc, table=None):
    """Store one IndexDocument in the database index (replacing what was there)."""
    title_tokens, body_tokens = tokens_for(doc, table)
    record, _created = SearchDocument.objects.update_or_create(
        key=key, defaults=_document_fields(doc, title_tokens, body_tokens)
    )
    SearchPrincipal.objects.filter(document=record).delete()
    SearchFacet.objects.filter(document=record).delete()
    principals, facets = _related_rows(record, doc)
    SearchPrincipal.objects.bulk_create(principals)
    SearchFacet.objects.bulk_create(facets)
    SearchWord.objects.bulk_create([SearchWord(woord=w) for w in vocabulary(doc)], ignore_conflicts=True)
    return record


def bulk_write(items, table=None, batch=500):
    """Write many (key, IndexDocument) pairs at once: for rebuilds and benchmarks."""
    table = table or synonyms()
    seen = Counter()
    pending = []
    known = {}

    def flush():
        records = SearchDocument.objects.bulk_create([SearchDocument(key=key, **fields) for key, fields, _d in pending])
        principals, facets = [], []
        for record, (_k, _f, doc) in zip(records, pending, strict=True):
            p, f = _related_rows(record, doc, known)
            principals += p
            facets += f
        SearchPrincipal.objects.bulk_create(principals, batch_size=2000)
        SearchFacet.objects.bulk_create(facets, batch_size=2000)
        pending.clear()

    count = 0
    for key, doc in items:
        title_tokens, body_tokens = tokens_for(doc, table)
        pending.append((key, _document_fields(doc, title_tokens, body_tokens), doc))
        seen.update(vocabulary(doc))
        count += 1
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    existing = (
        set(SearchWord.objects.filter(woord__in=list(seen)).values_list("woord", flat=True))
        if len(seen) < 5000
        else set(SearchWord.objects.values_list("woord", flat=True))
    )
    SearchWord.objects.bulk_create(
        [SearchWord(woord=w, aantal=n) for w, n in seen.items() if w not in existing], batch_size=5000
    )
    return count


def delete_document(key):
    SearchDocument.objects.filter(key=key).delete()


def index_instance(instance):
    """Bring one object's document up to date in every index; never raises for the engine."""
    from .engine import propagate

    key = document_key(instance)
    doc = build(instance)
    if doc is None or not doc.principals:
        delete_document(key)
        propagate(key, None)
        return None
    write_document(key, doc)
    propagate(key, doc)
    return doc


def remove_instance(instance):
    from .engine import propagate

    key = document_key(instance)
    delete_document(key)
    propagate(key, None)


def remove_documents_of(principals):
    """Remove every document any of these principals may see, from every index: for a space
    that is deleted, so that a new space with the same number never finds the old one's."""
    from .engine import propagate

    keys = list(
        SearchDocument.objects.filter(principals__naam__in=list(principals)).values_list("key", flat=True).distinct()
    )
    for key in keys:
        delete_document(key)
        propagate(key, None)
    return keys
