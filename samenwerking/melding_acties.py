"""What supervisors do with a calamity or violence report, once, for pages and API alike.

Each step checks the policy (contribute on the report's space), checks that the report's status
allows it (a report only moves forward: received, self-investigation running, in assessment, in
follow-up, closed), changes the data in one transaction and writes the audit log, naming the
object by number only. A refusal raises PermissionDenied or ValidationError with a Dutch message.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

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


def create_report(user, ruimte, kanaal, data):
    require(user, "contribute", ruimte, kanaal)
    with transaction.atomic():
        gemeenten = data.pop("gemeenten", [])
        melding = Melding(ruimte=ruimte, aangemaakt_door=user, status=Status.ZELFONDERZOEK, **data)
        melding.full_clean(exclude=["zelfonderzoek_uiterlijk", "tijdig_gemeld"])
        melding.save()
        melding.gemeenten.set(gemeenten)
        AuditLogEntry.log(user, Actie.AANGEMAAKT, kanaal, ruimte=ruimte, obj=melding)
    return melding


def extend(user, melding, kanaal, nieuwe_termijn, reden):
    require(user, "contribute", melding.ruimte, kanaal)
    with transaction.atomic():
        melding = _locked(melding)
        _refuse_closed(melding)
        if melding.status not in VOOR_ZELFONDERZOEK:
            raise ValidationError(_("Het zelfonderzoek is al ontvangen; uitstel van de termijn is niet meer nodig."))
        if nieuwe_termijn <= melding.zelfonderzoek_uiterlijk:
            raise ValidationError(
                _("De nieuwe termijn moet later zijn dan de huidige termijn (%(datum)s).")
                % {"datum": melding.zelfonderzoek_uiterlijk.strftime("%d-%m-%Y")}
            )
        uitstel = MeldingUitstel.objects.create(melding=melding, nieuwe_termijn=nieuwe_termijn, reden=reden, door=user)
        melding.save()
        AuditLogEntry.log(user, Actie.GEWIJZIGD, kanaal, ruimte=melding.ruimte, obj=uitstel, toelichting="uitstel")
    return melding


def receive_self_investigation(user, melding, kanaal, ontvangen_op, document=None, toelichting=""):
    require(user, "contribute", melding.ruimte, kanaal)
    with transaction.atomic():
        melding = _locked(melding)
        _refuse_closed(melding)
        if melding.status not in VOOR_ZELFONDERZOEK or Zelfonderzoek.objects.filter(melding=melding).exists():
            raise ValidationError(_("Het zelfonderzoek van deze melding is al ontvangen."))
        if document is not None and document.ruimte_id != melding.ruimte_id:
            raise ValidationError(_("Kies een document van deze ruimte."))
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
    require(user, "contribute", melding.ruimte, kanaal)
    with transaction.atomic():
        melding = _locked(melding)
        _refuse_closed(melding)
        if melding.status in VOOR_ZELFONDERZOEK:
            raise ValidationError(_("Het zelfonderzoek is nog niet ontvangen; beoordelen kan daarna."))
        if melding.status != Status.BEOORDELING:
            raise ValidationError(_("De melding is al beoordeeld."))
        melding.beoordeling = beoordeling
        melding.beoordeling_toelichting = toelichting
        melding.beoordeeld_op = beoordeeld_op
        melding.status = Status.OPVOLGING
        melding.save()
        AuditLogEntry.log(user, Actie.GEWIJZIGD, kanaal, ruimte=melding.ruimte, obj=melding, toelichting="beoordeling")
    return melding


def send_letter(user, melding, kanaal, soort, verzonden_op, kopie_aan, document=None, toelichting=""):
    """The letter with the findings, or the closing letter, which closes the report."""
    require(user, "contribute", melding.ruimte, kanaal)
    with transaction.atomic():
        melding = _locked(melding)
        _refuse_closed(melding)
        if melding.status != Status.OPVOLGING:
            raise ValidationError(
                _("Eerst wordt het zelfonderzoek beoordeeld; daarna volgt de brief aan de aanbieder.")
            )
        if document is not None and document.ruimte_id != melding.ruimte_id:
            raise ValidationError(_("Kies een document van deze ruimte."))
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
