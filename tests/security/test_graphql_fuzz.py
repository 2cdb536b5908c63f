"""Generated bad input on the GraphQL endpoint: never a server error, never English or Python."""

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
ENGLISH = re.compile(
    r"\b(cannot|must|expected|unexpected|invalid|unknown|provided|object of|"
    r"literal|Syntax Error|Traceback|not defined|got)\b",
    re.IGNORECASE,
)
PIECES = [
    "{",
    "}",
    "(",
    ")",
    ":",
    "...",
    "$x",
    "@skip",
    '"',
    "1",
    "1.5",
    "true",
    "null",
    "[",
    "]",
    "wetten",
    "naam",
    "norm",
    "code",
    "toezichtkader",
    "id",
    "titel",
    "zoeken",
    "zoekterm",
    "fragment F on Wet",
    "F",
    "query",
    "mutation",
    "alias:",
    "__typename",
    "opvolger",
    "toezichtkaders",
    "normen",
    "query($x: String!)",
    "ID",
]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=6,
)


def _without_names(message):
    return re.sub(r"'[^']*'|\"[^\"]*\"", "", message)


@FUZZ
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=25))
def test_generated_documents_answer_dutch(client, seeded, pieces):
    response = client.post("/graphql/", json.dumps({"query": " ".join(pieces)}), content_type="application/json")
    assert response.status_code in (200, 400), response.content[:300]
    for error in response.json().get("errors", []):
        assert not ENGLISH.search(_without_names(error["message"])), error["message"]


@FUZZ
@given(code=json_values, kader=json_values)
def test_generated_variables_answer_dutch(client, seeded, code, kader):
    query = "query($code: String!, $kader: ID) { norm(code: $code, toezichtkader: $kader) { code } }"
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": {"code": code, "kader": kader}}),
        content_type="application/json",
    )
    assert response.status_code in (200, 400), response.content[:300]
    for error in response.json().get("errors", []):
        message = _without_names(error["message"])
        assert not ENGLISH.search(message), error["message"]
        assert "Er ging iets mis" not in message
