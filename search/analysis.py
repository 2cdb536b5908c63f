"""Dutch text analysis, done in Python so that every backend indexes the same tokens.

SQLite's full-text search cannot stem, PostgreSQL's `dutch` configuration can, and the
Elasticsearch stand-in used in the tests silently breaks every Dutch analyzer: analysing in
one place gives one behaviour everywhere. A document's tokens are folded (no diacritics),
lower case, stemmed with snowball's `dutch_porter` (PostgreSQL's stems) and extended with
one canonical token per synonym found, so "IGJ" and "Inspectie Gezondheidszorg en Jeugd"
meet on the same token at index time and at query time.
"""

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

MAX_QUERY_LENGTH = 500
MAX_TOKEN_LENGTH = 60

TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+", re.UNICODE)
CODE_RE = re.compile(r"^[A-Za-z]?\d+(?:\.\d+)*[a-z]?$")

# The Snowball list for Dutch (what PostgreSQL's and Lucene's Dutch analysers leave out),
# the words a question is asked with ("welke", "wanneer", "mag ik", "moeten we"), so that a
# question typed as a sentence finds what its content words find, and a few English ones.
STOPWORDS = frozenset(
    """
    aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus
    een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand
    iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets
    nog nu of om omdat onder ons onze ook op over reeds te tegen toch toen tot u uit uw van
    veel voor want waren was wat we wel werd wezen wie wij wil worden wordt zal ze zelf zich
    zij zijn zo zonder zou
    welk welke waar wanneer waarom hoeveel mag mogen moeten kun kunt kunnen wil willen
    a an and are as at be by for from in is it of on or the to with
    """.split()
)

_stemmer_local = threading.local()


def fold(text):
    """Lower case without diacritics: 'Cliënt' -> 'client', 'geïmplementeerd' -> 'geimplementeerd'."""
    text = text or ""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def words(text):
    """The folded words of a text, in order, punctuation dropped; codes such as 2.2.2 kept whole."""
    return [w[:MAX_TOKEN_LENGTH] for w in TOKEN_RE.findall(fold(text))]


def folded_phrase(text):
    """The text as one folded, space-separated string: what phrase matching compares."""
    return " ".join(words(text))


def _stemmer():
    stemmer = getattr(_stemmer_local, "stemmer", None)
    if stemmer is None:
        stemmer = _stemmer_local.stemmer = snowballstemmer.stemmer("dutch_porter")
    return stemmer


@lru_cache(maxsize=100_000)
def stem(word):
    if not word.isalpha() or len(word) <= 3:
        return word
    return _stemmer().stemWord(word)


@dataclass(frozen=True)
class SynonymSet:
    """One concept and its spellings; `token` is what every spelling is indexed as."""

    token: str
    variants: tuple


@dataclass
class SynonymTable:
    sets: list = field(default_factory=list)

    def __post_init__(self):
        # Longest variant first, so "mo/bw" wins over "mo".
        self._phrases = sorted(
            ((tuple(words(v)), s.token) for s in self.sets for v in s.variants if words(v)),
            key=lambda item: -len(item[0]),
        )
        self._by_first = {}
        for phrase, token in self._phrases:
            self._by_first.setdefault(phrase[0], []).append((phrase, token))

    def find(self, tokens):
        """(start, end, canonical token) for each synonym variant found in a word list; a
        spelling that editors put in more than one set gives the token of each."""
        found = []
        i = 0
        while i < len(tokens):
            match = None
            for phrase, token in self._by_first.get(tokens[i], ()):
                if match is not None and phrase != match:
                    break
                if tuple(tokens[i : i + len(phrase)]) == phrase:
                    match = phrase
                    found.append((i, i + len(phrase), token))
            i = i + len(match) if match else i + 1
        return found


def synonym_token(name):
    return "syn" + re.sub(r"[^a-z0-9]", "", fold(name))


def build_synonym_table(entries):
    """entries: (term, [variants]) pairs; the term is itself a variant."""
    sets = []
    for term, variants in entries:
        spellings = tuple(dict.fromkeys([term, *variants]))
        sets.append(SynonymSet(token=synonym_token(term), variants=spellings))
    return SynonymTable(sets)


SYNONYMS_VERSION = "synoniemen"


def _load_synonyms():
    from .models import Synoniem

    return build_synonym_table((s.term, s.variant_list()) for s in Synoniem.objects.all())


_synonyms = None


def synonyms():
    """The synonym table from the database (editors extend it), as of its current version.

    The version row is written only when a synonym changes (search/signals.py), so a change
    saved in any process counts in every process from its next search, for the price of one
    small query; index writes never touch it.
    """
    global _synonyms
    if _synonyms is None:
        from portal.versies import PerVersie

        _synonyms = PerVersie(SYNONYMS_VERSION, _load_synonyms)
    return _synonyms.get()


def synonyms_changed():
    """Give the synonym table a new version; every process reads it again on its next use."""
    from portal.versies import vernieuw

    vernieuw(SYNONYMS_VERSION)


def analyse(text, table=None):
    """Index tokens of a text: stems of its words (stop words left out) plus synonym tokens."""
    table = table or synonyms()
    raw = words(text)
    tokens = [stem(w) for w in raw if w not in STOPWORDS]
    tokens.extend(token for _s, _e, token in table.find(raw))
    return tokens


@dataclass
class AnalysedQuery:
    """A query as groups of alternatives: a document must match one token of each group."""

    text: str
    raw_words: list
    groups: list
    phrase: str
    code: str

    @property
    def terms(self):
        return sorted({t for group in self.groups for t in group})

    @property
    def empty(self):
        return not self.groups and not self.code


# Dutch joins the parts of a compound with nothing, -s- or -en- (-e- in older spellings):
# zorg+fraude, verzekering+s+arts, calamiteit+en+toezicht.
LINKS = ("", "s", "en", "e")
MIN_PART = 4
MIN_COMPOUND = 2 * MIN_PART


def _splits(word):
    """(head, tail) candidates of a word, shortest head first, each head with the linking
    letters taken off as well."""
    found = []
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:i], word[i:]
        for link in LINKS:
            if head.endswith(link) and len(head) - len(link) >= MIN_PART:
                found.append((head[: len(head) - len(link)] if link else head, tail))
    return found


def _joins(first, second):
    return [first + link + second for link in LINKS]


def _decompound(raw, groups, positions, known, present):
    """Compounds, the way Elasticsearch's dictionary_decompounder treats them, at query time.

    A query word that no document the user may see holds, but that is made of two indexed
    words ("calamiteitentoezicht"), matches documents holding both parts; two query words
    that together make an indexed word ("zorg fraude") also match documents holding that
    word. Both as extra alternatives in the groups, so that every backend needs nothing new.
    """
    candidates = set()
    splittable = {}
    for index, position in positions.items():
        word = raw[position]
        if word.isalpha() and len(word) >= MIN_COMPOUND:
            splittable[index] = _splits(word)
            candidates.update(part for pair in splittable[index] for part in pair)
    neighbours = [
        (a, b)
        for a, b in zip(sorted(positions), sorted(positions)[1:], strict=False)
        if positions[b] == positions[a] + 1 and raw[positions[a]].isalpha() and raw[positions[b]].isalpha()
    ]
    for a, b in neighbours:
        candidates.update(_joins(raw[positions[a]], raw[positions[b]]))
    if not candidates:
        return groups
    indexed = known(candidates)
    groups = [list(g) for g in groups]
    for index, pairs in splittable.items():
        pair = next(((h, t) for h, t in pairs if h in indexed and t in indexed), None)
        compound = stem(raw[positions[index]])
        if pair is None or present(compound):
            continue
        groups[index] = sorted({compound, stem(pair[0])})
        groups.append(sorted({compound, stem(pair[1])}))
    for a, b in neighbours:
        joined = next((j for j in _joins(raw[positions[a]], raw[positions[b]]) if j in indexed), None)
        if joined is not None:
            token = stem(joined)
            groups[a] = sorted({*groups[a], token})
            groups[b] = sorted({*groups[b], token})
    return groups


def analyse_query(text, table=None, known=None, present=None):
    """The query's groups of alternative tokens. With `known` (which of some folded words
    the index holds) and `present` (whether a token is in a document the user may see),
    compounds are split and joined as well (_decompound)."""
    table = table or synonyms()
    cleaned = " ".join((text or "").split())
    raw = words(cleaned)
    groups = []
    positions = {}
    spans = {}
    for start, end, token in table.find(raw):
        spans.setdefault(start, (end, set()))[1].add(token)
    i = 0
    while i < len(raw):
        if i in spans:
            end, tokens = spans[i]
            single = stem(raw[i]) if end - i == 1 else None
            groups.append(sorted(tokens | {single} - {None}))
            i = end
            continue
        word = raw[i]
        if word not in STOPWORDS:
            positions[len(groups)] = i
            groups.append([stem(word)])
        i += 1
    if known is not None and present is not None:
        groups = _decompound(raw, groups, positions, known, present)
    unique = []
    for group in groups:
        if group not in unique:
            unique.append(group)
    stripped = cleaned.strip().strip("\"'")
    code = stripped if CODE_RE.match(stripped) and any(c.isdigit() for c in stripped) else ""
    return AnalysedQuery(
        text=cleaned, raw_words=raw, groups=unique, phrase=" ".join(raw) if len(raw) > 1 else "", code=code
    )
