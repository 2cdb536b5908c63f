"""Queries a supervisor or a municipality would type, with what must be in the first five.

Written from the seed content (kennisbank/content/*.yaml and ../shared/seeds/). The figures
per backend are printed at the end of the run (see conftest.pytest_terminal_summary).
"""

import pytest

from .conftest import titles

CASES = [
    ("calamiteit melden wmo", ["Melden calamiteiten Wet maatschappelijke ondersteuning"]),
    ("calamiteiten jeugdzorg melden", ["Melden calamiteiten jeugdzorg"]),
    ("toezicht op calamiteiten", ["Toezicht op calamiteiten en geweldsincidenten"]),
    ("openbaarmaking rapporten", ["Openbaarmaking rapporten", "Procedure van openbaarmaking"]),
    ("meldcode huiselijk geweld", ["De aanbieder stelt een Meldcode Huiselijk Geweld"]),
    ("2.2.2", ["De aanbieder stelt een Meldcode Huiselijk Geweld"]),
    ("medicatieveiligheid", ["Medicatieveiligheid"]),
    ("zorgfraude", ["Handreiking zorgfraude", "Proeftuin rondom vermoedens zorgfraude"]),
    ("last onder dwangsom", ["Last onder dwangsom"]),
    ("verscherpt toezicht", ["Verscherpt toezicht"]),
    ("signaalgestuurd toezicht", ["Signaalgestuurd toezicht"]),
    ("stelseltoezicht volwassenen", ["Toezichtkader Stelseltoezicht Volwassenen"]),
    ("IGJ jeugdzorg", ["Toezicht in jeugdzorg"]),
    ("Veilig Thuis", ["Veilig Thuis"]),
    # Any report of the series will do: the stand-in ignores the BM25 settings and ranks the
    # long summary report below the short municipal ones (docs/search.md, "Ranking").
    ("signaleren van onveiligheid", ["Signaleren van onveiligheid"]),
    ("kwetsbare jongeren zelfstandigheid", ["Kwetsbare jongeren op weg naar zelfstandigheid"]),
    ("eigen regie", ["Eigen regie"]),
    ("toezichtskader Rotterdam-Rijnmond", ["Toezichtskader Toezicht Wmo GGD Rotterdam-Rijnmond"]),
    ("medezeggenschap client", ["De cliënt heeft medezeggenschap"]),
    ("Awb", ["Algemene wet bestuursrecht"]),
    ("informatie delen sociaal domein", ["Informatie delen in sociaal domein"]),
    ("samen leren van calamiteiten", ["Samen leren van calamiteiten"]),
    ("geweld bij de verstrekking van een voorziening", ["Geweld bij de verstrekking van een voorziening"]),
    ("toezicht rechtmatigheid", ["Toezicht op rechtmatigheid in sociaal domein"]),
    ("persoonsgebonden budget cliënt", ["pgb"]),
    ("veiligheid jeugdigen toegang jeugdhulp", ["veiligheid van jeugdigen in de toegang"]),
    ("personeelsbeleid inwerken", ["passend personeelsbeleid"]),
    # Who supervises: the supervisors are documents too (visual/search.py).
    ("Inspectie Gezondheidszorg en Jeugd", ["Inspectie Gezondheidszorg en Jeugd (IGJ)"]),
    ("rekenkamer onderzoek", ["Rekenkamer van de gemeente"]),
    ("toezicht participatiewet", ["Nederlandse Arbeidsinspectie"]),
    ("jeugdhulp toezicht", ["Toezicht in jeugdzorg"]),
    # Typed as a question: the question words do not have to be in the text.
    (
        "Wat moet een aanbieder doen bij een calamiteit?",
        ["passend beleid of richtlijnen ontwikkeld, geïmplementeerd en geborgd"],
    ),
    ("Moeten we een klachtenregeling hebben?", ["De aanbieder beschikt over een klachtenregeling"]),
    # Everyday words (synonyms of migration 0006) for the subjects of the norms.
    ("klacht indienen", ["De aanbieder beschikt over een klachtenregeling"]),
    ("inspraak cliëntenraad", ["De cliënt heeft medezeggenschap"]),
    ("veilig medicijngebruik", ["Medicatieveiligheid"]),
    ("afspraken over medicijnen", ["afspraken geformuleerd met betrekking tot medicatieveiligheid"]),
    ("mantelzorger netwerk", ["Het netwerk van de cliënt wordt betrokken"]),
    ("medewerker vakbekwaam", ["De beroepskracht is vakbekwaam en gekwalificeerd"]),
    ("partnergeweld meldcode", ["De aanbieder stelt een Meldcode Huiselijk Geweld"]),
    # Compounds: a query word made of indexed words, and query words that make one.
    ("jeugdzorgtoezicht", ["Toezicht in jeugdzorg"]),
    ("zorg fraude", ["Handreiking zorgfraude"]),
    ("klachten regeling", ["De aanbieder beschikt over een klachtenregeling"]),
    ("privacybeleid aanbieder", ["De aanbieder borgt de privacy van de cliënt"]),
]


@pytest.mark.parametrize("query,expected", CASES, ids=[q for q, _e in CASES])
def test_expected_items_in_first_five(backend, search_as, query, expected):
    top = titles(search_as(query), 5)
    missing = [e for e in expected if not any(e.lower() in t.lower() for t in top)]
    assert not missing, f"{query!r}: {missing} niet bij de eerste vijf: {top}"
