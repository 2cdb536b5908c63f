"""The Wagtail site of a request comes from memory (portal/sites.py): one lookup per host, and
every change that could alter the answer counts from the next request on."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from wagtail.models import Page, Site

pytestmark = pytest.mark.django_db
# A page of the portal's own views: Wagtail's page serving looks the site up itself.
NAVIGATOR = "/wie-houdt-toezicht/"


def _site_queries(client, url=NAVIGATOR):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    # Wagtail's lookup ranks the sites with a CASE; its cache of root paths is another matter.
    lookups = sum('FROM "wagtailcore_site"' in q["sql"] and "CASE WHEN" in q["sql"] for q in queries.captured_queries)
    return response, lookups


def test_the_site_is_looked_up_once_per_host_and_fresh_for_every_request(client, seeded):
    client.get(NAVIGATOR)
    response, lookups = _site_queries(client)
    assert lookups == 0
    first = response.wsgi_request._wagtail_site
    second = _site_queries(client)[0].wsgi_request._wagtail_site
    assert first == second and first is not second and first.root_page is not second.root_page
    assert Site.find_for_request(response.wsgi_request) is first


def test_a_renamed_site_and_an_edited_home_page_count_from_the_next_request(client, seeded):
    client.get(NAVIGATOR)
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Hernoemd portaal"
    site.save()
    response, lookups = _site_queries(client)
    assert lookups == 1 and response.wsgi_request._wagtail_site.site_name == "Hernoemd portaal"

    home = site.root_page.specific
    home.title = "Vernieuwde startpagina"
    home.save_revision().publish()
    response, lookups = _site_queries(client)
    assert lookups == 1 and response.wsgi_request._wagtail_site.root_page.title == "Vernieuwde startpagina"


def test_a_site_moved_to_another_root_serves_that_root(client, seeded):
    site = Site.objects.get(is_default_site=True)
    andere = site.root_page.get_parent().add_child(instance=Page(title="Andere start", slug="andere-start"))
    client.get("/")
    site.root_page = andere
    site.save()
    response = client.get("/")
    assert response.wsgi_request._wagtail_site.root_page_id == andere.pk
    assert "Andere start" in response.content.decode()


def test_an_unknown_host_falls_back_as_in_wagtail(client, seeded):
    client.get(NAVIGATOR, HTTP_HOST="testserver")
    response = client.get(NAVIGATOR, HTTP_HOST="elders.example")
    expected = Site._find_for_request(response.wsgi_request)
    assert response.wsgi_request._wagtail_site.pk == expected.pk
