"""The notifications page, opening one, and the e-mail preferences. Every lookup goes through
`Notificatie.objects.viewable_by_user`: someone else's notification answers 404, exactly as one
that does not exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .forms import NotificatieVoorkeurenForm
from .models import Notificatie, NotificatieVoorkeur
from .views import _crumbs

LIJST_LENGTE = 200


def object_url(item):
    """Where a notification leads: its object's page in the space."""
    if item.document_id:
        return reverse("samenwerking:document", args=[item.ruimte_id, item.document_id])
    if item.bericht_id:
        draad = item.bericht.antwoord_op_id or item.bericht_id
        return reverse("samenwerking:berichten", args=[item.ruimte_id]) + f"#bericht-{draad}"
    if item.taak_id:
        return reverse("samenwerking:taken", args=[item.ruimte_id])
    if item.melding_id:
        return reverse("samenwerking:melding", args=[item.ruimte_id, item.melding_id])
    if item.onderzoek_id:
        from .signalering import _investigation_url

        return _investigation_url(item.ruimte_id, item.onderzoek_id)
    if item.toegangsverzoek_id:
        verzoek = item.toegangsverzoek
        if item.ontvanger_id != verzoek.aanvrager_id:
            return reverse("samenwerking:toegangsverzoeken", args=[item.ruimte_id])
        if verzoek.besluit != verzoek.Besluit.TOEGEKEND:
            # The requester outside the space is sent to the provider, never into the space.
            return reverse("samenwerking:aanbieder", args=[verzoek.aanbieder_id])
    return reverse("samenwerking:ruimte", args=[item.ruimte_id])


def _eigen(request):
    return Notificatie.objects.viewable_by_user(request.user)


@login_required
def notificaties(request):
    fout = None
    if request.method == "POST":
        actie = request.POST.get("actie")
        if actie == "alles_gelezen":
            aantal = _eigen(request).ongelezen().update(gelezen_op=timezone.now())
            messages.success(request, _("Alle notificaties zijn als gelezen gemarkeerd (%(n)d).") % {"n": aantal})
            return redirect("samenwerking:notificaties")
        if actie == "gelezen":
            try:
                pk = int(request.POST.get("notificatie", ""))
            except ValueError:
                fout = _("Kies een notificatie uit de lijst.")
            else:
                if not _eigen(request).filter(pk=pk).update(gelezen_op=timezone.now()):
                    raise Http404
                messages.success(request, _("De notificatie is als gelezen gemarkeerd."))
                return redirect("samenwerking:notificaties")
        else:
            fout = _("Onbekende actie.")
    lijst = _eigen(request).select_related(
        "ruimte", "document", "bericht__auteur", "taak", "toegangsverzoek__aanbieder", "toegangsverzoek__aanvrager"
    )[:LIJST_LENGTE]
    return render(
        request,
        "samenwerking/notificaties.html",
        {
            "notificaties": lijst,
            "aantal_ongelezen": _eigen(request).ongelezen().count(),
            "fout": fout,
            "crumbs": _crumbs((_("Notificaties"), request.path)),
            "extra_css": True,
        },
        status=400 if fout else 200,
    )


@login_required
def notificatie(request, pk):
    item = _eigen(request).select_related("bericht", "toegangsverzoek").filter(pk=pk).first()
    if item is None:
        raise Http404
    if item.gelezen_op is None:
        Notificatie.objects.filter(pk=item.pk).update(gelezen_op=timezone.now())
    return redirect(object_url(item))


@login_required
def voorkeuren(request):
    huidige = NotificatieVoorkeur.for_user(request.user)
    form = NotificatieVoorkeurenForm(request.POST or None, initial=huidige)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for soort, frequentie in form.cleaned_data.items():
                NotificatieVoorkeur.objects.update_or_create(
                    gebruiker=request.user, soort=soort, defaults={"frequentie": frequentie}
                )
        messages.success(request, _("Uw keuzes voor e-mail zijn bewaard."))
        return redirect("samenwerking:notificatievoorkeuren")
    return render(
        request,
        "samenwerking/notificatievoorkeuren.html",
        {
            "form": form,
            "crumbs": _crumbs(
                (_("Notificaties"), reverse("samenwerking:notificaties")), (_("E-mail instellen"), request.path)
            ),
            "extra_css": True,
        },
        status=400 if request.method == "POST" else 200,
    )
