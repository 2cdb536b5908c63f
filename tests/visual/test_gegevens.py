"""The navigator's reference data is kept per process, and never outlives a change."""

from datetime import date

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

import pytest

from kennisbank.models import Voorzieningsoort
from portal import versies
from visual import gegevens
from visual.keuzes import vind_gemeente
from visual.models import Aanwijzing, Toezichthouder, Toezichtsgebied
from visual.navigator import toezicht_voor

GGD = "Toezicht Wmo GGD Rotterdam-Rijnmond"


def huishouden():
    return Voorzieningsoort.objects.get(slug="ondersteuning-bij-het-huishouden")


def namen(advies):
    return [r.toezichthouder.naam for r in advies.regels if not r.terugval]


def test_adding_a_municipality_to_a_remit_counts_at_once(seeded):
    lansingerland = vind_gemeente("Lansingerland")
    assert GGD not in namen(toezicht_voor(lansingerland, voorziening=huishouden()))
    before = versies.token(gegevens.VERSIE)
    Toezichtsgebied.objects.get(slug="ggd-rotterdam-rijnmond-wmo-kwaliteit").gemeenten.add(lansingerland)
    assert versies.token(gegevens.VERSIE) != before
    assert GGD in namen(toezicht_voor(lansingerland, voorziening=huishouden()))


def test_an_ended_remit_is_reported_as_ended_at_once(seeded):
    rotterdam = vind_gemeente("Rotterdam")
    assert GGD in namen(toezicht_voor(rotterdam))
    for gebied in Toezichtsgebied.objects.filter(toezichthouder__naam=GGD):
        gebied.geldig_tot = date(2026, 1, 31)
        gebied.save()
    advies = toezicht_voor(rotterdam, peildatum=date(2026, 6, 1))
    assert GGD not in namen(advies)
    assert any(GGD in t and "beëindigd op 31 januari 2026" in t for t in advies.beeindigd)


def test_an_approved_designation_shows_at_once_and_a_withdrawn_one_goes(seeded, demo_user):
    lansingerland = vind_gemeente("Lansingerland")
    toezicht_voor(lansingerland)
    andere = Toezichthouder.objects.create(
        slug="ggd-hollands-midden", niveau="regionaal", naam="GGD Hollands Midden", soort="regionaal"
    )
    aanwijzing = Aanwijzing.objects.create(
        gemeente=lansingerland,
        toezichthouder=andere,
        besluit_datum=date(2026, 1, 1),
        besluit_url="https://example.org/besluit",
        ingediend_door=demo_user("gemeente"),
    )
    assert "GGD Hollands Midden" not in namen(toezicht_voor(lansingerland))
    aanwijzing.beoordeel(demo_user("redacteur"), goedkeuren=True)
    assert "GGD Hollands Midden" in namen(toezicht_voor(lansingerland))
    aanwijzing.delete()
    assert "GGD Hollands Midden" not in namen(toezicht_voor(lansingerland))


def test_a_rolled_back_change_leaves_no_trace(seeded):
    lansingerland = vind_gemeente("Lansingerland")
    gebied = Toezichtsgebied.objects.get(slug="ggd-rotterdam-rijnmond-wmo-kwaliteit")
    with pytest.raises(RuntimeError), transaction.atomic():
        gebied.gemeenten.add(lansingerland)
        assert GGD in namen(toezicht_voor(lansingerland, voorziening=huishouden()))
        raise RuntimeError("terugdraaien")
    assert GGD not in namen(toezicht_voor(lansingerland, voorziening=huishouden()))


def test_a_warm_answer_does_not_read_the_remits(seeded):
    rotterdam = vind_gemeente("Rotterdam")
    toezicht_voor(rotterdam)
    with CaptureQueriesContext(connection) as context:
        advies = toezicht_voor(rotterdam)
    assert GGD in namen(advies)
    read = " ".join(q["sql"] for q in context.captured_queries)
    assert "visual_toezichtsgebied" not in read and "visual_aanwijzing" not in read
