"""The role predicates every app asks (portal/roles.py): who counts as which role."""

from django.contrib.auth.models import AnonymousUser, Group

import pytest

from portal import roles
from portal.models import Gemeente, Organisatie, User
from search.registry import registry

pytestmark = pytest.mark.django_db


def _user(email, *groepen, **velden):
    user = User.objects.create_user(email=email, password="Toezicht-test-2026", **velden)
    for naam in groepen:
        user.groups.add(Group.objects.get_or_create(name=naam)[0])
    return user


def test_each_predicate_for_each_kind_of_user():
    gemeente = Gemeente.objects.create(cbs_code="GM9901", naam="Proefgemeente")
    ambtenaar_org = Organisatie.objects.create(naam="Gemeente Proef", soort="gemeente", gemeente=gemeente)
    ggd = Organisatie.objects.create(naam="GGD Proef", soort="regionale_toezichthouder")
    users = {
        "anoniem": AnonymousUser(),
        "redacteur": _user("r@proef.nl", roles.REDACTEUR),
        "hoofdredacteur": _user("h@proef.nl", roles.HOOFDREDACTEUR),
        "toezichthouder": _user("t@proef.nl", roles.TOEZICHTHOUDER, organisatie=ggd),
        "ambtenaar": _user("a@proef.nl", roles.GEMEENTE, organisatie=ambtenaar_org),
        "ambtenaar zonder organisatie": _user("z@proef.nl", roles.GEMEENTE),
        "gemeente-rol bij een GGD": _user("g@proef.nl", roles.GEMEENTE, organisatie=ggd),
        "toezichthouder, uitgeschakeld": _user("u@proef.nl", roles.TOEZICHTHOUDER, is_active=False),
        "redacteur, uitgeschakeld": _user("ru@proef.nl", roles.REDACTEUR, is_active=False),
        "superuser": User.objects.create_superuser(email="s@proef.nl", password="Toezicht-test-2026"),
    }
    found = {
        naam: (
            sorted(roles.role_names(user)),
            roles.is_redacteur(user),
            roles.is_toezichthouder(user),
            roles.gemeente_van(user),
        )
        for naam, user in users.items()
    }
    assert found == {
        "anoniem": ([], False, False, None),
        "redacteur": ([roles.REDACTEUR], True, False, None),
        "hoofdredacteur": ([roles.HOOFDREDACTEUR], True, False, None),
        "toezichthouder": ([roles.TOEZICHTHOUDER], False, True, None),
        "ambtenaar": ([roles.GEMEENTE], False, False, gemeente),
        "ambtenaar zonder organisatie": ([roles.GEMEENTE], False, False, None),
        "gemeente-rol bij een GGD": ([roles.GEMEENTE], False, False, None),
        "toezichthouder, uitgeschakeld": ([], False, False, None),
        "redacteur, uitgeschakeld": ([], False, False, None),
        # A superuser edits everything, but holds no role it was not given.
        "superuser": ([], True, False, None),
    }


def test_the_search_gives_role_principals_only_to_active_holders_of_the_role():
    actief = _user("t@proef.nl", roles.TOEZICHTHOUDER)
    uit = _user("u@proef.nl", roles.TOEZICHTHOUDER, is_active=False)
    rollen = {
        naam: sorted(p for p in registry.principals_for(user) if p.startswith("rol:"))
        for naam, user in {"actief": actief, "uitgeschakeld": uit, "anoniem": AnonymousUser()}.items()
    }
    assert rollen == {"actief": ["rol:toezichthouder"], "uitgeschakeld": [], "anoniem": []}
