"""The pages of joint investigations: the list, one investigation, recording its findings,
the findings matrix (page, CSV, PDF) and the report with its publication procedure.

Every lookup goes through `viewable_by_user` (a non-member gets 404, exactly as for an
investigation that does not exist); writing needs the right to contribute to the space (403)."""

import csv
import io
from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import onderzoek_acties, paginas, procedure, toegang
from .actions import require
from .models import AuditLogEntry, Bevinding, Document, Onderzoek, OnderzoekNorm, Oordeel
from .onderzoek_forms import (
    AfrondenForm,
    BevindingRijForm,
    ConceptForm,
    OnderzoekForm,
    StartForm,
    UitstelForm,
)
from .oordeelkleuren import oordeelkleuren
from .views import PAGINA, _context, _crumbs, _space_for

Actie = AuditLogEntry.Actie
DOWNLOAD = AuditLogEntry.Kanaal.DOWNLOAD

# The order of the judgements in the legend, the counts and the exports.
OORDELEN = [Oordeel.VOLDOET, Oordeel.VOLDOET_GEDEELTELIJK, Oordeel.VOLDOET_NIET, Oordeel.NIET_GETOETST]


def _onderzoek_for(request, ruimte, pk):
    onderzoek = (
        Onderzoek.objects.viewable_by_user(request.user)
        .filter(ruimte=ruimte, pk=pk)
        .select_related("ruimte", "kader", "toezichtsvorm", "coordinerende_organisatie")
        .first()
    )
    if onderzoek is None:
        raise Http404
    return onderzoek


def _require_contribute(request, ruimte):
    try:
        require(request.user, "contribute", ruimte, PAGINA)
    except PermissionDenied:
        raise PermissionDenied(_("U kunt in deze ruimte alleen lezen.")) from None


def _onderzoek_crumbs(ruimte, onderzoek=None, *rest):
    items = [
        (ruimte.titel, reverse("samenwerking:ruimte", args=[ruimte.pk])),
        (_("Onderzoeken"), reverse("samenwerking:onderzoeken", args=[ruimte.pk])),
    ]
    if onderzoek is not None:
        items.append((onderzoek.titel, reverse("samenwerking:onderzoek", args=[ruimte.pk, onderzoek.pk])))
    return _crumbs(*items, *rest)


def _kader_boom(user, kaders):
    from kennisbank.models.kaders import build_tree

    return [{"kader": kader, "boom": build_tree(kader, user)} for kader in kaders]


@login_required
def onderzoeken(request, pk):
    ruimte = _space_for(request, pk)
    AuditLogEntry.log(request.user, Actie.BEKEKEN, PAGINA, ruimte=ruimte, toelichting="onderzoeken")
    lijst = (
        Onderzoek.objects.viewable_by_user(request.user)
        .filter(ruimte=ruimte)
        .select_related("toezichtsvorm", "kader", "coordinerende_organisatie")
        .prefetch_related("aanbieders")
    )
    return render(
        request,
        "samenwerking/onderzoek/lijst.html",
        _context(request, ruimte, onderzoeken=lijst, crumbs=_onderzoek_crumbs(ruimte)),
    )


def _save_onderzoek(request, ruimte, form, onderzoek=None):
    if onderzoek is None:
        return onderzoek_acties.create_onderzoek(request.user, ruimte, PAGINA, form.cleaned_data, form.gekozen_normen)
    return onderzoek_acties.update_onderzoek(request.user, onderzoek, PAGINA, form.cleaned_data)


def _onderzoek_form_page(request, ruimte, form, onderzoek, crumbs):
    from .onderzoek_forms import _kaders

    return render(
        request,
        "samenwerking/onderzoek/form.html",
        _context(
            request,
            ruimte,
            form=form,
            onderzoek=onderzoek,
            kaderbomen=_kader_boom(request.user, _kaders(request.user)) if form.nieuw else [],
            gekozen_normen={str(v) for v in (form["normen"].value() or [])} if form.nieuw else set(),
            crumbs=crumbs,
        ),
        status=400 if request.method == "POST" else 200,
    )


@login_required
def onderzoek_nieuw(request, pk):
    ruimte = _space_for(request, pk)
    _require_contribute(request, ruimte)
    form = OnderzoekForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        item = _save_onderzoek(request, ruimte, form)
        messages.success(request, _("Het onderzoek is aangemaakt."))
        return redirect("samenwerking:onderzoek", pk=ruimte.pk, onderzoek=item.pk)
    return _onderzoek_form_page(
        request, ruimte, form, None, _onderzoek_crumbs(ruimte, None, (_("Nieuw onderzoek"), request.path))
    )


@login_required
def onderzoek_wijzigen(request, pk, onderzoek):
    ruimte = _space_for(request, pk)
    # The right first: a reader gets 403 for a real investigation and a made-up id alike.
    _require_contribute(request, ruimte)
    item = _onderzoek_for(request, ruimte, onderzoek)
    form = OnderzoekForm(request.POST or None, user=request.user, instance=item)
    if request.method == "POST" and form.is_valid():
        _save_onderzoek(request, ruimte, form, onderzoek=item)
        messages.success(request, _("Het onderzoek is gewijzigd."))
        return redirect("samenwerking:onderzoek", pk=ruimte.pk, onderzoek=item.pk)
    return _onderzoek_form_page(
        request,
        ruimte,
        form,
        Onderzoek.objects.get(pk=item.pk),
        _onderzoek_crumbs(ruimte, item, (_("Wijzigen"), request.path)),
    )


def _normen(onderzoek):
    return [
        regel.norm
        for regel in OnderzoekNorm.objects.filter(onderzoek=onderzoek).select_related("norm").order_by("volgorde", "pk")
    ]


@login_required
def onderzoek(request, pk, onderzoek):
    ruimte = _space_for(request, pk)
    item = _onderzoek_for(request, ruimte, onderzoek)
    AuditLogEntry.log(request.user, Actie.BEKEKEN, PAGINA, ruimte=ruimte, obj=item)
    aanbieders = list(item.aanbieders.all())
    return render(
        request,
        "samenwerking/onderzoek/detail.html",
        _context(
            request,
            ruimte,
            onderzoek=item,
            normen=_normen(item),
            aanbieders=aanbieders,
            elders_per_aanbieder=toegang.notices_for(request.user, aanbieders),
            gemeenten=item.gemeenten.all(),
            organisaties=item.organisaties.all(),
            heeft_procedure=procedure.wordt_gepubliceerd(item),
            niet_openbaar=procedure.besluit_niet_openbaar(item),
            crumbs=_onderzoek_crumbs(ruimte, item),
        ),
    )


def _documenten(request, ruimte):
    return Document.objects.viewable_by_user(request.user).filter(ruimte=ruimte).order_by("naam", "pk")


def _rij_prefix(norm, aanbieder):
    return f"n{norm.pk}-a{aanbieder.pk}"


@login_required
def bevindingen(request, pk, onderzoek):
    """One form with a row per norm (for one provider) or a row per provider (for one norm)."""
    ruimte = _space_for(request, pk)
    if request.method == "POST":
        # The right first, before any id of the request is looked at.
        _require_contribute(request, ruimte)
    item = _onderzoek_for(request, ruimte, onderzoek)
    context = _context(request, ruimte)
    normen = _normen(item)
    aanbieders = list(item.aanbieders.all())
    bron = request.POST if request.method == "POST" else request.GET
    per_norm = bool(bron.get("norm"))
    try:
        if per_norm:
            gekozen = next(n for n in normen if str(n.pk) == bron.get("norm"))
            paren = [(gekozen, a) for a in aanbieders]
        else:
            gekozen = (
                next(a for a in aanbieders if str(a.pk) == bron.get("aanbieder")) if bron.get("aanbieder") else None
            )
            gekozen = gekozen or (aanbieders[0] if aanbieders else None)
            paren = [(n, gekozen) for n in normen] if gekozen else []
    except StopIteration:
        return render(
            request,
            "samenwerking/onderzoek/bevindingen.html",
            {
                **context,
                "onderzoek": item,
                "fout": _("Deze norm of aanbieder hoort niet bij dit onderzoek."),
                "normen": normen,
                "aanbieders": aanbieders,
                "rijen": [],
                "crumbs": _onderzoek_crumbs(ruimte, item, (_("Bevindingen"), request.path)),
            },
            status=400,
        )
    bestaande = {
        (b.norm_id, b.aanbieder_id): b
        for b in Bevinding.objects.viewable_by_user(request.user)
        .filter(onderzoek=item)
        .select_related("vastgesteld_door")
        .prefetch_related("bewijs", "versies__door")
    }
    documenten = _documenten(request, ruimte)
    rijen = []
    for norm, aanbieder in paren:
        bestaand = bestaande.get((norm.pk, aanbieder.pk))
        initial = (
            {"oordeel": bestaand.oordeel, "toelichting": bestaand.toelichting, "bewijs": list(bestaand.bewijs.all())}
            if bestaand
            else None
        )
        form = BevindingRijForm(
            request.POST if request.method == "POST" else None,
            prefix=_rij_prefix(norm, aanbieder),
            initial=initial,
            documenten=documenten,
        )
        rijen.append({"norm": norm, "aanbieder": aanbieder, "form": form, "bevinding": bestaand})
    if request.method == "POST":
        _require_contribute(request, ruimte)
        if all(rij["form"].is_valid() for rij in rijen):
            aantal = _save_bevindingen(request, item, rijen)
            messages.success(request, _("De bevindingen zijn opgeslagen (%(n)s gewijzigd).") % {"n": aantal})
            query = f"?norm={gekozen.pk}" if per_norm else f"?aanbieder={gekozen.pk}"
            return redirect(reverse("samenwerking:onderzoek_bevindingen", args=[ruimte.pk, item.pk]) + query)
    AuditLogEntry.log(request.user, Actie.BEKEKEN, PAGINA, ruimte=ruimte, obj=item, toelichting="bevindingen")
    return render(
        request,
        "samenwerking/onderzoek/bevindingen.html",
        {
            **context,
            "onderzoek": item,
            "normen": normen,
            "aanbieders": aanbieders,
            "per_norm": per_norm,
            "gekozen": gekozen,
            "rijen": rijen,
            "heeft_fouten": any(rij["form"].errors for rij in rijen),
            "crumbs": _onderzoek_crumbs(ruimte, item, (_("Bevindingen"), request.path)),
        },
        status=400 if request.method == "POST" else 200,
    )


def _save_bevindingen(request, onderzoek, rijen):
    """Save the rows that changed, each with a new version; all or nothing."""
    saved = onderzoek_acties.record_findings(
        request.user,
        onderzoek,
        PAGINA,
        [
            (
                rij["norm"],
                rij["aanbieder"],
                rij["form"].cleaned_data["oordeel"],
                rij["form"].cleaned_data["toelichting"],
                list(rij["form"].cleaned_data["bewijs"]),
            )
            for rij in rijen
        ],
    )
    return len(saved)


def matrix_data(user, onderzoek):
    """Norms x providers with the judgement of each cell (a cell without a finding is "not
    tested"), and the counts per judgement per provider and in all."""
    normen = _normen(onderzoek)
    aanbieders = list(onderzoek.aanbieders.all())
    oordelen = {
        (norm_id, aanbieder_id): oordeel
        for norm_id, aanbieder_id, oordeel in Bevinding.objects.viewable_by_user(user)
        .filter(onderzoek=onderzoek)
        .values_list("norm", "aanbieder", "oordeel")
    }
    # Each judgement's label translated once, not once per cell.
    labels = {oordeel: str(oordeel.label) for oordeel in OORDELEN}
    rijen = [
        {
            "norm": norm,
            # The exports are files without a request: the title the user may see, once.
            "normnaam": paginas.titel(norm, user),
            "cellen": [
                {"aanbieder": a, "oordeel": oordeel, "label": labels[oordeel]}
                for a in aanbieders
                for oordeel in [Oordeel(oordelen.get((norm.pk, a.pk), Oordeel.NIET_GETOETST))]
            ],
        }
        for norm in normen
    ]
    per_aanbieder = {a.pk: Counter() for a in aanbieders}
    for rij in rijen:
        for cel in rij["cellen"]:
            per_aanbieder[cel["aanbieder"].pk][cel["oordeel"]] += 1
    tellingen = [
        {
            "oordeel": oordeel,
            "per_aanbieder": [per_aanbieder[a.pk][oordeel] for a in aanbieders],
            "totaal": sum(per_aanbieder[a.pk][oordeel] for a in aanbieders),
        }
        for oordeel in OORDELEN
    ]
    return {
        "normen": normen,
        "aanbieders": aanbieders,
        "rijen": rijen,
        "tellingen": tellingen,
        "oordelen": OORDELEN,
        "kader": paginas.titel(onderzoek.kader, user),
        "toezichtsvorm": paginas.titel(onderzoek.toezichtsvorm, user),
    }


@login_required
def matrix(request, pk, onderzoek):
    ruimte = _space_for(request, pk)
    item = _onderzoek_for(request, ruimte, onderzoek)
    AuditLogEntry.log(request.user, Actie.BEKEKEN, PAGINA, ruimte=ruimte, obj=item, toelichting="matrix")
    return render(
        request,
        "samenwerking/onderzoek/matrix.html",
        _context(
            request,
            ruimte,
            onderzoek=item,
            **matrix_data(request.user, item),
            crumbs=_onderzoek_crumbs(ruimte, item, (_("Bevindingenmatrix"), request.path)),
        ),
    )


def _export_rows(data):
    yield [_("Code"), _("Norm"), *(a.naam for a in data["aanbieders"])]
    for rij in data["rijen"]:
        yield [rij["norm"].code, rij["normnaam"], *(cel["label"] for cel in rij["cellen"])]


@login_required
def matrix_csv(request, pk, onderzoek):
    ruimte = _space_for(request, pk)
    item = _onderzoek_for(request, ruimte, onderzoek)
    AuditLogEntry.log(request.user, Actie.GEDOWNLOAD, DOWNLOAD, ruimte=ruimte, obj=item, toelichting="matrix.csv")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bevindingen-onderzoek-{item.pk}.csv"'
    response["Cache-Control"] = "private, no-store"
    # A byte-order mark and semicolons: Excel with Dutch settings opens it as columns, accents intact.
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    for row in _export_rows(matrix_data(request.user, item)):
        writer.writerow(row)
    return response


def matrix_pdf_bytes(onderzoek, data):
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.5 * cm,
        title=_("Bevindingenmatrix: %(titel)s") % {"titel": onderzoek.titel},
    )
    styles = getSampleStyleSheet()
    klein = styles["BodyText"].clone("klein", fontSize=8, leading=10)
    # Each judgement in words and in the colours of the HTML matrix (oordeelkleuren.py).
    kleuren = oordeelkleuren()
    per_oordeel = {
        oordeel: klein.clone(f"klein-{oordeel}", textColor=colors.HexColor(kleur["tekst"]))
        for oordeel, kleur in kleuren.items()
        if "tekst" in kleur
    }

    def oordeelcel(oordeel, tekst, kolom, rij, opmaak):
        achtergrond = kleuren.get(oordeel, {}).get("achtergrond")
        if achtergrond:
            opmaak.append(("BACKGROUND", (kolom, rij), (kolom, rij), colors.HexColor(achtergrond)))
        return Paragraph(escape(str(tekst)), per_oordeel.get(oordeel, klein))

    opmaak = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5e7eb")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    rows = [[Paragraph(escape(str(cel)), klein) for cel in next(_export_rows(data))]]
    for r, rij in enumerate(data["rijen"], start=1):
        rows.append(
            [
                Paragraph(escape(str(rij["norm"].code)), klein),
                Paragraph(escape(str(rij["normnaam"])), klein),
                *(
                    oordeelcel(cel["oordeel"].value, cel["label"], k, r, opmaak)
                    for k, cel in enumerate(rij["cellen"], 2)
                ),
            ]
        )
    breedte = doc.width
    vast = 1.5 * cm
    norm = max(6 * cm, breedte * 0.35)
    rest = (breedte - vast - norm) / max(1, len(data["aanbieders"]))
    tabel = Table(rows, colWidths=[vast, norm, *([rest] * len(data["aanbieders"]))], repeatRows=1)
    tabel.setStyle(TableStyle(opmaak))
    # The counts name each judgement in its colour too: the legend of the matrix above.
    telling_opmaak = [("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]
    telling = [
        [Paragraph(escape(str(c)), klein) for c in [_("Oordeel"), *(a.naam for a in data["aanbieders"]), _("Totaal")]]
    ]
    for r, t in enumerate(data["tellingen"], start=1):
        telling.append(
            [
                oordeelcel(t["oordeel"].value, t["oordeel"].label, 0, r, telling_opmaak),
                *(Paragraph(escape(str(c)), klein) for c in [*t["per_aanbieder"], t["totaal"]]),
            ]
        )
    telling_tabel = Table(telling, repeatRows=1)
    telling_tabel.setStyle(TableStyle(telling_opmaak))
    doc.build(
        [
            Paragraph(escape(_("Bevindingenmatrix: %(titel)s") % {"titel": onderzoek.titel}), styles["Heading1"]),
            Paragraph(
                escape(
                    _("Toetsingskader: %(kader)s. Toezichtsvorm: %(vorm)s.")
                    % {"kader": data["kader"], "vorm": data["toezichtsvorm"]}
                ),
                styles["BodyText"],
            ),
            Paragraph(
                escape(_("Elk oordeel staat in woorden in de cel; de kleur is een hulpmiddel.")), styles["BodyText"]
            ),
            Spacer(1, 0.3 * cm),
            tabel,
            Spacer(1, 0.5 * cm),
            Paragraph(escape(_("Aantallen per oordeel")), styles["Heading2"]),
            telling_tabel,
        ]
    )
    return buffer.getvalue()


@login_required
def matrix_pdf(request, pk, onderzoek):
    ruimte = _space_for(request, pk)
    item = _onderzoek_for(request, ruimte, onderzoek)
    AuditLogEntry.log(request.user, Actie.GEDOWNLOAD, DOWNLOAD, ruimte=ruimte, obj=item, toelichting="matrix.pdf")
    response = HttpResponse(matrix_pdf_bytes(item, matrix_data(request.user, item)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bevindingen-onderzoek-{item.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def _rapport_context(request, ruimte, item, forms_by_step=None, fout=None, **extra):
    documenten = _documenten(request, ruimte)
    regels = procedure.overzicht(item)
    forms_by_step = forms_by_step or {}
    for regel in regels:
        if regel.aan_de_beurt:
            definitie = regel.definitie
            regel.form = forms_by_step.get(("afronden", definitie.volgorde)) or AfrondenForm(
                prefix=f"stap{definitie.volgorde}",
                documenten=documenten,
                rol=definitie.rol,
                maximum_woorden=definitie.maximum_woorden,
                initial={"datum": timezone.localdate()},
            )
            if definitie.rol == procedure.ZIENSWIJZE:
                regel.uitstel_form = forms_by_step.get(("uitstel", definitie.volgorde)) or UitstelForm(
                    prefix=f"uitstel{definitie.volgorde}"
                )
    return _context(
        request,
        ruimte,
        onderzoek=item,
        heeft_procedure=procedure.wordt_gepubliceerd(item),
        vormen=procedure.publicerende_vormen(item.kader),
        regels=regels,
        niet_openbaar=procedure.besluit_niet_openbaar(item),
        uitleg_besluit=procedure.toelichting_besluit(item.kader, request.user)
        if any(r.aan_de_beurt and r.definitie.rol == procedure.BESLUIT for r in regels)
        else None,
        begonnen=any(regel.stap for regel in regels),
        concept_form=extra.pop("concept_form", None) or ConceptForm(documenten=documenten),
        start_form=extra.pop("start_form", None) or StartForm(initial={"datum": timezone.localdate()}),
        fout=fout,
        crumbs=_onderzoek_crumbs(ruimte, item, (_("Rapport en openbaarmaking"), request.path)),
        **extra,
    )


def _stap_nummer(request):
    try:
        return int(request.POST.get("stap", ""))
    except ValueError:
        raise ValidationError(_("Deze stap bestaat niet in de procedure.")) from None


def _rapport_post(request, ruimte, item):
    """Perform the posted action; returns (response, forms) where forms are shown again on an error."""
    actie = request.POST.get("actie")
    documenten = _documenten(request, ruimte)
    if actie == "concept":
        form = ConceptForm(request.POST, documenten=documenten)
        if not form.is_valid():
            return None, {"concept_form": form}
        procedure.kies_concept(request.user, item, form.cleaned_data["document"], PAGINA)
        messages.success(request, _("Het conceptrapport is gekozen."))
        return True, {}
    if actie == "start":
        form = StartForm(request.POST)
        if not form.is_valid():
            return None, {"start_form": form}
        procedure.start(request.user, item, form.cleaned_data["datum"], PAGINA)
        messages.success(request, _("De procedure van openbaarmaking is begonnen."))
        return True, {}
    if actie == "afronden":
        volgorde = _stap_nummer(request)
        definitie = next((d for d in procedure.stappen_van(item.kader) if d.volgorde == volgorde), None)
        if definitie is None:
            raise ValidationError(_("Deze stap bestaat niet in de procedure."))
        form = AfrondenForm(
            request.POST,
            prefix=f"stap{volgorde}",
            documenten=documenten,
            rol=definitie.rol,
            maximum_woorden=definitie.maximum_woorden,
        )
        if not form.is_valid():
            return None, {"forms_by_step": {("afronden", volgorde): form}}
        data = form.cleaned_data
        try:
            procedure.afronden(
                request.user,
                item,
                volgorde,
                PAGINA,
                datum=data["datum"],
                toelichting=data.get("toelichting", ""),
                document=data.get("document"),
                reactie=data.get("reactie", ""),
                geen=data.get("geen", False),
                besluit=data.get("besluit", ""),
                motivering=data.get("motivering", ""),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
            return None, {"forms_by_step": {("afronden", volgorde): form}}
        messages.success(request, _("De stap ‘%(titel)s’ is afgerond.") % {"titel": definitie.titel})
        return True, {}
    if actie == "uitstel":
        volgorde = _stap_nummer(request)
        form = UitstelForm(request.POST, prefix=f"uitstel{volgorde}")
        if not form.is_valid():
            return None, {"forms_by_step": {("uitstel", volgorde): form}}
        try:
            procedure.uitstel(
                request.user,
                item,
                volgorde,
                PAGINA,
                tot=form.cleaned_data["uitstel_tot"],
                reden=form.cleaned_data["uitstel_reden"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
            return None, {"forms_by_step": {("uitstel", volgorde): form}}
        messages.success(request, _("Het uitstel is vastgelegd."))
        return True, {}
    if actie == "publiceren":
        procedure.publiceer(request.user, item, PAGINA)
        messages.success(
            request,
            _("Het rapport is aangeboden ter publicatie. Het wordt openbaar zodra een redacteur het goedkeurt."),
        )
        return True, {}
    raise ValidationError(_("Onbekende actie."))


def _add_errors(form, exc):
    """Errors about a field go to the form of the step; others (a step out of turn, whose
    form is not shown) to the page's message."""
    if not hasattr(exc, "error_dict"):
        raise exc
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def rapport(request, pk, onderzoek):
    ruimte = _space_for(request, pk)
    if request.method == "POST":
        # The right first, before any id of the request is looked at.
        _require_contribute(request, ruimte)
    item = _onderzoek_for(request, ruimte, onderzoek)
    extra, fout = {}, None
    if request.method == "POST":
        try:
            done, extra = _rapport_post(request, ruimte, item)
        except ValidationError as exc:
            done, fout = None, " ".join(exc.messages)
        if done:
            return redirect("samenwerking:onderzoek_rapport", pk=ruimte.pk, onderzoek=item.pk)
        item = _onderzoek_for(request, ruimte, item.pk)
    else:
        AuditLogEntry.log(request.user, Actie.BEKEKEN, PAGINA, ruimte=ruimte, obj=item, toelichting="rapport")
    return render(
        request,
        "samenwerking/onderzoek/rapport.html",
        _rapport_context(request, ruimte, item, fout=fout, **extra),
        status=400 if request.method == "POST" else 200,
    )
