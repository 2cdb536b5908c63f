"""The authorization matrix for notifications (SECURITY.md): every role × the notification
object × its channels (the notifications page, opening one, the header counter, e-mail and the
log lines of the mail tasks). Lists are checked by their exact contents; no e-mail holds any
canary at all, not even for a recipient who may read the object."""

import logging
from datetime import timedelta

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from samenwerking import actions
from samenwerking.models import Lidmaatschap, Notificatie, NotificatieVoorkeur
from samenwerking.models.notificatie import Soort
from samenwerking.notificaties import notify_tasks_due_tomorrow
from samenwerking.uploads import check_upload
from tests.samenwerking.factories import LidmaatschapFactory

from . import test_samenwerking_matrix as matrix

C, ROLES, _client = matrix.C, matrix.ROLES, matrix._client
world = matrix.world

pytestmark = pytest.mark.django_db

N = {
    "bericht": "KANARIE-n1-bericht-met-notificatie",
    "doc_open": "KANARIE-n2-document-hele-ruimte-notificatie",
    "doc_geheim": "KANARIE-n3-document-coordinatoren-notificatie",
    "taak": "KANARIE-n4-taak-morgen-notificatie",
    "bericht_b": "KANARIE-n5-bericht-ruimte-B",
}

A_ALL = [("nieuw_bericht", "bericht"), ("nieuw_document", "doc_open")]
# role -> the notifications it sees, as (kind, object); e-mail goes to exactly these roles.
EXPECTED = {
    "anoniem": [],
    "buitenstaander": [],
    "coordinator_a": [*A_ALL, ("nieuw_document", "doc_geheim")],
    "deelnemer_a": A_ALL,
    "meelezer_a": [*A_ALL, ("taak_toegewezen", "taak"), ("taak_morgen_verlopen", "taak")],
    "lid_b": [("nieuw_bericht", "bericht_b")],
    "via_organisatie": A_ALL,
    # Had all of space A's notifications until removed: none of them remain in sight.
    "verwijderd": [],
    "redacteur": [],
    "superuser": [],
}
SEES = {"bericht": A_ALL[0], "doc_open": A_ALL[1], "doc_geheim": ("nieuw_document", "doc_geheim")}


def _upload(user, ruimte, naam, vertrouwelijkheid=None):
    upload = SimpleUploadedFile("verslag.txt", b"Verslag (fictief)\n")
    return actions.upload_document(user, ruimte, "pagina", upload, check_upload(upload), naam, vertrouwelijkheid)


@pytest.fixture
def news(world, django_capture_on_commit_callbacks, canaries, caplog):
    """Everything that notifies, done in spaces A and B by members outside the matrix's roles,
    while the removed member was still in; every user wants every mail at once."""
    caplog.set_level(logging.DEBUG)
    a, b, users = world["a"], world["b"], world["users"]
    for user in users.values():
        for soort in Soort.values:
            NotificatieVoorkeur.objects.create(gebruiker=user, soort=soort, frequentie="direct")
    weer = LidmaatschapFactory(ruimte=a, gebruiker=users["verwijderd"], coordinator=True)
    collega = LidmaatschapFactory(ruimte=a, coordinator=True).gebruiker
    collega_b = LidmaatschapFactory(ruimte=b).gebruiker
    morgen = timezone.localdate() + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        objects = {
            "bericht": actions.post_message(collega, a, "pagina", N["bericht"]),
            "doc_open": _upload(collega, a, N["doc_open"]),
            "doc_geheim": _upload(collega, a, N["doc_geheim"], "alleen_coordinatoren"),
            "taak": actions.create_task(
                collega, a, "pagina", N["taak"], toegewezen_aan=users["meelezer_a"], deadline=morgen
            ),
            "bericht_b": actions.post_message(collega_b, b, "pagina", N["bericht_b"]),
        }
        notify_tasks_due_tomorrow()
    Lidmaatschap.objects.filter(pk=weer.pk).delete()

    a_members = {"coordinator_a", "deelnemer_a", "meelezer_a", "via_organisatie"}
    canaries.register(N["bericht"], lambda u: _is(world, u, a_members))
    canaries.register(N["doc_open"], lambda u: _is(world, u, a_members))
    canaries.register(N["doc_geheim"], lambda u: _is(world, u, {"coordinator_a"}))
    canaries.register(N["taak"], lambda u: _is(world, u, a_members))
    canaries.register(N["bericht_b"], lambda u: _is(world, u, {"lid_b"}))
    return objects


def _is(world, user, roles):
    return user is not None and any(world["users"][r].pk == user.pk for r in roles)


def _key(objects, item):
    obj = item.document or item.bericht or item.taak
    return next(k for k, o in objects.items() if type(o) is type(obj) and o.pk == obj.pk)


@pytest.mark.parametrize("role", ROLES)
def test_notification_matrix(world, news, role):
    expected = sorted(EXPECTED[role])
    user = world["users"].get(role)
    if user is not None:
        seen = Notificatie.objects.viewable_by_user(user).select_related("document", "bericht", "taak")
        assert sorted((n.soort, _key(news, n)) for n in seen) == expected

    client = _client(world, role)
    page = client.get("/samenwerking/notificaties/")
    if role == "anoniem":
        assert page.status_code == 302 and "/account/inloggen/" in page["Location"]
    else:
        body = page.content.decode()
        assert page.status_code == 200
        assert f'data-aantal="{len(expected)}"' in body
        for key in ("bericht", "doc_open", "doc_geheim", "taak", "bericht_b"):
            # The page names documents and tasks; a message only by its author, never its text.
            if key in ("doc_open", "doc_geheim", "taak"):
                assert (N[key] in body) == any(k == key for _s, k in expected), key
            else:
                assert N[key] not in body
        for canary in C.values():
            assert canary not in body or canary in (C["titel_a"], C["titel_b"])

    # Opening: one's own notifications lead to their object; everyone else's answer 404.
    mine = {n.pk for n in Notificatie.objects.viewable_by_user(user)} if user is not None else set()
    for item in Notificatie.objects.select_related("document", "bericht", "taak"):
        response = client.get(f"/samenwerking/notificaties/{item.pk}/")
        if role == "anoniem":
            assert response.status_code == 302 and "/account/inloggen/" in response["Location"]
        elif item.pk in mine:
            assert response.status_code == 302 and response["Location"].startswith(f"/samenwerking/{item.ruimte_id}/")
        else:
            assert response.status_code == 404
        other = client.post("/samenwerking/notificaties/", {"actie": "gelezen", "notificatie": item.pk})
        assert other.status_code == (302 if role == "anoniem" or item.pk in mine else 404)
    assert Notificatie.objects.filter(gelezen_op__isnull=False).exclude(pk__in=mine).count() == 0


def test_mail_goes_to_exactly_the_recipients_and_holds_no_canary(world, news, caplog):
    users = world["users"]
    by_email = {u.email: role for role, u in users.items()}
    got = sorted(by_email[m.to[0]] for m in mail.outbox if m.to[0] in by_email)
    # The removed member got the three mails of space A while still in (message and both documents).
    want = sorted([role for role, items in EXPECTED.items() for _item in items] + ["verwijderd"] * 3)
    assert got == want
    everything = [*C.values(), *N.values()]
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}\n{message.to}"
        assert [c for c in everything if c in text] == []
        assert world["a"].titel not in text and world["b"].titel not in text
    assert [c for c in everything if c in caplog.text] == []


def test_no_mail_reaches_a_member_removed_before_the_worker_runs(world, django_capture_on_commit_callbacks):
    from django.test import override_settings

    tasks = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "achtergrond": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    users = world["users"]
    NotificatieVoorkeur.objects.create(gebruiker=users["deelnemer_a"], soort="nieuw_bericht", frequentie="direct")
    with override_settings(TASKS=tasks):
        with django_capture_on_commit_callbacks(execute=True):
            actions.post_message(users["coordinator_a"], world["a"], "pagina", N["bericht"])
        Lidmaatschap.objects.get(ruimte=world["a"], gebruiker=users["deelnemer_a"]).delete()
        from django_tasks_db.models import DBTaskResult

        from samenwerking.tasks import send_notification_mail

        (queued,) = DBTaskResult.objects.filter(task_path="samenwerking.tasks.send_notification_mail")
        assert send_notification_mail.call(*queued.args_kwargs["args"]) == "niet meer nodig"
    assert mail.outbox == []
