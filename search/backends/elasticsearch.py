"""The Elasticsearch backend, defined with `elasticsearch.dsl`.

The text fields hold tokens that were analysed in Python (search/analysis.py) and are split
on whitespace only: Dutch stemming, folding and synonyms then behave as on the database
backend, and the index tests faithfully against the osmem stand-in, whose own Dutch
analyzers are broken. The display fields are read back from the database index by key, which
also re-checks who may see each hit.
"""

import time

from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import TransportError, Urllib3HttpNode
from elasticsearch import ApiError, Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import Document, Index, Integer, Keyword, Q, Search, Text, analyzer

from ..indexing import BM25_B, BM25_K1
from ..models import SearchDocument
from .base import BackendUnavailable, RawResult, SearchBackend
from .database import CODE_BOOST, TEXT_PHRASE_BOOST, TITLE_PHRASE_BOOST

TITLE_BOOST = 10
REBUILD_TIMEOUT = 120
FAILURES = (TransportConnectionError, TransportError, ApiError, OSError)

pretokenised = analyzer("voorgeanalyseerd", tokenizer="whitespace")


class CompatibleNode(Urllib3HttpNode):
    """Sends plain JSON media types: accepted by Elasticsearch 8 and by OpenSearch (osmem)."""

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers is not None:
            headers = type(headers)(headers) if hasattr(headers, "copy") else dict(headers)
            for name in ("accept", "content-type"):
                value = headers.get(name)
                if value and "vnd.elasticsearch" in value:
                    headers[name] = "application/x-ndjson" if "ndjson" in value else "application/json"
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)


class IndexedDocument(Document):
    key = Keyword()
    soort = Keyword()
    code = Keyword()
    titel_tokens = Text(analyzer=pretokenised)
    tekst_tokens = Text(analyzer=pretokenised, similarity="portaal_bm25")
    titel_folded = Text(analyzer="standard")
    tekst_folded = Text(analyzer="standard")
    principals = Keyword()
    facetten = Keyword()
    titel_lengte = Integer()


def es_body(record):
    return {
        "key": record.key,
        "soort": record.soort,
        "code": record.code.lower(),
        "titel_tokens": record.titel_tokens,
        "tekst_tokens": record.tekst_tokens,
        "titel_folded": record.titel_folded,
        "tekst_folded": record.tekst_folded,
        "principals": [p.naam for p in record.principals.all()],
        "facetten": [f"{f.facet}:{f.waarde}" for f in record.facetten.all()],
        "titel_lengte": len(record.titel),
    }


_breaker = {}


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, url, index="toezichtportaal", timeout=1.0, retry_after=30.0):
        self.url = url
        self.index_name = index
        self.timeout = timeout
        self.retry_after = retry_after
        self.client = Elasticsearch(
            url, node_class=CompatibleNode, request_timeout=timeout, max_retries=0, retry_on_timeout=False
        )

    def _guard(self):
        if _breaker.get(self.url, 0) > time.monotonic():
            raise BackendUnavailable(self.url)

    def _trip(self, exc):
        _breaker[self.url] = time.monotonic() + self.retry_after
        raise BackendUnavailable(str(exc)) from exc

    def reset_breaker(self):
        _breaker.pop(self.url, None)

    def _call(self, func, *args, **kwargs):
        self._guard()
        try:
            return func(*args, **kwargs)
        except NotFoundError:
            raise
        except FAILURES as exc:
            self._trip(exc)

    def _index(self):
        index = Index(self.index_name, using=self.client)
        # The same BM25 parameters as the database backend's postings (search/indexing.py).
        index.settings(
            number_of_shards=1,
            number_of_replicas=0,
            similarity={"portaal_bm25": {"type": "BM25", "k1": BM25_K1, "b": BM25_B}},
        )
        index.analyzer(pretokenised)
        index.document(IndexedDocument)
        return index

    def create_index(self):
        def create():
            if self.client.indices.exists(index=self.index_name):
                self.client.indices.delete(index=self.index_name)
            self._index().create()

        self._call(create)

    def bulk(self, records):
        # Bulk loads come from the rebuild command, not from an editor's save: they may take
        # longer than the one-second budget of a single write.
        client = self.client.options(request_timeout=REBUILD_TIMEOUT)
        actions = ({"_index": self.index_name, "_id": r.key, "_source": es_body(r)} for r in records)
        self._call(helpers.bulk, client, actions, chunk_size=500, refresh=False)

    def refresh(self):
        self._call(self.client.options(request_timeout=REBUILD_TIMEOUT).indices.refresh, index=self.index_name)

    def rebuild(self, batch=1000):
        self.create_index()
        queryset = SearchDocument.objects.order_by("pk").prefetch_related("principals", "facetten__facetwaarde")
        count = 0
        for start in range(0, queryset.count(), batch):
            chunk = list(queryset[start : start + batch])
            self.bulk(chunk)
            count += len(chunk)
        self.refresh()
        return count

    def upsert(self, record):
        self._call(self.client.index, index=self.index_name, id=record.key, document=es_body(record), refresh=True)

    def delete(self, key):
        try:
            self._call(self.client.delete, index=self.index_name, id=key, refresh=True)
        except NotFoundError:
            pass

    def _filtered(self, search, principals, filters):
        if principals is not None:
            search = search.filter("terms", principals=list(principals))
        for facet, values in (filters or {}).items():
            search = search.filter("terms", facetten=[f"{facet}:{v}" for v in values])
        return search

    def _group_query(self, group):
        # A term in the title counts the same whatever the title's length (as in the database
        # backend); the body is scored by the engine's BM25.
        return Q(
            "bool",
            should=[
                Q("constant_score", filter=Q("terms", titel_tokens=list(group)), boost=TITLE_BOOST),
                Q("match", tekst_tokens={"query": " ".join(group), "operator": "or"}),
            ],
            minimum_should_match=1,
        )

    def search(self, request):
        analysed = request.analysed
        groups = [self._group_query(g) for g in analysed.groups]
        boosts = []
        if analysed.code:
            boosts.append(Q("term", code={"value": analysed.code.lower(), "boost": CODE_BOOST}))
        if analysed.phrase:
            boosts.append(Q("match_phrase", titel_folded={"query": analysed.phrase, "boost": TITLE_PHRASE_BOOST}))
            boosts.append(Q("match_phrase", tekst_folded={"query": analysed.phrase, "boost": TEXT_PHRASE_BOOST}))
        if request.mode == "and":
            query = Q("bool", must=groups, should=boosts)
        else:
            query = Q("bool", must=[Q("bool", should=groups, minimum_should_match=request.least)], should=boosts)
        search = Search(using=self.client, index=self.index_name).query(query)
        search = self._filtered(search, request.principals, request.filters)
        search = search.sort("_score", "titel_lengte", "key")
        search = search.extra(track_total_hits=True, from_=request.offset, size=request.limit)
        search = search.source(["key"])
        search.aggs.bucket("facetten", "terms", field="facetten", size=2000)
        try:
            response = self._call(search.execute)
        except NotFoundError as exc:
            self._trip(exc)
        facets = {}
        for bucket in response.aggregations.facetten.buckets:
            facet, _sep, value = bucket.key.partition(":")
            facets.setdefault(facet, {})[value] = bucket.doc_count
        return RawResult(total=response.hits.total.value, keys=[hit.key for hit in response.hits], facets=facets)

    def autocomplete(self, prefix, principals, limit):
        from ..analysis import folded_phrase

        folded = folded_phrase(prefix)
        if not folded:
            return []
        search = Search(using=self.client, index=self.index_name).query(
            "match_phrase_prefix", titel_folded={"query": folded}
        )
        search = self._filtered(search, principals, None).source(["key"])[:limit]
        try:
            response = self._call(search.execute)
        except NotFoundError as exc:
            self._trip(exc)
        return [hit.key for hit in response.hits]

    def ping(self):
        try:
            self._call(self.client.info)
        except BackendUnavailable:
            return False
        return True
