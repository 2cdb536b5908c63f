"""Background tasks of the spaces (django-tasks, backend "achtergrond"): the notification mails.

A mail that fails is tried again: the task enqueues itself with the next delay of
`NOTIFICATIE_MAIL_HERKANSINGEN` (run_after, on a backend that can defer) and gives up, logged,
after the last one. Each attempt looks again at whether the mail is still due, so a member
removed in the meantime, or a notification read in the portal, gets no mail.
"""

import logging
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from django_tasks import task

from .mails import digest_mail, invitation_mail, notification_mail
from .models import Notificatie, NotificatieVoorkeur, Uitnodiging
from .models.notificatie import Frequentie

logger = logging.getLogger(__name__)


def _retry(this, poging, *args):
    delays = settings.NOTIFICATIE_MAIL_HERKANSINGEN
    if poging > len(delays):
        logger.error("%s: definitief mislukt na %d pogingen (%s)", this.name, poging, args)
        return
    nxt = this
    if this.get_backend().supports_defer:
        nxt = this.using(run_after=timezone.now() + timedelta(seconds=delays[poging - 1]))
    logger.warning("%s: poging %d mislukt (%s), opnieuw over %d s", this.name, poging, args, delays[poging - 1])
    nxt.enqueue(*args, poging=poging + 1)


def _send(this, message, poging, *args):
    try:
        message.send()
    except Exception:
        _retry(this, poging, *args)
        raise


@task(backend="achtergrond")
def send_notification_mail(notificatie_id, poging=1):
    item = Notificatie.objects.select_related("ontvanger").filter(pk=notificatie_id).first()
    if item is None or item.gemaild_op is not None or item.gelezen_op is not None:
        return "niet meer nodig"
    user = item.ontvanger
    if not Notificatie.objects.viewable_by_user(user).filter(pk=item.pk).exists():
        return "niet meer nodig"
    if NotificatieVoorkeur.for_users([user], item.soort)[user.pk] != Frequentie.DIRECT:
        return "niet meer nodig"
    _send(send_notification_mail, notification_mail(item), poging, notificatie_id)
    Notificatie.objects.filter(pk=item.pk).update(gemaild_op=timezone.now())
    return "verstuurd"


@task(backend="achtergrond")
def send_invitation_mail(uitnodiging_id, poging=1):
    item = Uitnodiging.objects.open().filter(pk=uitnodiging_id).first()
    if item is None:
        return "niet meer nodig"
    _send(send_invitation_mail, invitation_mail(item), poging, uitnodiging_id)
    return "verstuurd"


def digest_pending(user):
    """The notifications the daily overview of this user will count."""
    soorten = [soort for soort, keuze in NotificatieVoorkeur.for_user(user).items() if keuze == Frequentie.DAGELIJKS]
    return Notificatie.objects.viewable_by_user(user).ongelezen().filter(gemaild_op__isnull=True, soort__in=soorten)


@task(backend="achtergrond")
def send_digest(gebruiker_id, poging=1):
    user = get_user_model().objects.filter(pk=gebruiker_id, is_active=True).first()
    if user is None:
        return "niet meer nodig"
    pending = list(digest_pending(user).values_list("pk", "soort"))
    if not pending:
        return "niet meer nodig"
    aantallen = Counter(soort for _pk, soort in pending)
    _send(send_digest, digest_mail(user, aantallen), poging, gebruiker_id)
    Notificatie.objects.filter(pk__in=[pk for pk, _soort in pending]).update(gemaild_op=timezone.now())
    return "verstuurd"


def enqueue_digests():
    """One overview task per user with something to count; the command for cron calls this."""
    pending = Notificatie.objects.filter(gemaild_op__isnull=True, gelezen_op__isnull=True)
    users = (
        get_user_model()
        .objects.filter(is_active=True, pk__in=pending.values("ontvanger"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    queued = 0
    for pk in users:
        send_digest.enqueue(pk)
        queued += 1
    return queued


def _daily_commands():
    """The configured daily commands that exist (an app may not be installed)."""
    from django.core.management import get_commands

    known = get_commands()
    return [name for name in settings.DAGELIJKSE_RONDE_COMMANDOS if name in known]


def next_round_at(now=None):
    """The next moment of DAGELIJKSE_RONDE_TIJD ("HH:MM", local time) after now."""
    hour, minute = (int(part) for part in settings.DAGELIJKSE_RONDE_TIJD.split(":"))
    local = timezone.localtime(now or timezone.now())
    at = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return at if at > local else at + timedelta(days=1)


@task(backend="achtergrond")
def daily_round():
    """The daily jobs (reminders, terms, overview mails), then the next round planned. Every job
    is idempotent, so a round that runs twice, or late after the worker was down, adds nothing."""
    from django.core.management import call_command

    done = []
    for name in _daily_commands():
        try:
            call_command(name)
            done.append(name)
        except Exception:
            logger.exception("dagelijkse ronde: %s mislukt", name)
    if daily_round.get_backend().supports_defer:
        plan_daily_round(force=True)
    return done


def plan_daily_round(force=False):
    """Plan the next daily round unless one is planned already; returns its time or None.
    `make run` calls this at start, so the portal needs no cron."""
    backend = daily_round.get_backend()
    if not backend.supports_defer:
        return None
    if not force:
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        path = f"{daily_round.func.__module__}.{daily_round.func.__qualname__}"
        # Planned means waiting (READY, also when its time has not come) or being run now.
        waiting = [TaskResultStatus.READY, TaskResultStatus.RUNNING]
        if DBTaskResult.objects.filter(task_path=path, status__in=waiting).exists():
            return None
    at = next_round_at()
    daily_round.using(run_after=at).enqueue()
    return at
