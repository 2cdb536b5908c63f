from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

pytestmark = pytest.mark.django_db

KADERS = """{ toezichtkaders { id titel url uitgever normen { code titel url toetspunten
  wettelijkeGrondslag { artikel lid url wet { afkorting } } toezichtkader { titel } } } }"""


def test_toezichtkaders_contract(graphql, seeded):
    data = graphql(KADERS)["data"]["toezichtkaders"]
    by_title = {kader["titel"]: kader for kader in data}
    rr = by_title["Toezichtskader Toezicht Wmo GGD Rotterdam-Rijnmond 2025"]
    codes = [norm["code"] for norm in rr["normen"]]
    assert codes[:3] == ["1.1.1", "1.1.2", "1.1.3"]
    assert "3.2.2" in codes and len(codes) == 29 + 32
    tsd = by_title["Toezichtkader Stelseltoezicht Volwassenen in het Sociaal Domein"]
    assert [n["code"] for n in tsd["normen"]] == [
        "1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4"]
    for kader in data:
        for norm in kader["normen"]:
            assert norm["titel"] and norm["toetspunten"], norm["code"]
            assert norm["toezichtkader"]["titel"] == kader["titel"]
            assert norm["url"].startswith("http")


def test_query_count_does_not_grow_with_norms(graphql, seeded):
    from kennisbank.models import NormPage

    query = "{ toezichtkaders { normen { toetspunten wettelijkeGrondslag { artikel } } } }"
    with CaptureQueriesContext(connection) as before:
        graphql(query)
    NormPage.objects.filter(code__startswith="3.").delete()
    with CaptureQueriesContext(connection) as after:
        graphql(query)
    assert len(after.captured_queries) == len(before.captured_queries)
