"""Generated bad input on the kennisbank's input surfaces: never a server error."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FIELDS = ["soort", "wet", "domein", "doelgroep", "onderwerp", "pagina", "q", "print"]
text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80)
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


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
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": {"code": code, "kader": kader}}),
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    for error in body.get("errors", []):
        assert "Traceback" not in error["message"] and "Er ging iets mis" not in error["message"]


@FUZZ
@given(path=st.text(st.characters(codec="ascii", exclude_characters="?#"), min_size=1, max_size=60))
def test_unknown_paths_are_404_not_500(client, seeded, path):
    response = client.get("/kennisbank/" + path.lstrip("/"))
    assert response.status_code in (200, 301, 302, 400, 404)


@pytest.mark.parametrize(
    "query",
    [
        '{ norm(code: "\\u0000") { code } }',
        '{ zoeken(zoekterm: "wmo", filters: {soort: ["\\u0000"]}) { totaal } }',
        '{ wieHoudtToezicht(gemeente: "Rotterdam", peildatum: "2016\\u0000") { peildatum } }',
    ],
)
def test_nul_characters_are_refused_in_dutch(client, seeded, query):
    """PostgreSQL cannot compare a NUL character; found by the fuzz test above on PostgreSQL."""
    response = client.post("/graphql/", json.dumps({"query": query}), content_type="application/json")
    assert response.status_code == 200
    assert response.json()["errors"][0]["message"] == "Een argument bevat ongeldige tekens."


@pytest.mark.parametrize(
    "url,status",
    [
        ("/kennisbank/%00/", 404),
        ("/kennisbank/?wet=%00", 400),
        ("/zoeken/?q=wmo&soort=%00", 400),
        ("/zoeken/?q=%00", 400),
        ("/wie-houdt-toezicht/?gemeente=%00", 400),
        # Ignored or compared in Python only: no harm, no error.
        ("/toezicht-in-beeld/?gemeente=Utrecht&element=%00", 200),
        ("/?%00=x", 200),
    ],
)
def test_nul_characters_in_urls_never_reach_the_database(client, seeded, url, status):
    """PostgreSQL cannot compare a NUL character: every input path checks for it first."""
    response = client.get(url)
    assert response.status_code == status
    if status == 400:
        assert 'role="alert"' in response.content.decode()


def test_search_filters_refuse_control_characters(seeded):
    from django.contrib.auth.models import AnonymousUser

    from search import service

    with pytest.raises(service.ZoekFout, match="tekens die niet gezocht"):
        service.search("wmo", AnonymousUser(), {"soort": ["norm\x00"]})
