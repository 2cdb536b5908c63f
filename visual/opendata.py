"""The register of designations as open data: which supervisor each municipality's college
designated for the Wmo (art. 6.1 Wmo 2015), approved designations only, and how many
municipalities have one, by GGD region and province. The question IGJ asks every
municipality for its yearly report on Wmo supervision, answered nationally."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import models
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.links import page_url
from portal.models import Gemeente

from .models import Aanwijzing, AanwijzingWijziging, BekendeAanwijzing
from .models.toezicht import Niveau
from .navigator import zichtbare_paginas

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


UITGEVER = "Toezichtportaal Sociaal Domein"


def titel_aanwijzingen():
    return _("Aanwijzingen van toezichthouders Wmo (art. 6.1 Wmo 2015)")


def titel_dekking():
    return _("Welke gemeenten hebben hun toezichthouder Wmo aangewezen (art. 6.1 Wmo 2015)?")


def bijgewerkt_op(peildatum):
    """When the approved designations in force on this date last changed: the latest
    recorded change into or out of an approved state, or the start of the day on which an
    approved designation began or ceased to apply, whichever is later. Changes to
    designations that were never approved are left out: they change nothing in the data, and
    their time is not public."""
    goedgekeurd = Aanwijzing.Status.GOEDGEKEURD
    momenten = [
        AanwijzingWijziging.objects.filter(Q(voor__status=goedgekeurd) | Q(na__status=goedgekeurd)).aggregate(
            m=Max("tijdstip")
        )["m"]
    ]
    aanwijzingen = Aanwijzing.objects.goedgekeurd()
    begin = aanwijzingen.filter(geldig_vanaf__lte=peildatum).aggregate(m=Max("geldig_vanaf"))["m"]
    einde = aanwijzingen.filter(geldig_tot__lt=peildatum).aggregate(m=Max("geldig_tot"))["m"]
    for dag in (begin, einde + timedelta(days=1) if einde else None):
        if dag is not None:
            momenten.append(timezone.make_aware(datetime.combine(dag, time.min)))
    momenten = [m for m in momenten if m is not None]
    return max(momenten) if momenten else None


def csvw(kolommen, csv_url, titel, peildatum, bijgewerkt=None):
    """The CSV's metadata as CSV on the Web (W3C) describes it: title, licence, source and
    dates, and every column with its meaning and type, from the same column list."""
    kolommen_schema = []
    for kolom in kolommen:
        beschrijving = {
            "name": kolom.naam,
            "titles": kolom.naam,
            "dc:description": str(kolom.beschrijving),
            "datatype": kolom.datatype,
        }
        if kolom.lijst:
            beschrijving["separator"] = SCHEIDING
        if kolom.verplicht:
            beschrijving["required"] = True
        kolommen_schema.append(beschrijving)
    metadata = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "nl"}],
        "url": csv_url,
        "dc:title": titel,
        "dc:publisher": UITGEVER,
        "dc:license": {"@id": LICENTIE_URL},
        "dc:rights": LICENTIE,
        "dc:source": bronvermelding(),
        # The day the data describe (the peildatum), and the day this file was made.
        "dc:temporal": peildatum.isoformat(),
        "dc:created": date.today().isoformat(),
        "dialect": {"encoding": "utf-8", "delimiter": ",", "header": True},
        "tableSchema": {"columns": kolommen_schema},
    }
    if bijgewerkt is not None:
        metadata["dc:modified"] = bijgewerkt.isoformat()
    return metadata


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


class Categorie(models.TextChoices):
    """What the portal knows of a municipality's designation of its Wmo supervisor."""

    REGISTER = "register", gettext_lazy("Aanwijzingsbesluit in het register")
    TOEZICHTSKADER = (
        "toezichtskader",
        gettext_lazy("Aanwijzing bekend uit een toezichtskader (besluit niet in het register)"),
    )
    NIET_BEKEND = "niet-bekend", gettext_lazy("Niet bekend")


@dataclass
class Stand:
    """One municipality: its approved designations in the register, else those a framework
    reports, else nothing known."""

    gemeente: object
    aanwijzingen: list = field(default_factory=list)
    kaders: list = field(default_factory=list)

    @property
    def categorie(self):
        if self.aanwijzingen:
            return Categorie.REGISTER
        return Categorie.TOEZICHTSKADER if self.kaders else Categorie.NIET_BEKEND

    @property
    def bronnen(self):
        """What the category rests on: the register's decisions, or the frameworks."""
        return self.aanwijzingen if self.aanwijzingen else self.kaders

    @property
    def naam_met_bereik(self):
        """The name, with the kinds of voorziening where a designation covers only some."""
        beperkt = [b.voorzieningen_label() for b in self.bronnen if not b.alle_voorzieningen]
        if not beperkt:
            return self.gemeente.naam
        return _("%(naam)s (alleen %(soorten)s)") % {"naam": self.gemeente.naam, "soorten": "; ".join(beperkt).lower()}


@dataclass
class Groep:
    naam: str
    standen: list = field(default_factory=list)

    def _in(self, categorie):
        return [s for s in self.standen if s.categorie == categorie]

    @property
    def register(self):
        return self._in(Categorie.REGISTER)

    @property
    def toezichtskader(self):
        return self._in(Categorie.TOEZICHTSKADER)

    @property
    def niet_bekend(self):
        return self._in(Categorie.NIET_BEKEND)

    def aandeel(self, standen):
        return round(100 * len(standen) / len(self.standen)) if self.standen else 0

    @property
    def aandeel_register(self):
        return self.aandeel(self.register)

    @property
    def aandeel_toezichtskader(self):
        return self.aandeel(self.toezichtskader)

    @property
    def aandeel_niet_bekend(self):
        return self.aandeel(self.niet_bekend)


@dataclass
class Kader:
    """A framework's designation as the coverage view cites it."""

    model: object
    gemeenten: list = field(default_factory=list)
    bron_pagina: object = None  # its kennisbank page, if the user may see it

    @property
    def toezichthouder(self):
        return self.model.toezichthouder

    @property
    def alle_voorzieningen(self):
        return self.model.alle_voorzieningen

    def voorzieningen_label(self):
        return self.model.voorzieningen_label()


@dataclass
class Dekking:
    peildatum: date
    standen: list
    per_regio: list
    per_provincie: list
    kaders: list

    @property
    def totaal(self):
        return len(self.standen)

    def _in(self, categorie):
        return [s.gemeente.naam for s in self.standen if s.categorie == categorie]

    @property
    def met_aanwijzing(self):
        return self._in(Categorie.REGISTER)

    @property
    def uit_toezichtskader(self):
        return self._in(Categorie.TOEZICHTSKADER)

    @property
    def niet_bekend(self):
        return self._in(Categorie.NIET_BEKEND)


def aantallen(dekking):
    """(category, label, number of municipalities) for each category."""
    return [(c.value, c.label, sum(1 for s in dekking.standen if s.categorie == c)) for c in Categorie]


def bekende_aanwijzingen(peildatum):
    return (
        BekendeAanwijzing.objects.geldig_op(peildatum)
        .select_related("toezichthouder", "bron_pagina")
        .prefetch_related("gemeenten", "voorzieningsoorten")
        .order_by("slug")
    )


def dekking(user, peildatum=None):
    peildatum = peildatum or date.today()
    gemeenten = list(Gemeente.objects.prefetch_related("regios").order_by("naam"))
    standen = {g.pk: Stand(g) for g in gemeenten}
    for aanwijzing in goedgekeurde_aanwijzingen(user, peildatum):
        standen[aanwijzing.gemeente_id].aanwijzingen.append(aanwijzing)
    bekend = list(bekende_aanwijzingen(peildatum))
    paginas = zichtbare_paginas({b.bron_pagina_id for b in bekend} - {None}, user)
    kaders = []
    for item in bekend:
        kader = Kader(item, bron_pagina=paginas.get(item.bron_pagina_id))
        for gemeente in item.gemeenten.all():
            standen[gemeente.pk].kaders.append(kader)
            kader.gemeenten.append(gemeente.naam)
        kader.gemeenten.sort()
        kaders.append(kader)
    regios, provincies = {}, {}
    for gemeente in gemeenten:
        regio = gemeente.ggd_regio
        for groepen, naam in (
            (regios, regio.naam if regio else _("Geen GGD-regio bekend")),
            # Provinces are in none of the portal's sources; they are not derived here.
            (provincies, gemeente.provincie or _("Provincie niet bekend in de bronnen")),
        ):
            groepen.setdefault(naam, Groep(naam)).standen.append(standen[gemeente.pk])
    return Dekking(
        peildatum=peildatum,
        standen=[standen[g.pk] for g in gemeenten],
        per_regio=[regios[k] for k in sorted(regios)],
        per_provincie=[provincies[k] for k in sorted(provincies)],
        kaders=kaders,
    )


def _samen(waarden):
    return SCHEIDING.join(waarden)


DEKKING_KOLOMMEN = (
    Kolom("gemeentecode", gettext_lazy("CBS-code van de gemeente, zoals GM0599"), lambda s: s.gemeente.cbs_code),
    Kolom("gemeente", gettext_lazy("Naam van de gemeente"), lambda s: s.gemeente.naam),
    Kolom(
        "ggd_regio",
        gettext_lazy("GGD-regio van de gemeente volgens het CBS (context, geen aanwijzing)"),
        lambda s: s.gemeente.ggd_regio.naam if s.gemeente.ggd_regio else "",
    ),
    Kolom(
        "provincie",
        gettext_lazy("Provincie; leeg zolang de bronnen van het portaal geen provincies kennen"),
        lambda s: s.gemeente.provincie,
    ),
    Kolom(
        "categorie",
        gettext_lazy(
            "register (aanwijzingsbesluit in het register), toezichtskader (aanwijzing bekend uit een "
            "toezichtskader, besluit niet in het register) of niet-bekend"
        ),
        lambda s: s.categorie.value,
    ),
    Kolom("categorie_naam", gettext_lazy("De categorie in woorden"), lambda s: str(s.categorie.label)),
    Kolom(
        "toezichthouder",
        gettext_lazy("Slug van de aangewezen toezichthouder(s), gescheiden door ;"),
        lambda s: _samen(b.toezichthouder.slug for b in s.bronnen),
        lijst=True,
    ),
    Kolom(
        "toezichthouder_naam",
        gettext_lazy("Naam van de aangewezen toezichthouder(s), gescheiden door ;"),
        lambda s: _samen(b.toezichthouder.naam for b in s.bronnen),
        lijst=True,
    ),
    Kolom(
        "voorzieningen",
        gettext_lazy("Voor welke soorten voorziening, per aanwijzing, gescheiden door ;"),
        lambda s: _samen(b.voorzieningen_label() for b in s.bronnen),
        lijst=True,
    ),
    Kolom(
        "besluit_datum",
        gettext_lazy("Datum van elk aanwijzingsbesluit in het register (jjjj-mm-dd), gescheiden door ;"),
        lambda s: _samen(a.besluit_datum.isoformat() for a in s.aanwijzingen),
        datatype="date",
        lijst=True,
    ),
    Kolom(
        "besluit_url",
        gettext_lazy("Publicatie van elk aanwijzingsbesluit in het register, gescheiden door ;"),
        lambda s: _samen(a.besluit_url for a in s.aanwijzingen),
        datatype="anyURI",
        lijst=True,
    ),
    Kolom(
        "bron",
        gettext_lazy(
            "Bij categorie toezichtskader: het kader dat de aanwijzing noemt (uitgever, titel, jaar, paragraaf)"
        ),
        lambda s: "" if s.aanwijzingen else _samen(k.model.bron for k in s.kaders),
        lijst=True,
    ),
    Kolom(
        "bron_url",
        gettext_lazy("Bij categorie toezichtskader: de pagina van dat kader in de kennisbank van het portaal"),
        lambda s: "" if s.aanwijzingen else _samen(page_url(k.bron_pagina) for k in s.kaders if k.bron_pagina),
        datatype="anyURI",
        lijst=True,
    ),
)
