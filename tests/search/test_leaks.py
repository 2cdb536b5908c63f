"""Search tells nothing about pages a user may not see: not by "bedoelde u …?", not by the
answer to a filter value. Each hidden fixture carries a canary word that no answer may hold;
the canaries are registered with the suite-wide check (tests/canary.py) as well, so every
response of these tests is searched for them.
"""

from django.contrib.auth.models import AnonymousUser

import pytest
from wagtail.models import PageViewRestriction

from kennisbank.models import KennisbankIndexPage, KennisbronPage
from search import service

RESTRICTED_CANARY = "kraanvogelkanarie"
UNPUBLISHED_CANARY = "reigerkanarie"
DELETED_CANARY = "kiekendiefkanarie"
# The canaries and the publishers' names (the queries typed hold only part of a canary).
CANARIES = (
    RESTRICTED_CANARY,
    UNPUBLISHED_CANARY,
    DELETED_CANARY,
    "genootschap",
    "reigerstichting",
    "kiekendiefgroep",
    "besloten notitie",
    "concept notitie",
)
RESTRICTED_PUBLISHER = "geheim-genootschap-kraanvogel"
UNPUBLISHED_PUBLISHER = "reigerstichting"


def _publish(index, title, canary, publisher):
    page = KennisbronPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        samenvatting=f"Notitie over de {canary} in het sociaal domein.",
        uitgever=publisher,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _signed_in(user):
    return bool(user is not None and user.is_authenticated)


@pytest.fixture
def hidden(backend, django_capture_on_commit_callbacks, canaries):
    """A login-restricted page, an unpublished one and a deleted one, each with its canary;
    all three were public once, so their words reached the index's word list."""
    # Written as the pages show them (the check is exact); the typed queries hold only part
    # of a canary, so an echoed query never matches.
    for word in (RESTRICTED_CANARY, "Besloten notitie", "Geheim Genootschap Kraanvogel"):
        canaries.register(word, _signed_in)
    for word in (UNPUBLISHED_CANARY, DELETED_CANARY, "Concept notitie", "Vervallen notitie"):
        canaries.register(word, lambda user: False)
    for word in ("Reigerstichting", "Kiekendiefgroep"):
        canaries.register(word, lambda user: False)
    index = KennisbankIndexPage.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        restricted = _publish(index, "Besloten notitie", RESTRICTED_CANARY, "Geheim Genootschap Kraanvogel")
        PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
        _publish(index, "Concept notitie", UNPUBLISHED_CANARY, "Reigerstichting").unpublish()
        _publish(index, "Vervallen notitie", DELETED_CANARY, "Kiekendiefgroep").delete()
    return restricted


def assert_no_canary(text):
    found = [c for c in CANARIES if c in text.lower()]
    assert not found, f"{found} in {text[:300]!r}"


def test_suggestion_never_proposes_a_word_of_a_restricted_page(hidden, search_as, demo_user):
    anonymous = search_as("kraanvogelkanari")
    assert (anonymous.totaal, anonymous.suggestie) == (0, "")
    signed_in = search_as("kraanvogelkanari", demo_user("toezichthouder"))
    assert signed_in.suggestie == RESTRICTED_CANARY


@pytest.mark.parametrize("typo", ["reigerkanari", "kiekendiefkanari"])
def test_suggestion_forgets_unpublished_and_deleted_pages(hidden, search_as, admin_user, typo):
    for user in (None, admin_user):
        outcome = search_as(typo, user)
        assert (outcome.totaal, outcome.suggestie) == (0, "")


def test_the_page_and_graphql_hold_no_canary(hidden, client, graphql):
    for query in ("kraanvogelkanari", "reigerkanari", "kiekendiefkanari", "notitie"):
        response = client.get("/zoeken/", {"q": query})
        assert response.status_code == 200
        assert_no_canary(response.content.decode())
        answer = graphql(
            "query($q: String!) { zoeken(zoekterm: $q) { totaal suggestie "
            "resultaten { titel fragment } facetten { waarden { waarde label } } "
            "} }",
            {"q": query},
        )
        assert_no_canary(str(answer))


def _refusal(search, value, user=None):
    with pytest.raises(service.ZoekFout) as refused:
        search("notitie", user, filters={"organisatie": [value]})
    return str(refused.value).replace(value, "…")


def test_a_publisher_only_on_hidden_pages_is_refused_like_one_that_does_not_exist(
    hidden, search_as, demo_user, admin_user
):
    nowhere = _refusal(search_as, "bestaat-nergens")
    assert _refusal(search_as, RESTRICTED_PUBLISHER) == nowhere
    assert _refusal(search_as, UNPUBLISHED_PUBLISHER) == nowhere
    assert _refusal(search_as, UNPUBLISHED_PUBLISHER, admin_user) == nowhere
    allowed = search_as("notitie", demo_user("toezichthouder"), filters={"organisatie": [RESTRICTED_PUBLISHER]})
    assert [r.titel for r in allowed.resultaten] == ["Besloten notitie"]


def test_the_search_page_answers_a_hidden_publisher_as_a_missing_one(hidden, client):
    answers = []
    for value in (RESTRICTED_PUBLISHER, "bestaat-nergens-meer"):
        response = client.get("/zoeken/", {"q": "notitie", "organisatie": value})
        answers.append((response.status_code, response.content.decode().replace(value, "…")))
    assert answers[0] == answers[1]
    assert answers[0][0] == 400


def test_anonymous_sees_only_the_public_notes(hidden, search_as):
    outcome = search_as("notitie", AnonymousUser(), per_pagina=50)
    assert [r.titel for r in outcome.resultaten if "notitie" in r.titel.lower()] == []
