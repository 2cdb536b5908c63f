import uuid

import pytest

BACKENDS = ["database", "elasticsearch"]


@pytest.fixture(scope="session")
def osmem():
    """The in-memory OpenSearch stand-in (a dependency `make setup` installs): when it does not
    start the Elasticsearch half of the suite fails rather than skipping, wherever it runs."""
    from osmem_server import OsmemError, OsmemServer

    try:
        server = OsmemServer.start(freeze=False, japanese=False)
    except (OsmemError, OSError) as exc:
        pytest.fail(f"osmem-server is vereist voor de Elasticsearch-tests maar start niet: {exc}")
    yield server
    server.close()


def use_database(settings):
    settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "BACKEND": "database", "ELASTICSEARCH_URL": ""}


def use_elasticsearch(settings, url, rebuild=True):
    from search import engine

    settings.PORTAL_SEARCH = {
        **settings.PORTAL_SEARCH,
        "BACKEND": "elasticsearch",
        "ELASTICSEARCH_URL": url,
        "ELASTICSEARCH_INDEX": f"test-{uuid.uuid4().hex[:12]}",
    }
    es = engine.engine()
    es.reset_breaker()
    if rebuild:
        es.rebuild()
    return es


@pytest.fixture(params=BACKENDS)
def backend(request, settings, seeded):
    """Each behavioural test runs on the database backend and on Elasticsearch (osmem)."""
    if request.param == "database":
        use_database(settings)
        yield "database"
        return
    server = request.getfixturevalue("osmem")
    es = use_elasticsearch(settings, server.url)
    yield "elasticsearch"
    es.reset_breaker()
    es.client.indices.delete(index=es.index_name, ignore_unavailable=True)


@pytest.fixture
def search_as():
    from django.contrib.auth.models import AnonymousUser

    from search import service

    def run(query, user=None, **kwargs):
        return service.search(query, user or AnonymousUser(), **kwargs)

    return run


def titles(outcome, n=None):
    return [r.titel for r in outcome.resultaten[:n]]


_relevance = {}


def pytest_runtest_logreport(report):
    if report.when == "call" and "test_relevance.py" in report.nodeid:
        backend = "elasticsearch" if "elasticsearch" in report.nodeid.partition("[")[2] else "database"
        passed, total = _relevance.get(backend, (0, 0))
        _relevance[backend] = (passed + int(report.passed), total + 1)


def pytest_terminal_summary(terminalreporter):
    for backend, (passed, total) in sorted(_relevance.items()):
        terminalreporter.write_line(
            f"relevantie {backend}: {passed}/{total} zoekvragen met alle verwachte resultaten bij de eerste vijf"
        )
