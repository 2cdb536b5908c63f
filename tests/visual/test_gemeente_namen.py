"""Municipalities by the names people use: other names, names shared by several, and in a
search query (which then points to the navigator)."""

from django.contrib.auth.models import AnonymousUser

import pytest

from search import service
from visual.keuzes import OngeldigeKeuze, gemeenten_in, situatie_in, vind_gemeente

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value,code",
    [
        ("Den Haag", "GM0518"),
        ("den bosch", "GM0796"),
        ("Nuenen", "GM0820"),
        ("Bergen (NH.)", "GM0373"),
        ("bergen l", "GM0893"),
        ("gemeente Den Haag", "GM0518"),
    ],
)
def test_other_names_and_short_names(seeded, value, code):
    assert vind_gemeente(value).cbs_code == code


def test_a_name_shared_by_several_asks_which(seeded):
    with pytest.raises(OngeldigeKeuze) as exc:
        vind_gemeente("Bergen")
    assert "Bergen (L.)" in exc.value.bericht and "Bergen (NH.)" in exc.value.bericht
    assert "Kies er een" in exc.value.bericht


def test_the_navigator_and_graphql_take_other_names(client, graphql, seeded):
    html = client.get("/wie-houdt-toezicht/?gemeente=Den+Haag").content.decode()
    assert '<option value="GM0518" selected>' in html
    data = graphql('{ wieHoudtToezicht(gemeente: "Den Haag") { gemeente { code naam } } }')
    assert data["data"]["wieHoudtToezicht"]["gemeente"] == {"code": "GM0518", "naam": "'s-Gravenhage"}
    gemeenten = graphql("{ gemeenten { code roepnamen } }")["data"]["gemeenten"]
    assert {"code": "GM0518", "roepnamen": ["Den Haag"]} in gemeenten


@pytest.mark.parametrize(
    "text,expected",
    [
        ("toezicht wmo utrecht", ["Utrecht"]),
        ("Toezicht in Best", ["Best"]),
        ("best practices toezicht", []),
        ("calamiteit beschermd wonen Capelle aan den IJssel", ["Capelle aan den IJssel"]),
        ("wie houdt toezicht in den haag", ["'s-Gravenhage"]),
        ("rotterdam en schiedam", ["Rotterdam", "Schiedam"]),
        ("meldcode huiselijk geweld", []),
    ],
)
def test_municipalities_named_in_free_text(seeded, text, expected):
    assert [naam for _code, naam in gemeenten_in(text)] == expected


def test_a_situation_named_in_free_text(seeded):
    assert situatie_in("calamiteiten in Schiedam").slug == "calamiteit"
    assert situatie_in("toezicht in Schiedam") is None


def test_a_search_naming_a_municipality_points_to_the_navigator(client, seeded):
    uitkomst = service.search("calamiteit melden Schiedam", AnonymousUser())
    assert [h.url for h in uitkomst.hints] == ["/wie-houdt-toezicht/?gemeente=GM0606&situatie=calamiteit"]
    assert uitkomst.hints[0].titel == "Wie houdt toezicht in Schiedam bij: calamiteit?"
    html = client.get("/zoeken/", {"q": "toezicht wmo den haag"}).content.decode()
    assert 'href="/wie-houdt-toezicht/?gemeente=GM0518"' in html
    assert "Wie houdt toezicht in &#x27;s-Gravenhage?" in html
    assert service.search("meldcode huiselijk geweld", AnonymousUser()).hints == []


def test_graphql_search_gives_the_pointer_too(graphql, seeded):
    data = graphql('{ zoeken(zoekterm: "toezicht wmo Den Haag") { verwijzingen { titel url } } }')
    verwijzingen = data["data"]["zoeken"]["verwijzingen"]
    assert verwijzingen == [
        {
            "titel": "Wie houdt toezicht in 's-Gravenhage?",
            "url": "http://testserver/wie-houdt-toezicht/?gemeente=GM0518",
        }
    ]
