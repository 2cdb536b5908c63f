"""Probe of issue 8: group restrictions nested four deep (a framework, two parts and a norm,
each restricted to a different group). The site's queryset (`viewable_by_user`) and the
search (`search.service.search` on the database backend) admit exactly the same pages, for
every role, for a user in all four groups and for one in the outer three.
"""

import pytest
from wagtail.models import PageViewRestriction

from kennisbank.models import KaderOnderdeelPage
from portal import privacy
from search import service
from tests.kennisbank.factories import NormPageFactory, ToezichtkaderPageFactory
from tests.portal.factories import GroupFactory, UserFactory

from .every_role import MEMBER, ROLES, SUPERUSER, restricting_group, role_of, user_for

pytestmark = pytest.mark.django_db

WORD = "nestelzwaluw"
LEVELS = ["kader", "deel", "subdeel", "norm"]
CANARIES = {level: f"kanarienest{level}" for level in LEVELS}
FOUR = "viergroepen"
THREE = "driegroepen"


@pytest.fixture
def nested(seeded, settings, canaries):
    settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "BACKEND": "database", "ELASTICSEARCH_URL": ""}
    # The outer group is the one of the probe's member, so that role sees the outer level only.
    groups = [restricting_group(), *(GroupFactory() for _level in LEVELS[1:])]
    UserFactory(email=f"{FOUR}@proef.toezichtportaal.nl", groepen=groups)
    UserFactory(email=f"{THREE}@proef.toezichtportaal.nl", groepen=groups[:3])
    kader = ToezichtkaderPageFactory(title=f"Kader {WORD} {CANARIES['kader']}")
    deel = KaderOnderdeelPage(title=f"Deel {WORD} {CANARIES['deel']}", slug="deel", code="1")
    kader.add_child(instance=deel)
    subdeel = KaderOnderdeelPage(title=f"Subdeel {WORD} {CANARIES['subdeel']}", slug="subdeel", code="1.1")
    deel.add_child(instance=subdeel)
    norm = NormPageFactory(parent=subdeel, code="1.1.1", stelling=f"Norm {WORD} {CANARIES['norm']}")
    pages = dict(zip(LEVELS, (kader, deel, subdeel, norm), strict=True))
    for page, group in zip(pages.values(), groups, strict=True):
        page.save_revision().publish()
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.add(group)
    for level, word in CANARIES.items():
        canaries.register(word, lambda user, level=level: level in expected_levels(role_of(user)))
    return pages


def expected_levels(role):
    """Group restrictions admit the superuser, as in Wagtail; every other user needs every
    group from the outside in."""
    depth = {SUPERUSER: 4, FOUR: 4, THREE: 3, MEMBER: 1}.get(role, 0)
    return set(LEVELS[:depth])


def _user(role, demo_user):
    if role in (FOUR, THREE):
        return UserFactory._meta.model.objects.get(email=f"{role}@proef.toezichtportaal.nl")
    return user_for(role, demo_user)


def test_queryset_and_search_agree_on_four_nested_group_restrictions(nested, demo_user):
    by_pk = {page.pk: level for level, page in nested.items()}
    by_title = {page.title: level for level, page in nested.items()}
    # Built once, checked for every role: restricting four pages reindexes them each time.
    for role in [*ROLES, THREE, FOUR]:
        user = _user(role, demo_user)
        viewable = privacy.pages().viewable_by_user(user).filter(pk__in=by_pk)
        assert {by_pk[page.pk] for page in viewable} == expected_levels(role), role
        found = service.search(WORD, user, per_pagina=50)
        assert {by_title[r.titel] for r in found.resultaten if r.titel in by_title} == expected_levels(role), role
        assert found.totaal == len(expected_levels(role)), role


def test_the_search_page_shows_the_deepest_page_to_the_four_group_user_alone(client, nested, demo_user):
    for role in (THREE, FOUR):
        client.force_login(_user(role, demo_user))
        html = client.get("/zoeken/", {"q": WORD}).content.decode()
        assert (nested["norm"].url in html) == (role == FOUR)
        assert nested["subdeel"].url in html
