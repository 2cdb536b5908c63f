from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.csrf import csrf_failure as django_csrf_failure

from .graphql import error_response


def _error(request, status, title, message):
    return render(request, "portal/error.html", {"status": status, "titel": title, "melding": message}, status=status)


def page_not_found(request, exception=None):
    return _error(
        request,
        404,
        _("Pagina niet gevonden"),
        _("Deze pagina bestaat niet (meer). Controleer het adres of gebruik de zoekfunctie."),
    )


def server_error(request):
    return _error(request, 500, _("Er ging iets mis"), _("Er ging aan onze kant iets mis. Probeer het later opnieuw."))


def permission_denied(request, exception=None):
    return _error(
        request,
        403,
        _("Geen toegang"),
        _("U heeft geen toegang tot deze pagina. Log in met een account dat toegang heeft."),
    )


def bad_request(request, exception=None):
    return _error(
        request, 400, _("Ongeldig verzoek"), _("Dit verzoek kon niet worden verwerkt. Controleer wat u heeft ingevuld.")
    )


def csrf_failure(request, reason=""):
    """Django's CSRF page, except for the API: a GraphQL client reads JSON, not HTML."""
    if request.path.startswith("/graphql"):
        return error_response(
            _(
                "De CSRF-controle is mislukt: stuur bij een sessie het token uit de cookie "
                "'csrftoken' mee in de header X-CSRFToken."
            ),
            403,
        )
    return django_csrf_failure(request, reason)
