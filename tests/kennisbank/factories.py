"""Factories for the kennisbank's pages and snippets (wagtail-factories, Dutch fake data)."""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from kennisbank.models import (
    Begrip,
    Handhavingsmaatregel,
    KennisbankIndexPage,
    NormPage,
    ProcedurePage,
    ToezichtkaderPage,
    ToezichtsvormPage,
)

fake = factory.Faker._get_faker(locale="nl_NL")


def kennisbank_index():
    return KennisbankIndexPage.objects.get()


class ToezichtkaderPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Toezichtkader {n} {fake.city()}")
    slug = factory.Sequence(lambda n: f"kader-factory-{n}")
    uitgever = factory.Faker("company", locale="nl_NL")
    geldig_vanaf = datetime.date(2025, 1, 1)
    parent = factory.LazyFunction(kennisbank_index)

    class Meta:
        model = ToezichtkaderPage

    class Params:
        # Saved but never published: how a framework in preparation sits in the tree.
        concept = factory.Trait(live=False)


class NormPageFactory(wagtail_factories.PageFactory):
    code = factory.Sequence(lambda n: f"9.{n}.1")
    stelling = factory.Faker("sentence", nb_words=10, locale="nl_NL")
    title = factory.LazyAttribute(lambda o: o.stelling[:200])
    slug = factory.Sequence(lambda n: f"norm-factory-{n}")

    class Meta:
        model = NormPage


class ToezichtsvormPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Toezichtsvorm {n}")
    slug = factory.Sequence(lambda n: f"toezichtsvorm-factory-{n}")
    parent = factory.LazyFunction(kennisbank_index)

    class Meta:
        model = ToezichtsvormPage


class ProcedurePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Procedure {n}")
    slug = factory.Sequence(lambda n: f"procedure-factory-{n}")
    parent = factory.LazyFunction(kennisbank_index)

    class Meta:
        model = ProcedurePage


class BegripFactory(DjangoModelFactory):
    term = factory.Sequence(lambda n: f"begrip{n}")
    definitie = factory.Faker("sentence", nb_words=12, locale="nl_NL")

    class Meta:
        model = Begrip


class HandhavingsmaatregelFactory(DjangoModelFactory):
    slug = factory.Sequence(lambda n: f"maatregel-factory-{n}")
    naam = factory.Sequence(lambda n: f"Maatregel {n}")
    door = Handhavingsmaatregel.Door.TOEZICHTHOUDER
    soort = Handhavingsmaatregel.Soort.CORRIGEREND

    class Meta:
        model = Handhavingsmaatregel
