from django.core.cache import caches
from django.test import override_settings

import pytest
from wagtail.models import PageViewRestriction

from kennisbank.models import NormPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache():
    caches["pages"].clear()
    with override_settings(PAGE_CACHE_SECONDS=60):
        yield
    caches["pages"].clear()


def _norm():
    return NormPage.objects.get(toezichtkader__slug="rotterdam-rijnmond-2025", code="2.2.2")


def test_public_page_is_served_from_cache_and_refreshed_after_publish(
    client, seeded, page_cache, django_assert_max_num_queries
):
    norm = _norm()
    first = client.get(norm.url).content.decode()
    with django_assert_max_num_queries(0):
        assert client.get(norm.url).content.decode() == first
    norm.stelling = "Nieuwe formulering van de norm."
    norm.save_revision().publish()
    assert "Nieuwe formulering van de norm." in client.get(norm.url).content.decode()


def test_signed_in_users_and_restricted_pages_are_never_cached(client, seeded, page_cache, demo_user):
    norm = _norm()
    restriction = PageViewRestriction.objects.create(page=norm, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(demo_user("toezichthouder"))
    html = client.get(norm.url).content.decode()
    assert "Tom Toezichthouder" in html
    client.logout()
    anonymous = client.get(norm.url)
    assert anonymous.status_code == 302
    assert "Tom Toezichthouder" not in client.get("/kennisbank/").content.decode()
    restriction.delete()
    assert client.get(norm.url).status_code == 200


def test_a_sign_in_keeps_the_cached_pages(client, seeded, page_cache, django_assert_max_num_queries):
    from django.test import Client

    from portal.models import User

    norm = _norm()
    first = client.get(norm.url).content.decode()
    user = User.objects.get(email="toezichthouder@demo.toezichtportaal.nl")
    before = user.last_login
    signing_in = Client()
    response = signing_in.post("/account/inloggen/", {"username": user.email, "password": "Toezicht-demo-2026"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.last_login != before
    with django_assert_max_num_queries(0):
        assert client.get(norm.url).content.decode() == first


def test_a_users_groups_are_not_content_but_a_pages_are_saved(
    client, seeded, page_cache, django_assert_max_num_queries
):
    from django.contrib.auth.models import Group

    from portal.models import User

    norm = _norm()
    first = client.get(norm.url).content.decode()
    user = User.objects.get(email="toezichthouder@demo.toezichtportaal.nl")
    user.groups.add(Group.objects.create(name="Nieuwe groep"))
    user.first_name = "Anders"
    user.save()
    with django_assert_max_num_queries(0):
        assert client.get(norm.url).content.decode() == first
    norm.stelling = "Een andere formulering."
    norm.save()
    assert "Een andere formulering." in client.get(norm.url).content.decode()
