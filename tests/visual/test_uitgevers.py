"""A publisher is an organisation: one record with its short and former names, so the
search's organisation facet lists each body once, whatever name a source gives it."""

import pytest

from kennisbank.search import uitgever_facet
from portal.uitgevers import organisaties_in
from search.models import SearchFacet

pytestmark = pytest.mark.django_db

IGJ = ("inspectie-gezondheidszorg-en-jeugd", "Inspectie Gezondheidszorg en Jeugd")
TSD = ("toezicht-sociaal-domein", "Toezicht Sociaal Domein")
KINDEROMBUDSMAN = ("de-kinderombudsman", "De Kinderombudsman")
NLA = ("nederlandse-arbeidsinspectie", "Nederlandse Arbeidsinspectie")
JENV = ("inspectie-justitie-en-veiligheid", "Inspectie Justitie en Veiligheid")
# Every publisher the kennisbank names and every supervisor's organisation, once, by its
# organisation's name.
FACET = {
    "Augeo Foundation",
    "De Kinderombudsman",
    "Inspectie Gezondheidszorg en Jeugd",
    "Inspectie Justitie en Veiligheid",
    "Inspectie van het Onderwijs",
    "Integraal Werken in de Wijk",
    "Nederlandse Arbeidsinspectie",
    "Programma Sociaal Domein",
    "Toezicht Sociaal Domein",
    "Toezicht Wmo GGD Rotterdam-Rijnmond",
    "Veilig Thuis",
    "Vereniging van Nederlandse Gemeenten",
    "Verwey-Jonker Instituut",
}


@pytest.mark.parametrize(
    "uitgever, facet",
    [
        ("Inspectie Gezondheidszorg en Jeugd (IGJ)", [IGJ]),
        ("Inspectie Gezondheidszorg en Jeugd", [IGJ]),
        ("Toezicht Sociaal Domein (TSD)", [TSD]),
        ("Toezicht Sociaal Domein / Samenwerkend Toezicht Jeugd", [TSD]),
        (
            "Toezicht Sociaal Domein / Samenwerkend Toezicht Jeugd, in samenwerking met de Kinderombudsman",
            [TSD, KINDEROMBUDSMAN],
        ),
        ("Verwey-Jonker Instituut", [("verwey-jonker-instituut", "Verwey-Jonker Instituut")]),
        ("Het Verwey-Jonker instituut", [("verwey-jonker-instituut", "Verwey-Jonker Instituut")]),
        ("Toezicht Sociaal Domein (TSD) en Augeo Foundation", [TSD, ("augeo-foundation", "Augeo Foundation")]),
        (
            "Toezicht Sociaal Domein (TSD) en Integraal Werken in de Wijk (IWW)",
            [TSD, ("integraal-werken-in-de-wijk", "Integraal Werken in de Wijk")],
        ),
        (
            "Toezicht Sociaal Domein (TSD), Programma Sociaal Domein",
            [TSD, ("programma-sociaal-domein", "Programma Sociaal Domein")],
        ),
        (
            "Vereniging van Nederlandse Gemeenten (VNG)",
            [("vereniging-van-nederlandse-gemeenten", "Vereniging van Nederlandse Gemeenten")],
        ),
        ("Veilig Thuis", [("veilig-thuis", "Veilig Thuis")]),
        # Former names: the Inspectie SZW and the Inspectie Veiligheid en Justitie of 2016.
        ("Inspectie Sociale Zaken en Werkgelegenheid", [NLA]),
        ("Inspectie SZW", [NLA]),
        ("Inspectie Veiligheid en Justitie", [JENV]),
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
    namen = list(
        SearchFacet.objects.filter(facetwaarde__facet="organisatie")
        .values_list("facetwaarde__label", flat=True)
        .distinct()
        .order_by("facetwaarde__label")
    )
    assert namen == sorted(FACET)
