"""The SQL queries of the supervisors' pages of issue 11 do not grow with the data: "Mijn
samenwerking" with its due items, the findings matrix, the open recommendations overview and
the year report make as many queries for a little as for a lot (benchmarks/onderzoek.py
measures the times). Each test checks the page shows the larger data, so an empty page
cannot pass for a cheap one."""

from collections import Counter
from datetime import date, timedelta

from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from portal.models import Gemeente
from portal.roles import TOEZICHTHOUDER
from samenwerking.models import Bevinding, Leerpunt, Opvolging, Procedurestap

from .factories import (
    AanbevelingFactory,
    AanbiederFactory,
    BevindingFactory,
    LeerpuntFactory,
    LidmaatschapFactory,
    MeldingFactory,
    OnderzoekFactory,
    OpvolgingFactory,
    OrganisatieFactory,
    RuimteFactory,
    UserFactory,
    seeded_normen,
)

pytestmark = pytest.mark.django_db


def _queries(client, url):
    """The queries of a request after a first one has filled the process's caches, with the
    response of the counted request."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries), response


def _toezichthouder(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get_or_create(name=TOEZICHTHOUDER)[0])
    return user


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _coordinator_with_due_items(spaces):
    """A coordinator of `spaces` spaces, each with two reports whose self-investigation is
    overdue, one that is not due for weeks, and an overdue step of an investigation's
    publication procedure."""
    user = _toezichthouder()
    vandaag = timezone.localdate()
    for _n in range(spaces):
        ruimte = RuimteFactory()
        LidmaatschapFactory(ruimte=ruimte, gebruiker=user, coordinator=True)
        for dagen in (60, 58, 10):
            gemeld = vandaag - timedelta(days=dagen)
            MeldingFactory(ruimte=ruimte, datum_gebeurtenis=gemeld, datum_gemeld=gemeld)
        onderzoek = OnderzoekFactory(ruimte=ruimte)
        Procedurestap.objects.create(
            onderzoek=onderzoek,
            volgorde=1,
            titel="Hoor en wederhoor",
            begonnen_op=vandaag - timedelta(days=30),
            uiterlijk_op=vandaag - timedelta(days=16),
        )
    return user


def test_mijn_samenwerking_with_due_items_does_not_grow_with_the_spaces_and_reports():
    counts = {}
    for spaces in (1, 6):
        user = _coordinator_with_due_items(spaces)
        counts[spaces], response = _queries(_client(user), "/samenwerking/")
        termijnen = response.context["termijnen"]
        assert Counter(t["item"].soort for t in termijnen) == {"melding": 2 * spaces, "procedurestap": spaces}
        assert sorted(Counter(t["item"].ruimte_id for t in termijnen).values()) == [3] * spaces
        assert all(t["verstreken"] for t in termijnen)
    assert counts[1] == counts[6]


def _matrix(normen, aanbieders):
    """An investigation of `normen` norms by `aanbieders` providers, every cell judged, with a
    member who reads it."""
    user = _toezichthouder()
    ruimte = RuimteFactory()
    LidmaatschapFactory(ruimte=ruimte, gebruiker=user)
    providers = [AanbiederFactory() for _n in range(aanbieders)]
    onderzoek = OnderzoekFactory(ruimte=ruimte, normen=normen, met_aanbieders=providers)
    oordelen = list(Bevinding.Oordeel.values)
    for i, norm in enumerate(seeded_normen(onderzoek.kader, normen)):
        for j, aanbieder in enumerate(providers):
            BevindingFactory(onderzoek=onderzoek, norm=norm, aanbieder=aanbieder, oordeel=oordelen[(i + j) % 3])
    return user, f"/samenwerking/{ruimte.pk}/onderzoeken/{onderzoek.pk}/matrix/"


def test_the_findings_matrix_does_not_grow_with_its_norms_and_providers():
    counts = {}
    for normen, aanbieders in ((2, 1), (12, 6)):
        user, url = _matrix(normen, aanbieders)
        counts[normen], response = _queries(_client(user), url)
        rijen = response.context["rijen"]
        assert [len(rij["cellen"]) for rij in rijen] == [aanbieders] * normen
        assert sum(t["totaal"] for t in response.context["tellingen"]) == normen * aanbieders
        assert response.content.decode().count('<span class="oordeel oordeel--') == normen * aanbieders + 4
    assert counts[2] == counts[12]


def _recommendations(learnings, gemeenten, aanbieder):
    """A supervisor in a space with `learnings` learnings, each tagged with a municipality and
    the provider, with two recommendations: one open at two organisations, one finished."""
    user = _toezichthouder()
    ruimte = RuimteFactory()
    LidmaatschapFactory(ruimte=ruimte, gebruiker=user)
    organisaties = [OrganisatieFactory(), OrganisatieFactory()]
    for n in range(learnings):
        leerpunt = LeerpuntFactory(ruimte=ruimte, titel=f"Leerpunt {n:02d}")
        leerpunt.gemeenten.set([gemeenten[n % len(gemeenten)]])
        leerpunt.aanbieders.set([aanbieder])
        open_ = AanbevelingFactory(leerpunt=leerpunt, tekst=f"Open {n:02d}")
        statussen = [Opvolging.Status.OPEN, Opvolging.Status.IN_UITVOERING]
        for organisatie, status in zip(organisaties, statussen, strict=True):
            OpvolgingFactory(aanbeveling=open_, organisatie=organisatie, status=status)
        klaar = AanbevelingFactory(leerpunt=leerpunt, tekst=f"Klaar {n:02d}")
        OpvolgingFactory(aanbeveling=klaar, organisatie=organisaties[0], status=Opvolging.Status.AFGEROND)
    return user


def test_the_open_recommendations_overview_does_not_grow_with_the_learnings():
    gemeenten = list(Gemeente.objects.order_by("naam")[:3])
    aanbieder = AanbiederFactory(naam="Zorg Noord B.V.")
    counts, filtered = {}, {}
    for learnings in (1, 9):
        Leerpunt.objects.all().delete()
        user = _recommendations(learnings, gemeenten, aanbieder)
        counts[learnings], response = _queries(_client(user), "/samenwerking/aanbevelingen/")
        verwacht = [f"Open {n:02d}" for n in range(learnings)]
        assert response.context["aantal"] == learnings
        assert [(rij.naam, rij.aantal) for rij in response.context["per_aanbieder"]] == [("Zorg Noord B.V.", learnings)]
        assert sum(rij.aantal for rij in response.context["per_gemeente"]) == learnings
        assert sorted(regel.tekst for regel in response.context["regels"]) == verwacht
        assert "Klaar" not in response.content.decode()
        # A later page, and a filtered one, cost what the first page costs.
        paged, _response = _queries(_client(user), "/samenwerking/aanbevelingen/?pagina=1")
        assert paged == counts[learnings]
        filtered[learnings], _response = _queries(
            _client(user), f"/samenwerking/aanbevelingen/?aanbieder={aanbieder.pk}"
        )
    assert counts[1] == counts[9]
    assert filtered[1] == filtered[9]


def _year(reports, organisatie):
    """A member of a space of the organisation with `reports` reports of 2025 it coordinates,
    as many investigations with a finding, and as many open follow-ups."""
    user = _toezichthouder()
    ruimte = RuimteFactory()
    ruimte.organisaties.set([organisatie])
    LidmaatschapFactory(ruimte=ruimte, gebruiker=user)
    norm = seeded_normen(aantal=1)[0]
    for n in range(reports):
        dag = date(2025, 3, 3) + timedelta(days=7 * n)
        MeldingFactory(ruimte=ruimte, datum_gebeurtenis=dag, datum_gemeld=dag, coordinerende_organisatie=organisatie)
        onderzoek = OnderzoekFactory(ruimte=ruimte, werkelijk_begin=dag, coordinerende_organisatie=organisatie)
        BevindingFactory(onderzoek=onderzoek, norm=norm)
        leerpunt = LeerpuntFactory(ruimte=ruimte)
        OpvolgingFactory(aanbeveling=AanbevelingFactory(leerpunt=leerpunt), organisatie=organisatie)
    return user


def test_the_year_report_does_not_grow_with_the_reports():
    counts = {}
    for reports in (1, 8):
        organisatie = OrganisatieFactory()
        user = _year(reports, organisatie)
        url = f"/samenwerking/jaarrapportage/?organisatie={organisatie.pk}&jaar=2025"
        counts[reports], response = _queries(_client(user), url)
        rapport = response.context["rapport"]
        assert sum(totaal for _label, totaal, _tijdig in rapport.meldingen) == reports
        assert sum(aantal for _vorm, aantal in rapport.onderzoeken) == reports
        assert rapport.aanbevelingen == {"open": reports, "in_uitvoering": 0}
    assert counts[1] == counts[8]


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("samenwerking:melding", [1, 2]),
        ("samenwerking:melding", [987654322, 987654321]),
        ("samenwerking:leerpunt", [40]),
        ("samenwerking:onderzoek_matrix_csv", [3, 12]),
    ],
)
def test_a_reverser_gives_the_urls_reverse_gives(name, args):
    from django.urls import reverse

    from samenwerking.links import reverser

    assert reverser(name, len(args))(*args) == reverse(name, args=args)
