"""Users and groups, for tests that build their own people."""

from django.contrib.auth.models import Group

import factory
from factory.django import DjangoModelFactory

from portal.models import User


class GroupFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Proefgroep {n}")

    class Meta:
        model = Group


class UserFactory(DjangoModelFactory):
    email = factory.Sequence(lambda n: f"gebruiker{n}@proef.toezichtportaal.nl")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", "Toezicht-proef-2026")

    class Meta:
        model = User
        skip_postgeneration_save = True

    @factory.post_generation
    def groepen(user, create, extracted, **kwargs):
        if create and extracted:
            user.groups.add(*extracted)
        if create:
            user.save()
