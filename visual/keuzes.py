"""Turning what a visitor or API client typed into a municipality, law, kind of voorziening
or situation: slugs, codes and labels alike, ignoring case and accents."""

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.models import als_cbs_code

from .gegevens import referentie
from .normaliseren import normaliseer

MAX_LENGTE = 200


@dataclass(frozen=True)
class Onderwerp:
    """A subject beside the 14 kinds of voorziening that a remit can cover."""

    slug: str
    naam: str
    synoniemen: tuple = ()


EXTRA_ONDERWERPEN = (
    Onderwerp(
        "gemeente-als-aanbieder",
        gettext_lazy("Toegang en indicatiestelling (de gemeente als aanbieder)"),
        ("toegang", "indicatiestelling", "gemeente als aanbieder", "wijkteam"),
    ),
    Onderwerp("welzijn", gettext_lazy("Welzijnsactiviteiten"), ("welzijnsactiviteiten",)),
)


class OngeldigeKeuze(ValueError):
    def __init__(self, veld, waarde, toegestaan, bericht=None, suggesties=(), kandidaten=()):
        self.veld, self.waarde, self.toegestaan = veld, waarde, list(toegestaan)
        self.suggesties = list(suggesties)
        # The values that all fit part of a name: answered at once when they agree.
        self.kandidaten = list(kandidaten)
        self.bericht = bericht or self._bericht()
        super().__init__(self.bericht)

    def _bericht(self):
        waarde = str(self.waarde)[:60]
        tekst = _("Onbekende waarde voor '%(veld)s': '%(waarde)s'.") % {"veld": self.veld, "waarde": waarde}
        if self.suggesties:
            tekst += " " + _("Bedoelt u: %(s)s?") % {"s": ", ".join(self.suggesties)}
        if self.toegestaan:
            tekst += " " + _("Toegestane waarden: %(lijst)s.") % {"lijst": ", ".join(self.toegestaan)}
        return tekst


def _te_lang(veld, value):
    if len(str(value)) > MAX_LENGTE:
        raise OngeldigeKeuze(
            veld,
            str(value)[:40] + "…",
            [],
            _("De waarde voor '%(veld)s' is te lang (maximaal %(max)s tekens).") % {"veld": veld, "max": MAX_LENGTE},
        )


def _bevat(woorden, zin):
    n = len(zin)
    return any(tuple(woorden[i : i + n]) == zin for i in range(len(woorden) - n + 1))


def _zoek(veld, value, opties, toegestaan):
    """`opties`: (object, [names it answers to]) pairs."""
    _te_lang(veld, value)
    if "\x00" in str(value):
        raise OngeldigeKeuze(
            veld, "", toegestaan, _("De waarde voor '%(veld)s' bevat ongeldige tekens.") % {"veld": veld}
        )
    gezocht = normaliseer(value)
    for obj, namen in opties:
        if gezocht in {normaliseer(n) for n in namen if n}:
            return obj
    # Part of a name, as whole words: "Wmo" for "Wmo 2015", "huishouden" for "Ondersteuning
    # bij het huishouden". When that fits more than one, the visitor chooses.
    woorden = tuple(gezocht.split())
    for past in (lambda naam: naam[: len(woorden)] == woorden, lambda naam: _bevat(naam, woorden)):
        passend = {
            obj.slug: obj
            for obj, namen in opties
            if woorden and any(past(tuple(normaliseer(n).split())) for n in namen if n)
        }
        if len(passend) == 1:
            return next(iter(passend.values()))
        if len(passend) > 1:
            raise OngeldigeKeuze(
                veld,
                value,
                toegestaan,
                _("'%(waarde)s' past bij meer dan één waarde voor '%(veld)s': %(lijst)s. Kies er een.")
                % {"waarde": str(value)[:60], "veld": veld, "lijst": ", ".join(passend)},
                suggesties=list(passend)[:5],
                kandidaten=list(passend.values()),
            )
    slugs = {}
    for obj, namen in opties:
        for naam in namen:
            if naam:
                slugs.setdefault(normaliseer(naam), obj.slug)
    dichtbij = difflib.get_close_matches(gezocht, list(slugs), n=5, cutoff=0.75)
    suggesties = list(dict.fromkeys(slugs[n] for n in dichtbij))[:3]
    raise OngeldigeKeuze(veld, value, toegestaan, suggesties=suggesties)


def vind_gemeente(value):
    """A municipality by CBS code (GM0599, 0599), name or other name ("Den Haag"), ignoring
    case, accents and punctuation; a name that starts more than one municipality's name
    ("Bergen") asks which one."""
    value = (value or "").strip()
    _te_lang("gemeente", value)
    if not value or "\x00" in value:
        raise OngeldigeKeuze(
            "gemeente", value, [], _("Kies een gemeente: geef een CBS-code (zoals GM0599) of de naam van een gemeente.")
        )
    gemeenten = referentie().gemeenten
    code = als_cbs_code(value)
    woorden = tuple(normaliseer(value).split())
    if woorden[:1] == ("gemeente",) and len(woorden) > 1:
        woorden = woorden[1:]
    exact = {g.code for g in gemeenten if g.code == code or woorden in g.zinnen}
    begin = [g.naam for g in gemeenten if any(len(z) > len(woorden) and z[: len(woorden)] == woorden for z in g.zinnen)]
    if len(exact) == 1 or (not exact and len(begin) == 1):
        gevonden = exact.pop() if exact else next(g.code for g in gemeenten if g.naam == begin[0])
        return referentie().gemeente(gevonden)
    if len(begin) > 1:
        raise OngeldigeKeuze(
            "gemeente",
            value,
            [],
            _("Er zijn %(n)s gemeenten die zo beginnen: %(namen)s. Kies er een.")
            % {"n": len(begin), "namen": ", ".join(begin)},
            suggesties=begin,
        )
    alle_namen = [n for g in gemeenten for n in g.namen]
    suggesties = difflib.get_close_matches(value, alle_namen, n=3, cutoff=0.7)
    raise OngeldigeKeuze(
        "gemeente",
        value,
        [],
        _(
            "Onbekende gemeente '%(waarde)s'. Geef een CBS-code (zoals GM0599) of de naam van een "
            "van de %(aantal)s Nederlandse gemeenten; de lijst staat in de GraphQL-query "
            "'gemeenten'."
        )
        % {"waarde": value[:60], "aantal": len(gemeenten)}
        + (" " + _("Bedoelt u: %(s)s?") % {"s": ", ".join(suggesties)} if suggesties else ""),
        suggesties=suggesties,
    )


EERSTE_PEILDATUM = date(1990, 1, 1)
LAATSTE_PEILDATUM = date(2100, 12, 31)
DATUMNOTATIES = ("%Y-%m-%d", "%d-%m-%Y")


def vind_peildatum(value):
    """A date as 2016-03-01 or 01-03-2016; empty means today."""
    value = str(value or "").strip()
    if not value:
        return date.today()
    _te_lang("peildatum", value)
    for notatie in DATUMNOTATIES:
        try:
            gevonden = datetime.strptime(value, notatie).date()
        except ValueError:
            continue
        if not EERSTE_PEILDATUM <= gevonden <= LAATSTE_PEILDATUM:
            break
        return gevonden
    raise OngeldigeKeuze(
        "peildatum",
        value,
        [],
        _(
            "Ongeldige peildatum '%(waarde)s'. Geef een datum tussen 1990 en 2100, zoals 2016-03-01 "
            "(jjjj-mm-dd) of 01-03-2016 (dd-mm-jjjj)."
        )
        % {"waarde": value[:40]},
    )


KORTE_NAAM = 5


def gemeenten_in(tekst):
    """The municipalities a free text names, as whole words, in the order of the list. A
    short one-word name ("Best", "Ede", "Goes") counts only as written, with its capital,
    because it is also an ordinary word."""
    woorden = normaliseer(tekst).split()
    aanwezig = set(woorden)
    gevonden = []
    for g in referentie().gemeenten:
        for naam, zin in zip(g.namen, g.zinnen, strict=True):
            if not zin or zin[0] not in aanwezig or not _bevat(woorden, zin):
                continue
            if len(zin) == 1 and len(naam) <= KORTE_NAAM and not re.search(rf"(?<!\w){re.escape(naam)}(?!\w)", tekst):
                continue
            gevonden.append((g.code, g.naam))
            break
    return gevonden


def situatie_in(tekst):
    """The situation a free text names by its name or one of its synonyms, if exactly one."""
    woorden = normaliseer(tekst).split()
    gevonden = [s for s, zinnen in referentie().situatie_zinnen if any(_bevat(woorden, zin) for zin in zinnen)]
    return gevonden[0] if len(gevonden) == 1 else None


def wetten():
    return list(referentie().wetten)


def vind_wet(value, opties=None):
    opties = opties if opties is not None else wetten()
    return _zoek("wet", value, [(w, [w.slug, w.naam, w.afkorting]) for w in opties], [w.slug for w in opties])


def voorzieningen():
    return [*referentie().voorzieningsoorten, *EXTRA_ONDERWERPEN]


def vind_voorziening(value, opties=None):
    opties = opties if opties is not None else voorzieningen()
    paren = []
    for v in opties:
        namen = [v.slug, str(v.naam)]
        if isinstance(v, Onderwerp):
            namen.extend(v.synoniemen)
        paren.append((v, namen))
    return _zoek("voorziening", value, paren, [v.slug for v in opties])


def situaties():
    return list(referentie().situaties)


def vind_situatie(value, opties=None):
    opties = opties if opties is not None else situaties()
    paren = [(s, [s.slug, *s.namen()]) for s in opties]
    return _zoek("situatie", value, paren, [s.slug for s in opties])
