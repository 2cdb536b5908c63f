"""No personal data of editors leaves the portal through the admin."""

import pytest

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/",
    "/admin/account/",
    "/admin/users/",
    "/admin/snippets/",
    "/admin/snippets/kennisbank/begrip/",
    "/admin/reports/site-history/",
]


@pytest.mark.parametrize("role", ["redacteur", "beheerder"])
def test_no_admin_page_asks_gravatar_for_an_avatar(client, seeded, demo_user, role):
    client.force_login(demo_user(role))
    pages = [*ADMIN_PAGES, f"/admin/pages/{seeded['rotterdam-rijnmond-2025'].pk}/edit/"]
    for url in pages:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert "gravatar" not in response.content.decode().lower(), url
