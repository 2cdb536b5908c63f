"""The other pages of the spaces (providers, learnings, reports, notifications, practice sessions,
investigations): whoever may not see an object gets, for its id, byte for byte the answer a
made-up id gets, on GET and on POST, and nothing is written.

Every object here lives in a space C that none of the roles is in: for each of them it is
foreign. The table is checked against the URLconf: a URL of these modules with an argument and
without a row fails here."""

import difflib
import re
from urllib.parse import quote

from django.test import Client
from django.urls import get_resolver, reverse

import pytest

from samenwerking.models import (
    AuditLogEntry,
    Bevinding,
    Leerpunt,
    Lidmaatschap,
    Melding,
    Notificatie,
    Oefensessie,
    Onderzoek,
    Opvolging,
    Samenwerkingsruimte,
    Toegangsverzoek,
)
from tests.samenwerking.factories import (
    AanbevelingFactory,
    AanbiederFactory,
    LeerpuntFactory,
    LidmaatschapFactory,
    MeldingFactory,
    OnderzoekFactory,
    OpvolgingFactory,
    RuimteFactory,
    UserFactory,
    oefencasus,
    seeded_normen,
)

pytestmark = pytest.mark.django_db

WRONG = "999999999"
ROLES = ["anoniem", "buitenstaander", "meelezer_a", "lid_b"]
MODULES = {
    "samenwerking.aanbieder_views",
    "samenwerking.leerpunt_views",
    "samenwerking.melding_views",
    "samenwerking.notificatie_views",
    "samenwerking.oefensessie_views",
    "samenwerking.onderzoek_views",
}
# Not space content: providers are the register every supervisor reads and keeps up to date
# (tests/security/test_toezicht_matrix.py covers who may), and a join code is the participant's
# own ticket to a session, typed in from the screen (tests/security/test_oefensessie.py).
NOT_HIDDEN = {"aanbieder", "aanbieder_wijzigen", "doe_mee_sessie", "doe_mee_status", "doe_mee_antwoord"}


@pytest.fixture
def world():
    a, b, c = RuimteFactory(), RuimteFactory(), RuimteFactory()
    coordinator_c = LidmaatschapFactory(ruimte=c, coordinator=True).gebruiker
    users = {
        "anoniem": None,
        "buitenstaander": UserFactory(),
        "meelezer_a": LidmaatschapFactory(ruimte=a, meelezer=True).gebruiker,
        "lid_b": LidmaatschapFactory(ruimte=b, coordinator=True).gebruiker,
    }
    aanbieder = AanbiederFactory()
    normen = seeded_normen(aantal=1)
    leerpunt = LeerpuntFactory(ruimte=c)
    opvolging = OpvolgingFactory(aanbeveling=AanbevelingFactory(leerpunt=leerpunt))
    sessie = Oefensessie.start(oefencasus(), coordinator_c, ruimte=c)
    notificatie = Notificatie.objects.create(
        ontvanger=coordinator_c, ruimte=c, soort=Notificatie._meta.get_field("soort").choices[0][0]
    )
    objects = {
        "c": c,
        "a": a,
        "onderzoek": OnderzoekFactory(ruimte=c, normen=normen, met_aanbieders=[aanbieder]),
        "melding": MeldingFactory(ruimte=c, aanbieder=aanbieder),
        "leerpunt": leerpunt,
        "opvolging": opvolging,
        "sessie": sessie,
        "notificatie": notificatie,
        "aanbieder": aanbieder,
    }
    return {"users": users, "objects": objects}


def _rows(o):
    """URL name -> its arguments, all naming objects of space C."""
    c, onderzoek = o["c"].pk, o["onderzoek"].pk
    in_c = {"pk": c}
    per_onderzoek = {"pk": c, "onderzoek": onderzoek}
    sessie = {"pk": o["sessie"].pk}
    code = {"code": o["sessie"].code}
    return {
        "notificatie": {"pk": o["notificatie"].pk},
        "aanbieder": {"pk": o["aanbieder"].pk},
        "aanbieder_wijzigen": {"pk": o["aanbieder"].pk},
        "toegangsverzoeken": in_c,
        "oefensessie": sessie,
        "oefensessie_stap": sessie,
        "oefensessie_status": sessie,
        "oefensessie_antwoorden": sessie,
        "oefensessie_groep": sessie,
        "oefensessie_samenvatting": sessie,
        "ruimte_oefensessies": in_c,
        "doe_mee_sessie": code,
        "doe_mee_status": code,
        "doe_mee_antwoord": code,
        "onderzoeken": in_c,
        "onderzoek_nieuw": in_c,
        "onderzoek": per_onderzoek,
        "onderzoek_wijzigen": per_onderzoek,
        "onderzoek_bevindingen": per_onderzoek,
        "onderzoek_matrix": per_onderzoek,
        "onderzoek_matrix_csv": per_onderzoek,
        "onderzoek_matrix_pdf": per_onderzoek,
        "onderzoek_rapport": per_onderzoek,
        "meldingen": in_c,
        "melding_nieuw": in_c,
        "melding": {"pk": c, "melding": o["melding"].pk},
        "leerpunten": in_c,
        "leerpunt_nieuw": in_c,
        "leerpunt": {"pk": o["leerpunt"].pk},
        "leerpunt_wijzigen": {"pk": o["leerpunt"].pk},
        "leerpunt_verruimen": {"pk": o["leerpunt"].pk},
        "aanbeveling_nieuw": {"pk": o["leerpunt"].pk},
        "opvolging": {"pk": o["leerpunt"].pk, "opvolging": o["opvolging"].pk},
    }


class _AnyObjects(dict):
    def __getitem__(self, key):
        return _AnyObject()


class _AnyObject:
    pk = 1
    code = "X"


def _namespace(resolver):
    _prefix, sub = resolver.namespace_dict["samenwerking"]
    found = {}
    for pattern in sub.url_patterns:
        callback = getattr(pattern, "callback", None)
        if callback is None or callback.__module__ not in MODULES:
            continue
        if pattern.pattern.converters:
            found[pattern.name] = True
    return found


def test_every_url_with_an_argument_has_a_row():
    assert set(_namespace(get_resolver())) == set(_rows(_AnyObjects())), "A URL with an id and without a row"


def _state():
    return (
        list(Samenwerkingsruimte.objects.order_by("pk").values_list("pk", "titel", "status")),
        list(Lidmaatschap.objects.order_by("pk").values_list("pk", "rol")),
        list(Onderzoek.objects.order_by("pk").values_list("pk", "titel")),
        Bevinding.objects.count(),
        list(Melding.objects.order_by("pk").values_list("pk", "status", "samenvatting")),
        list(Leerpunt.objects.order_by("pk").values_list("pk", "reikwijdte", "titel")),
        list(Opvolging.objects.order_by("pk").values_list("pk", "status", "toelichting")),
        list(Oefensessie.objects.order_by("pk").values_list("pk", "status", "hoofdstuk")),
        list(Notificatie.objects.order_by("pk").values_list("pk", "gelezen_op")),
        Toegangsverzoek.objects.count(),
    )


def _ask(client, method, name, kwargs):
    url = reverse(f"samenwerking:{name}", kwargs={k: str(v) for k, v in kwargs.items()})
    data = {"actie": "volgende", "titel": "Poging", "tekst": "Poging", "reden": "Poging"}
    response = client.post(url, data) if method == "post" else client.get(url)
    body = b"".join(response) if response.streaming else response.content
    body = body.decode(errors="replace")
    # A login redirect names the page it came from: the caller's own URL, not an answer.
    body = body.replace(url, "{pad}").replace(quote(url, safe=""), "{pad}")
    body = re.sub(r'(name="csrfmiddlewaretoken" value=|nonce=)"[^"]*"', r'\1"-"', body)
    location = response.get("Location", "").replace(quote(url, safe=""), "{pad}").replace(url, "{pad}")
    return response.status_code, location, body


def _cases():
    return [
        (name, role, method)
        for name in sorted(_rows(_AnyObjects()))
        if name not in NOT_HIDDEN
        for role in ROLES
        for method in ("get", "post")
    ]


@pytest.mark.parametrize(("name", "role", "method"), _cases())
def test_a_foreign_id_answers_as_a_made_up_one(world, name, role, method):
    kwargs = _rows(world["objects"])[name]
    client = Client()
    if world["users"][role] is not None:
        client.force_login(world["users"][role])
    before = _state()
    answer = _ask(client, method, name, kwargs)
    if role == "anoniem":
        assert answer[0] == 302 and answer[1].startswith("/account/inloggen/"), answer[:2]
    else:
        assert answer[0] in (404, 405), answer[:2]
    for field in kwargs:
        wrong = _ask(client, method, name, {**kwargs, field: WRONG})
        diff = "\n".join(difflib.unified_diff(answer[2].splitlines(), wrong[2].splitlines(), lineterm=""))
        assert wrong[:2] == answer[:2] and not diff, (field, wrong[:2], answer[:2], diff[:1500])
    assert _state() == before


def test_a_refusal_in_a_foreign_space_is_logged(world):
    client = Client()
    user = world["users"]["lid_b"]
    client.force_login(user)
    c = world["objects"]["c"]
    client.post(reverse("samenwerking:melding_nieuw", kwargs={"pk": c.pk}), {"samenvatting": "Poging"})
    refusals = AuditLogEntry.objects.filter(gebruiker=user, actie=AuditLogEntry.Actie.GEWEIGERD)
    assert list(refusals.values_list("ruimte", flat=True)) == [c.pk]


# POST pages that change an object of the reader's own space -> the ids beside the space's own.
# The right to act is checked first, so a reader cannot tell a real id from a made-up one.
OWN_SPACE_WRITES = {
    "onderzoek_wijzigen": ["onderzoek"],
    "onderzoek_bevindingen": ["onderzoek"],
    "onderzoek_rapport": ["onderzoek"],
    "melding": ["melding"],
    "opvolging": ["opvolging"],
}


@pytest.mark.parametrize("name", sorted(OWN_SPACE_WRITES))
def test_a_reader_is_refused_alike_for_real_and_made_up_ids(world, name):
    a = world["objects"]["a"]
    aanbieder = world["objects"]["aanbieder"]
    leerpunt = LeerpuntFactory(ruimte=a)
    own = {
        "c": a,
        "onderzoek": OnderzoekFactory(ruimte=a, normen=seeded_normen(aantal=1), met_aanbieders=[aanbieder]),
        "melding": MeldingFactory(ruimte=a, aanbieder=aanbieder),
        "leerpunt": leerpunt,
        "opvolging": OpvolgingFactory(aanbeveling=AanbevelingFactory(leerpunt=leerpunt)),
        "sessie": world["objects"]["sessie"],
        "notificatie": world["objects"]["notificatie"],
        "aanbieder": aanbieder,
    }
    kwargs = _rows(own)[name]
    user = world["users"]["meelezer_a"]
    client = Client()
    client.force_login(user)
    before = _state()
    answer = _ask(client, "post", name, kwargs)
    assert answer[0] == 403, answer[:2]
    refusals = AuditLogEntry.objects.filter(gebruiker=user, actie=AuditLogEntry.Actie.GEWEIGERD)
    assert refusals.filter(ruimte=a).exists(), "The refusal is not in the audit log"
    for field in OWN_SPACE_WRITES[name]:
        wrong = _ask(client, "post", name, {**kwargs, field: WRONG})
        assert wrong == answer, (field, wrong[:2], answer[:2])
    assert _state() == before
