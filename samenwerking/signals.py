"""Membership changes become permission changes; invitations take effect at sign-in."""

from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone


def on_membership_saved(sender, instance, **kwargs):
    from .permissions import sync_principal

    sync_principal(instance.ruimte, instance.principal)


def on_membership_deleted(sender, instance, **kwargs):
    from .models import Samenwerkingsruimte
    from .permissions import sync_principal

    # When the whole space goes, its permission rows go with it (direct foreign keys).
    ruimte = Samenwerkingsruimte.objects.filter(pk=instance.ruimte_id).first()
    if ruimte is not None:
        sync_principal(ruimte, instance.principal)


@transaction.atomic
def accept_invitations(user):
    """An invitation to this user's address becomes a membership at their first sign-in."""
    from . import notificaties
    from .models import AuditLogEntry, Lidmaatschap, Uitnodiging

    for uitnodiging in Uitnodiging.objects.open().filter(email__iexact=user.email).select_related("ruimte"):
        lid, created = Lidmaatschap.objects.get_or_create(
            ruimte=uitnodiging.ruimte, gebruiker=user, defaults={"rol": uitnodiging.rol}
        )
        if created:
            notificaties.members_added(uitnodiging.ruimte, lid, afzender=uitnodiging.uitgenodigd_door)
        uitnodiging.geaccepteerd_op = timezone.now()
        uitnodiging.save(update_fields=["geaccepteerd_op"])
        AuditLogEntry.log(
            user,
            AuditLogEntry.Actie.LID_GEWORDEN,
            AuditLogEntry.Kanaal.AANMELDEN,
            ruimte=uitnodiging.ruimte,
            obj=uitnodiging,
        )


def on_user_logged_in(sender, request, user, **kwargs):
    accept_invitations(user)


def connect():
    from .models import Lidmaatschap

    post_save.connect(on_membership_saved, sender=Lidmaatschap, dispatch_uid="samenwerking_lid_saved")
    post_delete.connect(on_membership_deleted, sender=Lidmaatschap, dispatch_uid="samenwerking_lid_deleted")
    user_logged_in.connect(on_user_logged_in, dispatch_uid="samenwerking_uitnodigingen")
