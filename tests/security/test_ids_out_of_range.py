"""Numbers that are no possible id, in every id of the portal's forms, URLs and GraphQL
arguments: a Dutch form error, a 400 or a 404, never a 500, and nothing saved."""

import json

import pytest

from kennisbank.models import Voorzieningsoort
from portal.ids import MAX_ID, parse_id
from visual.models import Aanwijzing, Toezichthouder

pytestmark = pytest.mark.django_db

NOT_IDS = [
    str(2**63),
    str(2**64 + 5),
    "9" * 40,
    "-9223372036854775809",
    "0",
    "-1",
    "²",
    "١٢",
    "1e5",
    "0x10",
    " ",
    "1.0",
]
NIEUW = "/wie-houdt-toezicht/aanwijzingen/nieuw/"
CHOICE_ERROR = "Deze keuze bestaat niet. Kies een van de waarden uit de lijst."


def test_parse_id_accepts_exactly_the_possible_ids():
    assert [parse_id(value) for value in ["1", " 42 ", str(MAX_ID), 7]] == [1, 42, MAX_ID, 7]
    assert [parse_id(value) for value in NOT_IDS] == [None] * len(NOT_IDS)


@pytest.fixture
def official(client, demo_user):
    client.raise_request_exception = True
    client.force_login(demo_user("gemeente"))
    return client


def _designation(**extra):
    ggd = Toezichthouder.objects.filter(soort=Toezichthouder.Soort.REGIONAAL).first()
    return {
        "toezichthouder": ggd.pk,
        "besluit_datum": "2026-03-01",
        "geldig_vanaf": "2026-03-01",
        "besluit_url": "https://zoek.officielebekendmakingen.nl/gmb-2026-1.html",
        **extra,
    }


@pytest.mark.parametrize("value", NOT_IDS)
def test_designation_form_refuses_kinds_that_are_no_id(official, seeded, value):
    before = Aanwijzing.objects.count()
    soort = Voorzieningsoort.objects.first()
    response = official.post(NIEUW, _designation(voorzieningsoorten=[str(soort.pk), value], alle_voorzieningen="on"))
    assert response.status_code == 400
    assert response.context["form"].errors["voorzieningsoorten"] == [CHOICE_ERROR]
    assert Aanwijzing.objects.count() == before


@pytest.mark.parametrize("value", NOT_IDS)
def test_designation_form_refuses_a_supervisor_that_is_no_id(official, seeded, value):
    before = Aanwijzing.objects.count()
    response = official.post(NIEUW, _designation(toezichthouder=value, alle_voorzieningen="on"))
    assert response.status_code == 400
    assert response.context["form"].errors["toezichthouder"] == [CHOICE_ERROR]
    assert Aanwijzing.objects.count() == before


def test_designation_form_still_takes_real_ids(official, seeded):
    soorten = list(Voorzieningsoort.objects.values_list("pk", flat=True)[:2])
    response = official.post(NIEUW, _designation(voorzieningsoorten=[str(pk) for pk in soorten]))
    assert response.status_code == 302
    assert sorted(Aanwijzing.objects.latest("pk").voorzieningsoorten.values_list("pk", flat=True)) == sorted(soorten)


@pytest.mark.parametrize("value", [str(2**63), "9" * 40, "²", "0"])
@pytest.mark.parametrize("suffix", ["", "wijzigen/"])
def test_register_urls_with_no_id_are_not_found(official, seeded, value, suffix):
    response = official.get(f"/wie-houdt-toezicht/aanwijzingen/{value}/{suffix}")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/kennisbank/?pagina={}",
        "/zoeken/?q=zorg&pagina={}",
        "/zoeken/?q=zorg&jaar={}",
        "/wie-houdt-toezicht/?gemeente={}",
        "/wie-houdt-toezicht/aanwijzingen/?status={}",
        "/kennisbank/?wet={}",
    ],
)
@pytest.mark.parametrize("value", [str(2**63), "9" * 40])
def test_url_parameters_beyond_any_id_are_a_bad_request(official, seeded, url, value):
    assert official.get(url.format(value)).status_code == 400


@pytest.mark.parametrize("value", [str(2**63), "9" * 40, "²"])
def test_graphql_framework_ids_beyond_any_id_find_nothing(graphql, seeded, value):
    assert graphql("query($id: ID!) { toezichtkader(id: $id) { titel } }", {"id": value}) == {
        "data": {"toezichtkader": None}
    }
    answer = graphql('query($id: ID) { norm(code: "2.2.2", toezichtkader: $id) { titel } }', {"id": value})
    assert answer["data"] == {"norm": None}
    assert [error["message"] for error in answer["errors"]] == [f"Toezichtkader '{value}' bestaat niet."]
    assert json.dumps(answer).count("int()") == 0
