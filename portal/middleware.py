class SecurityHeadersMiddleware:
    """Headers every response carries: a CSP without inline scripts, and no caching of
    anything shown to a signed-in user."""

    CSP = (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; object-src 'none'; "
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The Wagtail admin and GraphiQL bring inline scripts of their own.
        if not request.path.startswith(("/admin/", "/django-admin/", "/graphql")):
            response.setdefault("Content-Security-Policy", self.CSP)
        # A 304 has no body to keep; asking who the user is would read the session from the
        # database on every unchanged poll of a live screen (samenwerking/oefensessie_views.py).
        if response.status_code == 304:
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        return response


class GraphQLCsrfMiddleware:
    """CSRF protects sessions: a GraphQL request that carries no session cookie has no
    ambient credentials to abuse, so other systems may POST without a CSRF token; any
    request with a session cookie still needs one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        if request.path == "/graphql/" and settings.SESSION_COOKIE_NAME not in request.COOKIES:
            request._dont_enforce_csrf_checks = True
        return self.get_response(request)
