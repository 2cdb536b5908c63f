"""What users do in a space, once, for the pages and the GraphQL API alike.

Each action checks the policy, changes the data in one transaction and writes the audit log.
A refusal raises PermissionDenied (the caller answers 404 or null: nobody learns whether a
space exists) or ValidationError with a Dutch message.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from portal.models import User

from . import notificaties
from .extract import extract_text
from .models import (
    AuditLogEntry,
    Bericht,
    Document,
    DocumentVersie,
    Lidmaatschap,
    Samenwerkingsruimte,
    Taak,
    Uitnodiging,
)
from .policy import policy
from .refusals import log_refusal

Actie = AuditLogEntry.Actie


def require(user, action, ruimte, kanaal):
    """Refuse (and log the refusal) unless the user may do `action` in the space. The log row
    outlives the rollback of the atomic block the refusal ends: see samenwerking/refusals.py."""
    if not policy.user_has_permission_for_instance(user, action, ruimte):
        log_refusal(user, kanaal, ruimte=ruimte, toelichting=action)
        raise PermissionDenied


@transaction.atomic
def create_space(user, kanaal, titel, doel, soort, organisaties=()):
    if user is None or not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    ruimte = Samenwerkingsruimte.objects.create(titel=titel, doel=doel, soort=soort, aangemaakt_door=user)
    ruimte.organisaties.set(organisaties)
    Lidmaatschap.objects.create(ruimte=ruimte, gebruiker=user, rol=Lidmaatschap.Rol.COORDINATOR)
    AuditLogEntry.log(user, Actie.AANGEMAAKT, kanaal, ruimte=ruimte, obj=ruimte)
    return ruimte


def _require_members_admin(user, ruimte, kanaal):
    """Coordinators manage members; a superuser only when no coordinator can (and it is logged)."""
    if policy.user_has_permission_for_instance(user, "manage", ruimte):
        return
    if policy.spaces_needing_administrator(user).filter(pk=ruimte.pk).exists():
        AuditLogEntry.log(user, Actie.BEHEER_DOOR_SUPERUSER, kanaal, ruimte=ruimte, obj=ruimte)
        return
    require(user, "manage", ruimte, kanaal)


@transaction.atomic
def invite(user, ruimte, kanaal, rol, email="", organisatie=None):
    _require_members_admin(user, ruimte, kanaal)
    if rol not in Lidmaatschap.Rol.values:
        raise ValidationError(_("Kies een rol: coördinator, deelnemer of meelezer."))
    if organisatie is not None:
        lid, created = Lidmaatschap.objects.get_or_create(ruimte=ruimte, organisatie=organisatie, defaults={"rol": rol})
        if not created:
            raise ValidationError(_("Deze organisatie is al lid van de ruimte."))
        AuditLogEntry.log(user, Actie.UITGENODIGD, kanaal, ruimte=ruimte, obj=lid)
        notificaties.members_added(ruimte, lid, afzender=user)
        return lid
    email = (email or "").strip().lower()
    if not email:
        raise ValidationError(_("Vul een e-mailadres in of kies een organisatie."))
    bestaand = User.objects.filter(email__iexact=email, is_active=True).first()
    if bestaand is not None:
        lid, created = Lidmaatschap.objects.get_or_create(ruimte=ruimte, gebruiker=bestaand, defaults={"rol": rol})
        if not created:
            raise ValidationError(_("Deze persoon is al lid van de ruimte."))
        AuditLogEntry.log(user, Actie.UITGENODIGD, kanaal, ruimte=ruimte, obj=lid)
        notificaties.members_added(ruimte, lid, afzender=user)
        return lid
    uitnodiging, created = Uitnodiging.objects.get_or_create(
        ruimte=ruimte, email=email, defaults={"rol": rol, "uitgenodigd_door": user}
    )
    if not created:
        raise ValidationError(_("Dit e-mailadres is al uitgenodigd."))
    AuditLogEntry.log(user, Actie.UITGENODIGD, kanaal, ruimte=ruimte, obj=uitnodiging)
    notificaties.invitation_waiting(uitnodiging)
    return uitnodiging


def _coordinators_left(ruimte, without):
    return ruimte.lidmaatschappen.coordinatoren().exclude(pk=without.pk).exists()


@transaction.atomic
def change_role(user, lid, kanaal, rol):
    ruimte = lid.ruimte
    _require_members_admin(user, ruimte, kanaal)
    if rol not in Lidmaatschap.Rol.values:
        raise ValidationError(_("Kies een rol: coördinator, deelnemer of meelezer."))
    if lid.rol == Lidmaatschap.Rol.COORDINATOR and rol != lid.rol and not _coordinators_left(ruimte, lid):
        raise ValidationError(_("Een ruimte houdt minstens één coördinator. Maak eerst een ander lid coördinator."))
    lid.rol = rol
    lid.save(update_fields=["rol"])
    AuditLogEntry.log(user, Actie.ROL_GEWIJZIGD, kanaal, ruimte=ruimte, obj=lid, toelichting=rol)
    return lid


@transaction.atomic
def remove_member(user, lid, kanaal):
    ruimte = lid.ruimte
    _require_members_admin(user, ruimte, kanaal)
    if lid.rol == Lidmaatschap.Rol.COORDINATOR and not _coordinators_left(ruimte, lid):
        raise ValidationError(
            _("De laatste coördinator kan niet worden verwijderd. Maak eerst een ander lid coördinator.")
        )
    AuditLogEntry.log(user, Actie.VERWIJDERD, kanaal, ruimte=ruimte, obj=lid)
    lid.delete()


@transaction.atomic
def leave(user, ruimte, kanaal, opvolger=None):
    lid = ruimte.lidmaatschappen.filter(gebruiker=user).first()
    if lid is None:
        raise ValidationError(_("U bent geen persoonlijk lid van deze ruimte; u bent lid via uw organisatie."))
    if lid.rol == Lidmaatschap.Rol.COORDINATOR and not _coordinators_left(ruimte, lid):
        if opvolger is None or opvolger.ruimte_id != ruimte.pk or opvolger.pk == lid.pk:
            raise ValidationError(_("U bent de laatste coördinator. Kies wie de ruimte van u overneemt."))
        opvolger.rol = Lidmaatschap.Rol.COORDINATOR
        opvolger.save(update_fields=["rol"])
        AuditLogEntry.log(user, Actie.ROL_GEWIJZIGD, kanaal, ruimte=ruimte, obj=opvolger, toelichting="coordinator")
    AuditLogEntry.log(user, Actie.VERLATEN, kanaal, ruimte=ruimte, obj=lid)
    lid.delete()


@transaction.atomic
def update_space(user, ruimte, kanaal, **fields):
    require(user, "manage", ruimte, kanaal)
    organisaties = fields.pop("organisaties", None)
    for name, value in fields.items():
        setattr(ruimte, name, value)
    ruimte.full_clean()
    ruimte.save()
    if organisaties is not None:
        ruimte.organisaties.set(organisaties)
    AuditLogEntry.log(user, Actie.GEWIJZIGD, kanaal, ruimte=ruimte, obj=ruimte)
    return ruimte


def _store_version(user, document, upload, checked):
    nummer = (document.versies.aggregate(m=Max("nummer"))["m"] or 0) + 1
    versie = DocumentVersie(
        document=document,
        nummer=nummer,
        bestandsnaam=checked.bestandsnaam,
        mime_type=checked.mime_type,
        grootte=checked.grootte,
        geupload_door=user,
        tekst=extract_text(upload, checked.mime_type),
    )
    versie.bestand.save(checked.bestandsnaam, upload, save=False)
    try:
        versie.save()
    except Exception:
        # Nothing half-saved: no file in the private storage without its row.
        versie.bestand.delete(save=False)
        raise
    return versie


@transaction.atomic
def upload_document(user, ruimte, kanaal, upload, checked, naam="", vertrouwelijkheid=None):
    require(user, "contribute", ruimte, kanaal)
    vertrouwelijkheid = vertrouwelijkheid or Document.Vertrouwelijkheid.HELE_RUIMTE
    if (
        vertrouwelijkheid == Document.Vertrouwelijkheid.ALLEEN_COORDINATOREN
        and not policy.user_has_permission_for_instance(user, "manage", ruimte)
    ):
        raise ValidationError(_("Alleen coördinatoren kunnen een document voor coördinatoren alleen plaatsen."))
    naam = (naam or "").strip() or checked.bestandsnaam
    document = Document.objects.create(
        ruimte=ruimte, naam=naam[:200], vertrouwelijkheid=vertrouwelijkheid, aangemaakt_door=user
    )
    _store_version(user, document, upload, checked)
    AuditLogEntry.log(user, Actie.AANGEMAAKT, kanaal, ruimte=ruimte, obj=document)
    notificaties.document_added(document, user)
    return document


@transaction.atomic
def add_version(user, document, kanaal, upload, checked):
    require(user, "contribute", document.ruimte, kanaal)
    versie = _store_version(user, document, upload, checked)
    AuditLogEntry.log(user, Actie.AANGEMAAKT, kanaal, ruimte=document.ruimte, obj=versie)
    return versie


@transaction.atomic
def post_message(user, ruimte, kanaal, tekst, antwoord_op=None):
    require(user, "contribute", ruimte, kanaal)
    tekst = (tekst or "").replace("\x00", "").strip()
    if not tekst:
        raise ValidationError(_("Schrijf een bericht."))
    if len(tekst) > 10000:
        raise ValidationError(_("Een bericht is hoogstens 10.000 tekens lang."))
    if antwoord_op is not None and antwoord_op.ruimte_id != ruimte.pk:
        raise ValidationError(_("Het bericht waarop u antwoordt bestaat niet in deze ruimte."))
    bericht = Bericht.objects.create(ruimte=ruimte, auteur=user, tekst=tekst, antwoord_op=antwoord_op)
    AuditLogEntry.log(user, Actie.AANGEMAAKT, kanaal, ruimte=ruimte, obj=bericht)
    notificaties.message_posted(bericht, user)
    return bericht


@transaction.atomic
def create_task(user, ruimte, kanaal, titel, omschrijving="", toegewezen_aan=None, deadline=None):
    from .members import users_of

    require(user, "contribute", ruimte, kanaal)
    titel = (titel or "").replace("\x00", "").strip()
    if not titel:
        raise ValidationError(_("Geef de taak een titel."))
    if toegewezen_aan is not None and not users_of(ruimte).filter(pk=toegewezen_aan.pk).exists():
        raise ValidationError(_("Een taak kan alleen aan een lid van de ruimte worden toegewezen."))
    taak = Taak.objects.create(
        ruimte=ruimte,
        titel=titel[:200],
        omschrijving=omschrijving or "",
        toegewezen_aan=toegewezen_aan,
        deadline=deadline,
        aangemaakt_door=user,
    )
    AuditLogEntry.log(user, Actie.AANGEMAAKT, kanaal, ruimte=ruimte, obj=taak)
    notificaties.task_assigned(taak, user)
    return taak


@transaction.atomic
def complete_task(user, taak, kanaal, gedaan=True):
    require(user, "contribute", taak.ruimte, kanaal)
    taak.gedaan = gedaan
    taak.save(update_fields=["gedaan"])
    AuditLogEntry.log(
        user, Actie.GEWIJZIGD, kanaal, ruimte=taak.ruimte, obj=taak, toelichting="gedaan" if gedaan else "heropend"
    )
    return taak
