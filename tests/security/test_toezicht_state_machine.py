"""A Hypothesis state machine over the supervisors' work (issue 11): create, edit, move between
spaces, invite, change roles, revoke, widen, publish attempts and delete, each through the
services the pages and mutations call (samenwerking/leerpunten.py, melding_acties.py,
onderzoek_acties.py, procedure.py, actions.py) and each tried by someone the step picks: the
coordinator, one of three supervisors whose memberships the machine grants and revokes, or a
supervisor who is never invited. The machine keeps its own account of who holds which role where
and predicts every outcome from it: an attempt it expects to be refused must be refused, and
must change nothing. After every step the public site, the public search (on both backends) and
the public API hold no calamity report, self-investigation or letter; no learning is visible or
found wider than its recorded decisions; and every supervisor sees, finds and can ask the API
for exactly the reports of the spaces they are a member of now.

Every example runs inside a savepoint that is rolled back at its end, so each starts from the
seeded database and the objects of one example never meet another's. The machine writes to both
indexes through the ordinary save path: the commit callbacks of every step run when it ends, as
they do when a request commits, and carry its changes to the one Elasticsearch index (osmem) of
the machine; at the end of an example the index forgets what the rolled-back savepoint held.

The default profile keeps CI time bounded; `HYPOTHESIS_PROFILE=uitgebreid` runs a long search
(see `PROFIELEN` below)."""

import collections
import functools
import json
import os
import re
import sys
from contextlib import contextmanager
from datetime import date, timedelta

from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Case, Q, When
from django.test import Client, TestCase, override_settings

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
    run_state_machine_as_test,
)
from wagtail.models import Page

from kennisbank.models import KennisbankIndexPage, PublicatiePage
from portal.roles import TOEZICHTHOUDER
from samenwerking import actions, leerpunten, melding_acties, onderzoek_acties, procedure, refusals
from samenwerking.models import (
    Aanbeveling,
    AuditLogEntry,
    Document,
    Leerpunt,
    LeerpuntVerruiming,
    Lidmaatschap,
    Melding,
    MeldingBrief,
    NooitOpenbaar,
    Onderzoek,
    Opvolging,
    Procedurestap,
    Reikwijdte,
    Zelfonderzoek,
    weiger_openbaarmaking,
)
from samenwerking.uploads import check_upload
from search import engine
from search.indexing import index_instance
from search.models import PendingIndexUpdate, SearchDocument
from search.service import search
from tests.graphql_selection import selection
from tests.samenwerking.factories import (
    AanbiederFactory,
    OrganisatieFactory,
    RuimteFactory,
    UserFactory,
    seeded_kader,
    seeded_normen,
    seeded_toezichtsvorm,
)
from tests.search.conftest import BACKENDS, osmem, use_elasticsearch  # noqa: F401

pytestmark = pytest.mark.django_db

PAGINA = AuditLogEntry.Kanaal.PAGINA
KANALEN = [PAGINA, AuditLogEntry.Kanaal.GRAPHQL]
VERSLAG = collections.Counter()

_GEMEEN = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
# Measured on SQLite on the CI's two cores: the default stays well under 90 s; uitgebreid is the
# long search to run by hand (about thirteen minutes).
PROFIELEN = {
    "standaard": hypothesis_settings(max_examples=10, stateful_step_count=15, **_GEMEEN),
    "uitgebreid": hypothesis_settings(max_examples=100, stateful_step_count=30, **_GEMEEN),
}

# One word in every text that must never be public, and one in every learning: a single query
# then finds any of them, in any state the machine reached.
GEHEIM = "zwavelkwarts"
LEER = "leerkwarts"
# A phone number the personal-data check signals; no other text of the machine holds anything
# it signals, so the machine knows which texts need a confirmation.
PERSOONSGEGEVEN = "06-12345678"
# The words of a report's summary a learning may copy: with the report's number, a passage of
# exactly twelve words (samenwerking/passages.py), and neither the secret word nor a canary.
MELDINGZIN = "de begeleider liet de cliënt tijdens de hele nachtdienst alleen"
ROLLEN = [Lidmaatschap.Rol.COORDINATOR, Lidmaatschap.Rol.DEELNEMER, Lidmaatschap.Rol.MEELEZER]
# The machine's own account of what each role may do, not the product's table.
RECHTEN = {
    Lidmaatschap.Rol.COORDINATOR: {"view", "contribute", "manage"},
    Lidmaatschap.Rol.DEELNEMER: {"view", "contribute"},
    Lidmaatschap.Rol.MEELEZER: {"view"},
}
STAPPEN = [Reikwijdte.TOEZICHTHOUDERS, Reikwijdte.OPENBAAR]
# Who tries a step: 0 the coordinator of both spaces, 1-3 the supervisors the machine invites,
# 4 the supervisor who is never invited.
BUITENSTAANDER = 4
# The coordinator in more than half of the attempts, so that work gets done as well as refused.
DOOR = st.one_of(st.just(0), st.integers(0, BUITENSTAANDER))
# The kinds of text a learning, recommendation or note is written with.
TEKSTEN = st.sampled_from(["eigen", "persoonsgegeven", "kopie"])

# The publication procedure of the seeded framework, in the machine's own terms: the phases an
# investigation goes through and the day each is taken (all before today, within the terms).
BEGIN = date(2026, 3, 2)
CONCEPT, GESTART, WEDERHOOR, DEFINITIEF, REACTIE, ZIENSWIJZE, BESLUIT = range(1, 8)
DAG = {
    GESTART: BEGIN,
    WEDERHOOR: BEGIN + timedelta(days=7),
    DEFINITIEF: BEGIN + timedelta(days=11),
    REACTIE: BEGIN + timedelta(days=14),
    ZIENSWIJZE: BEGIN + timedelta(days=16),
    BESLUIT: BEGIN + timedelta(days=17),
}
VOLGORDE = {WEDERHOOR: 1, DEFINITIEF: 2, REACTIE: 3, ZIENSWIJZE: 4, BESLUIT: 5}
PUBLICATIESTAP = 7


def _committed(func):
    """A step whose commit callbacks run when it ends, as when the request that made the change
    commits: they bring both indexes in step (search/signals.py, search/engine.py). A test's
    transaction never commits; without them the engine would never see the machine's work."""

    @functools.wraps(func)
    def run(self, **arguments):
        VERSLAG[f"stap {func.__name__}"] += 1
        with TestCase.captureOnCommitCallbacks(execute=True):
            return func(self, **arguments)

    return run


def stap(**kwargs):
    return lambda func: rule(**kwargs)(_committed(func))


@contextmanager
def zoeken_op(backend):
    """Search on one backend; the machine's writes go to both."""
    if backend == "elasticsearch":
        yield
        return
    with override_settings(PORTAL_SEARCH={**django_settings.PORTAL_SEARCH, "BACKEND": "database"}):
        yield


def _admitted(queries):
    """The first query the API's cost limit admits: a property of the query alone (portal/
    graphql_limits.py), so it is found once, not asked of the server after every step."""
    from graphql import parse

    from portal.graphql_limits import check_limits
    from portal.schema import schema

    for query in queries:
        if not check_limits(schema.graphql_schema, parse(query)):
            return query
    raise AssertionError(f"Ook de kleinste vraag is te groot: {queries[-1][:80]}")


@functools.cache
def _public_root_queries():
    """(root field, query, variables): every root field an anonymous visitor may ask without an id."""
    from graphql import GraphQLNonNull, get_named_type

    from portal.schema import schema

    queries = []
    for name, field in schema.graphql_schema.query_type.fields.items():
        required = [k for k, a in field.args.items() if isinstance(a.type, GraphQLNonNull)]
        selections = [selection(field.type, max_depth=depth) for depth in (2, 1, 0)]
        if len(required) == 1 and get_named_type(field.args[required[0]].type).name == "String":
            variables = {"v": GEHEIM}
            candidates = [f"query($v: String!) {{ {name}({required[0]}: $v) {sel} }}" for sel in selections]
            queries.append((name, _admitted(candidates), variables))
        elif not required:
            queries.append((name, _admitted([f"{{ {name} {sel} }}" for sel in selections]), {}))
    return queries


# The root fields of the kennisbank's and the map's reference data: municipalities, supervisors,
# their areas and designations, frameworks, norms, terms, forms of supervision and laws. Any
# other root field, a new one too, is asked after every step.
REFERENTIE = {
    "gemeenten",
    "aanwijzingen",
    "aanwijzingsregister",
    "wieHoudtToezicht",
    "toezichthouders",
    "toezichtsgebieden",
    "toezichtkaders",
    "norm",
    "begrippen",
    "toezichtsvormen",
    "wetten",
}
MELDINGEN_VRAAG = "{ meldingen { id samenvatting zelfonderzoek { toelichting } brieven { toelichting } } }"


def _graphql(client, token, query, variables):
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200, response.content[:300]
    return response.content.decode()


def _token(client):
    client.get("/graphql/", HTTP_ACCEPT="text/html")
    return client.cookies["csrftoken"].value


def _txt(inhoud, naam):
    upload = SimpleUploadedFile(naam, inhoud.encode())
    return upload, check_upload(upload)


def _meldingzin(samenvatting):
    """The passage a learning may copy from a summary the machine wrote, or None."""
    match = re.match(rf"(Melding \d+ {MELDINGZIN})", samenvatting)
    return match.group(1) if match else None


class ToezichtMachine(RuleBasedStateMachine):
    onderzoeken = Bundle("onderzoeken")
    meldingen = Bundle("meldingen")
    leerpunten = Bundle("leerpunten")
    opvolgingen = Bundle("opvolgingen")
    leden = Bundle("leden")

    def __init__(self):
        super().__init__()
        self.savepoint = transaction.savepoint()
        with TestCase.captureOnCommitCallbacks(execute=True):
            self._begin()

    def _begin(self):
        self.teller = 0
        self.ruimtes = [RuimteFactory(), RuimteFactory()]
        self.aanbieder = AanbiederFactory()
        self.organisatie = OrganisatieFactory()
        toezichthouders = Group.objects.get(name=TOEZICHTHOUDER)
        self.mensen = [UserFactory() for _ in range(3)]
        for mens in self.mensen:
            mens.groups.add(toezichthouders)
        # A supervisor who is never invited: what they see comes from the recorded decisions only.
        self.buitenstaander = UserFactory()
        self.buitenstaander.groups.add(toezichthouders)
        self.coordinator = UserFactory()
        self.coordinator.groups.add(toezichthouders)
        for ruimte in self.ruimtes:
            Lidmaatschap.objects.create(ruimte=ruimte, gebruiker=self.coordinator, rol=Lidmaatschap.Rol.COORDINATOR)
        self.actoren = [self.coordinator, *self.mensen, self.buitenstaander]
        # (mens, ruimte) -> role: the machine's account of the memberships it granted.
        self.rollen = {}
        self.ingetrokken = set()
        self.kanaal = PAGINA
        # Documents that were ever part of a report, and each investigation's procedure phase.
        self.meldingdocumenten = set()
        self.fase = {}
        self.besluit = {}
        # Pages offered to the kennisbank's editors, not yet published.
        self.aangeboden = set()
        self.index = KennisbankIndexPage.objects.get()
        self.queries = [q for q in _public_root_queries() if q[0] not in REFERENTIE]
        self.referentie = [q for q in _public_root_queries() if q[0] in REFERENTIE]
        self.ronde = 0
        self.clients = {}
        for gebruiker in (*self.mensen, self.buitenstaander):
            client = Client()
            client.force_login(gebruiker)
            self.clients[gebruiker.pk] = (client, _token(client))
        self.sleutels = set(SearchDocument.objects.values_list("key", flat=True))

    def teardown(self):
        nieuw = set(SearchDocument.objects.values_list("key", flat=True)) - self.sleutels
        transaction.savepoint_rollback(self.savepoint)
        # The engine is no part of the savepoint: sending a rolled-back key deletes it there.
        for key in nieuw:
            engine.send(key)

    # The machine's account

    def _tekst(self, woord):
        self.teller += 1
        return f"Tekst {self.teller} {woord} KANARIE-sm-{self.teller}-einde"

    def _alive(self, model, obj):
        return model.objects.filter(pk=obj.pk).exists()

    def _ruimte_van(self, obj):
        ruimte_id = type(obj).objects.filter(pk=obj.pk).values_list("ruimte", flat=True).get()
        return next(i for i, ruimte in enumerate(self.ruimtes) if ruimte.pk == ruimte_id)

    def _mag(self, door, ruimte, actie):
        if door == 0:
            return True
        if door == BUITENSTAANDER:
            return False
        rol = self.rollen.get((door - 1, ruimte))
        return rol is not None and actie in RECHTEN[rol]

    def _leertekst(self, soort, bron=None):
        """A text of a learning: its own words, with a phone number, or copying a report."""
        tekst = self._tekst(LEER)
        if soort == "persoonsgegeven":
            return f"{tekst} Bel {PERSOONSGEGEVEN} voor overleg."
        if soort == "kopie":
            samenvattingen = Melding.objects.filter(pk__in=[bron.pk] if bron else []).values_list(
                "samenvatting", flat=True
            )
            zin = next((z for z in map(_meldingzin, samenvattingen) if z), None)
            if zin:
                return f"{tekst} Overgenomen: {zin}."
        return tekst

    def _meldingzinnen(self):
        return {z for z in map(_meldingzin, Melding.objects.values_list("samenvatting", flat=True)) if z}

    def _teksten_van(self, leerpunt):
        teksten = [leerpunt.titel, leerpunt.tekst, *leerpunt.aanbevelingen.values_list("tekst", flat=True)]
        teksten += Opvolging.objects.filter(aanbeveling__leerpunt=leerpunt).values_list("toelichting", flat=True)
        return teksten

    def _kopieert(self, teksten):
        zinnen = self._meldingzinnen()
        return any(zin in tekst for tekst in teksten for zin in zinnen)

    def _toestand(self):
        """Everything a refused attempt must leave as it was."""
        return (
            list(Leerpunt.objects.order_by("pk").values_list("pk", "ruimte", "reikwijdte", "titel", "tekst", "pagina")),
            list(LeerpuntVerruiming.objects.order_by("pk").values_list("pk", "leerpunt", "naar")),
            list(Aanbeveling.objects.order_by("pk").values_list("pk", "tekst")),
            list(Opvolging.objects.order_by("pk").values_list("pk", "status", "datum", "toelichting")),
            list(Melding.objects.order_by("pk").values_list("pk", "ruimte", "status", "samenvatting")),
            list(Zelfonderzoek.objects.order_by("pk").values_list("pk", "melding", "document")),
            list(MeldingBrief.objects.order_by("pk").values_list("pk", "melding", "document")),
            list(
                Onderzoek.objects.order_by("pk").values_list(
                    "pk", "ruimte", "status", "rapport_concept", "rapport_definitief", "publicatie"
                )
            ),
            list(Procedurestap.objects.order_by("pk").values_list("pk", "afgerond_op", "besluit", "uitstel_tot")),
            list(Lidmaatschap.objects.order_by("pk").values_list("pk", "ruimte", "gebruiker", "rol")),
            Page.objects.count(),
        )

    def _poging(self, mag, redenen, actie, kanaal=None):
        """Run `actie` as the machine predicts it: refused with PermissionDenied when the actor
        may not, refused with a ValidationError naming one of `redenen` when it must be, and then
        with nothing changed; else it must succeed, and its result is returned."""
        # What happened, by step: printed at the end of the run (pytest -s).
        naam = sys._getframe(1).f_code.co_name.lstrip("_")
        if mag and not redenen:
            VERSLAG[f"{naam}: gedaan"] += 1
            return actie()
        voor = self._toestand()
        geweigerd = AuditLogEntry.objects.filter(actie=AuditLogEntry.Actie.GEWEIGERD).count()
        with pytest.raises((PermissionDenied, ValidationError)) as exc:
            actie()
        if not mag:
            assert isinstance(exc.value, PermissionDenied), exc.value
            # One refusal in the audit log, on the channel the attempt came through, once the
            # atomic blocks it happened in are left (as the middleware writes it).
            refusals.flush()
            rijen = AuditLogEntry.objects.filter(actie=AuditLogEntry.Actie.GEWEIGERD).order_by("-pk")
            assert rijen.count() == geweigerd + 1
            assert rijen.values_list("kanaal", flat=True).first() == (kanaal or self.kanaal)
            VERSLAG[f"{naam}: geweigerd, geen recht"] += 1
        else:
            assert isinstance(exc.value, ValidationError), exc.value
            tekst = " ".join(exc.value.messages)
            assert any(reden in tekst for reden in redenen), (redenen, tekst)
            VERSLAG[f"{naam}: geweigerd, {' / '.join(redenen)}"] += 1
        assert self._toestand() == voor
        return None

    # Creating

    @initialize(target=leerpunten)
    @_committed
    def eerste_leerpunt(self):
        """Every example starts with a learning and an investigation: widening, publishing and
        the publication procedure are then within the reach of the few steps an example has."""
        return leerpunten.create_leerpunt(
            self.coordinator, self.ruimtes[0], PAGINA, {"titel": "Leerpunt", "tekst": self._tekst(LEER)}
        )

    @initialize(target=onderzoeken)
    @_committed
    def eerste_onderzoek(self):
        return self._maak_onderzoek(0, 0)

    @initialize(
        target=leden, rollen=st.lists(st.sampled_from(ROLLEN), min_size=3, max_size=3), kanaal=st.sampled_from(KANALEN)
    )
    @_committed
    def eerste_leden(self, rollen, kanaal):
        """The three supervisors invited to the first space, each in a role of its own: their
        attempts then succeed or are refused from the first step on. The example's steps come
        through the pages or the API (the channel the audit log records); a widening always
        through the page, the only way to make a learning public."""
        self.kanaal = kanaal
        leden = []
        for mens, rol in enumerate(rollen):
            leden.append(self._nodig_uit(0, mens, 0, rol))
        return multiple(*leden)

    def _gemaakt(self, obj):
        """A refused creation adds nothing for later steps to work on."""
        return multiple() if obj is None else obj

    def _maak_onderzoek(self, door, ruimte):
        data = {
            "kader": seeded_kader(),
            "toezichtsvorm": seeded_toezichtsvorm(),
            "titel": f"Onderzoek {self.teller}",
            "aanleiding": self._tekst("onderzoek"),
            "status": Onderzoek.Status.VOORBEREIDING,
            "aanbieders": [self.aanbieder],
        }
        user = self.actoren[door]
        onderzoek = self._poging(
            self._mag(door, ruimte, "contribute"),
            [],
            lambda: onderzoek_acties.create_onderzoek(
                user, self.ruimtes[ruimte], self.kanaal, data, seeded_normen(aantal=1)
            ),
        )
        if onderzoek is not None:
            self.fase[onderzoek.pk] = 0
        return self._gemaakt(onderzoek)

    @stap(target=onderzoeken, door=DOOR, ruimte=st.integers(0, 1))
    def maak_onderzoek(self, door, ruimte):
        return self._maak_onderzoek(door, ruimte)

    @stap(target=meldingen, door=DOOR, ruimte=st.integers(0, 1), dagen=st.integers(0, 10))
    def maak_melding(self, door, ruimte, dagen):
        self.teller += 1
        gebeurtenis = date(2026, 10, 1) + timedelta(days=dagen)
        data = {
            "soort": Melding.Soort.CALAMITEIT,
            "aanbieder": self.aanbieder,
            "datum_gebeurtenis": gebeurtenis,
            "datum_gemeld": gebeurtenis + timedelta(days=dagen % 4),
            "samenvatting": f"Melding {self.teller} {MELDINGZIN}. {GEHEIM} KANARIE-sm-{self.teller}-einde",
            # A name the personal-data check knows from now on; no text of a learning holds it.
            "betrokkenen": f"{GEHEIM.capitalize()} Betrokkene{self.teller}",
        }
        mag = self._mag(door, ruimte, "contribute")
        user = self.actoren[door]
        return self._gemaakt(
            self._poging(mag, [], lambda: melding_acties.create_report(user, self.ruimtes[ruimte], self.kanaal, data))
        )

    def _meldingdocument(self, melding):
        """A document of the report's space, uploaded as the coordinator does before the step."""
        ruimte = self.ruimtes[self._ruimte_van(melding)]
        naam = self._tekst(GEHEIM)
        upload, checked = _txt(f"{naam} inhoud van het document\n", "zelfonderzoek.txt")
        document = actions.upload_document(self.coordinator, ruimte, PAGINA, upload, checked, naam=naam)
        return document

    @stap(melding=meldingen, door=DOOR, met_document=st.booleans())
    def ontvang_zelfonderzoek(self, melding, door, met_document):
        if not self._alive(Melding, melding):
            return
        document = self._meldingdocument(melding) if met_document else None
        melding.refresh_from_db()
        mag = self._mag(door, self._ruimte_van(melding), "contribute")
        redenen = [] if melding.status in melding_acties.VOOR_ZELFONDERZOEK else ["al ontvangen", "afgesloten"]
        user = self.actoren[door]
        ontvangen = melding.datum_gemeld + timedelta(days=3)
        uitkomst = self._poging(
            mag,
            redenen,
            lambda: melding_acties.receive_self_investigation(
                user, melding, self.kanaal, ontvangen, document, self._tekst(GEHEIM)
            ),
        )
        if uitkomst is not None:
            assert uitkomst.status == Melding.Status.BEOORDELING
            if document is not None:
                self.meldingdocumenten.add(document.pk)

    @stap(melding=meldingen, door=DOOR, beoordeling=st.sampled_from(Melding.Beoordeling.values))
    def beoordeel(self, melding, door, beoordeling):
        if not self._alive(Melding, melding):
            return
        melding.refresh_from_db()
        mag = self._mag(door, self._ruimte_van(melding), "contribute")
        redenen = (
            []
            if melding.status == Melding.Status.BEOORDELING
            else ["nog niet ontvangen", "al beoordeeld", "afgesloten"]
        )
        user = self.actoren[door]
        uitkomst = self._poging(
            mag,
            redenen,
            lambda: melding_acties.assess(
                user, melding, self.kanaal, beoordeling, self._tekst(GEHEIM), melding.datum_gemeld + timedelta(days=5)
            ),
        )
        if uitkomst is not None:
            assert uitkomst.status == Melding.Status.OPVOLGING

    @stap(melding=meldingen, door=DOOR, soort=st.sampled_from(MeldingBrief.Soort.values), met_document=st.booleans())
    def stuur_brief(self, melding, door, soort, met_document):
        if not self._alive(Melding, melding):
            return
        document = self._meldingdocument(melding) if met_document else None
        melding.refresh_from_db()
        mag = self._mag(door, self._ruimte_van(melding), "contribute")
        redenen = [] if melding.status == Melding.Status.OPVOLGING else ["Eerst wordt", "afgesloten"]
        user = self.actoren[door]
        uitkomst = self._poging(
            mag,
            redenen,
            lambda: melding_acties.send_letter(
                user,
                melding,
                self.kanaal,
                soort,
                melding.datum_gemeld + timedelta(days=7),
                [],
                document,
                self._tekst(GEHEIM),
            ),
        )
        if uitkomst is not None:
            afsluiting = soort == MeldingBrief.Soort.AFSLUITING
            assert uitkomst.status == (Melding.Status.AFGESLOTEN if afsluiting else Melding.Status.OPVOLGING)
            if document is not None:
                self.meldingdocumenten.add(document.pk)

    @stap(melding=meldingen, door=DOOR)
    def verleng(self, melding, door):
        if not self._alive(Melding, melding):
            return
        melding.refresh_from_db()
        mag = self._mag(door, self._ruimte_van(melding), "contribute")
        redenen = [] if melding.status in melding_acties.VOOR_ZELFONDERZOEK else ["al ontvangen", "afgesloten"]
        user = self.actoren[door]
        nieuw = melding.zelfonderzoek_uiterlijk + timedelta(days=10)
        self._poging(
            mag, redenen, lambda: melding_acties.extend(user, melding, self.kanaal, nieuw, "Ziekte bij de aanbieder.")
        )

    @stap(target=leerpunten, door=DOOR, ruimte=st.integers(0, 1), bron=st.one_of(st.none(), meldingen), soort=TEKSTEN)
    def maak_leerpunt(self, door, ruimte, bron, soort):
        melding = bron if bron is not None and self._alive(Melding, bron) else None
        data = {"titel": f"Leerpunt {self.teller}", "tekst": self._leertekst(soort, melding), "melding": melding}
        mag = self._mag(door, ruimte, "contribute")
        user = self.actoren[door]
        return self._gemaakt(
            self._poging(mag, [], lambda: leerpunten.create_leerpunt(user, self.ruimtes[ruimte], self.kanaal, data))
        )

    # Editing and moving

    @stap(melding=meldingen)
    def wijzig_melding(self, melding):
        """No service edits a report's summary; an edit through the model changes what a
        learning may not copy."""
        if melding is not None and self._alive(Melding, melding):
            melding.refresh_from_db()
            self.teller += 1
            melding.samenvatting = f"Melding {self.teller} {MELDINGZIN}. {GEHEIM} KANARIE-sm-{self.teller}-einde"
            melding.save()

    @stap(leerpunt=leerpunten, door=DOOR, soort=TEKSTEN, bron=st.one_of(st.none(), meldingen))
    def wijzig_leerpunt(self, leerpunt, door, soort, bron):
        if not self._alive(Leerpunt, leerpunt):
            return
        leerpunt.refresh_from_db()
        mag = self._mag(door, self._ruimte_van(leerpunt), "contribute")
        redenen = [] if leerpunt.reikwijdte == Reikwijdte.RUIMTE else ["niet meer gewijzigd"]
        melding = bron if bron is not None and self._alive(Melding, bron) else None
        data = {"titel": leerpunt.titel, "tekst": self._leertekst(soort, melding), "melding": leerpunt.melding}
        user = self.actoren[door]
        self._poging(mag, redenen, lambda: leerpunten.update_leerpunt(user, leerpunt, self.kanaal, data))

    @stap(obj=st.one_of(onderzoeken, meldingen, leerpunten), ruimte=st.integers(0, 1))
    def verplaats(self, obj, ruimte):
        """No service moves an object between spaces: an update, and the object indexed again
        as an action that moved it would."""
        model = type(obj)
        if self._alive(model, obj):
            model.objects.filter(pk=obj.pk).update(ruimte=self.ruimtes[ruimte])
            obj.refresh_from_db()
            index_instance(obj)

    # Members

    @stap(target=leden, door=DOOR, mens=st.integers(0, 2), ruimte=st.integers(0, 1), rol=st.sampled_from(ROLLEN))
    def nodig_uit(self, door, mens, ruimte, rol):
        return self._gemaakt(self._nodig_uit(door, mens, ruimte, rol))

    def _nodig_uit(self, door, mens, ruimte, rol):
        mag = self._mag(door, ruimte, "manage")
        redenen = ["al lid"] if (mens, ruimte) in self.rollen else []
        user = self.actoren[door]
        email = self.mensen[mens].email
        lid = self._poging(
            mag, redenen, lambda: actions.invite(user, self.ruimtes[ruimte], self.kanaal, rol, email=email)
        )
        if lid is not None:
            assert isinstance(lid, Lidmaatschap) and lid.rol == rol
            self.rollen[(mens, ruimte)] = rol
            self.ingetrokken.discard((mens, ruimte))
        return lid

    def _lid_van(self, lid):
        mens = next(i for i, m in enumerate(self.mensen) if m.pk == lid.gebruiker_id)
        ruimte = next(i for i, r in enumerate(self.ruimtes) if r.pk == lid.ruimte_id)
        return mens, ruimte

    @stap(lid=leden, door=DOOR, rol=st.sampled_from(ROLLEN))
    def wijzig_rol(self, lid, door, rol):
        if not self._alive(Lidmaatschap, lid):
            return
        lid.refresh_from_db()
        mens, ruimte = self._lid_van(lid)
        user = self.actoren[door]
        if self._poging(
            self._mag(door, ruimte, "manage"), [], lambda: actions.change_role(user, lid, self.kanaal, rol)
        ):
            self.rollen[(mens, ruimte)] = rol

    @stap(lid=consumes(leden), door=DOOR)
    def trek_in(self, lid, door):
        if not self._alive(Lidmaatschap, lid):
            return
        lid.refresh_from_db()
        mens, ruimte = self._lid_van(lid)
        mag = self._mag(door, ruimte, "manage")
        user = self.actoren[door]
        self._poging(mag, [], lambda: actions.remove_member(user, lid, self.kanaal))
        if mag:
            del self.rollen[(mens, ruimte)]
            self.ingetrokken.add((mens, ruimte))

    # Widening a learning, its recommendations and their follow-up

    @stap(leerpunt=leerpunten, door=DOOR, bevestig=st.booleans(), nieuwe_tekst=st.booleans())
    def verruim(self, leerpunt, door, bevestig, nieuwe_tekst):
        self._verruim(leerpunt, door, bevestig, "Zonder persoonsgegevens.", nieuwe_tekst, overslaan=False)

    @stap(
        leerpunt=leerpunten,
        door=DOOR,
        reden=st.sampled_from(["Zonder persoonsgegevens.", "  "]),
        overslaan=st.booleans(),
    )
    def verruim_anders(self, leerpunt, door, reden, overslaan):
        """A widening that skips a step (to public at once), goes past public, or gives no reasons."""
        self._verruim(leerpunt, door, True, reden, False, overslaan=overslaan)

    def _verruim(self, leerpunt, door, bevestig, reden, nieuwe_tekst, overslaan):
        """A coordinator's decision through the page's service, the text edited in the decision
        or not, every signal of the check confirmed or none. Refused: by anyone else, a step
        skipped or past public, without reasons, with an unconfirmed signal, or with a passage
        of a report's text anywhere in what would reach wider."""
        if not self._alive(Leerpunt, leerpunt):
            return
        leerpunt.refresh_from_db()
        volgende = leerpunt.volgende_reikwijdte()
        naar = Reikwijdte.OPENBAAR if overslaan or volgende is None else volgende
        tekst = self._tekst(LEER) if nieuwe_tekst else leerpunt.tekst
        teksten = [leerpunt.titel, tekst, *self._teksten_van(leerpunt)[2:]]
        signalen = [s for s in leerpunten.signalen_voor(leerpunt, tekst)]
        persoonlijk = any(PERSOONSGEGEVEN in t for t in teksten)
        # The check signals exactly what the machine wrote, nothing else.
        assert {s.fragment for s in signalen} == ({PERSOONSGEGEVEN} if persoonlijk else set()), signalen
        bevestigd = (
            [
                {
                    "veld": s.veld,
                    "plaats": str(s.plaats),
                    "soort": s.soort,
                    "fragment": s.fragment,
                    "begin": s.begin,
                    "eind": s.eind,
                }
                for s in signalen
            ]
            if bevestig
            else []
        )
        redenen = []
        if naar != volgende:
            redenen.append("stap voor stap")
        if not reden.strip():
            redenen.append("waarom")
        if persoonlijk and not bevestig:
            redenen.append("Niet elk mogelijk persoonsgegeven")
        if self._kopieert(teksten):
            redenen.append("letterlijk tekst over uit een melding")
        mag = self._mag(door, self._ruimte_van(leerpunt), "manage")
        user = self.actoren[door]
        verruiming = self._poging(
            mag,
            redenen,
            lambda: leerpunten.verruim_leerpunt(
                user, leerpunt, PAGINA, naar=naar, reden=reden, tekst=tekst, bevestigde_signalen=bevestigd
            ),
            kanaal=PAGINA,
        )
        if verruiming is not None:
            leerpunt.refresh_from_db()
            assert leerpunt.reikwijdte == naar and leerpunt.tekst == tekst
            if naar == Reikwijdte.OPENBAAR:
                # Offered to the editors, not public until they publish.
                assert leerpunt.pagina is not None and not leerpunt.pagina.live
                self.aangeboden.add(leerpunt.pagina_id)

    def _toevoeging_redenen(self, leerpunt, tekst, bevestig):
        if leerpunt.reikwijdte == Reikwijdte.RUIMTE:
            return []
        redenen = []
        if self._kopieert([tekst]):
            redenen.append("letterlijk tekst over uit een melding")
        if PERSOONSGEGEVEN in tekst and not bevestig:
            redenen.append("al buiten de ruimte zichtbaar")
        return redenen

    @stap(target=opvolgingen, leerpunt=leerpunten, door=DOOR, soort=TEKSTEN, bevestig=st.booleans())
    def voeg_aanbeveling_toe(self, leerpunt, door, soort, bevestig):
        if not self._alive(Leerpunt, leerpunt):
            return multiple()
        leerpunt.refresh_from_db()
        tekst = self._leertekst(soort, leerpunt.melding)
        mag = self._mag(door, self._ruimte_van(leerpunt), "contribute")
        redenen = self._toevoeging_redenen(leerpunt, tekst, bevestig)
        user = self.actoren[door]
        bevestigd = [PERSOONSGEGEVEN] if bevestig else []
        aanbeveling = self._poging(
            mag,
            redenen,
            lambda: leerpunten.add_aanbeveling(user, leerpunt, self.kanaal, tekst, [self.organisatie], bevestigd),
        )
        return aanbeveling.opvolgingen.get() if aanbeveling is not None else multiple()

    @stap(
        opvolging=opvolgingen,
        door=DOOR,
        soort=TEKSTEN,
        bevestig=st.booleans(),
        status=st.sampled_from(Opvolging.Status.values),
    )
    def volg_op(self, opvolging, door, soort, bevestig, status):
        if not self._alive(Opvolging, opvolging):
            return
        opvolging.refresh_from_db()
        leerpunt = opvolging.aanbeveling.leerpunt
        tekst = self._leertekst(soort, leerpunt.melding)
        mag = self._mag(door, self._ruimte_van(leerpunt), "contribute")
        redenen = self._toevoeging_redenen(leerpunt, tekst, bevestig)
        user = self.actoren[door]
        bevestigd = [PERSOONSGEGEVEN] if bevestig else []
        self._poging(
            mag,
            redenen,
            lambda: leerpunten.update_opvolging(
                user, opvolging, self.kanaal, status, date(2026, 11, 2), tekst, bevestigd
            ),
        )

    @precondition(lambda self: self.aangeboden)
    @stap(keuze=st.integers(0, 9))
    def redactie_publiceert(self, keuze):
        """An editor approves a page a widening or the procedure offered: the learning is then
        public, the investigation's report published."""
        pagina = Page.objects.get(pk=sorted(self.aangeboden)[keuze % len(self.aangeboden)])
        self.aangeboden.discard(pagina.pk)
        pagina.specific.save_revision().publish()
        VERSLAG["redactie_publiceert: gedaan"] += 1

    @stap(leerpunt=leerpunten, live=st.booleans())
    def publiceer_leerpunt(self, leerpunt, live):
        """A kennisbank page linked to a learning without the decision to make it public must
        change nothing of who sees the learning (the invariants check it)."""
        if not self._alive(Leerpunt, leerpunt):
            return
        leerpunt.refresh_from_db()
        if leerpunt.pagina_id:
            return
        self.teller += 1
        pagina = PublicatiePage(title=f"Leerpunt {self.teller}", slug=f"sm-leerpunt-{self.teller}", live=live)
        self.index.add_child(instance=pagina)
        # Linked by a queryset update, as verruim_leerpunt does; there the widening's own signal
        # indexes the learning again, here nothing does.
        Leerpunt.objects.filter(pk=leerpunt.pk).update(pagina=pagina)
        index_instance(leerpunt)

    # Publication attempts of what is never public

    @stap(leerpunt=leerpunten, melding=meldingen, aanbeveling=st.booleans(), door=DOOR)
    def plak_meldingtekst(self, leerpunt, melding, aanbeveling, door):
        """A report's passage pasted into a learning while it is in its space (its text, or a
        recommendation), then an attempt to widen it: refused while the report says it."""
        if not (self._alive(Leerpunt, leerpunt) and self._alive(Melding, melding)):
            return
        leerpunt.refresh_from_db()
        if leerpunt.reikwijdte != Reikwijdte.RUIMTE:
            return
        tekst = self._leertekst("kopie", melding)
        if aanbeveling:
            leerpunten.add_aanbeveling(self.coordinator, leerpunt, self.kanaal, tekst, [self.organisatie])
        else:
            data = {"titel": leerpunt.titel, "tekst": tekst, "melding": leerpunt.melding}
            leerpunten.update_leerpunt(self.coordinator, leerpunt, self.kanaal, data)
        self._verruim(leerpunt, door, True, "Zonder persoonsgegevens.", False, overslaan=False)

    @stap(melding=meldingen)
    def publiceer_melding(self, melding):
        if not self._alive(Melding, melding):
            return
        delen = [melding, *Zelfonderzoek.objects.filter(melding=melding), *MeldingBrief.objects.filter(melding=melding)]
        delen += list(Document.objects.filter(pk__in=self.meldingdocumenten))
        for deel in delen:
            with pytest.raises(NooitOpenbaar):
                weiger_openbaarmaking(deel)

    # The publication procedure of an investigation's report

    def _rapport(self, onderzoek, meldingdocument, naam):
        """A report for the procedure: a document of the investigation's space, or one that
        belongs to a calamity report, of that space (which the publication must then refuse)
        or else of the other (which the procedure refuses at once)."""
        if meldingdocument:
            bestaand = (
                Document.objects.filter(pk__in=self.meldingdocumenten)
                .order_by(Case(When(ruimte=onderzoek.ruimte_id, then=0), default=1), "pk")
                .first()
            )
            if bestaand is not None:
                return bestaand
        upload, checked = _txt(f"{naam} van het onderzoek, in eigen woorden.\n", "rapport.txt")
        return actions.upload_document(self.coordinator, onderzoek.ruimte, PAGINA, upload, checked, naam=naam)

    @stap(
        onderzoek=onderzoeken,
        door=DOOR,
        # The whole procedure by default: the publication is then within an example's reach.
        stappen=st.sampled_from([8, 1, 2, 4]),
        meldingdocument=st.booleans(),
        niet_openbaar=st.booleans(),
        uitstel=st.booleans(),
    )
    def procedure_vooruit(self, onderzoek, door, stappen, meldingdocument, niet_openbaar, uitstel):
        """Up to `stappen` steps of the procedure, each through its service as the report page
        takes it: the concept, the start, each step completed on its day (the definitive report
        with it, the zienswijze perhaps extended first, the decision either way). A step out of
        order is refused on the way."""
        if not self._alive(Onderzoek, onderzoek):
            return
        for _ in range(stappen):
            onderzoek.refresh_from_db()
            fase = self.fase[onderzoek.pk]
            if fase >= BESLUIT:
                return
            user = self.actoren[door]
            mag = self._mag(door, self._ruimte_van(onderzoek), "contribute")
            if fase == 0:
                rapport = self._rapport(onderzoek, meldingdocument, "Conceptrapport")
                actie = functools.partial(procedure.kies_concept, user, onderzoek, rapport, self.kanaal)
                redenen = ["van deze ruimte"] if rapport.ruimte_id != onderzoek.ruimte_id else []
            elif fase == CONCEPT:
                actie = functools.partial(procedure.start, user, onderzoek, DAG[GESTART], self.kanaal)
                redenen = []
            else:
                volgende = fase + 1
                redenen = []
                volgorde = VOLGORDE[volgende]
                if mag:
                    self._poging(
                        True,
                        ["niet aan de beurt"],
                        functools.partial(
                            procedure.afronden, user, onderzoek, volgorde + 2, self.kanaal, datum=DAG[volgende]
                        ),
                    )
                extra = {}
                if volgende == DEFINITIEF:
                    extra["document"] = self._rapport(onderzoek, meldingdocument, "Definitief rapport")
                    if extra["document"].ruimte_id != onderzoek.ruimte_id:
                        redenen = ["van deze ruimte"]
                if volgende == REACTIE:
                    extra["reactie"] = "De aanbieder herkent de bevindingen."
                if volgende == ZIENSWIJZE:
                    extra["toelichting"] = "Zienswijze ontvangen."
                    if uitstel and mag:
                        lopend = Procedurestap.objects.get(onderzoek=onderzoek, volgorde=volgorde)
                        procedure.uitstel(
                            user,
                            onderzoek,
                            volgorde,
                            self.kanaal,
                            tot=lopend.termijn + timedelta(days=7),
                            reden="Ziekte.",
                        )
                if volgende == BESLUIT:
                    if niet_openbaar:
                        extra.update(besluit=Procedurestap.Besluit.NIET_OPENBAAR, motivering="Zwaarwegende redenen.")
                    else:
                        extra["besluit"] = Procedurestap.Besluit.OPENBAAR
                actie = functools.partial(
                    procedure.afronden, user, onderzoek, volgorde, self.kanaal, datum=DAG[volgende], **extra
                )
            if self._poging(mag, redenen, actie) is None:
                return
            self.fase[onderzoek.pk] = fase + 1
            if fase + 1 == BESLUIT:
                self.besluit[onderzoek.pk] = "niet" if niet_openbaar else "openbaar"

    @stap(onderzoek=onderzoeken, door=DOOR, te_vroeg=st.booleans(), zelf_gekozen=st.booleans())
    def publiceer_onderzoek(self, onderzoek, door, te_vroeg, zelf_gekozen):
        """Offering the report for publication, at any moment: refused before the publication
        step's date, before its turn, after a decision not to publish, twice, and whenever the
        report is a document of a calamity report. Mostly the investigation furthest in its
        procedure, so that the publication's own rules are reached."""
        if not zelf_gekozen:
            gevorderd = [pk for pk, fase in sorted(self.fase.items()) if fase == BESLUIT]
            onderzoek = Onderzoek.objects.filter(pk__in=gevorderd).order_by("publicatie", "pk").first() or onderzoek
        if not self._alive(Onderzoek, onderzoek):
            return
        onderzoek.refresh_from_db()
        publicatie = Procedurestap.objects.filter(onderzoek=onderzoek, volgorde=PUBLICATIESTAP).first()
        vandaag = date(2026, 11, 30)
        redenen = []
        if {onderzoek.rapport_concept_id, onderzoek.rapport_definitief_id} & self.meldingdocumenten:
            redenen.append("hoort bij een melding")
        if self.besluit.get(onderzoek.pk) == "niet":
            redenen.append("Besloten is om het rapport")
        if onderzoek.publicatie_id:
            redenen.append("al aangeboden")
        if publicatie is None:
            redenen.append("niet aan de beurt")
        elif te_vroeg:
            assert publicatie.vroegst_op >= DAG[BESLUIT] + timedelta(days=14)
            vandaag = publicatie.vroegst_op - timedelta(days=1)
            redenen.append("niet eerder dan")
        else:
            vandaag = publicatie.vroegst_op
        mag = self._mag(door, self._ruimte_van(onderzoek), "contribute")
        user = self.actoren[door]
        pagina = self._poging(mag, redenen, lambda: procedure.publiceer(user, onderzoek, self.kanaal, vandaag=vandaag))
        if pagina is not None:
            assert not PublicatiePage.objects.get(pk=pagina.pk).live
            self.aangeboden.add(pagina.pk)

    def _onpubliceerbaar(self):
        """The investigations whose report may never be published: decided so, or a document of
        a calamity report chosen as its report."""
        return sorted(
            Onderzoek.objects.filter(
                Q(pk__in=[pk for pk, besluit in self.besluit.items() if besluit == "niet"])
                | Q(rapport_concept__in=self.meldingdocumenten)
                | Q(rapport_definitief__in=self.meldingdocumenten)
            ).values_list("pk", flat=True)
        )

    @precondition(lambda self: self._onpubliceerbaar())
    @stap(keuze=st.integers(0, 9))
    def koppel_publicatie(self, keuze):
        """A page attached to an investigation whose report may not be published, bypassing the
        procedure: the model refuses it whichever path sets it."""
        kandidaten = self._onpubliceerbaar()
        onderzoek = Onderzoek.objects.get(pk=kandidaten[keuze % len(kandidaten)])
        self.teller += 1
        pagina = PublicatiePage(title=f"Rapport {self.teller}", slug=f"sm-rapport-{self.teller}", live=False)
        self.index.add_child(instance=pagina)
        voor = Onderzoek.objects.filter(pk=onderzoek.pk).values_list("publicatie", flat=True).get()
        onderzoek.publicatie = pagina
        with pytest.raises(NooitOpenbaar):
            onderzoek.save()
        assert Onderzoek.objects.filter(pk=onderzoek.pk).values_list("publicatie", flat=True).get() == voor
        VERSLAG["koppel_publicatie: geweigerd"] += 1

    # Deleting

    @stap(obj=consumes(onderzoeken))
    def verwijder_onderzoek(self, obj):
        self._verwijder(Onderzoek, obj)

    @stap(obj=consumes(meldingen))
    def verwijder_melding(self, obj):
        self._verwijder(Melding, obj)

    @stap(obj=consumes(leerpunten))
    def verwijder_leerpunt(self, obj):
        self._verwijder(Leerpunt, obj)

    def _verwijder(self, model, obj):
        found = model.objects.filter(pk=obj.pk).first()
        if found is not None:
            found.delete()

    # Invariants

    @invariant()
    def leerpunten_niet_breder_dan_besloten(self):
        besloten = {}
        for leerpunt_id, naar in LeerpuntVerruiming.objects.order_by("op", "pk").values_list("leerpunt", "naar"):
            besloten[leerpunt_id] = naar
        for leerpunt in Leerpunt.objects.all():
            assert leerpunt.reikwijdte == besloten.get(leerpunt.pk, Reikwijdte.RUIMTE)
        openbaar = {
            pk
            for pk, naar in besloten.items()
            if naar == Reikwijdte.OPENBAAR and Leerpunt.objects.filter(pk=pk, pagina__live=True).exists()
        }
        breed = {pk for pk, naar in besloten.items() if naar in STAPPEN}
        for gebruiker, verwacht in ((AnonymousUser(), openbaar), (self.buitenstaander, breed)):
            assert set(Leerpunt.objects.viewable_by_user(gebruiker).values_list("pk", flat=True)) == verwacht
            # Found exactly as far: an index that lags behind a step fails here on either backend.
            for backend in BACKENDS:
                with zoeken_op(backend):
                    outcome = search(LEER, gebruiker, per_pagina=50)
                assert outcome.backend == backend
                gevonden = {r.key for r in outcome.resultaten if r.key.startswith("samenwerking.leerpunt:")}
                assert gevonden == {f"samenwerking.leerpunt:{pk}" for pk in verwacht}, (backend, gebruiker)

    @invariant()
    def leden_zien_precies_hun_ruimtes(self):
        """The never-invited supervisor, a revoked member and every member see, find and can ask
        the API for exactly the reports of the spaces they are a member of now."""
        leden = Lidmaatschap.objects.filter(gebruiker__in=self.mensen).values_list("gebruiker", "ruimte", "rol")
        assert set(leden) == {
            (self.mensen[mens].pk, self.ruimtes[ruimte].pk, rol) for (mens, ruimte), rol in self.rollen.items()
        }
        # Said outright for who was revoked: nothing of that space, unless invited again.
        for mens, ruimte in self.ingetrokken:
            zichtbaar = Melding.objects.viewable_by_user(self.mensen[mens])
            assert not zichtbaar.filter(ruimte=self.ruimtes[ruimte]).exists()
        personen = [(self.buitenstaander, set())]
        for nummer, mens in enumerate(self.mensen):
            personen.append((mens, {self.ruimtes[r].pk for (m, r) in self.rollen if m == nummer}))
        for gebruiker, ruimtes in personen:
            verwacht = set(Melding.objects.filter(ruimte__in=ruimtes).values_list("pk", flat=True))
            assert set(Melding.objects.viewable_by_user(gebruiker).values_list("pk", flat=True)) == verwacht
            for backend in BACKENDS:
                with zoeken_op(backend):
                    outcome = search(GEHEIM, gebruiker, per_pagina=50)
                assert outcome.backend == backend
                gevonden = {r.key for r in outcome.resultaten if r.key.startswith("samenwerking.melding:")}
                assert gevonden == {f"samenwerking.melding:{pk}" for pk in verwacht}, (backend, gebruiker)
            client, token = self.clients[gebruiker.pk]
            antwoord = json.loads(_graphql(client, token, MELDINGEN_VRAAG, {}))
            assert "errors" not in antwoord, antwoord
            assert {int(m["id"]) for m in antwoord["data"]["meldingen"]} == verwacht

    @invariant()
    def niets_vertrouwelijks_openbaar(self):
        anoniem = AnonymousUser()
        for model in (Melding, Zelfonderzoek, MeldingBrief, Onderzoek):
            assert not model.objects.viewable_by_user(anoniem).exists()
        # Every change reached the engine: none is queued to be sent later.
        assert not PendingIndexUpdate.objects.exists()
        client = Client()
        bodies = [client.get(self.index.url).content.decode()]
        token = _token(client)
        for backend in BACKENDS:
            with zoeken_op(backend):
                outcome = search(GEHEIM, anoniem)
                assert outcome.backend == backend
                assert not any(GEHEIM in repr(r) for r in outcome.resultaten), (backend, outcome.resultaten)
                assert GEHEIM not in outcome.suggestie
                bodies.append(client.get("/zoeken/", {"q": GEHEIM}).content.decode())
                bodies.append(client.get("/zoeken/suggesties/", {"q": GEHEIM[:6]}).content.decode())
                for name, query, variables in self.queries:
                    # The other root fields do not search: asked once, on the engine.
                    if name == "zoeken" or backend == "elasticsearch":
                        bodies.append(_graphql(client, token, query, variables))
        # The reference data read nothing the machine writes: one field in turn after each step.
        self.ronde += 1
        name, query, variables = self.referentie[self.ronde % len(self.referentie)]
        bodies.append(_graphql(client, token, query, variables))
        geheim = self._geheime_teksten()
        for body in bodies:
            for tekst in geheim:
                assert tekst not in body

    def _geheime_teksten(self):
        teksten = set()
        for rij in Melding.objects.values_list("samenvatting", "betrokkenen", "beoordeling_toelichting"):
            teksten.update(rij)
        teksten.update(Zelfonderzoek.objects.values_list("toelichting", flat=True))
        teksten.update(MeldingBrief.objects.values_list("toelichting", flat=True))
        teksten.update(Document.objects.filter(naam__contains=GEHEIM).values_list("naam", flat=True))
        # The machine's texts by their canary, what a leak would carry however it is cut off; the
        # seeded demo report's text whole.
        return {
            (re.search(r"KANARIE-sm-\d+-einde", tekst) or re.match(r".*", tekst, re.S)).group(0)
            for tekst in teksten
            if tekst
        }


def _profiel():
    naam = os.environ.get("HYPOTHESIS_PROFILE", "standaard")
    if naam not in PROFIELEN:
        raise pytest.UsageError(f"HYPOTHESIS_PROFILE={naam}: kies uit {', '.join(PROFIELEN)}")
    return PROFIELEN[naam]


def test_toezicht_state_machine(db, settings, osmem):  # noqa: F811
    # One index for the whole machine, filled once from the seeded database index.
    es = use_elasticsearch(settings, osmem.url)
    try:
        VERSLAG.clear()
        run_state_machine_as_test(ToezichtMachine, settings=_profiel())
        print("\n".join(f"{aantal:5d}  {regel}" for regel, aantal in sorted(VERSLAG.items())))
    finally:
        es.reset_breaker()
        es.client.indices.delete(index=es.index_name, ignore_unavailable=True)
