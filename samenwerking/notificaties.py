"""Who hears of what happens in a space: called from the one place where each thing happens.

Every notification goes to members who may see its object (a coordinator-only document to the
coordinators only), never to the one who did it. Mail is never sent from here: the mails of
those who chose "direct" are enqueued for the worker once the transaction has committed, so a
slow or failing mail server never delays or breaks a request.
"""

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from .models import Document, Notificatie, NotificatieVoorkeur, Taak
from .models.notificatie import Frequentie, Soort
from .policy import policy

logger = logging.getLogger(__name__)


def notify(soort, ruimte, recipients, afzender=None, **objects):
    users = [u for u in recipients if u.is_active and (afzender is None or u.pk != afzender.pk)]
    if not users:
        return []
    items = Notificatie.objects.bulk_create(
        [Notificatie(ontvanger=u, soort=soort, ruimte=ruimte, **objects) for u in users]
    )
    keuzes = NotificatieVoorkeur.for_users(users, soort)
    direct = [n.pk for n in items if keuzes[n.ontvanger_id] == Frequentie.DIRECT]
    if direct:
        transaction.on_commit(lambda: _enqueue_mails(direct), robust=True)
    return items


def _enqueue_mails(pks):
    from .tasks import send_notification_mail

    for pk in pks:
        send_notification_mail.enqueue(pk)


def members_added(ruimte, lid, afzender=None):
    """An invitation took effect: the invited person, or every colleague of the organisation."""
    if lid.gebruiker_id:
        recipients = [lid.gebruiker]
    else:
        recipients = list(lid.organisatie.groep.user_set.filter(is_active=True))
    return notify(Soort.UITNODIGING, ruimte, recipients, afzender)


def invitation_waiting(uitnodiging):
    """An address without an account gets one neutral mail; the membership follows at sign-in."""
    from .tasks import send_invitation_mail

    transaction.on_commit(lambda: send_invitation_mail.enqueue(uitnodiging.pk), robust=True)


def document_added(document, afzender):
    action = "manage" if document.vertrouwelijkheid == Document.Vertrouwelijkheid.ALLEEN_COORDINATOREN else "view"
    recipients = policy.users_with_permission_for_instance(action, document.ruimte)
    return notify(Soort.NIEUW_DOCUMENT, document.ruimte, recipients, afzender, document=document)


def message_posted(bericht, afzender):
    recipients = policy.users_with_permission_for_instance("view", bericht.ruimte)
    return notify(Soort.NIEUW_BERICHT, bericht.ruimte, recipients, afzender, bericht=bericht)


def task_assigned(taak, afzender):
    if taak.toegewezen_aan is None:
        return []
    recipients = policy.users_with_permission_for_instance("view", taak.ruimte).filter(pk=taak.toegewezen_aan_id)
    return notify(Soort.TAAK_TOEGEWEZEN, taak.ruimte, recipients, afzender, taak=taak)


def notify_tasks_due_tomorrow(today=None):
    """Tell each assignee once of their open tasks due tomorrow; running it again adds nothing."""
    morgen = (today or timezone.localdate()) + timedelta(days=1)
    taken = (
        Taak.objects.open()
        .filter(deadline=morgen, ruimte__status="open", toegewezen_aan__is_active=True)
        .exclude(
            Exists(
                Notificatie.objects.filter(
                    soort=Soort.TAAK_MORGEN_VERLOPEN, taak=OuterRef("pk"), ontvanger=OuterRef("toegewezen_aan")
                )
            )
        )
        .select_related("ruimte", "toegewezen_aan")
    )
    created = []
    for taak in taken:
        recipients = policy.users_with_permission_for_instance("view", taak.ruimte).filter(pk=taak.toegewezen_aan_id)
        try:
            with transaction.atomic():
                created += notify(Soort.TAAK_MORGEN_VERLOPEN, taak.ruimte, recipients, taak=taak)
        except IntegrityError:
            # Another run got there first: the unique constraint keeps it to one.
            logger.info("Herinnering voor taak %s bestond al", taak.pk)
    return created
