"""The check for likely personal data that runs before a learning is widened.

`controleer(tekst, bekende_namen)` returns `Signaal`s, sorted by position, for the coordinator to
confirm one by one or to edit away. It is a pure function of its arguments: no database, no
settings beyond translation. It flags what is *likely*; the coordinator decides. Where a rule has
to choose between flagging too much and too little, it errs towards flagging, except where a
false alarm would be raised on almost every learning (event dates, years, numbers of articles).

Decisions, so that the tests and the coordinators can hold us to them:

- ``naam_bekend``: a name of the space's people (members, contacts, names entered in reports),
  as a whole (any case), by its surname with or without its tussenvoegsel, or by its first name
  (both case-sensitive, as names are written with a capital and the same words in lower case are
  often ordinary words: "Bakker", "de bakker").
- ``naam``: other likely names, recognised by what introduces them: an aanhef or title ("mevrouw
  Jansen", "dhr. De Vries", "de heer Van den Berg"), initials ("J.P. de Vries"), or a first name of
  the list below followed by a surname ("Fatima El Amrani", "Jan de Vries"). A surname standing
  alone is not flagged ("De Vries zei" cannot be told from "De Gemeente"), nor is a first name
  alone. A single capital letter after an aanhef ("mevrouw X", "cliënt B.") is how learnings are
  de-identified and is not flagged. Weekdays, months, common Dutch function words and the field's
  own words (Gemeente, Toezicht, Wmo, Veilig Thuis, …) never count as a surname. A single initial
  at the start of a line or after a label word ("A. Inleiding", "bijlage B. Daarna") only counts
  when a tussenvoegsel or a known Dutch surname follows.
- First names come from Faker's Dutch person provider (Faker is a runtime dependency for this
  reason; its list holds names given to children born since about 2000), with the names of older
  generations added below, because the people in calamity reports are often elderly.
- ``bsn``: nine digits, also written with dots or spaces (1234.56.782, 123 456 782), that pass
  the eleven-test (python-stdnum's ``stdnum.nl.bsn``). Nine digits that fail it are not a BSN and
  are not flagged; neither are eight-digit KvK numbers.
- ``geboortedatum``: a full date (12-03-1945, 12 maart 1945, 1945-03-12) within a few words after
  "geboren", "geb.", "geboortedatum" or "geboortedag"; and a full date that would make someone 0 to
  110 years old on the reference date when it directly follows a person, set off by a comma or in
  brackets ("mevrouw Jansen (12-03-1945)", "de cliënt, 3 april 1950, woonde"). A date that says
  when something happened ("op 12 maart 2024 viel de cliënt") is not flagged: nearly every
  learning has one, and it says nothing about who.
- ``adres``: a street name with a house number ("Kerkstraat 12a", "Burgemeester de Vlugtlaan 125",
  "Laan van Meerdervoort 5") for the common street suffixes, and postcodes ("3011 AD"); a street
  directly followed by its postcode is one signal.
- ``telefoon``: numbers that phonenumbers finds valid in region NL (06-, 010-, +31, 0031, 0800-).
- ``email``: e-mail addresses.

Signals that overlap are merged into one covering both, of the kind that says most (a BSN over a
phone number, an address over a name); each piece of text is flagged once.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import phonenumbers
from faker.providers.person.nl_NL import Provider as _NlPersonen
from stdnum.nl import bsn as _bsn

NAAM_BEKEND = "naam_bekend"
NAAM = "naam"
BSN = "bsn"
GEBOORTEDATUM = "geboortedatum"
ADRES = "adres"
TELEFOON = "telefoon"
EMAIL = "email"

SOORTEN = {
    NAAM_BEKEND: gettext_lazy("Naam van een bekende persoon"),
    NAAM: gettext_lazy("Mogelijke naam"),
    BSN: gettext_lazy("BSN"),
    GEBOORTEDATUM: gettext_lazy("Mogelijke geboortedatum"),
    ADRES: gettext_lazy("Adres of postcode"),
    TELEFOON: gettext_lazy("Telefoonnummer"),
    EMAIL: gettext_lazy("E-mailadres"),
}

# When signals overlap, the merged one takes the kind that comes first here.
_VOORRANG = (BSN, EMAIL, TELEFOON, GEBOORTEDATUM, ADRES, NAAM_BEKEND, NAAM)

MAX_LEEFTIJD = 110


@dataclass(frozen=True)
class Signaal:
    soort: str
    begin: int
    eind: int
    fragment: str
    uitleg: str


def _letters(test):
    return "".join(re.escape(chr(c)) for c in range(0x41, 0x250) if chr(c).isalpha() and test(chr(c)))


_UP = f"[{_letters(str.isupper)}]"
_LO = f"[{_letters(str.islower)}]"
_WOORD = r"[^\W\d_]"

# A capitalised name word: "Jansen", "Özdemir", "D'Souza", "O'Neill"; not "GGD" or "X".
_KERN = rf"(?:{_UP}['’])?{_UP}{_LO}+(?:['’]{_LO}+)?"
_TV = (
    r"(?i:van|de|der|den|het|ten|ter|te|'t|’t|'s|’s|la|le|du|da|di|del|della|dos|das|el|al|"
    r"von|vom|zu|ver|vande|vander)"
)
_TVS = rf"(?:{_TV}\s+){{0,3}}"
_ACHTERNAAM = rf"(?P<kern>{_KERN})(?:-{_TVS}{_KERN})*"
_INITIALEN = rf"(?:{_UP}\.\s?){{1,4}}"

_AANHEF = re.compile(
    r"(?<!\w)(?i:mevrouw|mevr\.|mw\.|mw(?!\w)|mej\.|juffrouw|meneer|mijnheer|de\s+heer|dhr\.|dhr(?!\w)|hr\.|"
    r"dokter|dr\.|drs\.|ir\.|ing\.|mr\.|prof\.|zuster|broeder|wethouder|burgemeester|familie|fam\.)"
)
_NA_AANHEF = re.compile(rf"\s+(?:{_INITIALEN}\s*)?(?:(?P<voornaam>{_KERN})\s+(?={_TVS}{_KERN}))?{_TVS}{_ACHTERNAAM}")
_NA_AANHEF_KORT = re.compile(rf"\s+(?:{_INITIALEN}\s*)?{_TVS}{_ACHTERNAAM}")
_NA_VOORNAAM = re.compile(rf"\s+{_TVS}{_ACHTERNAAM}")
_INITIALEN_NAAM = re.compile(rf"(?<![\w.])(?P<initialen>{_INITIALEN})\s*(?P<tv>{_TVS}){_ACHTERNAAM}")
_HOOFDLETTERWOORD = re.compile(_KERN)

_OUDERE_VOORNAMEN = """
    Adriaan Agnes Albert Alida Anita Anneke Annie Ans Antje Antoon Arend Bep Bernard Bert Betty Carla
    Cees Cor Corrie Dick Dirkje Dora Elly Els Erik Fenny Frank Frans Freek Gerard Gerda Gert Geert
    Gerrie Greet Grietje Guus Hanneke Hans Harm Harry Hein Hendrika Henk Henny Herman Hetty Huub Ina
    Ineke Ingrid Jaap Jacoba Jacobus Jannie Jans Jeanette Jenny Jo Joke Johan Johannes Jolanda Joop
    Jopie Jos Josephus Karin Kees Klaas Koos Leo Leni Lies Liesbeth Louis Lucas Maarten Marga Margriet
    Maria Marian Marianne Marieke Marijke Mariska Marja Marjan Marjolein Marleen Martin Martine Mieke
    Monique Nel Nelly Nico Paul Peter Petra Piet Pieternella Rene Rina Rob Roel Ria Riet Rinus Ronald
    Rudi Sandra Sjaak Sonja Ton Toos Truus Trijntje Wil Wilhelmina Willemijn Wilma Wim Yvonne
""".split()
VOORNAMEN = (
    frozenset(_NlPersonen.first_names_male) | frozenset(_NlPersonen.first_names_female) | frozenset(_OUDERE_VOORNAMEN)
)
_ACHTERNAMEN = frozenset(naam.casefold() for naam in _NlPersonen.last_names if " " not in naam)

_NIET_NAAM = frozenset(
    """
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
    januari februari maart april mei juni juli augustus september oktober november december
    de het een en of maar want dus dat die dit deze dan er hier daar wij we zij ze hij haar hun ik jij
    u uw ons onze mijn zijn is was wordt werd worden heeft hebben had kan kon zal zou moet mag
    in op aan bij met voor na naar van uit over onder tussen door om tot sinds als toen wanneer waar
    wat wie hoe ook nog al niet geen wel zo daarna daarom verder tevens bovendien echter volgens
    namens inmiddels vervolgens tijdens ten eerst eerste tweede derde laatste zie
    gemeente gemeenten toezicht toezichthouder toezichthouders wmo jeugdwet jeugd zorg welzijn
    inspectie norm normen bijlage artikel hoofdstuk paragraaf lid wet besluit rapport onderzoek
    melding meldingen calamiteit calamiteiten meldcode veilig thuis wijkteam huisarts college raad
    provincie rijk ministerie stichting zorggroep aanbieder aanbieders cliënt client cliënten
    bewoner bewoners organisatie afdeling team holding kader toezichtkader samenwerking regio
    jaarbeeld handreiking ggz thuiszorg dagbesteding beschermd wonen
    """.split()
)
_LABELWOORDEN = frozenset(
    "bijlage categorie scenario fase variant groep type lid onderdeel optie model punt plan stap "
    "casus situatie versie deel kolom rij vraag tabel figuur "
    # After a word for a person, a single capital is the de-identified person: "cliënt A. Ouders …".
    "cliënt client bewoner patiënt betrokkene zoon dochter kind moeder vader jongere medewerker".split()
)

_DATUM_NUMERIEK = re.compile(r"(?<![\d.\-/])(?P<d>\d{1,2})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<j>\d{4})(?![\d\-/]|\.\d)")
_DATUM_ISO = re.compile(r"(?<![\d.\-/])(?P<j>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d\-/])")
_MAANDEN = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8, "september": 9, "sep": 9,
    "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_DATUM_WOORDEN = re.compile(
    r"(?<!\w)(?P<d>\d{1,2})\s+(?P<m>(?i:"
    + "|".join(sorted(_MAANDEN, key=len, reverse=True))
    + r"))\.?\s+(?P<j>\d{4})(?!\d)"
)
_GEBOORTE = re.compile(r"(?<!\w)(?i:geboren|geb\.|geboortedatum|geboortedag|geboorte\s+datum)")
_PERSOONSWOORD = re.compile(
    r"(?<!\w)(?i:cliënt|client|cliënte|bewoner|bewoonster|patiënt|patiënte|zoon|dochter|kind|jongen|meisje|baby|man|"
    r"vrouw|moeder|vader|betrokkene|zorgvrager|mevrouw|meneer|heer|jongere|pupil|broer|zus)\s*(?:\(|,)\s*$"
)

_STRAATSUFFIX = (
    r"(?:straat|weg|laan|plein|gracht|kade|singel|dijk|hof|park|dreef|pad|steeg|baan|ring|plantsoen|"
    r"hoven|erf|markt|wal|haven|boulevard|allee|straatweg|kanaal|veste|wetering|vaart)"
)
_HUISNUMMER = r"[1-9]\d{0,4}(?:[A-Za-z](?!\w)|-?\s?[A-Z](?!\w)|-\d{1,4}(?!\d))?(?![\d\w]|[.,]\d)"
_STRAAT_VOOR = rf"(?:(?:{_KERN}|{_UP}\.)\s+(?:{_TV}\s+){{0,3}}){{0,2}}"
_STRAAT = re.compile(
    rf"(?<![\w'’])(?:{_STRAAT_VOOR}(?:'s-|’s-)?{_UP}{_WOORD}*?{_STRAATSUFFIX}"
    rf"|(?:Laan|Plein|Weg|Kade|Singel|Dijk|Dreef|Hof|Park|Straat|Gracht|Markt)\s+(?:{_TV}\s+){{1,3}}(?:{_KERN}[\s-]){{0,2}}{_KERN})"
    rf"\s+{_HUISNUMMER}"
)
_POSTCODE = re.compile(r"(?<![\w])[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?!\w)")
_HOOFDLETTERS_ERVOOR = re.compile(r"(?<!\w)[A-Z]{2,}\s+$")

_BSN = re.compile(
    r"(?<![\w.,\-])(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}(?P<s>[ .])\d{3}(?P=s)\d{3}|\d{2}\.\d{2}\.\d{2}\.\d{3})"
    r"(?![\w\-]|[.,]\d)"
)
_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}(?![\w\-])")


def controleer(tekst, bekende_namen=(), *, peildatum=None):
    """The likely personal data in `tekst`, sorted by position. `bekende_namen` are the names of
    the people the space knows; `peildatum` (today by default) is the date ages are counted at."""
    peildatum = peildatum or date.today()
    signalen = []
    signalen += _bekende_namen(tekst, bekende_namen)
    namen = _namen(tekst)
    signalen += namen
    signalen += _bsns(tekst)
    signalen += _geboortedata(tekst, peildatum, [s for s in signalen if s.soort in (NAAM, NAAM_BEKEND)])
    signalen += _adressen(tekst)
    signalen += _telefoonnummers(tekst)
    signalen += _emailadressen(tekst)
    return _samengevoegd(tekst, signalen)


def _signaal(tekst, soort, begin, eind, uitleg):
    return Signaal(soort, begin, eind, tekst[begin:eind], str(uitleg))


def _bekende_namen(tekst, bekende_namen):
    signalen = []
    for naam in dict.fromkeys(" ".join(str(n).split()) for n in bekende_namen if n and str(n).strip()):
        uitleg = _("Komt overeen met „%(naam)s”, een persoon die deze ruimte kent.") % {"naam": naam}
        for patroon in _naamvarianten(naam):
            for m in re.finditer(patroon, tekst):
                signalen.append(_signaal(tekst, NAAM_BEKEND, m.start(), m.end(), uitleg))
    return signalen


def _naamvarianten(naam):
    """Regular expressions for the ways a known name appears: whole, by surname, by first name."""
    if "," in naam:
        # A surname in sorting order ("Nora West-Francië, van") is written "Nora van West-Francië";
        # left as it was, the particle alone became a "name" found in every other sentence.
        voor, _komma, achter = naam.rpartition(",")
        deeltjes = achter.split()
        if deeltjes and all(re.fullmatch(_TV, d) for d in deeltjes) and voor.split():
            woorden = voor.split()
            naam = " ".join(woorden[:-1] + deeltjes + woorden[-1:])
    woorden = naam.split()
    heel = r"\s+".join(re.escape(w) for w in woorden)
    varianten = [rf"(?<!\w)(?i:{heel})(?!\w)"]
    achter = [w for w in woorden if not re.fullmatch(r"(?:\w\.)+", w)]
    if len(woorden) > 1 and len(achter) >= 1:
        eerste = 1 if achter and achter[0] == woorden[0] else 0
        rest = achter[eerste:]
        while rest and re.fullmatch(_TV, rest[0]):
            rest = rest[1:]
        if rest and len(" ".join(rest)) > 1:
            kern = r"\s+".join(re.escape(w) for w in rest)
            varianten.append(rf"(?<!\w)(?:{_TV}\s+){{0,3}}{kern}(?!\w)")
            if len(rest) > 1:
                laatste = re.escape(rest[-1])
                varianten.append(rf"(?<!\w)(?:{_TV}\s+){{0,3}}{laatste}(?!\w)")
        if eerste and len(woorden[0]) > 1 and woorden[0][0].isupper():
            varianten.append(rf"(?<![\w.]){re.escape(woorden[0])}(?!\w|\.\s*\d|\.\w)")
    elif len(woorden) == 1 and len(woorden[0]) > 1:
        varianten.append(rf"(?<!\w){re.escape(woorden[0])}(?!\w)")
    return varianten


def _is_naam(woord):
    return bool(_HOOFDLETTERWOORD.fullmatch(woord)) and woord.casefold() not in _NIET_NAAM


def _achternaam_goed(m):
    return all(_is_naam(k) for k in re.findall(_KERN, m.group(0)[m.start("kern") - m.start() :]))


def _namen(tekst):
    signalen = []
    for aanhef in _AANHEF.finditer(tekst):
        m = _NA_AANHEF.match(tekst, aanhef.end())
        if not (m and _achternaam_goed(m) and (not m.group("voornaam") or _is_naam(m.group("voornaam")))):
            m = _NA_AANHEF_KORT.match(tekst, aanhef.end())
        if m and _achternaam_goed(m):
            uitleg = _("Een aanhef of titel gevolgd door een naam.")
            signalen.append(_signaal(tekst, NAAM, aanhef.start(), m.end(), uitleg))
    for m in _INITIALEN_NAAM.finditer(tekst):
        if not _achternaam_goed(m):
            continue
        bekende_achternaam = m.group("kern").casefold() in _ACHTERNAMEN
        if m.group("initialen").count(".") == 1 and not m.group("tv") and not bekende_achternaam:
            regel_begin = tekst.rfind("\n", 0, m.start()) + 1
            ervoor = tekst[regel_begin : m.start()].split()
            if not ervoor or ervoor[-1].casefold() in _LABELWOORDEN:
                continue
        signalen.append(_signaal(tekst, NAAM, m.start(), m.end(), _("Voorletters gevolgd door een achternaam.")))
    for woord in re.finditer(rf"(?<![\w.]){_KERN}(?![\w])", tekst):
        if woord.group(0) not in VOORNAMEN:
            continue
        m = _NA_VOORNAAM.match(tekst, woord.end())
        if m and _achternaam_goed(m):
            uitleg = _("Een voornaam gevolgd door een achternaam.")
            signalen.append(_signaal(tekst, NAAM, woord.start(), m.end(), uitleg))
    return signalen


def _bsns(tekst):
    signalen = []
    for m in _BSN.finditer(tekst):
        if _bsn.is_valid(re.sub(r"\D", "", m.group(0))):
            signalen.append(_signaal(tekst, BSN, m.start(), m.end(), _("Negen cijfers die aan de elfproef voldoen.")))
    return signalen


def _data(tekst):
    for patroon in (_DATUM_NUMERIEK, _DATUM_ISO, _DATUM_WOORDEN):
        for m in patroon.finditer(tekst):
            maand = m.group("m")
            maand = int(maand) if maand.isdigit() else _MAANDEN[maand.casefold()]
            try:
                yield m, date(int(m.group("j")), maand, int(m.group("d")))
            except ValueError:
                continue


def _geboortedata(tekst, peildatum, namen):
    signalen = []
    naam_einden = {s.eind for s in namen}
    for m, datum in _data(tekst):
        ervoor = tekst[max(0, m.start() - 60) : m.start()]
        trefwoord = [
            k
            for k in _GEBOORTE.finditer(ervoor)
            if len(ervoor) - k.end() <= 40 and not re.search(r"\n|[.!?](?:\s|$)", ervoor[k.end() :])
        ]
        if trefwoord:
            uitleg = _("Een datum bij „%(woord)s”.") % {"woord": trefwoord[-1].group(0)}
            signalen.append(_signaal(tekst, GEBOORTEDATUM, m.start(), m.end(), uitleg))
            continue
        if not _leeftijd_mogelijk(datum, peildatum):
            continue
        na_naam = re.search(r"\s*[(,]\s*$", ervoor)
        bij_naam = na_naam and (m.start() - len(na_naam.group(0))) in naam_einden
        if bij_naam or _PERSOONSWOORD.search(ervoor):
            uitleg = _("Een datum direct na een persoon, die een leeftijd van 0 tot %(max)s jaar geeft.") % {
                "max": MAX_LEEFTIJD
            }
            signalen.append(_signaal(tekst, GEBOORTEDATUM, m.start(), m.end(), uitleg))
    return signalen


def _leeftijd_mogelijk(datum, peildatum):
    if datum > peildatum:
        return False
    leeftijd = peildatum.year - datum.year - ((peildatum.month, peildatum.day) < (datum.month, datum.day))
    return leeftijd <= MAX_LEEFTIJD


def _adressen(tekst):
    signalen = []
    for m in _STRAAT.finditer(tekst):
        begin = m.start()
        # "In de Kerkstraat 12": the words of the sentence before the street are not its name.
        voor = re.match(rf"(?:(?:{_WOORD}+)\s+(?:{_TV}\s+){{0,3}})", tekst[begin : m.end()])
        while voor and voor.group(0).split()[0].casefold() in _NIET_NAAM:
            begin += voor.end()
            voor = re.match(rf"(?:(?:{_WOORD}+)\s+(?:{_TV}\s+){{0,3}})", tekst[begin : m.end()])
        signalen.append(_signaal(tekst, ADRES, begin, m.end(), _("Een straat met huisnummer.")))
    for m in _POSTCODE.finditer(tekst):
        if _HOOFDLETTERS_ERVOOR.search(tekst[max(0, m.start() - 40) : m.start()]):
            continue
        signalen.append(_signaal(tekst, ADRES, m.start(), m.end(), _("Een postcode.")))
    return signalen


def _telefoonnummers(tekst):
    signalen = []
    for m in phonenumbers.PhoneNumberMatcher(tekst, "NL", leniency=phonenumbers.Leniency.VALID):
        begin, eind = m.start, m.end
        # phonenumbers reads "(06-12345678)" as an area code in brackets; the bracket is not the number's.
        if tekst[begin] == "(" and ")" not in tekst[begin:eind]:
            begin += 1
        if tekst[eind - 1] == ")" and "(" not in tekst[begin:eind]:
            eind -= 1
        signalen.append(_signaal(tekst, TELEFOON, begin, eind, _("Een telefoonnummer.")))
    return signalen


def _emailadressen(tekst):
    return [_signaal(tekst, EMAIL, m.start(), m.end(), _("Een e-mailadres.")) for m in _EMAIL.finditer(tekst)]


def _samengevoegd(tekst, signalen):
    """One signal per piece of text: overlapping signals become one over both, of the kind that
    comes first in _VOORRANG; a street and the postcode right after it become one address."""
    samen = []
    for s in sorted(signalen, key=lambda s: (s.begin, -s.eind, _VOORRANG.index(s.soort))):
        if samen:
            vorige = samen[-1]
            overlap = s.begin < vorige.eind
            tussen = tekst[vorige.eind : s.begin]
            adres_vervolg = s.soort == vorige.soort == ADRES and re.fullmatch(r"[\s,]{0,3}", tussen) is not None
            if overlap or adres_vervolg:
                leidend = min(vorige, s, key=lambda x: _VOORRANG.index(x.soort))
                eind = max(vorige.eind, s.eind)
                samen[-1] = Signaal(leidend.soort, vorige.begin, eind, tekst[vorige.begin : eind], leidend.uitleg)
                continue
        samen.append(s)
    return samen
