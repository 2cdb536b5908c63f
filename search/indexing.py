"""Writing the index: one document into the database index, and on to the engine if any."""

import math
from collections import Counter

from django.db import transaction

from .analysis import analyse, folded_phrase, synonyms, words
from .models import SearchDocument, SearchFacet, SearchPosting, SearchPrincipal, SearchWord
from .registry import document_key, registry
from .snapshot import mark_changed

TITLE_WEIGHT = 6.0
CODE_WEIGHT = 6.0
BM25_K1 = 1.2
BM25_B = 0.5
AVERAGE_LENGTH = 120.0
MAX_TEXT = 60_000


def postings_for(doc, table=None):
    """{term: weight} of an IndexDocument: title and code weigh more; body saturates as BM25."""
    table = table or synonyms()
    title_tokens = analyse(doc.titel, table)
    body_tokens = analyse(doc.tekst[:MAX_TEXT], table)
    code_tokens = words(doc.code)
    weights = {}
    counts = Counter(body_tokens)
    norm = 1 - BM25_B + BM25_B * len(body_tokens) / AVERAGE_LENGTH
    for term, tf in counts.items():
        weights[term] = tf * (BM25_K1 + 1) / (tf + BM25_K1 * norm)
    for term in set(title_tokens):
        weights[term] = weights.get(term, 0) + TITLE_WEIGHT
    for term in code_tokens:
        weights[term] = weights.get(term, 0) + CODE_WEIGHT
    return weights, title_tokens + code_tokens, body_tokens


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


def _related_rows(record, doc, weights):
    principals = [SearchPrincipal(document=record, naam=p) for p in sorted(set(doc.principals))]
    facets = [SearchFacet(document=record, facet=f, waarde=v[:200], label=label[:300])
              for f, v, label in facet_rows(doc)]
    postings = [SearchPosting(document=record, term=t[:100], gewicht=round(w, 4))
                for t, w in weights.items()]
    return principals, facets, postings


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
    weights, title_tokens, body_tokens = postings_for(doc, table)
    record, _created = SearchDocument.objects.update_or_create(
        key=key, defaults=_document_fields(doc, title_tokens, body_tokens))
    SearchPrincipal.objects.filter(document=record).delete()
    SearchFacet.objects.filter(document=record).delete()
    SearchPosting.objects.filter(document=record).delete()
    principals, facets, postings = _related_rows(record, doc, weights)
    SearchPrincipal.objects.bulk_create(principals)
    SearchFacet.objects.bulk_create(facets)
    SearchPosting.objects.bulk_create(postings)
    SearchWord.objects.bulk_create(
        [SearchWord(woord=w) for w in set(words(f"{doc.titel} {doc.tekst[:MAX_TEXT]}"))
         if w.isalpha() and 3 < len(w) <= 100],
        ignore_conflicts=True,
    )
    mark_changed()
    return record


def bulk_write(items, table=None, batch=500):
    """Write many (key, IndexDocument) pairs at once: for rebuilds and benchmarks."""
    table = table or synonyms()
    vocabulary = Counter()
    pending = []

    def flush():
        records = SearchDocument.objects.bulk_create(
            [SearchDocument(key=key, **fields) for key, fields, _d, _w in pending])
        principals, facets, postings = [], [], []
        for record, (_k, _f, doc, weights) in zip(records, pending, strict=True):
            p, f, po = _related_rows(record, doc, weights)
            principals += p
            facets += f
            postings += po
        SearchPrincipal.objects.bulk_create(principals, batch_size=2000)
        SearchFacet.objects.bulk_create(facets, batch_size=2000)
        SearchPosting.objects.bulk_create(postings, batch_size=5000)
        pending.clear()

    count = 0
    for key, doc in items:
        weights, title_tokens, body_tokens = postings_for(doc, table)
        pending.append((key, _document_fields(doc, title_tokens, body_tokens), doc, weights))
        vocabulary.update(w for w in set(words(f"{doc.titel} {doc.tekst[:MAX_TEXT]}"))
                          if w.isalpha() and 3 < len(w) <= 100)
        count += 1
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    existing = set(SearchWord.objects.filter(woord__in=list(vocabulary)).values_list(
        "woord", flat=True)) if len(vocabulary) < 5000 else set(
        SearchWord.objects.values_list("woord", flat=True))
    SearchWord.objects.bulk_create(
        [SearchWord(woord=w, aantal=n) for w, n in vocabulary.items() if w not in existing],
        batch_size=5000)
    mark_changed()
    return count


def delete_document(key):
    if SearchDocument.objects.filter(key=key).delete()[0]:
        mark_changed()


def idf(document_frequency, total):
    return math.log(1 + (total - document_frequency + 0.5) / (document_frequency + 0.5))


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
