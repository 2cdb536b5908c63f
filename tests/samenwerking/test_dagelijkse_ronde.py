"""The daily round: planned by `make run` (plan_daily_round), run by the worker, planning the
next one itself, so the portal needs no cron."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

import pytest

from samenwerking.models import Notificatie, NotificatieVoorkeur
from samenwerking.tasks import next_round_at

from .factories import LidmaatschapFactory, TaakFactory
from .test_notificaties import DATABASE_TASKS, _worker

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 12, 2, 6, 59, tzinfo=AMSTERDAM), datetime(2026, 12, 2, 7, 0, tzinfo=AMSTERDAM)),
        (datetime(2026, 12, 2, 7, 0, tzinfo=AMSTERDAM), datetime(2026, 12, 3, 7, 0, tzinfo=AMSTERDAM)),
        (datetime(2026, 12, 2, 23, 30, tzinfo=AMSTERDAM), datetime(2026, 12, 3, 7, 0, tzinfo=AMSTERDAM)),
        # The night summer time ends: still seven o'clock local time.
        (datetime(2026, 10, 24, 8, 0, tzinfo=AMSTERDAM), datetime(2026, 10, 25, 7, 0, tzinfo=AMSTERDAM)),
    ],
)
def test_next_round_is_the_next_seven_oclock_local_time(now, expected):
    assert next_round_at(now) == expected


@override_settings(TASKS=DATABASE_TASKS)
def test_planning_twice_plans_one_round():
    from django_tasks_db.models import DBTaskResult

    call_command("plan_daily_round")
    call_command("plan_daily_round")
    rounds = DBTaskResult.objects.filter(task_path="samenwerking.tasks.daily_round")
    assert rounds.count() == 1
    assert rounds.get().run_after == next_round_at()


@override_settings(TASKS=DATABASE_TASKS)
def test_the_worker_runs_the_round_and_plans_the_next(monkeypatch):
    from django_tasks_db.models import DBTaskResult

    taak = TaakFactory(deadline=timezone.localdate() + timezone.timedelta(days=1))
    lid = LidmaatschapFactory(ruimte=taak.ruimte)
    taak.toegewezen_aan = lid.gebruiker
    taak.save()
    NotificatieVoorkeur.objects.create(gebruiker=lid.gebruiker, soort="taak_morgen_verlopen", frequentie="dagelijks")
    call_command("plan_daily_round")
    # Due now: the round that was planned for seven o'clock.
    DBTaskResult.objects.update(run_after=timezone.now())
    mail.outbox.clear()
    _worker(monkeypatch)
    assert list(Notificatie.objects.filter(taak=taak).values_list("ontvanger", "soort")) == [
        (lid.gebruiker.pk, "taak_morgen_verlopen")
    ]
    # The overview mail of that reminder is enqueued by the round and sent by the same worker run.
    assert [m.to for m in mail.outbox] == [[lid.gebruiker.email]]
    statuses = sorted(
        DBTaskResult.objects.filter(task_path="samenwerking.tasks.daily_round").values_list("status", flat=True)
    )
    assert statuses == ["READY", "SUCCESSFUL"]
    nxt = DBTaskResult.objects.get(task_path="samenwerking.tasks.daily_round", status="READY")
    assert nxt.run_after == next_round_at()


def test_without_a_deferring_backend_nothing_is_planned():
    assert call_command("plan_daily_round") is None
