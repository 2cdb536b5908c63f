"""Probe of issue 8: the successor notice of a replaced framework, on the framework's page
and on the pages of its NORMS ("Deze norm hoort bij een vervangen versie van het kader"),
and GraphQL `geldigTot` and `opvolger` of the framework and of a norm's framework. A
successor that is group-restricted or unpublished gives away neither its title, its URL nor
its date to who may not see it; a public successor shows to everyone.

Each hidden successor's slug and title carry a canary, and its start date is a canary too,
in both the way the pages write it and the way GraphQL does.
"""

import datetime
import re

import pytest
from wagtail.models import PageViewRestriction

from tests.kennisbank.factories import NormPageFactory, ToezichtkaderPageFactory

from .every_role import IN_GROUP, for_every_role, restricting_group, role_of

pytestmark = pytest.mark.django_db

GROUP = "kanarieopvolgergroep"
CONCEPT = "kanarieopvolgerconcept"
DATES = {
    "group": (datetime.date(2031, 7, 19), "19 juli 2031"),
    "concept": (datetime.date(2032, 10, 23), "23 oktober 2032"),
    "open": (datetime.date(2030, 5, 11), "11 mei 2030"),
}
NORM_NOTICE = "Deze norm hoort bij een vervangen versie van het kader."
KADER_NOTICE = "Deze versie is vervangen."
SUCCESSOR = "{ geldigTot opvolger { titel url } }"
NORM = "query($code: String!, $kader: ID!) { norm(code: $code, toezichtkader: $kader) { toezichtkader %s } }"
KADER = "query($kader: ID!) { toezichtkader(id: $kader) %s }"
NOTICE_LINK = re.compile(r'<div class="portal-notice" role="note">.*?</div>', re.S)


def _publish(*pages):
    for page in pages:
        page.save_revision().publish()


@pytest.fixture
def replaced(seeded, canaries):
    group = restricting_group()
    successors = {
        "group": ToezichtkaderPageFactory(
            title=f"Opvolger {GROUP}", slug=f"opvolger-{GROUP}", geldig_vanaf=DATES["group"][0]
        ),
        "concept": ToezichtkaderPageFactory(
            title=f"Opvolger {CONCEPT}", slug=f"opvolger-{CONCEPT}", geldig_vanaf=DATES["concept"][0], concept=True
        ),
        "open": ToezichtkaderPageFactory(
            title="Openbare opvolger van de proef", slug="openbare-opvolger", geldig_vanaf=DATES["open"][0]
        ),
    }
    _publish(successors["group"], successors["open"])
    old, norms = {}, {}
    for n, (name, successor) in enumerate(successors.items(), start=1):
        old[name] = ToezichtkaderPageFactory(
            title=f"Vervangen kader {n} van de proef", slug=f"vervangen-kader-{n}", opvolger=successor
        )
        norms[name] = NormPageFactory(parent=old[name], code=f"6.{n}.1", stelling=f"Norm {n} van een vervangen kader")
        _publish(old[name], norms[name])
    restriction = PageViewRestriction.objects.create(
        page=successors["group"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)

    def sees_group(user):
        return role_of(user) in IN_GROUP

    for word in (GROUP, DATES["group"][1], DATES["group"][0].isoformat()):
        canaries.register(word, sees_group)
    for word in (CONCEPT, DATES["concept"][1], DATES["concept"][0].isoformat()):
        canaries.register(word, lambda user: False)
    return {"successors": successors, "old": old, "norms": norms}


def visible_successors(role):
    return {"open"} | ({"group"} if role in IN_GROUP else set())


@for_every_role
def test_norm_pages_of_a_replaced_framework_name_only_a_visible_successor(client, replaced, demo_user, role, user):
    for name, norm in replaced["norms"].items():
        successor = replaced["successors"][name]
        html = client.get(norm.url).content.decode()
        shown = name in visible_successors(role)
        assert (NORM_NOTICE in html) == shown, name
        assert (f"tot {DATES[name][1]}" in html) == shown, name
        notices = NOTICE_LINK.findall(html)
        assert notices == ([notices[0]] if shown else []), name
        if shown:
            assert f'href="{successor.url}"' in notices[0], name
        assert (successor.url in html) == shown, name


@for_every_role
def test_framework_pages_name_only_a_visible_successor(client, replaced, demo_user, role, user):
    for name, old in replaced["old"].items():
        successor = replaced["successors"][name]
        html = client.get(old.url).content.decode()
        shown = name in visible_successors(role)
        assert (KADER_NOTICE in html) == shown, name
        assert (successor.title in html) == shown, name
        assert (successor.url in html) == shown, name
        assert (DATES[name][1] in html) == shown, name


def _expected_successor(replaced, name, role):
    if name not in visible_successors(role):
        return {"geldigTot": None, "opvolger": None}
    successor = replaced["successors"][name]
    return {"geldigTot": DATES[name][0].isoformat(), "opvolger": {"titel": successor.title, "url": successor.url}}


def _relative(answer):
    # GraphQL gives absolute URLs, from the site's configured base URL.
    if answer["opvolger"]:
        answer["opvolger"]["url"] = "/" + answer["opvolger"]["url"].split("/", 3)[3]
    return answer


@for_every_role
def test_graphql_gives_geldig_tot_and_opvolger_only_of_a_visible_successor(
    client, graphql, replaced, demo_user, role, user
):
    for name, old in replaced["old"].items():
        expected = _expected_successor(replaced, name, role)
        kader = graphql(KADER % SUCCESSOR, {"kader": old.slug})["data"]["toezichtkader"]
        assert _relative(kader) == expected, name
        norm = graphql(NORM % SUCCESSOR, {"code": replaced["norms"][name].code, "kader": old.slug})["data"]["norm"]
        assert _relative(norm["toezichtkader"]) == expected, name
