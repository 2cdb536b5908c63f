"""Membership changes become permission changes; invitations take effect at sign-in; the search
index and the private storage follow the space's content.

Spaces, documents, messages and tasks are registered with the search (search.py), so the search's
own save and delete signals index them; what is left here is what those signals cannot see: a new
version changes its document's text, a space's new title changes the context of everything in it,
and a deleted space leaves no document behind under a number a new space may get. Memberships need
no reindex at all: the index stores the space's principal, not its members.
"""

import logging

from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

logger = logging.getLogger(__name__)


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


def _reindex_later(model, **lookup):
    from .search import reindex

    def run():
        for instance in model.objects.filter(**lookup).select_related(*_space_relation(model)):
            try:
                reindex(instance)
            except Exception:
                # Saving never fails because of the search index.
                logger.exception("Zoekindex niet bijgewerkt voor %r", instance)

    transaction.on_commit(run, robust=True)


def _space_relation(model):
    from .models import Samenwerkingsruimte

    return () if model is Samenwerkingsruimte else ("ruimte",)


def on_version_saved(sender, instance, **kwargs):
    from .models import Document

    _reindex_later(Document, pk=instance.document_id)


def on_version_deleted(sender, instance, **kwargs):
    from .models import Document

    storage, name = instance.bestand.storage, instance.bestand.name
    # After the commit: a rolled-back delete keeps its file.
    if name:
        transaction.on_commit(lambda: storage.delete(name), robust=True)
    _reindex_later(Document, pk=instance.document_id)


def on_space_saving(sender, instance, **kwargs):
    from .models import Samenwerkingsruimte

    before = Samenwerkingsruimte.objects.filter(pk=instance.pk).values_list("titel", flat=True).first()
    instance._titel_before = before


def on_space_saved(sender, instance, created, **kwargs):
    from .models import Bericht, Document, Melding, Onderzoek, Taak

    # The space's title is the context of every hit in it.
    if not created and getattr(instance, "_titel_before", instance.titel) != instance.titel:
        for model in (Document, Bericht, Taak, Onderzoek, Melding):
            _reindex_later(model, ruimte_id=instance.pk)


def on_space_deleted(sender, instance, **kwargs):
    from .search import remove_space_documents

    # Its content's own delete signals removed their documents already; this also removes any
    # left behind, so a new space with this number never finds the old one's.
    remove_space_documents(instance.pk)
    folder = f"ruimte-{instance.pk}"
    transaction.on_commit(lambda: _remove_empty_folder(folder), robust=True)


def _remove_empty_folder(name):
    import os

    from .models import DocumentVersie

    storage = DocumentVersie._meta.get_field("bestand").storage
    try:
        path = storage.path(name)
    except NotImplementedError:
        # Object storage has no folders to leave behind.
        return
    try:
        os.rmdir(path)
    except OSError:
        pass


def connect():
    from . import toezicht_signals
    from .models import DocumentVersie, Lidmaatschap, Melding, Samenwerkingsruimte
    from .models.toezicht import on_report_documents_changed

    toezicht_signals.connect()
    # Part of the rule that a report is never published (models/toezicht.py).
    m2m_changed.connect(
        on_report_documents_changed, sender=Melding.documenten.through, dispatch_uid="samenwerking_meldingdocumenten"
    )
    post_save.connect(on_membership_saved, sender=Lidmaatschap, dispatch_uid="samenwerking_lid_saved")
    post_delete.connect(on_membership_deleted, sender=Lidmaatschap, dispatch_uid="samenwerking_lid_deleted")
    user_logged_in.connect(on_user_logged_in, dispatch_uid="samenwerking_uitnodigingen")
    post_save.connect(on_version_saved, sender=DocumentVersie, dispatch_uid="samenwerking_versie_saved")
    post_delete.connect(on_version_deleted, sender=DocumentVersie, dispatch_uid="samenwerking_versie_deleted")
    pre_save.connect(on_space_saving, sender=Samenwerkingsruimte, dispatch_uid="samenwerking_ruimte_saving")
    post_save.connect(on_space_saved, sender=Samenwerkingsruimte, dispatch_uid="samenwerking_ruimte_saved")
    post_delete.connect(on_space_deleted, sender=Samenwerkingsruimte, dispatch_uid="samenwerking_ruimte_deleted")
