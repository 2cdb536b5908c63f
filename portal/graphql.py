import json

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from graphene.validation import depth_limit_validator
from graphene_django.views import GraphQLView
from graphql import GraphQLError


def _has_nul(value):
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


class NulBytesMiddleware:
    """Refuse arguments with a NUL character before any resolver sees them: PostgreSQL cannot
    store or compare one, so it would otherwise surface as a database error."""

    def resolve(self, next, root, info, **args):
        if _has_nul(args):
            raise GraphQLError(_("Een argument bevat ongeldige tekens."))
        return next(root, info, **args)


class PortalGraphQLView(GraphQLView):
    """The one GraphQL endpoint: CSRF-protected for sessions, depth-limited, Dutch errors."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "validation_rules", (depth_limit_validator(max_depth=settings.GRAPHQL_MAX_DEPTH),)
        )
        super().__init__(*args, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and request.content_type == "application/json":
            try:
                json.loads(request.body or b"{}")
            except (ValueError, UnicodeDecodeError):
                return self._error_response(_("Het verzoek is geen geldige JSON."), 400)
        return super().dispatch(request, *args, **kwargs)

    def _error_response(self, message, status):
        return HttpResponse(
            json.dumps({"errors": [{"message": message}]}),
            status=status,
            content_type="application/json",
        )

    @staticmethod
    def format_error(error):
        formatted = GraphQLView.format_error(error)
        if isinstance(error, GraphQLError) and error.original_error is not None:
            original = error.original_error
            if not isinstance(original, GraphQLError | ValueError | LookupError):
                # Never leak internals of an unexpected exception to an API client.
                formatted["message"] = _("Er ging iets mis bij het verwerken van deze vraag.")
        message = formatted.get("message", "")
        if "exceeds maximum operation depth" in message:
            formatted["message"] = _(
                "De vraag is te diep genest (maximaal %(max)s niveaus)."
            ) % {"max": settings.GRAPHQL_MAX_DEPTH}
        return formatted
