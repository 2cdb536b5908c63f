"""Probe of issue 8: "Bedoelde u …?" (the search page, GraphQL `suggestie` and the service)
proposes a word that occurs only in a norm under an UNPUBLISHED framework to nobody, and a
word that occurs only in a norm under a GROUP-restricted framework only to who may see that
norm: the group's member and the superuser. A word of a public norm, typed the same way, is
proposed to everyone, so a suggestion that is never made cannot pass for a safe one.

Both hidden words were public once (the framework was published, then unpublished or
restricted), so they are in the index's word list: only the permission check keeps them out.
"""

import pytest
from wagtail.models import PageViewRestriction

from search import service
from tests.kennisbank.factories import NormPageFactory, ToezichtkaderPageFactory
from tests.security.every_role import IN_GROUP, for_every_role, restricting_group, role_of

pytestmark = pytest.mark.django_db

CONCEPT_WORD = "lepelaarkanarie"
GROUP_WORD = "grauwgorskanarie"
PUBLIC_WORD = "kluutvogelnest"
# What a user types: one letter wrong, so that the typed text never holds a canary itself.
TYPED = {CONCEPT_WORD: "lepelaarkanerie", GROUP_WORD: "grauwgorskanerie", PUBLIC_WORD: "kluutvogelnast"}
SUGGESTIE = "query($q: String!) { zoeken(zoekterm: $q) { totaal suggestie } }"


def _publish(*pages):
    for page in pages:
        page.save_revision().publish()


@pytest.fixture
def words(seeded, settings, canaries, demo_user):
    settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "BACKEND": "database", "ELASTICSEARCH_URL": ""}
    group = restricting_group()
    open_kader = ToezichtkaderPageFactory(title="Open kader van de suggestieproef")
    open_norm = NormPageFactory(parent=open_kader, code="7.1.1", stelling=f"De {PUBLIC_WORD} wordt genoemd.")
    concept_kader = ToezichtkaderPageFactory(title="Later ingetrokken kader van de suggestieproef")
    concept_norm = NormPageFactory(parent=concept_kader, code="7.2.1", stelling=f"De {CONCEPT_WORD} wordt genoemd.")
    group_kader = ToezichtkaderPageFactory(title="Later besloten kader van de suggestieproef")
    group_norm = NormPageFactory(parent=group_kader, code="7.3.1", stelling=f"De {GROUP_WORD} wordt genoemd.")
    _publish(open_kader, open_norm, concept_kader, concept_norm, group_kader, group_norm)
    for word in (CONCEPT_WORD, GROUP_WORD):
        assert service.search(TYPED[word], demo_user("beheerder")).suggestie == word
    # The norm itself stays live; only its framework is taken back.
    concept_kader.unpublish()
    concept_norm.refresh_from_db()
    assert concept_norm.live
    restriction = PageViewRestriction.objects.create(page=group_kader, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    canaries.register(CONCEPT_WORD, lambda user: False)
    canaries.register(GROUP_WORD, lambda user: role_of(user) in IN_GROUP)


def expected_suggestions(role):
    proposed = {TYPED[PUBLIC_WORD]: PUBLIC_WORD, TYPED[CONCEPT_WORD]: "", TYPED[GROUP_WORD]: ""}
    if role in IN_GROUP:
        proposed[TYPED[GROUP_WORD]] = GROUP_WORD
    return proposed


@for_every_role
def test_the_service_proposes_only_words_the_user_could_find(words, demo_user, role, user):
    found = {typed: service.search(typed, user) for typed in TYPED.values()}
    assert {typed: outcome.suggestie for typed, outcome in found.items()} == expected_suggestions(role)
    assert {typed: outcome.totaal for typed, outcome in found.items()} == dict.fromkeys(TYPED.values(), 0)


@for_every_role
def test_the_search_page_proposes_only_words_the_user_could_find(client, words, demo_user, role, user):
    for typed, proposed in expected_suggestions(role).items():
        response = client.get("/zoeken/", {"q": typed})
        assert response.status_code == 200
        html = response.content.decode()
        assert ("Bedoelde u:" in html) == bool(proposed), typed
        if proposed:
            assert f"?q={proposed}" in html, typed


@for_every_role
def test_graphql_proposes_only_words_the_user_could_find(client, graphql, words, demo_user, role, user):
    answers = {typed: graphql(SUGGESTIE, {"q": typed})["data"]["zoeken"] for typed in TYPED.values()}
    expected = expected_suggestions(role)
    assert answers == {typed: {"totaal": 0, "suggestie": proposed or None} for typed, proposed in expected.items()}
