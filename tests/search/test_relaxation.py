"""When no document holds every word: the documents with most of the words, on both backends."""

from django.contrib.auth.models import AnonymousUser

import pytest

from search import engine, service
from search.indexing import write_document
from search.registry import IndexDocument

from .conftest import titles

# Made-up words, so that no seeded page takes part.
WORDS = ["zwirrel", "plonkas", "trevaan", "gribbel"]


def document(key, titel, words):
    write_document(
        key,
        IndexDocument(
            soort="kennisbron",
            soort_label="Kennisbron",
            titel=titel,
            url=f"/{key}/",
            tekst=" ".join(["Een tekst over", *words, "en verder niets."]),
            principals=["public"],
        ),
    )
    engine.send(key)


@pytest.mark.parametrize(
    ("groups", "steps"),
    [(1, []), (2, [1]), (3, [2, 1]), (4, [3, 2, 1]), (5, [4, 3, 1]), (6, [5, 3, 1]), (10, [9, 1]), (20, [19, 1])],
)
def test_a_wider_search_asks_for_most_words_first(groups, steps):
    assert service.relaxations(groups) == steps


def test_documents_with_most_of_the_words_come_instead_of_loose_matches(backend):
    document("test:drie", "Drie woorden", WORDS[:3])
    document("test:twee", "Twee woorden", WORDS[1:3])
    document("test:een", "Een woord", WORDS[3:])
    found = service.search(" ".join(WORDS), AnonymousUser())
    # No document holds all four; one holds three: only that one, and the user is told.
    assert titles(found) == ["Drie woorden"]
    assert found.ruim_gezocht
    assert found.totaal == 1
    found = service.search(" ".join(WORDS[1:]), AnonymousUser())
    assert sorted(titles(found)) == ["Drie woorden", "Twee woorden"]
    assert found.ruim_gezocht


def test_any_word_is_the_last_step(backend):
    document("test:een", "Een woord", WORDS[:1])
    document("test:ander", "Ander woord", WORDS[3:])
    found = service.search(" ".join(WORDS), AnonymousUser())
    assert sorted(titles(found)) == ["Ander woord", "Een woord"]
    assert found.ruim_gezocht


def test_every_word_found_is_not_a_wider_search(backend):
    document("test:alles", "Alle woorden", WORDS)
    document("test:drie", "Drie woorden", WORDS[:3])
    found = service.search(" ".join(WORDS), AnonymousUser())
    assert titles(found) == ["Alle woorden"]
    assert not found.ruim_gezocht
