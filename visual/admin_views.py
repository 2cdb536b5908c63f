"""The admin view through which editors import designations from a CSV file."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from portal.roles import is_redacteur

from .forms import AanwijzingenImportForm
from .importeren import lees, lees_en_importeer
from .opendata import KOLOMMEN


def aanwijzingen_importeren(request):
    if not is_redacteur(request.user):
        raise PermissionDenied(_("Alleen een redacteur kan aanwijzingen importeren."))
    form = AanwijzingenImportForm(request.POST or None, request.FILES or None)
    resultaat, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            bestand = form.cleaned_data["bestand"]
            if form.cleaned_data["proefdraaien"]:
                resultaat = lees(bestand)
            else:
                resultaat = lees_en_importeer(bestand, request.user)
            if resultaat.fouten:
                status = 400
        else:
            status = 400
    return render(
        request,
        "visual/admin/aanwijzingen_importeren.html",
        {
            "form": form,
            "resultaat": resultaat,
            "proef": form.is_bound and form.cleaned_data.get("proefdraaien"),
            "kolommen": KOLOMMEN,
        },
        status=status,
    )
