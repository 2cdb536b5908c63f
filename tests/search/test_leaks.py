"""Search tells nobody of a page they may not see, for every role (tests/security/every_role.py)
and on both backends: not by its results, its facets, "bedoelde u …?", title completion, nor by
how it answers a filter value.

One mix of pages, each with its own canary word: a public page, one behind a login, a
framework restricted to the probe's own group with a norm under it, a password-restricted
page (never listed to anyone), an unpublished page, a deleted page, and a live norm under an
unpublished framework. Every one of them was public once, so its words and its publisher
reached the index's word list and facet values: only the permission check keeps them out.
Who may see what is written out here per role, never asked of the code under test, and
every list is checked by its exact contents. The canaries (and the publishers' names) are
registered with the suite-wide check (tests/canary.py), so no response of these tests may
hold one for a role that may not see it.
"""

import re
from dataclasses import dataclass

import pytest
from wagtail.models import PageViewRestriction

from search import service
from tests.kennisbank.factories import KennisbronPageFactory, NormPageFactory, ToezichtkaderPageFactory
from tests.security.every_role import (
    IN_GROUP,
    ROLES,
    SIGNED_IN,
    SUPERUSER,
    for_every_role,
    restricting_group,
    role_of,
)

pytestmark = pytest.mark.django_db

EVERYONE = frozenset(ROLES)
NOBODY = frozenset()
# In the title of every fixture: the query that matches them all (and the start of their titles).
SHARED = "zeefproef"
MISSING_PUBLISHER = "bestaat-nergens"


@dataclass(frozen=True)
class Probe:
    canary: str
    kind: str
    # The publisher is named by the page itself, or (for a norm) by its framework.
    publisher: str
    seen_by: frozenset
    year: str | None = None

    @property
    def title(self):
        return f"Zeefproef {self.canary}"

    @property
    def typed(self):
        """The canary as a user mistypes it: one letter off, so the typed text holds no canary."""
        return self.canary.replace("kanarie", "kanerie")

    @property
    def organisatie(self):
        """The publisher's value in the `organisatie` facet (its name, one word, slugified)."""
        return self.publisher.lower()


# The first letters differ, so that no canary is a close match of another one's typo.
PROBES = {
    "openbaar": Probe("aalscholverkanarie", "kennisbron", "Aalscholveruitgeverij", EVERYONE),
    "inloggen": Probe("blauwborstkanarie", "kennisbron", "Blauwborstgenootschap", SIGNED_IN),
    "groep": Probe("grauwgorskanarie", "toezichtkader", "Grauwgorsstichting", IN_GROUP, "2025"),
    "groepsnorm": Probe("fitiskanarie", "norm", "Grauwgorsstichting", IN_GROUP, "2025"),
    "wachtwoord": Probe("paapjeskanarie", "kennisbron", "Paapjesvereniging", NOBODY),
    "ingetrokken": Probe("reigerkanarie", "kennisbron", "Reigerstichting", NOBODY),
    "verwijderd": Probe("kiekendiefkanarie", "kennisbron", "Kiekendiefgroep", NOBODY),
    "conceptkader": Probe("ooievaarkanarie", "toezichtkader", "Ooievaarinstituut", NOBODY, "2025"),
    "onder_concept": Probe("lepelaarkanarie", "norm", "Ooievaarinstituut", NOBODY, "2025"),
}
PUBLISHERS = sorted({probe.organisatie for probe in PROBES.values()})


def visible(role):
    return {name for name, probe in PROBES.items() if role in probe.seen_by}


def expected_facets(role):
    """{facet: {value: count}} over the fixtures this role may see."""
    facets = {}
    for name in visible(role):
        probe = PROBES[name]
        for facet, value in (("soort", probe.kind), ("organisatie", probe.organisatie), ("jaar", probe.year)):
            if value is not None:
                counts = facets.setdefault(facet, {})
                counts[value] = counts.get(value, 0) + 1
    return facets


def _titles(names):
    return sorted(PROBES[name].title for name in names)


def expected_suggestion(role, name):
    return PROBES[name].canary if name in visible(role) else ""


def _kennisbron(name):
    probe = PROBES[name]
    return KennisbronPageFactory(
        title=probe.title,
        slug=f"zeefproef-{name}",
        samenvatting=f"Notitie over de {probe.canary}.",
        uitgever=probe.publisher,
    )


def _kader(name, **kwargs):
    probe = PROBES[name]
    return ToezichtkaderPageFactory(
        title=probe.title,
        slug=f"zeefproef-{name}",
        samenvatting=f"Kader over de {probe.canary}.",
        uitgever=probe.publisher,
        **kwargs,
    )


def _norm(name, kader, code):
    return NormPageFactory(parent=kader, code=code, stelling=PROBES[name].title, slug=f"zeefproef-{name}")


def _restrict(page, kind, **kwargs):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, **kwargs)


@pytest.fixture
def mix(backend, canaries, demo_user, django_capture_on_commit_callbacks):
    """The search key of each probe's page."""
    group = restricting_group()
    with django_capture_on_commit_callbacks(execute=True):
        pages = {
            name: _kennisbron(name) for name in ("openbaar", "inloggen", "wachtwoord", "ingetrokken", "verwijderd")
        }
        pages["groep"] = _kader("groep")
        pages["groepsnorm"] = _norm("groepsnorm", pages["groep"], "5.1.1")
        pages["conceptkader"] = _kader("conceptkader")
        pages["onder_concept"] = _norm("onder_concept", pages["conceptkader"], "5.2.1")
        for page in pages.values():
            page.save_revision().publish()
    keys = {name: f"page:{page.pk}" for name, page in pages.items()}
    # Before anything is hidden the superuser finds every fixture: what is kept out later is
    # kept out by the permission check, not because it was never indexed.
    before = service.search(SHARED, demo_user(SUPERUSER), per_pagina=50)
    assert _keys(before) == set(keys.values())
    with django_capture_on_commit_callbacks(execute=True):
        _restrict(pages["inloggen"], PageViewRestriction.LOGIN)
        _restrict(pages["groep"], PageViewRestriction.GROUPS).groups.add(group)
        _restrict(pages["wachtwoord"], PageViewRestriction.PASSWORD, password="zeef-1234")
        pages["ingetrokken"].unpublish()
        pages["verwijderd"].delete()
        # The norm itself stays live; only its framework is taken back.
        pages["conceptkader"].unpublish()
    pages["onder_concept"].refresh_from_db()
    assert pages["onder_concept"].live

    for probe in PROBES.values():
        if probe.seen_by != EVERYONE:
            for word in (probe.canary, probe.publisher):
                canaries.register(word, _may_see(word))
    return keys


def _may_see(word):
    """Who may see a canary word or a publisher's name: whoever may see a page that holds it."""
    roles = set().union(*(p.seen_by for p in PROBES.values() if word in (p.canary, p.publisher)))

    def may_see(user):
        return role_of(user) in roles

    return may_see


def _facet_counts(facetten):
    return {f.naam: {w.waarde: w.aantal for w in f.waarden} for f in facetten}


def _keys(outcome):
    return {r.key for r in outcome.resultaten}


def _refusal(user, value):
    with pytest.raises(service.ZoekFout) as refused:
        service.search(SHARED, user, filters={"organisatie": [value]})
    return str(refused.value).replace(value, "…")


def filtered(role, value):
    """The fixtures a filter on this publisher shows to this role (none: it is refused)."""
    return {name for name in visible(role) if PROBES[name].organisatie == value}


@for_every_role
def test_the_service_shows_each_role_exactly_what_it_may_see(mix, demo_user, role, user):
    # One test for the three probes: building the mix is what costs, not the searches.
    outcome = service.search(SHARED, user, per_pagina=50)
    expected = {mix[name] for name in visible(role)}
    assert (_keys(outcome), outcome.totaal) == (expected, len(expected))
    assert _facet_counts(outcome.facetten) == expected_facets(role)
    completed = service.autocomplete(SHARED, user)
    assert sorted(c["titel"] for c in completed) == _titles(visible(role))

    typed = {name: service.search(probe.typed, user) for name, probe in PROBES.items()}
    assert {name: outcome.suggestie for name, outcome in typed.items()} == {
        name: expected_suggestion(role, name) for name in PROBES
    }
    assert {name: outcome.totaal for name, outcome in typed.items()} == dict.fromkeys(PROBES, 0)

    missing = _refusal(user, MISSING_PUBLISHER)
    assert missing == "Onbekende waarde voor organisatie: …."
    for value in PUBLISHERS:
        shown = filtered(role, value)
        if shown:
            outcome = service.search(SHARED, user, filters={"organisatie": [value]}, per_pagina=50)
            assert _keys(outcome) == {mix[name] for name in shown}, value
        else:
            assert _refusal(user, value) == missing, value


# Each mistyped canary, in one query: the suggestion replaces exactly the words the role could find.
ALL_TYPED = " ".join(probe.typed for probe in PROBES.values())


def expected_combined_suggestion(role):
    return " ".join(expected_suggestion(role, name) or probe.typed for name, probe in PROBES.items())


RESULTS = re.compile(r'<ol class="portal-results"[^>]*>(.*?)</ol>', re.S)
RESULT_TITLE = re.compile(r"<h3>(?:<a [^>]*>)?(?:<span class=\"portal-code\">[^<]*</span>)?([^<]*)")
FACET_VALUE = re.compile(r'type="checkbox" name="(\w+)" value="([^"]*)"[^>]*>[^<]*<span class="portal-meta">\((\d+)\)')
SUGGESTION = re.compile(r'Bedoelde u:\s*<a class="utrecht-link" href="[^"]*">([^<]*)</a>')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _page(client, query, **filters):
    response = client.get("/zoeken/", {"q": query, **filters})
    return response.status_code, response.content.decode()


def _page_titles(html):
    return sorted(RESULT_TITLE.findall(RESULTS.search(html).group(1)))


def _page_facets(html):
    facets = {}
    for facet, value, count in FACET_VALUE.findall(html):
        facets.setdefault(facet, {})[value] = int(count)
    return facets


def _page_refusal(client, value):
    status, html = _page(client, SHARED, organisatie=value)
    return status, CSRF.sub("", html).replace(value, "…")


@for_every_role
def test_the_search_page_shows_exactly_what_the_role_may_see(client, mix, demo_user, role, user):
    status, html = _page(client, SHARED)
    assert status == 200
    assert _page_titles(html) == _titles(visible(role))
    assert _page_facets(html) == expected_facets(role)

    status, html = _page(client, ALL_TYPED)
    assert (status, SUGGESTION.findall(html)) == (200, [expected_combined_suggestion(role)])

    completed = client.get("/zoeken/suggesties/", {"q": SHARED}).json()["resultaten"]
    assert sorted(c["titel"] for c in completed) == _titles(visible(role))

    missing = _page_refusal(client, MISSING_PUBLISHER)
    assert missing[0] == 400
    assert "Onbekende waarde voor organisatie: …." in missing[1]
    for value in PUBLISHERS:
        shown = filtered(role, value)
        if shown:
            status, html = _page(client, SHARED, organisatie=value)
            assert (status, _page_titles(html)) == (200, _titles(shown)), value
        else:
            assert _page_refusal(client, value) == missing, value


ZOEKEN = """
query($q: String!, $filters: ZoekFilters) {
  zoeken(zoekterm: $q, eerste: 50, filters: $filters) {
    totaal suggestie resultaten { titel } facetten { naam waarden { waarde aantal } }
  }
}"""


def _graphql_refusal(graphql, value):
    return str(graphql(ZOEKEN, {"q": SHARED, "filters": {"organisatie": [value]}})).replace(value, "…")


@for_every_role
def test_graphql_answers_exactly_what_the_role_may_see(client, graphql, mix, demo_user, role, user):
    found = graphql(ZOEKEN, {"q": SHARED})["data"]["zoeken"]
    titles = _titles(visible(role))
    assert (sorted(r["titel"] for r in found["resultaten"]), found["totaal"]) == (titles, len(titles))
    facets = {f["naam"]: {w["waarde"]: w["aantal"] for w in f["waarden"]} for f in found["facetten"]}
    assert facets == expected_facets(role)

    typed = graphql(ZOEKEN, {"q": ALL_TYPED})["data"]["zoeken"]
    assert (typed["totaal"], typed["suggestie"]) == (0, expected_combined_suggestion(role))

    missing = _graphql_refusal(graphql, MISSING_PUBLISHER)
    assert "Onbekende waarde voor organisatie: …." in missing
    for value in PUBLISHERS:
        shown = filtered(role, value)
        if shown:
            answer = graphql(ZOEKEN, {"q": SHARED, "filters": {"organisatie": [value]}})["data"]["zoeken"]
            assert sorted(r["titel"] for r in answer["resultaten"]) == _titles(shown), value
        else:
            assert _graphql_refusal(graphql, value) == missing, value
