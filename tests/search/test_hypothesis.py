"""Generated queries on both backends: never a server error, always a Dutch answer."""

from django.contrib.auth.models import AnonymousUser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import service

SYNTAX = st.sampled_from(
    [
        '"',
        "'",
        "(",
        ")",
        "*",
        "?",
        "~",
        "^",
        ":",
        "\\",
        "/",
        "-",
        "+",
        "AND",
        "OR",
        "NOT",
        "--",
        ";",
        "%",
        "_",
        "[",
        "]",
        "{",
        "}",
        "DROP TABLE",
        "2.2.2",
        "cliënt",
        "IGJ",
        "wmo",
        "\x00",
        "\u200b",
    ]
)
QUERIES = st.one_of(
    st.text(max_size=600),
    st.lists(st.one_of(SYNTAX, st.text(alphabet=st.characters(codec="utf-8"), max_size=12)), max_size=20).map(" ".join),
)
FILTERS = st.dictionaries(
    st.sampled_from(["soort", "wet", "jaar", "onbekend"]), st.lists(st.text(max_size=20), max_size=3), max_size=2
)

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(query=QUERIES, filters=FILTERS, pagina=st.integers(min_value=-2, max_value=2000))
def test_generated_queries_never_fail(backend, query, filters, pagina):
    try:
        outcome = service.search(query, AnonymousUser(), filters, pagina)
    except service.ZoekFout as exc:
        assert str(exc)
    else:
        assert outcome.totaal >= len(outcome.resultaten)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=QUERIES)
def test_generated_queries_on_the_page(backend, client, query):
    response = client.get("/zoeken/", {"q": query})
    assert response.status_code in (200, 400)
