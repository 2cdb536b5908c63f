"""The Wagtail site of a request, from memory.

Wagtail looks the site up for every request (`Site.find_for_request`): one query with a
ranking expression, and the menu then needs the site's root page. Sites change about never,
so each process keeps, per host name and port, what Wagtail's own lookup answered, for as long
as the version "sites" stays the same (portal/versies.py), with the site's root page, which
Wagtail's lookup reads with it and every page it serves starts from. A change to a site, a save
or deletion of a site's root page and a move of any page give it a new version. Every request
gets fresh Site and Page instances: nothing one request caches on them reaches another.
"""

from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port

from wagtail.models import Page, Site
from wagtail.signals import post_page_move

from .versies import PerVersie, vernieuw

VERSIE = "sites"
_FIELDS = tuple(f.attname for f in Site._meta.concrete_fields)
_PAGE_FIELDS = tuple(f.attname for f in Page._meta.concrete_fields)


@dataclass(frozen=True)
class Gevonden:
    """What Wagtail's lookup found for a host: the site's columns and its root page's."""

    waarden: tuple
    root_waarden: tuple

    def site(self):
        """Fresh instances: nothing one request caches on them reaches another."""
        site = Site.from_db("default", _FIELDS, self.waarden)
        site.root_page = Page.from_db("default", _PAGE_FIELDS, self.root_waarden)
        return site


_gevonden = PerVersie(VERSIE, dict)
# Hosts are the client's to choose where ALLOWED_HOSTS lets them through: memory stays bounded.
MAX_HOSTS = 64


def _zoek(request):
    # The same key Wagtail's own lookup uses (Site._find_for_request).
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    per_host = _gevonden.get()
    if key in per_host:
        return per_host[key]
    site = Site._find_for_request(request)
    gevonden = (
        None
        if site is None
        else Gevonden(tuple(getattr(site, f) for f in _FIELDS), tuple(getattr(site.root_page, f) for f in _PAGE_FIELDS))
    )
    if len(per_host) < MAX_HOSTS:
        per_host[key] = gevonden
    return gevonden


def root_of(request):
    """(path, depth) of the root page of the request's site, or None without a site. Looked up
    only when asked (a poll that answers 304 reads nothing): where Wagtail found the site
    already, from that; otherwise from memory, and then Wagtail finds it there too."""
    if not hasattr(request, "_wagtail_site"):
        gevonden = _zoek(request)
        request._wagtail_site = gevonden.site() if gevonden is not None else None
    site = request._wagtail_site
    return None if site is None else (site.root_page.path, site.root_page.depth)


def _gewijzigd(**kwargs):
    vernieuw(VERSIE)


def _pagina_gewijzigd(sender, instance, **kwargs):
    # Sent with the page's own class as sender: every page type counts.
    if isinstance(instance, Page) and Site.objects.filter(root_page_id=instance.pk).exists():
        vernieuw(VERSIE)


def connect():
    post_save.connect(_gewijzigd, sender=Site, dispatch_uid="portal-sites-save")
    post_delete.connect(_gewijzigd, sender=Site, dispatch_uid="portal-sites-delete")
    post_save.connect(_pagina_gewijzigd, dispatch_uid="portal-sites-root-save")
    post_delete.connect(_pagina_gewijzigd, dispatch_uid="portal-sites-root-delete")
    # A moved page may be a site's root or lie above one.
    post_page_move.connect(_gewijzigd, dispatch_uid="portal-sites-move")
