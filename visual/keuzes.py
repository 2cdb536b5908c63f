"""Turning what a visitor or API client typed into a municipality, law, kind of voorziening
or situation: slugs, codes and labels alike, ignoring case and accents."""

import difflib
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.models import Gemeente

from .gegevens import referentie

MAX_LENGTE = 200


def normaliseer(value):
    text = unicodedata.normalize("NFKD", str(value or ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    for char in "-_/:,.()'’":
        text = text.replace(char, " ")
    return " ".join(text.split())


@dataclass(frozen=True)
class Onderwerp:
    """A subject beside the 14 kinds of voorziening that a remit can cover."""

    slug: str
    naam: str
    synoniemen: tuple = ()


EXTRA_ONDERWERPEN = (
    Onderwerp("gemeente-als-aanbieder",
              gettext_lazy("Toegang en indicatiestelling (de gemeente als aanbieder)"),
              ("toegang", "indicatiestelling", "gemeente als aanbieder", "wijkteam")),
    Onderwerp("welzijn", gettext_lazy("Welzijnsactiviteiten"), ("welzijnsactiviteiten",)),
)


class OngeldigeKeuze(ValueError):
    def __init__(self, veld, waarde, toegestaan, bericht=None, suggesties=()):
        self.veld, self.waarde, self.toegestaan = veld, waarde, list(toegestaan)
        self.suggesties = list(suggesties)
        self.bericht = bericht or self._bericht()
        super().__init__(self.bericht)

    def _bericht(self):
        waarde = str(self.waarde)[:60]
        tekst = _("Onbekende waarde voor '%(veld)s': '%(waarde)s'.") % {
            "veld": self.veld, "waarde": waarde}
        if self.suggesties:
            tekst += " " + _("Bedoelt u: %(s)s?") % {"s": ", ".join(self.suggesties)}
        if self.toegestaan:
            tekst += " " + _("Toegestane waarden: %(lijst)s.") % {"lijst": ", ".join(self.toegestaan)}
        return tekst


def _te_lang(veld, value):
    if len(str(value)) > MAX_LENGTE:
        raise OngeldigeKeuze(veld, str(value)[:40] + "…", [], _(
            "De waarde voor '%(veld)s' is te lang (maximaal %(max)s tekens).") % {
            "veld": veld, "max": MAX_LENGTE})


def _zoek(veld, value, opties, toegestaan):
    """`opties`: (object, [names it answers to]) pairs."""
    _te_lang(veld, value)
    if "\x00" in str(value):
        raise OngeldigeKeuze(veld, "", toegestaan, _("De waarde voor '%(veld)s' bevat ongeldige "
                                                     "tekens.") % {"veld": veld})
    gezocht = normaliseer(value)
    for obj, namen in opties:
        if gezocht in {normaliseer(n) for n in namen if n}:
            return obj
    slugs = {}
    for obj, namen in opties:
        for naam in namen:
            if naam:
                slugs.setdefault(normaliseer(naam), obj.slug)
    dichtbij = difflib.get_close_matches(gezocht, list(slugs), n=5, cutoff=0.75)
    suggesties = list(dict.fromkeys(slugs[n] for n in dichtbij))[:3]
    raise OngeldigeKeuze(veld, value, toegestaan, suggesties=suggesties)


def vind_gemeente(value):
    value = (value or "").strip()
    _te_lang("gemeente", value)
    if not value or "\x00" in value:
        raise OngeldigeKeuze("gemeente", value, [], _(
            "Kies een gemeente: geef een CBS-code (zoals GM0599) of de naam van een gemeente."))
    gemeente = Gemeente.objects.match(value).prefetch_related("regios").first()
    if gemeente is not None:
        return gemeente
    gezocht = normaliseer(value)
    if gezocht.startswith("gemeente "):
        gezocht = gezocht[len("gemeente "):]
    namen = dict(Gemeente.objects.values_list("naam", "pk"))
    for naam, pk in namen.items():
        if normaliseer(naam) == gezocht:
            return Gemeente.objects.prefetch_related("regios").get(pk=pk)
    suggesties = difflib.get_close_matches(value, list(namen), n=3, cutoff=0.7)
    raise OngeldigeKeuze("gemeente", value, [], _(
        "Onbekende gemeente '%(waarde)s'. Geef een CBS-code (zoals GM0599) of de naam van een "
        "van de %(aantal)s Nederlandse gemeenten; de lijst staat in de GraphQL-query "
        "'gemeenten'.") % {"waarde": value[:60], "aantal": len(namen)}
        + (" " + _("Bedoelt u: %(s)s?") % {"s": ", ".join(suggesties)} if suggesties else ""),
        suggesties=suggesties)


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
    raise OngeldigeKeuze("peildatum", value, [], _(
        "Ongeldige peildatum '%(waarde)s'. Geef een datum tussen 1990 en 2100, zoals 2016-03-01 "
        "(jjjj-mm-dd) of 01-03-2016 (dd-mm-jjjj).") % {"waarde": value[:40]})


def wetten():
    return list(referentie().wetten)


def vind_wet(value, opties=None):
    opties = opties if opties is not None else wetten()
    return _zoek("wet", value, [(w, [w.slug, w.naam, w.afkorting]) for w in opties],
                 [w.slug for w in opties])


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
    paren = [(s, [s.slug, s.naam, *[x.strip() for x in s.synoniemen.split(",")]]) for s in opties]
    return _zoek("situatie", value, paren, [s.slug for s in opties])
