"""Nothing is held between searches: every write counts from the very next search.

Ported from the tests of the per-process snapshot that the database's full-text engine
replaced: a restriction, an unpublished page, a written or deleted document, and a synonym
saved anywhere count at once; a rolled-back write leaves no trace.
"""

from django.contrib.auth.models import AnonymousUser, Group
from django.db import transaction

import pytest
from wagtail.models import PageViewRestriction

from kennisbank.models import KennisbronPage, NormPage
from portal import versies
from search import analysis, service
from search.indexing import delete_document, write_document
from search.models import Synoniem
from search.registry import IndexDocument

from .conftest import titles, use_database


@pytest.fixture
def database(settings, seeded):
    use_database(settings)


def codes(query, user=None):
    return [r.code for r in service.search(query, user or AnonymousUser(), per_pagina=100).resultaten]


def kompas(**kwargs):
    return IndexDocument(
        soort="kennisbron",
        soort_label="Kennisbron",
        titel="Wijkteamkompas",
        url="/k/",
        tekst="Een kompas voor wijkteams.",
        principals=["public"],
        **kwargs,
    )


def test_restricting_a_page_hides_it_from_the_next_search(database, demo_user, django_capture_on_commit_callbacks):
    assert "2.2.2" in codes("meldcode huiselijk geweld kindermishandeling")
    norm = NormPage.objects.get(code="2.2.2")
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=norm, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.set([Group.objects.get(name="Toezichthouder")])
    assert "2.2.2" not in codes("meldcode huiselijk geweld kindermishandeling")
    assert "2.2.2" not in codes("2.2.2")
    assert "2.2.2" in codes("2.2.2", demo_user("toezichthouder"))


def test_written_and_deleted_documents_show_at_once(database):
    assert titles(service.search("wijkteamkompas", AnonymousUser())) == []
    write_document("test:kompas", kompas(facetten={"wet": [("jeugdwet", "Jeugdwet")]}))
    found = service.search("wijkteamkompas", AnonymousUser())
    assert titles(found) == ["Wijkteamkompas"]
    wet = next(f for f in found.facetten if f.naam == "wet")
    assert [(w.label, w.aantal) for w in wet.waarden] == [("Jeugdwet", 1)]
    delete_document("test:kompas")
    assert titles(service.search("wijkteamkompas", AnonymousUser())) == []


def test_rewriting_a_document_replaces_its_words(database):
    write_document("test:kompas", kompas())
    write_document(
        "test:kompas",
        IndexDocument(
            soort="kennisbron",
            soort_label="Kennisbron",
            titel="Buurtkompas",
            url="/k/",
            tekst="Een kompas voor buurten.",
            principals=["public"],
        ),
    )
    # Other documents (the practice case) speak of wijkteams; this one no longer does. (Its old
    # title still finds it through the part "kompas" of the compound, as any word would.)
    assert "test:kompas" not in {r.key for r in service.search("wijkteams", AnonymousUser()).resultaten}
    assert titles(service.search("buurtkompas", AnonymousUser())) == ["Buurtkompas"]


def test_a_rolled_back_write_leaves_no_trace(database):
    with pytest.raises(RuntimeError), transaction.atomic():
        write_document("test:kompas", kompas())
        assert titles(service.search("wijkteamkompas", AnonymousUser())) == ["Wijkteamkompas"]
        raise RuntimeError("terugdraaien")
    assert titles(service.search("wijkteamkompas", AnonymousUser())) == []


def test_unpublished_page_is_gone_from_the_next_search(database, django_capture_on_commit_callbacks):
    assert "Veiligheidshuizen" in titles(service.search("veiligheidshuizen", AnonymousUser()))
    with django_capture_on_commit_callbacks(execute=True):
        KennisbronPage.objects.get(title="Veiligheidshuizen").unpublish()
    assert "Veiligheidshuizen" not in titles(service.search("veiligheidshuizen", AnonymousUser()))


def test_index_writes_leave_the_version_rows_alone(database):
    before = list(versies.Gegevensversie.objects.order_by("naam").values_list("naam", "token"))
    write_document("test:kompas", kompas())
    delete_document("test:kompas")
    after = list(versies.Gegevensversie.objects.order_by("naam").values_list("naam", "token"))
    assert after == before


def test_a_search_reads_no_whole_table(database):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        found = service.search("calamiteiten melden", AnonymousUser())
    assert found.totaal > 0
    # The match, the permission check, the counts and the page: one statement.
    matching = [q["sql"] for q in context.captured_queries if "MATCH" in q["sql"] or "@@" in q["sql"]]
    assert len([sql for sql in matching if "UNION ALL" in sql]) == 1


def test_a_synonym_saved_by_another_process_counts_at_the_next_search(database, django_capture_on_commit_callbacks):
    write_document("test:kompas", kompas())
    assert titles(service.search("wtkompas", AnonymousUser())) == []
    analysis.synonyms()
    # Another process saves the synonym: its rows and the synonym version in the database,
    # none of this process's signals.
    Synoniem.objects.bulk_create([Synoniem(term="wijkteamkompas", varianten="wtkompas")])
    assert titles(service.search("wtkompas", AnonymousUser())) == []
    analysis.synonyms_changed()
    write_document("test:kompas", kompas())
    assert titles(service.search("wtkompas", AnonymousUser())) == ["Wijkteamkompas"]


def test_saving_a_synonym_reindexes_the_documents_that_use_it(database, django_capture_on_commit_callbacks):
    assert "Veiligheidshuizen" not in titles(service.search("vhuizen", AnonymousUser()))
    with django_capture_on_commit_callbacks(execute=True):
        synoniem = Synoniem.objects.create(term="vhuizen", varianten="veiligheidshuizen")
    assert "Veiligheidshuizen" in titles(service.search("vhuizen", AnonymousUser()))
    # A spelling taken out: the documents that used it lose the synonym's token too.
    with django_capture_on_commit_callbacks(execute=True):
        synoniem.varianten = "ketenkwartier"
        synoniem.save()
    assert "Veiligheidshuizen" not in titles(service.search("vhuizen", AnonymousUser()))


def _planner_settings(cursor):
    from django.db import connection

    if connection.vendor == "postgresql":
        cursor.execute("SELECT name, setting FROM pg_settings WHERE category LIKE 'Query Tuning%%' ORDER BY name")
        return cursor.fetchall()
    settings = []
    for pragma in ("query_only", "foreign_keys", "recursive_triggers", "case_sensitive_like", "automatic_index"):
        cursor.execute(f"PRAGMA {pragma}")
        settings.append((pragma, cursor.fetchone()))
    return settings


def test_a_search_inside_a_transaction_leaves_its_planner_settings_alone(database):
    """A search often runs inside a caller's transaction (a GraphQL request, a mutation); a
    planner setting it changes for itself must not price that caller's later statements."""
    from django.db import connection

    with transaction.atomic(), connection.cursor() as cursor:
        before = _planner_settings(cursor)
        assert service.search("calamiteiten melden", AnonymousUser()).totaal > 0
        assert _planner_settings(cursor) == before


def test_a_search_reads_no_long_list_of_unindexed_writes(database):
    """Each engine keeps what a search must read besides its index small: PostgreSQL's GIN
    indexes have a pending list of at most 64 kB (search/migrations/0010); SQLite's FTS5
    table is updated by its triggers at each write, with no list beside it."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT relname, reloptions FROM pg_class WHERE relname IN "
                "('search_document_zoekvector', 'search_document_titelvector') ORDER BY relname"
            )
            assert cursor.fetchall() == [
                ("search_document_titelvector", ["gin_pending_list_limit=64"]),
                ("search_document_zoekvector", ["gin_pending_list_limit=64"]),
            ]
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'search_searchdocument'"
            )
            triggers = {name for (name,) in cursor.fetchall()}
            assert triggers == {"search_fts_ai", "search_fts_ad", "search_fts_au"}
