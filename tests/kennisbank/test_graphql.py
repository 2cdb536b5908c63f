import re
from pathlib import Path

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
        "1.1",
        "1.2",
        "1.3",
        "1.4",
        "1.5",
        "2.1",
        "2.2",
        "2.3",
        "3.1",
        "3.2",
        "3.3",
        "3.4",
    ]
    for kader in data:
        for norm in kader["normen"]:
            assert norm["titel"] and norm["toetspunten"], norm["code"]
            assert norm["toezichtkader"]["titel"] == kader["titel"]
            assert norm["url"].startswith("http")


def _docs_example():
    """The example of docs/api.md: every field it asks for is in the query-count test."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text()
    return re.search(r"## Kennisbank\n```graphql\n(.*?)```", text, re.DOTALL).group(1)


def _halve(model, **exclude):
    pks = list(model.objects.exclude(**exclude).order_by("pk").values_list("pk", flat=True))
    model.objects.filter(pk__in=pks[::2]).delete()
    return len(pks)


def test_query_count_does_not_grow_with_items(graphql, seeded):
    from kennisbank.models import Begrip, HandreikingPage, NormPage, PublicatiePage

    query = _docs_example()
    with CaptureQueriesContext(connection) as full:
        before = graphql(query)
    assert "errors" not in before
    before = before["data"]
    # The example's own norm(code: "2.2.2") stays, so that its lookup runs both times.
    assert _halve(NormPage, code="2.2.2") >= 2
    for model in (Begrip, HandreikingPage, PublicatiePage):
        assert _halve(model) >= 2, model
    with CaptureQueriesContext(connection) as half:
        after = graphql(query)["data"]
    assert after["norm"]["code"] == "2.2.2"
    assert sum(len(k["normen"]) for k in after["toezichtkaders"]) < sum(
        len(k["normen"]) for k in before["toezichtkaders"]
    )
    assert len(after["publicaties"]) < len(before["publicaties"])
    assert len(half.captured_queries) == len(full.captured_queries)
