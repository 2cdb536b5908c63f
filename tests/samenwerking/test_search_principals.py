"""The principals search filters on: a user holds those of their own spaces, and a superuser
every page principal but never the spaces they are not in."""

import pytest

from portal.privacy import SUPERUSER
from search.registry import PUBLIC, SIGNED_IN, registry

from .factories import LidmaatschapFactory, OrganisatieFactory, RuimteFactory, UserFactory

pytestmark = pytest.mark.django_db


def _spaces(principals):
    return sorted(p for p in principals if p.startswith("ruimte:"))


def test_members_hold_their_spaces_and_coordinators_the_coordinator_principal():
    a, b = RuimteFactory(), RuimteFactory()
    coordinator = LidmaatschapFactory(ruimte=a, coordinator=True).gebruiker
    organisatie = OrganisatieFactory()
    LidmaatschapFactory(ruimte=b, gebruiker=None, organisatie=organisatie)
    medewerker = UserFactory(organisatie=organisatie)
    assert _spaces(registry.principals_for(coordinator)) == [f"ruimte:{a.pk}", f"ruimte:{a.pk}:coordinatoren"]
    assert _spaces(registry.principals_for(medewerker)) == [f"ruimte:{b.pk}"]
    assert _spaces(registry.principals_for(UserFactory())) == []
    assert registry.principals_for(None) == [PUBLIC]


def test_superuser_passes_page_restrictions_and_sees_only_their_own_spaces():
    a, _b = RuimteFactory(), RuimteFactory()
    superuser = UserFactory(is_superuser=True, is_staff=True)
    LidmaatschapFactory(ruimte=a, gebruiker=superuser, meelezer=True)
    principals = registry.principals_for(superuser)
    assert principals is not None
    # Page privacy: public, signed in, and the superuser's own pass past group restrictions.
    assert {p for p in principals if not p.startswith("ruimte:")} == {PUBLIC, SIGNED_IN, SUPERUSER}
    assert _spaces(principals) == [f"ruimte:{a.pk}"]
