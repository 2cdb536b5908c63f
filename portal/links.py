"""Absolute links for clients outside the site (the GraphQL API): built from the portal's
configured base URL, never from the request's Host header or the Wagtail Site's hostname."""

from django.conf import settings


def absolute_url(url):
    """A path on the portal as an absolute URL; an absolute URL stays as it is."""
    if url and url.startswith("/") and not url.startswith("//"):
        return settings.PORTAL_BASE_URL.rstrip("/") + url
    return url or ""


def page_url(page, request=None):
    """The absolute URL of a page, or "" for a page outside every site."""
    parts = page.get_url_parts(request)
    if parts is None:
        return ""
    return absolute_url(parts[2])
