"""For any tree of pages, publication states and view restrictions, the site's queryset and
the principals stored in the search index admit exactly the same users."""

from django.contrib.auth.models import Group

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page, PageViewRestriction

from portal import privacy
from portal.models import User
from tests.kennisbank.factories import kennisbank_index

pytestmark = pytest.mark.django_db

RESTRICTIONS = st.sampled_from([None, None, "login", "groep-a", "groep-b", "groepen-ab", "password"])
NODE = st.tuples(st.integers(min_value=0, max_value=5), st.booleans(), RESTRICTIONS)


def _build(nodes, groups):
    index = kennisbank_index()
    made = []
    for parent_choice, live, restriction in nodes:
        parent = made[parent_choice % len(made)] if made and parent_choice else index
        page = Page(title=f"Eigenschap {len(made)}", slug=f"eigenschap-{len(made)}", live=live)
        parent.add_child(instance=page)
        if restriction == "login":
            PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        elif restriction == "password":
            PageViewRestriction.objects.create(page=page, password="x", restriction_type=PageViewRestriction.PASSWORD)
        elif restriction:
            r = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
            r.groups.add(*[groups[name] for name in ("a", "b") if name in restriction[6:]])
        made.append(page)
    return made


@pytest.fixture
def users(db):
    groups = {name: Group.objects.create(name=f"Eigenschapgroep {name}") for name in ("a", "b")}
    plain = User.objects.create_user(email="plain@example.nl", password="x")
    in_a = User.objects.create_user(email="a@example.nl", password="x")
    in_a.groups.add(groups["a"])
    in_ab = User.objects.create_user(email="ab@example.nl", password="x")
    in_ab.groups.add(groups["a"], groups["b"])
    admin = User.objects.create_user(email="admin@example.nl", password="x", is_superuser=True)
    return groups, [None, plain, in_a, in_ab, admin]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(nodes=st.lists(NODE, min_size=1, max_size=6))
def test_queryset_and_index_principals_agree(users, nodes):
    groups, people = users
    made = _build(nodes, groups)
    try:
        for user in people:
            fresh = User.objects.get(pk=user.pk) if user else None
            visible = set(
                privacy.pages().viewable_by_user(fresh).filter(pk__in=[p.pk for p in made]).values_list("pk", flat=True)
            )
            held = privacy.user_principals(fresh)
            for page in made:
                page.refresh_from_db()
                principals = privacy.page_principals(page)
                indexed = principals is not None and bool(held & set(principals))
                assert indexed == (page.pk in visible), (page.title, user, principals)
    finally:
        for page in reversed(made):
            Page.objects.filter(pk=page.pk).delete()
