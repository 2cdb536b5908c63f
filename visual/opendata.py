"""The register of designations as open data: which supervisor each municipality's college
designated for the Wmo (art. 6.1 Wmo 2015), approved designations only, and how many
municipalities have one, by GGD region and province. The question IGJ asks every
municipality for its yearly report on Wmo supervision, answered nationally."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from portal.models import Gemeente

from .models import Aanwijzing

LICENTIE = "CC BY 4.0"
LICENTIE_URL = "https://creativecommons.org/licenses/by/4.0/deed.nl"
VELDEN = [
    "gemeentecode",
    "gemeente",
    "ggd_regio",
    "provincie",
    "toezichthouder",
    "toezichthouder_naam",
    "voorzieningen",
    "besluit_datum",
    "besluit_url",
    "geldig_vanaf",
    "geldig_tot",
    "goedgekeurd_op",
]


def bronvermelding():
    return _(
        "Bron: Toezichtportaal Sociaal Domein, aanwijzingsregister (aanwijzingsbesluiten op grond van art. 6.1 "
        "Wmo 2015, vastgelegd door de gemeenten en beoordeeld door de redactie); GGD-regio's: CBS, Gebieden in "
        "Nederland 2023. Licentie: %(licentie)s."
    ) % {"licentie": LICENTIE}


def goedgekeurde_aanwijzingen(user, peildatum=None):
    return (
        Aanwijzing.objects.viewable_by_user(user)
        .goedgekeurd()
        .geldig_op(peildatum or date.today())
        .select_related("gemeente", "toezichthouder")
        .prefetch_related("voorzieningsoorten", "gemeente__regios")
        .order_by("gemeente__naam", "-besluit_datum", "pk")
    )


def rij(aanwijzing):
    regio = aanwijzing.gemeente.ggd_regio
    return {
        "gemeentecode": aanwijzing.gemeente.cbs_code,
        "gemeente": aanwijzing.gemeente.naam,
        "ggd_regio": regio.naam if regio else "",
        "provincie": aanwijzing.gemeente.provincie,
        "toezichthouder": aanwijzing.toezichthouder.slug,
        "toezichthouder_naam": aanwijzing.toezichthouder.naam,
        "voorzieningen": aanwijzing.voorzieningen_label(),
        "besluit_datum": aanwijzing.besluit_datum.isoformat(),
        "besluit_url": aanwijzing.besluit_url,
        "geldig_vanaf": aanwijzing.geldig_vanaf.isoformat() if aanwijzing.geldig_vanaf else "",
        "geldig_tot": aanwijzing.geldig_tot.isoformat() if aanwijzing.geldig_tot else "",
        "goedgekeurd_op": aanwijzing.beoordeeld_op.date().isoformat() if aanwijzing.beoordeeld_op else "",
    }


@dataclass
class Groep:
    naam: str
    gemeenten: list = field(default_factory=list)
    met_aanwijzing: list = field(default_factory=list)

    @property
    def zonder_aanwijzing(self):
        gezien = set(self.met_aanwijzing)
        return [g for g in self.gemeenten if g not in gezien]

    @property
    def aandeel(self):
        return round(100 * len(self.met_aanwijzing) / len(self.gemeenten)) if self.gemeenten else 0


@dataclass
class Dekking:
    peildatum: date
    totaal: int
    met_aanwijzing: list
    per_regio: list
    per_provincie: list


def dekking(user, peildatum=None):
    peildatum = peildatum or date.today()
    aangewezen = {a.gemeente_id for a in goedgekeurde_aanwijzingen(user, peildatum)}
    gemeenten = list(Gemeente.objects.prefetch_related("regios").order_by("naam"))
    regios, provincies = {}, {}
    for gemeente in gemeenten:
        regio = gemeente.ggd_regio
        sleutels = [(regios, regio.naam if regio else _("Geen GGD-regio bekend"))]
        sleutels.append((provincies, gemeente.provincie or _("Provincie niet bekend in de bronnen")))
        for groepen, naam in sleutels:
            groep = groepen.setdefault(naam, Groep(naam))
            groep.gemeenten.append(gemeente.naam)
            if gemeente.pk in aangewezen:
                groep.met_aanwijzing.append(gemeente.naam)
    return Dekking(
        peildatum=peildatum,
        totaal=len(gemeenten),
        met_aanwijzing=[g.naam for g in gemeenten if g.pk in aangewezen],
        per_regio=[regios[k] for k in sorted(regios)],
        per_provincie=[provincies[k] for k in sorted(provincies)],
    )
