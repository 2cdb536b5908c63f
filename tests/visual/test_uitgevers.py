"""A publisher is an organisation: one record with its short and former names, so the
search's organisation facet lists each body once, whatever name a source gives it."""

import pytest

from kennisbank.search import uitgever_facet
from portal.uitgevers import organisaties_in
from search.models import SearchFacet

pytestmark = pytest.mark.django_db

IGJ = ("inspectie-gezondheidszorg-en-jeugd", "Inspectie Gezondheidszorg en Jeugd")
TSD = ("toezicht-sociaal-domein", "Toezicht Sociaal Domein")


@pytest.mark.parametrize(
    "uitgever, facet",
    [
        ("Inspectie Gezondheidszorg en Jeugd (IGJ)", [IGJ]),
        ("Inspectie Gezondheidszorg en Jeugd", [IGJ]),
        ("Toezicht Sociaal Domein (TSD)", [TSD]),
        ("Toezicht Sociaal Domein / Samenwerkend Toezicht Jeugd", [TSD]),
        ("Toezicht Sociaal Domein / Samenwerkend Toezicht Jeugd, in samenwerking met de Kinderombudsman", [TSD]),
        ("Verwey-Jonker Instituut", [("verwey-jonker-instituut", "Verwey-Jonker Instituut")]),
        ("", []),
    ],
)
def test_a_publishers_names_resolve_to_one_organisation(seeded, uitgever, facet):
    assert uitgever_facet(uitgever) == facet


def test_two_organisations_in_one_publisher(seeded):
    uitgever = "Wmo-toezichthouder Rotterdam Rijnmond en rijkstoezicht (Toezicht Sociaal Domein)"
    namen = [o.naam for o in organisaties_in(uitgever)]
    assert namen == ["Toezicht Wmo GGD Rotterdam-Rijnmond", "Toezicht Sociaal Domein"]


def test_the_search_facet_names_each_body_once(seeded):
    namen = set(
        SearchFacet.objects.filter(facetwaarde__facet="organisatie").values_list("facetwaarde__label", flat=True)
    )
    assert "Inspectie Gezondheidszorg en Jeugd (IGJ)" not in namen
    assert "Toezicht Sociaal Domein (TSD)" not in namen
    assert "Toezicht Sociaal Domein / Samenwerkend Toezicht Jeugd" not in namen
    assert {"Inspectie Gezondheidszorg en Jeugd", "Toezicht Sociaal Domein"} <= namen
