"""Supervisors and their remits, for tests that build their own:
`ToezichtsgebiedFactory(gemeenten=[ede], kennisbank_paginas=[norm], bron_pagina=kader)`."""

import factory
from factory.django import DjangoModelFactory

from kennisbank.models import Wet
from visual.models import Toezichthouder, Toezichtsgebied


class ToezichthouderFactory(DjangoModelFactory):
    slug = factory.Sequence(lambda n: f"proeftoezichthouder-{n}")
    naam = factory.Sequence(lambda n: f"Proeftoezichthouder {n}")
    niveau = "regionaal"
    soort = Toezichthouder.Soort.REGIONAAL

    class Meta:
        model = Toezichthouder


class ToezichtsgebiedFactory(DjangoModelFactory):
    """A remit for a list of municipalities (none unless given), under the Wmo 2015 of the seed."""

    slug = factory.Sequence(lambda n: f"proefgebied-{n}")
    toezichthouder = factory.SubFactory(ToezichthouderFactory)
    wet = factory.LazyFunction(lambda: Wet.objects.get(slug="wmo-2015"))
    aspect = Toezichtsgebied.Aspect.KWALITEIT
    rol = factory.Faker("sentence", nb_words=10, locale="nl_NL")
    taken = factory.LazyFunction(lambda: ["kwaliteit"])
    dekking = Toezichtsgebied.Dekking.LIJST
    bron = "Testgegevens"

    class Meta:
        model = Toezichtsgebied
        skip_postgeneration_save = True

    @factory.post_generation
    def gemeenten(gebied, create, extracted, **kwargs):
        if create and extracted:
            gebied.gemeenten.set(extracted)

    @factory.post_generation
    def kennisbank_paginas(gebied, create, extracted, **kwargs):
        if create and extracted:
            gebied.kennisbank_paginas.set(extracted)
