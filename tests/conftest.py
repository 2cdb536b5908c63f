import os
from pathlib import Path

from django.conf import settings
from django.db import connections

import pytest

from tests import dbtemplate


def _worker(request):
    return getattr(request.config, "workerinput", {}).get("workerid", "main")


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_blocker):
    """Every test database is a copy of the one seeded template (see tests/dbtemplate.py)."""
    db = settings.DATABASES["default"]
    # A run id as well as the worker id: two test runs on one machine never share a copy.
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID", str(os.getpid()))[:8]
    name = f"test_{run}_{_worker(request)}"
    with django_db_blocker.unblock():
        connections["default"].close()
        if db["ENGINE"].endswith("sqlite3"):
            db["NAME"] = str(dbtemplate.sqlite_copy(name))
        else:
            db["NAME"] = dbtemplate.postgres_copy(db, f"toezicht_{name}")
        db.setdefault("TEST", {})["NAME"] = db["NAME"]
        connections["default"].settings_dict["NAME"] = db["NAME"]
    yield
    with django_db_blocker.unblock():
        connections["default"].close()
        if db["ENGINE"].endswith("sqlite3"):
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(db["NAME"] + suffix).unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def canaries():
    """No registered canary may reach a response for a user who may not see it."""
    from tests import canary

    canary.reset()
    yield canary
    found = canary.violations()
    canary.reset()
    assert not found, "Vertrouwelijke inhoud gelekt: " + "; ".join(found[:5])


@pytest.fixture
def seeded(db):
    """The seed content, loaded once into the template: kennisbank, municipalities, demo users."""
    from kennisbank.models import ToezichtkaderPage

    return {kader.slug: kader for kader in ToezichtkaderPage.objects.all()}


@pytest.fixture
def graphql(client):
    """POST a GraphQL query the way a browser does: JSON with the CSRF token."""
    import json

    def run(query, variables=None, user=None, status=200):
        if user is not None:
            client.force_login(user)
        client.get("/graphql/", HTTP_ACCEPT="text/html")
        token = client.cookies["csrftoken"].value
        response = client.post(
            "/graphql/",
            json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
            HTTP_X_CSRFTOKEN=token,
        )
        assert response.status_code == status, response.content[:500]
        return response.json()

    return run


@pytest.fixture
def demo_user(db):
    from portal.models import User

    def get(role):
        return User.objects.get(email=f"{role}@demo.toezichtportaal.nl")

    return get


os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
