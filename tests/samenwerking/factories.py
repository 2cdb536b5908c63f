from datetime import date, timedelta

import factory
from factory.django import DjangoModelFactory

from portal.models import Organisatie, User
from samenwerking.models import (
    Aanbeveling,
    Aanbieder,
    Bericht,
    Bevinding,
    Document,
    Leerpunt,
    Lidmaatschap,
    Melding,
    Onderzoek,
    OnderzoekNorm,
    Opvolging,
    Samenwerkingsruimte,
    Taak,
    Thema,
)

factory.Faker._DEFAULT_LOCALE = "nl_NL"


class OrganisatieFactory(DjangoModelFactory):
    class Meta:
        model = Organisatie
        django_get_or_create = ("naam",)

    naam = factory.Sequence(lambda n: f"Testorganisatie {n}")
    soort = Organisatie.Soort.RIJKSINSPECTIE


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@test.toezichtportaal.nl")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", "Geheim-wachtwoord-1")

    @factory.post_generation
    def organisatie_groep(obj, create, extracted, **kwargs):
        if create and obj.organisatie_id:
            obj.groups.add(obj.organisatie.groep)
        obj.save()


class RuimteFactory(DjangoModelFactory):
    class Meta:
        model = Samenwerkingsruimte

    titel = factory.Sequence(lambda n: f"Ruimte {n}")
    doel = factory.Faker("sentence")
    soort = Samenwerkingsruimte.Soort.GEZAMENLIJK_ONDERZOEK


class LidmaatschapFactory(DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    ruimte = factory.SubFactory(RuimteFactory)
    gebruiker = factory.SubFactory(UserFactory)
    rol = Lidmaatschap.Rol.DEELNEMER

    class Params:
        coordinator = factory.Trait(rol=Lidmaatschap.Rol.COORDINATOR)
        meelezer = factory.Trait(rol=Lidmaatschap.Rol.MEELEZER)


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document

    ruimte = factory.SubFactory(RuimteFactory)
    naam = factory.Sequence(lambda n: f"Document {n}")

    class Params:
        alleen_coordinatoren = factory.Trait(vertrouwelijkheid=Document.Vertrouwelijkheid.ALLEEN_COORDINATOREN)


class BerichtFactory(DjangoModelFactory):
    class Meta:
        model = Bericht

    ruimte = factory.SubFactory(RuimteFactory)
    tekst = factory.Faker("paragraph")


class TaakFactory(DjangoModelFactory):
    class Meta:
        model = Taak

    ruimte = factory.SubFactory(RuimteFactory)
    titel = factory.Faker("sentence", nb_words=4)


def version(document, content=b"%PDF-1.4\n% test\n", naam="verslag.pdf", user=None):
    """A stored version of a document, through the same path as an upload."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from samenwerking.actions import _store_version
    from samenwerking.uploads import check_upload

    upload = SimpleUploadedFile(naam, content)
    return _store_version(user, document, upload, check_upload(upload))


def seeded_kader(slug="rotterdam-rijnmond-2025"):
    """The framework version the seeded kennisbank holds (every test database is seeded)."""
    from kennisbank.models import ToezichtkaderPage

    return ToezichtkaderPage.objects.get(slug=slug)


def seeded_toezichtsvorm(slug="kwaliteitstoezicht"):
    from kennisbank.models import ToezichtsvormPage

    return ToezichtsvormPage.objects.get(slug=slug)


def seeded_normen(kader=None, aantal=None):
    """The norms of a framework version in tree order."""
    from kennisbank.models import NormPage

    normen = list(NormPage.objects.descendant_of(kader or seeded_kader()).order_by("path"))
    return normen[:aantal] if aantal else normen


class AanbiederFactory(DjangoModelFactory):
    class Meta:
        model = Aanbieder

    naam = factory.Sequence(lambda n: f"Zorgaanbieder {n} B.V.")
    kvk_nummer = factory.Sequence(lambda n: f"{10000000 + n:08d}")


class OnderzoekFactory(DjangoModelFactory):
    class Meta:
        model = Onderzoek
        skip_postgeneration_save = True

    ruimte = factory.SubFactory(RuimteFactory)
    titel = factory.Sequence(lambda n: f"Onderzoek {n}")
    toezichtsvorm = factory.LazyFunction(seeded_toezichtsvorm)
    kader = factory.LazyFunction(seeded_kader)
    aanleiding = factory.Faker("sentence")

    @factory.post_generation
    def normen(obj, create, extracted, **kwargs):
        """`normen=[...]` or `normen=3` (the first three of the framework)."""
        if not create or not extracted:
            return
        normen = seeded_normen(obj.kader, extracted) if isinstance(extracted, int) else extracted
        for volgorde, norm in enumerate(normen):
            OnderzoekNorm.objects.create(onderzoek=obj, norm=norm, volgorde=volgorde)

    @factory.post_generation
    def met_aanbieders(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.aanbieders.set(extracted)


class BevindingFactory(DjangoModelFactory):
    class Meta:
        model = Bevinding

    onderzoek = factory.SubFactory(OnderzoekFactory)
    norm = factory.LazyAttribute(lambda o: seeded_normen(o.onderzoek.kader, 1)[0])
    aanbieder = factory.SubFactory(AanbiederFactory)
    oordeel = Bevinding.Oordeel.VOLDOET
    toelichting = factory.Faker("sentence")


class MeldingFactory(DjangoModelFactory):
    class Meta:
        model = Melding

    ruimte = factory.SubFactory(RuimteFactory)
    soort = Melding.Soort.CALAMITEIT
    aanbieder = factory.SubFactory(AanbiederFactory)
    datum_gebeurtenis = factory.LazyFunction(lambda: date(2026, 11, 2))
    datum_gemeld = factory.LazyAttribute(lambda o: o.datum_gebeurtenis + timedelta(days=1))
    samenvatting = factory.Faker("paragraph")


class ThemaFactory(DjangoModelFactory):
    class Meta:
        model = Thema
        django_get_or_create = ("slug",)

    naam = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class LeerpuntFactory(DjangoModelFactory):
    class Meta:
        model = Leerpunt

    ruimte = factory.SubFactory(RuimteFactory)
    titel = factory.Sequence(lambda n: f"Leerpunt {n}")
    tekst = "Maak bij het afschalen van ondersteuning afspraken over wie de signalen blijft volgen."


class AanbevelingFactory(DjangoModelFactory):
    class Meta:
        model = Aanbeveling

    leerpunt = factory.SubFactory(LeerpuntFactory)
    tekst = "Leg bij afschalen vast wie de regie houdt."


class OpvolgingFactory(DjangoModelFactory):
    class Meta:
        model = Opvolging

    aanbeveling = factory.SubFactory(AanbevelingFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)


def oefencasus(titel="Oefencasus Tess", hoofdstukken=3, **kwargs):
    """A live practice case with `hoofdstukken` chapters of two perspectives each, and per
    chapter one multiple-choice question (block id `mk-<n>`) and one open question (`open-<n>`)."""
    import uuid

    from kennisbank.models import KennisbankIndexPage, OefencasusPage

    def item(value, block_id=None):
        return {"type": "item", "value": value, "id": block_id or str(uuid.uuid4())}

    raw = []
    for n in range(1, hoofdstukken + 1):
        raw.append(
            {
                "type": "hoofdstuk",
                "id": str(uuid.uuid4()),
                "value": {
                    "titel": f"Hoofdstuk over week {n}",
                    "moment": f"Week {n}",
                    "verhaal": f"Het verhaal van week {n}.",
                    "perspectieven": [
                        item(
                            {
                                "professional": "huisarts",
                                "zag": f"Huisarts zag {n}",
                                "wist": "",
                                "deed": "",
                                "wist_niet": "",
                            }
                        ),
                        item(
                            {
                                "professional": "onderwijs",
                                "zag": f"Juf zag {n}",
                                "wist": "",
                                "deed": "",
                                "wist_niet": "",
                            }
                        ),
                    ],
                    "vragen": [
                        item(
                            {
                                "vraag": f"Wat doet u in week {n}?",
                                "soort": "meerkeuze",
                                "opties": [
                                    item(
                                        {
                                            "tekst": "Bellen met Veilig Thuis",
                                            "feedback": "Goed: advies vragen.",
                                            "vervolg": "Veilig Thuis denkt mee.",
                                        }
                                    ),
                                    item({"tekst": "Afwachten", "feedback": "Afwachten kost tijd.", "vervolg": ""}),
                                ],
                            },
                            f"mk-{n}",
                        ),
                        item({"vraag": f"Wat mist u in week {n}?", "soort": "open", "opties": []}, f"open-{n}"),
                    ],
                },
            }
        )
    page = OefencasusPage(
        title=titel,
        slug=f"oefencasus-{uuid.uuid4().hex[:8]}",
        samenvatting="Een verzonnen casus.",
        hoofdstukken=raw,
        nabespreking=kwargs.pop("nabespreking", []),
        **kwargs,
    )
    KennisbankIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return OefencasusPage.objects.get(pk=page.pk)
