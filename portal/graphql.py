import json
import re
from datetime import date, datetime

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpResponse
from django.utils.translation import gettext as _

from graphene_django.constants import MUTATION_ERRORS_FLAG
from graphene_django.settings import graphene_settings
from graphene_django.views import GraphQLView, HttpError
from graphql import (
    ExecutionResult,
    GraphQLError,
    OperationType,
    execute,
    get_operation_ast,
    parse,
    specified_rules,
    validate,
)

from .forms import DATUM_BUITEN_BEREIK, EERSTE_DATUM, LAATSTE_DATUM
from .graphql_errors import GENERAL, PortalError, translate
from .graphql_limits import check_limits

UNEXPECTED = _("Er ging iets mis bij het verwerken van deze vraag.")


# A NUL, or half of a UTF-16 surrogate pair.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _leaves(value):
    """Every scalar in a field's arguments, however deep in input objects and lists."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


def _refusal(value):
    if isinstance(value, str) and UNSTORABLE.search(value):
        return _("Een argument bevat ongeldige tekens.")
    day = value.date() if isinstance(value, datetime) else value
    if isinstance(day, date) and not EERSTE_DATUM <= day <= LAATSTE_DATUM:
        return str(DATUM_BUITEN_BEREIK)
    return None


class ArgumentsMiddleware:
    """Refuse, before any resolver sees them, arguments that would otherwise surface as a
    server error or be saved as nonsense, for every field at once (it wraps every resolver, so
    the arguments are walked once):
    - a character no database can store: a NUL (PostgreSQL cannot store or compare one) or half
      of a UTF-16 surrogate pair, which JSON can spell ("\\ud800") but UTF-8 cannot encode;
    - a date outside the dates the portal's forms accept (portal.forms), so a mutation answers
      a year 1 or 9999 as its page does, whether or not a form stands behind it."""

    def resolve(self, next, root, info, **args):
        if args:
            for value in _leaves(args):
                message = _refusal(value)
                if message:
                    raise GraphQLError(message)
        return next(root, info, **args)


class RequestError(Exception):
    """A request refused before GraphQL sees it, with its Dutch message and status."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def error_response(message, status):
    return HttpResponse(
        json.dumps({"errors": [{"message": str(message)}]}), status=status, content_type="application/json"
    )


class PortalGraphQLView(GraphQLView):
    """The one GraphQL endpoint: CSRF-protected for sessions, graphql-core's standard
    validation plus the portal's limits (portal/graphql_limits.py), Dutch errors."""

    validation_rules = tuple(specified_rules)
    accepted_content_types = (
        "application/json",
        "application/graphql",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    )

    def dispatch(self, request, *args, **kwargs):
        try:
            self._check_request(request)
            return super().dispatch(request, *args, **kwargs)
        except RequestError as exc:
            return error_response(exc.message, exc.status)

    def _check_request(self, request):
        if request.method != "POST":
            return
        if self.get_content_type(request) not in self.accepted_content_types:
            raise RequestError(_("Stuur de vraag als JSON (Content-Type: application/json)."), 415)
        if len(request.body) > settings.GRAPHQL_MAX_REQUEST_BYTES:
            raise RequestError(
                _("Het verzoek is te groot (maximaal %(max)s bytes).") % {"max": settings.GRAPHQL_MAX_REQUEST_BYTES}
            )
        if self.get_content_type(request) == "application/json":
            try:
                data = json.loads(request.body or b"{}")
            except (ValueError, UnicodeDecodeError):
                raise RequestError(_("Het verzoek is geen geldige JSON.")) from None
            if not isinstance(data, dict):
                raise RequestError(_('Het verzoek moet een JSON-object met het veld "query" zijn.'))

    @staticmethod
    def get_graphql_params(request, data):
        query, variables, operation_name, id = GraphQLView.get_graphql_params(request, data)
        if query is not None and not isinstance(query, str):
            raise RequestError(_('Het veld "query" moet een tekst zijn.'))
        if variables is not None and not isinstance(variables, dict):
            raise RequestError(_('Het veld "variables" moet een JSON-object zijn.'))
        if operation_name is not None and not isinstance(operation_name, str):
            raise RequestError(_('Het veld "operationName" moet een tekst zijn.'))
        return query, variables, operation_name, id

    def execute_graphql_request(self, request, data, query, variables, operation_name, show_graphiql=False):
        if not query:
            if show_graphiql:
                return None
            raise RequestError(_('Geef een vraag op: een JSON-object met het veld "query".'))
        if len(query) > settings.GRAPHQL_MAX_QUERY_LENGTH:
            return ExecutionResult(
                errors=[
                    PortalError(
                        _("De vraag is te lang (maximaal %(max)s tekens).") % {"max": settings.GRAPHQL_MAX_QUERY_LENGTH}
                    )
                ]
            )
        schema = self.schema.graphql_schema
        try:
            document = parse(query, max_tokens=settings.GRAPHQL_MAX_TOKENS)
        except GraphQLError as exc:
            return ExecutionResult(errors=[exc])

        operation_ast = get_operation_ast(document, operation_name)
        if (
            request.method.lower() == "get"
            and operation_ast is not None
            and operation_ast.operation != OperationType.QUERY
        ):
            if show_graphiql:
                return None
            raise RequestError(
                _("Een %(soort)s kan alleen met een POST-verzoek.") % {"soort": operation_ast.operation.value}, 405
            )

        # The limits first: they cost one walk over the document, while some standard rules
        # (overlapping fields) grow with the square of the number of aliases.
        errors = check_limits(schema, document) or validate(
            schema, document, self.validation_rules, max_errors=graphene_settings.MAX_VALIDATION_ERRORS
        )
        if errors:
            return ExecutionResult(errors=errors)

        options = {
            "root_value": self.get_root_value(request),
            "context_value": self.get_context(request),
            "variable_values": variables,
            "operation_name": operation_name,
            "middleware": self.get_middleware(request),
        }
        if self.execution_context_class:
            options["execution_context_class"] = self.execution_context_class
        try:
            if (
                operation_ast is not None
                and operation_ast.operation == OperationType.MUTATION
                and (
                    graphene_settings.ATOMIC_MUTATIONS is True
                    or connection.settings_dict.get("ATOMIC_MUTATIONS", False) is True
                )
            ):
                with transaction.atomic():
                    result = execute(schema, document, **options)
                    if getattr(request, MUTATION_ERRORS_FLAG, False) is True:
                        transaction.set_rollback(True)
                return result
            return execute(schema, document, **options)
        except Exception as exc:  # noqa: BLE001 - formatted into a general Dutch message
            return ExecutionResult(errors=[exc])

    @staticmethod
    def format_error(error):
        if isinstance(error, HttpError):
            return {"message": translate(error.message) or str(GENERAL)}
        if not isinstance(error, GraphQLError):
            return {"message": str(UNEXPECTED)}
        formatted = GraphQLView.format_error(error)
        original = error.original_error
        if original is not None and not isinstance(original, GraphQLError):
            # Never leak internals of an unexpected exception to an API client, nor Python's
            # own English messages ("invalid literal for int()").
            formatted["message"] = str(UNEXPECTED)
            return formatted
        if isinstance(error, PortalError):
            return formatted
        dutch = translate(error.message, error)
        if dutch is not None:
            formatted["message"] = dutch
        elif not error.path:
            # Without a path the error is graphql-core's (parsing, validation, variables), in
            # English: a message the table does not know yet gets the general Dutch one.
            formatted["message"] = str(GENERAL)
        return formatted
