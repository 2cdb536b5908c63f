"""Group sessions of the practice case (SECURITY.md): every role × every channel of a session
held in a space, exact statuses; an answer's canary reaches only those who may read the
answers; generated input on the join and answer surfaces never gives a server error."""

from django.test import Client

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samenwerking.models import Antwoord, Deelnamepoging, Oefensessie
from tests.samenwerking.factories import LidmaatschapFactory, UserFactory, oefencasus

pytestmark = pytest.mark.django_db

CANARY = "KANARIE-oefensessie-open-antwoord"
CHANNELS = ["leiden", "stap", "status", "antwoorden", "groep", "samenvatting", "ruimte", "deelnemer_status"]
# role -> channel -> status, for a session that has ended, held in space A.
EXPECTED = {
    "anoniem": dict(
        leiden=302, stap=302, status=302, antwoorden=302, groep=302, samenvatting=302, ruimte=302, deelnemer_status=404
    ),
    "deelnemer_zonder_account": dict(
        leiden=302, stap=302, status=302, antwoorden=302, groep=302, samenvatting=302, ruimte=302, deelnemer_status=200
    ),
    "begeleider": dict(
        leiden=200, stap=400, status=200, antwoorden=200, groep=200, samenvatting=200, ruimte=200, deelnemer_status=404
    ),
    "meelezer_a": dict(
        leiden=404, stap=404, status=404, antwoorden=404, groep=404, samenvatting=200, ruimte=200, deelnemer_status=404
    ),
    "lid_b": dict(
        leiden=404, stap=404, status=404, antwoorden=404, groep=404, samenvatting=404, ruimte=404, deelnemer_status=404
    ),
    "zonder_ruimte": dict(
        leiden=404, stap=404, status=404, antwoorden=404, groep=404, samenvatting=404, ruimte=404, deelnemer_status=404
    ),
    "superuser": dict(
        leiden=404, stap=404, status=404, antwoorden=404, groep=404, samenvatting=404, ruimte=404, deelnemer_status=404
    ),
}
MAY_READ_ANSWERS = {"begeleider", "meelezer_a"}


@pytest.fixture
def world():
    coordinator = LidmaatschapFactory(coordinator=True)
    ruimte = coordinator.ruimte
    sessie = Oefensessie.start(oefencasus(), coordinator.gebruiker, ruimte=ruimte)
    deelnemer = Client()
    deelnemer.post(f"/samenwerking/doe-mee/{sessie.code}/", {"perspectief": "huisarts"})
    begeleider = Client()
    begeleider.force_login(coordinator.gebruiker)
    begeleider.post(f"/samenwerking/oefensessies/{sessie.pk}/stap/", {"actie": "volgende"})
    deelnemer.post(f"/samenwerking/doe-mee/{sessie.code}/antwoord/", {"vraag": "open-1", "tekst": CANARY})
    begeleider.post(f"/samenwerking/oefensessies/{sessie.pk}/stap/", {"actie": "beeindigen"})
    users = {
        "begeleider": coordinator.gebruiker,
        "meelezer_a": LidmaatschapFactory(ruimte=ruimte, meelezer=True).gebruiker,
        "lid_b": LidmaatschapFactory().gebruiker,
        "zonder_ruimte": UserFactory(),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }
    return {"sessie": sessie, "ruimte": ruimte, "users": users, "deelnemer": deelnemer}


def _client(world, role):
    if role == "deelnemer_zonder_account":
        return world["deelnemer"]
    client = Client()
    if role in world["users"]:
        client.force_login(world["users"][role])
    return client


def _request(client, channel, sessie, ruimte):
    base = f"/samenwerking/oefensessies/{sessie.pk}/"
    urls = {
        "leiden": base,
        "status": base + "status.json",
        "antwoorden": base + "antwoorden/",
        "groep": base + "groep/",
        "samenvatting": base + "samenvatting.pdf",
        "ruimte": f"/samenwerking/{ruimte.pk}/oefensessies/",
        "deelnemer_status": f"/samenwerking/doe-mee/{sessie.code}/status.json",
    }
    if channel == "stap":
        return client.post(base + "stap/", {"actie": "volgende"})
    return client.get(urls[channel])


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_matrix(world, canaries, role):
    canaries.register(
        CANARY, lambda user: user.is_authenticated and user.pk in {world["users"][r].pk for r in MAY_READ_ANSWERS}
    )
    client = _client(world, role)
    got = {channel: _request(client, channel, world["sessie"], world["ruimte"]).status_code for channel in CHANNELS}
    assert got == EXPECTED[role]


def test_the_answers_canary_is_in_the_channels_that_show_answers(world):
    client = _client(world, "begeleider")
    base = f"/samenwerking/oefensessies/{world['sessie'].pk}/"
    assert CANARY in client.get(base + "antwoorden/").content.decode()
    assert CANARY in client.get(base + "groep/").content.decode()


@pytest.fixture
def running():
    sessie = Oefensessie.start(oefencasus(), UserFactory())
    sessie.change(hoofdstuk=1)
    return sessie


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=st.text(max_size=60), bijnaam=st.text(max_size=80), tekst=st.text(max_size=2100))
def test_generated_input_never_gives_a_server_error(running, code, bijnaam, tekst):
    # Each example starts with no wrong codes counted for the test client's address.
    Deelnamepoging.objects.all().delete()
    client = Client()
    assert client.post("/samenwerking/doe-mee/", {"code": code}).status_code in {302, 400, 404}
    joined = client.post(f"/samenwerking/doe-mee/{running.code}/", {"bijnaam": bijnaam, "perspectief": "huisarts"})
    assert joined.status_code in {302, 400}
    if joined.status_code == 302:
        response = client.post(f"/samenwerking/doe-mee/{running.code}/antwoord/", {"vraag": "open-1", "tekst": tekst})
        assert response.status_code in {302, 400}
        saved = Antwoord.objects.filter(sessie=running, tekst=tekst.replace("\x00", "").strip()).exists()
        assert saved == (response.status_code == 302)
