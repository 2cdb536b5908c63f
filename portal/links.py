"""Absolute links for clients outside the site (the GraphQL API): built from the portal's
configured base URL, never from the request's Host header or the Wagtail Site's hostname."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from wagtail.models import Page, Site


def absolute_url(url):
    """A path on the portal as an absolute URL; an absolute URL stays as it is."""
    if url and url.startswith("/") and not url.startswith("//"):
        return settings.PORTAL_BASE_URL.rstrip("/") + url
    return url or ""


def page_url(page, request=None):
    """The absolute URL of a page (or of a Paginalink), or "" for a page outside every site."""
    if isinstance(page, Paginalink):
        return absolute_url(page.url)
    parts = page.get_url_parts(request)
    if parts is None:
        return ""
    return absolute_url(parts[2])


@dataclass(frozen=True)
class Paginalink:
    """A page as a link shows it: its title and its local address (as `page.url` gives it)."""

    pk: int
    title: str
    url: str


def page_links(queryset):
    """{pk: Paginalink} of the pages of this queryset, in its order.

    `page.url` runs a `reverse()` per page and needs a whole page instance; a list of twenty
    links then costs more than the answer around it. With one site, a page's address is the
    site's serve prefix followed by its path below the site root, which is what Wagtail's
    `get_url_parts` computes; with several sites Wagtail decides.
    """
    rows = list(queryset.values_list("pk", "title", "url_path"))
    roots = Site.get_site_root_paths()
    links = {}
    if len(roots) == 1:
        root = roots[0].root_path
        prefix = reverse("wagtail_serve", args=[""])
        for pk, title, url_path in rows:
            if url_path.startswith(root):
                links[pk] = Paginalink(pk, title, prefix + url_path[len(root) :])
    missing = [pk for pk, _title, _path in rows if pk not in links]
    if missing:
        pages = Page.objects.in_bulk(missing)
        for pk in missing:
            url = pages[pk].url if pk in pages else None
            if url:
                links[pk] = Paginalink(pk, pages[pk].title, url)
    return {pk: links[pk] for pk, _title, _path in rows if pk in links}
