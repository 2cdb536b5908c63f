"""Generated bad arguments for the supervisors' mutations (samenwerking/schema_acties.py).

The mutations and their arguments come from the schema, so a new mutation is fuzzed as soon
as it has a world here (and fails until it has one). Per mutation a world in which a baseline
call succeeds; then, with the rest of the baseline kept:
- every id argument once with the object of its kind in another space (refused, always);
- every argument once at the edges of its meaning (dates, texts, every other choice);
- Hypothesis replaces or leaves out one to three arguments with values of the wrong shape or
  content, as variables or written into the document, mostly as the space's coordinator and
  now and then as a participant, a reader or an outsider.
Every answer: status 200 or 400, Dutch messages without Python or English, nothing half-saved
when the mutation fails, no link to an object of another space, and no canary of another
space's confidential objects (nor of a document for coordinators only) in any response.
"""

import json
import os
from contextlib import contextmanager
from datetime import date

from django.apps import apps
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import F
from django.test import Client

import pytest
from graphene.utils.str_converters import to_camel_case
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    get_named_type,
    get_nullable_type,
    is_leaf_type,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.models import Gemeente
from portal.roles import TOEZICHTHOUDER
from portal.schema import schema
from samenwerking.schema_acties import ActieMutation
from tests.samenwerking.factories import (
    AanbevelingFactory,
    AanbiederFactory,
    DocumentFactory,
    LeerpuntFactory,
    LidmaatschapFactory,
    MeldingFactory,
    OnderzoekFactory,
    OpvolgingFactory,
    OrganisatieFactory,
    RuimteFactory,
    ThemaFactory,
    UserFactory,
    seeded_kader,
    seeded_normen,
    seeded_toezichtsvorm,
    version,
)
from tests.samenwerking.test_graphql_acties import CSRF_MUTATIONS
from tests.security.test_graphql_fuzz import ENGLISH, _without_names

pytestmark = pytest.mark.django_db

# Ten examples per mutation in CI; MUTATIES_FUZZ_VOORBEELDEN=200 for a longer search locally.
FUZZ = settings(
    max_examples=int(os.environ.get("MUTATIES_FUZZ_VOORBEELDEN", "10")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# The supervisors' actions of issue 11: a rename or a removal must fail here, loudly.
ACTIES = set(CSRF_MUTATIONS)
MUTATIES = schema.graphql_schema.mutation_type.fields
# The schema's mutations that ActieMutation contributes, read from the schema itself.
ACTIE_MUTATIES = sorted(
    name
    for name in MUTATIES
    if name in {to_camel_case(attr) for attr in vars(ActieMutation) if not attr.startswith("_")}
)

# An id no object has: a hidden object must be refused in exactly its words.
VERZONNEN = "987654321"

KANARIE = {
    "ruimte": "KANARIE-RUIMTE-ZUID",
    "onderzoek": "KANARIE-ONDERZOEK-ZUID",
    "melding": "KANARIE-MELDING-ZUID",
    "betrokkene": "KANARIE-BETROKKENE-ZUID",
    "leerpunt": "KANARIE-LEERPUNT-ZUID",
    "aanbeveling": "KANARIE-AANBEVELING-ZUID",
    "document": "KANARIE-DOCUMENT-ZUID",
    "verzoek": "KANARIE-VERZOEK-ZUID",
    "geheim": "KANARIE-COORDINATOREN-NOORD",
}


# ---------------------------------------------------------------------------------------------
# The documents: every argument of the field as a variable of its own schema type, and as the
# answer every leaf of the payload and the leaves of its objects (enough for a canary to show).


def _selection(type_, depth):
    named = get_named_type(type_)
    if is_leaf_type(named):
        return ""
    parts = ["__typename"]
    if isinstance(named, GraphQLObjectType):
        for name, field in named.fields.items():
            if any(isinstance(arg.type, GraphQLNonNull) for arg in field.args.values()):
                continue
            if is_leaf_type(get_named_type(field.type)):
                parts.append(name)
            elif depth > 0:
                parts.append(name + _selection(field.type, depth - 1))
    return " { " + " ".join(parts) + " }"


def document(mutation, literals=None):
    """The mutation with every argument as a variable, or for those in `literals` written
    into the document itself."""
    field = MUTATIES[mutation]
    literals = literals or {}
    declared = ", ".join(f"${name}: {arg.type}" for name, arg in field.args.items() if name not in literals)
    passed = ", ".join(f"{name}: {literals.get(name, '$' + name)}" for name in field.args)
    declared = f"({declared})" if declared else ""
    payload = " ".join(name + _selection(sub.type, 1) for name, sub in field.type.fields.items())
    return f"mutation{declared} {{ {mutation}({passed}) {{ {payload} }} }}"


def literal(value, type_):
    """A JSON value as a GraphQL literal; a name of the argument's enum as the bare name."""
    inner = get_nullable_type(type_)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        if isinstance(inner, GraphQLEnumType) and value.isidentifier():
            return value
        return json.dumps(value)
    element = inner.of_type if isinstance(inner, GraphQLList) else inner
    if isinstance(value, list):
        return "[" + ", ".join(literal(v, element) for v in value) + "]"
    fields = inner.fields if isinstance(inner, GraphQLInputObjectType) else {}
    return (
        "{" + ", ".join(f"{k}: {literal(v, fields[k].type if k in fields else inner)}" for k, v in value.items()) + "}"
    )


# ---------------------------------------------------------------------------------------------
# Bad values, by the argument's schema type.

TE_GROOT = ["9223372036854775808", "9223372036854775807", "18446744073709551616", "1" + "0" * 40]
WRONG_IDS = TE_GROOT + ["-1", "0", "", " ", "abc", "1.5", "1e3", "0x10", "١٢", "12\x00", " 7 ", "+3", "3 4"]
WRONG_INTS = [-1, 0, 2**31, -(2**31) - 1, 2**63, 2**64, 1.5, "1", "", True, 10**40]
WRONG_DATES = [
    "2026-02-30",
    "2026-13-01",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "",
    " ",
    "2026-1-1",
    "01-02-2026",
    "2026-02-28T10:00:00",
    "20260228",
    20260228,
    "10000-01-01",
    "-2026-01-01",
    "2026-02-29",
]
WRONG_ENUMS = ["", "ONBEKEND", "voldoet", "openbaar", "Openbaar", "ALLE ", "1", 1, True, "__typename"]
ZONDERLING = st.sampled_from(
    [
        "",
        " ",
        "\t\n\r",
        "\x00",
        "a\x00b",
        "\ud800",
        "a\udfffb",
        "\x01\x02\x1b[31m",
        "\u202eomgekeerd",
        "\ufeff",
        "😀" * 50,
        "\\",
        "'\"<>&",
    ]
)
LANG = st.sampled_from([201, 501, 2001, 4001, 8001, 20_000]).map(lambda n: "x" * n)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=5,
)


def _scalar(named, vreemd, elders):
    if named.name == "ID":
        ids = st.sampled_from(WRONG_IDS) | st.sampled_from(vreemd).map(str) | st.integers(-(2**70), 2**70)
        # The id of the same kind of object in the other space: the one most worth trying.
        return ids | st.just(elders) | st.just(elders) if elders else ids
    if named.name == "Int":
        return st.sampled_from(WRONG_INTS) | st.integers(-(2**40), 2**40)
    if named.name == "Date":
        return st.sampled_from(WRONG_DATES) | st.dates().map(date.isoformat)
    if named.name == "Boolean":
        return st.sampled_from(["true", 0, 1, "", "ja"])
    return ZONDERLING | LANG | st.text(max_size=30)


def bad_value(type_, vreemd, goed=None, elders=None):
    """A strategy of JSON values that do not fit `type_`, or fit its shape with bad content:
    `goed` is the argument's baseline value, `elders` the id of its kind in the other space."""
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    if isinstance(inner, GraphQLList):
        element = inner.of_type
        kandidaten = st.lists(bad_value(element, vreemd, elders=elders), max_size=4) | st.just([None]) | st.just([])
        if goed:
            # The valid items twice over, or with one bad item among them.
            kandidaten |= st.just(goed * 2) | bad_value(element, vreemd, elders=elders).map(lambda v: [*goed, v])
            kandidaten |= st.just(goed * 300)
        waarde = kandidaten
    elif isinstance(inner, GraphQLInputObjectType):
        velden = {name: bad_value(field.type, vreemd) for name, field in inner.fields.items()}
        waarde = st.fixed_dictionaries({}, optional=velden) | st.dictionaries(st.text(max_size=6), JSON, max_size=3)
        if goed:
            waarde |= st.sampled_from(goed if isinstance(goed, list) else [goed]).flatmap(
                lambda item: st.sampled_from(sorted(velden)).flatmap(
                    lambda veld: velden[veld].map(lambda v: {**item, veld: v})
                )
            )
        if isinstance(goed, list):
            waarde = st.lists(waarde, min_size=1, max_size=3)
    elif isinstance(inner, GraphQLEnumType):
        waarde = st.sampled_from(WRONG_ENUMS) | st.sampled_from(sorted(inner.values))
    else:
        waarde = _scalar(inner, vreemd, elders)
    # Mostly the right shape with bad content, which reaches the mutation's own checks; now
    # and then a null or JSON of another type, which graphql-core's coercion answers.
    return st.one_of(waarde, waarde, waarde, st.none(), JSON)


def edge_values(type_, goed):
    """Values of the right shape at the edges of what the argument means: the few that reach
    the checks of the form or the service behind the mutation, tried one by one."""
    inner = get_nullable_type(type_)
    if isinstance(inner, GraphQLList):
        return [[], goed * 2] if goed else [[]]
    if isinstance(inner, GraphQLEnumType):
        return sorted(set(inner.values) - {goed})
    return {
        "Date": ["0001-01-01", "9999-12-31"],
        "String": ["", "x" * 8001],
        "Int": [-1, 2**31 - 1],
        "Boolean": [True, False],
    }.get(getattr(inner, "name", None), [])


# ---------------------------------------------------------------------------------------------
# The world: space Noord with its coordinator, a reader and an outsider; space Zuid with
# confidential objects that carry canaries; per mutation the state its baseline call needs.


def supervisor():
    user = UserFactory()
    user.groups.add(Group.objects.get(name=TOEZICHTHOUDER))
    return user


def member(ruimte, rol):
    user = supervisor()
    LidmaatschapFactory(ruimte=ruimte, gebruiker=user, rol=rol)
    return user


def _base(canaries):
    from samenwerking import toegang

    noord = RuimteFactory(titel="Ruimte Noord")
    zuid = RuimteFactory(titel=KANARIE["ruimte"])
    w = {
        "noord": noord,
        "zuid": zuid,
        "coordinator": member(noord, "coordinator"),
        "deelnemer": member(noord, "deelnemer"),
        "meelezer": member(noord, "meelezer"),
        "buitenstaander": supervisor(),
        "beheerder_zuid": member(zuid, "coordinator"),
        "aanbieder": AanbiederFactory(naam="Zorg Noord B.V."),
        "organisatie": OrganisatieFactory(naam="GGD Noord"),
        "gemeente": Gemeente.objects.order_by("naam").first(),
    }
    ggd = OrganisatieFactory(naam="GGD Zuid")
    gedeeld = AanbiederFactory(naam="Gedeelde aanbieder B.V.")
    elders = {
        "onderzoek": OnderzoekFactory(
            ruimte=zuid, titel=KANARIE["onderzoek"], normen=1, met_aanbieders=[gedeeld], coordinerende_organisatie=ggd
        ),
        "melding": MeldingFactory(
            ruimte=zuid, samenvatting=KANARIE["melding"], betrokkenen=KANARIE["betrokkene"], aanbieder=gedeeld
        ),
        "document": DocumentFactory(ruimte=zuid, naam=KANARIE["document"]),
        "leerpunt": LeerpuntFactory(ruimte=zuid, titel=KANARIE["leerpunt"]),
    }
    version(elders["document"], content=b"Zuid (fictief)\n", naam="zuid.txt")
    elders["aanbeveling"] = AanbevelingFactory(leerpunt=elders["leerpunt"], tekst=KANARIE["aanbeveling"])
    elders["opvolging"] = OpvolgingFactory(aanbeveling=elders["aanbeveling"], organisatie=ggd)
    vrager = supervisor()
    elders["verzoek"] = toegang.request_access(
        vrager, gedeeld, toegang.token_for(vrager, zuid.pk), KANARIE["verzoek"], "pagina"
    )
    w["gedeeld"] = gedeeld
    w["geheim"] = DocumentFactory(ruimte=noord, naam=KANARIE["geheim"], alleen_coordinatoren=True)
    # Ids of objects the coordinator of Noord may not act on, offered to every ID argument.
    w["vreemd"] = sorted({obj.pk for obj in (zuid, *elders.values(), ggd, w["geheim"])})
    # Per argument name, the object of that kind in Zuid: never to be acted on from Noord.
    w["elders"] = {naam: str(obj.pk) for naam, obj in elders.items() if naam != "opvolging"}
    w["elders"].update(ruimte=str(zuid.pk), bewijs=str(elders["document"].pk))
    leden_zuid = {w["beheerder_zuid"].pk, vrager.pk}
    for naam, woord in KANARIE.items():
        # The coordinator-only document of Noord is its coordinator's; the rest is Zuid's.
        pks = {w["coordinator"].pk} if naam == "geheim" else leden_zuid
        canaries.register(woord, lambda user, pks=pks: getattr(user, "pk", None) in pks)
    return w


def _onderzoek(w, **kwargs):
    return OnderzoekFactory(
        ruimte=w["noord"], titel="Onderzoek Noord", normen=2, met_aanbieders=[w["aanbieder"]], **kwargs
    )


def _rapport(w, tot_stap=0):
    """An investigation of Noord with its concept and definitive report; the procedure started
    and done up to `tot_stap` on the dates of the course in test_graphql_acties.py."""
    from samenwerking import procedure

    onderzoek = _onderzoek(w)
    concept = DocumentFactory(ruimte=w["noord"], naam="Concept")
    version(concept, content=b"Concept (fictief)\n", naam="concept.txt")
    definitief = DocumentFactory(ruimte=w["noord"], naam="Definitief")
    version(definitief, content=b"Rapport (fictief).\n\nDe aanbieder voldoet.", naam="rapport.txt")
    user = w["coordinator"]
    procedure.kies_concept(user, onderzoek, concept, "pagina")
    if tot_stap >= 1:
        procedure.start(user, onderzoek, date(2026, 4, 13), "pagina")
    stappen = {
        1: {"datum": date(2026, 4, 20)},
        2: {"datum": date(2026, 4, 24), "document": definitief},
        3: {"datum": date(2026, 4, 30)},
        4: {"datum": date(2026, 5, 27), "geen": True},
        5: {"datum": date(2026, 5, 28)},
    }
    for stap in range(1, tot_stap):
        onderzoek.refresh_from_db()
        procedure.afronden(user, onderzoek, stap, "pagina", **stappen[stap])
    onderzoek.refresh_from_db()
    return onderzoek, concept, definitief


def _melding(w, stand=None):
    from samenwerking import melding_acties

    melding = MeldingFactory(
        ruimte=w["noord"], aanbieder=w["aanbieder"], datum_gebeurtenis=date(2026, 9, 1), datum_gemeld=date(2026, 9, 2)
    )
    melding.gemeenten.set([w["gemeente"]])
    if stand in ("ontvangen", "beoordeeld"):
        melding_acties.receive_self_investigation(w["coordinator"], melding, "pagina", date(2026, 10, 1))
    if stand == "beoordeeld":
        melding.refresh_from_db()
        melding_acties.assess(w["coordinator"], melding, "pagina", "sluiten", "Gesloten.", date(2026, 10, 5))
    melding.refresh_from_db()
    return melding


def _document(w):
    document = DocumentFactory(ruimte=w["noord"], naam="Stuk van Noord")
    version(document, content=b"Stuk (fictief)\n", naam="stuk.txt")
    return document


def _leerpunt(w, tekst="Bij het afschalen van zorg bleef onduidelijk wie de signalen volgde."):
    return LeerpuntFactory(ruimte=w["noord"], titel="Leerpunt Noord", tekst=tekst)


def _verruim(w):
    from samenwerking import leerpunten

    leerpunt = _leerpunt(w, "Iemand belde op 06-12345678 over het afschalen.")
    bevestigd = [
        {"soort": s.soort, "fragment": s.fragment, "begin": s.begin, "eind": s.eind, "toelichting": "Geen persoon."}
        for s in leerpunten.signalen_voor(leerpunt)
    ]
    assert bevestigd, "de basistekst heeft een signaal om te bevestigen"
    return {"leerpunt": leerpunt.pk, "naar": "TOEZICHTHOUDERS", "reden": "Leerzaam.", "bevestigdeSignalen": bevestigd}


def _opvolging(w):
    opvolging = OpvolgingFactory(aanbeveling__leerpunt=_leerpunt(w), organisatie=w["organisatie"])
    return {
        "aanbeveling": opvolging.aanbeveling_id,
        "organisatie": w["organisatie"].pk,
        "status": "AFGEROND",
        "datum": "2026-11-20",
        "toelichting": "Vastgelegd.",
    }


def _vraag(w):
    from samenwerking import toegang

    token = toegang.token_for(w["coordinator"], w["zuid"].pk)
    return {"aanbieder": w["gedeeld"].pk, "token": token, "reden": "Zelfde aanbieder."}


def _beslis(w):
    from samenwerking import toegang

    vrager = supervisor()
    OnderzoekFactory(ruimte=w["noord"], met_aanbieders=[w["aanbieder"]])
    verzoek = toegang.request_access(vrager, w["aanbieder"], toegang.token_for(vrager, w["noord"].pk), "Graag", "x")
    return {"verzoek": verzoek.pk, "besluit": "AFGEWEZEN", "toelichting": "Niet nodig."}


def _bevinding(w):
    onderzoek = _onderzoek(w)
    return {
        "onderzoek": onderzoek.pk,
        "norm": seeded_normen(aantal=1)[0].pk,
        "aanbieder": w["aanbieder"].pk,
        "oordeel": "VOLDOET_NIET",
        "toelichting": "Niet op orde.",
        "bewijs": [_document(w).pk],
    }


def _maak_leerpunt(w):
    ThemaFactory(naam="Regie", slug="regie")
    return {
        "ruimte": w["noord"].pk,
        "titel": "Afschalen",
        "tekst": "Bij het afschalen van zorg bleef onduidelijk wie de signalen volgde.",
        "onderzoek": _onderzoek(w).pk,
        "normen": [seeded_normen(aantal=1)[0].pk],
        "themas": ["regie"],
        "aanbieders": [w["aanbieder"].pk],
        "gemeenten": [w["gemeente"].pk],
    }


def _brief(w):
    melding = _melding(w, "beoordeeld")
    return {
        "melding": melding.pk,
        "soort": "TERUGKOPPELING",
        "verzondenOp": "2026-10-06",
        "kopieAan": [w["gemeente"].pk],
        "document": _document(w).pk,
        "toelichting": "Verstuurd.",
    }


def _definitief_verstuurd(w):
    """The step that sends the definitive version, with that version as its document."""
    onderzoek, _concept, definitief = _rapport(w, tot_stap=2)
    return {
        "onderzoek": onderzoek.pk,
        "stap": 2,
        "datum": "2026-04-24",
        "toelichting": "Ok.",
        "document": definitief.pk,
    }


# Per mutation: the baseline arguments in a fresh world (ids as numbers, made strings below).
WERELDEN = {
    "maakOnderzoek": lambda w: {
        "ruimte": w["noord"].pk,
        "titel": "Kwaliteitsonderzoek",
        "kader": seeded_kader().pk,
        "toezichtsvorm": seeded_toezichtsvorm().pk,
        "normkeuze": "SELECTIE",
        "normen": [n.pk for n in seeded_normen(aantal=2)],
        "aanbieders": [w["aanbieder"].pk],
        "nieuweAanbieder": {"naam": "Nieuw B.V.", "kvkNummer": "87654321"},
        "gemeenten": [w["gemeente"].pk],
        "coordinerendeOrganisatie": w["organisatie"].pk,
        "geplandBegin": "2026-03-01",
        "geplandEind": "2026-06-30",
    },
    "wijzigOnderzoek": lambda w: {
        "onderzoek": _onderzoek(w).pk,
        "titel": "Nieuwe titel",
        "status": "VELDWERK",
        "aanbieders": [w["aanbieder"].pk],
        "werkelijkBegin": "2026-03-01",
        "werkelijkEind": "2026-04-01",
    },
    "legBevindingVast": _bevinding,
    "kiesConceptrapport": lambda w: {"onderzoek": _onderzoek(w).pk, "document": _document(w).pk},
    "startProcedure": lambda w: {"onderzoek": _rapport(w)[0].pk, "datum": "2026-04-13"},
    "rondStapAf": _definitief_verstuurd,
    "verleenUitstel": lambda w: {
        "onderzoek": _rapport(w, tot_stap=4)[0].pk,
        "stap": 4,
        "tot": "2026-06-01",
        "reden": "Ziekte directeur.",
    },
    "biedAanTerPublicatie": lambda w: {"onderzoek": _rapport(w, tot_stap=6)[0].pk},
    "maakMelding": lambda w: {
        "ruimte": w["noord"].pk,
        "soort": "CALAMITEIT",
        "aanbieder": w["aanbieder"].pk,
        "datumGebeurtenis": "2026-11-05",
        "datumGemeld": "2026-11-10",
        "samenvatting": "Fictieve cliënt gevallen.",
        "gemeenten": [w["gemeente"].pk],
        "coordinerendeOrganisatie": w["organisatie"].pk,
        "betrokkenen": "Jan Fictief",
    },
    "verlengZelfonderzoek": lambda w: {
        "melding": _melding(w).pk,
        "reden": "Extern deskundige later.",
        "nieuweTermijn": "2026-12-14",
    },
    "ontvangZelfonderzoek": lambda w: {
        "melding": _melding(w).pk,
        "ontvangenOp": "2026-10-01",
        "document": _document(w).pk,
        "toelichting": "Ontvangen.",
    },
    "beoordeelMelding": lambda w: {
        "melding": _melding(w, "ontvangen").pk,
        "beoordeling": "OPVOLGINGSONDERZOEK",
        "toelichting": "Verbetermaatregelen toetsen.",
        "beoordeeldOp": "2026-10-05",
    },
    "legBriefVast": _brief,
    "maakLeerpunt": _maak_leerpunt,
    "wijzigLeerpunt": lambda w: {"leerpunt": _leerpunt(w).pk, "titel": "Nieuw", "tekst": "Een nieuwe tekst."},
    "voegAanbevelingToe": lambda w: {
        "leerpunt": _leerpunt(w).pk,
        "tekst": "Leg de regie vast.",
        "organisaties": [w["organisatie"].pk],
    },
    "verruimLeerpunt": _verruim,
    "volgAanbevelingOp": _opvolging,
    "vraagToegang": _vraag,
    "beslisToegangsverzoek": _beslis,
}


def _as_json(value, type_):
    """Ids as the strings a client sends (by the argument's schema type); the rest as it is."""
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    if isinstance(inner, GraphQLList):
        return [_as_json(v, inner.of_type) for v in value]
    if isinstance(inner, GraphQLInputObjectType):
        return {k: _as_json(v, inner.fields[k].type) for k, v in value.items()}
    if getattr(inner, "name", None) == "ID":
        return str(value)
    return value


def baseline(mutation, w):
    """The baseline variables of `mutation` in world `w`, each an argument of the schema."""
    args = MUTATIES[mutation].args
    basis = WERELDEN[mutation](w)
    assert set(basis) <= set(args), sorted(set(basis) - set(args))
    return {naam: _as_json(waarde, args[naam].type) for naam, waarde in basis.items()}


# ---------------------------------------------------------------------------------------------
# What the database holds, and what may never be in it.


def stand():
    """Every row of every samenwerking model (refusals aside: they are written on purpose),
    and the number of publication pages and of their workflow states."""
    from wagtail.models import WorkflowState

    from kennisbank.models import PublicatiePage
    from samenwerking.models import AuditLogEntry

    rows = {}
    for model in apps.get_app_config("samenwerking").get_models(include_auto_created=True):
        queryset = model._base_manager.order_by("pk")
        if model is AuditLogEntry:
            queryset = queryset.exclude(actie=AuditLogEntry.Actie.GEWEIGERD)
        rows[model._meta.label] = list(queryset.values_list(*[f.attname for f in model._meta.concrete_fields]))
    rows["PublicatiePage"] = PublicatiePage.objects.count()
    rows["WorkflowState"] = WorkflowState.objects.count()
    return rows


def cross_space_links():
    """Objects of one space that point at a document or source of another space."""
    from samenwerking.models import Bevinding, Leerpunt, MeldingBrief, Onderzoek, Zelfonderzoek

    fouten = []
    for bevinding in Bevinding.objects.prefetch_related("bewijs").select_related("onderzoek"):
        fouten += [f"bewijs {d.pk}" for d in bevinding.bewijs.all() if d.ruimte_id != bevinding.onderzoek.ruimte_id]
    for veld in ("rapport_concept", "rapport_definitief"):
        fouten += [
            f"{veld} {o.pk}"
            for o in Onderzoek.objects.exclude(**{veld: None}).exclude(**{f"{veld}__ruimte": F("ruimte")})
        ]
    for model, pad in ((Zelfonderzoek, "melding__ruimte"), (MeldingBrief, "melding__ruimte")):
        fouten += [
            f"{model.__name__} {o.pk}" for o in model.objects.exclude(document=None).exclude(document__ruimte=F(pad))
        ]
    for veld in ("onderzoek", "melding"):
        fouten += [
            f"leerpunt {o.pk}"
            for o in Leerpunt.objects.exclude(**{veld: None}).exclude(**{f"{veld}__ruimte": F("ruimte")})
        ]
    return fouten


# ---------------------------------------------------------------------------------------------
# Calling.


@contextmanager
def voorbeeld():
    """One example in a savepoint that the test rolls back. It is the test's block, not the
    code's: marked as such, refusals are written inside it as they are in any test
    (samenwerking/refusals.py), and go with it."""
    block = transaction.atomic()
    block._from_testcase = True
    with block:
        yield
        transaction.set_rollback(True)


def _client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/graphql/", HTTP_ACCEPT="text/html")
    return client, client.cookies["csrftoken"].value


def call(client, token, query, variables):
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code in (200, 400), response.content[:500]
    return response.json()


def check_messages(result):
    for error in result.get("errors", []):
        message = error["message"]
        assert "Er ging iets mis" not in message, (message, error)
        assert "Traceback" not in message and "Error" not in message, message
        assert not ENGLISH.search(_without_names(message)), message


def failed(result, mutation):
    return bool(result.get("errors")) or not (result.get("data") or {}).get(mutation)


# ---------------------------------------------------------------------------------------------
# The tests.


def test_the_supervisors_actions_are_all_in_the_schema():
    assert set(ACTIE_MUTATIES) >= ACTIES, sorted(ACTIES - set(ACTIE_MUTATIES))


@pytest.mark.parametrize("mutation", ACTIE_MUTATIES)
def test_every_action_of_the_schema_has_a_world_to_fuzz_in(mutation):
    assert mutation in WERELDEN, f"{mutation}: geef deze mutatie een wereld in WERELDEN"


@pytest.mark.parametrize("mutation", ACTIE_MUTATIES)
def test_bad_arguments_are_refused_in_dutch_with_nothing_saved_or_leaked(canaries, mutation):
    w = _base(canaries)
    field = MUTATIES[mutation]
    basis = baseline(mutation, w)
    query = document(mutation)
    clients = {rol: _client(w[rol]) for rol in ("coordinator", "deelnemer", "meelezer", "buitenstaander")}

    def check(rol, variables, query=query):
        with voorbeeld():
            voor = stand()
            result = call(*clients[rol], query, variables)
            check_messages(result)
            if failed(result, mutation):
                na = stand()
                assert na == voor, ("half opgeslagen", [tabel for tabel in voor if na[tabel] != voor[tabel]], variables)
            assert cross_space_links() == []
        return result

    # The baseline is accepted: what the examples refuse, they refuse for their own change.
    result = check("coordinator", basis)
    assert "errors" not in result and result["data"][mutation], result

    # Every id argument once with the object of its kind in Zuid, and a document for the
    # coordinators only with a participant: always refused, in the words a made-up id gets.
    for naam, arg in field.args.items():
        if get_named_type(arg.type).name != "ID":
            continue
        proberen = [("coordinator", w["elders"][naam])] if naam in w["elders"] else []
        if naam in ("document", "bewijs"):
            proberen.append(("deelnemer", str(w["geheim"].pk)))
        lijst = isinstance(get_nullable_type(arg.type), GraphQLList)
        for rol, pk in proberen:
            result = check(rol, {**basis, naam: [pk] if lijst else pk})
            assert failed(result, mutation), (naam, rol, result)
            verzonnen = check(rol, {**basis, naam: [VERZONNEN] if lijst else VERZONNEN})
            assert result == verzonnen, (naam, rol)

    # Every argument once with each value of the right shape that a form or a service must
    # judge (the edges of dates and texts, every other choice), the rest as in the baseline.
    for naam, arg in field.args.items():
        for waarde in edge_values(arg.type, basis.get(naam)):
            check("coordinator", {**basis, naam: waarde})

    argumenten = sorted(field.args)

    @FUZZ
    @given(data=st.data())
    def fuzz(data):
        rol = data.draw(st.sampled_from(["coordinator"] * 8 + ["deelnemer", "meelezer", "buitenstaander"]), label="rol")
        namen = data.draw(st.lists(st.sampled_from(argumenten), min_size=1, max_size=3, unique=True), label="namen")
        variables = dict(basis)
        # Now and then the changed arguments are written into the document: graphql-core
        # validates literals on another path than variables.
        inline = data.draw(st.integers(0, 3), label="in het document") == 0
        for naam in namen:
            arg_type = field.args[naam].type
            # Left out: only where that is allowed (a required one left out is as null).
            optional = not isinstance(arg_type, GraphQLNonNull)
            if optional and data.draw(st.integers(0, 4), label=f"weglaten {naam}") == 0:
                variables.pop(naam, None)
            else:
                waarde = bad_value(arg_type, w["vreemd"], basis.get(naam), w["elders"].get(naam))
                variables[naam] = data.draw(waarde, label=naam)
        if inline:
            literals = {
                naam: literal(variables.pop(naam), field.args[naam].type) for naam in namen if naam in variables
            }
            check(rol, variables, document(mutation, literals))
        else:
            check(rol, variables)

    fuzz()


# ---------------------------------------------------------------------------------------------
# Defects the fuzzing found, each held by a hand-written test.


@pytest.mark.parametrize("token", ["\u202eomgekeerd", "tökén", "😀"], ids=["leesrichting", "accenten", "emoji"])
def test_a_token_with_other_than_ascii_characters_is_an_unknown_token_on_api_and_page(canaries, token):
    """hmac.compare_digest refused a str with non-ASCII characters (TypeError): a 500 on the
    provider's page, "Er ging iets mis" through the API."""
    from samenwerking.models import Toegangsverzoek

    w = _base(canaries)
    message = "Dit onderzoek of deze melding is niet (meer) te vinden. Laad de pagina opnieuw."
    variables = {**baseline("vraagToegang", w), "token": token}
    result = call(*_client(w["coordinator"]), document("vraagToegang"), variables)
    assert [e["message"] for e in result["errors"]] == [message]
    client, csrf = _client(w["coordinator"])
    response = client.post(
        f"/samenwerking/aanbieders/{w['gedeeld'].pk}/",
        {"token": token, "reden": "Zelfde aanbieder."},
        HTTP_X_CSRFTOKEN=csrf,
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Toegangsverzoek.objects.filter(aanvrager=w["coordinator"]).exists()


@pytest.mark.parametrize(
    "mutation, change",
    [
        ("maakOnderzoek", {"aanleiding": "Signalen \ud800"}),
        ("maakOnderzoek", {"nieuweAanbieder": {"naam": "Half \udfff B.V.", "kvkNummer": "87654321"}}),
        ("maakMelding", {"samenvatting": "\udbff"}),
        ("maakLeerpunt", {"themas": ["regie", "\ud83d"]}),
    ],
)
def test_half_a_surrogate_pair_is_refused_as_an_invalid_character(canaries, mutation, change):
    """JSON can spell a lone surrogate ("\\ud800") that UTF-8 cannot encode: the database
    driver's UnicodeEncodeError came back as "Er ging iets mis"."""
    w = _base(canaries)
    variables = {**baseline(mutation, w), **change}
    voor = stand()
    result = call(*_client(w["coordinator"]), document(mutation), variables)
    assert result["data"] == {mutation: None}
    assert [e["message"] for e in result["errors"]] == ["Een argument bevat ongeldige tekens."]
    assert stand() == voor
