"""The navigator, the overview page, its exports and the register of designations."""

import csv
import io
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.http import http_date, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from portal.ids import parse_id
from portal.links import absolute_url
from portal.roles import gemeente_van, is_redacteur

from . import keuzes, opendata
from .forms import AanwijzingForm, BeoordelingForm
from .gegevens import referentie
from .keuzes import OngeldigeKeuze
from .models import Aanwijzing, AanwijzingWijziging, OverzichtPage, Toezichthouder, Toezichtsgebied
from .models.toezicht import BRON_NIET_OPENBAAR, Niveau
from .navigator import (
    alle_zichtbaar,
    beantwoord,
    met_kaders,
    met_zichtbaar_kader,
    taken_met_bron,
    wat_doet,
    zichtbare_paginas,
)
from .overzicht import maak_overzicht
from .svg import teken
from .weergave import handelend_html, melden_html

CBS_BRON = "Bron: CBS, Gebieden in Nederland 2023 (CC BY 4.0)"
VELDEN = [("wet", keuzes.vind_wet), ("voorziening", keuzes.vind_voorziening), ("situatie", keuzes.vind_situatie)]


# The options as of one Referentie (a new one is built when the reference data change);
# a tuple is replaced in one step, so threads never see a half-written pair.
_opties_cache = (None, "")


def _gemeente_opties(gekozen=""):
    """The 342 options, rendered here once per version of the reference data: a template loop
    over them, or even escaping them on every request, costs more than the answer."""
    global _opties_cache
    ref = referentie()
    bron, html = _opties_cache
    if bron is not ref:
        html = "".join(f'<option value="{escape(g.code)}">{escape(g.naam)}</option>' for g in ref.gemeenten)
        _opties_cache = (ref, html)
    if gekozen:
        waarde = f'value="{escape(gekozen)}">'
        html = html.replace(waarde, f'value="{escape(gekozen)}" selected>', 1)
    return mark_safe(html)


def _crumbs(*items):
    return [{"title": title, "url": url} for title, url in items]


def navigator(request):
    params = {
        key: request.GET.get(key, "").strip() for key in ("gemeente", "wet", "voorziening", "situatie", "peildatum")
    }
    opties = {"wet": keuzes.wetten(), "voorziening": keuzes.voorzieningen(), "situatie": keuzes.situaties()}
    context = {
        "params": params,
        "fouten": {},
        "advies": None,
        "opties": opties,
        "crumbs": _crumbs((_("Wie houdt toezicht?"), reverse("visual:navigator"))),
        "overzicht_url": _overzicht_url(request.user),
    }
    if not any(params.values()):
        context["gemeente_opties"] = _gemeente_opties()
        return render(request, "visual/navigator.html", context)
    gekozen = {}
    try:
        gemeente = keuzes.vind_gemeente(params["gemeente"])
        params["gemeente"] = gemeente.cbs_code
    except OngeldigeKeuze as exc:
        context["fouten"]["gemeente"] = exc.bericht
        gemeente = None
    for veld, vind in VELDEN:
        if not params[veld]:
            continue
        try:
            gekozen[veld] = vind(params[veld], opties[veld])
            params[veld] = gekozen[veld].slug
        except OngeldigeKeuze as exc:
            if exc.kandidaten:
                gekozen[veld] = exc
            else:
                context["fouten"][veld] = exc.bericht
    try:
        gekozen["peildatum"] = keuzes.vind_peildatum(params["peildatum"])
        if params["peildatum"]:
            params["peildatum"] = gekozen["peildatum"].isoformat()
    except OngeldigeKeuze as exc:
        context["fouten"]["peildatum"] = exc.bericht
    context["gemeente_opties"] = _gemeente_opties(params["gemeente"])
    if context["fouten"]:
        return render(request, "visual/navigator.html", context, status=400)
    peildatum = gekozen.pop("peildatum")
    try:
        advies = beantwoord(gemeente, gekozen, user=request.user, peildatum=peildatum)
    except OngeldigeKeuze as exc:
        context["fouten"][exc.veld] = exc.bericht
        return render(request, "visual/navigator.html", context, status=400)
    context["advies"] = advies
    context["kaarten"] = {"handelend": handelend_html(advies.toezichthouders), "melden": melden_html(advies.melden_bij)}
    return render(request, "visual/navigator.html", context)


def _overzicht_url(user):
    page = OverzichtPage.objects.viewable_by_user(user).only("url_path").first()
    return page.url if page else ""


def serve_overzicht(page, request):
    waarde = request.GET.get("gemeente", "").strip()
    peildatum_tekst = request.GET.get("peildatum", "").strip()
    context = {
        "page": page,
        "self": page,
        "gemeente_opties": _gemeente_opties(),
        "overzicht": None,
        "fout": "",
        "gekozen": None,
        "vandaag": date.today(),
        "cbs_bron": CBS_BRON,
        "peildatum": peildatum_tekst,
    }
    status = 200
    try:
        gemeente = keuzes.vind_gemeente(waarde) if waarde else None
        peildatum = keuzes.vind_peildatum(peildatum_tekst)
    except OngeldigeKeuze as exc:
        context["fout"], status = exc.bericht, 400
    else:
        # Without a municipality the page starts from the whole picture (seed 002: "inzicht
        # in het woud aan toezicht ... van zowel lokaal- als rijkstoezicht").
        overzicht = maak_overzicht(gemeente, user=request.user, peildatum=peildatum)
        gekozen = overzicht.elementen.get(request.GET.get("element", ""))
        context.update(
            overzicht=overzicht,
            gekozen=gekozen,
            gemeente_opties=_gemeente_opties(gemeente.cbs_code if gemeente else ""),
            svg=teken(overzicht, gekozen=gekozen.id if gekozen else None),
            export_query=overzicht.query,
            element_query=f"{overzicht.query}&" if overzicht.query else "",
            peildatum_tekst=_peildatum_tekst(peildatum),
        )
        if request.GET.get("element") and gekozen is None:
            context["fout"] = _(
                "Dit onderdeel staat niet in het overzicht van %(g)s; kies "
                "een toezichthouder in de afbeelding of de tabel."
            ) % {"g": gemeente.naam if gemeente else _("Nederland")}
    return TemplateResponse(request, "visual/overzicht_page.html", context, status=status)


def _peildatum_tekst(peildatum):
    if peildatum == date.today():
        return ""
    return _("Stand op %(d)s (peildatum); gemaakt op %(vandaag)s") % {
        "d": date_format(peildatum, "j F Y"),
        "vandaag": date_format(date.today(), "j F Y"),
    }


def _export_overzicht(request):
    waarde = request.GET.get("gemeente", "").strip()
    try:
        gemeente = keuzes.vind_gemeente(waarde) if waarde else None
        peildatum = keuzes.vind_peildatum(request.GET.get("peildatum", ""))
    except OngeldigeKeuze as exc:
        return None, HttpResponse(exc.bericht, status=400, content_type="text/plain; charset=utf-8")
    overzicht = maak_overzicht(gemeente, user=request.user, peildatum=peildatum)
    bronnen = sorted({r.bron for r in overzicht.advies.regels})
    if gemeente is None:
        kop = [
            _("Wie houdt toezicht in het sociaal domein?"),
            _("Stand van %(d)s · Toezichtportaal Sociaal Domein · heel Nederland")
            % {"d": date_format(peildatum, "j F Y")},
            _("Lokaal: wat elke gemeente zelf regelt; regionaal: met de gemeenten die de bronnen noemen."),
        ]
    else:
        kop = [
            _("Wie houdt toezicht in %(g)s?") % {"g": gemeente.naam},
            _("Stand van %(d)s · Toezichtportaal Sociaal Domein · gemeente %(g)s (%(c)s)")
            % {"d": date_format(peildatum, "j F Y"), "g": gemeente.naam, "c": gemeente.cbs_code},
            _(
                "Onderbroken kader: niet vastgelegd voor deze gemeente; vraag het aanwijzingsbesluit op bij de "
                "gemeente."
            ),
        ]
    voet = [_("Bronnen:"), *[f"- {b}" for b in bronnen], CBS_BRON]
    return (overzicht, teken(overzicht, interactief=False, kop=kop, voet=voet)), None


def _bestandsnaam(overzicht, ext):
    peildatum = overzicht.advies.peildatum
    waar = overzicht.gemeente.cbs_code if overzicht.gemeente is not None else "nederland"
    return f"wie-houdt-toezicht-{waar}-{peildatum:%Y%m%d}.{ext}"


def export_svg(request):
    result, error = _export_overzicht(request)
    if error:
        return error
    overzicht, svg = result
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + svg, content_type="image/svg+xml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(overzicht, "svg")}"'
    return response


def export_pdf(request):
    from reportlab.graphics import renderPDF
    from svglib.svglib import svg2rlg

    result, error = _export_overzicht(request)
    if error:
        return error
    overzicht, svg = result
    drawing = svg2rlg(io.BytesIO(svg.encode("utf-8")))
    waar = overzicht.gemeente.naam if overzicht.gemeente is not None else _("Nederland")
    pdf = renderPDF.drawToString(drawing, title=_("Wie houdt toezicht in %(g)s?") % {"g": waar})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(overzicht, "pdf")}"'
    return response


# --- the supervisors ------------------------------------------------------------------------
def toezichthouders(request):
    """Every supervisor by level, current ones first; ended ones with their successor."""
    vandaag = date.today()
    alle = list(Toezichthouder.objects.select_related("opvolger"))
    rijen = []
    for niveau, label in Niveau.choices:
        items = [t for t in alle if t.niveau == niveau]
        if items:
            items.sort(key=lambda t: (not t.is_geldig_op(vandaag), t.naam.lower()))
            rijen.append((label, items))
    return render(
        request,
        "visual/toezichthouder_list.html",
        {
            "rijen": rijen,
            "vandaag": vandaag,
            "crumbs": _crumbs(
                (_("Wie houdt toezicht?"), reverse("visual:navigator")), (_("Toezichthouders"), request.path)
            ),
        },
    )


def toezichthouder(request, slug):
    item = get_object_or_404(Toezichthouder.objects.select_related("opvolger", "organisatie"), slug=slug)
    gebieden = [g for g in referentie().gebieden if g.model.toezichthouder_id == item.pk]
    eigen = referentie().toezichthouder_citeert.get(item.pk, frozenset())
    bron_ids = {pk for g in gebieden for pk in g.citeert} | eigen
    zichtbaar = zichtbare_paginas({pk for g in gebieden for pk in g.paginas} | met_kaders(bron_ids), request.user)
    bronnen = met_zichtbaar_kader(bron_ids, zichtbaar)
    eigen_zichtbaar = alle_zichtbaar(eigen, bronnen)
    vandaag = date.today()
    regels = []
    for g in gebieden:
        # Every citation of the remit (its own, per task, per reporter) names the pages of
        # g.citeert: where the user may not see one of them, none shows.
        verborgen = not alle_zichtbaar(g.citeert, bronnen)
        bron, bron_url = (str(BRON_NIET_OPENBAAR), "") if verborgen else g.model.getoonde_bron(True)
        taakbronnen = dict.fromkeys(g.model.taakbronnen, str(BRON_NIET_OPENBAAR)) if verborgen else g.model.taakbronnen
        regels.append(
            {
                "gebied": g.model,
                "geldig": g.model.is_geldig_op(vandaag) and item.is_geldig_op(vandaag),
                "gemeenten": _dekking(g.model, item),
                "paginas": [zichtbaar[pk] for pk in g.paginas if pk in zichtbaar],
                "bron": bron,
                "bron_url": bron_url,
                "bron_pagina": None if verborgen else bronnen.get(g.model.bron_pagina_id),
                "wat_doet": wat_doet(g.model.taken),
                "taken_met_bron": taken_met_bron(g.model.taken, taakbronnen),
                "meldplichten": [
                    {**m, "bron": str(BRON_NIET_OPENBAAR)} if verborgen else m for m in g.model.meldplichten
                ],
            }
        )
    # Approved designations are public; through the one permission rule all the same.
    aanwijzingen = (
        Aanwijzing.objects.viewable_by_user(request.user)
        .goedgekeurd()
        .geldig_op(vandaag)
        .filter(toezichthouder=item)
        .select_related("gemeente")
        .order_by("gemeente__naam")
    )
    return render(
        request,
        "visual/toezichthouder_detail.html",
        {
            "toezichthouder": item,
            "bron": item.getoonde_bron(eigen_zichtbaar),
            "bron_pagina": bronnen.get(item.bron_pagina_id) if eigen_zichtbaar else None,
            "regels": regels,
            "aanwijzingen": aanwijzingen,
            "voorgangers": item.voorgangers.order_by("naam"),
            "vandaag": vandaag,
            "actueel": item.is_geldig_op(vandaag),
            "crumbs": _crumbs(
                (_("Wie houdt toezicht?"), reverse("visual:navigator")),
                (_("Toezichthouders"), reverse("visual:toezichthouders")),
                (item.naam, request.path),
            ),
        },
    )


def _dekking(gebied, toezichthouder):
    if toezichthouder.per_gemeente:
        return _("Elke gemeente vult deze rol zelf in.")
    if gebied.dekking == Toezichtsgebied.Dekking.ALLE:
        return _("Alle gemeenten")
    if gebied.dekking == Toezichtsgebied.Dekking.REGIO and gebied.regio is not None:
        return _("De gemeenten van %(regio)s") % {"regio": gebied.regio}
    namen = [g.naam for g in gebied.gemeenten.all()]
    return _("%(n)s gemeenten: %(namen)s") % {"n": len(namen), "namen": ", ".join(namen)}


# --- the register of designations ---------------------------------------------------------
def _register_crumbs(*extra):
    return _crumbs(
        (_("Wie houdt toezicht?"), reverse("visual:navigator")),
        (_("Aanwijzingsregister"), reverse("visual:aanwijzingen")),
        *extra,
    )


@login_required
def aanwijzingen(request):
    qs = Aanwijzing.objects.viewable_by_user(request.user).select_related(
        "gemeente", "toezichthouder", "ingediend_door"
    )
    status = request.GET.get("status", "").strip()
    fout = ""
    if status and status not in Aanwijzing.Status.values:
        fout = _("Onbekende status '%(s)s'. Kies uit: %(lijst)s.") % {
            "s": status[:40],
            "lijst": ", ".join(Aanwijzing.Status.values),
        }
        qs = qs.none()
    elif status:
        qs = qs.filter(status=status)
    return render(
        request,
        "visual/aanwijzing_list.html",
        {
            "aanwijzingen": qs,
            "gemeente": gemeente_van(request.user),
            "status": status,
            "statussen": Aanwijzing.Status.choices,
            "fout": fout,
            "redacteur": is_redacteur(request.user),
            "crumbs": _register_crumbs(),
        },
        status=400 if fout else 200,
    )


@login_required
def aanwijzing_nieuw(request):
    gemeente = gemeente_van(request.user)
    if gemeente is None:
        raise PermissionDenied(_("Alleen een ambtenaar van een gemeente kan een aanwijzing vastleggen."))
    form = AanwijzingForm(request.POST or None, gemeente=gemeente)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            aanwijzing = form.save(commit=False)
            aanwijzing.gemeente = gemeente
            aanwijzing.ingediend_door = request.user
            aanwijzing.status = Aanwijzing.Status.INGEDIEND
            aanwijzing.save()
            form.save_m2m()
            aanwijzing.log(request.user, AanwijzingWijziging.Actie.VASTGELEGD, {})
        messages.success(
            request,
            _(
                "De aanwijzing is vastgelegd. Een redacteur beoordeelt haar "
                "voordat zij in het overzicht en de navigator verschijnt."
            ),
        )
        return redirect("visual:aanwijzing", pk=aanwijzing.pk)
    return render(
        request,
        "visual/aanwijzing_form.html",
        {
            "form": form,
            "gemeente": gemeente,
            "aanwijzing": None,
            "crumbs": _register_crumbs((_("Nieuwe aanwijzing"), request.path)),
        },
        status=400 if request.method == "POST" else 200,
    )


def _aanwijzing_voor(request, pk):
    pk = parse_id(pk)
    if pk is None:
        raise Http404
    return get_object_or_404(
        Aanwijzing.objects.viewable_by_user(request.user).select_related(
            "gemeente", "toezichthouder", "ingediend_door", "beoordeeld_door"
        ),
        pk=pk,
    )


@login_required
def aanwijzing(request, pk):
    item = _aanwijzing_voor(request, pk)
    redacteur = is_redacteur(request.user)
    form = BeoordelingForm(request.POST or None) if redacteur else None
    if request.method == "POST":
        if not redacteur:
            raise PermissionDenied(_("Alleen een redacteur kan een aanwijzing beoordelen."))
        if item.status != Aanwijzing.Status.INGEDIEND:
            messages.error(request, _("Deze aanwijzing is al beoordeeld."))
            return redirect("visual:aanwijzing", pk=item.pk)
        if form.is_valid():
            with transaction.atomic():
                item.beoordeel(
                    request.user, form.cleaned_data["besluit"] == "goedkeuren", form.cleaned_data["opmerking"]
                )
            messages.success(request, _("De beoordeling is vastgelegd."))
            return redirect("visual:aanwijzing", pk=item.pk)
    wijzigingen = item.wijzigingen.select_related("gebruiker")
    return render(
        request,
        "visual/aanwijzing_detail.html",
        {
            "aanwijzing": item,
            "form": form,
            "wijzigingen": wijzigingen,
            "mag_wijzigen": item.mag_wijzigen(request.user),
            "redacteur": redacteur,
            "crumbs": _register_crumbs((str(item), request.path)),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def aanwijzing_wijzigen(request, pk):
    item = _aanwijzing_voor(request, pk)
    if not item.mag_wijzigen(request.user):
        raise PermissionDenied(_("Alleen een ambtenaar van deze gemeente kan de aanwijzing wijzigen."))
    voor = item.snapshot()
    form = AanwijzingForm(request.POST or None, instance=item, gemeente=item.gemeente)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            item = form.save(commit=False)
            # A changed designation is reviewed again before it shows.
            item.status = Aanwijzing.Status.INGEDIEND
            item.beoordeeld_door, item.beoordeeld_op, item.beoordeling = None, None, ""
            item.save()
            form.save_m2m()
            item.log(request.user, AanwijzingWijziging.Actie.GEWIJZIGD, voor)
        messages.success(request, _("De wijziging is vastgelegd en wacht op beoordeling."))
        return redirect("visual:aanwijzing", pk=item.pk)
    return render(
        request,
        "visual/aanwijzing_form.html",
        {
            "form": form,
            "gemeente": item.gemeente,
            "aanwijzing": item,
            "crumbs": _register_crumbs(
                (str(item), reverse("visual:aanwijzing", args=[item.pk])), (_("Wijzigen"), request.path)
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


# --- the register as open data ------------------------------------------------------------
def _open_peildatum(request):
    try:
        return keuzes.vind_peildatum(request.GET.get("peildatum", "")), None
    except OngeldigeKeuze as exc:
        return None, HttpResponse(exc.bericht, status=400, content_type="text/plain; charset=utf-8")


def aanwijzingen_dekking(request):
    """How many and which municipalities have designated their Wmo supervisor, by GGD
    region and province, in three categories: a decision in the register, a designation a
    framework reports, nothing known. Tables, which are their own text equivalent."""
    peildatum, fout = _open_peildatum(request)
    if fout:
        return fout
    return render(
        request,
        "visual/aanwijzing_dekking.html",
        {
            "dekking": opendata.dekking(request.user, peildatum),
            "bron": opendata.bronvermelding(),
            "licentie_url": opendata.LICENTIE_URL,
            "crumbs": _register_crumbs((_("Dekking"), request.path)),
        },
    )


def _open_bestandsnaam(naam, peildatum, ext):
    return f'attachment; filename="{naam}-{peildatum:%Y%m%d}.{ext}"'


def _csv(kolommen, rijen):
    uit = io.StringIO()
    schrijver = csv.writer(uit, lineterminator="\n")
    schrijver.writerow([k.naam for k in kolommen])
    for rij in rijen:
        schrijver.writerow([k.waarde(rij) for k in kolommen])
    return uit.getvalue()


def _met_peildatum(request, naam):
    """The absolute URL of one of the open data files, for the date this request asked."""
    url = absolute_url(reverse(f"visual:{naam}"))
    peildatum = request.GET.get("peildatum", "").strip()
    return f"{url}?{urlencode({'peildatum': peildatum})}" if peildatum else url


def _csv_response(request, inhoud, naam, metadata, peildatum, bijgewerkt=None):
    """A plain CSV the import reads, with its licence, its CSVW metadata beside it (Link
    rel="describedby"), the date in the file name and, where known, when it last changed."""
    response = HttpResponse(inhoud, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _open_bestandsnaam(naam, peildatum, "csv")
    response["Link"] = (
        f'<{opendata.LICENTIE_URL}>; rel="license", '
        f'<{_met_peildatum(request, metadata)}>; rel="describedby"; type="application/csvm+json"'
    )
    if bijgewerkt is not None:
        response["Last-Modified"] = http_date(bijgewerkt.timestamp())
    return response


def _json_response(data, naam, peildatum, content_type="application/json"):
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1}, content_type=content_type)
    response["Content-Disposition"] = _open_bestandsnaam(naam, peildatum, "json")
    return response


def _metadata(peildatum):
    return {
        "peildatum": peildatum.isoformat(),
        "gemaakt_op": date.today().isoformat(),
        "licentie": opendata.LICENTIE,
        "licentie_url": opendata.LICENTIE_URL,
        "bron": opendata.bronvermelding(),
    }


def aanwijzingen_csv(request):
    peildatum, fout = _open_peildatum(request)
    if fout:
        return fout
    inhoud = _csv(opendata.KOLOMMEN, opendata.goedgekeurde_aanwijzingen(request.user, peildatum))
    return _csv_response(
        request,
        inhoud,
        "aanwijzingen-wmo-toezicht",
        "aanwijzingen_csv_metadata",
        peildatum,
        opendata.bijgewerkt_op(peildatum),
    )


def aanwijzingen_csv_metadata(request):
    peildatum, fout = _open_peildatum(request)
    if fout:
        return fout
    metadata = opendata.csvw(
        opendata.KOLOMMEN,
        _met_peildatum(request, "aanwijzingen_csv"),
        opendata.titel_aanwijzingen(),
        peildatum,
        opendata.bijgewerkt_op(peildatum),
    )
    return _json_response(metadata, "aanwijzingen-wmo-toezicht.csv-metadata", peildatum, "application/csvm+json")


def aanwijzingen_json(request):
    peildatum, fout = _open_peildatum(request)
    if fout:
        return fout
    bijgewerkt = opendata.bijgewerkt_op(peildatum)
    data = {
        "titel": opendata.titel_aanwijzingen(),
        **_metadata(peildatum),
        "bijgewerkt_op": bijgewerkt.isoformat() if bijgewerkt else None,
        "aanwijzingen": [opendata.rij(a) for a in opendata.goedgekeurde_aanwijzingen(request.user, peildatum)],
    }
    response = _json_response(data, "aanwijzingen-wmo-toezicht", peildatum)
    if bijgewerkt is not None:
        response["Last-Modified"] = http_date(bijgewerkt.timestamp())
    return response


# The coverage also rests on the frameworks' data, which keep no time of change: these
# files carry no Last-Modified and no "bijgewerkt_op".
def dekking_csv(request):
    peildatum, fout = _open_peildatum(request)
    if fout:
        return fout
    inhoud = _csv(opendata.DEKKING_KOLOMMEN, opendata.dekking(request.user, peildatum).standen)
    return _csv_response(request, inhoud, "dekking-wmo-toezicht", "dekking_csv_metadata", peildatum)


def dekking_csv_metadata(request):
    peildatum, fout = _open_peildatum(request)
    if fout:
        return fout
    metadata = opendata.csvw(
        opendata.DEKKING_KOLOMMEN, _met_peildatum(request, "dekking_csv"), opendata.titel_dekking(), peildatum
    )
    return _json_response(metadata, "dekking-wmo-toezicht.csv-metadata", peildatum, "application/csvm+json")


def dekking_json(request):
    peildatum, fout = _open_peildatum(request)
    if fout:
        return fout
    dekking = opendata.dekking(request.user, peildatum)
    data = {
        "titel": opendata.titel_dekking(),
        **_metadata(peildatum),
        "categorieen": [
            {"categorie": waarde, "naam": str(label), "gemeenten": n}
            for waarde, label, n in opendata.aantallen(dekking)
        ],
        "gemeenten": [{k.naam: k.waarde(stand) for k in opendata.DEKKING_KOLOMMEN} for stand in dekking.standen],
    }
    return _json_response(data, "dekking-wmo-toezicht", peildatum)
