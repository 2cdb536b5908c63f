"""The supervisors' objects in the one search, on both backends: investigations, findings and
reports for the members of their space only; a learning and its recommendations exactly as far
as its recorded reach (its space, every supervisor, the public once its page is live). A report
carries its space's principal and nothing else, whatever happens around it. A canary in every
text is looked for in every response; opening a hit is checked again and logged."""

from django.contrib.auth.models import AnonymousUser, Group
from django.test import Client

import pytest

from portal.privacy import pages
from portal.roles import TOEZICHTHOUDER
from samenwerking.models import AuditLogEntry
from search import service
from search.models import SearchDocument
from tests.samenwerking.factories import (
    AanbevelingFactory,
    AanbiederFactory,
    BevindingFactory,
    LeerpuntFactory,
    LidmaatschapFactory,
    MeldingFactory,
    OnderzoekFactory,
    RuimteFactory,
    UserFactory,
)
from tests.search.conftest import BACKENDS, osmem, use_database, use_elasticsearch  # noqa: F401

pytestmark = pytest.mark.django_db

WORD = "plimsoll"
C = {
    "onderzoek": "KANARIE-t1-aanleiding-onderzoek",
    "bevinding": "KANARIE-t2-toelichting-bevinding",
    "melding": "KANARIE-t3-samenvatting-melding",
    "leerpunt_ruimte": "KANARIE-t4-leerpunt-ruimte",
    "leerpunt_breed": "KANARIE-t5-leerpunt-toezichthouders",
    "aanbeveling_breed": "KANARIE-t6-aanbeveling-toezichthouders",
    "leerpunt_openbaar": "KANARIE-t7-leerpunt-openbaar",
}
SOORT = {
    "onderzoek": "onderzoek",
    "bevinding": "bevinding",
    "melding": "melding",
    "leerpunt_ruimte": "leerpunt",
    "leerpunt_breed": "leerpunt",
    "aanbeveling_breed": "aanbeveling",
    "leerpunt_openbaar": "leerpunt",
}
PUBLIC = {"leerpunt_openbaar"}
SUPERVISORS = PUBLIC | {"leerpunt_breed", "aanbeveling_breed"}
MEMBERS = set(C)
EXPECTED = {
    "anoniem": PUBLIC,
    "buitenstaander": PUBLIC,
    "toezichthouder_buiten": SUPERVISORS,
    "coordinator_a": MEMBERS,
    "deelnemer_a": MEMBERS,
    "meelezer_a": MEMBERS,
    "lid_b": PUBLIC,
    "superuser": PUBLIC,
}
ROLES = list(EXPECTED)


@pytest.fixture(params=BACKENDS)
def backend(request, settings, db):
    if request.param == "database":
        use_database(settings)
        yield "database"
        return
    server = request.getfixturevalue("osmem")
    es = use_elasticsearch(settings, server.url)
    yield "elasticsearch"
    es.reset_breaker()
    es.client.indices.delete(index=es.index_name, ignore_unavailable=True)


def _supervisor(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=TOEZICHTHOUDER))
    return user


def _public_page():
    return pages().viewable_by_user(AnonymousUser()).filter(depth__gt=2).order_by("path").first().specific


@pytest.fixture
def world(backend, canaries, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        a = RuimteFactory(titel="Ruimte Noord")
        b = RuimteFactory(titel="Ruimte Zuid")
        users = {"buitenstaander": UserFactory(), "toezichthouder_buiten": _supervisor()}
        users["coordinator_a"] = LidmaatschapFactory(ruimte=a, coordinator=True, gebruiker=_supervisor()).gebruiker
        users["deelnemer_a"] = LidmaatschapFactory(ruimte=a).gebruiker
        users["meelezer_a"] = LidmaatschapFactory(ruimte=a, meelezer=True).gebruiker
        users["lid_b"] = LidmaatschapFactory(ruimte=b, coordinator=True).gebruiker
        users["superuser"] = UserFactory(is_staff=True, is_superuser=True)
        aanbieder = AanbiederFactory(naam="Zorg Plimsoll")
        objects = {}
        objects["onderzoek"] = OnderzoekFactory(
            ruimte=a, titel="Plimsoll onderzoek", aanleiding=f"{WORD} {C['onderzoek']}", met_aanbieders=[aanbieder]
        )
        objects["bevinding"] = BevindingFactory(
            onderzoek=objects["onderzoek"], aanbieder=aanbieder, toelichting=f"{WORD} {C['bevinding']}"
        )
        objects["melding"] = MeldingFactory(ruimte=a, aanbieder=aanbieder, samenvatting=f"{WORD} {C['melding']}")
        for key in ("leerpunt_ruimte", "leerpunt_breed", "leerpunt_openbaar"):
            titel = f"Plimsoll {key.replace('_', ' ')}"
            objects[key] = LeerpuntFactory(ruimte=a, titel=titel, tekst=f"{WORD} {C[key]}", melding=objects["melding"])
        coordinator = users["coordinator_a"]
        objects["aanbeveling_breed"] = AanbevelingFactory(
            leerpunt=objects["leerpunt_breed"], tekst=f"{WORD} {C['aanbeveling_breed']}"
        )
        objects["leerpunt_breed"].verruim("toezichthouders", door=coordinator, reden="breder")
        openbaar = objects["leerpunt_openbaar"]
        openbaar.verruim("toezichthouders", door=coordinator, reden="breder")
        openbaar.pagina = _public_page()
        openbaar.save()
        openbaar.verruim("openbaar", door=coordinator, reden="openbaar")
    may_see = {
        key: {users[role].pk for role, keys in EXPECTED.items() if key in keys and role != "anoniem"} for key in C
    }
    for key, word in C.items():
        public = key in PUBLIC
        canaries.register(
            word, lambda user, key=key, public=public: public or (user is not None and user.pk in may_see[key])
        )
    return {"a": a, "b": b, "users": users, "objects": objects}


def _keys(world, keys):
    return sorted(f"samenwerking.{world['objects'][k]._meta.model_name}:{world['objects'][k].pk}" for k in keys)


def _search(world, role, query=WORD):
    user = world["users"].get(role) or AnonymousUser()
    return service.search(query, user, per_pagina=50)


def _client(world, role):
    client = Client()
    if role != "anoniem":
        client.force_login(world["users"][role])
    return client


@pytest.mark.parametrize("role", ROLES)
def test_search_holds_exactly_what_the_role_may_see(world, role):
    expected = EXPECTED[role]
    outcome = _search(world, role)
    assert sorted(r.key for r in outcome.resultaten) == _keys(world, expected)
    assert outcome.totaal == len(expected)
    counts = {}
    for key in expected:
        counts[SOORT[key]] = counts.get(SOORT[key], 0) + 1
    soort = {f.naam: {w.waarde: w.aantal for w in f.waarden} for f in outcome.facetten}.get("soort", {})
    assert {k: v for k, v in soort.items() if k in set(SOORT.values())} == counts
    for r in outcome.resultaten:
        assert r.url.startswith("/samenwerking/zoekresultaat/")
    if "melding" not in expected:
        with pytest.raises(service.ZoekFout):
            service.search(WORD, world["users"].get(role) or AnonymousUser(), filters={"soort": ["melding"]})
    page = _client(world, role).get("/zoeken/", {"q": WORD})
    assert page.status_code == 200
    body = page.content.decode()
    for key, obj in world["objects"].items():
        assert (f'href="/samenwerking/zoekresultaat/{SOORT[key]}/{obj.pk}/"' in body) == (key in expected), key


def test_a_report_carries_its_space_principal_and_nothing_else(world, django_capture_on_commit_callbacks):
    melding = world["objects"]["melding"]

    def principals():
        doc = SearchDocument.objects.get(key=f"samenwerking.melding:{melding.pk}")
        return sorted(doc.principals.values_list("naam", flat=True))

    assert principals() == [f"ruimte:{world['a'].pk}"]
    with django_capture_on_commit_callbacks(execute=True):
        melding.status = "afgesloten"
        melding.save()
        world["objects"]["leerpunt_ruimte"].verruim("toezichthouders", door=world["users"]["coordinator_a"], reden="x")
    assert principals() == [f"ruimte:{world['a'].pk}"]


def test_widening_reaches_every_supervisor_on_the_next_search(world, django_capture_on_commit_callbacks):
    outsider = "toezichthouder_buiten"
    leerpunt = world["objects"]["leerpunt_ruimte"]
    assert _keys(world, ["leerpunt_ruimte"])[0] not in [r.key for r in _search(world, outsider).resultaten]
    with django_capture_on_commit_callbacks(execute=True):
        aanbeveling = AanbevelingFactory(leerpunt=leerpunt, tekst=f"{WORD} nieuw advies")
        leerpunt.verruim("toezichthouders", door=world["users"]["coordinator_a"], reden="breder")
    keys = [r.key for r in _search(world, outsider).resultaten]
    assert _keys(world, ["leerpunt_ruimte"])[0] in keys
    assert f"samenwerking.aanbeveling:{aanbeveling.pk}" in keys
    assert _keys(world, ["leerpunt_ruimte"])[0] not in [r.key for r in _search(world, "buitenstaander").resultaten]


def test_unpublishing_a_public_learnings_page_takes_it_out_of_public_search(world, django_capture_on_commit_callbacks):
    page = world["objects"]["leerpunt_openbaar"].pagina.specific
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert _search(world, "anoniem").resultaten == []
    assert sorted(r.key for r in _search(world, "toezichthouder_buiten").resultaten) == _keys(world, SUPERVISORS)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert sorted(r.key for r in _search(world, "anoniem").resultaten) == _keys(world, PUBLIC)


def test_opening_a_hit_checks_again_logs_and_never_names_the_space(world):
    anonymous = Client()
    openbaar = world["objects"]["leerpunt_openbaar"]
    response = anonymous.get(f"/samenwerking/zoekresultaat/leerpunt/{openbaar.pk}/")
    assert response["Location"] == openbaar.pagina.url
    for soort, key in (("leerpunt", "leerpunt_breed"), ("melding", "melding"), ("onderzoek", "onderzoek")):
        response = anonymous.get(f"/samenwerking/zoekresultaat/{soort}/{world['objects'][key].pk}/")
        assert response.status_code == 302 and response["Location"].startswith("/account/inloggen/?next=")

    client = _client(world, "toezichthouder_buiten")
    leerpunt = world["objects"]["leerpunt_breed"]
    response = client.get(f"/samenwerking/zoekresultaat/leerpunt/{leerpunt.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/samenwerking/leerpunten/#leerpunt-{leerpunt.pk}"
    melding = world["objects"]["melding"]
    assert client.get(f"/samenwerking/zoekresultaat/melding/{melding.pk}/").status_code == 404
    assert client.get("/samenwerking/zoekresultaat/melding/99999999/").status_code == 404
    log = AuditLogEntry.objects.filter(gebruiker=world["users"]["toezichthouder_buiten"], kanaal="zoeken")
    assert sorted(log.values_list("actie", "object_soort")) == [("bekeken", "leerpunt"), ("geweigerd", "melding")]
    member = _client(world, "deelnemer_a")
    response = member.get(f"/samenwerking/zoekresultaat/melding/{melding.pk}/")
    assert response["Location"] == f"/samenwerking/{world['a'].pk}/meldingen/{melding.pk}/"
    bevinding = world["objects"]["bevinding"]
    response = member.get(f"/samenwerking/zoekresultaat/bevinding/{bevinding.pk}/")
    assert response["Location"] == (
        f"/samenwerking/{world['a'].pk}/onderzoeken/{bevinding.onderzoek_id}/bevindingen/#bevinding-{bevinding.pk}"
    )


def test_a_provider_renamed_or_added_reaches_the_documents(world, django_capture_on_commit_callbacks):
    onderzoek = world["objects"]["onderzoek"]
    coordinator = world["users"]["coordinator_a"]
    with django_capture_on_commit_callbacks(execute=True):
        onderzoek.aanbieders.add(AanbiederFactory(naam="Kwelderhoning Zorg"))
    assert [r.key for r in service.search("kwelderhoning", coordinator).resultaten] == _keys(world, ["onderzoek"])
    with django_capture_on_commit_callbacks(execute=True):
        onderzoek.aanbieders.clear()
    assert service.search("kwelderhoning", coordinator).resultaten == []


def test_rebuild_includes_the_supervisors_objects(world):
    from django.core.management import call_command

    from search import engine

    SearchDocument.objects.filter(key__startswith="samenwerking").delete()
    es = engine.engine()
    if es is not None:
        for key in _keys(world, MEMBERS):
            es.delete(key)
    assert _search(world, "deelnemer_a").resultaten == []
    call_command("rebuild_search_index", verbosity=0)
    assert sorted(r.key for r in _search(world, "deelnemer_a").resultaten) == _keys(world, MEMBERS)
    assert sorted(r.key for r in _search(world, "anoniem").resultaten) == _keys(world, PUBLIC)
