"""One privacy rule for pages, on every channel: the probes that found leaks, as tests.

A tree of frameworks under every kind of restriction (login, group, password, unpublished with
a live norm below it), public pages that name a restricted framework, and a public framework
whose successor is restricted. Each restricted fixture carries a canary that the suite looks
for in every response (tests/canary.py); lists are checked by their exact contents, for
anonymous visitors and for every demo role.
"""

import functools
import inspect

from django.contrib.auth.models import Group

import pytest
from wagtail.models import PageViewRestriction

from kennisbank.models import Begrip, NormPage, ToezichtkaderPage
from portal import privacy
from search import service
from tests.kennisbank.factories import (
    BegripFactory,
    NormPageFactory,
    ProcedurePageFactory,
    ToezichtkaderPageFactory,
    ToezichtsvormPageFactory,
)
from visual.navigator import zichtbare_paginas

pytestmark = pytest.mark.django_db

ROLES = [None, "professional", "gemeente", "redacteur", "toezichthouder", "inspecteur", "beheerder"]
SIGNED_IN = {"professional", "gemeente", "redacteur", "toezichthouder", "inspecteur", "beheerder"}
SUPERVISORS = {"toezichthouder", "inspecteur", "beheerder"}

LOGIN = "kanarieinlog"
GROUP = "kanariegroep"
PASSWORD = "kanariewachtwoord"
CONCEPT = "kanarieconcept"
CONCEPT_NORM = "kanarieconceptnorm"
TERM = "kanarietermgroep"
# What a user types: the search page repeats the query, so the canaries themselves are never
# typed; each restricted fixture also holds one of these ordinary words.
WORDS = {LOGIN: "ijsvogel", GROUP: "kwikstaart", CONCEPT_NORM: "roerdomp", PASSWORD: "grutto"}


def _role(user):
    if user is None or not user.is_authenticated:
        return None
    return user.email.split("@")[0]


def _publish(*pages):
    for page in pages:
        page.save_revision().publish()


@pytest.fixture
def tree(seeded, canaries):
    toezichthouders = Group.objects.get(name="Toezichthouder")
    open_kader = ToezichtkaderPageFactory(title="Open kader voor de proef")
    open_norm = NormPageFactory(parent=open_kader, code="9.1.1")
    login_kader = ToezichtkaderPageFactory(title=f"Kader {LOGIN} ijsvogel", uitgever=f"Uitgever {LOGIN}")
    login_norm = NormPageFactory(parent=login_kader, code="9.2.1", stelling=f"Norm {LOGIN} ijsvogel")
    group_kader = ToezichtkaderPageFactory(
        title=f"Kader {GROUP} kwikstaart", uitgever=f"Uitgever {GROUP}", geldig_vanaf="2026-03-01"
    )
    group_norm = NormPageFactory(parent=group_kader, code="9.3.1", stelling=f"Norm {GROUP} kwikstaart")
    password_kader = ToezichtkaderPageFactory(title=f"Kader {PASSWORD} grutto")
    concept_kader = ToezichtkaderPageFactory(title=f"Kader {CONCEPT}", concept=True)
    concept_norm = NormPageFactory(parent=concept_kader, code="9.99.1", stelling=f"Norm {CONCEPT_NORM} roerdomp")
    old_kader = ToezichtkaderPageFactory(title="Oude versie voor de proef", opvolger=group_kader)
    vorm = ToezichtsvormPageFactory(title="Toezichtsvorm voor de proef", kader=login_kader)
    procedure = ProcedurePageFactory(title="Procedure voor de proef", kader=group_kader)
    term = BegripFactory(term=f"Begrip {TERM} kwikstaart", kader=group_kader)
    _publish(
        open_kader,
        open_norm,
        login_kader,
        login_norm,
        group_kader,
        group_norm,
        password_kader,
        concept_norm,
        old_kader,
        vorm,
        procedure,
    )
    PageViewRestriction.objects.create(page=login_kader, restriction_type=PageViewRestriction.LOGIN)
    restriction = PageViewRestriction.objects.create(page=group_kader, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(toezichthouders)
    PageViewRestriction.objects.create(
        page=password_kader, password="geheim-1234", restriction_type=PageViewRestriction.PASSWORD
    )

    canaries.register(LOGIN, lambda user: _role(user) in SIGNED_IN)
    canaries.register(GROUP, lambda user: _role(user) in SUPERVISORS)
    canaries.register(TERM, lambda user: _role(user) in SUPERVISORS)
    canaries.register(PASSWORD, lambda user: False)
    canaries.register(CONCEPT, lambda user: False)
    return {
        "open_kader": open_kader,
        "open_norm": open_norm,
        "login_kader": login_kader,
        "login_norm": login_norm,
        "group_kader": group_kader,
        "group_norm": group_norm,
        "password_kader": password_kader,
        "concept_kader": concept_kader,
        "concept_norm": concept_norm,
        "old_kader": old_kader,
        "vorm": vorm,
        "procedure": procedure,
        "term": term,
    }


def per_role(check):
    """Run a check for every demo role on one built tree: building it is the costly part
    (publishing and restricting pages reindexes them), so it is built once per check."""

    @functools.wraps(check)
    def test(**fixtures):
        client = fixtures.get("client")
        for role in ROLES:
            if client is not None:
                client.logout()
            try:
                check(**fixtures, role=role)
            except AssertionError as error:
                raise AssertionError(f"rol {role}: {error}") from error

    params = [p for name, p in inspect.signature(check).parameters.items() if name != "role"]
    test.__signature__ = inspect.Signature(params)
    return test


def expected_pages(role):
    names = {"open_kader", "open_norm", "old_kader", "vorm", "procedure"}
    if role in SIGNED_IN:
        names |= {"login_kader", "login_norm"}
    if role in SUPERVISORS:
        names |= {"group_kader", "group_norm"}
    return names


def _user(demo_user, role):
    return demo_user(role) if role else None


def _names(tree, objects):
    by_pk = {page.pk: name for name, page in tree.items()}
    return {by_pk[obj.pk] for obj in objects if obj.pk in by_pk}


@per_role
def test_viewable_by_user_lists_exactly_the_allowed_pages(tree, demo_user, role):
    user = _user(demo_user, role)
    pks = [page.pk for name, page in tree.items() if name != "term"]
    seen = privacy.pages().viewable_by_user(user).filter(pk__in=pks)
    assert _names(tree, seen) == expected_pages(role)
    kaders = ToezichtkaderPage.objects.viewable_by_user(user).filter(pk__in=pks)
    assert _names(tree, kaders) == {n for n in expected_pages(role) if n.endswith("kader")}
    normen = NormPage.objects.viewable_by_user(user).filter(pk__in=pks)
    assert _names(tree, normen) == {n for n in expected_pages(role) if n.endswith("norm")}
    terms = Begrip.objects.viewable_by_user(user).filter(pk=tree["term"].pk)
    assert bool(terms) == (role in SUPERVISORS)


@per_role
def test_index_principals_and_queryset_never_disagree(tree, demo_user, role):
    user = _user(demo_user, role)
    held = privacy.user_principals(user)
    for name, page in tree.items():
        if name == "term":
            continue
        principals = privacy.page_principals(page)
        in_index_for_user = principals is not None and bool(held & set(principals))
        assert in_index_for_user == (name in expected_pages(role)), name


@per_role
def test_pages_are_served_only_to_who_may_see_them(client, tree, demo_user, role):
    user = _user(demo_user, role)
    if user:
        client.force_login(user)
    for name, page in tree.items():
        if name == "term":
            continue
        response = client.get(page.url)
        if name in expected_pages(role):
            assert response.status_code == 200, name
        else:
            # A login redirect, a refusal, a password form or nothing at all; the canaries
            # (checked on every response) show that none of them names the page.
            assert response.status_code in (200, 302, 403, 404), name
            if name != "password_kader":
                assert response.status_code != 200, name


@per_role
def test_public_pages_name_a_framework_only_for_who_may_see_it(client, tree, demo_user, role):
    user = _user(demo_user, role)
    if user:
        client.force_login(user)
    vorm = client.get(tree["vorm"].url).content.decode()
    assert (f"Kader {LOGIN}" in vorm) == (role in SIGNED_IN)
    procedure = client.get(tree["procedure"].url).content.decode()
    assert (f"Kader {GROUP}" in procedure) == (role in SUPERVISORS)
    old = client.get(tree["old_kader"].url).content.decode()
    assert ("Deze versie is vervangen" in old) == (role in SUPERVISORS)
    home = client.get("/").content.decode()
    # The old version is the current one for whoever may not see its successor.
    assert ("Oude versie voor de proef" in home) == (role not in SUPERVISORS)


@per_role
def test_search_finds_restricted_words_only_for_who_may_see_them(client, tree, demo_user, role):
    user = _user(demo_user, role)
    expected = {
        LOGIN: {f"Kader {LOGIN} ijsvogel", f"Norm {LOGIN} ijsvogel"} if role in SIGNED_IN else set(),
        GROUP: (
            {f"Kader {GROUP} kwikstaart", f"Norm {GROUP} kwikstaart", f"Begrip {TERM} kwikstaart"}
            if role in SUPERVISORS
            else set()
        ),
        CONCEPT_NORM: set(),
        PASSWORD: set(),
    }
    for canary, titles in expected.items():
        found = service.search(WORDS[canary], user)
        assert {r.titel for r in found.resultaten} == titles, canary
    # A public page's document is one for everyone: it carries no restricted framework as
    # context or publisher, also not for those who may see that framework.
    found = service.search("Toezichtsvorm voor de proef", user)
    vorm = next(r for r in found.resultaten if r.titel == "Toezichtsvorm voor de proef")
    assert vorm.context == ""
    labels = {w.label for f in found.facetten for w in f.waarden}
    assert f"Uitgever {LOGIN}" not in labels
    if user:
        client.force_login(user)
    for word in [*WORDS.values(), "proef"]:
        assert client.get("/zoeken/", {"q": word}).status_code == 200


KADERS = "{ toezichtkaders { titel uitgever geldigTot opvolger { titel } normen { code titel } } }"


@per_role
def test_graphql_follows_the_same_rule(client, tree, graphql, demo_user, role):
    user = _user(demo_user, role)
    data = graphql(KADERS, user=user)["data"]["toezichtkaders"]
    by_title = {k["titel"]: k for k in data}
    ours = {t for t in by_title if "proef" in t or "kanarie" in t}
    expected = {"Open kader voor de proef", "Oude versie voor de proef"}
    if role in SIGNED_IN:
        expected.add(f"Kader {LOGIN} ijsvogel")
    if role in SUPERVISORS:
        expected.add(f"Kader {GROUP} kwikstaart")
    assert ours == expected
    old = by_title["Oude versie voor de proef"]
    if role in SUPERVISORS:
        assert old["geldigTot"] == "2026-03-01" and old["opvolger"] == {"titel": f"Kader {GROUP} kwikstaart"}
    else:
        assert old["geldigTot"] is None and old["opvolger"] is None
    terms = {b["term"] for b in graphql("{ begrippen { term bron } }", user=user)["data"]["begrippen"]}
    assert (f"Begrip {TERM} kwikstaart" in terms) == (role in SUPERVISORS)
    norm = graphql('{ norm(code: "9.99.1") { code titel } }', user=user)["data"]["norm"]
    assert norm is None


@per_role
def test_navigator_pages_follow_the_rule(tree, demo_user, role):
    user = _user(demo_user, role)
    ids = {page.pk for name, page in tree.items() if name != "term"}
    assert _names(tree, zichtbare_paginas(ids, user).values()) == expected_pages(role)


def test_a_live_norm_under_an_unpublished_framework_is_nowhere(client, tree, demo_user):
    client.force_login(demo_user("beheerder"))
    assert client.get(tree["concept_norm"].url).status_code == 404
    assert privacy.page_principals(tree["concept_norm"]) is None
    assert not privacy.pages().viewable_by_user(demo_user("beheerder")).filter(pk=tree["concept_norm"].pk).exists()


def test_publishing_the_framework_brings_its_norm_back(client, tree, canaries):
    canaries.register(CONCEPT, lambda user: True)
    tree["concept_kader"].save_revision().publish()
    assert client.get(tree["concept_norm"].url).status_code == 200
    assert {r.titel for r in service.search("roerdomp", None).resultaten} == {f"Norm {CONCEPT_NORM} roerdomp"}


def test_lifting_a_restriction_counts_at_once(tree):
    PageViewRestriction.objects.filter(page=tree["login_kader"]).delete()
    found = service.search("Toezichtsvorm voor de proef", None)
    vorm = next(r for r in found.resultaten if r.titel == "Toezichtsvorm voor de proef")
    assert vorm.context == f"Kader {LOGIN} ijsvogel"
    assert privacy.visible_page(tree["login_kader"], None) is not None


def test_a_canary_in_a_response_fails_the_test(client, tree, demo_user, canaries):
    """The net itself: a response that does carry a canary to the wrong user is caught."""
    client.force_login(demo_user("toezichthouder"))
    client.get(tree["group_kader"].url)
    assert canaries.violations() == []
    canaries.check(f"Kader {GROUP}", None, "proef")
    assert len(canaries.violations()) == 1
    canaries.reset()
