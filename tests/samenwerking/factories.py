import factory
from factory.django import DjangoModelFactory

from portal.models import Organisatie, User
from samenwerking.models import Bericht, Document, Lidmaatschap, Samenwerkingsruimte, Taak

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
