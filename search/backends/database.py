"""The embedded backend: the database's own full-text engine over the Python-analysed tokens.

SQLite matches and ranks with FTS5 (`bm25()`, the title weighing six times the text),
PostgreSQL with a `tsvector` column, its GIN index and `ts_rank_cd` (title as weight A);
both index the same tokens (search/analysis.py, migration 0005). Who may see a document
and the chosen facet values are SQL conditions on the matches, and the total, the facet
counts and the page come from one statement over those permitted matches: nothing is held
between searches, so a write by any process counts from the very next search. On
PostgreSQL the conditions and counts read arrays in the document row (migration 0009) and
`ts_rank_cd` ranks a bounded set of candidates (migration 0008), so that a common word's
thousands of matches are counted without reading their vectors.
"""

import itertools

from django.db import connection, transaction
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Length

from ..models import SearchDocument, SearchFacet, SearchPrincipal
from .base import RawResult, SearchBackend

PHRASE_WINDOW = 200
CODE_BOOST = 1000.0
TITLE_PHRASE_BOOST = 60.0
TEXT_PHRASE_BOOST = 15.0
# FTS5 column weights: a word in the title (or the code) counts six times one in the text.
SQLITE_WEIGHTS = (6.0, 1.0)
# ts_rank_cd weights {D, C, B, A}; the title is A, the text D. Normalisation 1 divides by
# 1 + log(length), so long texts do not win by length alone.
POSTGRESQL_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
POSTGRESQL_SCALE = 10.0
# PostgreSQL ranks every permitted match up to RANK_ALL of them; beyond that, a bounded
# set of candidates (see DatabaseBackend._postgresql_statement).
RANK_ALL = 1000
RANK_CANDIDATES = 300


def visible_documents(principals, filters=None, few=False):
    """The documents these principals may see. `few`: the caller asks for a handful of them by
    key (the hits of a page), so each is checked on its own rather than against the set of all
    permitted documents, which SQLite would read whole (17,000 rows at 20,000 documents)."""
    docs = SearchDocument.objects.all()
    if principals is None:
        pass
    elif connection.vendor == "sqlite" and not few:
        # As in _conditions: a set of the documents these principals may see, looked up per
        # document; asked per document, SQLite probes the principal index once per principal.
        # The "+ 0" keeps SQLite from walking the whole set to find the few documents
        # asked for by key.
        permitted = SearchPrincipal.objects.filter(naam__in=principals).values("document_id")
        docs = docs.alias(nummer=F("pk") + 0).filter(nummer__in=permitted)
    else:
        docs = docs.filter(Exists(SearchPrincipal.objects.filter(document=OuterRef("pk"), naam__in=principals)))
    for facet, values in (filters or {}).items():
        docs = docs.filter(
            Exists(
                SearchFacet.objects.filter(
                    document=OuterRef("pk"), facetwaarde__facet=facet, facetwaarde__waarde__in=values
                )
            )
        )
    return docs


def _marks(values):
    return ", ".join(["%s"] * len(values))


def _conditions(principals, filters, document="d.id"):
    """SQL conditions on the document numbered `document` for who may see it and the
    chosen facet values."""
    sql, params = [], []
    if principals is not None:
        # The documents these principals may see, found once through the (naam, document)
        # index and held as a set that each match is looked up in. Asked per match, the
        # same condition probed that index once per principal for every match (a member of
        # 50 spaces holds some 75 principals: 2 million probes for 30,000 matches, 0.9 s).
        # The unary plus keeps the set from becoming a rowid constraint of the FTS5 table,
        # which would run the match (and bm25()'s statistics) again for every document.
        sql.append(
            f"+{document} IN (SELECT p.document_id FROM search_searchprincipal p "
            f"WHERE p.naam IN ({_marks(principals)}))"
        )
        params += list(principals)
    for facet, values in sorted((filters or {}).items()):
        sql.append(
            f"EXISTS (SELECT 1 FROM search_searchfacet f WHERE f.document_id = {document} "
            "AND f.facetwaarde_id IN (SELECT v.id FROM search_searchfacetwaarde v "
            f"WHERE v.facet = %s AND v.waarde IN ({_marks(values)})))"
        )
        params += [facet, *values]
    return sql, params


def _postgresql_conditions(principals, filters):
    """As _conditions, on the arrays each document row carries on PostgreSQL (migration
    0009): no join to the principal or facet tables."""
    sql, params = [], []
    if principals is not None:
        sql.append("d.principalen && %s::text[]")
        params.append(list(principals))
    for facet, values in sorted((filters or {}).items()):
        sql.append(
            "d.facetten && ARRAY(SELECT v.id FROM search_searchfacetwaarde v "
            f"WHERE v.facet = %s AND v.waarde IN ({_marks(values)}))"
        )
        params += [facet, *values]
    return sql, params


def _fts5_string(token):
    return '"' + token.replace('"', '""') + '"'


class Matcher:
    """The vendor's match condition and score for groups of alternative tokens.

    On SQLite the matches are numbered by the FTS5 table's rowid, so that counting and
    ranking thousands of matches never reads the wide document rows; those are read for
    the best matches only."""

    def __init__(self, vendor):
        self.vendor = vendor

    @property
    def document(self):
        return "d.id" if self.vendor == "postgresql" else "search_fts.rowid"

    @property
    def code_match(self):
        """Whether the match's code is the one asked for. PostgreSQL has the document row at
        hand; SQLite reads the codes from their index, not from the wide rows."""
        if self.vendor == "postgresql":
            return "lower(d.code) = %s"
        return "search_fts.rowid IN (SELECT c.id FROM search_searchdocument c WHERE lower(c.code) = %s)"

    @property
    def outer_join(self):
        """A join that reads its left side first: SQLite's planner would rather scan every
        facet row and look each up among the matches (its CROSS JOIN keeps the order)."""
        return "JOIN" if self.vendor == "postgresql" else "CROSS JOIN"

    def source(self, groups, least=None):
        """(FROM clause, its params, WHERE condition, its params, score expression) for the
        documents that hold at least `least` of the groups (None: all of them)."""
        least = len(groups) if least is None else least
        combinations = list(itertools.combinations(range(len(groups)), least))
        if self.vendor == "postgresql":
            columns, params = [], []
            for number, group in enumerate(groups):
                columns.append("(" + " || ".join(["plainto_tsquery('simple', %s)"] * len(group)) + f") AS g{number}")
                params += list(group)
            match = " || ".join("(" + " && ".join(f"g{i}" for i in combination) + ")" for combination in combinations)
            every = " || ".join(f"g{i}" for i in range(len(groups)))
            # Matched by the combinations, ranked by every group: the same order as any-word.
            return (
                f"search_searchdocument d, (SELECT {match} AS q, {every} AS r "
                f"FROM (SELECT {', '.join(columns)}) tg) tsq",
                params,
                "d.zoekvector @@ tsq.q",
                [],
                f"{POSTGRESQL_SCALE} * ts_rank_cd('{POSTGRESQL_WEIGHTS}', d.zoekvector, tsq.r, 1)",
            )
        alternatives = ["(" + " OR ".join(_fts5_string(t) for t in group) + ")" for group in groups]
        # Every group occurs in as many combinations as every other, so bm25() over the
        # repeated phrases ranks as over the groups once.
        expression = " OR ".join(
            "(" + " AND ".join(alternatives[i] for i in combination) + ")" for combination in combinations
        )
        weights = ", ".join(str(w) for w in SQLITE_WEIGHTS)
        return (
            "search_fts",
            [],
            "search_fts MATCH %s",
            [expression],
            f"-bm25(search_fts, {weights})",
        )


class DatabaseBackend(SearchBackend):
    """Matching and ranking by the engine; permissions, facets, counts and the page in SQL.

    The phrase boost is applied to the best PHRASE_WINDOW matches (and the page asked for),
    where it decides the order the user sees.
    """

    name = "database"

    def _statement(self, request):
        if connection.vendor == "postgresql":
            return self._postgresql_statement(request)
        analysed = request.analysed
        matcher = Matcher(connection.vendor)
        source, source_params, match, match_params, score = matcher.source(analysed.groups, request.least)
        conditions, condition_params = _conditions(request.principals, request.filters, matcher.document)
        where = " AND ".join([match, *conditions])
        code_boost = ""
        code_params = []
        if analysed.code:
            code_boost = f" + CASE WHEN {matcher.code_match} THEN {CODE_BOOST} ELSE 0 END"
            code_params = [analysed.code.lower()]
        phrase_boost = "0"
        phrase_params = []
        if analysed.phrase:
            pattern = "%" + analysed.phrase.replace("%", "").replace("_", "") + "%"
            phrase_boost = (
                f"CASE WHEN d.titel_folded LIKE %s THEN {TITLE_PHRASE_BOOST} "
                f"ELSE 0 END + CASE WHEN d.tekst_folded LIKE %s "
                f"THEN {TEXT_PHRASE_BOOST} ELSE 0 END"
            )
            phrase_params = [pattern, pattern]
        window = PHRASE_WINDOW + request.offset + request.limit
        # The facet counts group value numbers over the permitted matches; the labels are
        # those of the values the matches carry, so a label only hidden documents hold is
        # never read.
        sql = f"""
            WITH m AS MATERIALIZED (
                SELECT {matcher.document} AS id, {score}{code_boost} AS score
                FROM {source} WHERE {where}
            ),
            w AS (SELECT id, score FROM m ORDER BY score DESC LIMIT %s),
            b AS (
                SELECT d.id, d.key, d.titel, ROUND(CAST(w.score + {phrase_boost} AS NUMERIC), 6)
                       AS score
                FROM w JOIN search_searchdocument d ON d.id = w.id
            ),
            r AS (
                SELECT key, ROW_NUMBER() OVER (ORDER BY score DESC, LENGTH(titel), titel, id)
                       AS n
                FROM b
            ),
            c AS (
                SELECT f.facetwaarde_id AS waarde, COUNT(*) AS n
                FROM m {matcher.outer_join} search_searchfacet f ON f.document_id = m.id
                GROUP BY f.facetwaarde_id
            )
            SELECT 'n', NULL, NULL, NULL, COUNT(*) FROM m
            UNION ALL
            SELECT 'f', v.facet, v.waarde, v.label, c.n
                FROM c JOIN search_searchfacetwaarde v ON v.id = c.waarde
            UNION ALL
            SELECT 'p', key, NULL, NULL, n FROM r WHERE n > %s AND n <= %s
        """  # noqa: S608 - only placeholders and constants are put into the text
        params = [
            *code_params,
            *source_params,
            *match_params,
            *condition_params,
            window,
            *phrase_params,
            request.offset,
            request.offset + request.limit,
        ]
        return sql, params

    def _postgresql_statement(self, request):
        """As _statement, but `ts_rank_cd` ranks a bounded set of candidates.

        `ts_rank_cd` reads each match's whole vector from TOAST, and a common word matches
        most of the index ("Wmo": 15,000 of 20,000 documents, 0.4 s). Up to RANK_ALL
        permitted matches are all ranked, so the order is exact; beyond that the
        RANK_CANDIDATES candidates are the matches on the code asked for, then those with
        the best title rank (the title's own small vector and GIN index, migration 0008:
        a word in the title weighs ten times one in the text, so these hold the best
        scores), then the others by number when too few titles match. The total and the
        facet counts are always over every permitted match."""
        analysed = request.analysed
        groups = analysed.groups
        least = request.least
        columns, tsq_params = [], []
        for number, group in enumerate(groups):
            columns.append("(" + " || ".join(["plainto_tsquery('simple', %s)"] * len(group)) + f") AS g{number}")
            tsq_params += list(group)
        combinations = list(itertools.combinations(range(len(groups)), least))
        match = " || ".join("(" + " && ".join(f"g{i}" for i in combination) + ")" for combination in combinations)
        every = " || ".join(f"g{i}" for i in range(len(groups)))
        conditions, condition_params = _postgresql_conditions(request.principals, request.filters)
        where = " AND ".join(["d.zoekvector @@ tsq.q", *conditions])
        code_match, code_params = "FALSE", []
        if analysed.code:
            code_match, code_params = "lower(d.code) = %s", [analysed.code.lower()]
        phrase_boost, phrase_params = "0", []
        if analysed.phrase:
            pattern = "%" + analysed.phrase.replace("%", "").replace("_", "") + "%"
            phrase_boost = (
                f"CASE WHEN d.titel_folded LIKE %s THEN {TITLE_PHRASE_BOOST} "
                f"ELSE 0 END + CASE WHEN d.tekst_folded LIKE %s "
                f"THEN {TEXT_PHRASE_BOOST} ELSE 0 END"
            )
            phrase_params = [pattern, pattern]
        window = PHRASE_WINDOW + request.offset + request.limit
        candidates = max(RANK_CANDIDATES, window)
        score = f"{POSTGRESQL_SCALE} * ts_rank_cd('{POSTGRESQL_WEIGHTS}', d.zoekvector, tsq.r, 1)"
        sql = f"""
            WITH tsq AS NOT MATERIALIZED (
                SELECT {match} AS q, {every} AS r FROM (SELECT {", ".join(columns)}) tg
            ),
            m AS MATERIALIZED (
                SELECT d.id AS id, {code_match} AS code, d.facetten
                FROM search_searchdocument d, tsq WHERE {where}
            ),
            n AS MATERIALIZED (SELECT COUNT(*) AS n FROM m),
            t AS (
                SELECT d.id, ts_rank_cd('{POSTGRESQL_WEIGHTS}', d.titelvector, tsq.r) AS score
                FROM search_searchdocument d, tsq
                WHERE (SELECT n FROM n) > %s AND d.titelvector @@ tsq.r
            ),
            k AS MATERIALIZED (
                SELECT m.id, m.code FROM m LEFT JOIN t ON t.id = m.id
                ORDER BY m.code DESC, COALESCE(t.score, 0) DESC, m.id
                LIMIT (SELECT CASE WHEN n <= %s THEN n ELSE %s END FROM n)
            ),
            w AS (
                SELECT d.id, {score} + CASE WHEN k.code THEN {CODE_BOOST} ELSE 0 END AS score
                FROM k JOIN search_searchdocument d ON d.id = k.id, tsq
                ORDER BY score DESC LIMIT %s
            ),
            b AS (
                SELECT d.id, d.key, d.titel, ROUND(CAST(w.score + {phrase_boost} AS NUMERIC), 6)
                       AS score
                FROM w JOIN search_searchdocument d ON d.id = w.id
            ),
            r AS (
                SELECT key, ROW_NUMBER() OVER (ORDER BY score DESC, LENGTH(titel), titel, id)
                       AS n
                FROM b
            ),
            c AS (SELECT waarde, COUNT(*) AS n FROM (SELECT unnest(facetten) AS waarde FROM m) f GROUP BY waarde)
            SELECT 'n', NULL, NULL, NULL, n FROM n
            UNION ALL
            SELECT 'f', v.facet, v.waarde, v.label, c.n
                FROM c JOIN search_searchfacetwaarde v ON v.id = c.waarde
            UNION ALL
            SELECT 'p', key, NULL, NULL, n FROM r WHERE n > %s AND n <= %s
        """  # noqa: S608 - only placeholders and constants are put into the text
        params = [
            *tsq_params,
            *code_params,
            *condition_params,
            RANK_ALL,
            RANK_ALL,
            candidates,
            window,
            *phrase_params,
            request.offset,
            request.offset + request.limit,
        ]
        return sql, params

    def search(self, request):
        if not request.analysed.groups:
            return RawResult(total=0, keys=[], facets={})
        sql, params = self._statement(request)
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # PostgreSQL's planner prices the match of a common word as cheap per row
                # and reads every row's vector when most documents match (~150 ms at 20,000);
                # the GIN index finds the same rows without evaluating the match (~10 ms).
                # Put back after the search: SET LOCAL outlives the savepoint when the search
                # runs inside a caller's transaction, and every later statement there would
                # be priced as if no seq scan existed, start JIT compilation and take some
                # 300 ms instead of one.
                cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")
        total, facets, labels, page = 0, {}, {}, []
        # A value may be stored under more than one label (documents named it differently):
        # its count is the sum, its label the first in alphabetical order.
        for kind, first, second, label, number in sorted(
            rows, key=lambda row: (row[0], row[1] or "", row[2] or "", row[3] or "")
        ):
            if kind == "n":
                total = number
            elif kind == "f":
                counts = facets.setdefault(first, {})
                counts[second] = counts.get(second, 0) + number
                labels.setdefault((first, second), label)
            else:
                page.append((number, first))
        return RawResult(total=total, keys=[key for _n, key in sorted(page)], facets=facets, labels=labels)

    def has_match(self, tokens, principals):
        """Whether any document these principals may see holds one of these tokens."""
        tokens = [t for t in tokens if t]
        if not tokens:
            return False
        matcher = Matcher(connection.vendor)
        source, source_params, match, match_params, _score = matcher.source([tokens])
        if connection.vendor == "postgresql":
            conditions, condition_params = _postgresql_conditions(principals, None)
        elif principals is None:
            conditions, condition_params = [], []
        else:
            # Asked per match, and the first permitted match answers: the principals of that one
            # document are read through its own index (the unary plus keeps SQLite from probing
            # the (naam, document) index once per principal). The set that _conditions builds
            # would read every permitted document of the index first (17,000 at 20,000
            # documents, some 2 ms), for each of the dozen words a query's analysis asks about.
            conditions = [
                f"EXISTS (SELECT 1 FROM search_searchprincipal p WHERE p.document_id = {matcher.document} "
                f"AND +p.naam IN ({_marks(principals)}))"
            ]
            condition_params = list(principals)
        where = " AND ".join([match, *conditions])
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {source} WHERE {where} LIMIT 1",  # noqa: S608
                [*source_params, *match_params, *condition_params],
            )
            return cursor.fetchone() is not None

    def autocomplete(self, prefix, principals, limit):
        from ..analysis import folded_phrase

        folded = folded_phrase(prefix)
        if not folded:
            return []
        docs = (
            visible_documents(principals)
            .filter(Q(titel_folded__startswith=folded) | Q(titel_folded__contains=f" {folded}"))
            .annotate(
                starts=Case(
                    When(titel_folded__startswith=folded, then=Value(0)), default=Value(1), output_field=IntegerField()
                )
            )
            .order_by("starts", Length("titel"), "titel")
        )
        return list(docs.values_list("key", flat=True)[:limit])
