from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from . import service
from .forms import SearchForm


def _crumbs():
    return [{"title": _("Zoeken"), "url": reverse("search:zoeken")}]


@require_GET
@cache_control(private=True, no_store=True)
def zoeken(request):
    form = SearchForm(request.GET or None)
    context = {
        "form": form,
        "crumbs": _crumbs(),
        "zoekterm": request.GET.get("q", "")[:500],
        "fout": "",
        "melding": "",
        "uitkomst": None,
    }
    status = 200
    if not request.GET:
        return render(request, "search/zoeken.html", context)
    if not form.is_valid():
        context["fout"] = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return render(request, "search/zoeken.html", context, status=400)
    pagina = form.cleaned_data.get("pagina") or 1
    try:
        uitkomst = service.search(form.cleaned_data["q"], request.user, form.filters, pagina)
    except service.PaginaBestaatNiet as exc:
        context["melding"] = str(exc)
        uitkomst = service.search(form.cleaned_data["q"], request.user, form.filters, exc.laatste)
    except service.ZoekFout as exc:
        context["fout"] = str(exc)
        status = 200 if not form.cleaned_data["q"].strip() else 400
        return render(request, "search/zoeken.html", context, status=status)
    query = request.GET.copy()
    query.pop("pagina", None)
    context.update(
        {
            "uitkomst": uitkomst,
            "querystring": query.urlencode(),
            "paginas": range(1, uitkomst.aantal_paginas + 1),
            "eerste": (uitkomst.pagina - 1) * uitkomst.per_pagina + 1,
            "laatste": min(uitkomst.totaal, uitkomst.pagina * uitkomst.per_pagina),
        }
    )
    return render(request, "search/zoeken.html", context, status=status)


@require_GET
def suggesties(request):
    """Titles that start with what was typed, for autocomplete: JSON."""
    try:
        items = service.autocomplete(request.GET.get("q", ""), request.user)
    except service.ZoekFout as exc:
        return JsonResponse({"resultaten": [], "fout": str(exc)}, status=400)
    response = JsonResponse({"resultaten": items})
    response["Cache-Control"] = "private, no-store"
    return response
