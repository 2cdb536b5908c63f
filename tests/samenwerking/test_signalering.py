"""Due items on "Mijn samenwerking" and the notifications of terms (samenwerking/signalering.py)."""

from datetime import date, timedelta

from django.core import mail
from django.core.management import call_command

import pytest

from samenwerking.models import MeldingUitstel, Notificatie, NotificatieVoorkeur, Procedurestap, Signaleringsvoorkeur
from samenwerking.signalering import due_items, notify_terms_due

from .factories import LidmaatschapFactory, MeldingFactory, OnderzoekFactory, UserFactory

pytestmark = pytest.mark.django_db

# Monday 30 November 2026.
VANDAAG = date(2026, 11, 30)


def _report_due(ruimte, termijn_gemeld):
    """A report whose self-investigation is due 8 weeks after `termijn_gemeld`."""
    return MeldingFactory(ruimte=ruimte, datum_gebeurtenis=termijn_gemeld, datum_gemeld=termijn_gemeld)


def _here(created, ruimte):
    """The notifications of this test's space (the demo content may have terms of its own)."""
    return [n for n in created if n.ruimte_id == ruimte.pk]


@pytest.fixture
def space():
    lid = LidmaatschapFactory()
    return lid


def test_due_items_are_overdue_and_nearly_due_terms_of_visible_spaces(space):
    ruimte = space.ruimte
    te_laat = _report_due(ruimte, date(2026, 10, 2))  # due Fri 27 Nov
    bijna = _report_due(ruimte, date(2026, 10, 9))  # due Fri 4 Dec: 4 working days
    later = _report_due(ruimte, date(2026, 10, 30))  # due Fri 25 Dec -> Mon 28 Dec
    ontvangen = _report_due(ruimte, date(2026, 10, 2))
    from samenwerking.models import Zelfonderzoek

    Zelfonderzoek.objects.create(melding=ontvangen, ontvangen_op=date(2026, 11, 20))
    afgesloten = MeldingFactory(
        ruimte=ruimte, datum_gebeurtenis=date(2026, 10, 2), datum_gemeld=date(2026, 10, 2), status="afgesloten"
    )
    elders = _report_due(LidmaatschapFactory().ruimte, date(2026, 10, 2))
    onderzoek = OnderzoekFactory(ruimte=ruimte, status="openbaarmaking")
    stap = Procedurestap.objects.create(
        onderzoek=onderzoek,
        volgorde=1,
        titel="Zienswijze",
        begonnen_op=date(2026, 11, 16),
        uiterlijk_op=date(2026, 11, 30),
    )
    Procedurestap.objects.create(
        onderzoek=onderzoek,
        volgorde=2,
        titel="Hoor en wederhoor",
        begonnen_op=date(2026, 11, 2),
        uiterlijk_op=date(2026, 11, 16),
        afgerond_op=date(2026, 11, 12),
    )
    items = due_items(space.gebruiker, VANDAAG, werkdagen=5)
    assert [(i.soort, i.pk, i.termijn, i.in_woorden(VANDAAG)) for i in items] == [
        ("melding", te_laat.pk, date(2026, 11, 27), "1 werkdag te laat"),
        ("procedurestap", stap.pk, date(2026, 11, 30), "vandaag"),
        ("melding", bijna.pk, date(2026, 12, 4), "over 4 werkdagen"),
    ]
    assert {later.pk, ontvangen.pk, afgesloten.pk, elders.pk}.isdisjoint(i.pk for i in items)
    assert [i.pk for i in due_items(space.gebruiker, VANDAAG, werkdagen=0)] == [te_laat.pk, stap.pk]
    # An extension moves the term.
    MeldingUitstel.objects.create(melding=te_laat, reden="Later", nieuwe_termijn=date(2027, 1, 15))
    te_laat.save()
    assert [i.pk for i in due_items(space.gebruiker, VANDAAG, werkdagen=5)] == [stap.pk, bijna.pk]
    # A step's extension counts instead of its due date.
    Procedurestap.objects.filter(pk=stap.pk).update(uitstel_tot=date(2026, 12, 14))
    assert [i.pk for i in due_items(space.gebruiker, VANDAAG, werkdagen=5)] == [bijna.pk]


def test_terms_in_words():
    from samenwerking.signalering import Termijnitem

    def woorden(termijn, vandaag):
        return Termijnitem("melding", 1, 1, "R", "zelfonderzoek", "T", termijn, "/").in_woorden(vandaag)

    assert woorden(date(2026, 12, 3), VANDAAG) == "over 3 werkdagen"
    assert woorden(date(2026, 12, 1), VANDAAG) == "over 1 werkdag"
    assert woorden(date(2026, 11, 26), VANDAAG) == "2 werkdagen te laat"
    assert woorden(date(2026, 11, 27), date(2026, 11, 29)) == "termijn verstreken"  # on Sunday, no working day missed
    assert woorden(date(2026, 12, 5), date(2026, 12, 4)) == "op de eerstvolgende werkdag"


def test_overview_shows_the_due_items_with_the_users_preference(client, space):
    from django.utils import timezone

    vijf_weken_geleden = timezone.localdate() - timedelta(weeks=5)
    melding = MeldingFactory(ruimte=space.ruimte, datum_gebeurtenis=vijf_weken_geleden, datum_gemeld=vijf_weken_geleden)
    client.force_login(space.gebruiker)
    page = client.get("/samenwerking/").content.decode()
    assert f"/meldingen/{melding.pk}/" not in page  # 3 weeks away, more than 5 working days
    response = client.post("/samenwerking/signalering/", {"signalering-werkdagen_vooraf": "30"})
    assert response.status_code == 302
    assert Signaleringsvoorkeur.werkdagen_voor(space.gebruiker) == 30
    page = client.get("/samenwerking/").content.decode()
    assert f"/meldingen/{melding.pk}/" in page
    assert "over " in page and " werkdagen" in page


@pytest.mark.parametrize("waarde", ["abc", "-1", "31", ""])
def test_a_bad_preference_is_refused_in_dutch(client, space, waarde):
    client.force_login(space.gebruiker)
    response = client.post("/samenwerking/signalering/", {"signalering-werkdagen_vooraf": waarde})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Vul een heel aantal werkdagen in" in page or "Vul een aantal werkdagen in" in page
    assert not Signaleringsvoorkeur.objects.filter(gebruiker=space.gebruiker).exists()


def test_notifications_once_per_item_user_and_term(space, django_capture_on_commit_callbacks):
    ruimte = space.ruimte
    ander = LidmaatschapFactory(ruimte=ruimte, meelezer=True).gebruiker
    Signaleringsvoorkeur.objects.create(gebruiker=ander, werkdagen_vooraf=2)
    NotificatieVoorkeur.objects.create(gebruiker=space.gebruiker, soort="termijn_nadert", frequentie="direct")
    bijna = _report_due(ruimte, date(2026, 10, 9))  # due Fri 4 Dec: within 5, not within 2
    te_laat = _report_due(ruimte, date(2026, 10, 2))  # due Fri 27 Nov
    buiten = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        created = _here(notify_terms_due(VANDAAG), ruimte)
    assert sorted((n.ontvanger_id, n.soort, n.melding_id, n.termijn) for n in created) == sorted(
        [
            (space.gebruiker.pk, "termijn_nadert", bijna.pk, date(2026, 12, 4)),
            (space.gebruiker.pk, "termijn_verstreken", te_laat.pk, date(2026, 11, 27)),
            (ander.pk, "termijn_verstreken", te_laat.pk, date(2026, 11, 27)),
        ]
    )
    assert not Notificatie.objects.filter(ontvanger=buiten).exists()
    # Both of the first user's notifications are direct mails (verstreken is direct by default).
    mails = [m for m in mail.outbox if m.to[0] in (space.gebruiker.email, ander.email)]
    assert sorted(m.to[0] for m in mails) == sorted([space.gebruiker.email] * 2 + [ander.email])
    assert all("zelfonderzoek" not in m.body.lower() for m in mails)

    assert _here(notify_terms_due(VANDAAG), ruimte) == []
    assert _here(notify_terms_due(date(2026, 12, 1)), ruimte) == []
    # Later the nearly due term reaches the other member's two working days.
    later = _here(notify_terms_due(date(2026, 12, 2)), ruimte)
    assert [(n.ontvanger_id, n.melding_id) for n in later] == [(ander.pk, bijna.pk)]
    # An extension is a new term: told again when it nears.
    MeldingUitstel.objects.create(melding=te_laat, reden="Later", nieuwe_termijn=date(2026, 12, 9))
    te_laat.save()
    again = _here(notify_terms_due(date(2026, 12, 3)), ruimte)
    assert sorted((n.ontvanger_id, n.soort, n.termijn) for n in again) == [
        (space.gebruiker.pk, "termijn_nadert", date(2026, 12, 9))
    ]


def test_the_command_runs_and_is_idempotent(space, capsys):
    from django.utils import timezone

    vandaag = timezone.localdate()
    MeldingFactory(
        ruimte=space.ruimte,
        datum_gebeurtenis=date(vandaag.year - 1, 1, 5),
        datum_gemeld=date(vandaag.year - 1, 1, 5),
    )
    call_command("notify_terms_due")
    assert "0 termijnbericht(en)" not in capsys.readouterr().out
    assert Notificatie.objects.filter(ontvanger=space.gebruiker, soort="termijn_verstreken").count() == 1
    call_command("notify_terms_due")
    assert "0 termijnbericht(en) aangemaakt." in capsys.readouterr().out


def test_a_notification_of_a_term_leads_to_the_report(client, space):
    melding = _report_due(space.ruimte, date(2026, 10, 2))
    [notificatie] = _here(notify_terms_due(VANDAAG), space.ruimte)
    client.force_login(space.gebruiker)
    response = client.get(f"/samenwerking/notificaties/{notificatie.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/samenwerking/{space.ruimte_id}/meldingen/{melding.pk}/"
    page = client.get("/samenwerking/notificaties/").content.decode()
    assert "Termijn verstreken: zelfonderzoek, uiterlijk 27 november 2026" in page


def test_due_items_take_the_same_queries_for_one_or_ten_terms(space):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            items = due_items(space.gebruiker, VANDAAG)
        return len(queries.captured_queries), len(items)

    _report_due(space.ruimte, date(2026, 10, 2))
    one = count()
    for _n in range(9):
        _report_due(space.ruimte, date(2026, 10, 2))
    ten = count()
    assert (one[1], ten[1]) == (1, 10)
    assert one[0] == ten[0]
