"""The register of designations as open data: which supervisor each municipality's college
designated for the Wmo (art. 6.1 Wmo 2015), approved designations only, and how many
municipalities have one, by GGD region and province. The question IGJ asks every
municipality for its yearly report on Wmo supervision, answered nationally."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.models import Gemeente

from .models import Aanwijzing
from .models.toezicht import Niveau

LICENTIE = "CC BY 4.0"
LICENTIE_URL = "https://creativecommons.org/licenses/by/4.0/deed.nl"
SCHEIDING = ";"


@dataclass(frozen=True)
class Kolom:
    """One column of the open data, which the admin import reads back: export, import and
    the CSV's metadata all come from this one list, so a downloaded file imports as it is."""

    naam: str
    beschrijving: str
    waarde: Callable
    datatype: str = "string"
    ingelezen: bool = False
    verplicht: bool = False
    lijst: bool = False  # several values, separated by SCHEIDING


def _datum(waarde):
    return waarde.isoformat() if waarde else ""


def _toezichthouder_soort(aanwijzing):
    eigen = aanwijzing.toezichthouder.niveau == Niveau.LOKAAL
    return Aanwijzing.SoortToezichthouder.EIGEN if eigen else Aanwijzing.SoortToezichthouder.REGIONAAL


def _voorzieningsoorten(aanwijzing):
    if aanwijzing.alle_voorzieningen:
        return ""
    return SCHEIDING.join(sorted(v.slug for v in aanwijzing.voorzieningsoorten.all()))


def _regio(aanwijzing):
    regio = aanwijzing.gemeente.ggd_regio
    return regio.naam if regio else ""


KOLOMMEN = (
    Kolom(
        "gemeentecode",
        gettext_lazy("CBS-code van de gemeente, zoals GM0599"),
        lambda a: a.gemeente.cbs_code,
        ingelezen=True,
        verplicht=True,
    ),
    Kolom("gemeente", gettext_lazy("Naam van de gemeente"), lambda a: a.gemeente.naam),
    Kolom("ggd_regio", gettext_lazy("GGD-regio van de gemeente volgens het CBS (context, geen aanwijzing)"), _regio),
    Kolom(
        "provincie",
        gettext_lazy("Provincie; leeg zolang de bronnen van het portaal geen provincies kennen"),
        lambda a: a.gemeente.provincie,
    ),
    Kolom(
        "toezichthouder",
        gettext_lazy(
            "Slug van de aangewezen toezichthouder; leeg bij een toezichthouder die het portaal nog niet kent"
        ),
        lambda a: a.toezichthouder.slug,
        ingelezen=True,
        verplicht=True,
    ),
    Kolom(
        "toezichthouder_naam",
        gettext_lazy(
            "Naam van de aangewezen toezichthouder; bij het inlezen alleen gebruikt als de slug leeg of onbekend is"
        ),
        lambda a: a.toezichthouder.naam,
        ingelezen=True,
    ),
    Kolom(
        "toezichthouder_soort",
        gettext_lazy(
            "regionaal (een GGD of andere regionale toezichthouder) of eigen (eigen toezichthouder van de "
            "gemeente); bij het inlezen alleen gebruikt voor een nieuwe toezichthouder"
        ),
        _toezichthouder_soort,
        ingelezen=True,
    ),
    Kolom(
        "voorzieningsoorten",
        gettext_lazy(
            "Slugs van de soorten voorziening waarvoor de aanwijzing geldt, gescheiden door ;. Leeg: alle "
            "Wmo-voorzieningen"
        ),
        _voorzieningsoorten,
        ingelezen=True,
        lijst=True,
    ),
    Kolom(
        "voorzieningen",
        gettext_lazy("De soorten voorziening in woorden (bij het inlezen niet gebruikt)"),
        lambda a: a.voorzieningen_label(),
    ),
    Kolom(
        "besluit_datum",
        gettext_lazy("Datum van het aanwijzingsbesluit (jjjj-mm-dd)"),
        lambda a: _datum(a.besluit_datum),
        datatype="date",
        ingelezen=True,
        verplicht=True,
    ),
    Kolom(
        "besluit_url",
        gettext_lazy("Publicatie van het besluit, zoals in het gemeenteblad (https)"),
        lambda a: a.besluit_url,
        datatype="anyURI",
        ingelezen=True,
        verplicht=True,
    ),
    Kolom(
        "geldig_vanaf",
        gettext_lazy("Eerste dag waarop de aanwijzing geldt (jjjj-mm-dd); leeg: niet vermeld"),
        lambda a: _datum(a.geldig_vanaf),
        datatype="date",
        ingelezen=True,
    ),
    Kolom(
        "geldig_tot",
        gettext_lazy("Laatste dag waarop de aanwijzing geldt (jjjj-mm-dd); leeg: geen einde bekend"),
        lambda a: _datum(a.geldig_tot),
        datatype="date",
        ingelezen=True,
    ),
    Kolom(
        "goedgekeurd_op",
        gettext_lazy("Datum waarop de redactie de aanwijzing goedkeurde (bij het inlezen niet gebruikt)"),
        lambda a: a.beoordeeld_op.date().isoformat() if a.beoordeeld_op else "",
        datatype="date",
    ),
)
VELDEN = [k.naam for k in KOLOMMEN]


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
    return {kolom.naam: kolom.waarde(aanwijzing) for kolom in KOLOMMEN}


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
