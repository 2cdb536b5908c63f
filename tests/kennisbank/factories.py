"""Kennisbank pages and their taxonomies, for tests that build their own data.

Pages go under the kennisbank index of the seeded site unless a parent is given:
`HandreikingPageFactory(taxonomie={"wet": [wet], "domein": [domein]})`.
"""

import datetime
import itertools

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from kennisbank.models import (
    ArtikelPage,
    Begrip,
    Doelgroep,
    Domein,
    Handhavingsmaatregel,
    HandreikingPage,
    KennisbankIndexPage,
    KennisbronPage,
    NormPage,
    OefencasusPage,
    Onderwerp,
    ProcedurePage,
    PublicatiePage,
    ToezichtkaderPage,
    ToezichtsvormPage,
    Wet,
)
from kennisbank.models.indeling import set_labels


class SlugSnippetFactory(DjangoModelFactory):
    naam = factory.Faker("catch_phrase", locale="nl_NL")
    slug = factory.Sequence(lambda n: f"test-{n}")

    class Meta:
        abstract = True


class WetFactory(SlugSnippetFactory):
    afkorting = factory.LazyAttribute(lambda wet: f"W{wet.slug}")

    class Meta:
        model = Wet


class DomeinFactory(SlugSnippetFactory):
    class Meta:
        model = Domein


class DoelgroepFactory(SlugSnippetFactory):
    class Meta:
        model = Doelgroep


class OnderwerpFactory(SlugSnippetFactory):
    class Meta:
        model = Onderwerp


TAXONOMY_FACTORIES = {
    "wet": WetFactory,
    "domein": DomeinFactory,
    "doelgroep": DoelgroepFactory,
    "onderwerp": OnderwerpFactory,
}


def kennisbank_index():
    return KennisbankIndexPage.objects.get()


class KennisbankPageFactory(wagtail_factories.PageFactory):
    parent = factory.LazyFunction(kennisbank_index)
    title = factory.Faker("sentence", nb_words=4, locale="nl_NL")
    slug = factory.Sequence(lambda n: f"testpagina-{n}")
    samenvatting = factory.Faker("paragraph", locale="nl_NL")

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    class Params:
        concept = factory.Trait(live=False)

    @factory.post_generation
    def taxonomie(page, create, extracted, **kwargs):
        """Labels per taxonomy, {"wet": [wet, ...], ...}, saved on the page and, for a live
        page, in a published revision, so that the admin shows what the site shows."""
        if not extracted:
            return
        for name, values in extracted.items():
            set_labels(page, name, values)
        if create:
            page.save()
            if page.live:
                page.save_revision().publish()


class ToezichtkaderPageFactory(KennisbankPageFactory):
    uitgever = factory.Faker("company", locale="nl_NL")
    geldig_vanaf = datetime.date(2025, 1, 1)

    class Meta:
        model = ToezichtkaderPage


class UitgeverPageFactory(KennisbankPageFactory):
    uitgever = factory.Faker("company", locale="nl_NL")

    class Meta:
        abstract = True


class HandreikingPageFactory(UitgeverPageFactory):
    jaar = 2024

    class Meta:
        model = HandreikingPage


class PublicatiePageFactory(UitgeverPageFactory):
    jaar = 2023

    class Meta:
        model = PublicatiePage


class KennisbronPageFactory(UitgeverPageFactory):
    class Meta:
        model = KennisbronPage


class ArtikelPageFactory(UitgeverPageFactory):
    class Meta:
        model = ArtikelPage


class NormPageFactory(wagtail_factories.PageFactory):
    code = factory.Sequence(lambda n: f"9.{n}.1")
    stelling = factory.Faker("sentence", nb_words=10, locale="nl_NL")
    title = factory.LazyAttribute(lambda o: o.stelling[:200])
    slug = factory.Sequence(lambda n: f"norm-factory-{n}")

    class Meta:
        model = NormPage


class ToezichtsvormPageFactory(KennisbankPageFactory):
    class Meta:
        model = ToezichtsvormPage


class ProcedurePageFactory(KennisbankPageFactory):
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


_block_ids = itertools.count(1)


def _id(prefix):
    return f"{prefix}-{next(_block_ids)}"


def optie(tekst, feedback="", vervolg=""):
    return {"tekst": tekst, "feedback": feedback or f"Terugkoppeling bij {tekst}", "vervolg": vervolg}


def vraag(tekst, *opties, vraag_id=None):
    """A question block as the stream stores it; multiple choice when options are given."""
    value = {
        "vraag": tekst,
        "soort": "meerkeuze" if opties else "open",
        "opties": [{"type": "item", "value": o, "id": f"{vraag_id or tekst}-optie-{n}"} for n, o in enumerate(opties)],
    }
    return {"type": "item", "value": value, "id": vraag_id or _id("vraag")}


def perspectief(slug, zag="", wist="", deed="", wist_niet=""):
    return {
        "type": "item",
        "value": {"professional": slug, "zag": zag, "wist": wist, "deed": deed, "wist_niet": wist_niet},
        "id": _id(f"perspectief-{slug}"),
    }


def hoofdstuk(titel, moment="Januari 2024", verhaal="Er gebeurt iets.", perspectieven=(), vragen=()):
    return {
        "type": "hoofdstuk",
        "value": {
            "titel": titel,
            "moment": moment,
            "verhaal": verhaal,
            "perspectieven": list(perspectieven),
            "vragen": list(vragen),
        },
    }


def thema(titel, toelichting="Toelichting.", gespreksvragen=(), criteria=()):
    return {
        "type": "thema",
        "value": {
            "titel": titel,
            "toelichting": toelichting,
            "gespreksvragen": [{"type": "item", "value": v, "id": _id("gespreksvraag")} for v in gespreksvragen],
            "criteria": [{"type": "item", "value": page.pk, "id": _id("criterium")} for page in criteria],
        },
    }


def twee_hoofdstukken():
    return [
        hoofdstuk(
            "Het begin",
            moment="Maart 2023",
            verhaal="Een moeder komt bij de huisarts.",
            perspectieven=[
                perspectief("huisarts", zag="Een moeder die slecht slaapt.", wist="Twee kinderen.", deed="Recept."),
                perspectief("kinderopvang", zag="Een blauwe plek.", wist_niet="Dat moeder bij de huisarts was."),
            ],
            vragen=[
                vraag(
                    "Wat doet u?",
                    optie("Afwachten", "Dat is te laat.", "Niemand deed iets."),
                    optie("Vastleggen en overleggen", "Stap 1 en 2 van de meldcode.", "Er kwam een gesprek."),
                    vraag_id="v-1-1",
                ),
                vraag("Welke signalen ziet u?", vraag_id="v-1-2"),
            ],
        ),
        hoofdstuk(
            "Het vervolg",
            moment="April 2023",
            verhaal="De school belt.",
            perspectieven=[perspectief("onderwijs", zag="Verzuim.", deed="Belt het wijkteam.")],
            vragen=[
                vraag(
                    "Wie neemt de regie?",
                    optie("Niemand", "Zo ging het."),
                    optie("De regisseur", "Goed."),
                    vraag_id="v-2-1",
                )
            ],
        ),
    ]


class OefencasusPageFactory(KennisbankPageFactory):
    inleiding = "Een verzonnen gezin."
    hoofdstukken = factory.LazyFunction(twee_hoofdstukken)
    nabespreking = factory.LazyFunction(list)

    class Meta:
        model = OefencasusPage
