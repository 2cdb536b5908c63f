"""The database backend's in-memory snapshot never outlives the index version it was read from."""

from django.contrib.auth.models import AnonymousUser, Group
from django.db import transaction

import pytest
from wagtail.models import PageViewRestriction

from kennisbank.models import KennisbronPage, NormPage
from portal import versies
from search import service, snapshot
from search.indexing import delete_document, write_document
from search.registry import IndexDocument

from .conftest import titles, use_database


@pytest.fixture
def database(settings, seeded):
    use_database(settings)


def codes(query, user=None):
    return [r.code for r in service.search(query, user or AnonymousUser(), per_pagina=100)
            .resultaten]


def test_restricting_a_page_hides_it_from_the_next_search(database, demo_user,
                                                          django_capture_on_commit_callbacks):
    assert "2.2.2" in codes("meldcode huiselijk geweld kindermishandeling")
    before = versies.token(snapshot.VERSIE)
    norm = NormPage.objects.get(code="2.2.2")
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=norm, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.set([Group.objects.get(name="Toezichthouder")])
    assert versies.token(snapshot.VERSIE) != before
    assert "2.2.2" not in codes("meldcode huiselijk geweld kindermishandeling")
    assert "2.2.2" not in codes("2.2.2")
    assert "2.2.2" in codes("2.2.2", demo_user("toezichthouder"))


def test_written_and_deleted_documents_show_at_once(database):
    assert titles(service.search("wijkteamkompas", AnonymousUser())) == []
    write_document("test:kompas", IndexDocument(
        soort="kennisbron", soort_label="Kennisbron", titel="Wijkteamkompas", url="/k/",
        tekst="Een kompas voor wijkteams.", principals=["public"],
        facetten={"wet": [("jeugdwet", "Jeugdwet")]}))
    found = service.search("wijkteamkompas", AnonymousUser())
    assert titles(found) == ["Wijkteamkompas"]
    wet = next(f for f in found.facetten if f.naam == "wet")
    assert [(w.label, w.aantal) for w in wet.waarden] == [("Jeugdwet", 1)]
    delete_document("test:kompas")
    assert titles(service.search("wijkteamkompas", AnonymousUser())) == []


def test_a_rolled_back_write_leaves_no_trace(database):
    with pytest.raises(RuntimeError), transaction.atomic():
        write_document("test:kompas", IndexDocument(
            soort="kennisbron", soort_label="Kennisbron", titel="Wijkteamkompas", url="/k/",
            tekst="Een kompas voor wijkteams.", principals=["public"]))
        assert titles(service.search("wijkteamkompas", AnonymousUser())) == ["Wijkteamkompas"]
        raise RuntimeError("terugdraaien")
    assert titles(service.search("wijkteamkompas", AnonymousUser())) == []


def test_results_are_the_same_when_postings_do_not_fit(database, settings):
    query = "toezicht kwaliteit"
    expected = service.search(query, AnonymousUser(), per_pagina=50)
    settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "MEMORY_POSTINGS": 1}
    snapshot.mark_changed()
    squeezed = service.search(query, AnonymousUser(), per_pagina=50)
    assert squeezed.totaal == expected.totaal > 10
    assert titles(squeezed) == titles(expected)
    assert squeezed.facetten == expected.facetten
    held = snapshot.current()
    assert held._held <= max(len(p) for p in held._postings.values())


def test_a_warm_search_does_not_read_postings_permissions_or_facets(database):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    service.search("calamiteiten melden", AnonymousUser())
    with CaptureQueriesContext(connection) as context:
        again = service.search("calamiteiten melden", AnonymousUser())
    assert again.totaal > 0
    tables = ("search_searchposting", "search_searchfacet", "search_searchprincipal")
    read = [q["sql"] for q in context.captured_queries if any(t in q["sql"] for t in tables)]
    # Only the hits shown are read back, with the permission check, from the table.
    assert len(read) == 1 and "search_searchprincipal" in read[0]


def test_unpublished_page_is_gone_from_a_warm_snapshot(database,
                                                       django_capture_on_commit_callbacks):
    assert "Veiligheidshuizen" in titles(service.search("veiligheidshuizen", AnonymousUser()))
    with django_capture_on_commit_callbacks(execute=True):
        KennisbronPage.objects.get(title="Veiligheidshuizen").unpublish()
    assert "Veiligheidshuizen" not in titles(service.search("veiligheidshuizen",
                                                            AnonymousUser()))
