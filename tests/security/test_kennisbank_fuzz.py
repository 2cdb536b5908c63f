"""Generated bad input on the kennisbank's input surfaces: never a server error."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FIELDS = ["soort", "wet", "domein", "doelgroep", "onderwerp", "pagina", "q", "print"]
text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80)
FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(params=st.dictionaries(st.sampled_from(FIELDS), text, max_size=4))
def test_kennisbank_filters_never_fail(client, seeded, params):
    response = client.get("/kennisbank/", params)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert 'role="alert"' in response.content.decode()


@FUZZ
@given(code=text, kader=st.one_of(st.none(), text))
def test_norm_lookup_never_fails(client, seeded, code, kader):
    query = "query($code: String!, $kader: ID) { norm(code: $code, toezichtkader: $kader) { code } }"
    response = client.post("/graphql/", json.dumps({"query": query,
                                                    "variables": {"code": code, "kader": kader}}),
                           content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    for error in body.get("errors", []):
        assert "Traceback" not in error["message"] and "Er ging iets mis" not in error["message"]


@FUZZ
@given(path=st.text(st.characters(codec="ascii", exclude_characters="?#"), min_size=1, max_size=60))
def test_unknown_paths_are_404_not_500(client, seeded, path):
    response = client.get("/kennisbank/" + path.lstrip("/"))
    assert response.status_code in (200, 301, 302, 400, 404)
