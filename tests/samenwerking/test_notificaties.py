"""Notifications: who gets which, e-mail per preference (direct, dagelijks, uit), retries of a
failing mail server, the page and the header counter, bad input."""

import re
from datetime import timedelta

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

import pytest

from samenwerking import actions
from samenwerking.models import Lidmaatschap, Notificatie, NotificatieVoorkeur, Uitnodiging
from samenwerking.signals import accept_invitations
from samenwerking.uploads import check_upload

from .factories import LidmaatschapFactory, OrganisatieFactory, RuimteFactory, TaakFactory, UserFactory
from .mailbackends import FlakyBackend, RefusingBackend

pytestmark = pytest.mark.django_db
PAGINA = "pagina"


@pytest.fixture
def space(db):
    ruimte = RuimteFactory()
    people = {
        "coordinator": LidmaatschapFactory(ruimte=ruimte, coordinator=True).gebruiker,
        "coordinator2": LidmaatschapFactory(ruimte=ruimte, coordinator=True).gebruiker,
        "deelnemer": LidmaatschapFactory(ruimte=ruimte).gebruiker,
        "meelezer": LidmaatschapFactory(ruimte=ruimte, meelezer=True).gebruiker,
        "buitenstaander": UserFactory(),
        "lid_elders": LidmaatschapFactory().gebruiker,
    }
    organisatie = OrganisatieFactory()
    LidmaatschapFactory(ruimte=ruimte, gebruiker=None, organisatie=organisatie)
    people["via_organisatie"] = UserFactory(organisatie=organisatie)
    verwijderd = LidmaatschapFactory(ruimte=ruimte)
    people["verwijderd"] = verwijderd.gebruiker
    verwijderd.delete()
    people["inactief"] = LidmaatschapFactory(ruimte=ruimte).gebruiker
    people["inactief"].is_active = False
    people["inactief"].save()
    return ruimte, people


def _names(people, users):
    by_pk = {u.pk: name for name, u in people.items()}
    return sorted(by_pk.get(u.pk, u.email) for u in users)


def _recipients(people, **filters):
    return _names(people, [n.ontvanger for n in Notificatie.objects.filter(**filters).select_related("ontvanger")])


def _upload(user, ruimte, naam, vertrouwelijkheid=None):
    upload = SimpleUploadedFile("verslag.txt", b"Verslag (fictief)\n")
    return actions.upload_document(user, ruimte, PAGINA, upload, check_upload(upload), naam, vertrouwelijkheid)


def test_message_goes_to_every_member_who_may_see_it_but_its_author(space):
    ruimte, people = space
    bericht = actions.post_message(people["deelnemer"], ruimte, PAGINA, "Hallo allemaal")
    assert _recipients(people, bericht=bericht, soort="nieuw_bericht") == [
        "coordinator",
        "coordinator2",
        "meelezer",
        "via_organisatie",
    ]


def test_documents_go_by_their_label(space):
    ruimte, people = space
    open_doc = _upload(people["deelnemer"], ruimte, "Verslag")
    geheim = _upload(people["coordinator"], ruimte, "Geheim verslag", "alleen_coordinatoren")
    assert _recipients(people, document=open_doc) == ["coordinator", "coordinator2", "meelezer", "via_organisatie"]
    assert _recipients(people, document=geheim) == ["coordinator2"]


def test_task_goes_to_its_assignee_only_and_not_when_assigned_to_oneself(space):
    ruimte, people = space
    taak = actions.create_task(people["coordinator"], ruimte, PAGINA, "Bezoek", toegewezen_aan=people["meelezer"])
    eigen = actions.create_task(people["deelnemer"], ruimte, PAGINA, "Zelf doen", toegewezen_aan=people["deelnemer"])
    niemand = actions.create_task(people["deelnemer"], ruimte, PAGINA, "Nog niemand")
    assert _recipients(people, taak=taak) == ["meelezer"]
    assert _recipients(people, taak__in=[eigen, niemand]) == []


def test_invitations_reach_the_person_the_organisation_and_a_later_first_sign_in(space):
    ruimte, people = space
    actions.invite(people["coordinator"], ruimte, PAGINA, "deelnemer", email=people["buitenstaander"].email)
    organisatie = OrganisatieFactory()
    collega, andere = UserFactory(organisatie=organisatie), UserFactory(organisatie=organisatie)
    people.update(collega=collega, andere=andere)
    actions.invite(people["coordinator"], ruimte, PAGINA, "meelezer", organisatie=organisatie)
    actions.invite(people["coordinator"], ruimte, PAGINA, "meelezer", email="nieuw@test.toezichtportaal.nl")
    assert _recipients(people, soort="uitnodiging") == ["andere", "buitenstaander", "collega"]
    nieuw = UserFactory(email="nieuw@test.toezichtportaal.nl")
    accept_invitations(nieuw)
    assert Uitnodiging.objects.get(email=nieuw.email).geaccepteerd_op is not None
    assert list(Notificatie.objects.filter(ontvanger=nieuw).values_list("soort", "ruimte")) == [
        ("uitnodiging", ruimte.pk)
    ]


def test_an_address_without_account_gets_one_neutral_invitation(space, django_capture_on_commit_callbacks):
    ruimte, people = space
    with django_capture_on_commit_callbacks(execute=True):
        actions.invite(people["coordinator"], ruimte, PAGINA, "meelezer", email="Nieuw@Test.toezichtportaal.nl")
    (message,) = mail.outbox
    assert message.to == ["nieuw@test.toezichtportaal.nl"]
    assert message.subject == "Toezichtportaal: u bent uitgenodigd voor een samenwerkingsruimte"
    assert "http://testserver/account/inloggen/" in message.body
    assert ruimte.titel not in message.body and ruimte.doel not in message.body
    assert people["coordinator"].last_name not in message.body


def test_direct_mails_at_once_daily_waits_for_the_digest_and_uit_never_mails(space, django_capture_on_commit_callbacks):
    ruimte, people = space
    meelezer = people["meelezer"]
    NotificatieVoorkeur.objects.create(gebruiker=people["coordinator2"], soort="nieuw_bericht", frequentie="direct")
    NotificatieVoorkeur.objects.create(gebruiker=meelezer, soort="taak_toegewezen", frequentie="uit")
    with django_capture_on_commit_callbacks(execute=True):
        actions.post_message(people["deelnemer"], ruimte, PAGINA, "Eerste bericht")
        actions.post_message(people["deelnemer"], ruimte, PAGINA, "Tweede bericht")
        _upload(people["deelnemer"], ruimte, "Verslag")
        actions.create_task(people["coordinator"], ruimte, PAGINA, "Lezen", toegewezen_aan=meelezer)
    # coordinator2 chose "direct" for messages; the standard for messages and documents is "dagelijks".
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == sorted(
        [(people["coordinator2"].email, "Toezichtportaal: Er is een nieuw bericht in een van uw samenwerkingsruimtes")]
        * 2
    )
    mail.outbox.clear()

    call_command("send_notification_digest")
    digests = {m.to[0]: m.body for m in mail.outbox}
    assert sorted(digests) == sorted(
        [people[n].email for n in ("coordinator", "coordinator2", "meelezer", "via_organisatie")]
    )
    assert "- 1 nieuw document\n- 2 nieuwe berichten\n" in digests[people["coordinator"].email]
    assert "- 1 nieuw document\n" in digests[people["coordinator2"].email]
    assert "bericht" not in digests[people["coordinator2"].email].split("overzicht:")[1].split("Bekijk")[0]
    # The task assigned to the meelezer, who chose "uit" for it, is in no mail.
    assert "taak" not in digests[meelezer.email].split("overzicht:")[1].split("Bekijk")[0]
    assert Notificatie.objects.filter(ontvanger=meelezer, soort="taak_toegewezen", gemaild_op=None).count() == 1

    mail.outbox.clear()
    call_command("send_notification_digest")
    assert mail.outbox == []


def test_read_in_the_portal_is_not_mailed_again(space, client, django_capture_on_commit_callbacks):
    ruimte, people = space
    actions.post_message(people["deelnemer"], ruimte, PAGINA, "Iets")
    client.force_login(people["meelezer"])
    assert client.post("/samenwerking/notificaties/", {"actie": "alles_gelezen"}).status_code == 302
    call_command("send_notification_digest")
    assert [m.to[0] for m in mail.outbox if m.to[0] == people["meelezer"].email] == []


def test_task_due_tomorrow_is_told_once(space, django_capture_on_commit_callbacks):
    ruimte, people = space
    morgen = timezone.localdate() + timedelta(days=1)
    taak = TaakFactory(ruimte=ruimte, toegewezen_aan=people["deelnemer"], deadline=morgen)
    TaakFactory(ruimte=ruimte, toegewezen_aan=people["deelnemer"], deadline=morgen, gedaan=True)
    TaakFactory(ruimte=ruimte, toegewezen_aan=people["deelnemer"], deadline=morgen + timedelta(days=1))
    TaakFactory(ruimte=ruimte, toegewezen_aan=people["verwijderd"], deadline=morgen)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_tasks_due_tomorrow")
        call_command("notify_tasks_due_tomorrow")
    assert list(Notificatie.objects.filter(soort="taak_morgen_verlopen").values_list("ontvanger", "taak")) == [
        (people["deelnemer"].pk, taak.pk)
    ]
    assert [(m.to[0], m.subject) for m in mail.outbox] == [
        (people["deelnemer"].email, "Toezichtportaal: Een taak die aan u is toegewezen verloopt morgen")
    ]


def test_mail_links_to_the_notification_and_the_preferences(space, client, django_capture_on_commit_callbacks):
    ruimte, people = space
    with django_capture_on_commit_callbacks(execute=True):
        taak = actions.create_task(people["coordinator"], ruimte, PAGINA, "Lezen", toegewezen_aan=people["deelnemer"])
    item = Notificatie.objects.get(taak=taak)
    (message,) = mail.outbox
    assert f"http://testserver/samenwerking/notificaties/{item.pk}/" in message.body
    assert "http://testserver/samenwerking/notificaties/voorkeuren/" in message.body
    client.force_login(people["deelnemer"])
    response = client.get(f"/samenwerking/notificaties/{item.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/samenwerking/{ruimte.pk}/taken/"
    item.refresh_from_db()
    assert item.gelezen_op is not None and item.gemaild_op is not None


@override_settings(EMAIL_BACKEND="tests.samenwerking.mailbackends.RefusingBackend")
def test_a_refusing_mail_server_is_retried_and_never_breaks_the_request(
    space, client, django_capture_on_commit_callbacks, caplog
):
    ruimte, people = space
    RefusingBackend.attempts = 0
    client.force_login(people["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/samenwerking/{ruimte.pk}/taken/", {"titel": "Bezoek", "toegewezen_aan": people["deelnemer"].pk}
        )
    assert response.status_code == 302
    item = Notificatie.objects.get(ontvanger=people["deelnemer"])
    # One attempt and one more after each delay of NOTIFICATIE_MAIL_HERKANSINGEN (4), then given up.
    assert RefusingBackend.attempts == 5
    assert item.gemaild_op is None
    assert "definitief mislukt na 5 pogingen" in caplog.text


@override_settings(EMAIL_BACKEND="tests.samenwerking.mailbackends.FlakyBackend")
def test_a_flaky_mail_server_delivers_on_a_later_attempt_once(space, django_capture_on_commit_callbacks):
    ruimte, people = space
    FlakyBackend.attempts = 0
    with django_capture_on_commit_callbacks(execute=True):
        actions.create_task(people["coordinator"], ruimte, PAGINA, "Bezoek", toegewezen_aan=people["deelnemer"])
    assert FlakyBackend.attempts == 3
    assert [m.to[0] for m in mail.outbox] == [people["deelnemer"].email]
    assert Notificatie.objects.get(ontvanger=people["deelnemer"]).gemaild_op is not None


DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "achtergrond": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}


def _worker(monkeypatch):
    """`manage.py db_worker` itself, in batch mode: it runs what is due, then stops."""
    from django_tasks_db.management.commands import db_worker

    # The worker drops connections between tasks, which would end the test's transaction; the
    # test client likewise keeps `close_old_connections` from running around each request.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    call_command(
        "db_worker", "--batch", "--backend", "achtergrond", "--queue-name", "*", "--no-startup-delay", "--interval", "0"
    )


@override_settings(TASKS=DATABASE_TASKS)
def test_the_request_only_enqueues_and_the_worker_sends(space, client, django_capture_on_commit_callbacks, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    ruimte, people = space
    client.force_login(people["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/samenwerking/{ruimte.pk}/taken/", {"titel": "Bezoek", "toegewezen_aan": people["deelnemer"].pk}
        )
    assert response.status_code == 302
    assert mail.outbox == []
    assert list(DBTaskResult.objects.values_list("task_path", "status")) == [
        ("samenwerking.tasks.send_notification_mail", "READY")
    ]
    _worker(monkeypatch)
    assert [m.to[0] for m in mail.outbox] == [people["deelnemer"].email]
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["SUCCESSFUL"]


@override_settings(TASKS=DATABASE_TASKS, EMAIL_BACKEND="tests.samenwerking.mailbackends.RefusingBackend")
def test_the_worker_defers_a_failed_mail_with_backoff(space, django_capture_on_commit_callbacks, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    ruimte, people = space
    with django_capture_on_commit_callbacks(execute=True):
        actions.create_task(people["coordinator"], ruimte, PAGINA, "Bezoek", toegewezen_aan=people["deelnemer"])
    before = timezone.now()
    _worker(monkeypatch)
    failed, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert failed.status == "FAILED"
    assert retry.status == "READY" and retry.args_kwargs["kwargs"] == {"poging": 2}
    assert before + timedelta(seconds=55) < retry.run_after < before + timedelta(seconds=65)


def test_a_removed_member_loses_the_space_notifications(space, client):
    ruimte, people = space
    geheim = _upload(people["coordinator"], ruimte, "Geheim", "alleen_coordinatoren")
    actions.post_message(people["deelnemer"], ruimte, PAGINA, "Hallo")
    c2 = people["coordinator2"]
    client.force_login(c2)
    assert 'data-aantal="2"' in client.get("/samenwerking/notificaties/").content.decode()
    item = Notificatie.objects.get(ontvanger=c2, document=geheim)
    # Made deelnemer: the coordinators' document and its notification are out of reach.
    lid = Lidmaatschap.objects.get(ruimte=ruimte, gebruiker=c2)
    actions.change_role(people["coordinator"], lid, PAGINA, "deelnemer")
    assert list(Notificatie.objects.viewable_by_user(c2).values_list("soort", flat=True)) == ["nieuw_bericht"]
    assert client.get(f"/samenwerking/notificaties/{item.pk}/").status_code == 404
    Lidmaatschap.objects.get(ruimte=ruimte, gebruiker=c2).delete()
    response = client.get("/samenwerking/notificaties/")
    assert 'data-aantal="0"' in response.content.decode()
    assert "U hebt geen notificaties." in response.content.decode()
    assert list(Notificatie.objects.viewable_by_user(c2)) == []


def test_page_lists_marks_read_and_all_read(space, client):
    ruimte, people = space
    actions.post_message(people["deelnemer"], ruimte, PAGINA, "Een")
    actions.create_task(people["deelnemer"], ruimte, PAGINA, "Twee", toegewezen_aan=people["coordinator"])
    client.force_login(people["coordinator"])
    body = client.get("/samenwerking/notificaties/").content.decode()
    assert "U hebt 2 ongelezen notificaties." in body and f"Taak Twee aan u toegewezen in {ruimte.titel}" in body
    eerste = Notificatie.objects.get(ontvanger=people["coordinator"], soort="nieuw_bericht")
    assert client.post("/samenwerking/notificaties/", {"actie": "gelezen", "notificatie": eerste.pk}).status_code == 302
    ongelezen = Notificatie.objects.viewable_by_user(people["coordinator"]).ongelezen()
    assert list(ongelezen.values_list("soort", flat=True)) == ["taak_toegewezen"]
    assert client.post("/samenwerking/notificaties/", {"actie": "alles_gelezen"}).status_code == 302
    assert Notificatie.objects.viewable_by_user(people["coordinator"]).ongelezen().count() == 0


def test_bad_notification_ids_and_actions(space, client):
    ruimte, people = space
    actions.post_message(people["deelnemer"], ruimte, PAGINA, "Een")
    anders = Notificatie.objects.get(ontvanger=people["meelezer"])
    client.force_login(people["coordinator"])
    assert client.get("/samenwerking/notificaties/999999/").status_code == 404
    assert client.get(f"/samenwerking/notificaties/{anders.pk}/").status_code == 404
    assert client.get("/samenwerking/notificaties/abc/").status_code == 404
    response = client.post("/samenwerking/notificaties/", {"actie": "gelezen", "notificatie": "abc"})
    assert response.status_code == 400 and "Kies een notificatie uit de lijst." in response.content.decode()
    response = client.post("/samenwerking/notificaties/", {"actie": "gelezen", "notificatie": "9" * 30})
    assert response.status_code in (400, 404)
    assert client.post("/samenwerking/notificaties/", {"actie": "gelezen", "notificatie": anders.pk}).status_code == 404
    response = client.post("/samenwerking/notificaties/", {"actie": "wissen"})
    assert response.status_code == 400 and "Onbekende actie." in response.content.decode()
    anders.refresh_from_db()
    assert anders.gelezen_op is None and Notificatie.objects.filter(pk=anders.pk).exists()


def test_preferences_page_saves_all_or_nothing(client):
    user = UserFactory()
    client.force_login(user)
    response = client.get("/samenwerking/notificaties/voorkeuren/")
    assert response.status_code == 200
    checked = re.findall(r'name="(\w+)" value="(\w+)"[^>]*checked', response.content.decode())
    assert sorted(checked) == sorted(NotificatieVoorkeur.for_user(user).items())
    assert ("nieuw_document", "dagelijks") in checked
    good = {
        "uitnodiging": "direct",
        "nieuw_document": "uit",
        "nieuw_bericht": "direct",
        "taak_toegewezen": "dagelijks",
        "taak_morgen_verlopen": "direct",
        "termijn_nadert": "dagelijks",
        "termijn_verstreken": "direct",
        "toegangsverzoek": "uit",
    }
    for bad, message in (
        ({**good, "nieuw_bericht": "wekelijks"}, "Kies direct, dagelijks of geen e-mail."),
        ({k: v for k, v in good.items() if k != "uitnodiging"}, "Kies voor elke soort notificatie of u e-mail wilt."),
        ({**good, "taak_toegewezen": "\x00"}, "Kies direct, dagelijks of geen e-mail."),
    ):
        response = client.post("/samenwerking/notificaties/voorkeuren/", bad)
        assert response.status_code == 400 and message in response.content.decode()
        assert not NotificatieVoorkeur.objects.filter(gebruiker=user).exists()
    assert client.post("/samenwerking/notificaties/voorkeuren/", good).status_code == 302
    assert NotificatieVoorkeur.for_user(user) == good


def test_anonymous_is_sent_to_sign_in(client):
    urls = ("/samenwerking/notificaties/", "/samenwerking/notificaties/1/", "/samenwerking/notificaties/voorkeuren/")
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/account/inloggen/" in response["Location"]
