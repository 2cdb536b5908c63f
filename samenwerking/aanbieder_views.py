"""Providers: the list and page for supervisors, adding and editing them, the notice of open work
on a provider in spaces the user is not in with the request to join, and the coordinators' page
where such requests are decided. What a provider's page lists of the spaces goes through each
object's own `viewable_by_user`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from portal.roles import is_toezichthouder

from . import toegang
from .aanbieder_forms import AanbiederForm, BesluitForm, LocatieFormSet, ToegangsverzoekForm, ZoekAanbiederForm
from .models import Aanbieder, AuditLogEntry, Bevinding, Leerpunt, Melding, Onderzoek, Toegangsverzoek
from .policy import policy
from .search import object_url, viewable_space_ids
from .views import _context, _crumbs, _space_for

PAGINA = AuditLogEntry.Kanaal.PAGINA
Actie = AuditLogEntry.Actie
PER_PAGINA = 50


def _require_supervisor(request):
    if not is_toezichthouder(request.user):
        raise PermissionDenied(_("Alleen toezichthouders zien de aanbieders."))


def _provider_for(request, pk):
    _require_supervisor(request)
    aanbieder = Aanbieder.objects.viewable_by_user(request.user).filter(pk=pk).first()
    if aanbieder is None:
        raise Http404
    return aanbieder


def _aanbieders_crumb():
    return (_("Aanbieders"), reverse("samenwerking:aanbieders"))


@login_required
def aanbieders(request):
    _require_supervisor(request)
    form = ZoekAanbiederForm(request.GET or None)
    lijst = Aanbieder.objects.viewable_by_user(request.user)
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
        lijst = lijst.none()
    elif form.is_bound:
        q = " ".join(form.cleaned_data["q"].replace("\x00", "").split())
        if q:
            digits = q.replace(" ", "").replace(".", "")
            match = Q(naam__icontains=q)
            if digits.isdigit():
                match |= Q(kvk_nummer__startswith=digits)
            lijst = lijst.filter(match)
    paginator = Paginator(lijst.prefetch_related("gemeenten"), PER_PAGINA)
    try:
        pagina = paginator.page(request.GET.get("pagina") or 1)
    except (PageNotAnInteger, EmptyPage):
        status = 400
        pagina = paginator.page(1)
        messages.error(request, _("Deze pagina van de lijst bestaat niet."))
    return render(
        request,
        "samenwerking/aanbieder/lijst.html",
        {
            "form": form,
            "pagina": pagina,
            "q": form.cleaned_data.get("q", "") if form.is_bound and form.is_valid() else "",
            "crumbs": _crumbs((_("Aanbieders"), request.path)),
            "extra_css": True,
        },
        status=status,
    )


def _linked(items, spaces):
    for item in items:
        item.link = object_url(item, spaces)
    return items


def _what_the_user_may_see(user, aanbieder):
    onderzoeken = (
        Onderzoek.objects.viewable_by_user(user)
        .filter(aanbieders=aanbieder)
        .select_related("ruimte", "toezichtsvorm")
        .distinct()
    )
    bevindingen = (
        Bevinding.objects.viewable_by_user(user)
        .filter(aanbieder=aanbieder)
        .select_related("onderzoek", "norm")
        .order_by("onderzoek", "norm__path", "pk")
    )
    meldingen = Melding.objects.viewable_by_user(user).filter(aanbieder=aanbieder).select_related("ruimte")
    leerpunten = Leerpunt.objects.viewable_by_user(user).filter(aanbieders=aanbieder).distinct()
    spaces = viewable_space_ids(user)
    return {
        "onderzoeken": _linked(list(onderzoeken), spaces),
        "bevindingen": _linked(list(bevindingen), spaces),
        "meldingen": _linked(list(meldingen), spaces),
        "leerpunten": _linked(list(leerpunten), spaces),
    }


def _terug(request):
    """The page in the portal's spaces a request to join was made from (an investigation or a
    report shows the same notice), to return to; anything else is ignored."""
    terug = (request.POST.get("terug") or "").replace("\x00", "")
    if terug.startswith("/samenwerking/") and url_has_allowed_host_and_scheme(
        terug, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return terug
    return None


@login_required
def aanbieder(request, pk):
    item = _provider_for(request, pk)
    form = ToegangsverzoekForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                data = form.cleaned_data
                toegang.request_access(request.user, item, data["token"], data["reden"], PAGINA)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request, _("Uw verzoek is verstuurd. De coördinatoren van de ruimte besluiten erover.")
                )
                return redirect(_terug(request) or reverse("samenwerking:aanbieder", args=[item.pk]))
    AuditLogEntry.log(request.user, Actie.BEKEKEN, PAGINA, obj=item)
    return render(
        request,
        "samenwerking/aanbieder/detail.html",
        {
            "aanbieder": item,
            "locaties": item.locaties.select_related("gemeente"),
            "gemeenten": item.gemeenten.all(),
            "voorzieningsoorten": item.voorzieningsoorten.all(),
            **_what_the_user_may_see(request.user, item),
            "elders": toegang.notices(request.user, item),
            "verzoeken": toegang.requests_of(request.user, item),
            "verzoek_form": form,
            "crumbs": _crumbs(_aanbieders_crumb(), (item.naam, request.path)),
            "extra_css": True,
        },
        status=status,
    )


def _edit(request, item):
    form = AanbiederForm(request.POST or None, instance=item)
    formset = LocatieFormSet(request.POST or None, instance=item or Aanbieder(), prefix="locaties")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            nieuw = item is None
            saved = form.save()
            formset.instance = saved
            formset.save()
            AuditLogEntry.log(request.user, Actie.AANGEMAAKT if nieuw else Actie.GEWIJZIGD, PAGINA, obj=saved)
        messages.success(request, _("De aanbieder is bewaard."))
        return redirect("samenwerking:aanbieder", pk=saved.pk)
    titel = _("Nieuwe aanbieder") if item is None else _("%(naam)s wijzigen") % {"naam": item.naam}
    crumbs = [_aanbieders_crumb()]
    if item is not None:
        crumbs.append((item.naam, reverse("samenwerking:aanbieder", args=[item.pk])))
    return render(
        request,
        "samenwerking/aanbieder/form.html",
        {
            "form": form,
            "formset": formset,
            "titel": titel,
            "crumbs": _crumbs(*crumbs, (titel, request.path)),
            "extra_css": True,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def aanbieder_nieuw(request):
    _require_supervisor(request)
    return _edit(request, None)


@login_required
def aanbieder_wijzigen(request, pk):
    return _edit(request, _provider_for(request, pk))


@login_required
def toegangsverzoeken(request, pk):
    ruimte = _space_for(request, pk)
    if not policy.user_has_permission_for_instance(request.user, "manage", ruimte):
        raise PermissionDenied(_("Alleen coördinatoren besluiten over verzoeken om toegang."))
    form = BesluitForm(request.POST or None)
    fout = None
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            verzoek = (
                Toegangsverzoek.objects.viewable_by_user(request.user).filter(ruimte=ruimte, pk=data["verzoek"]).first()
            )
            if verzoek is None:
                fout = _("Dit verzoek bestaat niet in deze ruimte.")
            else:
                try:
                    toegang.decide(request.user, verzoek, PAGINA, data["besluit"] == "toekennen", data["toelichting"])
                except ValidationError as exc:
                    fout = " ".join(exc.messages)
                else:
                    messages.success(
                        request,
                        _("Het verzoek is toegekend; de aanvrager is nu deelnemer.")
                        if data["besluit"] == "toekennen"
                        else _("Het verzoek is afgewezen."),
                    )
                    return redirect("samenwerking:toegangsverzoeken", pk=ruimte.pk)
        else:
            fout = " ".join(e for errors in form.errors.values() for e in errors)
    AuditLogEntry.log(request.user, Actie.BEKEKEN, PAGINA, ruimte=ruimte, toelichting="toegangsverzoeken")
    verzoeken = list(toegang.open_requests_for(request.user, ruimte))
    return render(
        request,
        "samenwerking/aanbieder/toegangsverzoeken.html",
        _context(
            request,
            ruimte,
            open_verzoeken=[v for v in verzoeken if not v.besluit],
            besloten=[v for v in verzoeken if v.besluit],
            fout=fout,
            besluiten=BesluitForm.BESLUITEN,
            crumbs=_crumbs(
                (ruimte.titel, reverse("samenwerking:ruimte", args=[ruimte.pk])),
                (_("Verzoeken om toegang"), request.path),
            ),
        ),
        status=400 if request.method == "POST" else 200,
    )
