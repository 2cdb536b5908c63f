"""What supervisors do with a calamity or violence report, once, for pages and API alike.

Each step checks the policy (contribute on the report's space), checks that the report's status
allows it (a report only moves forward: received, self-investigation running, in assessment, in
follow-up, closed), checks its dates against the report's own dates and today, changes the data
in one transaction and writes the audit log, naming the object by number only. A refusal raises
PermissionDenied or ValidationError with a Dutch message (keyed by field where it is about one,
so a page shows it next to its field). The forms and the GraphQL arguments only parse.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import termijnen
from .actions import require
from .models import AuditLogEntry, Melding, MeldingBrief, MeldingUitstel, Zelfonderzoek

Actie = AuditLogEntry.Actie
Status = Melding.Status

# The statuses in which each step may be taken; anything else is refused with its reason.
VOOR_ZELFONDERZOEK = (Status.ONTVANGEN, Status.ZELFONDERZOEK)


def _locked(melding):
    return Melding.objects.select_for_update().get(pk=melding.pk)


def _refuse_closed(melding):
    if melding.status == Status.AFGESLOTEN:
        raise ValidationError(_("De melding is afgesloten; er kan niets meer aan worden toegevoegd."))


def _tekst(value, limit, veld, label, verplicht=None):
    """A free text as it is stored: without NUL characters, stripped, at most `limit` long;
    `verplicht` is the message for an empty one where it is required."""
    value = (value or "").replace("\x00", "").strip()
    if verplicht and not value:
        raise ValidationError({veld: verplicht})
    if len(value) > limit:
        raise ValidationError({veld: _("%(veld)s is hoogstens %(n)d tekens lang.") % {"veld": label, "n": limit}})
    return value


def _datum(value, veld, label, niet_voor=None, fout_voor=""):
    """A date of the report's course: given, not in the future, not before `niet_voor`."""
    if value is None:
        raise ValidationError({veld: _("Vul een datum in.")})
    if value > timezone.localdate():
        raise ValidationError({veld: _("%(veld)s kan niet in de toekomst liggen.") % {"veld": label}})
    if niet_voor is not None and value < niet_voor:
        raise ValidationError({veld: fout_voor})
    return value


def create_report(user, ruimte, kanaal, data):
    """A new report, its clock running: `data` holds soort, aanbieder, gemeenten,
    coordinerende_organisatie, datum_gebeurtenis, datum_gemeld, samenvatting and betrokkenen."""
    require(user, "contribute", ruimte, kanaal)
    data = dict(data)
    gemeenten = data.pop("gemeenten", None) or []
    gebeurtenis = _datum(data.get("datum_gebeurtenis"), "datum_gebeurtenis", _("De datum van de gebeurtenis"))
    _datum(
        data.get("datum_gemeld"),
        "datum_gemeld",
        _("De datum van de melding"),
        niet_voor=gebeurtenis,
        fout_voor=_("De melding kan niet vóór de gebeurtenis zijn gedaan."),
    )
    data["samenvatting"] = _tekst(
        data.get("samenvatting"), 8000, "samenvatting", _("De samenvatting"), verplicht=_("Vat de melding kort samen.")
    )
    data["betrokkenen"] = _tekst(data.get("betrokkenen"), 2000, "betrokkenen", _("De lijst van betrokkenen"))
    with transaction.atomic():
        melding = Melding(ruimte=ruimte, aangemaakt_door=user, status=Status.ZELFONDERZOEK, **data)
        melding.full_clean(exclude=["zelfonderzoek_uiterlijk", "tijdig_gemeld", "meldtermijn_werkdagen"])
        melding.save()
        melding.gemeenten.set(gemeenten)
        AuditLogEntry.log(user, Actie.AANGEMAAKT, kanaal, ruimte=ruimte, obj=melding)
    return melding


def extend(user, melding, kanaal, nieuwe_termijn, reden):
    """A new due date for the self-investigation, with its reasons, while it has not been
    received; a date on a weekend or holiday runs to the next working day."""
    require(user, "contribute", melding.ruimte, kanaal)
    reden = _tekst(reden, 2000, "reden", _("De onderbouwing"), verplicht=_("Geef de onderbouwing van het uitstel."))
    if nieuwe_termijn is None:
        raise ValidationError({"nieuwe_termijn": _("Vul een datum in.")})
    with transaction.atomic():
        melding = _locked(melding)
        _refuse_closed(melding)
        if melding.status not in VOOR_ZELFONDERZOEK:
            raise ValidationError(_("Het zelfonderzoek is al ontvangen; uitstel van de termijn is niet meer nodig."))
        if nieuwe_termijn <= melding.zelfonderzoek_uiterlijk:
            raise ValidationError(
                {
                    "nieuwe_termijn": _("De nieuwe termijn moet later zijn dan de huidige termijn (%(datum)s).")
                    % {"datum": melding.zelfonderzoek_uiterlijk.strftime("%d-%m-%Y")}
                }
            )
        uitstel = MeldingUitstel.objects.create(
            melding=melding, nieuwe_termijn=termijnen.volgende_werkdag(nieuwe_termijn), reden=reden, door=user
        )
        melding.save()
        AuditLogEntry.log(user, Actie.GEWIJZIGD, kanaal, ruimte=melding.ruimte, obj=uitstel, toelichting="uitstel")
    return melding


def receive_self_investigation(user, melding, kanaal, ontvangen_op, document=None, toelichting=""):
    require(user, "contribute", melding.ruimte, kanaal)
    toelichting = _tekst(toelichting, 4000, "toelichting", _("De toelichting"))
    with transaction.atomic():
        melding = _locked(melding)
        _refuse_closed(melding)
        if melding.status not in VOOR_ZELFONDERZOEK or Zelfonderzoek.objects.filter(melding=melding).exists():
            raise ValidationError(_("Het zelfonderzoek van deze melding is al ontvangen."))
        _datum(
            ontvangen_op,
            "ontvangen_op",
            _("De datum van ontvangst"),
            niet_voor=melding.datum_gemeld,
            fout_voor=_("Het zelfonderzoek kan niet vóór de melding zijn ontvangen."),
        )
        if document is not None and document.ruimte_id != melding.ruimte_id:
            raise ValidationError({"document": _("Kies een document van deze ruimte.")})
        zelfonderzoek = Zelfonderzoek.objects.create(
            melding=melding, ontvangen_op=ontvangen_op, document=document, toelichting=toelichting
        )
        if document is not None:
            melding.documenten.add(document)
        melding.status = Status.BEOORDELING
        melding.save()
        AuditLogEntry.log(
            user, Actie.GEWIJZIGD, kanaal, ruimte=melding.ruimte, obj=zelfonderzoek, toelichting="zelfonderzoek"
        )
    return melding


def assess(user, melding, kanaal, beoordeling, toelichting, beoordeeld_op):
    """The assessment of the self-investigation, with one of the framework's outcomes."""
    require(user, "contribute", melding.ruimte, kanaal)
    if beoordeling not in Melding.Beoordeling.values:
        raise ValidationError({"beoordeling": _("Kies een van de uitkomsten van het toezichtskader.")})
    toelichting = _tekst(
        toelichting, 4000, "beoordeling_toelichting", _("De toelichting"), verplicht=_("Licht de beoordeling toe.")
    )
    with transaction.atomic():
        melding = _locked(melding)
        _refuse_closed(melding)
        if melding.status in VOOR_ZELFONDERZOEK:
            raise ValidationError(_("Het zelfonderzoek is nog niet ontvangen; beoordelen kan daarna."))
        if melding.status != Status.BEOORDELING:
            raise ValidationError(_("De melding is al beoordeeld."))
        ontvangen = Zelfonderzoek.objects.filter(melding=melding).values_list("ontvangen_op", flat=True).first()
        _datum(
            beoordeeld_op,
            "beoordeeld_op",
            _("De datum van de beoordeling"),
            niet_voor=ontvangen,
            fout_voor=_("De beoordeling kan niet vóór de ontvangst van het zelfonderzoek zijn."),
        )
        melding.beoordeling = beoordeling
        melding.beoordeling_toelichting = toelichting
        melding.beoordeeld_op = beoordeeld_op
        melding.status = Status.OPVOLGING
        melding.save()
        AuditLogEntry.log(user, Actie.GEWIJZIGD, kanaal, ruimte=melding.ruimte, obj=melding, toelichting="beoordeling")
    return melding


def send_letter(user, melding, kanaal, soort, verzonden_op, kopie_aan, document=None, toelichting=""):
    """The letter with the findings, or the closing letter, which closes the report. It goes to
    the provider, with a copy to the aldermen of the municipalities in `kopie_aan`."""
    require(user, "contribute", melding.ruimte, kanaal)
    if soort not in MeldingBrief.Soort.values:
        raise ValidationError(_("Kies de brief met de bevindingen of de afsluitbrief."))
    toelichting = _tekst(toelichting, 4000, "toelichting", _("De toelichting"))
    with transaction.atomic():
        melding = _locked(melding)
        _refuse_closed(melding)
        if melding.status != Status.OPVOLGING:
            raise ValidationError(
                _("Eerst wordt het zelfonderzoek beoordeeld; daarna volgt de brief aan de aanbieder.")
            )
        _datum(
            verzonden_op,
            "verzonden_op",
            _("De verzenddatum"),
            niet_voor=melding.beoordeeld_op,
            fout_voor=_("De brief kan niet vóór de beoordeling zijn verzonden."),
        )
        if document is not None and document.ruimte_id != melding.ruimte_id:
            raise ValidationError({"document": _("Kies een document van deze ruimte.")})
        brief = MeldingBrief.objects.create(
            melding=melding, soort=soort, verzonden_op=verzonden_op, document=document, toelichting=toelichting
        )
        brief.kopie_aan.set(kopie_aan)
        if document is not None:
            melding.documenten.add(document)
        if soort == MeldingBrief.Soort.AFSLUITING:
            melding.status = Status.AFGESLOTEN
            melding.afgesloten_op = verzonden_op
            melding.save()
        AuditLogEntry.log(user, Actie.GEWIJZIGD, kanaal, ruimte=melding.ruimte, obj=brief, toelichting=soort)
    return melding
