"""Searching: validate, ask the backend (or the database when the engine is down), present."""

import bisect
import difflib
import math
import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import engine
from .analysis import MAX_QUERY_LENGTH, STOPWORDS, analyse_query, fold, stem, synonyms
from .backends.base import BackendUnavailable, SearchRequest
from .backends.database import visible_documents
from .models import SearchDocument, SearchFacetWaarde, SearchWord
from .registry import registry

FACETS = {
    "soort": gettext_lazy("Soort"),
    "wet": gettext_lazy("Wet"),
    "domein": gettext_lazy("Domein"),
    "doelgroep": gettext_lazy("Doelgroep"),
    "organisatie": gettext_lazy("Organisatie"),
    "jaar": gettext_lazy("Jaar"),
}
MAX_FILTER_VALUES = 20
MAX_PAGE = 1000
# The most combinations of word groups one wider search asks the engine for.
MAX_COMBINATIONS = 36
FRAGMENT_WORDS = 32
WORD_RE = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")


class ZoekFout(ValueError):
    """Input that cannot be searched; the message is Dutch and safe to show."""


class PaginaBestaatNiet(ZoekFout):
    def __init__(self, message, laatste):
        super().__init__(message)
        self.laatste = laatste


@dataclass
class Resultaat:
    key: str
    titel: str
    url: str
    soort: str
    soort_label: str
    context: str
    code: str
    fragment: str

    @property
    def toon_code(self):
        """The code beside the title, unless the title already starts with it."""
        return self.code if self.code and not self.titel.startswith(self.code) else ""


@dataclass
class FacetWaarde:
    waarde: str
    label: str
    aantal: int
    gekozen: bool


@dataclass
class Facet:
    naam: str
    label: str
    waarden: list


@dataclass
class Zoekresultaten:
    zoekterm: str
    totaal: int = 0
    pagina: int = 1
    per_pagina: int = 10
    resultaten: list = field(default_factory=list)
    facetten: list = field(default_factory=list)
    suggestie: str = ""
    hints: list = field(default_factory=list)
    melding: str = ""
    backend: str = "database"
    ruim_gezocht: bool = False

    @property
    def aantal_paginas(self):
        return max(1, math.ceil(self.totaal / self.per_pagina)) if self.totaal else 0


def _unsearchable(text):
    return any(unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch not in "\t\n\r" for ch in text)


def clean_query(text):
    """The query as a searchable string, or ZoekFout with a Dutch explanation."""
    text = text if isinstance(text, str) else ""
    if len(text) > MAX_QUERY_LENGTH:
        raise ZoekFout(_("De zoekterm is te lang: gebruik hoogstens %(max)s tekens.") % {"max": MAX_QUERY_LENGTH})
    if _unsearchable(text):
        raise ZoekFout(_("De zoekterm bevat tekens die niet gezocht kunnen worden."))
    text = " ".join(text.split())
    if not text:
        raise ZoekFout(_("Vul een zoekterm in."))
    return text


def clean_filters(filters, principals=None):
    """{facet: [values]} checked against the facets and the values on documents these
    principals may see (None: all): a value that only hidden documents carry is answered
    exactly as one that exists nowhere."""
    cleaned = {}
    for facet, values in (filters or {}).items():
        values = [str(v) for v in (values or []) if str(v).strip()]
        if not values:
            continue
        if any(_unsearchable(v) for v in values):
            raise ZoekFout(_("Een filterwaarde bevat tekens die niet gezocht kunnen worden."))
        if facet not in FACETS:
            raise ZoekFout(_("Onbekend filter: %(facet)s.") % {"facet": facet[:50]})
        if len(values) > MAX_FILTER_VALUES:
            raise ZoekFout(_("Kies hoogstens %(max)s waarden per filter.") % {"max": MAX_FILTER_VALUES})
        # Per value: is there one document these principals may see with it (the first
        # one found answers, however many documents carry the value).
        visible = visible_documents(principals).filter(facetten__facetwaarde=OuterRef("pk"))
        known = set(
            SearchFacetWaarde.objects.filter(facet=facet, waarde__in=values)
            .filter(Exists(visible))
            .values_list("waarde", flat=True)
        )
        unknown = [v for v in values if v not in known]
        if unknown:
            raise ZoekFout(
                _("Onbekende waarde voor %(facet)s: %(waarde)s.")
                % {"facet": str(FACETS[facet]).lower(), "waarde": unknown[0][:50]}
            )
        cleaned[facet] = sorted(set(values))
    return cleaned


def relaxations(groups):
    """How many of the query's word groups a wider search asks for, most first.

    When no document holds every word, the documents with most of them are what the user
    is after (Elasticsearch's `minimum_should_match`): first all words but one, then half
    of them, and only then any one word, whose many loose matches are the costliest to
    count and rank. A step whose combinations would make the query too large is skipped."""
    steps = []
    for minimum in (groups - 1, math.ceil(groups / 2), 1):
        if 1 <= minimum < groups and minimum not in steps and math.comb(groups, minimum) <= MAX_COMBINATIONS:
            steps.append(minimum)
    return steps


def _ask(backend, request):
    request.mode, request.minimum = "and", None
    result = backend.search(request)
    ruim = False
    if result.total == 0:
        for minimum in relaxations(len(request.analysed.groups)):
            request.mode, request.minimum = "or", minimum
            result = backend.search(request)
            if result.total:
                ruim = True
                break
    return result, ruim


def search(text, user, filters=None, pagina=1, per_pagina=None):
    """Search what this user may see. Raises ZoekFout for input that cannot be searched."""
    text = clean_query(text)
    principals = registry.principals_for(user)
    filters = clean_filters(filters, principals)
    per_pagina = per_pagina or engine.config()["PAGE_SIZE"]
    if not isinstance(pagina, int) or pagina < 1 or pagina > MAX_PAGE:
        raise ZoekFout(_("Dit paginanummer bestaat niet."))
    database = engine.database_backend()
    # One synonym table for the whole search: its version is read once.
    table = synonyms()
    analysed = analyse_query(
        text,
        table,
        known=lambda candidates: visible_words(candidates, principals),
        present=lambda token: database.has_match([token], principals),
    )
    outcome = Zoekresultaten(zoekterm=text, pagina=pagina, per_pagina=per_pagina)
    if analysed.empty:
        raise ZoekFout(
            _(
                "De zoekterm bevat geen woorden om op te zoeken. "
                "Probeer een of meer woorden, een afkorting of een normcode."
            )
        )
    request = SearchRequest(
        analysed=analysed, principals=principals, filters=filters, offset=(pagina - 1) * per_pagina, limit=per_pagina
    )
    chosen = engine.backend()
    try:
        raw, ruim = _ask(chosen, request)
        if chosen.name != "database":
            engine.after_engine_success()
    except BackendUnavailable:
        chosen = engine.database_backend()
        raw, ruim = _ask(chosen, request)
        outcome.melding = _(
            "De zoekmachine is op dit moment niet bereikbaar. U ziet resultaten "
            "uit de eenvoudige zoekfunctie; die kunnen minder volledig zijn."
        )
    outcome.backend = chosen.name
    outcome.totaal = raw.total
    outcome.ruim_gezocht = ruim
    if raw.total and pagina > outcome.aantal_paginas:
        raise PaginaBestaatNiet(
            _("Pagina %(n)s bestaat niet; er zijn %(max)s pagina's met resultaten.")
            % {"n": pagina, "max": outcome.aantal_paginas},
            outcome.aantal_paginas,
        )
    outcome.hints = registry.hints(text, user)
    outcome.resultaten = _present(raw.keys, principals, analysed, table)
    outcome.facetten = _facets(raw.facets, filters, raw.labels)
    if raw.total < 3 or ruim:
        outcome.suggestie = suggest(analysed, principals)
    return outcome


def _present(keys, principals, analysed, table=None):
    # Hits are read back from the database index with the same permission filter, so an
    # engine that lags behind can never show a document the user may no longer see.
    records = {d.key: d for d in visible_documents(principals, few=True).filter(key__in=keys)}
    return [
        Resultaat(
            key=d.key,
            titel=d.titel,
            url=registry.result_url(d.key, d.url),
            soort=d.soort,
            soort_label=d.soort_label,
            context=d.context,
            code=d.code,
            fragment=fragment(d.tekst or d.titel, analysed, table=table),
        )
        for d in (records.get(k) for k in keys)
        if d is not None
    ]


def _facets(counts, filters, labels=None):
    # The database index is kept beside every engine, so its labels serve both.
    labels = labels or _labels(counts)
    facets = []
    for name, label in FACETS.items():
        values = [
            FacetWaarde(waarde=v, label=labels.get((name, v), v), aantal=n, gekozen=v in filters.get(name, ()))
            for v, n in counts.get(name, {}).items()
        ]
        if name == "jaar":
            values.sort(key=lambda w: w.waarde, reverse=True)
        else:
            values.sort(key=lambda w: (-w.aantal, w.label.lower()))
        if values:
            facets.append(Facet(naam=name, label=str(label), waarden=values))
    return facets


def _labels(counts):
    wanted = {(facet, value) for facet, values in counts.items() for value in values}
    if not wanted:
        return {}
    rows = (
        SearchFacetWaarde.objects.filter(facet__in={f for f, _v in wanted}, waarde__in={v for _f, v in wanted})
        .values_list("facet", "waarde", "label")
        .order_by("facet", "waarde", "pk")
    )
    labels = {}
    for facet, value, label in rows:
        if (facet, value) in wanted:
            labels.setdefault((facet, value), label)
    return labels


def _matching_positions(words, analysed, table=None):
    terms = set(analysed.terms)
    folded = [fold(w) for w in words]
    hits = {i for i, w in enumerate(folded) if stem(w) in terms or w in terms}
    for start, end, token in (table or synonyms()).find(folded):
        if token in terms:
            hits.update(range(start, end))
    return hits


def fragment(text, analysed, size=FRAGMENT_WORDS, table=None):
    """A piece of the text around the best match: escaped first, then marked."""
    matches = list(WORD_RE.finditer(text))
    if not matches:
        return mark_safe(escape(text[:240]))
    hits = _matching_positions([m.group() for m in matches], analysed, table)
    best, best_count = 0, -1
    if hits:
        ordered = sorted(hits)
        for start in ordered:
            begin = max(0, start - 4)
            count = bisect.bisect_left(ordered, begin + size) - bisect.bisect_left(ordered, begin)
            if count > best_count:
                best, best_count = begin, count
    end = min(len(matches), best + size)
    pieces = ["… " if best > 0 else ""]
    cursor = matches[best].start() if best > 0 else 0
    for i in range(best, end):
        m = matches[i]
        pieces.append(escape(text[cursor : m.start()]))
        word = escape(m.group())
        pieces.append(f"<mark>{word}</mark>" if i in hits else word)
        cursor = m.end()
    if end < len(matches):
        pieces.append(" …")
    else:
        pieces.append(escape(text[cursor:]))
    return mark_safe("".join(pieces).strip())


def known_words(candidates):
    """Which of these folded words occur in the indexed text (for splitting compounds)."""
    return set(SearchWord.objects.filter(woord__in=list(candidates)).values_list("woord", flat=True))


def visible_words(candidates, principals):
    """Which of these folded words occur in a document these principals may see: a compound is
    split (or two words joined) only along words the user could have found, or the way a query
    is widened would tell whether a word occurs in a space or on a page they may not see."""
    database = engine.database_backend()
    return {w for w in known_words(candidates) if database.has_match([stem(w)], principals)}


def suggest(analysed, principals):
    """'Bedoelde u …?': the query with unknown words replaced by close, known words.

    "Known" means: in a document these principals may see, asked of the full-text index
    itself. The word list only proposes candidates, so a word that only hidden or removed
    documents hold is never proposed, and neither is a word kept from a deleted document.
    """
    candidates = [w for w in dict.fromkeys(analysed.raw_words) if w.isalpha() and len(w) > 3 and w not in STOPWORDS]
    if not candidates:
        return ""
    database = engine.database_backend()
    replacements = {}
    for word in candidates:
        if database.has_match([stem(word)], principals):
            continue
        pool = list(
            SearchWord.objects.annotate(lengte=Length("woord"))
            .filter(woord__startswith=word[0], lengte__gte=len(word) - 2, lengte__lte=len(word) + 2)
            .order_by("-aantal")
            .values_list("woord", flat=True)[:5000]
        )
        close = [
            c
            for c in difflib.get_close_matches(word, pool, n=5, cutoff=0.75)
            if edit_distance(word, c) <= typo_allowance(word)
        ]
        visible = next((c for c in close if database.has_match([stem(c)], principals)), None)
        if visible:
            replacements[word] = visible
    if not replacements:
        return ""
    return " ".join(replacements.get(w, w) for w in analysed.raw_words)


def typo_allowance(word):
    """How many typing errors a suggestion may correct: one in a short word ("boete" is not
    a misspelt "beter"), more in a long one."""
    return 1 if len(word) <= 5 else 2 if len(word) <= 9 else 3


def edit_distance(a, b):
    """Insertions, deletions, substitutions and swaps of neighbours turning a into b."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]


def autocomplete(prefix, user, limit=8):
    prefix = clean_query(prefix)[:100]
    principals = registry.principals_for(user)
    chosen = engine.backend()
    try:
        keys = chosen.autocomplete(prefix, principals, limit)
    except BackendUnavailable:
        keys = engine.database_backend().autocomplete(prefix, principals, limit)
    records = {d.key: d for d in visible_documents(principals, few=True).filter(key__in=keys)}
    return [
        {"titel": records[k].titel, "url": registry.result_url(k, records[k].url), "soort": records[k].soort_label}
        for k in keys
        if k in records
    ]


def document_count():
    return SearchDocument.objects.count()
