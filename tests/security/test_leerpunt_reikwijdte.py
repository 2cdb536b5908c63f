"""A learning is never visible wider than its recorded decisions.

Random sequences of widening attempts (by a coordinator, a participant, a supervisor outside the
space; to the next step, a skipped step, back), edits, and the editors publishing or withdrawing
the kennisbank page. After every step, for every kind of user, the learning is visible (in the
queryset, on its page, in the shared list and in the open recommendations overview) exactly when
the recorded decisions say so: its space always; every supervisor once a coordinator decided
"toezichthouders"; everyone once a coordinator decided "openbaar" and the page is live. A canary
in the text must never reach anyone else."""

from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.test import Client

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page

from portal.roles import TOEZICHTHOUDER
from samenwerking import leerpunten
from samenwerking.models import Leerpunt, Reikwijdte
from tests.samenwerking.factories import (
    AanbevelingFactory,
    LeerpuntFactory,
    LidmaatschapFactory,
    OpvolgingFactory,
    RuimteFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

KANARIE = "KANARIE-LEERPUNT-7f3a"
ACTOREN = ("coordinator", "deelnemer", "buiten")
STAP = st.one_of(
    st.tuples(st.just("verruim"), st.sampled_from(ACTOREN), st.sampled_from(Reikwijdte.values)),
    st.tuples(st.just("wijzig"), st.sampled_from(ACTOREN[:2]), st.none()),
    st.tuples(st.sampled_from(["publiceer", "trek_in"]), st.none(), st.none()),
)


class Terugdraaien(Exception):
    pass


def _toezichthouder():
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=TOEZICHTHOUDER)[0])
    return user


def _wereld():
    ruimte = RuimteFactory()
    people = {
        "coordinator": LidmaatschapFactory(ruimte=ruimte, coordinator=True, gebruiker=_toezichthouder()).gebruiker,
        "deelnemer": LidmaatschapFactory(ruimte=ruimte, gebruiker=_toezichthouder()).gebruiker,
        "buiten": _toezichthouder(),
        "ingelogd": UserFactory(),
        "anoniem": None,
    }
    leerpunt = LeerpuntFactory(ruimte=ruimte, titel="Leerpunt onder test", tekst=f"Regie bij afschalen. {KANARIE}")
    OpvolgingFactory(aanbeveling=AanbevelingFactory(leerpunt=leerpunt, tekst=f"Aanbeveling {KANARIE}"))
    return ruimte, people, leerpunt


def _stap(leerpunt, people, soort, actor, naar):
    user = people.get(actor)
    try:
        if soort == "verruim":
            leerpunt.refresh_from_db()
            leerpunten.verruim_leerpunt(
                user, leerpunt, "pagina", naar=naar, reden="Besluit", tekst=leerpunt.tekst, bevestigde_signalen=[]
            )
        elif soort == "wijzig":
            leerpunten.update_leerpunt(user, leerpunt, "pagina", {"titel": leerpunt.titel, "tekst": leerpunt.tekst})
        else:
            leerpunt.refresh_from_db()
            if leerpunt.pagina_id is None:
                return
            pagina = leerpunt.pagina.specific
            if soort == "publiceer":
                pagina.save_revision().publish()
            elif pagina.live:
                pagina.unpublish()
    except (PermissionDenied, ValidationError):
        pass


def _expected(leerpunt):
    """Who may see the learning, from its recorded decisions alone."""
    leerpunt.refresh_from_db()
    besluiten = list(leerpunt.verruimingen.order_by("pk").values_list("van", "naar", "door__email"))
    stappen = [(van, naar) for van, naar, _ in besluiten]
    assert stappen == list(zip(Reikwijdte.values, Reikwijdte.values[1:], strict=False))[: len(stappen)]
    coordinatoren = set(
        leerpunt.ruimte.lidmaatschappen.filter(rol="coordinator").values_list("gebruiker__email", flat=True)
    )
    assert {door for _, _, door in besluiten} <= coordinatoren
    naar = {n for _, n in stappen}
    openbaar = "openbaar" in naar and Page.objects.filter(pk=leerpunt.pagina_id, live=True).exists()
    return {
        "coordinator": True,
        "deelnemer": True,
        "buiten": "toezichthouders" in naar,
        "ingelogd": openbaar,
        "anoniem": openbaar,
    }


def _check(leerpunt, people, verwacht, canary):
    canary.register(KANARIE, lambda u: _who(u, people, verwacht))
    for wie, user in people.items():
        mag = verwacht[wie]
        assert Leerpunt.objects.viewable_by_user(user or AnonymousUser()).filter(pk=leerpunt.pk).exists() == mag, wie
        client = Client()
        if user is not None:
            client.force_login(user)
        overzicht = client.get("/samenwerking/aanbevelingen/")
        assert overzicht.status_code == 200
        assert (f"Aanbeveling {KANARIE}" in overzicht.content.decode()) == mag, wie
        if user is None:
            continue
        detail = client.get(f"/samenwerking/leerpunten/{leerpunt.pk}/")
        assert detail.status_code == (200 if mag else 404), wie
        gedeeld = client.get("/samenwerking/leerpunten/")
        # The list holds every learning the user may see, at every reach.
        assert (leerpunt in gedeeld.context["leerpunten"]) == mag, wie


def _who(user, people, verwacht):
    for wie, persoon in people.items():
        if persoon is not None and user is not None and getattr(user, "pk", None) == persoon.pk:
            return verwacht[wie]
    return verwacht["anoniem"]


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(stappen=st.lists(STAP, min_size=1, max_size=6))
def test_a_learning_is_never_wider_than_its_recorded_decisions(canaries, stappen):
    try:
        with transaction.atomic():
            _, people, leerpunt = _wereld()
            _check(leerpunt, people, _expected(leerpunt), canaries)
            for soort, actor, naar in stappen:
                _stap(leerpunt, people, soort, actor, naar)
                _check(leerpunt, people, _expected(leerpunt), canaries)
            raise Terugdraaien
    except Terugdraaien:
        pass
    finally:
        canaries.reset()


def test_the_reach_only_grows_through_a_recorded_decision():
    """The field is not editable and the model refuses a jump: a reach without its decisions
    cannot be made through the model's own method."""
    ruimte = RuimteFactory()
    coordinator = LidmaatschapFactory(ruimte=ruimte, coordinator=True).gebruiker
    leerpunt = LeerpuntFactory(ruimte=ruimte)
    assert not Leerpunt._meta.get_field("reikwijdte").editable
    with pytest.raises(ValidationError):
        leerpunt.verruim("openbaar", door=coordinator, reden="Sprong")
    leerpunt.refresh_from_db()
    assert (leerpunt.reikwijdte, leerpunt.verruimingen.count()) == ("ruimte", 0)
