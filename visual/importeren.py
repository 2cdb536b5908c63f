"""Editors import approved designations from a CSV file (the columns of the open data):
a dry run shows what would change; a file with a bad row is named row by row and nothing
of it is saved."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kennisbank.models import Voorzieningsoort
from portal.models import Gemeente, als_cbs_code

from .models import Aanwijzing, AanwijzingWijziging, Toezichthouder
from .opendata import KOLOMMEN, SCHEIDING

VERPLICHT = [k.naam for k in KOLOMMEN if k.verplicht]
BEKEND = {k.naam for k in KOLOMMEN}
MAX_BYTES = 1024 * 1024


@dataclass
class Regel:
    nummer: int
    gemeente: object
    toezichthouder: object  # None for a new one, named in nieuwe_toezichthouder
    besluit_datum: date
    besluit_url: str
    voorzieningen: list
    geldig_vanaf: date = None
    geldig_tot: date = None
    bestaand: object = None
    nieuwe_toezichthouder: str = ""
    nieuwe_toezichthouder_soort: str = ""

    @property
    def toezichthouder_naam(self):
        return self.toezichthouder.naam if self.toezichthouder else self.nieuwe_toezichthouder

    @property
    def actie(self):
        if self.bestaand:
            return _("ongewijzigd (staat al in het register)")
        if self.toezichthouder is None:
            return _("nieuw, met een nieuwe toezichthouder: %(naam)s (%(soort)s)") % {
                "naam": self.nieuwe_toezichthouder,
                "soort": Aanwijzing.SoortToezichthouder(self.nieuwe_toezichthouder_soort).label.lower(),
            }
        return _("nieuw")


@dataclass
class Resultaat:
    regels: list = field(default_factory=list)
    fouten: list = field(default_factory=list)
    opgeslagen: int = 0

    @property
    def nieuw(self):
        return [r for r in self.regels if r.bestaand is None]


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


def lees(bestand):
    """Parse and check every row; return a Resultaat without saving anything."""
    resultaat = Resultaat()
    inhoud = bestand.read(MAX_BYTES + 1)
    if len(inhoud) > MAX_BYTES:
        resultaat.fouten.append(_("Het bestand is groter dan 1 MB."))
        return resultaat
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        resultaat.fouten.append(_("Het bestand is geen tekst in UTF-8."))
        return resultaat
    lezer = csv.DictReader(io.StringIO(tekst))
    if not _kolommen_kloppen(lezer.fieldnames or [], resultaat.fouten):
        return resultaat
    aanwijsbaar = {}
    soorten = {v.slug: v for v in Voorzieningsoort.objects.all()}
    url = URLValidator(schemes=["https"])
    for nummer, rij in enumerate(lezer, start=2):
        fouten = []
        rij = {k: (v or "").strip() for k, v in rij.items() if k}
        gemeente = Gemeente.objects.filter(cbs_code=als_cbs_code(rij["gemeentecode"])).first()
        if gemeente is None:
            fouten.append(
                _("Regel %(n)s: onbekende gemeentecode '%(w)s'.") % {"n": nummer, "w": rij["gemeentecode"][:20]}
            )
        toezichthouder, nieuw = None, ("", "")
        if gemeente is not None:
            if gemeente.pk not in aanwijsbaar:
                aanwijsbaar[gemeente.pk] = list(Toezichthouder.objects.aanwijsbaar_door(gemeente))
            toezichthouder, nieuw = _toezichthouder(rij, nummer, aanwijsbaar[gemeente.pk], fouten)
        besluit_datum = _datum(rij.get("besluit_datum"), "besluit_datum", nummer, fouten, verplicht=True)
        vanaf = _datum(rij.get("geldig_vanaf"), "geldig_vanaf", nummer, fouten)
        tot = _datum(rij.get("geldig_tot"), "geldig_tot", nummer, fouten)
        if vanaf and tot and tot < vanaf:
            fouten.append(_("Regel %(n)s: 'geldig_tot' ligt voor 'geldig_vanaf'.") % {"n": nummer})
        try:
            url(rij["besluit_url"])
        except ValidationError:
            fouten.append(
                _("Regel %(n)s: 'besluit_url' is geen https-adres, zoals de publicatie in het gemeenteblad.")
                % {"n": nummer}
            )
        slugs = [s.strip() for s in rij.get("voorzieningsoorten", "").split(SCHEIDING) if s.strip()]
        onbekend = [s for s in slugs if s not in soorten]
        if onbekend:
            fouten.append(
                _("Regel %(n)s: onbekende soort voorziening: %(s)s.") % {"n": nummer, "s": ", ".join(onbekend)[:100]}
            )
        if fouten:
            resultaat.fouten.extend(fouten)
            continue
        bestaand = toezichthouder and (
            Aanwijzing.objects.filter(
                gemeente=gemeente, toezichthouder=toezichthouder, besluit_datum=besluit_datum
            ).first()
        )
        resultaat.regels.append(
            Regel(
                nummer=nummer,
                gemeente=gemeente,
                toezichthouder=toezichthouder,
                besluit_datum=besluit_datum,
                besluit_url=rij["besluit_url"],
                voorzieningen=[soorten[s] for s in slugs],
                geldig_vanaf=vanaf,
                geldig_tot=tot,
                bestaand=bestaand,
                nieuwe_toezichthouder=nieuw[0],
                nieuwe_toezichthouder_soort=nieuw[1],
            )
        )
    if not resultaat.regels and not resultaat.fouten:
        resultaat.fouten.append(_("Het bestand heeft geen regels met aanwijzingen."))
    return resultaat


def importeer(resultaat, user):
    """Save the new designations of a checked file, all or nothing, as approved by the
    editor who imports them, each with its history."""
    if resultaat.fouten:
        return resultaat
    with transaction.atomic():
        for regel in resultaat.nieuw:
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
                beoordeeld_op=timezone.now(),
            )
            # Imported designations are approved by the editor who imports them: a new
            # supervisor is taken up now, as on approval.
            aanwijzing.neem_toezichthouder_op()
            aanwijzing.save()
            aanwijzing.voorzieningsoorten.set(regel.voorzieningen)
            aanwijzing.log(user, AanwijzingWijziging.Actie.VASTGELEGD, {}, _("Import uit CSV"))
            resultaat.opgeslagen += 1
    return resultaat
