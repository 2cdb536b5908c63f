"""Legal terms, computed in one place.

- Weeks are calendar weeks: a term of n weeks from a date ends on the same weekday n weeks later.
- A term that ends on a Saturday, a Sunday or a recognised public holiday runs to the next
  working day (Algemene termijnenwet, art. 1 lid 1).
- The recognised public holidays are those of art. 3 lid 1 of that law: Nieuwjaarsdag, tweede
  Paas- en Pinksterdag, beide Kerstdagen, Hemelvaartsdag, the day the King's birthday is
  celebrated, and 5 May every year.
- Working days (such as the working days to report a calamity) skip weekends and those holidays.

The terms of a calamity report are read from the kennisbank, not retyped: the form of
supervision of calamities and violence (seed 004, Toezichtsvormen 1.2) says in its aanleiding
within how many working days a provider reports ("binnen 3 werkdagen") and in its werkwijze
within how many weeks the self-investigation follows ("legt het zelfonderzoek binnen 8 weken ter
beoordeling voor"), as procedure.py reads the publication procedure's terms from its page.
A report is judged by the term to report in force on the day of the event (the duty to report
arises then) and its self-investigation is due after the term in force on the day it was
reported; the report keeps both (`Melding.meldtermijn_werkdagen`, `zelfonderzoek_uiterlijk`),
so a later change of the kennisbank's text does not judge it again.

The dates come from the `holidays` library, which moves Koningsdag to 26 April when 27 April
is a Sunday. The library follows the national calendar rather than this law: it adds Good
Friday and Easter and Whit Sunday, and has Liberation Day only every fifth year. This module
takes its list to the law's.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

import holidays

# The names the `holidays` library gives the days the Algemene termijnenwet recognises
# (language "nl"); Easter and Whit Sunday fall on a Sunday and count through the weekend rule.
ERKENDE_FEESTDAGEN = frozenset(
    {
        "Nieuwjaarsdag",
        "Tweede paasdag",
        "Hemelvaartsdag",
        "Tweede pinksterdag",
        "Eerste kerstdag",
        "Tweede kerstdag",
        "Koningsdag",
        "Koninginnedag",
    }
)
BEVRIJDINGSDAG = (5, 5)

_MELDEN = re.compile(r"binnen (\d+) werkdagen", re.I)
_ZELFONDERZOEK = re.compile(r"zelfonderzoek binnen (\d+) weken", re.I)


class TermijnenOntbreken(ValidationError):
    """The kennisbank holds no published form of supervision that gives the calamity terms."""


@dataclass(frozen=True)
class Calamiteitstermijnen:
    melden_werkdagen: int
    zelfonderzoek_weken: int


def calamiteitstermijnen(op=None):
    """The terms of a calamity report as the kennisbank's live form of supervision of calamities
    states them: of the newest framework in force on `op` (any framework's, if none was yet)."""
    from kennisbank.models import ToezichtsvormPage

    return kies_calamiteitstermijnen(gepubliceerde_calamiteitstermijnen(ToezichtsvormPage.objects.live()), op)


def gepubliceerde_calamiteitstermijnen(toezichtsvormen):
    """[(framework valid from, Calamiteitstermijnen)] of the forms of supervision in
    `toezichtsvormen` that state both terms, newest framework first. A queryset of the live
    pages, or a migration's historical model's, so that it reads the terms by the same rule."""
    gevonden = []
    rijen = toezichtsvormen.order_by("-kader__geldig_vanaf", "path")
    for geldig, aanleiding, werkwijze in rijen.values_list("kader__geldig_vanaf", "aanleiding", "werkwijze"):
        melden = _MELDEN.search(aanleiding or "")
        zelfonderzoek = _ZELFONDERZOEK.search(werkwijze or "")
        if melden and zelfonderzoek and "calamiteit" in aanleiding.lower():
            gevonden.append((geldig, Calamiteitstermijnen(int(melden.group(1)), int(zelfonderzoek.group(1)))))
    return gevonden


def kies_calamiteitstermijnen(gevonden, op=None):
    """The terms in force on `op` among `gevonden` (see above); raises when there are none."""
    if not gevonden:
        raise TermijnenOntbreken(
            _(
                "De termijnen voor calamiteiten en geweld staan niet in de kennisbank: er is geen gepubliceerde "
                "toezichtsvorm die zegt binnen hoeveel werkdagen een melding wordt gedaan en binnen hoeveel weken "
                "het zelfonderzoek volgt. Vraag de redactie de toezichtsvorm te publiceren."
            )
        )
    geldend = [termijnen for geldig, termijnen in gevonden if op is None or geldig is None or geldig <= op]
    return (geldend or [termijnen for _geldig, termijnen in gevonden])[0]


@lru_cache(maxsize=256)
def feestdagen(jaar):
    """{date: name} of the recognised public holidays of a year."""
    dagen = {
        dag: naam
        for dag, naam in holidays.NL(years=jaar, language="nl").items()
        if any(erkend in naam for erkend in ERKENDE_FEESTDAGEN)
    }
    dagen[date(jaar, *BEVRIJDINGSDAG)] = "Bevrijdingsdag"
    return dagen


def is_feestdag(dag):
    return dag in feestdagen(dag.year)


def is_werkdag(dag):
    return dag.weekday() < 5 and not is_feestdag(dag)


def volgende_werkdag(dag):
    """The day itself when it is a working day, otherwise the first working day after it."""
    while not is_werkdag(dag):
        dag += timedelta(days=1)
    return dag


def einde_termijn(begin, *, weken=0, dagen=0):
    """The last day of a term of calendar weeks or days that starts the day after `begin`,
    moved to the next working day when it ends on a weekend or holiday."""
    return volgende_werkdag(begin + timedelta(weeks=weken, days=dagen))


# Both cached: "Mijn samenwerking" and the daily round ask them for every flagged term and
# every member, mostly for the same few dates.
@lru_cache(maxsize=4096)
def plus_werkdagen(begin, aantal):
    """The date `aantal` working days after `begin` (begin itself not counted)."""
    dag = begin
    geteld = 0
    while geteld < aantal:
        dag += timedelta(days=1)
        if is_werkdag(dag):
            geteld += 1
    return dag


@lru_cache(maxsize=4096)
def werkdagen_tussen(begin, eind):
    """The number of working days after `begin` up to and including `eind` (0 when eind <= begin)."""
    if eind <= begin:
        return 0
    return sum(1 for n in range(1, (eind - begin).days + 1) if is_werkdag(begin + timedelta(days=n)))


def binnen_werkdagen(gebeurtenis, gemeld, aantal=None):
    """Whether a report on `gemeld` came within `aantal` working days of the event (by default
    the kennisbank's term to report a calamity, as in force on the day of the event)."""
    if aantal is None:
        aantal = calamiteitstermijnen(gebeurtenis).melden_werkdagen
    return gemeld <= plus_werkdagen(gebeurtenis, aantal)


def zelfonderzoek_uiterlijk(gemeld, weken=None):
    """The self-investigation's due date (by default after the kennisbank's term for it)."""
    if weken is None:
        weken = calamiteitstermijnen(gemeld).zelfonderzoek_weken
    return einde_termijn(gemeld, weken=weken)


def termijn_in(eenheid, aantal, begin):
    """A term in the units of the kennisbank's ProcedureStap (werkdagen, dagen, weken)."""
    if eenheid == "werkdagen":
        return plus_werkdagen(begin, aantal)
    if eenheid == "dagen":
        return einde_termijn(begin, dagen=aantal)
    if eenheid == "weken":
        return einde_termijn(begin, weken=aantal)
    raise ValueError(f"Onbekende eenheid: {eenheid}")
