"""A cache of public pages as anonymous visitors see them.

Only Wagtail pages without view restrictions, served to a visitor who is not signed in,
with status 200 and no cookie set, are stored. Any publish, unpublish, move or delete of a
page, and any change to a snippet, starts a new generation, so a stale page is never
served after an edit. The cache backend (settings.CACHES["pages"]) is shared by all
processes on a machine (file-based) or a cluster (Redis), so the generation is too.
"""

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import patch_vary_headers

from .privacy import PUBLIC, page_principals

GENERATION_KEY = "portal:pages:generation"


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def new_generation(**kwargs):
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def _key(request, generation):
    return f"portal:page:{generation}:{request.get_full_path()}"


def mark_cacheable(page, request, serve_args, serve_kwargs):
    """`before_serve_page` hook: remember that this response may be shared."""
    if settings.PAGE_CACHE_SECONDS <= 0 or request.user.is_authenticated:
        return
    if page_principals(page) == [PUBLIC]:
        request._portal_page_cacheable = True


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        usable = (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
        if usable:
            cache = _cache()
            generation = cache.get(GENERATION_KEY, 0)
            cached = cache.get(_key(request, generation))
            if cached is not None:
                return cached
        response = self.get_response(request)
        if (
            usable
            and getattr(request, "_portal_page_cacheable", False)
            and response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
        ):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            patch_vary_headers(response, ["Cookie"])
            cache.set(_key(request, generation), response, settings.PAGE_CACHE_SECONDS)
        return response
