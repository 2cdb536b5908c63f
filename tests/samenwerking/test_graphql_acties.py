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
# The report's publication procedure, step by step (procedure.py for page and API alike).

RAPPORTTEKST = "Rapport van het kwaliteitsonderzoek (fictief).\n\nDe aanbieder voldoet aan de meeste normen."
STAPPEN = """ procedurestappen { volgorde titel begonnenOp uiterlijkOp vroegstOp uitstelTot uitstelReden afgerondOp
  toelichting besluit motivering termijn door } reactieAanbieder aangebodenTerPublicatie status"""
CONCEPT = "mutation($o: ID!, $d: ID!) { kiesConceptrapport(onderzoek: $o, document: $d) { onderzoek { id } } }"
START = "mutation($o: ID!, $d: Date!) { startProcedure(onderzoek: $o, datum: $d) { onderzoek {" + STAPPEN + " } } }"
AFRONDEN = (
    """mutation($o: ID!, $s: Int!, $d: Date!, $t: String, $doc: ID, $r: String, $geen: Boolean,
  $b: BesluitOpenbaarmaking, $m: String) {
  rondStapAf(onderzoek: $o, stap: $s, datum: $d, toelichting: $t, document: $doc, reactie: $r, geenZienswijze: $geen,
    besluit: $b, motivering: $m) { onderzoek {"""
    + STAPPEN
    + " } } }"
)
UITSTEL = (
    """mutation($o: ID!, $s: Int!, $tot: Date!, $r: String!) {
  verleenUitstel(onderzoek: $o, stap: $s, tot: $tot, reden: $r) { onderzoek {"""
    + STAPPEN
    + " } } }"
)
PUBLICEER = "mutation($o: ID!) { biedAanTerPublicatie(onderzoek: $o) { onderzoek {" + STAPPEN + " } } }"


def _rapport_onderzoek(w, titel):
    from .factories import version

    onderzoek = OnderzoekFactory(ruimte=w["ruimte"], titel=titel, normen=1)
    concept = DocumentFactory(ruimte=w["ruimte"], naam=f"Concept {titel}")
    version(concept, content=b"Concept (fictief)\n", naam="concept.txt")
    definitief = DocumentFactory(ruimte=w["ruimte"], naam=f"Definitief {titel}")
    version(definitief, content=RAPPORTTEKST.encode(), naam="rapport.txt")
    return onderzoek, concept, definitief


def _stappen(onderzoek):
    from samenwerking.models import Procedurestap

    return [
        (s.volgorde, s.titel, s.begonnen_op, s.uiterlijk_op, s.vroegst_op, s.uitstel_tot, s.uitstel_reden)
        + (s.afgerond_op, s.toelichting, s.besluit, s.motivering)
        for s in Procedurestap.objects.filter(onderzoek=onderzoek).order_by("volgorde")
    ]


REACTIE = " ".join(["woord"] * 200)
# The course of a report, the same on the page and through the API: (action, arguments).
VERLOOP = [
    ("start", {"d": "2026-04-13"}),
    ("afronden", {"s": 1, "d": "2026-04-20", "t": "Twee correcties verwerkt."}),
    ("afronden", {"s": 2, "d": "2026-04-24", "doc": "DEFINITIEF"}),
    ("afronden", {"s": 3, "d": "2026-04-30", "r": REACTIE}),
    ("uitstel", {"s": 4, "tot": "2026-05-25", "r": "Ziekte directeur"}),
    ("afronden", {"s": 4, "d": "2026-05-27", "geen": True}),
    ("afronden", {"s": 5, "d": "2026-05-28", "t": "Besluit tot openbaarmaking.", "b": "OPENBAAR"}),
    ("publiceren", {}),
]


def _via_api(api, user, onderzoek, concept, definitief):
    assert api(CONCEPT, {"o": str(onderzoek.pk), "d": str(concept.pk)}, user=user)["data"]["kiesConceptrapport"]
    document = {"start": START, "afronden": AFRONDEN, "uitstel": UITSTEL, "publiceren": PUBLICEER}
    for actie, args in VERLOOP:
        args = {k: (str(definitief.pk) if v == "DEFINITIEF" else v) for k, v in args.items()}
        result = api(document[actie], {"o": str(onderzoek.pk), **args}, user=user)
        assert "errors" not in result, (actie, args, result)
    return result


def _via_page(client, onderzoek, concept, definitief):
    url = f"/samenwerking/{onderzoek.ruimte_id}/onderzoeken/{onderzoek.pk}/rapport/"
    assert client.post(url, {"actie": "concept", "document": concept.pk}).status_code == 302
    for actie, args in VERLOOP:
        if actie == "start":
            data = {"actie": "start", "datum": args["d"]}
        elif actie == "uitstel":
            prefix = f"uitstel{args['s']}"
            data = {"actie": "uitstel", "stap": args["s"], f"{prefix}-uitstel_tot": args["tot"]}
            data[f"{prefix}-uitstel_reden"] = args["r"]
        elif actie == "afronden":
            prefix = f"stap{args['s']}"
            data = {"actie": "afronden", "stap": args["s"], f"{prefix}-datum": args["d"]}
            for key, veld in (("t", "toelichting"), ("r", "reactie"), ("geen", "geen")):
                if key in args:
                    data[f"{prefix}-{veld}"] = args[key]
            if "doc" in args:
                data[f"{prefix}-document"] = definitief.pk
            if "b" in args:
                data[f"{prefix}-besluit"] = args["b"].lower()
        else:
            data = {"actie": "publiceren"}
        response = client.post(url, data)
        assert response.status_code == 302, (actie, response.content.decode()[-2000:])


def test_the_procedure_through_the_api_is_the_procedure_of_the_page(api, client, w):
    from kennisbank.models import PublicatiePage

    via_api, concept_a, definitief_a = _rapport_onderzoek(w, "Via de API")
    via_page, concept_p, definitief_p = _rapport_onderzoek(w, "Via de pagina")
    result = _via_api(api, w["deelnemer"], via_api, concept_a, definitief_a)
    client.force_login(w["deelnemer"])
    _via_page(client, via_page, concept_p, definitief_p)
    assert _stappen(via_api) == _stappen(via_page)
    assert len(_stappen(via_api)) == 7
    via_api.refresh_from_db()
    via_page.refresh_from_db()
    assert via_api.reactie_aanbieder == via_page.reactie_aanbieder == REACTIE
    assert via_api.rapport_definitief == definitief_a and via_page.rapport_definitief == definitief_p
    for onderzoek in (via_api, via_page):
        page = PublicatiePage.objects.get(pk=onderzoek.publicatie_id)
        assert (page.title, page.live, page.workflow_in_progress) == (onderzoek.titel, False, True)
    onderzoek = result["data"]["biedAanTerPublicatie"]["onderzoek"]
    assert onderzoek["aangebodenTerPublicatie"] is True
    assert onderzoek["reactieAanbieder"] == REACTIE
    stappen = {s["volgorde"]: s for s in onderzoek["procedurestappen"]}
    assert sorted(stappen) == [1, 2, 3, 4, 5, 6, 7]
    assert stappen[4]["uitstelReden"] == "Ziekte directeur"
    # Whit Monday (25 May 2026) is no working day: the extension runs to Tuesday.
    assert (stappen[4]["uitstelTot"], stappen[4]["termijn"]) == ("2026-05-26", "2026-05-26")
    assert stappen[4]["toelichting"] == "Geen zienswijze ontvangen."
    assert (stappen[5]["besluit"], stappen[5]["afgerondOp"]) == ("OPENBAAR", "2026-05-28")
    assert stappen[7]["afgerondOp"] is not None and stappen[6]["afgerondOp"] is None
    assert all(s["door"] for s in stappen.values())
    log = AuditLogEntry.objects.filter(kanaal="graphql", ruimte=w["ruimte"])
    assert log.filter(actie="ter_publicatie", object_id=str(via_api.pk)).count() == 1
    assert log.filter(actie="gewijzigd", object_soort="procedurestap").count() == 6  # 5 steps done, 1 extension


def _tot_reactie(api, user, onderzoek, concept, definitief):
    assert api(CONCEPT, {"o": str(onderzoek.pk), "d": str(concept.pk)}, user=user)["data"]["kiesConceptrapport"]
    for actie, args in VERLOOP[:3]:
        args = {k: (str(definitief.pk) if v == "DEFINITIEF" else v) for k, v in args.items()}
        document = START if actie == "start" else AFRONDEN
        assert "errors" not in api(document, {"o": str(onderzoek.pk), **args}, user=user)


def test_a_reaction_of_201_words_is_refused_on_page_and_api_alike(api, client, w):
    onderzoek, concept, definitief = _rapport_onderzoek(w, "Reactie")
    _tot_reactie(api, w["deelnemer"], onderzoek, concept, definitief)
    before = _stappen(onderzoek)
    te_lang = " ".join(["woord"] * 201)
    result = api(AFRONDEN, {"o": str(onderzoek.pk), "s": 3, "d": "2026-04-30", "r": te_lang}, user=w["deelnemer"])
    message = "De reactie mag maximaal 200 woorden hebben; deze heeft er 201."
    assert error(result) == message
    assert result["data"] == {"rondStapAf": None}
    client.force_login(w["deelnemer"])
    url = f"/samenwerking/{w['ruimte'].pk}/onderzoeken/{onderzoek.pk}/rapport/"
    data = {"actie": "afronden", "stap": "3", "stap3-datum": "2026-04-30", "stap3-reactie": te_lang}
    response = client.post(url, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _stappen(onderzoek) == before
    onderzoek.refresh_from_db()
    assert onderzoek.reactie_aanbieder == ""


@pytest.mark.parametrize(
    "document, args, message",
    [
        ("afronden", {"s": 9, "d": "2026-05-04"}, "Deze stap bestaat niet in de procedure."),
        ("afronden", {"s": 5, "d": "2026-05-04"}, "Deze stap is niet aan de beurt: rond eerst de vorige stappen af."),
        ("afronden", {"s": 4, "d": "2099-01-01"}, "De datum kan niet in de toekomst liggen."),
        ("afronden", {"s": 4, "d": "2026-05-04", "t": "x" * 4001}, "De toelichting is hoogstens 4000 tekens lang."),
        ("afronden", {"s": 4, "d": "2026-05-04", "doc": "abc"}, "Ongeldig nummer voor document: abc."),
        ("uitstel", {"s": 3, "tot": "2026-06-01", "r": "Reden"}, "Uitstel kan alleen voor de zienswijze worden"),
        ("uitstel", {"s": 4, "tot": "2026-06-01", "r": " "}, "Geef de reden van het uitstel"),
        ("uitstel", {"s": 4, "tot": "2026-05-01", "r": "Reden"}, "Het uitstel moet na de huidige termijn"),
        ("publiceren", {}, "Deze stap is niet aan de beurt: rond eerst de vorige stappen af."),
    ],
)
def test_bad_steps_are_refused_in_dutch_and_change_nothing(api, w, document, args, message):
    onderzoek, concept, definitief = _rapport_onderzoek(w, "Fouten")
    _tot_reactie(api, w["deelnemer"], onderzoek, concept, definitief)
    assert "errors" not in api(AFRONDEN, {"o": str(onderzoek.pk), "s": 3, "d": "2026-04-30"}, user=w["deelnemer"])
    before = _stappen(onderzoek)
    documents = {"afronden": AFRONDEN, "uitstel": UITSTEL, "publiceren": PUBLICEER}
    result = api(documents[document], {"o": str(onderzoek.pk), **args}, user=w["deelnemer"])
    assert error(result).startswith(message)
    assert list(result["data"].values()) == [None]
    assert _stappen(onderzoek) == before


def test_a_decision_not_to_publish_needs_its_reasons_and_closes_the_procedure(api, w):
    onderzoek, concept, definitief = _rapport_onderzoek(w, "Niet openbaar")
    user = w["deelnemer"]
    _tot_reactie(api, user, onderzoek, concept, definitief)
    o = str(onderzoek.pk)
    assert "errors" not in api(AFRONDEN, {"o": o, "s": 3, "d": "2026-04-30"}, user=user)
    assert "errors" not in api(AFRONDEN, {"o": o, "s": 4, "d": "2026-05-27", "geen": True}, user=user)
    result = api(AFRONDEN, {"o": o, "s": 5, "d": "2026-05-28", "b": "NIET_OPENBAAR", "m": " "}, user=user)
    assert error(result) == "Geef de motivering van het besluit om het rapport niet openbaar te maken."
    result = api(AFRONDEN, {"o": o, "s": 5, "d": "2026-05-28", "b": "NIET_OPENBAAR", "m": "Zwaarwegend"}, user=user)
    stappen = result["data"]["rondStapAf"]["onderzoek"]["procedurestappen"]
    assert [(s["volgorde"], s["besluit"], s["motivering"]) for s in stappen][-1] == (5, "NIET_OPENBAAR", "Zwaarwegend")
    assert len(stappen) == 5
    assert error(api(PUBLICEER, {"o": o}, user=user)).startswith("Besloten is om het rapport van dit onderzoek niet")
    assert onderzoek.__class__.objects.get(pk=onderzoek.pk).publicatie_id is None


def test_a_publication_before_its_date_is_refused_on_page_and_api_alike(api, client, w):
    from datetime import timedelta

    from django.utils import timezone

    onderzoek, concept, definitief = _rapport_onderzoek(w, "Te vroeg")
    user, o = w["deelnemer"], str(onderzoek.pk)
    vandaag = timezone.localdate()

    def dag(n):
        return (vandaag - timedelta(days=n)).isoformat()

    assert api(CONCEPT, {"o": o, "d": str(concept.pk)}, user=user)["data"]["kiesConceptrapport"]
    for document, args in (
        (START, {"d": dag(60)}),
        (AFRONDEN, {"s": 1, "d": dag(55)}),
        (AFRONDEN, {"s": 2, "d": dag(50), "doc": str(definitief.pk)}),
        (AFRONDEN, {"s": 3, "d": dag(45)}),
        (AFRONDEN, {"s": 4, "d": dag(1), "geen": True}),
        (AFRONDEN, {"s": 5, "d": dag(0)}),
    ):
        assert "errors" not in api(document, {"o": o, **args}, user=user), args
    result = api(PUBLICEER, {"o": o}, user=user)
    assert error(result).startswith("Publiceren kan niet eerder dan ")
    client.force_login(user)
    url = f"/samenwerking/{w['ruimte'].pk}/onderzoeken/{onderzoek.pk}/rapport/"
    response = client.post(url, {"actie": "publiceren"})
    assert response.status_code == 400
    assert "Publiceren kan niet eerder dan " in response.content.decode()
    onderzoek.refresh_from_db()
    assert onderzoek.publicatie_id is None


def test_the_procedure_is_refused_for_readers_outsiders_and_anonymous_alike(api, w):
    onderzoek, concept, _definitief = _rapport_onderzoek(w, "Geweigerd")
    users = [w["meelezer"], w["buitenstaander"], None]
    for document, args, field in (
        (CONCEPT, {"d": str(concept.pk)}, "kiesConceptrapport"),
        (START, {"d": "2026-04-13"}, "startProcedure"),
        (AFRONDEN, {"s": 1, "d": "2026-04-20"}, "rondStapAf"),
        (UITSTEL, {"s": 4, "tot": "2026-06-01", "r": "Reden"}, "verleenUitstel"),
        (PUBLICEER, {}, "biedAanTerPublicatie"),
    ):
        real, madeup = {"o": str(onderzoek.pk), **args}, {"o": "987654321", **args}
        assert_refused_alike(api, document, real, madeup, users, field)
    assert _stappen(onderzoek) == []
    assert onderzoek.__class__.objects.get(pk=onderzoek.pk).rapport_concept_id is None
    assert refusals(w["meelezer"]) == 5 and refusals(w["buitenstaander"]) == 5


def test_the_steps_are_shown_to_the_members_of_the_space_only(api, w):
    onderzoek, concept, definitief = _rapport_onderzoek(w, "Zichtbaar")
    _tot_reactie(api, w["deelnemer"], onderzoek, concept, definitief)
    query = "query($id: ID!) { onderzoek(id: $id) { procedurestappen { titel } } }"
    expected = [{"titel": s[1]} for s in _stappen(onderzoek)]
    assert len(expected) >= 3
    seen = api(query, {"id": str(onderzoek.pk)}, user=w["meelezer"])["data"]["onderzoek"]
    assert seen["procedurestappen"] == expected
    for user in (w["buitenstaander"], supervisor(), None):
        assert api(query, {"id": str(onderzoek.pk)}, user=user)["data"]["onderzoek"] is None


# ---------------------------------------------------------------------------------------------
# Calamity and violence reports: creating one, the extension, the self-investigation, the
# assessment and the letters (melding_acties.py for page and API alike).

MELDING_VELDEN = """ soort status aanbieder { naam } coordinerendeOrganisatie gemeenten datumGebeurtenis datumGemeld
  tijdigGemeld samenvatting betrokkenen zelfonderzoekUiterlijk beoordeling beoordelingToelichting beoordeeldOp
  afgeslotenOp uitstellen { reden nieuweTermijn door } zelfonderzoek { ontvangenOp toelichting document { naam } }
  brieven { soort verzondenOp kopieAan toelichting document { naam } }"""
MAAK_MELDING = (
    """mutation($r: ID!, $soort: MeldingSoort!, $a: ID!, $g: Date!, $m: Date!, $s: String!, $gem: [ID!], $c: ID,
  $b: String) { maakMelding(ruimte: $r, soort: $soort, aanbieder: $a, datumGebeurtenis: $g, datumGemeld: $m,
    samenvatting: $s, gemeenten: $gem, coordinerendeOrganisatie: $c, betrokkenen: $b) { melding { id"""
    + MELDING_VELDEN
    + " } } }"
)
VERLENG = (
    """mutation($m: ID!, $r: String!, $t: Date!) { verlengZelfonderzoek(melding: $m, reden: $r, nieuweTermijn: $t) {
  melding {"""
    + MELDING_VELDEN
    + " } } }"
)
ONTVANG = (
    """mutation($m: ID!, $d: Date!, $doc: ID, $t: String) {
  ontvangZelfonderzoek(melding: $m, ontvangenOp: $d, document: $doc, toelichting: $t) { melding {"""
    + MELDING_VELDEN
    + " } } }"
)
BEOORDEEL = (
    """mutation($m: ID!, $b: MeldingBeoordeling!, $t: String!, $d: Date!) {
  beoordeelMelding(melding: $m, beoordeling: $b, toelichting: $t, beoordeeldOp: $d) { melding {"""
    + MELDING_VELDEN
    + " } } }"
)
BRIEF = (
    """mutation($m: ID!, $s: BriefSoort!, $d: Date!, $k: [ID!], $doc: ID, $t: String) {
  legBriefVast(melding: $m, soort: $s, verzondenOp: $d, kopieAan: $k, document: $doc, toelichting: $t) { melding {"""
    + MELDING_VELDEN
    + " } } }"
)


def _melding_snapshot(melding):
    melding.refresh_from_db()
    zelfonderzoek = getattr(melding, "zelfonderzoek", None)
    return {
        "velden": (melding.soort, melding.aanbieder_id, melding.coordinerende_organisatie_id, melding.status)
        + (melding.datum_gebeurtenis, melding.datum_gemeld, melding.tijdig_gemeld, melding.samenvatting)
        + (melding.betrokkenen, melding.zelfonderzoek_uiterlijk, melding.beoordeling, melding.beoordeling_toelichting)
        + (melding.beoordeeld_op, melding.afgesloten_op),
        "gemeenten": sorted(g.pk for g in melding.gemeenten.all()),
        "uitstellen": [(u.nieuwe_termijn, u.reden, u.door_id) for u in melding.uitstellen.all()],
        "zelfonderzoek": zelfonderzoek and (zelfonderzoek.ontvangen_op, zelfonderzoek.toelichting),
        "brieven": [
            (b.soort, b.verzonden_op, sorted(g.pk for g in b.kopie_aan.all()), b.toelichting)
            for b in melding.brieven.all()
        ],
        "documenten": len(melding.documenten.all()),
    }


def test_a_report_through_the_api_keeps_all_the_page_keeps(api, client, w):
    from samenwerking.models import Melding

    gemeenten = list(Gemeente.objects.order_by("naam")[:2])
    coord = OrganisatieFactory(naam="GGD Rotterdam-Rijnmond")
    args = {"r": str(w["ruimte"].pk), "soort": "CALAMITEIT", "a": str(w["aanbieder"].pk), "g": "2026-11-05"}
    args.update(m="2026-11-10", s="Fictieve cliënt gevallen.", gem=[str(g.pk) for g in gemeenten])
    args.update(c=str(coord.pk), b="Jan Fictief\nPiet Fictief")
    result = api(MAAK_MELDING, args, user=w["deelnemer"])
    assert "errors" not in result, result
    result = result["data"]["maakMelding"]["melding"]
    assert {k: result[k] for k in ("status", "coordinerendeOrganisatie", "betrokkenen", "tijdigGemeld")} == {
        "status": "ZELFONDERZOEK",
        "coordinerendeOrganisatie": "GGD Rotterdam-Rijnmond",
        "betrokkenen": "Jan Fictief\nPiet Fictief",
        "tijdigGemeld": True,
    }
    assert result["zelfonderzoekUiterlijk"] == "2027-01-05"
    assert (result["zelfonderzoek"], result["brieven"], result["uitstellen"]) == (None, [], [])
    client.force_login(w["deelnemer"])
    response = client.post(
        f"/samenwerking/{w['ruimte'].pk}/meldingen/nieuw/",
        {
            "soort": "calamiteit",
            "aanbieder": w["aanbieder"].pk,
            "gemeenten": [g.pk for g in gemeenten],
            "coordinerende_organisatie": coord.pk,
            "datum_gebeurtenis": "2026-11-05",
            "datum_gemeld": "2026-11-10",
            "samenvatting": "Fictieve cliënt gevallen.",
            "betrokkenen": "Jan Fictief\nPiet Fictief",
        },
    )
    assert response.status_code == 302
    via_api, via_page = Melding.objects.filter(ruimte=w["ruimte"]).order_by("pk")
    assert str(via_api.pk) == result["id"]
    assert _melding_snapshot(via_api) == _melding_snapshot(via_page)
    assert AuditLogEntry.objects.filter(kanaal="graphql", actie="aangemaakt", object_soort="melding").count() == 1


def _page_post(client, melding, actie, **data):
    prefix = {"brief": "terugkoppeling"}.get(actie, actie)
    url = f"/samenwerking/{melding.ruimte_id}/meldingen/{melding.pk}/"
    return client.post(url, {"actie": actie, **{f"{prefix}-{k}": v for k, v in data.items()}})


def _twee_meldingen(w):
    from .factories import MeldingFactory

    gemeenten = list(Gemeente.objects.order_by("naam")[:2])
    meldingen = []
    for _n in range(2):
        melding = MeldingFactory(
            ruimte=w["ruimte"],
            aanbieder=w["aanbieder"],
            datum_gebeurtenis=date(2026, 9, 1),
            datum_gemeld=date(2026, 9, 2),
            samenvatting="Fictieve cliënt gevallen.",
        )
        melding.gemeenten.set(gemeenten)
        meldingen.append(melding)
    return meldingen, gemeenten


def test_the_course_of_a_report_through_the_api_is_the_course_of_the_page(api, client, w):
    (via_api, via_page), gemeenten = _twee_meldingen(w)
    document = DocumentFactory(ruimte=w["ruimte"], naam="Zelfonderzoek aanbieder")
    user, m = w["deelnemer"], str(via_api.pk)
    # Saturday 14 November 2026 runs to Monday 16 November, on both.
    data = api(VERLENG, {"m": m, "r": "Extern deskundige later.", "t": "2026-11-14"}, user=user)
    assert data["data"]["verlengZelfonderzoek"]["melding"]["zelfonderzoekUiterlijk"] == "2026-11-16"
    assert "errors" not in api(ONTVANG, {"m": m, "d": "2026-11-10", "doc": str(document.pk)}, user=user)
    beoordeling = {"b": "OPVOLGINGSONDERZOEK", "t": "Verbetermaatregelen toetsen.", "d": "2026-11-20"}
    assert "errors" not in api(BEOORDEEL, {"m": m, **beoordeling}, user=user)
    data = api(BRIEF, {"m": m, "s": "TERUGKOPPELING", "d": "2026-11-23"}, user=user)["data"]["legBriefVast"]
    assert data["melding"]["brieven"] == [
        {
            "soort": "TERUGKOPPELING",
            "verzondenOp": "2026-11-23",
            "kopieAan": sorted(g.naam for g in gemeenten),
            "toelichting": "",
            "document": None,
        }
    ]
    final = api(BRIEF, {"m": m, "s": "AFSLUITING", "d": "2026-11-24", "k": [str(gemeenten[0].pk)]}, user=user)
    melding = final["data"]["legBriefVast"]["melding"]
    assert (melding["status"], melding["afgeslotenOp"], melding["beoordeling"]) == (
        "AFGESLOTEN",
        "2026-11-24",
        "OPVOLGINGSONDERZOEK",
    )
    assert melding["zelfonderzoek"] == {
        "ontvangenOp": "2026-11-10",
        "toelichting": "",
        "document": {"naam": "Zelfonderzoek aanbieder"},
    }
    assert melding["uitstellen"] == [
        {"reden": "Extern deskundige later.", "nieuweTermijn": "2026-11-16", "door": user.get_full_name()}
    ]

    client.force_login(user)
    for actie, data in (
        ("uitstel", {"nieuwe_termijn": "2026-11-14", "reden": "Extern deskundige later."}),
        ("zelfonderzoek", {"ontvangen_op": "2026-11-10", "document": document.pk}),
        (
            "beoordeling",
            {
                "beoordeling": "opvolgingsonderzoek",
                "beoordeling_toelichting": "Verbetermaatregelen toetsen.",
                "beoordeeld_op": "2026-11-20",
            },
        ),
        ("brief", {"verzonden_op": "2026-11-23", "kopie_aan": [g.pk for g in gemeenten]}),
        ("afsluiting", {"verzonden_op": "2026-11-24", "kopie_aan": [gemeenten[0].pk]}),
    ):
        assert _page_post(client, via_page, actie, **data).status_code == 302, actie
    assert _melding_snapshot(via_api) == _melding_snapshot(via_page)
    assert AuditLogEntry.objects.filter(kanaal="graphql", actie="gewijzigd", ruimte=w["ruimte"]).count() == 5


def test_an_extension_after_the_self_investigation_arrived_is_refused_on_page_and_api_alike(api, client, w):
    (via_api, via_page), _gemeenten = _twee_meldingen(w)
    client.force_login(w["deelnemer"])
    assert "errors" not in api(ONTVANG, {"m": str(via_api.pk), "d": "2026-10-01"}, user=w["deelnemer"])
    assert _page_post(client, via_page, "zelfonderzoek", ontvangen_op="2026-10-01").status_code == 302
    message = "Het zelfonderzoek is al ontvangen; uitstel van de termijn is niet meer nodig."
    result = api(VERLENG, {"m": str(via_api.pk), "r": "Te laat", "t": "2026-12-01"}, user=w["deelnemer"])
    assert error(result) == message
    response = _page_post(client, via_page, "uitstel", nieuwe_termijn="2026-12-01", reden="Te laat")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not via_api.uitstellen.exists() and not via_page.uitstellen.exists()
    assert _melding_snapshot(via_api)["velden"] == _melding_snapshot(via_page)["velden"]


# (mutation, page action, variables, page data, message, status the report needs first)
MELDING_FOUTEN = [
    (
        VERLENG,
        "uitstel",
        {"r": "Reden", "t": "2026-10-28"},
        {"nieuwe_termijn": "2026-10-28", "reden": "Reden"},
        "De nieuwe termijn moet later zijn dan de huidige termijn (28-10-2026).",
        None,
    ),
    (
        VERLENG,
        "uitstel",
        {"r": "  ", "t": "2026-12-01"},
        {"nieuwe_termijn": "2026-12-01", "reden": "  "},
        "Geef de onderbouwing van het uitstel.",
        None,
    ),
    (
        ONTVANG,
        "zelfonderzoek",
        {"d": "2026-09-01"},
        {"ontvangen_op": "2026-09-01"},
        "Het zelfonderzoek kan niet vóór de melding zijn ontvangen.",
        None,
    ),
    (
        ONTVANG,
        "zelfonderzoek",
        {"d": "2099-01-01"},
        {"ontvangen_op": "2099-01-01"},
        "De datum van ontvangst kan niet in de toekomst liggen.",
        None,
    ),
    (
        ONTVANG,
        "zelfonderzoek",
        {"d": "2026-10-01", "doc": "VREEMD"},
        {"ontvangen_op": "2026-10-01", "document": "X"},
        "Kies een document van deze ruimte.",
        None,
    ),
    (
        BEOORDEEL,
        "beoordeling",
        {"b": "SLUITEN", "t": "X", "d": "2026-10-01"},
        {"beoordeling": "sluiten", "beoordeling_toelichting": "X", "beoordeeld_op": "2026-10-01"},
        "Het zelfonderzoek is nog niet ontvangen; beoordelen kan daarna.",
        None,
    ),
    (
        BEOORDEEL,
        "beoordeling",
        {"b": "SLUITEN", "t": "X", "d": "2026-09-30"},
        {"beoordeling": "sluiten", "beoordeling_toelichting": "X", "beoordeeld_op": "2026-09-30"},
        "De beoordeling kan niet vóór de ontvangst van het zelfonderzoek zijn.",
        "ontvangen",
    ),
    (
        BEOORDEEL,
        "beoordeling",
        {"b": "SLUITEN", "t": " ", "d": "2026-10-02"},
        {"beoordeling": "sluiten", "beoordeling_toelichting": " ", "beoordeeld_op": "2026-10-02"},
        "Licht de beoordeling toe.",
        "ontvangen",
    ),
    (
        BRIEF,
        "brief",
        {"s": "TERUGKOPPELING", "d": "2026-10-01"},
        {"verzonden_op": "2026-10-01"},
        "Eerst wordt het zelfonderzoek beoordeeld; daarna volgt de brief aan de aanbieder.",
        None,
    ),
    (
        BRIEF,
        "brief",
        {"s": "TERUGKOPPELING", "d": "2026-10-02"},
        {"verzonden_op": "2026-10-02"},
        "De brief kan niet vóór de beoordeling zijn verzonden.",
        "beoordeeld",
    ),
]


@pytest.mark.parametrize("document, actie, variables, page, message, stand", MELDING_FOUTEN)
def test_bad_steps_of_a_report_are_refused_alike_and_change_nothing(
    api, client, w, document, actie, variables, page, message, stand
):
    from samenwerking import melding_acties

    (via_api, via_page), _gemeenten = _twee_meldingen(w)
    vreemd = DocumentFactory()
    for melding in (via_api, via_page):
        if stand in ("ontvangen", "beoordeeld"):
            melding_acties.receive_self_investigation(w["coordinator"], melding, "pagina", date(2026, 10, 1))
        if stand == "beoordeeld":
            melding_acties.assess(w["coordinator"], melding, "pagina", "sluiten", "Gesloten.", date(2026, 10, 5))
    before = [_melding_snapshot(m) for m in (via_api, via_page)]
    variables = {k: (str(vreemd.pk) if v == "VREEMD" else v) for k, v in variables.items()}
    result = api(document, {"m": str(via_api.pk), **variables}, user=w["deelnemer"])
    assert error(result) == message
    assert list(result["data"].values()) == [None]
    client.force_login(w["deelnemer"])
    page = {k: (vreemd.pk if v in ("VREEMD", "X") else v) for k, v in page.items()}
    response = _page_post(client, via_page, actie, **page)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert [_melding_snapshot(m) for m in (via_api, via_page)] == before


def test_a_report_is_created_with_the_same_refusals_as_on_the_page(api, w):
    from samenwerking.models import Melding

    args = {"r": str(w["ruimte"].pk), "soort": "GEWELD", "a": str(w["aanbieder"].pk), "g": "2026-11-05"}
    args.update(m="2026-11-10", s="Incident")
    for change, message in (
        ({"m": "2026-11-04"}, "De melding kan niet vóór de gebeurtenis zijn gedaan."),
        ({"g": "2099-01-01", "m": "2099-01-02"}, "De datum van de gebeurtenis kan niet in de toekomst liggen."),
        ({"s": "  "}, "Vat de melding kort samen."),
        ({"s": "x" * 8001}, "De samenvatting is hoogstens 8000 tekens lang."),
        ({"b": "x" * 2001}, "De lijst van betrokkenen is hoogstens 2000 tekens lang."),
        ({"c": "999999"}, "Deze organisatie bestaat niet."),
        ({"c": "abc"}, "Ongeldig nummer voor organisatie: abc."),
    ):
        assert error(api(MAAK_MELDING, {**args, **change}, user=w["deelnemer"])) == message, change
    assert not Melding.objects.exists()
    # A member who is no supervisor does not see the providers' register: the provider is unknown.
    gewoon = UserFactory()
    LidmaatschapFactory(ruimte=w["ruimte"], gebruiker=gewoon)
    assert error(api(MAAK_MELDING, args, user=gewoon)) == "Deze aanbieder bestaat niet."
    assert not Melding.objects.exists()


def test_the_steps_of_a_report_are_refused_for_readers_outsiders_and_anonymous_alike(api, w):
    from .factories import MeldingFactory

    melding = MeldingFactory(ruimte=w["ruimte"], datum_gebeurtenis=date(2026, 9, 1), datum_gemeld=date(2026, 9, 2))
    before = _melding_snapshot(melding)
    users = [w["meelezer"], w["buitenstaander"], None]
    for document, args, field in (
        (VERLENG, {"r": "Poging", "t": "2026-12-01"}, "verlengZelfonderzoek"),
        (ONTVANG, {"d": "2026-10-01"}, "ontvangZelfonderzoek"),
        (BEOORDEEL, {"b": "SLUITEN", "t": "Poging", "d": "2026-10-01"}, "beoordeelMelding"),
        (BRIEF, {"s": "AFSLUITING", "d": "2026-10-01"}, "legBriefVast"),
    ):
        real, madeup = {"m": str(melding.pk), **args}, {"m": "987654321", **args}
        assert_refused_alike(api, document, real, madeup, users, field)
    real = {"r": str(w["ruimte"].pk), "soort": "GEWELD", "a": str(w["aanbieder"].pk), "g": "2026-11-05"}
    real.update(m="2026-11-10", s="Poging")
    assert_refused_alike(api, MAAK_MELDING, real, {**real, "r": "987654321"}, users, "maakMelding")
    assert _melding_snapshot(melding) == before
    assert refusals(w["meelezer"]) == 5 and refusals(w["buitenstaander"]) == 5


def test_a_letter_document_for_coordinators_only_is_not_named_to_a_participant(api, w):
    from samenwerking import melding_acties

    from .factories import MeldingFactory

    melding = MeldingFactory(ruimte=w["ruimte"], datum_gebeurtenis=date(2026, 9, 1), datum_gemeld=date(2026, 9, 2))
    geheim = DocumentFactory(ruimte=w["ruimte"], naam="Brief (coördinatoren)", alleen_coordinatoren=True)
    coordinator = w["coordinator"]
    melding_acties.receive_self_investigation(coordinator, melding, "pagina", date(2026, 10, 1))
    melding_acties.assess(coordinator, melding, "pagina", "sluiten", "Gesloten.", date(2026, 10, 5))
    melding_acties.send_letter(coordinator, melding, "pagina", "terugkoppeling", date(2026, 10, 6), [], geheim)
    query = "query($id: ID!) { melding(id: $id) { brieven { soort document { naam } } } }"
    seen = {
        name: api(query, {"id": str(melding.pk)}, user=w[name])["data"]["melding"]
        for name in ("coordinator", "deelnemer", "buitenstaander")
    }
    assert seen == {
        "coordinator": {"brieven": [{"soort": "TERUGKOPPELING", "document": {"naam": "Brief (coördinatoren)"}}]},
        "deelnemer": {"brieven": [{"soort": "TERUGKOPPELING", "document": None}]},
        "buitenstaander": None,
    }


# ---------------------------------------------------------------------------------------------
# Learnings and recommendations (leerpunten.py for page and API alike).

LEERPUNT_VELDEN = " id titel tekst reikwijdte themas normen aanbieders { naam } verruimingen { van naar reden door }"
MAAK_LEERPUNT = (
    """mutation($r: ID!, $titel: String!, $tekst: String!, $o: ID, $m: ID, $normen: [ID!], $themas: [String!],
  $aanbieders: [ID!], $gemeenten: [ID!]) { maakLeerpunt(ruimte: $r, titel: $titel, tekst: $tekst, onderzoek: $o,
    melding: $m, normen: $normen, themas: $themas, aanbieders: $aanbieders, gemeenten: $gemeenten) { leerpunt {"""
    + LEERPUNT_VELDEN
    + " } } }"
)
WIJZIG_LEERPUNT = (
    """mutation($l: ID!, $titel: String, $tekst: String, $themas: [String!]) {
  wijzigLeerpunt(leerpunt: $l, titel: $titel, tekst: $tekst, themas: $themas) { leerpunt {"""
    + LEERPUNT_VELDEN
    + " } } }"
)
AANBEVELING = """mutation($l: ID!, $t: String!, $o: [ID!]!) { voegAanbevelingToe(leerpunt: $l, tekst: $t,
  organisaties: $o) { aanbeveling { tekst leerpuntId opvolgingen { organisatie status } } } }"""
OPVOLGING = """mutation($a: ID!, $o: ID!, $s: OpvolgingStatus!, $d: Date, $t: String) {
  volgAanbevelingOp(aanbeveling: $a, organisatie: $o, status: $s, datum: $d, toelichting: $t) {
    opvolging { organisatie status datum toelichting } } }"""
CONTROLE = """query($l: ID!, $t: String) { controlePersoonsgegevens(leerpunt: $l, tekst: $t) {
  soort fragment begin eind uitleg } }"""
VERRUIM = (
    """mutation($l: ID!, $n: Reikwijdte!, $r: String!, $t: String, $s: [BevestigdSignaalInput!]) {
  verruimLeerpunt(leerpunt: $l, naar: $n, reden: $r, tekst: $t, bevestigdeSignalen: $s) { leerpunt {"""
    + LEERPUNT_VELDEN
    + " } } }"
)
TOELICHTING = "Openbare naam van een organisatie."
LEERTEKST = "Bij het afschalen van zorg bleef onduidelijk wie de signalen volgde."


def _leerpunt_snapshot(leerpunt):
    leerpunt.refresh_from_db()
    return {
        "velden": (leerpunt.ruimte_id, leerpunt.titel, leerpunt.tekst, leerpunt.onderzoek_id, leerpunt.melding_id)
        + (leerpunt.reikwijdte, leerpunt.aangemaakt_door_id),
        "normen": sorted(n.pk for n in leerpunt.normen.all()),
        "themas": sorted(t.pk for t in leerpunt.themas.all()),
        "aanbieders": sorted(a.pk for a in leerpunt.aanbieders.all()),
        "gemeenten": sorted(g.pk for g in leerpunt.gemeenten.all()),
        "aanbevelingen": [
            (a.tekst, sorted((o.organisatie_id, o.status, o.datum, o.toelichting) for o in a.opvolgingen.all()))
            for a in leerpunt.aanbevelingen.all()
        ],
        "verruimingen": [
            (v.van, v.naar, v.reden, v.bevestigde_signalen, v.door_id) for v in leerpunt.verruimingen.all()
        ],
    }


def test_a_learning_written_through_the_api_is_the_learning_of_the_page(api, client, w):
    from samenwerking.models import Leerpunt

    from .factories import ThemaFactory

    thema = ThemaFactory(naam="Regie", slug="regie")
    onderzoek = OnderzoekFactory(ruimte=w["ruimte"], met_aanbieders=[w["aanbieder"]])
    gemeente = Gemeente.objects.order_by("naam").first()
    norm = seeded_normen(aantal=1)[0]
    args = {"r": str(w["ruimte"].pk), "titel": "Afschalen", "tekst": LEERTEKST, "o": str(onderzoek.pk)}
    args.update(normen=[str(norm.pk)], themas=["regie"], aanbieders=[str(w["aanbieder"].pk)])
    args["gemeenten"] = [str(gemeente.pk)]
    result = api(MAAK_LEERPUNT, args, user=w["deelnemer"])["data"]["maakLeerpunt"]["leerpunt"]
    assert {k: v for k, v in result.items() if k != "id"} == {
        "titel": "Afschalen",
        "tekst": LEERTEKST,
        "reikwijdte": "RUIMTE",
        "themas": ["Regie"],
        "normen": [f"{norm.code} {norm.title}"],
        "aanbieders": [{"naam": "Zorg Noord B.V."}],
        "verruimingen": [],
    }
    client.force_login(w["deelnemer"])
    response = client.post(
        f"/samenwerking/{w['ruimte'].pk}/leerpunten/nieuw/",
        {
            "titel": "Afschalen",
            "tekst": LEERTEKST,
            "onderzoek": onderzoek.pk,
            "normen": [norm.pk],
            "themas": [thema.pk],
            "aanbieders": [w["aanbieder"].pk],
            "gemeenten": [gemeente.pk],
        },
    )
    assert response.status_code == 302
    via_api, via_page = Leerpunt.objects.filter(ruimte=w["ruimte"]).order_by("pk")
    assert str(via_api.pk) == result["id"]
    assert _leerpunt_snapshot(via_api) == _leerpunt_snapshot(via_page)


def test_bad_learnings_are_refused_alike_by_page_and_mutation(api, client, w):
    from samenwerking.models import Leerpunt

    from .factories import MeldingFactory

    eigen, vreemd = OnderzoekFactory(ruimte=w["ruimte"]), OnderzoekFactory()
    melding = MeldingFactory(ruimte=w["ruimte"])
    base = {"r": str(w["ruimte"].pk), "titel": "X", "tekst": LEERTEKST}
    client.force_login(w["deelnemer"])
    for change, page, message in (
        (
            {"o": str(eigen.pk), "m": str(melding.pk)},
            {"onderzoek": eigen.pk, "melding": melding.pk},
            "Een leerpunt komt uit één onderzoek of één melding, niet uit allebei.",
        ),
        ({"o": str(vreemd.pk)}, {"onderzoek": vreemd.pk}, "Onderzoek: Selecteer een geldige keuze."),
        ({"tekst": "x" * 8001}, {"tekst": "x" * 8001}, "Tekst: Zorg dat deze waarde niet meer dan 8000 tekens bevat"),
        ({"titel": " "}, {"titel": " "}, "Titel: Dit is een verplicht veld."),
    ):
        assert error(api(MAAK_LEERPUNT, {**base, **change}, user=w["deelnemer"])).startswith(message)
        response = client.post(
            f"/samenwerking/{w['ruimte'].pk}/leerpunten/nieuw/", {"titel": "X", "tekst": LEERTEKST, **page}
        )
        assert response.status_code == 400
        assert message.split(": ", 1)[-1] in response.content.decode()
    assert error(api(MAAK_LEERPUNT, {**base, "themas": ["bestaat-niet"]}, user=w["deelnemer"])) == (
        "Onbekend thema: bestaat-niet."
    )
    assert not Leerpunt.objects.exists()


def test_a_learning_is_edited_while_in_its_space_only(api, client, w):
    from .factories import LeerpuntFactory

    leerpunt = LeerpuntFactory(ruimte=w["ruimte"], titel="Oud", tekst=LEERTEKST)
    leerpunt.aanbieders.add(w["aanbieder"])
    data = api(WIJZIG_LEERPUNT, {"l": str(leerpunt.pk), "titel": "Nieuw"}, user=w["deelnemer"])
    assert data["data"]["wijzigLeerpunt"]["leerpunt"]["titel"] == "Nieuw"
    assert data["data"]["wijzigLeerpunt"]["leerpunt"]["tekst"] == LEERTEKST
    assert list(leerpunt.aanbieders.all()) == [w["aanbieder"]]
    leerpunt.verruim("toezichthouders", door=w["coordinator"], reden="Delen")
    before = _leerpunt_snapshot(leerpunt)
    result = api(WIJZIG_LEERPUNT, {"l": str(leerpunt.pk), "titel": "Later"}, user=w["deelnemer"])
    assert error(result).startswith("Dit leerpunt is al buiten de ruimte zichtbaar en wordt niet meer gewijzigd.")
    client.force_login(w["deelnemer"])
    url = f"/samenwerking/leerpunten/{leerpunt.pk}/wijzigen/"
    assert client.post(url, {"titel": "Later", "tekst": LEERTEKST}).status_code == 403
    # A supervisor who sees the widened learning is no member: not found, as for a made-up id.
    assert_refused_alike(
        api,
        WIJZIG_LEERPUNT,
        {"l": str(leerpunt.pk), "titel": "Kaping"},
        {"l": "987654321", "titel": "Kaping"},
        [w["meelezer"], w["buitenstaander"], supervisor(), None],
        "wijzigLeerpunt",
    )
    assert _leerpunt_snapshot(leerpunt) == before


def test_recommendations_and_follow_up_through_the_api_are_those_of_the_page(api, client, w):
    from .factories import LeerpuntFactory

    via_api, via_page = (LeerpuntFactory(ruimte=w["ruimte"], titel="Zelfde", tekst=LEERTEKST) for _n in range(2))
    gemeente, zorg = OrganisatieFactory(naam="Gemeente Test"), OrganisatieFactory(naam="Zorg Test")
    orgs = [str(gemeente.pk), str(zorg.pk)]
    result = api(AANBEVELING, {"l": str(via_api.pk), "t": "Leg de regie vast.", "o": orgs}, user=w["deelnemer"])
    assert result["data"]["voegAanbevelingToe"]["aanbeveling"] == {
        "tekst": "Leg de regie vast.",
        "leerpuntId": str(via_api.pk),
        "opvolgingen": [
            {"organisatie": "Gemeente Test", "status": "OPEN"},
            {"organisatie": "Zorg Test", "status": "OPEN"},
        ],
    }
    client.force_login(w["deelnemer"])
    url = f"/samenwerking/leerpunten/{via_page.pk}/aanbevelingen/"
    assert client.post(url, {"tekst": "Leg de regie vast.", "organisaties": [gemeente.pk, zorg.pk]}).status_code == 302
    aanbeveling_api, aanbeveling_page = via_api.aanbevelingen.get(), via_page.aanbevelingen.get()
    args = {"a": str(aanbeveling_api.pk), "o": str(zorg.pk)}
    # Done without a date, or on a date still to come: refused on both.
    opvolging_page = aanbeveling_page.opvolgingen.get(organisatie=zorg)
    prefix = f"o{opvolging_page.pk}"
    page_url = f"/samenwerking/leerpunten/{via_page.pk}/opvolgingen/{opvolging_page.pk}/"
    for datum, message in (
        (None, "Vul de datum in waarop de aanbeveling is afgerond."),
        ("2099-01-01", "De datum van de opvolging ligt in de toekomst."),
    ):
        assert error(api(OPVOLGING, {**args, "s": "AFGEROND", "d": datum}, user=w["deelnemer"])) == message
        response = client.post(
            page_url, {f"{prefix}-status": "afgerond", f"{prefix}-datum": datum or "", f"{prefix}-toelichting": ""}
        )
        assert response.status_code == 400
        assert message in response.content.decode()
    assert _leerpunt_snapshot(via_api)["aanbevelingen"] == _leerpunt_snapshot(via_page)["aanbevelingen"]
    result = api(OPVOLGING, {**args, "s": "AFGEROND", "d": "2026-11-20", "t": " Vastgelegd. "}, user=w["deelnemer"])
    assert result["data"]["volgAanbevelingOp"]["opvolging"] == {
        "organisatie": "Zorg Test",
        "status": "AFGEROND",
        "datum": "2026-11-20",
        "toelichting": "Vastgelegd.",
    }
    data = {f"{prefix}-status": "afgerond", f"{prefix}-datum": "2026-11-20", f"{prefix}-toelichting": "Vastgelegd."}
    assert client.post(page_url, data).status_code == 302
    assert _leerpunt_snapshot(via_api)["aanbevelingen"] == _leerpunt_snapshot(via_page)["aanbevelingen"]


def test_a_recommendation_needs_an_organisation_and_the_right_to_contribute(api, client, w):
    from samenwerking.models import Aanbeveling

    from .factories import LeerpuntFactory

    leerpunt = LeerpuntFactory(ruimte=w["ruimte"])
    message = "Betrokken organisaties: Kies minstens één organisatie die de aanbeveling opvolgt."
    assert error(api(AANBEVELING, {"l": str(leerpunt.pk), "t": "Iets.", "o": []}, user=w["deelnemer"])) == message
    client.force_login(w["deelnemer"])
    response = client.post(f"/samenwerking/leerpunten/{leerpunt.pk}/aanbevelingen/", {"tekst": "Iets."})
    assert response.status_code == 400 and message.split(": ", 1)[1] in response.content.decode()
    organisatie = str(OrganisatieFactory().pk)
    assert error(api(AANBEVELING, {"l": str(leerpunt.pk), "t": " ", "o": [organisatie]}, user=w["deelnemer"])) == (
        "Aanbeveling: Dit is een verplicht veld."
    )
    leerpunt.verruim("toezichthouders", door=w["coordinator"], reden="Delen")
    real = {"l": str(leerpunt.pk), "t": "Poging", "o": [organisatie]}
    users = [w["meelezer"], w["buitenstaander"], supervisor(), None]
    assert_refused_alike(api, AANBEVELING, real, {**real, "l": "987654321"}, users, "voegAanbevelingToe")
    assert not Aanbeveling.objects.exists()


def test_widening_through_the_api_confirms_each_signal_of_the_check_as_the_page_does(api, client, w):
    from samenwerking import leerpunten

    from .factories import LeerpuntFactory, MeldingFactory
    from .test_leerpunten import _verruim_post

    MeldingFactory(ruimte=w["ruimte"], betrokkenen="Bep Bakker")
    tekst = "Bep Bakker belde op 06-12345678 over het afschalen."
    via_api, via_page = (LeerpuntFactory(ruimte=w["ruimte"], titel="Zelfde", tekst=tekst) for _n in range(2))
    signalen = api(CONTROLE, {"l": str(via_api.pk)}, user=w["coordinator"])["data"]["controlePersoonsgegevens"]
    verwacht = leerpunten.signalen_voor(via_api)
    assert [(s["soort"], s["fragment"], s["begin"], s["eind"]) for s in signalen] == [
        (s.soort, s.fragment, s.begin, s.eind) for s in verwacht
    ]
    assert {s["fragment"] for s in signalen} == {"Bep Bakker", "06-12345678"}
    # The check names people the space knows: for its coordinators only.
    for user in (w["deelnemer"], w["meelezer"], w["buitenstaander"], None):
        assert api(CONTROLE, {"l": str(via_api.pk)}, user=user)["data"]["controlePersoonsgegevens"] is None
    args = {"l": str(via_api.pk), "n": "TOEZICHTHOUDERS", "r": "Leerzaam voor de regio."}
    bevestigd = [
        {k: s[k] for k in ("soort", "fragment", "begin", "eind")} | {"toelichting": TOELICHTING} for s in signalen
    ]
    # One signal left out, or confirmed at another place in the text: refused, nothing recorded.
    for confirmed in (bevestigd[:1], [bevestigd[0], {**bevestigd[1], "begin": 0}]):
        message = error(api(VERRUIM, {**args, "s": confirmed}, user=w["coordinator"]))
        assert message == "Niet elk mogelijk persoonsgegeven is bevestigd: „06-12345678”."
    assert _leerpunt_snapshot(via_api)["verruimingen"] == []
    result = api(VERRUIM, {**args, "s": bevestigd}, user=w["coordinator"])["data"]["verruimLeerpunt"]["leerpunt"]
    assert (result["reikwijdte"], result["verruimingen"][0]["reden"]) == ("TOEZICHTHOUDERS", "Leerzaam voor de regio.")
    client.force_login(w["coordinator"])
    assert _verruim_post(client, via_page, "toezichthouders").status_code == 302
    snapshots = [_leerpunt_snapshot(item) for item in (via_api, via_page)]
    assert snapshots[0] == snapshots[1]
    assert [v[3] for v in snapshots[0]["verruimingen"]] == [bevestigd]


def test_an_edited_text_is_checked_again_and_widened_with_it(api, w):
    from .factories import LeerpuntFactory

    leerpunt = LeerpuntFactory(ruimte=w["ruimte"], tekst="Mevrouw Jansen viel in de nacht.")
    schoon = "Een bewoonster viel in de nacht; een buurman hoorde het."
    assert api(CONTROLE, {"l": str(leerpunt.pk), "t": schoon}, user=w["coordinator"])["data"] == {
        "controlePersoonsgegevens": []
    }
    args = {"l": str(leerpunt.pk), "n": "TOEZICHTHOUDERS", "r": "Delen"}
    assert error(api(VERRUIM, args, user=w["coordinator"])).startswith("Niet elk mogelijk persoonsgegeven")
    result = api(VERRUIM, {**args, "t": schoon}, user=w["coordinator"])["data"]["verruimLeerpunt"]["leerpunt"]
    assert (result["tekst"], result["reikwijdte"]) == (schoon, "TOEZICHTHOUDERS")


def test_widening_is_for_coordinators_one_step_and_never_to_public_through_the_api(api, w):
    from samenwerking.models import LeerpuntVerruiming

    from .factories import LeerpuntFactory

    leerpunt = LeerpuntFactory(ruimte=w["ruimte"], tekst=LEERTEKST)
    real = {"l": str(leerpunt.pk), "n": "TOEZICHTHOUDERS", "r": "Delen"}
    users = [w["deelnemer"], w["meelezer"], w["buitenstaander"], None]
    assert_refused_alike(api, VERRUIM, real, {**real, "l": "987654321"}, users, "verruimLeerpunt")
    assert refusals(w["deelnemer"]) == 1
    for change, message in (
        ({"n": "OPENBAAR"}, "Openbaar maken gaat via de pagina van het leerpunt, langs de redactie van de kennisbank."),
        ({"n": "RUIMTE"}, "Een leerpunt wordt stap voor stap breder zichtbaar"),
        ({"r": " "}, "Geef aan waarom het leerpunt breder zichtbaar wordt."),
        ({"t": " "}, "Een leerpunt zonder tekst kan niet breder zichtbaar worden."),
        ({"t": "x" * 8001}, "De tekst is hoogstens 8000 tekens lang."),
    ):
        assert error(api(VERRUIM, {**real, **change}, user=w["coordinator"])).startswith(message)
    assert not LeerpuntVerruiming.objects.exists()


# ---------------------------------------------------------------------------------------------
# Joining a space with open work on the same provider (toegang.py for page and API alike).

ELDERS = "query($a: ID!) { openWerkElders(aanbieder: $a) { token organisatie soort aangevraagd } }"
VRAAG = """mutation($a: ID!, $t: String!, $r: String!) { vraagToegang(aanbieder: $a, token: $t, reden: $r) {
  toegangsverzoek { id reden besluit aanvrager aanbieder { naam } } } }"""
BESLIS = """mutation($v: ID!, $b: Toegangsbesluit!, $t: String) { beslisToegangsverzoek(verzoek: $v, besluit: $b,
  toelichting: $t) { toegangsverzoek { id reden besluit toelichtingBesluit aanvrager organisatieAanvrager } } }"""
VERZOEKEN = """query($r: ID, $open: Boolean) { toegangsverzoeken(ruimte: $r, open: $open) { id reden besluit
  aanvrager } }"""


@pytest.fixture
def elders(w):
    """Open work on the same provider in a space the deelnemer is not in, coordinated by a GGD."""
    from .factories import MeldingFactory

    vreemd = RuimteFactory(titel="GEHEIME-RUIMTETITEL")
    beheerder = member(vreemd, "coordinator")
    ggd = OrganisatieFactory(naam="GGD Rotterdam-Rijnmond")
    OnderzoekFactory(ruimte=vreemd, titel="GEHEIM", coordinerende_organisatie=ggd, met_aanbieders=[w["aanbieder"]])
    MeldingFactory(ruimte=vreemd, aanbieder=w["aanbieder"], samenvatting="GEHEIM", coordinerende_organisatie=ggd)
    return {"vreemd": vreemd, "beheerder": beheerder}


def test_a_supervisor_sees_only_organisation_and_kind_and_asks_as_on_the_page(api, client, w, elders):
    from samenwerking import toegang
    from samenwerking.models import Notificatie, Toegangsverzoek

    aanbieder, vreemd = w["aanbieder"], elders["vreemd"]
    result = api(ELDERS, {"a": str(aanbieder.pk)}, user=w["deelnemer"])
    token = toegang.token_for(w["deelnemer"], vreemd.pk)
    assert result == {
        "data": {
            "openWerkElders": [
                {"token": token, "organisatie": "GGD Rotterdam-Rijnmond", "soort": "melding", "aangevraagd": False},
                {"token": token, "organisatie": "GGD Rotterdam-Rijnmond", "soort": "onderzoek", "aangevraagd": False},
            ]
        }
    }
    assert "GEHEIM" not in json.dumps(result) and token != str(vreemd.pk)
    # No supervisor, or no provider the user may see: nothing.
    gewoon = UserFactory()
    for user in (gewoon, None):
        assert api(ELDERS, {"a": str(aanbieder.pk)}, user=user)["data"]["openWerkElders"] == []
    assert error(api(VRAAG, {"a": str(aanbieder.pk), "t": token, "r": " "}, user=w["deelnemer"])) == (
        "Geef aan waarom u toegang vraagt."
    )
    assert error(api(VRAAG, {"a": str(aanbieder.pk), "t": "verzonnen", "r": "Graag"}, user=w["deelnemer"])) == (
        "Dit onderzoek of deze melding is niet (meer) te vinden. Laad de pagina opnieuw."
    )
    assert not Toegangsverzoek.objects.exists()
    result = api(VRAAG, {"a": str(aanbieder.pk), "t": token, "r": "Zelfde aanbieder"}, user=w["deelnemer"])
    verzoek = Toegangsverzoek.objects.get()
    assert result["data"]["vraagToegang"]["toegangsverzoek"] == {
        "id": str(verzoek.pk),
        "reden": "Zelfde aanbieder",
        "besluit": None,
        "aanvrager": w["deelnemer"].get_full_name(),
        "aanbieder": {"naam": "Zorg Noord B.V."},
    }
    assert (verzoek.ruimte, verzoek.aanvrager) == (vreemd, w["deelnemer"])
    assert AuditLogEntry.objects.filter(actie="toegang_gevraagd", kanaal="graphql", ruimte=vreemd).count() == 1
    assert list(Notificatie.objects.filter(soort="toegangsverzoek").values_list("ontvanger", flat=True)) == [
        elders["beheerder"].pk
    ]
    notices = api(ELDERS, {"a": str(aanbieder.pk)}, user=w["deelnemer"])["data"]["openWerkElders"]
    assert [e["aangevraagd"] for e in notices] == [True, True]
    # A second request for the same space waits on the first, on the page as through the API.
    message = "U hebt al een verzoek gedaan dat nog op een besluit wacht."
    assert error(api(VRAAG, {"a": str(aanbieder.pk), "t": token, "r": "Nog eens"}, user=w["deelnemer"])) == message
    client.force_login(w["deelnemer"])
    response = client.post(f"/samenwerking/aanbieders/{aanbieder.pk}/", {"token": token, "reden": "Nog eens"})
    assert response.status_code == 400 and message in response.content.decode()
    assert Toegangsverzoek.objects.count() == 1


def test_the_requester_never_learns_which_space_it_was(api, w, elders):
    from samenwerking import toegang

    token = toegang.token_for(w["deelnemer"], elders["vreemd"].pk)
    api(VRAAG, {"a": str(w["aanbieder"].pk), "t": token, "r": "Zelfde aanbieder"}, user=w["deelnemer"])
    own = api(VERZOEKEN, {}, user=w["deelnemer"])["data"]["toegangsverzoeken"]
    assert [v["reden"] for v in own] == ["Zelfde aanbieder"]
    for ruimte in (elders["vreemd"].pk, w["ruimte"].pk, 987654321):
        assert api(VERZOEKEN, {"r": str(ruimte)}, user=w["deelnemer"])["data"]["toegangsverzoeken"] == []
    seen = api(VERZOEKEN, {"r": str(elders["vreemd"].pk), "open": True}, user=elders["beheerder"])
    assert [v["reden"] for v in seen["data"]["toegangsverzoeken"]] == ["Zelfde aanbieder"]
    assert api(VERZOEKEN, {}, user=w["coordinator"])["data"]["toegangsverzoeken"] == []


def test_the_coordinators_decide_as_on_the_page(api, client, w, elders):
    from samenwerking import toegang
    from samenwerking.models import Lidmaatschap, Toegangsverzoek

    vreemd = elders["vreemd"]
    tweede = supervisor()
    verzoeken = [
        toegang.request_access(user, w["aanbieder"], toegang.token_for(user, vreemd.pk), "Graag", "pagina")
        for user in (w["deelnemer"], tweede)
    ]
    message = "Geef aan waarom u het verzoek afwijst."
    result = api(BESLIS, {"v": str(verzoeken[0].pk), "b": "AFGEWEZEN", "t": " "}, user=elders["beheerder"])
    assert error(result) == message
    client.force_login(elders["beheerder"])
    url = f"/samenwerking/{vreemd.pk}/toegangsverzoeken/"
    response = client.post(url, {"verzoek": verzoeken[1].pk, "besluit": "afwijzen", "toelichting": ""})
    assert response.status_code == 400 and message in response.content.decode()
    assert set(Toegangsverzoek.objects.values_list("besluit", flat=True)) == {""}

    result = api(BESLIS, {"v": str(verzoeken[0].pk), "b": "TOEGEKEND"}, user=elders["beheerder"])
    assert result["data"]["beslisToegangsverzoek"]["toegangsverzoek"]["besluit"] == "TOEGEKEND"
    assert client.post(url, {"verzoek": verzoeken[1].pk, "besluit": "toekennen", "toelichting": ""}).status_code == 302
    for user in (w["deelnemer"], tweede):
        assert Lidmaatschap.objects.get(ruimte=vreemd, gebruiker=user).rol == "deelnemer"
    decided = [(v.besluit, v.besloten_door) for v in Toegangsverzoek.objects.order_by("pk")]
    assert decided == [("toegekend", elders["beheerder"])] * 2
    assert AuditLogEntry.objects.filter(actie="toegang_toegekend", kanaal="graphql", ruimte=vreemd).count() == 1
    again = api(BESLIS, {"v": str(verzoeken[0].pk), "b": "AFGEWEZEN", "t": "Toch niet"}, user=elders["beheerder"])
    assert error(again) == "Over dit verzoek is al besloten."


def test_only_the_coordinators_decide_and_a_made_up_id_reads_alike(api, w, elders):
    from samenwerking import toegang
    from samenwerking.models import Lidmaatschap, Toegangsverzoek

    vreemd = elders["vreemd"]
    verzoek = toegang.request_access(
        w["deelnemer"], w["aanbieder"], toegang.token_for(w["deelnemer"], vreemd.pk), "Graag", "pagina"
    )
    deelnemer_elders = member(vreemd)
    users = [w["deelnemer"], deelnemer_elders, w["coordinator"], None]
    real, madeup = {"v": str(verzoek.pk), "b": "TOEGEKEND"}, {"v": "987654321", "b": "TOEGEKEND"}
    assert_refused_alike(api, BESLIS, real, madeup, users, "beslisToegangsverzoek")
    assert Toegangsverzoek.objects.get().besluit == ""
    assert not Lidmaatschap.objects.filter(ruimte=vreemd, gebruiker=w["deelnemer"]).exists()
    # Asking is for supervisors: anyone else is refused as for a provider that does not exist.
    token = toegang.token_for(w["deelnemer"], vreemd.pk)
    real, madeup = {"a": str(w["aanbieder"].pk), "t": token, "r": "Graag"}, {"a": "987654321", "t": token, "r": "Graag"}
    assert_refused_alike(api, VRAAG, real, madeup, [UserFactory(), None], "vraagToegang")
    assert Toegangsverzoek.objects.count() == 1


# ---------------------------------------------------------------------------------------------
# CSRF: a session without the token is refused before anything runs; with it, the same call works.


def _csrf_cases(w):
    onderzoek = OnderzoekFactory(ruimte=w["ruimte"], normen=1, met_aanbieders=[w["aanbieder"]])
    norm = seeded_normen(aantal=1)[0]
    rapport, concept, _definitief = _rapport_onderzoek(w, "CSRF")
    rapport.rapport_concept = concept
    rapport.save()
    o = str(rapport.pk)
    melding = _twee_meldingen(w)[0][0]
    m = str(melding.pk)
    from .factories import LeerpuntFactory, OpvolgingFactory

    leerpunt = LeerpuntFactory(ruimte=w["ruimte"], tekst=LEERTEKST)
    organisatie = OrganisatieFactory()
    opvolging = OpvolgingFactory(aanbeveling__leerpunt=leerpunt, organisatie=organisatie)
    melding_args = {"soort": "GEWELD", "a": str(w["aanbieder"].pk), "g": "2026-11-05", "m": "2026-11-10", "s": "X"}
    return {
        "maakOnderzoek": (MAAK_ONDERZOEK, _maak_args(w)),
        "kiesConceptrapport": (CONCEPT, {"o": o, "d": str(concept.pk)}),
        "startProcedure": (START, {"o": o, "d": "2026-04-13"}),
        "rondStapAf": (AFRONDEN, {"o": o, "s": 1, "d": "2026-04-20"}),
        "verleenUitstel": (UITSTEL, {"o": o, "s": 4, "tot": "2026-06-01", "r": "Reden"}),
        "biedAanTerPublicatie": (PUBLICEER, {"o": o}),
        "maakMelding": (MAAK_MELDING, {**melding_args, "r": str(w["ruimte"].pk)}),
        "verlengZelfonderzoek": (VERLENG, {"m": m, "r": "Reden", "t": "2026-12-01"}),
        "ontvangZelfonderzoek": (ONTVANG, {"m": m, "d": "2026-10-01"}),
        "beoordeelMelding": (BEOORDEEL, {"m": m, "b": "SLUITEN", "t": "Gesloten", "d": "2026-10-01"}),
        "legBriefVast": (BRIEF, {"m": m, "s": "AFSLUITING", "d": "2026-10-01"}),
        "maakLeerpunt": (MAAK_LEERPUNT, {"r": str(w["ruimte"].pk), "titel": "X", "tekst": LEERTEKST}),
        "wijzigLeerpunt": (WIJZIG_LEERPUNT, {"l": str(leerpunt.pk), "titel": "Met token"}),
        "voegAanbevelingToe": (AANBEVELING, {"l": str(leerpunt.pk), "t": "Iets.", "o": [str(organisatie.pk)]}),
        "volgAanbevelingOp": (OPVOLGING, {"a": str(opvolging.aanbeveling_id), "o": str(organisatie.pk), "s": "OPEN"}),
        "verruimLeerpunt": (VERRUIM, {"l": str(leerpunt.pk), "n": "TOEZICHTHOUDERS", "r": "Delen"}),
        "vraagToegang": (VRAAG, {"a": str(w["aanbieder"].pk), "t": "verzonnen", "r": "Graag"}),
        "beslisToegangsverzoek": (BESLIS, {"v": "987654321", "b": "TOEGEKEND"}),
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
        for name in ("Onderzoek", "Bevinding", "AuditLogEntry", "Aanbieder", "OnderzoekNorm", "Procedurestap")
        + ("Melding", "MeldingUitstel", "Zelfonderzoek", "MeldingBrief")
        + ("Leerpunt", "Aanbeveling", "Opvolging", "LeerpuntVerruiming", "Toegangsverzoek", "Lidmaatschap")
    }


CSRF_MUTATIONS = [
    "maakOnderzoek",
    "wijzigOnderzoek",
    "legBevindingVast",
    "kiesConceptrapport",
    "startProcedure",
    "rondStapAf",
    "verleenUitstel",
    "biedAanTerPublicatie",
    "maakMelding",
    "verlengZelfonderzoek",
    "ontvangZelfonderzoek",
    "beoordeelMelding",
    "legBriefVast",
    "maakLeerpunt",
    "wijzigLeerpunt",
    "voegAanbevelingToe",
    "volgAanbevelingOp",
    "verruimLeerpunt",
    "vraagToegang",
    "beslisToegangsverzoek",
]


@pytest.mark.parametrize("mutation", CSRF_MUTATIONS)
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
    # With the token the same call reaches the mutation (which may refuse it on its own terms).
    assert mutation in api(document, variables, user=w["coordinator"])["data"]
