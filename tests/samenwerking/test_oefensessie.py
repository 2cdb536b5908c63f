"""Group sessions of a practice case: the facilitator starts and leads, participants join
with a code and no account, answers come in anonymously, the summary is a PDF."""

import io
import json
import os
import re
import subprocess
import sys
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
from pypdf import PdfReader

from samenwerking.models import Antwoord, Deelnamepoging, Deelnemer, Oefensessie
from samenwerking.models.oefensessie import CODE_ALFABET
from tests import dbtemplate

from .factories import LidmaatschapFactory, UserFactory, oefencasus

pytestmark = pytest.mark.django_db


@pytest.fixture
def casus():
    return oefencasus()


@pytest.fixture
def begeleider(client):
    user = UserFactory()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def sessie(casus, begeleider):
    return Oefensessie.start(casus, begeleider.user)


def join(sessie, bijnaam="", perspectief="huisarts", client=None):
    client = client or Client()
    response = client.post(f"/samenwerking/doe-mee/{sessie.code}/", {"bijnaam": bijnaam, "perspectief": perspectief})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def answer(client, sessie, data):
    return client.post(f"/samenwerking/doe-mee/{sessie.code}/antwoord/", data)


def step(begeleider, sessie, actie):
    return begeleider.post(f"/samenwerking/oefensessies/{sessie.pk}/stap/", {"actie": actie})


def test_start_gives_an_unambiguous_code_and_a_qr_code(begeleider, casus):
    response = begeleider.post("/samenwerking/oefensessies/", {"casus": casus.pk, "perspectieven": "kiezen"})
    assert response.status_code == 302
    sessie = Oefensessie.objects.get(begeleider=begeleider.user)
    assert response["Location"] == f"/samenwerking/oefensessies/{sessie.pk}/"
    assert len(sessie.code) == 8 and set(sessie.code) <= set(CODE_ALFABET)
    assert not set(sessie.code) & set("0O1IL")
    page = begeleider.get(response["Location"]).content.decode()
    assert sessie.code_getoond() in page
    assert "<svg" in page and f"http://testserver/samenwerking/doe-mee/{sessie.code}/" in page


def test_a_session_can_be_held_only_in_a_space_one_contributes_to(begeleider, casus):
    eigen = LidmaatschapFactory(gebruiker=begeleider.user).ruimte
    gelezen = LidmaatschapFactory(gebruiker=begeleider.user, meelezer=True).ruimte
    refused = begeleider.post(
        "/samenwerking/oefensessies/", {"casus": casus.pk, "ruimte": gelezen.pk, "perspectieven": "kiezen"}
    )
    assert refused.status_code == 400
    assert "Selecteer een geldige keuze" in refused.content.decode()
    assert not Oefensessie.objects.exists()
    begeleider.post("/samenwerking/oefensessies/", {"casus": casus.pk, "ruimte": eigen.pk, "perspectieven": "kiezen"})
    assert list(Oefensessie.objects.values_list("ruimte", flat=True)) == [eigen.pk]


def test_participant_joins_without_account_and_keeps_only_a_token_in_the_session(sessie):
    client = Client()
    response = client.post("/samenwerking/doe-mee/", {"code": sessie.code_getoond().lower()})
    assert response.status_code == 302 and response["Location"] == f"/samenwerking/doe-mee/{sessie.code}/"
    form = client.get(response["Location"]).content.decode()
    assert "Uw perspectief" in form and "Huisarts" in form and "Onderwijs" in form
    join(sessie, bijnaam="  Anna  ", perspectief="onderwijs", client=client)
    deelnemer = Deelnemer.objects.get(sessie=sessie)
    assert (deelnemer.bijnaam, deelnemer.perspectief) == ("Anna", "onderwijs")
    token = client.session["oefensessies"][sessie.code]
    assert len(token) >= 40 and token not in deelnemer.token_hash
    page = client.get(f"/samenwerking/doe-mee/{sessie.code}/").content.decode()
    assert "Welkom" in page and "Uw perspectief: Onderwijs" in page and "Bijnaam: Anna" in page


def test_perspectives_given_in_turn(casus, begeleider):
    sessie = Oefensessie.start(casus, begeleider.user, perspectieven=Oefensessie.Perspectieven.TOEWIJZEN)
    form = Client().get(f"/samenwerking/doe-mee/{sessie.code}/").content.decode()
    assert "Uw perspectief" not in form
    for _ in range(3):
        join(sessie, perspectief="")
    assert list(Deelnemer.objects.filter(sessie=sessie).values_list("perspectief", flat=True)) == [
        "huisarts",
        "onderwijs",
        "huisarts",
    ]


def test_the_group_follows_the_facilitator_through_the_state_endpoint(sessie, begeleider):
    client = join(sessie)
    url = f"/samenwerking/doe-mee/{sessie.code}/status.json"
    first = client.get(url)
    assert first.json() == {"versie": 1, "status": "bezig", "hoofdstuk": 0}
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert step(begeleider, sessie, "volgende").status_code == 302
    moved = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert moved.status_code == 200 and moved.json() == {"versie": 2, "status": "bezig", "hoofdstuk": 1}
    along = client.get(url + "?deel=1", HTTP_IF_NONE_MATCH=first["ETag"]).json()["deel"]
    assert "Hoofdstuk 1 van 3: Hoofdstuk over week 1" in along and "<html" not in along
    screen = client.get(f"/samenwerking/doe-mee/{sessie.code}/?deel=scherm").content.decode()
    assert "Hoofdstuk 1 van 3: Hoofdstuk over week 1" in screen and "Huisarts zag 1" in screen
    assert "<html" not in screen
    step(begeleider, sessie, "pauzeren")
    assert client.get(url).json()["status"] == "gepauzeerd"
    assert "Even pauze" in client.get(f"/samenwerking/doe-mee/{sessie.code}/").content.decode()
    step(begeleider, sessie, "hervatten")
    step(begeleider, sessie, "volgende")
    step(begeleider, sessie, "vorige")
    assert client.get(url).json() == {"versie": 6, "status": "bezig", "hoofdstuk": 1}


def test_steps_that_cannot_be_taken_answer_in_dutch(sessie, begeleider):
    response = step(begeleider, sessie, "vorige")
    assert response.status_code == 400 and "Deze stap kan nu niet." in response.content.decode()
    assert step(begeleider, sessie, "onzin").status_code == 400
    for _ in range(3):
        step(begeleider, sessie, "volgende")
    assert step(begeleider, sessie, "volgende").status_code == 400
    step(begeleider, sessie, "beeindigen")
    response = step(begeleider, sessie, "volgende")
    assert response.status_code == 400 and "al afgelopen" in response.content.decode()
    sessie.refresh_from_db()
    assert (sessie.hoofdstuk, sessie.status) == (3, "afgelopen")


def test_answers_come_in_anonymously_and_are_counted_for_the_facilitator(sessie, begeleider):
    clients = [join(sessie, bijnaam=f"Deelnemer {n}") for n in range(3)]
    step(begeleider, sessie, "volgende")
    state_url = f"/samenwerking/oefensessies/{sessie.pk}/status.json"
    before = begeleider.get(state_url)
    for client, optie in zip(clients, [1, 1, 2], strict=True):
        assert answer(client, sessie, {"vraag": "mk-1", "optie": optie}).status_code == 302
    answer(clients[0], sessie, {"vraag": "open-1", "tekst": "Niemand belde."})
    # A changed answer replaces the old one.
    answer(clients[2], sessie, {"vraag": "mk-1", "optie": 1})
    after = begeleider.get(state_url + "?deel=1", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after.json()["antwoorden"] == 4 and after.json()["deelnemers"] == 3
    assert "Niemand belde." in after.json()["deel"]
    fragment = begeleider.get(f"/samenwerking/oefensessies/{sessie.pk}/antwoorden/").content.decode()
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td>', fragment)
    assert rows == [("Bellen met Veilig Thuis", "3"), ("Afwachten", "0")]
    assert re.findall(r"<li>([^<]+)</li>", fragment) == ["Niemand belde."]
    assert "Deelnemer 0" not in fragment
    room = begeleider.get(f"/samenwerking/oefensessies/{sessie.pk}/groep/").content.decode()
    assert "Niemand belde." in room and sessie.code_getoond() in room
    feedback = clients[0].get(f"/samenwerking/doe-mee/{sessie.code}/").content.decode()
    assert "Goed: advies vragen." in feedback and "Veilig Thuis denkt mee." in feedback
    assert "Niemand belde." in feedback and "Uw antwoord is ontvangen." in feedback


def test_answers_hold_no_account_data():
    fields = {f.name for f in Antwoord._meta.get_fields()}
    assert fields == {
        "id",
        "sessie",
        "deelnemer",
        "vraag_id",
        "hoofdstuk",
        "perspectief",
        "optie",
        "tekst",
        "aangemaakt_op",
        "gewijzigd_op",
    }
    assert {f.name for f in Deelnemer._meta.get_fields()} == {
        "id",
        "sessie",
        "token_hash",
        "bijnaam",
        "perspectief",
        "aangemaakt_op",
    }


def test_ending_unlinks_answers_from_participants(sessie, begeleider):
    client = join(sessie)
    step(begeleider, sessie, "volgende")
    answer(client, sessie, {"vraag": "open-1", "tekst": "Een antwoord"})
    step(begeleider, sessie, "beeindigen")
    assert list(Antwoord.objects.values_list("deelnemer", "tekst")) == [(None, "Een antwoord")]
    page = client.get(f"/samenwerking/doe-mee/{sessie.code}/").content.decode()
    assert "De sessie is afgelopen" in page


def _pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_summary_pdf_holds_the_case_the_answers_and_the_discussion_themes(begeleider):
    from tests.kennisbank.factories import NormPageFactory, ToezichtkaderPageFactory

    kader = ToezichtkaderPageFactory(title="Testkader Jeugd")
    norm = NormPageFactory(parent=kader, title="Signalen worden gedeeld", code="9.9.9")
    thema = {
        "type": "thema",
        "value": {
            "titel": "Informatie delen",
            "toelichting": "Wie wist wat, en wie vertelde het?",
            "gespreksvragen": ["Wat had u willen weten?"],
            "criteria": [norm.pk],
        },
    }
    casus = oefencasus(titel="Casus Kim", nabespreking=[thema])
    sessie = Oefensessie.start(casus, begeleider.user)
    client = join(sessie, bijnaam="Zichtbare Bijnaam")
    step(begeleider, sessie, "volgende")
    answer(client, sessie, {"vraag": "mk-1", "optie": 2})
    answer(client, sessie, {"vraag": "open-1", "tekst": "<b>Te laat</b> & stil"})
    step(begeleider, sessie, "beeindigen")
    response = begeleider.get(f"/samenwerking/oefensessies/{sessie.pk}/samenvatting.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    for expected in [
        "Samenvatting van de oefensessie",
        "Casus Kim",
        "verzonnen casus",
        "Hoofdstuk 1: Hoofdstuk over week 1",
        "Het verhaal van week 1.",
        "Wat doet u in week 1?",
        "Afwachten: 1 (100%)",
        "Bellen met Veilig Thuis: 0 (0%)",
        "<b>Te laat</b> & stil",
        "Informatie delen",
        "Wat had u willen weten?",
        "Signalen worden gedeeld",
    ]:
        assert expected in text, expected
    assert "Zichtbare Bijnaam" not in text


def test_summary_in_a_space_is_for_its_members_only(casus):
    coordinator = LidmaatschapFactory(coordinator=True)
    ruimte = coordinator.ruimte
    lezer = LidmaatschapFactory(ruimte=ruimte, meelezer=True).gebruiker
    buitenstaander = LidmaatschapFactory().gebruiker
    sessie = Oefensessie.start(casus, coordinator.gebruiker, ruimte=ruimte)
    url = f"/samenwerking/oefensessies/{sessie.pk}/samenvatting.pdf"
    member, outsider = Client(), Client()
    member.force_login(lezer)
    outsider.force_login(buitenstaander)
    # Running sessions show their summary to the facilitator only.
    assert member.get(url).status_code == 404
    sessie.change(status=Oefensessie.Status.AFGELOPEN)
    assert member.get(url).status_code == 200
    assert outsider.get(url).status_code == 404
    listing = member.get(f"/samenwerking/{ruimte.pk}/oefensessies/").content.decode()
    assert url in listing
    assert outsider.get(f"/samenwerking/{ruimte.pk}/oefensessies/").status_code == 404


def test_retention_deletes_old_sessions_except_those_in_a_space(casus, begeleider):
    ruimte = LidmaatschapFactory(gebruiker=begeleider.user).ruimte
    oud = Oefensessie.start(casus, begeleider.user)
    oud_in_ruimte = Oefensessie.start(casus, begeleider.user, ruimte=ruimte)
    recent = Oefensessie.start(casus, begeleider.user)
    join(oud)
    Oefensessie.objects.filter(pk__in=[oud.pk, oud_in_ruimte.pk]).update(
        aangemaakt_op=timezone.now() - timedelta(days=31)
    )
    out = io.StringIO()
    call_command("opschonen_oefensessies", stdout=out)
    assert "1 oefensessie(s) verwijderd" in out.getvalue()
    assert set(Oefensessie.objects.values_list("pk", flat=True)) == {oud_in_ruimte.pk, recent.pk}
    assert not Deelnemer.objects.filter(sessie_id=oud.pk).exists()


# --- bad input ------------------------------------------------------------------------------
def test_wrong_code_finished_session_and_expired_code(sessie, begeleider):
    client = Client()
    wrong = client.post("/samenwerking/doe-mee/", {"code": "ZZZZ-ZZZZ" if sessie.code != "ZZZZZZZZ" else "YYYYYYYY"})
    assert wrong.status_code == 404 and "Er is geen sessie met deze code" in wrong.content.decode()
    assert client.get("/samenwerking/doe-mee/kort/").status_code == 404
    empty = client.post("/samenwerking/doe-mee/", {"code": ""})
    assert empty.status_code == 400 and "verplicht" in empty.content.decode()
    Oefensessie.objects.filter(pk=sessie.pk).update(aangemaakt_op=timezone.now() - timedelta(hours=13))
    expired = client.post("/samenwerking/doe-mee/", {"code": sessie.code})
    assert expired.status_code == 410 and "Deze code is verlopen" in expired.content.decode()
    step(begeleider, sessie, "beeindigen")
    finished = client.get(f"/samenwerking/doe-mee/{sessie.code}/")
    assert finished.status_code == 410 and "Deze sessie is afgelopen" in finished.content.decode()
    assert client.post(f"/samenwerking/doe-mee/{sessie.code}/", {"bijnaam": "x"}).status_code == 410
    assert not Deelnemer.objects.exists()


def test_guessing_codes_is_rate_limited_per_client_ip(sessie):
    client = Client(REMOTE_ADDR="10.1.2.3")
    for n in range(10):
        assert client.post("/samenwerking/doe-mee/", {"code": f"AAAA{n + 2:04d}"}).status_code == 404
    blocked = client.post("/samenwerking/doe-mee/", {"code": sessie.code})
    assert blocked.status_code == 429 and "Te veel pogingen" in blocked.content.decode()
    assert client.get(f"/samenwerking/doe-mee/{sessie.code}/").status_code == 429
    # A spoofed X-Forwarded-For does not help; another address is not held up.
    spoofed = client.post("/samenwerking/doe-mee/", {"code": sessie.code}, HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert spoofed.status_code == 429
    assert Client(REMOTE_ADDR="10.9.9.9").post("/samenwerking/doe-mee/", {"code": sessie.code}).status_code == 302


def test_wrong_attempts_are_stored_without_the_address_and_pruned(sessie):
    for n in range(3):
        Client(REMOTE_ADDR="10.4.5.6").post("/samenwerking/doe-mee/", {"code": f"AAAA{n + 2:04d}"})
    assert Deelnamepoging.objects.count() == 3
    assert not Deelnamepoging.objects.filter(ip_hash__contains="10.4.5.6").exists()
    Deelnamepoging.objects.filter(pk=Deelnamepoging.objects.first().pk).update(
        aangemaakt_op=timezone.now() - timedelta(minutes=11)
    )
    out = io.StringIO()
    call_command("opschonen_oefensessies", stdout=out)
    assert "1 oude poging(en) met een onjuiste code verwijderd" in out.getvalue()
    assert Deelnamepoging.objects.count() == 2


# Wrong codes from one address, tried in a separate server process on the same database;
# each process has a cache of its own, so only a count in the database makes them add up.
ATTEMPTS = """
import json
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client(REMOTE_ADDR="10.3.3.3")
statuses, messages = [], []
for n in range({first}, {last}):
    response = client.post("/samenwerking/doe-mee/", {{"code": "ZZZZ%04d" % (n + 2)}})
    statuses.append(response.status_code)
    messages.append("Te veel pogingen met een onjuiste code" in response.content.decode())
print(json.dumps([statuses, messages]))
"""


def _database_copy(tmp_path):
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        target = tmp_path / "pogingen.sqlite3"
        dbtemplate.copy_sqlite(dbtemplate.sqlite_template(), target)
        return f"sqlite:///{target}"
    return dbtemplate._pg_url(db, dbtemplate.postgres_copy(db, "toezicht_pogingen"))


def _attempts_in_a_process(database_url, first, last):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="portal.settings.test", DATABASE_URL=database_url)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", ATTEMPTS.format(first=first, last=last)],
        cwd=dbtemplate.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_join_limit_holds_across_server_processes(tmp_path):
    database_url = _database_copy(tmp_path)
    assert _attempts_in_a_process(database_url, 0, 6) == [[404] * 6, [False] * 6]
    assert _attempts_in_a_process(database_url, 6, 11) == [[404] * 4 + [429], [False] * 4 + [True]]


def _polls(poller, url, etag):
    with CaptureQueriesContext(connection) as queries:
        response = poller.get(url, HTTP_IF_NONE_MATCH=etag)
    return response, [q["sql"] for q in queries]


def test_an_unchanged_poll_costs_no_query_with_the_live_token(sessie, begeleider, django_capture_on_commit_callbacks):
    participant_url = f"/samenwerking/doe-mee/{sessie.code}/status.json?deel=1"
    facilitator_url = f"/samenwerking/oefensessies/{sessie.pk}/status.json?deel=1"
    # As on a server, where every write commits and then sets the live tokens.
    with django_capture_on_commit_callbacks(execute=True):
        client = join(sessie)
        step(begeleider, sessie, "volgende")
    for poller, url in [(client, participant_url), (begeleider, facilitator_url)]:
        etag = poller.get(url)["ETag"]
        response, queries = _polls(poller, url, etag)
        assert response.status_code == 304 and response.content == b"" and queries == []
    etag = client.get(participant_url)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        step(begeleider, sessie, "volgende")
    moved = client.get(participant_url, HTTP_IF_NONE_MATCH=etag)
    assert moved.status_code == 200 and "Hoofdstuk 2 van 3" in moved.json()["deel"]
    # The facilitator sees an answer come in, though the session's version did not change.
    etag = begeleider.get(facilitator_url)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        assert answer(client, sessie, {"vraag": "open-2", "tekst": "Bellen"}).status_code == 302
    came_in = begeleider.get(facilitator_url, HTTP_IF_NONE_MATCH=etag)
    assert came_in.status_code == 200 and "Bellen" in came_in.json()["deel"]


def test_an_unchanged_poll_costs_one_query_without_the_live_token(sessie, begeleider):
    # No token in the cache (evicted, emptied, or never set): the version comes from the database.
    caches[settings.PAGE_CACHE_ALIAS].clear()
    client = join(sessie)
    step(begeleider, sessie, "volgende")
    participant_url = f"/samenwerking/doe-mee/{sessie.code}/status.json?deel=1"
    facilitator_url = f"/samenwerking/oefensessies/{sessie.pk}/status.json?deel=1"
    for poller, url in [(client, participant_url), (begeleider, facilitator_url)]:
        etag = poller.get(url)["ETag"]
        response, queries = _polls(poller, url, etag)
        assert response.status_code == 304 and response.content == b""
        assert len(queries) == 1 and '"samenwerking_oefensessie"' in queries[0], queries
    etag = client.get(participant_url)["ETag"]
    step(begeleider, sessie, "volgende")
    moved = client.get(participant_url, HTTP_IF_NONE_MATCH=etag)
    assert moved.status_code == 200 and "Hoofdstuk 2 van 3" in moved.json()["deel"]


def test_a_case_published_again_during_a_session_shows_its_new_text(sessie, begeleider, casus):
    client = join(sessie)
    step(begeleider, sessie, "volgende")
    screen = f"/samenwerking/doe-mee/{sessie.code}/?deel=scherm"
    assert "Hoofdstuk 1 van 3: Hoofdstuk over week 1" in client.get(screen).content.decode()
    raw = list(casus.hoofdstukken.raw_data)
    raw[0]["value"]["titel"] = "Een nieuwe titel"
    casus.hoofdstukken = raw
    casus.save_revision().publish()
    assert "Hoofdstuk 1 van 3: Een nieuwe titel" in client.get(screen).content.decode()


def test_a_guessed_tag_gets_no_answer(sessie, begeleider):
    participant = join(sessie)
    etag = participant.get(f"/samenwerking/doe-mee/{sessie.code}/status.json")["ETag"]
    versie = etag.strip('"').split(".")[0]
    stranger = Client()
    for guessed in [f'"{versie}"', f'"{versie}.{"0" * 20}"', "\u00e9"]:
        response = stranger.get(f"/samenwerking/doe-mee/{sessie.code}/status.json", HTTP_IF_NONE_MATCH=guessed)
        assert response.status_code == 404
        response = stranger.get(f"/samenwerking/oefensessies/{sessie.pk}/status.json", HTTP_IF_NONE_MATCH=guessed)
        assert response.status_code == 302
    # The participant's tag is not the facilitator's.
    other = UserFactory()
    outsider = Client()
    outsider.force_login(other)
    response = outsider.get(f"/samenwerking/oefensessies/{sessie.pk}/status.json", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 404


def test_the_state_endpoint_tells_a_guesser_nothing(sessie):
    stranger = Client()
    for code in [sessie.code, "ABCDEFGH"]:
        response = stranger.get(f"/samenwerking/doe-mee/{code}/status.json")
        assert response.status_code == 404 and response.json() == {"fout": "U doet niet mee aan deze sessie."}
    assert answer(stranger, sessie, {"vraag": "mk-1"}).status_code == 404


def test_html_in_nicknames_and_answers_is_shown_as_text(sessie, begeleider):
    client = join(sessie, bijnaam='<script>alert("x")</script>')
    step(begeleider, sessie, "volgende")
    answer(client, sessie, {"vraag": "open-1", "tekst": "<img src=x onerror=alert(1)>"})
    own = client.get(f"/samenwerking/doe-mee/{sessie.code}/").content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in own and "<script>alert" not in own
    fragment = begeleider.get(f"/samenwerking/oefensessies/{sessie.pk}/antwoorden/").content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in fragment and "<img src=x" not in fragment


def test_nickname_over_the_limit_is_refused(sessie):
    response = Client().post(f"/samenwerking/doe-mee/{sessie.code}/", {"bijnaam": "x" * 41, "perspectief": "huisarts"})
    assert response.status_code == 400 and "hoogstens 40 tekens" in response.content.decode()
    bad = Client().post(f"/samenwerking/doe-mee/{sessie.code}/", {"perspectief": "burgemeester"})
    assert bad.status_code == 400 and "Selecteer een geldige keuze" in bad.content.decode()
    assert not Deelnemer.objects.exists()


@pytest.mark.parametrize(
    "data,message",
    [
        (
            {"vraag": "open-1", "tekst": "x" * 2001},
            "Uw antwoord heeft 2001 tekens; het mag hoogstens 2000 tekens hebben.",
        ),
        ({"vraag": "open-1", "tekst": "   "}, "Vul een antwoord in."),
        ({"vraag": "mk-1", "optie": "3"}, "Kies een van de antwoorden."),
        ({"vraag": "mk-1", "optie": "een"}, "Kies een van de antwoorden."),
        ({"vraag": "mk-2", "optie": "1"}, "Deze vraag is nu niet aan de beurt"),
        ({"vraag": "bestaat-niet", "tekst": "x"}, "Deze vraag is nu niet aan de beurt"),
        ({"vraag": "x" * 5000, "tekst": "x"}, "Deze vraag is nu niet aan de beurt"),
    ],
)
def test_bad_answers_are_refused_in_dutch_and_save_nothing(sessie, begeleider, data, message):
    client = join(sessie)
    step(begeleider, sessie, "volgende")
    response = client.post(f"/samenwerking/doe-mee/{sessie.code}/antwoord/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Antwoord.objects.exists()


def test_answers_while_paused_or_after_the_end_are_refused(sessie, begeleider):
    client = join(sessie)
    step(begeleider, sessie, "volgende")
    step(begeleider, sessie, "pauzeren")
    paused = answer(client, sessie, {"vraag": "mk-1", "optie": 1})
    assert paused.status_code == 400 and "gepauzeerd" in paused.content.decode()
    step(begeleider, sessie, "beeindigen")
    ended = answer(client, sessie, {"vraag": "mk-1", "optie": 1})
    assert ended.status_code == 400 and "afgelopen" in ended.content.decode()
    assert not Antwoord.objects.exists()


def test_the_session_stays_when_the_facilitator_leaves(sessie, begeleider):
    client = join(sessie)
    step(begeleider, sessie, "volgende")
    begeleider.logout()
    assert client.get(f"/samenwerking/doe-mee/{sessie.code}/status.json").json()["hoofdstuk"] == 1
    assert answer(client, sessie, {"vraag": "mk-1", "optie": 2}).status_code == 302
    assert Antwoord.objects.count() == 1


def test_sixty_participants_join_at_once(sessie, begeleider):
    clients = [Client(REMOTE_ADDR="192.168.0.20") for _ in range(60)]
    for n, client in enumerate(clients):
        join(sessie, bijnaam=f"D{n}", perspectief=["huisarts", "onderwijs"][n % 2], client=client)
    step(begeleider, sessie, "volgende")
    for client in clients:
        assert client.get(f"/samenwerking/doe-mee/{sessie.code}/status.json").json()["hoofdstuk"] == 1
        answer(client, sessie, {"vraag": "mk-1", "optie": 1})
    assert Deelnemer.objects.filter(sessie=sessie).count() == 60
    assert begeleider.get(f"/samenwerking/oefensessies/{sessie.pk}/status.json").json()["antwoorden"] == 60
