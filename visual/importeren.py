"""Editors import approved designations from a CSV file with the columns of the open data
(visual.opendata.KOLOMMEN).

Every row gets one outcome, and the dry run and the import give the same ones:
- nieuw: not in the register; added as an approved designation (a supervisor the portal
  does not know yet is taken up, as on approval);
- gewijzigd: an approved designation of the same municipality, supervisor and decision
  date with other values (named, before and after); those values are written over it;
- ongewijzigd: that designation with the same values; nothing is done;
- wacht op beoordeling / eerder afgewezen / eerder ingetrokken: the municipality recorded
  this decision and it is not approved. The import does not decide over the review: the row
  is not applied, and says where to review it or that the municipality may submit it again;
- fout: the row cannot be read, or repeats an earlier row of the file. One such row and
  nothing of the file is saved.
The changes are saved in one transaction: all of them or none."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kennisbank.models import Voorzieningsoort
from portal.models import Gemeente, als_cbs_code

from .models import Aanwijzing, AanwijzingWijziging, Toezichthouder
from .opendata import KOLOMMEN, SCHEIDING

VERPLICHT = [k.naam for k in KOLOMMEN if k.verplicht]
BEKEND = {k.naam for k in KOLOMMEN}
MAX_BYTES = 1024 * 1024
# The values of a row that an approved designation may differ in.
VERGELEKEN = ("besluit_url", "voorzieningsoorten", "geldig_vanaf", "geldig_tot")


class Uitkomst(models.TextChoices):
    NIEUW = "nieuw", gettext_lazy("nieuw")
    GEWIJZIGD = "gewijzigd", gettext_lazy("gewijzigd")
    ONGEWIJZIGD = "ongewijzigd", gettext_lazy("ongewijzigd")
    WACHT = "wacht", gettext_lazy("wacht op beoordeling")
    AFGEWEZEN = "afgewezen", gettext_lazy("eerder afgewezen")
    INGETROKKEN = "ingetrokken", gettext_lazy("eerder ingetrokken")
    FOUT = "fout", gettext_lazy("fout")


TOEGEPAST = {Uitkomst.NIEUW, Uitkomst.GEWIJZIGD}
NIET_GOEDGEKEURD = {
    Aanwijzing.Status.INGEDIEND: Uitkomst.WACHT,
    Aanwijzing.Status.AFGEWEZEN: Uitkomst.AFGEWEZEN,
    Aanwijzing.Status.INGETROKKEN: Uitkomst.INGETROKKEN,
}
# Which record of the register a row is about, when several share its key.
VOORRANG = [Aanwijzing.Status.GOEDGEKEURD, *NIET_GOEDGEKEURD]


@dataclass
class Regel:
    nummer: int
    uitkomst: str = Uitkomst.FOUT
    gemeente: object = None
    toezichthouder: object = None  # None for a new one, named in nieuwe_toezichthouder
    nieuwe_toezichthouder: str = ""
    nieuwe_toezichthouder_soort: str = ""
    besluit_datum: date = None
    besluit_url: str = ""
    voorzieningen: list = field(default_factory=list)
    geldig_vanaf: date = None
    geldig_tot: date = None
    bestaand: object = None
    verschillen: list = field(default_factory=list)  # (column, in the register, in the file)
    fouten: list = field(default_factory=list)
    # The compared columns the file has: a column it leaves out keeps the register's value.
    gegeven: tuple = VERGELEKEN

    @property
    def toezichthouder_naam(self):
        return self.toezichthouder.naam if self.toezichthouder else self.nieuwe_toezichthouder

    @property
    def uitkomst_label(self):
        return Uitkomst(self.uitkomst).label

    @property
    def toelichting(self):
        """What happens to this row, in words."""
        if self.uitkomst == Uitkomst.FOUT:
            return " ".join(self.fouten)
        if self.uitkomst == Uitkomst.NIEUW:
            if self.toezichthouder is None:
                return _("Wordt toegevoegd, met een nieuwe toezichthouder: %(naam)s (%(soort)s).") % {
                    "naam": self.nieuwe_toezichthouder,
                    "soort": Aanwijzing.SoortToezichthouder(self.nieuwe_toezichthouder_soort).label.lower(),
                }
            return _("Wordt toegevoegd als goedgekeurde aanwijzing.")
        if self.uitkomst == Uitkomst.GEWIJZIGD:
            delen = [f"{veld}: {_toon(veld, voor)} → {_toon(veld, na)}" for veld, voor, na in self.verschillen]
            return "; ".join(delen) + "."
        if self.uitkomst == Uitkomst.ONGEWIJZIGD:
            return _("Staat zo al in het register.")
        if self.uitkomst == Uitkomst.WACHT:
            return _(
                "De gemeente heeft deze aanwijzing vastgelegd en zij wacht op beoordeling; niet ingelezen. "
                "Beoordeel haar in het register."
            )
        bestaand = self.bestaand
        wanneer = ""
        if bestaand.beoordeeld_op:
            wanneer = _(" op %(datum)s") % {"datum": date_format(bestaand.beoordeeld_op, "j F Y")}
        opmerking = f" ({bestaand.beoordeling})" if bestaand.beoordeling else ""
        tekst = _(
            "%(status)s%(wanneer)s%(opmerking)s; niet ingelezen. De gemeente kan haar gewijzigd opnieuw indienen."
        )
        return tekst % {
            "status": str(bestaand.get_status_display()),
            "wanneer": wanneer,
            "opmerking": opmerking,
        }

    def waarden(self):
        """The compared values as the open data writes them."""
        return {
            "besluit_url": self.besluit_url,
            "voorzieningsoorten": SCHEIDING.join(sorted(v.slug for v in self.voorzieningen)),
            "geldig_vanaf": self.geldig_vanaf.isoformat() if self.geldig_vanaf else "",
            "geldig_tot": self.geldig_tot.isoformat() if self.geldig_tot else "",
        }


@dataclass
class Resultaat:
    regels: list = field(default_factory=list)
    bestandsfouten: list = field(default_factory=list)
    opgeslagen: bool = False

    @property
    def fouten(self):
        return [*self.bestandsfouten, *(f for r in self.regels for f in r.fouten)]

    def aantallen(self):
        """(outcome label, number of rows) for every outcome that occurs, in the order above."""
        return [
            (label, n)
            for waarde, label in Uitkomst.choices
            if (n := sum(1 for r in self.regels if r.uitkomst == waarde))
        ]


def _toon(veld, waarde):
    if veld == "voorzieningsoorten" and not waarde:
        return str(_("alle Wmo-voorzieningen"))
    return waarde or "–"


def _waarden_van(aanwijzing):
    return {
        "besluit_url": aanwijzing.besluit_url,
        "voorzieningsoorten": ""
        if aanwijzing.alle_voorzieningen
        else SCHEIDING.join(sorted(v.slug for v in aanwijzing.voorzieningsoorten.all())),
        "geldig_vanaf": aanwijzing.geldig_vanaf.isoformat() if aanwijzing.geldig_vanaf else "",
        "geldig_tot": aanwijzing.geldig_tot.isoformat() if aanwijzing.geldig_tot else "",
    }


def _datum(waarde, veld, nummer, fouten, verplicht=False):
    waarde = (waarde or "").strip()
    if not waarde:
        if verplicht:
            fouten.append(_("Regel %(n)s: '%(veld)s' ontbreekt.") % {"n": nummer, "veld": veld})
        return None
    try:
        return date.fromisoformat(waarde)
    except ValueError:
        fouten.append(
            _("Regel %(n)s: '%(veld)s' is geen datum (jjjj-mm-dd): '%(w)s'.")
            % {"n": nummer, "veld": veld, "w": waarde[:40]}
        )
        return None


def _toezichthouder(rij, nummer, aanwijsbaar, fouten):
    """The supervisor a row names: by slug one the college may designate; else by name one
    it may designate, or a new one of the kind the row gives, returned as (name, kind)."""
    slug, naam = rij.get("toezichthouder", ""), rij.get("toezichthouder_naam", "")
    soort = rij.get("toezichthouder_soort", "")
    bij_slug = {t.slug: t for t in aanwijsbaar}
    if slug in bij_slug:
        return bij_slug[slug], ("", "")
    bekend = Toezichthouder.objects.filter(slug=slug).first() if slug else None
    if bekend is not None:
        fouten.append(
            _("Regel %(n)s: %(naam)s is een %(soort)s; een college wijst die niet aan als toezichthouder Wmo.")
            % {"n": nummer, "naam": bekend.naam, "soort": bekend.get_soort_display().lower()}
        )
        return None, ("", "")
    bij_naam = {t.naam.lower(): t for t in aanwijsbaar}
    if naam.lower() in bij_naam:
        return bij_naam[naam.lower()], ("", "")
    if not naam:
        fouten.append(
            _(
                "Regel %(n)s: onbekende toezichthouder '%(w)s'; geef de slug van een bekende, of de naam en "
                "soort van een nieuwe in 'toezichthouder_naam' en 'toezichthouder_soort'."
            )
            % {"n": nummer, "w": slug[:60]}
        )
        return None, ("", "")
    if Toezichthouder.objects.filter(naam__iexact=naam).exists():
        fouten.append(
            _("Regel %(n)s: %(naam)s kan een college niet aanwijzen als toezichthouder Wmo.")
            % {"n": nummer, "naam": naam[:100]}
        )
        return None, ("", "")
    if soort not in Aanwijzing.SoortToezichthouder.values:
        fouten.append(
            _("Regel %(n)s: nieuwe toezichthouder %(naam)s: 'toezichthouder_soort' moet %(lijst)s zijn.")
            % {"n": nummer, "naam": naam[:100], "lijst": _(" of ").join(Aanwijzing.SoortToezichthouder.values)}
        )
        return None, ("", "")
    return None, (naam[:255], soort)


def _kolommen_kloppen(kolommen, fouten):
    ontbrekend = [k for k in VERPLICHT if k not in kolommen]
    if ontbrekend:
        fouten.append(_("Kolommen ontbreken: %(k)s.") % {"k": ", ".join(ontbrekend)})
    onbekend = [k for k in kolommen if k and k not in BEKEND]
    if onbekend:
        fouten.append(
            _("Onbekende kolommen: %(k)s. Gebruik de kolommen van de open data: %(lijst)s.")
            % {"k": ", ".join(onbekend)[:200], "lijst": ", ".join(k.naam for k in KOLOMMEN)}
        )
    if "voorzieningen" in kolommen and "voorzieningsoorten" not in kolommen:
        # 'voorzieningen' is the kinds in words; reading it as slugs would lose them.
        fouten.append(
            _(
                "De kolom 'voorzieningen' geeft de soorten voorziening in woorden en wordt niet ingelezen; "
                "zet de slugs in de kolom 'voorzieningsoorten' (gescheiden door ;, leeg voor alle)."
            )
        )
    return not fouten


def _sleutel(regel):
    """Which decision a row is about: municipality, supervisor and date of the decision."""
    wie = regel.toezichthouder.pk if regel.toezichthouder else ("nieuw", regel.nieuwe_toezichthouder.lower())
    return regel.gemeente.pk, wie, regel.besluit_datum


def _in_register(regel):
    if regel.toezichthouder is not None:
        gelijk = Aanwijzing.objects.filter(toezichthouder=regel.toezichthouder)
    else:
        gelijk = Aanwijzing.objects.filter(
            toezichthouder__isnull=True, nieuwe_toezichthouder__iexact=regel.nieuwe_toezichthouder
        )
    gevonden = list(
        gelijk.filter(gemeente=regel.gemeente, besluit_datum=regel.besluit_datum).prefetch_related("voorzieningsoorten")
    )
    gevonden.sort(key=lambda a: (VOORRANG.index(a.status), a.pk))
    return gevonden


def _beoordeel(regel):
    """The outcome of a row that could be read, against the register."""
    gevonden = _in_register(regel)
    goedgekeurd = [a for a in gevonden if a.status == Aanwijzing.Status.GOEDGEKEURD]
    if len(goedgekeurd) > 1:
        regel.fouten.append(
            _(
                "Regel %(n)s: het register heeft dit besluit %(aantal)s keer als goedgekeurde aanwijzing; "
                "maak dat eerst in het register goed."
            )
            % {"n": regel.nummer, "aantal": len(goedgekeurd)}
        )
        return Uitkomst.FOUT
    if not gevonden:
        return Uitkomst.NIEUW
    regel.bestaand = gevonden[0]
    if regel.bestaand.status != Aanwijzing.Status.GOEDGEKEURD:
        return NIET_GOEDGEKEURD[regel.bestaand.status]
    voor, na = _waarden_van(regel.bestaand), regel.waarden()
    regel.verschillen = [(veld, voor[veld], na[veld]) for veld in regel.gegeven if voor[veld] != na[veld]]
    return Uitkomst.GEWIJZIGD if regel.verschillen else Uitkomst.ONGEWIJZIGD


def _lees_regel(nummer, rij, soorten, aanwijsbaar, gegeven):
    regel = Regel(nummer=nummer, gegeven=gegeven)
    fouten = regel.fouten
    gemeente = Gemeente.objects.filter(cbs_code=als_cbs_code(rij.get("gemeentecode", ""))).first()
    if gemeente is None:
        fouten.append(
            _("Regel %(n)s: onbekende gemeentecode '%(w)s'.") % {"n": nummer, "w": rij.get("gemeentecode", "")[:20]}
        )
    else:
        if gemeente.pk not in aanwijsbaar:
            aanwijsbaar[gemeente.pk] = list(Toezichthouder.objects.aanwijsbaar_door(gemeente))
        regel.toezichthouder, nieuw = _toezichthouder(rij, nummer, aanwijsbaar[gemeente.pk], fouten)
        regel.nieuwe_toezichthouder, regel.nieuwe_toezichthouder_soort = nieuw
    regel.gemeente = gemeente
    regel.besluit_datum = _datum(rij.get("besluit_datum"), "besluit_datum", nummer, fouten, verplicht=True)
    regel.geldig_vanaf = _datum(rij.get("geldig_vanaf"), "geldig_vanaf", nummer, fouten)
    regel.geldig_tot = _datum(rij.get("geldig_tot"), "geldig_tot", nummer, fouten)
    if regel.geldig_vanaf and regel.geldig_tot and regel.geldig_tot < regel.geldig_vanaf:
        fouten.append(_("Regel %(n)s: 'geldig_tot' ligt voor 'geldig_vanaf'.") % {"n": nummer})
    regel.besluit_url = rij.get("besluit_url", "")
    try:
        URLValidator(schemes=["https"])(regel.besluit_url)
    except ValidationError:
        fouten.append(
            _("Regel %(n)s: 'besluit_url' is geen https-adres, zoals de publicatie in het gemeenteblad.")
            % {"n": nummer}
        )
    slugs = list(dict.fromkeys(s.strip() for s in rij.get("voorzieningsoorten", "").split(SCHEIDING) if s.strip()))
    onbekend = [s for s in slugs if s not in soorten]
    if onbekend:
        fouten.append(
            _("Regel %(n)s: onbekende soort voorziening: %(s)s.") % {"n": nummer, "s": ", ".join(onbekend)[:100]}
        )
    regel.voorzieningen = [soorten[s] for s in slugs if s in soorten]
    return regel


def lees(bestand):
    """Read and check every row and give each its outcome; nothing is saved."""
    resultaat = Resultaat()
    inhoud = bestand.read(MAX_BYTES + 1)
    if len(inhoud) > MAX_BYTES:
        resultaat.bestandsfouten.append(_("Het bestand is groter dan 1 MB."))
        return resultaat
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        resultaat.bestandsfouten.append(_("Het bestand is geen tekst in UTF-8."))
        return resultaat
    lezer = csv.DictReader(io.StringIO(tekst))
    if not _kolommen_kloppen(lezer.fieldnames or [], resultaat.bestandsfouten):
        return resultaat
    soorten = {v.slug: v for v in Voorzieningsoort.objects.all()}
    gegeven = tuple(veld for veld in VERGELEKEN if veld in lezer.fieldnames)
    aanwijsbaar, eerder = {}, {}
    for nummer, rij in enumerate(lezer, start=2):
        rij = {k: (v or "").strip() for k, v in rij.items() if k and isinstance(v, str)}
        regel = _lees_regel(nummer, rij, soorten, aanwijsbaar, gegeven)
        resultaat.regels.append(regel)
        if regel.fouten:
            continue
        sleutel = _sleutel(regel)
        if sleutel in eerder:
            regel.fouten.append(
                _(
                    "Regel %(n)s: dezelfde aanwijzing (gemeente, toezichthouder en datum van het besluit) als "
                    "regel %(eerder)s; noem elk besluit één keer."
                )
                % {"n": nummer, "eerder": eerder[sleutel]}
            )
            continue
        eerder[sleutel] = nummer
        regel.uitkomst = _beoordeel(regel)
    if not resultaat.regels and not resultaat.bestandsfouten:
        resultaat.bestandsfouten.append(_("Het bestand heeft geen regels met aanwijzingen."))
    return resultaat


def _voeg_toe(regel, user, nu):
    aanwijzing = Aanwijzing(
        gemeente=regel.gemeente,
        toezichthouder=regel.toezichthouder,
        nieuwe_toezichthouder=regel.nieuwe_toezichthouder,
        nieuwe_toezichthouder_soort=regel.nieuwe_toezichthouder_soort,
        alle_voorzieningen=not regel.voorzieningen,
        besluit_datum=regel.besluit_datum,
        besluit_url=regel.besluit_url,
        geldig_vanaf=regel.geldig_vanaf,
        geldig_tot=regel.geldig_tot,
        toelichting=_("Geïmporteerd uit een CSV-bestand door de redactie."),
        status=Aanwijzing.Status.GOEDGEKEURD,
        ingediend_door=user,
        beoordeeld_door=user,
        beoordeeld_op=nu,
    )
    # Imported designations are approved by the editor who imports them: a new
    # supervisor is taken up now, as on approval.
    aanwijzing.neem_toezichthouder_op()
    aanwijzing.save()
    aanwijzing.voorzieningsoorten.set(regel.voorzieningen)
    aanwijzing.log(user, AanwijzingWijziging.Actie.VASTGELEGD, {}, _("Import uit CSV"))


def _werk_bij(regel, user, nu):
    aanwijzing = regel.bestaand
    voor = aanwijzing.snapshot()
    gewijzigd = {veld for veld, _voor, _na in regel.verschillen}
    if "besluit_url" in gewijzigd:
        aanwijzing.besluit_url = regel.besluit_url
    if "geldig_vanaf" in gewijzigd:
        aanwijzing.geldig_vanaf = regel.geldig_vanaf
    if "geldig_tot" in gewijzigd:
        aanwijzing.geldig_tot = regel.geldig_tot
    if "voorzieningsoorten" in gewijzigd:
        aanwijzing.alle_voorzieningen = not regel.voorzieningen
        aanwijzing.voorzieningsoorten.set(regel.voorzieningen)
    # The editor who imports the new values approves them.
    aanwijzing.beoordeeld_door, aanwijzing.beoordeeld_op = user, nu
    aanwijzing.save()
    aanwijzing.log(user, AanwijzingWijziging.Actie.GEWIJZIGD, voor, _("Import uit CSV"))


def importeer(resultaat, user):
    """Apply exactly what the outcomes say, all or nothing, as approved by the editor who
    imports, each change with its history. A file with a bad row saves nothing."""
    if resultaat.fouten:
        return resultaat
    nu = timezone.now()
    with transaction.atomic():
        for regel in resultaat.regels:
            if regel.uitkomst == Uitkomst.NIEUW:
                _voeg_toe(regel, user, nu)
            elif regel.uitkomst == Uitkomst.GEWIJZIGD:
                _werk_bij(regel, user, nu)
    resultaat.opgeslagen = True
    return resultaat


def lees_en_importeer(bestand, user):
    """Read and apply in one transaction, so that what is applied is what was read."""
    with transaction.atomic():
        return importeer(lees(bestand), user)
