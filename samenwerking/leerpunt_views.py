"""The pages of the learnings: written in a space, widened step by step, read wherever their
reach allows. Every lookup goes through `viewable_by_user`; a learning the user may not see
answers 404, exactly as one that does not exist; one they may see but not change, 403."""

from dataclasses import dataclass
from html import escape
from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from portal.privacy import pages

from . import actions, leerpunten
from .forms_leerpunt import (
    AanbevelingForm,
    LeerpuntForm,
    OpvolgingForm,
    OverzichtFilterForm,
    VerruimForm,
    controle_kenmerk,
)
from .links import reverser
from .models import Aanbeveling, Aanbieder, AuditLogEntry, Leerpunt, Melding, Onderzoek, Opvolging, Reikwijdte
from .policy import policy
from .views import _context, _crumbs, _space_for

PAGINA = AuditLogEntry.Kanaal.PAGINA


def _leerpunt_for(request, pk):
    leerpunt = Leerpunt.objects.viewable_by_user(request.user).select_related("ruimte").filter(pk=pk).first()
    if leerpunt is None:
        raise Http404
    return leerpunt


def _leerpunt_crumbs(request, leerpunt, *extra):
    if policy.user_has_permission_for_instance(request.user, "view", leerpunt.ruimte):
        items = [
            (leerpunt.ruimte.titel, reverse("samenwerking:ruimte", args=[leerpunt.ruimte_id])),
            (_("Leerpunten"), reverse("samenwerking:leerpunten", args=[leerpunt.ruimte_id])),
        ]
    else:
        items = [(_("Leerpunten"), reverse("samenwerking:gedeelde_leerpunten"))]
    return _crumbs(*items, (leerpunt.titel, reverse("samenwerking:leerpunt", args=[leerpunt.pk])), *extra)


@login_required
def lijst(request, pk):
    ruimte = _space_for(request, pk)
    items = (
        Leerpunt.objects.viewable_by_user(request.user)
        .filter(ruimte=ruimte)
        .prefetch_related("themas")
        .order_by("-aangemaakt_op", "-pk")
    )
    return render(
        request,
        "samenwerking/leerpunt/lijst.html",
        _context(
            request,
            ruimte,
            leerpunten=items,
            mag_schrijven=leerpunten.may_contribute(request.user, ruimte),
            crumbs=_crumbs(
                (ruimte.titel, reverse("samenwerking:ruimte", args=[ruimte.pk])), (_("Leerpunten"), request.path)
            ),
        ),
    )


@login_required
def gedeeld(request):
    """Every learning the user may see, at every reach: of their spaces, shared, public."""
    items = (
        Leerpunt.objects.viewable_by_user(request.user)
        .select_related("ruimte")
        .prefetch_related("themas")
        .order_by("-aangemaakt_op", "-pk")
    )
    return render(
        request,
        "samenwerking/leerpunt/gedeeld.html",
        {"leerpunten": items, "crumbs": _crumbs((_("Gedeelde leerpunten"), request.path)), "extra_css": True},
    )


def _bron_initial(request, ruimte):
    """A learning written from an investigation or report of this space starts with its tags."""
    initial = {}
    for veld, model in (("onderzoek", Onderzoek), ("melding", Melding)):
        waarde = request.GET.get(veld)
        if not waarde:
            continue
        if not waarde.isdigit():
            raise ValidationError(_("Ongeldig nummer van een onderzoek of melding."))
        bron = model.objects.viewable_by_user(request.user).filter(ruimte=ruimte, pk=int(waarde)).first()
        if bron is None:
            raise ValidationError(_("Dit onderzoek of deze melding hoort niet bij deze ruimte."))
        initial[veld] = bron.pk
        initial["gemeenten"] = list(bron.gemeenten.values_list("pk", flat=True))
        aanbieders = bron.aanbieders.all() if veld == "onderzoek" else Aanbieder.objects.filter(pk=bron.aanbieder_id)
        initial["aanbieders"] = list(aanbieders.values_list("pk", flat=True))
    return initial


def _form_page(request, ruimte, form, titel, status=200, leerpunt=None, fout=None):
    extra = (titel, request.path)
    crumbs = (
        _leerpunt_crumbs(request, leerpunt, extra)
        if leerpunt is not None
        else _crumbs(
            (ruimte.titel, reverse("samenwerking:ruimte", args=[ruimte.pk])),
            (_("Leerpunten"), reverse("samenwerking:leerpunten", args=[ruimte.pk])),
            extra,
        )
    )
    return render(
        request,
        "samenwerking/leerpunt/formulier.html",
        _context(request, ruimte, form=form, titel=titel, leerpunt=leerpunt, fout=fout, crumbs=crumbs),
        status=status,
    )


@login_required
def nieuw(request, pk):
    ruimte = _space_for(request, pk)
    if not leerpunten.may_contribute(request.user, ruimte):
        raise PermissionDenied(_("Alleen deelnemers en coördinatoren van een open ruimte schrijven leerpunten."))
    titel = _("Nieuw leerpunt")
    try:
        initial = _bron_initial(request, ruimte) if request.method == "GET" else {}
    except ValidationError as exc:
        form = LeerpuntForm(ruimte=ruimte, user=request.user)
        return _form_page(request, ruimte, form, titel, status=400, fout=" ".join(exc.messages))
    form = LeerpuntForm(request.POST or None, initial=initial, ruimte=ruimte, user=request.user)
    if request.method == "POST" and form.is_valid():
        leerpunt = leerpunten.create_leerpunt(request.user, ruimte, PAGINA, form.cleaned_data)
        messages.success(request, _("Het leerpunt is opgeslagen. Het is alleen in deze ruimte zichtbaar."))
        return redirect("samenwerking:leerpunt", pk=leerpunt.pk)
    return _form_page(request, ruimte, form, titel, status=400 if request.method == "POST" else 200)


@login_required
def wijzigen(request, pk):
    leerpunt = _leerpunt_for(request, pk)
    if not leerpunten.may_edit(request.user, leerpunt):
        raise PermissionDenied(
            _("Alleen deelnemers en coördinatoren wijzigen een leerpunt, en alleen zolang het in de ruimte blijft.")
        )
    ruimte = leerpunt.ruimte
    titel = _("Leerpunt wijzigen")
    form = LeerpuntForm(request.POST or None, instance=leerpunt, ruimte=ruimte, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            leerpunten.update_leerpunt(request.user, leerpunt, PAGINA, form.cleaned_data)
        except ValidationError as exc:
            return _form_page(request, ruimte, form, titel, status=400, leerpunt=leerpunt, fout=" ".join(exc.messages))
        messages.success(request, _("Het leerpunt is gewijzigd."))
        return redirect("samenwerking:leerpunt", pk=leerpunt.pk)
    return _form_page(request, ruimte, form, titel, status=400 if request.method == "POST" else 200, leerpunt=leerpunt)


def _detail(request, leerpunt, status=200, aanbeveling_form=None, opvolging_forms=None, fout=None, melding=None):
    user = request.user
    ruimte = leerpunt.ruimte
    opvolgingen = Opvolging.objects.select_related("organisatie", "bijgewerkt_door")
    aanbevelingen = (
        Aanbeveling.objects.viewable_by_user(user)
        .filter(leerpunt=leerpunt)
        .prefetch_related(Prefetch("opvolgingen", queryset=opvolgingen))
    )
    mag_bijdragen = leerpunten.may_contribute(user, ruimte)
    opvolging_forms = opvolging_forms or {}
    rijen = []
    for aanbeveling in aanbevelingen:
        regels = []
        for opvolging in aanbeveling.opvolgingen.all():
            form = None
            if leerpunten.may_follow_up(user, opvolging):
                form = opvolging_forms.get(opvolging.pk) or OpvolgingForm(instance=opvolging, prefix=f"o{opvolging.pk}")
            regels.append((opvolging, form))
        rijen.append((aanbeveling, regels))
    lid = policy.user_has_permission_for_instance(user, "view", ruimte)
    bron = None
    if leerpunt.onderzoek_id:
        bron = Onderzoek.objects.viewable_by_user(user).filter(pk=leerpunt.onderzoek_id).first()
    elif leerpunt.melding_id:
        bron = Melding.objects.viewable_by_user(user).filter(pk=leerpunt.melding_id).first()
    return render(
        request,
        "samenwerking/leerpunt/detail.html",
        {
            "leerpunt": leerpunt,
            "ruimte": ruimte if lid else None,
            "bron": bron,
            "verruimingen": leerpunt.verruimingen.select_related("door") if lid else [],
            "normen": leerpunt.normen.filter(pk__in=pages().viewable_by_user(user).values("pk")).order_by("path"),
            "themas": leerpunt.themas.all(),
            "aanbieders": Aanbieder.objects.viewable_by_user(user).filter(leerpunten=leerpunt),
            "gemeenten": leerpunt.gemeenten.order_by("naam"),
            "aanbevelingen": rijen,
            "mag_wijzigen": leerpunten.may_edit(user, leerpunt),
            "mag_verruimen": lid
            and leerpunt.volgende_reikwijdte() is not None
            and policy.user_has_permission_for_instance(user, "manage", ruimte),
            "volgende": leerpunt.volgende_reikwijdte(),
            "mag_bijdragen": mag_bijdragen,
            "aanbeveling_form": aanbeveling_form or (AanbevelingForm() if mag_bijdragen else None),
            "fout": fout,
            "melding": melding,
            "crumbs": _leerpunt_crumbs(request, leerpunt),
            "extra_css": True,
        },
        status=status,
    )


@login_required
def detail(request, pk):
    leerpunt = _leerpunt_for(request, pk)
    AuditLogEntry.log(request.user, AuditLogEntry.Actie.BEKEKEN, PAGINA, ruimte=leerpunt.ruimte, obj=leerpunt)
    return _detail(request, leerpunt)


_NIEUWE_CONTROLE = gettext_lazy(
    "Dit leerpunt is al buiten de ruimte zichtbaar: de tekst is gecontroleerd op persoonsgegevens. "
    "Bevestig de signalen hieronder, of pas de tekst aan."
)


def _met_signalen(request, form_class, signalen, tekst, **kwargs):
    """The form again with the check's signals. Returns (form, True) when the user has not yet
    seen this check (a first submission, or an edited text): the form unbound, to confirm; else
    (form, False), bound to the confirmations posted."""
    kenmerk = controle_kenmerk(tekst, signalen)
    veld = f"{kwargs['prefix']}-kenmerk" if kwargs.get("prefix") else "kenmerk"
    if request.POST.get(veld) == kenmerk:
        return form_class(request.POST, signalen=signalen, **kwargs), False
    form = form_class(signalen=signalen, **kwargs)
    prefix = f"{kwargs['prefix']}-" if kwargs.get("prefix") else ""
    form.initial = {
        naam: request.POST.getlist(prefix + naam) if naam == "organisaties" else request.POST.get(prefix + naam)
        for naam in form.fields
        if not naam.startswith("signaal_")
    }
    form.initial["kenmerk"] = kenmerk
    return form, True


@login_required
@require_POST
def aanbeveling(request, pk):
    leerpunt = _leerpunt_for(request, pk)
    if not leerpunten.may_contribute(request.user, leerpunt.ruimte):
        raise PermissionDenied(_("Alleen deelnemers en coördinatoren van de ruimte doen aanbevelingen."))
    form = AanbevelingForm(request.POST)
    if not form.is_valid():
        return _detail(request, leerpunt, status=400, aanbeveling_form=form)
    breder = leerpunt.reikwijdte != Reikwijdte.RUIMTE
    signalen = leerpunten.signalen_in(leerpunt, form.cleaned_data["tekst"], leerpunten.AANBEVELING) if breder else []
    if signalen:
        form, opnieuw = _met_signalen(request, AanbevelingForm, signalen, form.cleaned_data["tekst"])
        if opnieuw:
            return _detail(request, leerpunt, aanbeveling_form=form, melding=_NIEUWE_CONTROLE)
        if not form.is_valid():
            return _detail(request, leerpunt, status=400, aanbeveling_form=form)
    data = form.cleaned_data
    try:
        leerpunten.add_aanbeveling(
            request.user,
            leerpunt,
            PAGINA,
            data["tekst"],
            data["organisaties"],
            bevestigde_signalen=form.bevestigde_signalen(),
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return _detail(request, leerpunt, status=400, aanbeveling_form=form)
    messages.success(request, _("De aanbeveling is toegevoegd."))
    return redirect(reverse("samenwerking:leerpunt", args=[leerpunt.pk]) + "#aanbevelingen")


@login_required
@require_POST
def opvolging(request, pk, opvolging):
    leerpunt = _leerpunt_for(request, pk)
    own = Opvolging.objects.filter(aanbeveling__leerpunt=leerpunt, organisatie_id=request.user.organisatie_id)
    if not leerpunten.may_contribute(request.user, leerpunt.ruimte) and not (
        request.user.organisatie_id is not None and own.exists()
    ):
        # The right first: whoever may follow up nothing here gets 403 for a real follow-up and
        # a made-up id alike, and the refusal is logged.
        actions.require(request.user, "contribute", leerpunt.ruimte, PAGINA)
        raise PermissionDenied(_("Alleen de ruimte en de organisatie zelf werken de opvolging bij."))
    item = (
        Opvolging.objects.viewable_by_user(request.user)
        .filter(pk=opvolging, aanbeveling__leerpunt=leerpunt)
        .select_related("aanbeveling__leerpunt__ruimte")
        .first()
    )
    if item is None:
        raise Http404
    if not leerpunten.may_follow_up(request.user, item):
        raise PermissionDenied(_("Alleen de ruimte en de organisatie zelf werken de opvolging bij."))
    form = OpvolgingForm(request.POST, instance=Opvolging.objects.get(pk=item.pk), prefix=f"o{item.pk}")
    if not form.is_valid():
        return _detail(request, leerpunt, status=400, opvolging_forms={item.pk: form})
    toelichting = form.cleaned_data["toelichting"]
    nieuw = leerpunt.reikwijdte != Reikwijdte.RUIMTE and toelichting != item.toelichting.strip()
    signalen = leerpunten.signalen_in(leerpunt, toelichting, leerpunten.OPVOLGING) if nieuw and toelichting else []
    if signalen:
        form, opnieuw = _met_signalen(
            request,
            OpvolgingForm,
            signalen,
            toelichting,
            instance=Opvolging.objects.get(pk=item.pk),
            prefix=f"o{item.pk}",
        )
        if opnieuw:
            return _detail(request, leerpunt, opvolging_forms={item.pk: form}, melding=_NIEUWE_CONTROLE)
        if not form.is_valid():
            return _detail(request, leerpunt, status=400, opvolging_forms={item.pk: form})
    data = form.cleaned_data
    try:
        leerpunten.update_opvolging(
            request.user,
            item,
            PAGINA,
            data["status"],
            data["datum"],
            data["toelichting"],
            bevestigde_signalen=form.bevestigde_signalen(),
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return _detail(request, leerpunt, status=400, opvolging_forms={item.pk: form})
    messages.success(request, _("De opvolging is bijgewerkt."))
    return redirect(reverse("samenwerking:leerpunt", args=[leerpunt.pk]) + f"#opvolging-{item.pk}")


@login_required
def verruimen(request, pk):
    leerpunt = _leerpunt_for(request, pk)
    ruimte = leerpunt.ruimte
    if not policy.user_has_permission_for_instance(request.user, "manage", ruimte):
        AuditLogEntry.log(request.user, AuditLogEntry.Actie.GEWEIGERD, PAGINA, ruimte=ruimte, toelichting="manage")
        raise PermissionDenied(_("Alleen een coördinator van de ruimte maakt een leerpunt breder zichtbaar."))
    volgende = leerpunt.volgende_reikwijdte()
    if volgende is None:
        return _verruim_page(request, leerpunt, None, status=400, fout=_("Dit leerpunt is al openbaar."))
    aanbevelingen = _aanbevelingen(leerpunt)
    if request.method != "POST":
        teksten = leerpunten.teksten_voor(leerpunt)
        signalen = leerpunten.signalen_voor(leerpunt, teksten=teksten)
        form = VerruimForm(
            initial={
                "titel": leerpunt.titel,
                "tekst": leerpunt.tekst,
                "naar": volgende,
                "kenmerk": controle_kenmerk(teksten, signalen),
            },
            signalen=signalen,
            aanbevelingen=aanbevelingen,
        )
        return _verruim_page(request, leerpunt, form)

    teksten = leerpunten.teksten_voor(
        leerpunt,
        request.POST.get("tekst", "").strip(),
        titel=request.POST.get("titel", "").strip(),
        aanbevelingen={
            pk: request.POST.get(f"aanbeveling_{pk}", inhoud).strip() for pk, _label, inhoud in aanbevelingen
        },
    )
    signalen = leerpunten.signalen_voor(leerpunt, teksten=teksten)
    kenmerk = controle_kenmerk(teksten, signalen)
    if request.POST.get("kenmerk") != kenmerk:
        # A text was edited (or the space now knows a name it did not, or a recommendation was
        # added meanwhile): show the new check.
        data = request.POST.copy()
        data["kenmerk"] = kenmerk
        for veld in [v for v in data if v.startswith("signaal_")]:
            del data[veld]
        form = VerruimForm(initial={**data.dict(), "naar": volgende}, signalen=signalen, aanbevelingen=aanbevelingen)
        melding = _("De tekst is gewijzigd: de controle is opnieuw uitgevoerd.")
        if signalen:
            melding += " " + _("Bevestig de signalen hieronder, of pas de tekst verder aan.")
        return _verruim_page(request, leerpunt, form, melding=melding)
    form = VerruimForm(request.POST, signalen=signalen, aanbevelingen=aanbevelingen)
    if not form.is_valid():
        return _verruim_page(request, leerpunt, form, status=400)
    if form.cleaned_data["naar"] != volgende:
        fout = _("Een leerpunt wordt stap voor stap breder zichtbaar: de volgende stap is „%(stap)s”.") % {
            "stap": Reikwijdte(volgende).label
        }
        return _verruim_page(request, leerpunt, form, status=400, fout=fout)
    try:
        leerpunten.verruim_leerpunt(
            request.user,
            leerpunt,
            PAGINA,
            naar=form.cleaned_data["naar"],
            reden=form.cleaned_data["reden"],
            tekst=form.cleaned_data["tekst"],
            titel=form.cleaned_data["titel"],
            aanbevelingen=form.nieuwe_aanbevelingen(),
            bevestigde_signalen=form.bevestigde_signalen(),
        )
    except ValidationError as exc:
        leerpunt.refresh_from_db()
        return _verruim_page(request, leerpunt, form, status=400, fout=" ".join(exc.messages))
    if volgende == Reikwijdte.OPENBAAR:
        messages.success(
            request,
            _(
                "Het leerpunt is aangeboden aan de redactie van de kennisbank. Het is openbaar zodra "
                "de redactie de pagina publiceert."
            ),
        )
    else:
        messages.success(request, _("Het leerpunt is nu zichtbaar voor alle toezichthouders in het portaal."))
    return redirect("samenwerking:leerpunt", pk=leerpunt.pk)


def _aanbevelingen(leerpunt):
    """(pk, label, text) of the learning's recommendations, numbered as its page numbers them."""
    return [
        (aanbeveling.pk, _("Aanbeveling %(n)s") % {"n": nummer}, aanbeveling.tekst)
        for nummer, aanbeveling in enumerate(leerpunt.aanbevelingen.order_by("pk"), start=1)
    ]


def _verruim_page(request, leerpunt, form, status=200, fout=None, melding=None):
    volgende = leerpunt.volgende_reikwijdte()
    return render(
        request,
        "samenwerking/leerpunt/verruimen.html",
        {
            **_context(request, leerpunt.ruimte),
            "leerpunt": leerpunt,
            "form": form,
            "volgende": Reikwijdte(volgende).label if volgende else None,
            "huidige": Reikwijdte(leerpunt.reikwijdte).label,
            "fout": fout,
            "melding": melding,
            "crumbs": _leerpunt_crumbs(request, leerpunt, (_("Breder zichtbaar maken"), request.path)),
        },
        status=status,
    )


PER_PAGINA_AANBEVELINGEN = 50


def aanbevelingen(request):
    """Open recommendations of every learning the user may see: how many per municipality and,
    for those who may see providers, per provider (each a link that filters the list), and
    the recommendations themselves a page at a time. Anonymous visitors see those of public
    learnings. A supervisor may see well over a thousand, so the page counts in SQL and
    writes out only the lines of one page."""
    user = request.user
    form = OverzichtFilterForm(request.GET or None, user=user)
    context = {"form": form, "crumbs": _crumbs((_("Open aanbevelingen"), request.path)), "extra_css": True}
    if request.GET and not form.is_valid():
        return render(request, "samenwerking/leerpunt/aanbevelingen.html", context, status=400)
    filters = form.cleaned_data if form.is_bound else {}
    open_ids = _open_recommendation_ids(user, filters)
    ordered = Aanbeveling.objects.filter(pk__in=open_ids).order_by("leerpunt__titel", "pk")
    paginator = Paginator(ordered.values_list("pk", flat=True), PER_PAGINA_AANBEVELINGEN)
    try:
        pagina = paginator.page(request.GET.get("pagina") or 1)
    except PageNotAnInteger:
        context["fout"] = _("Het paginanummer moet een geheel getal zijn.")
        return render(request, "samenwerking/leerpunt/aanbevelingen.html", context, status=400)
    except EmptyPage:
        context["fout"] = _("Deze pagina van het overzicht bestaat niet.")
        return render(request, "samenwerking/leerpunt/aanbevelingen.html", context, status=404)
    zichtbaar = Aanbieder.objects.viewable_by_user(user)
    per_aanbieder = None
    if zichtbaar.exists():
        per_aanbieder = _tellingen(
            zichtbaar.filter(leerpunten__aanbevelingen__in=open_ids)
            .values_list("pk", "naam")
            .annotate(aantal=Count("leerpunten__aanbevelingen", distinct=True))
            .order_by("naam", "pk"),
            "aanbieder",
            # The learnings with a visible provider as one list SQLite builds once: as a join
            # or a correlated check over every provider tag this count took 35-50 ms.
            ordered.exclude(
                leerpunt_id__in=Leerpunt.aanbieders.through.objects.filter(
                    aanbieder_id__in=zichtbaar.values("pk")
                ).values("leerpunt_id")
            ).count(),
        )
    context.update(
        {
            "per_gemeente": _tellingen(
                Leerpunt.gemeenten.through.objects.filter(leerpunt__aanbevelingen__in=open_ids)
                .values_list("gemeente_id", "gemeente__naam")
                .annotate(aantal=Count("leerpunt__aanbevelingen", distinct=True))
                .order_by("gemeente__naam", "gemeente_id"),
                "gemeente",
                ordered.filter(leerpunt__gemeenten__isnull=True).count(),
            ),
            "per_aanbieder": per_aanbieder,
            "aantal": paginator.count,
            "pagina": pagina,
            "regels": _open_recommendations(user, filters, ids=list(pagina.object_list)),
            "filter_query": urlencode({k: v.pk for k, v in filters.items() if v is not None}),
        }
    )
    return render(request, "samenwerking/leerpunt/aanbevelingen.html", context)


def _open_recommendation_ids(user, filters):
    """The ids of the recommendations the user may see that an organisation has not finished."""
    # A follow-up is seen through its recommendation's learning (OpvolgingQuerySet), so the
    # open follow-ups of the visible learnings are those of the visible recommendations.
    rows = Opvolging.objects.viewable_by_user(user).open()
    if filters.get("gemeente"):
        rows = rows.filter(aanbeveling__leerpunt__gemeenten=filters["gemeente"])
    if filters.get("aanbieder"):
        rows = rows.filter(aanbeveling__leerpunt__aanbieders=filters["aanbieder"])
    return rows.values("aanbeveling_id")


class _Telling(NamedTuple):
    """A row of a count table, written out once: a supervisor sees hundreds of municipalities
    and providers, and a template per row cost more than counting them."""

    pk: int | None
    naam: str | None
    aantal: int
    html: str

    def __html__(self):
        return self.html


def _tellingen(rijen, veld, zonder):
    """[_Telling, ...] from (id, name, count) rows, each name a link that filters the list on
    `veld`, and a last row for the recommendations whose learning has no such tag."""
    uitkomst = [
        _Telling(
            pk,
            naam,
            aantal,
            mark_safe(
                f'<tr class="utrecht-table__row"><th scope="row" class="utrecht-table__header-cell">'
                f'<a class="utrecht-link" href="?{veld}={pk}#aanbevelingen">{escape(naam)}</a></th>'
                f'<td class="utrecht-table__cell utrecht-table__cell--numeric">{aantal}</td></tr>'
            ),
        )
        for pk, naam, aantal in rijen
    ]
    if zonder:
        label = escape(_("Zonder aanbieder") if veld == "aanbieder" else _("Zonder gemeente"))
        uitkomst.append(
            _Telling(
                None,
                None,
                zonder,
                mark_safe(
                    f'<tr class="utrecht-table__row"><th scope="row" class="utrecht-table__header-cell">{label}</th>'
                    f'<td class="utrecht-table__cell utrecht-table__cell--numeric">{zonder}</td></tr>'
                ),
            )
        )
    return uitkomst


@dataclass(frozen=True)
class _Regel:
    """An open recommendation as the overview lists it, its line written out once: the
    overview lists every recommendation twice (per municipality and per provider), a
    supervisor may see well over a thousand, and a template per line cost most of the page."""

    pk: int
    leerpunt_id: int
    tekst: str
    html: str

    def __html__(self):
        return self.html


def _open_recommendations(user, filters, ids):
    """The open recommendations among `ids` that the user may see, in the order of their
    learning's title, as _Regel; one query for them and their open follow-ups."""
    rows = Opvolging.objects.viewable_by_user(user).open().filter(aanbeveling_id__in=ids)
    if filters.get("gemeente"):
        rows = rows.filter(aanbeveling__leerpunt__gemeenten=filters["gemeente"])
    if filters.get("aanbieder"):
        rows = rows.filter(aanbeveling__leerpunt__aanbieders=filters["aanbieder"])
    rows = rows.order_by("aanbeveling__leerpunt__titel", "aanbeveling_id", "organisatie__naam", "pk").values_list(
        "aanbeveling_id",
        "aanbeveling__leerpunt_id",
        "aanbeveling__tekst",
        "aanbeveling__leerpunt__titel",
        "organisatie__naam",
        "status",
    )
    statussen = {value: str(label).lower() for value, label in Opvolging.Status.choices}
    aanbevelingen = {}
    for pk, leerpunt_id, tekst, titel, organisatie, status in rows:
        regel = aanbevelingen.setdefault(pk, (leerpunt_id, tekst, titel, []))
        regel[3].append(f"{organisatie}: {statussen[status]}")
    links = _learning_links(user, {leerpunt_id for leerpunt_id, *_rest in aanbevelingen.values()})
    # Python's own escape, as Django's does, without its lazy-string check per call.
    return [
        _Regel(
            pk=pk,
            leerpunt_id=leerpunt_id,
            tekst=tekst,
            html=mark_safe(
                f'<li>{escape(tekst)} <span class="portal-meta">'
                f"({_learning_link(links.get(leerpunt_id), titel)};\n    {escape(', '.join(opvolgingen))})</span></li>"
            ),
        )
        for pk, (leerpunt_id, tekst, titel, opvolgingen) in aanbevelingen.items()
    ]


def _learning_links(user, ids):
    """{learning id: URL} of the learnings the overview links to: their page in the portal for
    a signed-in user, their live kennisbank page for an anonymous visitor."""
    if user.is_authenticated:
        url = reverser("samenwerking:leerpunt", 1)
        return {pk: url(pk) for pk in ids}
    return {
        leerpunt.pk: leerpunt.pagina.url
        for leerpunt in Leerpunt.objects.filter(pk__in=ids, pagina__isnull=False).select_related("pagina")
    }


def _learning_link(url, titel):
    if url is None:
        return escape(titel)
    return f'<a class="utrecht-link" href="{escape(url)}">{escape(titel)}</a>'
