"""Generated bad input on the navigator, the overview, its exports, the register and the
supervisor pages: never a server error, always a Dutch answer."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from visual.models import OverzichtPage

pytestmark = pytest.mark.django_db

FIELDS = ["gemeente", "wet", "voorziening", "situatie", "peildatum", "element", "status"]
text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80)
dates = st.one_of(text, st.dates().map(str), st.from_regex(r"\d{1,2}-\d{1,2}-\d{1,5}", fullmatch=True))
params = st.dictionaries(st.sampled_from(FIELDS), st.one_of(text, dates), max_size=5)
FUZZ = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
ADVIES = """query($g: String!, $w: String, $v: String, $s: String, $p: String) {
  wieHoudtToezicht(gemeente: $g, wet: $w, voorziening: $v, situatie: $s, peildatum: $p) {
    peildatum toezichthouders { naam } onbekend } }"""


@FUZZ
@given(query=params)
def test_navigator_overview_and_exports_never_fail(client, seeded, query):
    overzicht = OverzichtPage.objects.live().get().url
    for url in (
        "/wie-houdt-toezicht/",
        overzicht,
        "/wie-houdt-toezicht/overzicht.svg",
        "/wie-houdt-toezicht/overzicht.pdf",
        "/wie-houdt-toezicht/toezichthouders/",
    ):
        response = client.get(url, query)
        assert response.status_code in (200, 400), (url, query)


@FUZZ
@given(gemeente=text, wet=st.one_of(st.none(), text), peildatum=st.one_of(st.none(), dates))
def test_wie_houdt_toezicht_never_fails(client, seeded, gemeente, wet, peildatum):
    response = client.post(
        "/graphql/",
        json.dumps({"query": ADVIES, "variables": {"g": gemeente, "w": wet, "v": None, "s": None, "p": peildatum}}),
        content_type="application/json",
    )
    assert response.status_code == 200
    for error in response.json().get("errors", []):
        assert "Traceback" not in error["message"] and "Er ging iets mis" not in error["message"]


@FUZZ
@given(slug=st.text(st.characters(codec="ascii", exclude_characters="?#/"), min_size=1, max_size=60))
def test_unknown_supervisors_are_404(client, seeded, slug):
    response = client.get(f"/wie-houdt-toezicht/toezichthouders/{slug}/")
    assert response.status_code in (200, 404)
