"""Elasticsearch configured but down: the database answers, writes do not wait, updates queue."""

import socket

from django.core.management import call_command

import pytest

from kennisbank.models import KennisbronPage
from search import engine
from search.models import PendingIndexUpdate

from .conftest import use_elasticsearch


def _dead_url():
    # A port that was free a moment ago: connections are refused at once.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def dead_engine(settings, seeded):
    es = use_elasticsearch(settings, _dead_url(), rebuild=False)
    yield es
    es.reset_breaker()


def test_search_falls_back_to_the_database_with_a_notice(dead_engine, client):
    response = client.get("/zoeken/", {"q": "calamiteiten"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "De zoekmachine is op dit moment niet bereikbaar" in html
    assert "Melden calamiteiten jeugdzorg" in html


def test_graphql_falls_back_with_a_notice(dead_engine, graphql):
    data = graphql('{ zoeken(zoekterm: "verscherpt toezicht") { totaal melding } }')
    assert data["data"]["zoeken"]["totaal"] > 0
    assert "niet bereikbaar" in data["data"]["zoeken"]["melding"]


def _publish_title(title, new_title, capture):
    page = KennisbronPage.objects.get(title=title)
    page.title = new_title
    with capture(execute=True):
        page.save_revision().publish()
    return page


def test_publishing_succeeds_and_the_update_is_queued(dead_engine, django_capture_on_commit_callbacks):
    page = _publish_title("Veilig Thuis", "Veilig Thuis (AMHK)", django_capture_on_commit_callbacks)
    pending = PendingIndexUpdate.objects.get(key=f"page:{page.pk}")
    assert pending.actie == PendingIndexUpdate.Actie.BIJWERKEN
    # The breaker is open now: the next write does not even try the engine.
    _publish_title("Veiligheidshuizen", "Veiligheidshuizen (regio)", django_capture_on_commit_callbacks)
    assert PendingIndexUpdate.objects.count() == 2


def test_queued_updates_are_replayed(settings, osmem, seeded, django_capture_on_commit_callbacks, search_as):
    live = use_elasticsearch(settings, osmem.url)
    index = live.index_name
    use_elasticsearch(settings, _dead_url(), rebuild=False)
    page = _publish_title("Veilig Thuis", "Veilig Thuis Kompaskaart", django_capture_on_commit_callbacks)
    assert PendingIndexUpdate.objects.filter(key=f"page:{page.pk}").exists()
    settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "ELASTICSEARCH_URL": osmem.url, "ELASTICSEARCH_INDEX": index}
    engine.engine().reset_breaker()
    call_command("rebuild_search_index", "--pending")
    assert not PendingIndexUpdate.objects.exists()
    outcome = search_as("kompaskaart")
    assert outcome.backend == "elasticsearch" and outcome.melding == ""
    assert [r.titel for r in outcome.resultaten] == ["Veilig Thuis Kompaskaart"]


def test_next_success_replays_automatically(settings, osmem, seeded, search_as, django_capture_on_commit_callbacks):
    live = use_elasticsearch(settings, osmem.url)
    index = live.index_name
    use_elasticsearch(settings, _dead_url(), rebuild=False)
    _publish_title("Veilig Thuis", "Veilig Thuis Wegwijzer", django_capture_on_commit_callbacks)
    settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "ELASTICSEARCH_URL": osmem.url, "ELASTICSEARCH_INDEX": index}
    engine.engine().reset_breaker()
    search_as("calamiteit")
    assert not PendingIndexUpdate.objects.exists()
    assert [r.titel for r in search_as("wegwijzer").resultaten] == ["Veilig Thuis Wegwijzer"]


def test_rebuild_with_engine_down_queues_a_full_rebuild(dead_engine, capsys):
    call_command("rebuild_search_index", verbosity=0)
    assert PendingIndexUpdate.objects.filter(actie=PendingIndexUpdate.Actie.HERBOUWEN).exists()
