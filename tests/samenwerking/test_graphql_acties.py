"""The supervisors' actions of issue 11 as GraphQL mutations, on the same service functions as
their pages: each one's happy path for a member with the right; refused for a reader, an
outsider and an anonymous client (a real id of another space answers exactly as a made-up one,
and nothing is written); bad input answered in Dutch with nothing half-saved; CSRF required;
and for each action the page and the mutation give the same result under the same rule."""

import json
from datetime import date

from django.contrib.auth.models import Group
from django.test import Client

import pytest

from kennisbank.models import KaderOnderdeelPage, NormPage
from portal.models import Gemeente
from portal.roles import TOEZICHTHOUDER
from samenwerking.models import Aanbieder, AuditLogEntry, Bevinding, BevindingVersie, Onderzoek

from .factories import (
    AanbiederFactory,
    BevindingFactory,
    DocumentFactory,
    LidmaatschapFactory,
    OnderzoekFactory,
    OrganisatieFactory,
    RuimteFactory,
    UserFactory,
    seeded_kader,
    seeded_normen,
    seeded_toezichtsvorm,
)

pytestmark = pytest.mark.django_db

NIET_GEVONDEN = "Niet gevonden, of u hebt er geen toegang toe."
INLOGGEN = "Log in om dit te doen."


def supervisor(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=TOEZICHTHOUDER))
    return user


def member(ruimte, rol="deelnemer"):
    user = supervisor()
    LidmaatschapFactory(ruimte=ruimte, gebruiker=user, rol=rol)
    return user


@pytest.fixture
def w():
    ruimte = RuimteFactory(titel="Ruimte Noord")
    coordinator = member(ruimte, "coordinator")
    deelnemer = member(ruimte)
    meelezer = member(ruimte, "meelezer")
    andere_ruimte = RuimteFactory(titel="Ruimte Zuid")
    buitenstaander = member(andere_ruimte, "coordinator")
    aanbieder = AanbiederFactory(naam="Zorg Noord B.V.", kvk_nummer="11111111")
    return locals()


@pytest.fixture
def api():
    """Run a GraphQL document as a user (None: anonymous), with a browser's CSRF token, in a
    fresh client each time so that one call's session never carries into the next."""

    def run(query, variables=None, user=None):
        client = Client(enforce_csrf_checks=True)
        if user is not None:
            client.force_login(user)
        client.get("/graphql/", HTTP_ACCEPT="text/html")
        response = client.post(
            "/graphql/",
            json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
            HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
        )
        assert response.status_code == 200, response.content[:500]
        return response.json()

    return run


def error(result):
    assert "errors" in result, result
    return result["errors"][0]["message"]


def refusals(user):
    return AuditLogEntry.objects.filter(gebruiker=user, actie="geweigerd", kanaal="graphql").count()


def assert_refused_alike(api, document, real, madeup, users, field):
    """Every user in `users` gets the same answer for the real id as for the made-up one."""
    for user in users:
        answers = [api(document, variables, user=user) for variables in (real, madeup)]
        assert answers[0] == answers[1], (user, answers)
        assert answers[0]["data"] == {field: None}
        assert error(answers[0]) in (NIET_GEVONDEN, INLOGGEN)


def provider_part():
    deel = KaderOnderdeelPage.objects.descendant_of(seeded_kader()).get(code="A")
    return deel, list(NormPage.objects.descendant_of(deel).order_by("path"))


# ---------------------------------------------------------------------------------------------
# Investigations: create and edit, with the toetsingskader chosen at creation.

MAAK_ONDERZOEK = """mutation($r: ID!, $titel: String!, $k: ID!, $v: ID!, $keuze: NormKeuze, $onderdeel: ID,
  $normen: [ID!], $aanbieders: [ID!], $nieuw: NieuweAanbiederInput, $gemeenten: [ID!], $begin: Date, $eind: Date,
  $coord: ID, $status: OnderzoekStatus) {
  maakOnderzoek(ruimte: $r, titel: $titel, kader: $k, toezichtsvorm: $v, normkeuze: $keuze, onderdeel: $onderdeel,
    normen: $normen, aanbieders: $aanbieders, nieuweAanbieder: $nieuw, gemeenten: $gemeenten,
    geplandBegin: $begin, geplandEind: $eind, coordinerendeOrganisatie: $coord, status: $status) {
    onderzoek { id titel status kader toezichtsvorm coordinerendeOrganisatie geplandBegin geplandEind
      gemeenten aanbieders { naam kvkNummer } toetsnormen { normId code titel } } } }"""


def _maak_args(w, **extra):
    args = {
        "r": str(w["ruimte"].pk),
        "titel": "Kwaliteitsonderzoek begeleiding",
        "k": str(seeded_kader().pk),
        "v": str(seeded_toezichtsvorm().pk),
    }
    args.update(extra)
    return args


def _page_data(args):
    """The page's form data for the same investigation as the mutation's arguments."""
    data = {
        "titel": args["titel"],
        "kader": args["k"],
        "toezichtsvorm": args["v"],
        "normkeuze": args.get("keuze", "ALLE").lower(),
        "status": args.get("status", "VOORBEREIDING").lower(),
    }
    for key, veld in (("onderdeel", "onderdeel"), ("begin", "gepland_begin"), ("eind", "gepland_eind")):
        if key in args:
            data[veld] = args[key]
    for key, veld in (("normen", "normen"), ("aanbieders", "aanbieders"), ("gemeenten", "gemeenten")):
        if key in args:
            data[veld] = args[key]
    if "coord" in args:
        data["coordinerende_organisatie"] = args["coord"]
    if "nieuw" in args:
        data["nieuwe_aanbieder_naam"] = args["nieuw"]["naam"]
        data["nieuwe_aanbieder_kvk"] = args["nieuw"]["kvkNummer"]
    return data


def _snapshot(onderzoek):
    return {
        "titel": onderzoek.titel,
        "kader": onderzoek.kader_id,
        "toezichtsvorm": onderzoek.toezichtsvorm_id,
        "status": onderzoek.status,
        "normen": [t.norm_id for t in onderzoek.toetsnormen.all()],
        "aanbieders": sorted(a.naam for a in onderzoek.aanbieders.all()),
        "gemeenten": sorted(g.pk for g in onderzoek.gemeenten.all()),
        "coordinerend": onderzoek.coordinerende_organisatie_id,
        "gepland": (onderzoek.gepland_begin, onderzoek.gepland_eind),
        "aangemaakt_door": onderzoek.aangemaakt_door_id,
    }


def test_an_investigation_is_created_with_the_norms_of_one_part_and_a_new_provider(api, w):
    deel, normen = provider_part()
    gemeente = Gemeente.objects.order_by("naam").first()
    coord = OrganisatieFactory(naam="GGD Rotterdam-Rijnmond")
    args = _maak_args(
        w,
        keuze="ONDERDEEL",
        onderdeel=str(deel.pk),
        aanbieders=[str(w["aanbieder"].pk)],
        nieuw={"naam": "Begeleiding Zuid B.V.", "kvkNummer": "12345678"},
        gemeenten=[str(gemeente.pk)],
        begin="2026-03-01",
        eind="2026-06-30",
        coord=str(coord.pk),
    )
    result = api(MAAK_ONDERZOEK, args, user=w["deelnemer"])["data"]["maakOnderzoek"]["onderzoek"]
    onderzoek = Onderzoek.objects.get(ruimte=w["ruimte"])
    assert result == {
        "id": str(onderzoek.pk),
        "titel": "Kwaliteitsonderzoek begeleiding",
        "status": "VOORBEREIDING",
        "kader": seeded_kader().title,
        "toezichtsvorm": seeded_toezichtsvorm().title,
        "coordinerendeOrganisatie": "GGD Rotterdam-Rijnmond",
        "geplandBegin": "2026-03-01",
        "geplandEind": "2026-06-30",
        "gemeenten": [gemeente.naam],
        "aanbieders": [
            {"naam": "Begeleiding Zuid B.V.", "kvkNummer": "12345678"},
            {"naam": "Zorg Noord B.V.", "kvkNummer": "11111111"},
        ],
        "toetsnormen": [{"normId": str(n.pk), "code": n.code, "titel": n.title} for n in normen],
    }
    assert len(normen) == 29
    assert onderzoek.aangemaakt_door == w["deelnemer"]
    log = AuditLogEntry.objects.filter(actie="aangemaakt", kanaal="graphql", object_soort="onderzoek")
    assert list(log.values_list("object_id", flat=True)) == [str(onderzoek.pk)]


def test_the_page_and_the_mutation_create_the_same_investigation(api, client, w):
    alle = seeded_normen()
    coord = OrganisatieFactory(naam="GGD Test")
    args = _maak_args(
        w,
        keuze="SELECTIE",
        normen=[str(alle[5].pk), str(alle[1].pk)],
        aanbieders=[str(w["aanbieder"].pk)],
        begin="2026-03-01",
        coord=str(coord.pk),
    )
    api(MAAK_ONDERZOEK, args, user=w["deelnemer"])
    via_api = Onderzoek.objects.get(ruimte=w["ruimte"])
    client.force_login(w["deelnemer"])
    response = client.post(f"/samenwerking/{w['ruimte'].pk}/onderzoeken/nieuw/", _page_data(args))
    assert response.status_code == 302
    via_page = Onderzoek.objects.filter(ruimte=w["ruimte"]).exclude(pk=via_api.pk).get()
    assert _snapshot(via_api) == _snapshot(via_page)
    assert _snapshot(via_api)["normen"] == [alle[1].pk, alle[5].pk]


def _norm_of_other_framework():
    return NormPage.objects.exclude(toezichtkader=seeded_kader()).order_by("path").first()


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"titel": " "}, "Titel: Dit is een verplicht veld."),
        ({"keuze": "SELECTIE"}, "Eigen selectie van normen: Kies ten minste één norm."),
        ({"keuze": "ONDERDEEL"}, "Onderdeel van het kader: Kies het onderdeel waarvan de normen worden getoetst."),
        ({"keuze": "SELECTIE", "normen": "OTHER"}, "Deze normen horen niet bij het gekozen toetsingskader"),
        ({"nieuw": {"naam": "X B.V.", "kvkNummer": "1234567"}}, "Een KvK-nummer bestaat uit precies 8 cijfers."),
        ({"nieuw": {"naam": "X B.V.", "kvkNummer": "11111111"}}, "Er is al een aanbieder met dit KvK-nummer"),
        ({"begin": "2026-05-02", "eind": "2026-05-01"}, "Gepland einde: Het einde kan niet vóór de start liggen."),
        ({"k": "999999"}, "Toetsingskader (versie): Selecteer een geldige keuze."),
        ({"k": "abc"}, "Ongeldig nummer voor toetsingskader: abc."),
        ({"aanbieders": ["999999"]}, "Aanbieders: Selecteer een geldige keuze."),
    ],
)
def test_bad_investigations_are_refused_alike_by_page_and_mutation(api, client, w, extra, message):
    if extra.get("normen") == "OTHER":
        extra["normen"] = [str(_norm_of_other_framework().pk)]
    providers = Aanbieder.objects.count()
    result = api(MAAK_ONDERZOEK, _maak_args(w, **extra), user=w["deelnemer"])
    assert result["data"] == {"maakOnderzoek": None}
    assert message in error(result)
    if extra.get("k") != "abc":
        client.force_login(w["deelnemer"])
        response = client.post(f"/samenwerking/{w['ruimte'].pk}/onderzoeken/nieuw/", _page_data(_maak_args(w, **extra)))
        assert response.status_code == 400
        assert message.split(": ", 1)[-1].split(" Die keuze")[0] in response.content.decode()
    assert Onderzoek.objects.count() == 0
    assert Aanbieder.objects.count() == providers


def test_creating_is_refused_for_readers_outsiders_and_anonymous_alike(api, w):
    args = _maak_args(w)
    madeup = {**args, "r": "987654321"}
    zonder_ruimte = supervisor()
    users = [w["meelezer"], w["buitenstaander"], zonder_ruimte, None]
    assert_refused_alike(api, MAAK_ONDERZOEK, args, madeup, users, "maakOnderzoek")
    assert Onderzoek.objects.count() == 0
    # The real space's refusals are in its log; the made-up id has no space to log in.
    assert [refusals(user) for user in users[:3]] == [1, 1, 1]
    assert AuditLogEntry.objects.filter(actie="geweigerd", ruimte=w["ruimte"]).count() == 3


WIJZIG_ONDERZOEK = """mutation($o: ID!, $titel: String, $status: OnderzoekStatus, $aanleiding: String, $eind: Date,
  $v: ID, $aanbieders: [ID!]) {
  wijzigOnderzoek(onderzoek: $o, titel: $titel, status: $status, aanleiding: $aanleiding, werkelijkEind: $eind,
    toezichtsvorm: $v, aanbieders: $aanbieders) {
    onderzoek { titel status aanleiding werkelijkEind kader aanbieders { naam } normen } } }"""


def test_editing_changes_what_is_given_and_keeps_the_rest(api, w):
    onderzoek = OnderzoekFactory(
        ruimte=w["ruimte"], titel="Oud", aanleiding="Signalen", normen=2, met_aanbieders=[w["aanbieder"]]
    )
    args = {"o": str(onderzoek.pk), "titel": "Nieuw", "status": "VELDWERK"}
    result = api(WIJZIG_ONDERZOEK, args, user=w["deelnemer"])["data"]["wijzigOnderzoek"]["onderzoek"]
    normen = seeded_normen(aantal=2)
    assert result == {
        "titel": "Nieuw",
        "status": "VELDWERK",
        "aanleiding": "Signalen",
        "werkelijkEind": None,
        "kader": seeded_kader().title,
        "aanbieders": [{"naam": "Zorg Noord B.V."}],
        "normen": [f"{n.code} {n.title}" for n in normen],
    }
    onderzoek.refresh_from_db()
    assert (onderzoek.titel, onderzoek.status, onderzoek.aanleiding) == ("Nieuw", "veldwerk", "Signalen")
    assert onderzoek.toetsnormen.count() == 2
    assert AuditLogEntry.objects.filter(actie="gewijzigd", kanaal="graphql", object_id=str(onderzoek.pk)).count() == 1


def test_a_member_who_is_no_supervisor_keeps_the_providers_when_editing(api, w):
    onderzoek = OnderzoekFactory(ruimte=w["ruimte"], met_aanbieders=[w["aanbieder"]])
    gewoon = UserFactory()
    LidmaatschapFactory(ruimte=w["ruimte"], gebruiker=gewoon)
    result = api(WIJZIG_ONDERZOEK, {"o": str(onderzoek.pk), "aanleiding": "Nieuw"}, user=gewoon)
    assert result["data"]["wijzigOnderzoek"]["onderzoek"]["aanbieders"] == []
    assert list(onderzoek.aanbieders.all()) == [w["aanbieder"]]
    assert Onderzoek.objects.get(pk=onderzoek.pk).aanleiding == "Nieuw"


def test_editing_with_bad_input_changes_nothing_and_the_page_says_the_same(api, client, w):
    from .test_onderzoek import _vorm_of_other_framework

    onderzoek = OnderzoekFactory(ruimte=w["ruimte"], titel="Oud", normen=1, werkelijk_begin=date(2021, 1, 1))
    vreemd = _vorm_of_other_framework()
    for change, message in (
        ({"eind": "2020-01-01"}, "Werkelijk einde: Het einde kan niet vóór de start liggen."),
        ({"v": str(vreemd.pk)}, "Toezichtsvorm: Selecteer een geldige keuze."),
        ({"titel": "x" * 201}, "Titel: Zorg dat deze waarde niet meer dan 200 tekens bevat (het zijn er nu 201)."),
    ):
        result = api(WIJZIG_ONDERZOEK, {"o": str(onderzoek.pk), "titel": "Tussendoor", **change}, user=w["deelnemer"])
        assert error(result).startswith(message)
    assert Onderzoek.objects.get(pk=onderzoek.pk).titel == "Oud"
    client.force_login(w["deelnemer"])
    response = client.post(
        f"/samenwerking/{w['ruimte'].pk}/onderzoeken/{onderzoek.pk}/wijzigen/",
        {"titel": "Tussendoor", "toezichtsvorm": vreemd.pk, "status": "veldwerk"},
    )
    assert response.status_code == 400
    assert "Selecteer een geldige keuze." in response.content.decode()
    assert not AuditLogEntry.objects.filter(actie="gewijzigd", object_id=str(onderzoek.pk)).exists()


def test_editing_is_refused_for_readers_outsiders_and_anonymous_alike(api, w):
    onderzoek = OnderzoekFactory(ruimte=w["ruimte"], titel="Oud")
    real, madeup = {"o": str(onderzoek.pk), "titel": "Kaping"}, {"o": "987654321", "titel": "Kaping"}
    assert_refused_alike(
        api, WIJZIG_ONDERZOEK, real, madeup, [w["meelezer"], w["buitenstaander"], None], "wijzigOnderzoek"
    )
    assert Onderzoek.objects.get().titel == "Oud"
    assert refusals(w["meelezer"]) == 1 and refusals(w["buitenstaander"]) == 1


# ---------------------------------------------------------------------------------------------
# Findings: one finding through the API, the rows of the page, both through record_findings.

BEVINDING = """mutation($o: ID!, $n: ID!, $a: ID!, $oordeel: Oordeel!, $t: String, $bewijs: [ID!]) {
  legBevindingVast(onderzoek: $o, norm: $n, aanbieder: $a, oordeel: $oordeel, toelichting: $t, bewijs: $bewijs) {
    bevinding { oordeel toelichting versies { oordeel } } } }"""


def test_the_page_and_the_mutation_record_a_finding_alike_and_keep_hidden_evidence(api, client, w):
    onderzoek = OnderzoekFactory(ruimte=w["ruimte"], normen=2, met_aanbieders=[w["aanbieder"]])
    n1, n2 = seeded_normen(aantal=2)
    zichtbaar = DocumentFactory(ruimte=w["ruimte"], naam="Interview")
    geheim = DocumentFactory(ruimte=w["ruimte"], alleen_coordinatoren=True)
    for norm in (n1, n2):
        BevindingFactory(onderzoek=onderzoek, norm=norm, aanbieder=w["aanbieder"], oordeel="voldoet").bewijs.set(
            [geheim]
        )
    args = {"o": str(onderzoek.pk), "n": str(n1.pk), "a": str(w["aanbieder"].pk), "oordeel": "VOLDOET_NIET"}
    result = api(BEVINDING, {**args, "t": "Niet op orde", "bewijs": [str(zichtbaar.pk)]}, user=w["deelnemer"])
    assert result["data"]["legBevindingVast"]["bevinding"] == {
        "oordeel": "VOLDOET_NIET",
        "toelichting": "Niet op orde",
        "versies": [{"oordeel": "VOLDOET_NIET"}],
    }
    client.force_login(w["deelnemer"])
    rij = f"n{n2.pk}-a{w['aanbieder'].pk}"
    response = client.post(
        f"/samenwerking/{w['ruimte'].pk}/onderzoeken/{onderzoek.pk}/bevindingen/",
        {
            "norm": n2.pk,
            f"{rij}-oordeel": "voldoet_niet",
            f"{rij}-toelichting": "Niet op orde",
            f"{rij}-bewijs": [zichtbaar.pk],
        },
    )
    assert response.status_code == 302
    saved = {b.norm_id: b for b in Bevinding.objects.filter(onderzoek=onderzoek)}
    for norm in (n1, n2):
        bevinding = saved[norm.pk]
        assert (bevinding.oordeel, bevinding.toelichting, bevinding.vastgesteld_door) == (
            "voldoet_niet",
            "Niet op orde",
            w["deelnemer"],
        )
        assert sorted(d.pk for d in bevinding.bewijs.all()) == sorted([zichtbaar.pk, geheim.pk])
        assert [v.bewijs for v in BevindingVersie.objects.filter(bevinding=bevinding)] == [
            sorted([zichtbaar.pk, geheim.pk])
        ]
    # Unchanged, the same finding again writes no new version, on either path.
    api(BEVINDING, {**args, "t": "Niet op orde"}, user=w["deelnemer"])
    assert BevindingVersie.objects.filter(bevinding=saved[n1.pk]).count() == 1


def test_evidence_from_another_space_or_hidden_is_refused_and_nothing_saved(api, w):
    onderzoek = OnderzoekFactory(ruimte=w["ruimte"], normen=1, met_aanbieders=[w["aanbieder"]])
    norm = seeded_normen(aantal=1)[0]
    args = {"o": str(onderzoek.pk), "n": str(norm.pk), "a": str(w["aanbieder"].pk), "oordeel": "VOLDOET"}
    for document in (DocumentFactory(), DocumentFactory(ruimte=w["ruimte"], alleen_coordinatoren=True)):
        result = api(BEVINDING, {**args, "bewijs": [str(document.pk)]}, user=w["deelnemer"])
        assert error(result) == "Kies als onderbouwing documenten van deze ruimte."
    assert error(api(BEVINDING, {**args, "bewijs": ["x"]}, user=w["deelnemer"])) == "Ongeldig nummer voor document: x."
    assert Bevinding.objects.count() == 0 and BevindingVersie.objects.count() == 0


def test_a_finding_is_refused_for_readers_outsiders_and_anonymous_alike(api, w):
    onderzoek = OnderzoekFactory(ruimte=w["ruimte"], normen=1, met_aanbieders=[w["aanbieder"]])
    norm = seeded_normen(aantal=1)[0]
    real = {"o": str(onderzoek.pk), "n": str(norm.pk), "a": str(w["aanbieder"].pk), "oordeel": "VOLDOET"}
    assert_refused_alike(
        api, BEVINDING, real, {**real, "o": "987654321"}, [w["meelezer"], w["buitenstaander"], None], "legBevindingVast"
    )
    assert Bevinding.objects.count() == 0


def test_the_norms_of_an_investigation_show_a_hidden_norm_by_its_code_only(api, w):
    from wagtail.models import PageViewRestriction

    onderzoek = OnderzoekFactory(ruimte=w["ruimte"], normen=2)
    n1, n2 = seeded_normen(aantal=2)
    PageViewRestriction.objects.create(page=n2, restriction_type=PageViewRestriction.PASSWORD, password="geheim")
    query = "query($id: ID!) { onderzoek(id: $id) { normen toetsnormen { normId code titel } } }"
    data = api(query, {"id": str(onderzoek.pk)}, user=w["deelnemer"])["data"]["onderzoek"]
    assert data == {
        "normen": [f"{n1.code} {n1.title}", f"{n2.code} (niet zichtbaar)"],
        "toetsnormen": [
            {"normId": str(n1.pk), "code": n1.code, "titel": n1.title},
            {"normId": str(n2.pk), "code": n2.code, "titel": None},
        ],
    }


# ---------------------------------------------------------------------------------------------
# CSRF: a session without the token is refused before anything runs; with it, the same call works.


def _csrf_cases(w):
    onderzoek = OnderzoekFactory(ruimte=w["ruimte"], normen=1, met_aanbieders=[w["aanbieder"]])
    norm = seeded_normen(aantal=1)[0]
    return {
        "maakOnderzoek": (MAAK_ONDERZOEK, _maak_args(w)),
        "wijzigOnderzoek": (WIJZIG_ONDERZOEK, {"o": str(onderzoek.pk), "titel": "Met token"}),
        "legBevindingVast": (
            BEVINDING,
            {"o": str(onderzoek.pk), "n": str(norm.pk), "a": str(w["aanbieder"].pk), "oordeel": "VOLDOET"},
        ),
    }


def _written():
    from samenwerking import models

    return {
        name: getattr(models, name).objects.count()
        for name in ("Onderzoek", "Bevinding", "AuditLogEntry", "Aanbieder", "OnderzoekNorm")
    }


@pytest.mark.parametrize("mutation", ["maakOnderzoek", "wijzigOnderzoek", "legBevindingVast"])
def test_mutations_need_the_csrf_token_of_the_session(api, w, mutation):
    document, variables = _csrf_cases(w)[mutation]
    client = Client(enforce_csrf_checks=True)
    client.force_login(w["coordinator"])
    before = _written()
    response = client.post(
        "/graphql/", json.dumps({"query": document, "variables": variables}), content_type="application/json"
    )
    assert response.status_code == 403
    assert _written() == before
    assert api(document, variables, user=w["coordinator"])["data"][mutation] is not None
