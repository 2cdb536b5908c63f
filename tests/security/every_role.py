"""Every kind of visitor the privacy probes ask about: anonymous, one user per demo role, the
superuser, and a member of a group that only the probe's own restriction names.

A probe builds its pages once (publishing and restricting reindex them, the costly part) and
then checks each role on them with `for_every_role`; the canary rules name roles the same way
through `role_of`.
"""

import functools
import inspect

from tests.portal.factories import GroupFactory, UserFactory

ANONYMOUS = "anoniem"
MEMBER = "groepslid"
SUPERUSER = "beheerder"
DEMO_ROLES = ["redacteur", "hoofdredacteur", "toezichthouder", "gemeente", "professional", SUPERUSER]
ROLES = [ANONYMOUS, *DEMO_ROLES, MEMBER]
SIGNED_IN = frozenset(ROLES) - {ANONYMOUS}
# Who passes a restriction to the probe's own group: its member, and the superuser as in Wagtail.
IN_GROUP = frozenset({MEMBER, SUPERUSER})
MEMBER_EMAIL = f"{MEMBER}@proef.toezichtportaal.nl"


def role_of(user):
    """The role a request's user stands for here (by the e-mail address each one was made with)."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    return user.email.split("@")[0]


def restricting_group():
    """A group of one member, named by no demo role: who is in it is known to the test alone."""
    group = GroupFactory(name="Proefgroep voor de privacy")
    UserFactory(email=MEMBER_EMAIL, groepen=[group])
    return group


def user_for(role, demo_user):
    if role == ANONYMOUS:
        return None
    if role == MEMBER:
        return UserFactory._meta.model.objects.get(email=MEMBER_EMAIL)
    return demo_user(role)


def for_every_role(check):
    """Run a check once per role on the fixtures it was given; with a `client`, signed in as
    that role (and signed out between roles). The check receives `role` and `user`."""

    @functools.wraps(check)
    def test(**fixtures):
        client = fixtures.get("client")
        for role in ROLES:
            user = user_for(role, fixtures["demo_user"])
            if client is not None:
                client.logout()
                if user is not None:
                    client.force_login(user)
            try:
                check(**fixtures, role=role, user=user)
            except AssertionError as error:
                raise AssertionError(f"rol {role}: {error}") from error

    params = [p for name, p in inspect.signature(check).parameters.items() if name not in ("role", "user")]
    test.__signature__ = inspect.Signature(params)
    return test
