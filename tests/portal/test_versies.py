"""Data versions: read once per request, and a change made during the request counts at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from portal import versies

pytestmark = pytest.mark.django_db


def _reads(func):
    with CaptureQueriesContext(connection) as queries:
        func()
    return sum("portal_gegevensversie" in q["sql"] and q["sql"].startswith("SELECT") for q in queries)


def test_outside_a_request_every_call_reads_the_database():
    assert _reads(lambda: [versies.token("proef") for _ in range(3)]) == 3


def test_within_a_request_a_version_is_read_once_and_a_change_counts_at_once():
    seen = {}

    def view(request):
        first = versies.token("proef")
        seen["reads"] = _reads(lambda: [versies.token("proef") for _ in range(3)])
        versies.vernieuw("proef")
        seen["changed"] = versies.token("proef") != first
        return "klaar"

    assert versies.VersionsPerRequestMiddleware(view)(object()) == "klaar"
    assert seen == {"reads": 0, "changed": True}
    # After the request nothing is remembered.
    assert _reads(lambda: versies.token("proef")) == 1


def test_within_a_request_every_version_comes_from_one_read():
    versies.vernieuw("proef-a")
    versies.vernieuw("proef-b")
    seen = {}

    def view(request):
        seen["reads"] = _reads(lambda: [versies.token(n) for n in ("proef-a", "proef-b", "bestaat-niet", "proef-a")])
        seen["tokens"] = (versies.token("proef-a"), versies.token("bestaat-niet"))
        return "klaar"

    versies.VersionsPerRequestMiddleware(view)(object())
    assert seen["reads"] == 1
    assert seen["tokens"][0] == versies.token("proef-a") and seen["tokens"][1][1] == ""
