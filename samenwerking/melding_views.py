"""The pages of calamity and violence reports in a space. Only the space's members see them
(Melding.objects.viewable_by_user): a non-member gets 404 as for a space that does not exist,
a member who may only read gets 403 on every change. Nothing here has a public path."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import melding_acties, toegang
from .melding_forms import BeoordelingForm, BriefForm, MeldingForm, SignaleringForm, UitstelForm, ZelfonderzoekForm
from .models import AuditLogEntry, Melding, MeldingBrief
from .views import PAGINA, Actie, _context, _crumbs, _require, _space_for


def wmo_begrippen():
    """{soort: Begrip} of the Wmo definitions, found in the kennisbank by term: the framework's
    glossary holds "Calamiteit" and "Geweld bij de verstrekking van een voorziening"."""
    from kennisbank.models import Begrip

    labels = {str(label): soort for soort, label in Melding.Soort.choices}
    gevonden = {}
    for begrip in (
        Begrip.objects.filter(term__in=labels)
        .select_related("kader")
        .prefetch_related("wettelijke_grondslag__wet")
        .order_by("kader_id", "pk")
    ):
        gevonden.setdefault(labels[begrip.term], begrip)
    return gevonden


def begrip_url(begrip):
    """Where the definition is read: its framework's glossary, or else the article of the law."""
    if begrip is None:
        return ""
    if begrip.kader is not None:
        return f"{begrip.kader.url}#begrippen-kop"
    artikel = next(iter(begrip.wettelijke_grondslag.all()), None)
    return artikel.url if artikel is not None else ""


def _melding_for(request, ruimte, pk):
    item = (
        Melding.objects.viewable_by_user(request.user)
        .filter(ruimte=ruimte, pk=pk)
        .select_related("aanbieder", "coordinerende_organisatie", "ruimte")
        .first()
    )
    if item is None:
        raise Http404
    return item


def _require_contribute(context):
    if not context["mag_bijdragen"]:
        raise PermissionDenied(_("U kunt in deze ruimte geen meldingen vastleggen of bijwerken."))


def _melding_crumbs(ruimte, *items):
    return _crumbs(
        (ruimte.titel, reverse("samenwerking:ruimte", args=[ruimte.pk])),
        (_("Meldingen"), reverse("samenwerking:meldingen", args=[ruimte.pk])),
        *items,
    )


@login_required
def meldingen(request, pk):
    ruimte = _space_for(request, pk)
    context = _context(request, ruimte)
    AuditLogEntry.log(request.user, Actie.BEKEKEN, PAGINA, ruimte=ruimte, toelichting="meldingen")
    lijst = (
        Melding.objects.viewable_by_user(request.user)
        .filter(ruimte=ruimte)
        .select_related("aanbieder")
        .prefetch_related("gemeenten")
    )
    return render(
        request,
        "samenwerking/melding/lijst.html",
        {
            **context,
            "meldingen": lijst,
            "crumbs": _crumbs(
                (ruimte.titel, reverse("samenwerking:ruimte", args=[ruimte.pk])), (_("Meldingen"), request.path)
            ),
        },
    )


@login_required
def nieuw(request, pk):
    ruimte = _space_for(request, pk)
    context = _context(request, ruimte)
    _require_contribute(context)
    form = MeldingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            melding = melding_acties.create_report(request.user, ruimte, PAGINA, dict(form.cleaned_data))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("De melding is vastgelegd. De termijn voor het zelfonderzoek loopt."))
            return redirect("samenwerking:melding", pk=ruimte.pk, melding=melding.pk)
    return render(
        request,
        "samenwerking/melding/nieuw.html",
        {
            **context,
            "form": form,
            "begrippen": _begrippen_list(),
            "crumbs": _melding_crumbs(ruimte, (_("Nieuwe melding"), request.path)),
        },
        status=400 if request.method == "POST" else 200,
    )


def _begrippen_list():
    begrippen = wmo_begrippen()
    return [
        {"soort": label, "begrip": begrippen.get(soort), "url": begrip_url(begrippen.get(soort))}
        for soort, label in Melding.Soort.choices
    ]


def _forms(request, melding, actie):
    """The forms of the detail page; the one that was posted is bound."""
    post = request.POST if request.method == "POST" else None
    user = request.user
    return {
        "uitstel": UitstelForm(post if actie == "uitstel" else None),
        "zelfonderzoek": ZelfonderzoekForm(post if actie == "zelfonderzoek" else None, melding=melding, user=user),
        "beoordeling": BeoordelingForm(post if actie == "beoordeling" else None),
        "brief": BriefForm(post if actie == "brief" else None, melding=melding, user=user),
        "afsluiting": BriefForm(
            post if actie == "afsluiting" else None, melding=melding, user=user, soort=MeldingBrief.Soort.AFSLUITING
        ),
    }


def _act(request, melding, actie, form):
    data = form.cleaned_data
    user = request.user
    if actie == "uitstel":
        melding_acties.extend(user, melding, PAGINA, data["nieuwe_termijn"], data["reden"])
        return _("Het uitstel is vastgelegd; de nieuwe termijn geldt.")
    if actie == "zelfonderzoek":
        melding_acties.receive_self_investigation(
            user, melding, PAGINA, data["ontvangen_op"], data.get("document"), data.get("toelichting", "")
        )
        return _("Het zelfonderzoek is ontvangen en kan worden beoordeeld.")
    if actie == "beoordeling":
        melding_acties.assess(
            user, melding, PAGINA, data["beoordeling"], data["beoordeling_toelichting"], data["beoordeeld_op"]
        )
        return _("De beoordeling is vastgelegd.")
    melding_acties.send_letter(
        user,
        melding,
        PAGINA,
        MeldingBrief.Soort.AFSLUITING if actie == "afsluiting" else MeldingBrief.Soort.TERUGKOPPELING,
        data["verzonden_op"],
        data["kopie_aan"],
        data.get("document"),
        data.get("toelichting", ""),
    )
    return (
        _("De afsluitbrief is vastgelegd; de melding is afgesloten.")
        if actie == "afsluiting"
        else _("De brief aan de aanbieder is vastgelegd.")
    )


def _field_errors(form, exc):
    """A refusal about fields of the posted form is shown next to them; True when it was."""
    if not hasattr(exc, "error_dict") or not set(exc.error_dict) <= set(form.fields):
        return False
    form.add_error(None, exc)
    return True


@login_required
def melding(request, pk, melding):
    ruimte = _space_for(request, pk)
    if request.method == "POST":
        # The right first (and the refusal logged), so a reader gets 403 for a real report and a
        # made-up id alike.
        _require(request, "contribute", ruimte)
    item = _melding_for(request, ruimte, melding)
    context = _context(request, ruimte)
    actie = request.POST.get("actie") if request.method == "POST" else None
    forms = _forms(request, item, actie)
    fout = None
    ongeldig = False
    if request.method == "POST":
        _require_contribute(context)
        form = forms.get(actie)
        if form is None:
            fout = _("Onbekende actie.")
        elif form.is_valid():
            try:
                bericht = _act(request, item, actie, form)
            except ValidationError as exc:
                if _field_errors(form, exc):
                    ongeldig = True
                else:
                    fout = " ".join(exc.messages)
            else:
                messages.success(request, bericht)
                return redirect("samenwerking:melding", pk=ruimte.pk, melding=item.pk)
        else:
            # The form shows its own errors, next to its fields.
            ongeldig = True
    else:
        AuditLogEntry.log(request.user, Actie.BEKEKEN, PAGINA, ruimte=ruimte, obj=item)
    begrip = wmo_begrippen().get(item.soort)
    brieven = list(item.brieven.prefetch_related("kopie_aan").select_related("document"))
    return render(
        request,
        "samenwerking/melding/detail.html",
        {
            **context,
            "melding": item,
            "begrip": begrip,
            "begrip_url": begrip_url(begrip),
            "gemeenten": list(item.gemeenten.order_by("naam")),
            "uitstellen": list(item.uitstellen.select_related("door")),
            "zelfonderzoek": getattr(item, "zelfonderzoek", None),
            "brieven": brieven,
            "elders_per_aanbieder": toegang.notices_for(request.user, [item.aanbieder]),
            "forms": forms,
            "actie": actie,
            "fout": fout,
            "kan_uitstellen": item.status in melding_acties.VOOR_ZELFONDERZOEK,
            "kan_beoordelen": item.status == Melding.Status.BEOORDELING,
            "kan_brief": item.status == Melding.Status.OPVOLGING,
            "crumbs": _melding_crumbs(ruimte, (str(item), request.path)),
        },
        status=400 if fout or ongeldig else 200,
    )


@login_required
@require_POST
def signalering(request):
    """How many working days ahead the user's terms are flagged and notified."""
    from .models import Signaleringsvoorkeur
    from .views import render_overzicht

    huidige = Signaleringsvoorkeur.objects.filter(gebruiker=request.user).first()
    form = SignaleringForm(request.POST, instance=huidige)
    if not form.is_valid():
        return render_overzicht(request, signalering_form=form, status=400)
    with transaction.atomic():
        Signaleringsvoorkeur.objects.update_or_create(
            gebruiker=request.user, defaults={"werkdagen_vooraf": form.cleaned_data["werkdagen_vooraf"]}
        )
    messages.success(request, _("Uw keuze voor het signaleren van termijnen is bewaard."))
    return redirect("samenwerking:overzicht")


def _jaarrapportage_for(request):
    """The report of the parameters, or a Dutch message for bad ones."""
    from django.utils import timezone

    from portal.models import Organisatie

    from .jaarrapportage import build

    fouten = []
    jaar_tekst = request.GET.get("jaar", "").strip()
    jaar = timezone.localdate().year
    if jaar_tekst:
        if not jaar_tekst.isdigit() or not 2000 <= int(jaar_tekst) <= 2100:
            fouten.append(_("Het jaar moet een jaartal zijn, zoals 2025."))
        else:
            jaar = int(jaar_tekst)
    organisatie_tekst = request.GET.get("organisatie", "").strip()
    organisatie = None
    if organisatie_tekst:
        if organisatie_tekst.isdigit() and len(organisatie_tekst) < 10:
            organisatie = Organisatie.objects.filter(pk=int(organisatie_tekst)).first()
        if organisatie is None:
            fouten.append(_("Deze organisatie bestaat niet. Kies een organisatie uit de lijst."))
    else:
        organisatie = request.user.organisatie
        if organisatie is None:
            fouten.append(_("Kies een organisatie: uw account hoort bij geen organisatie."))
    publicatie_tekst = request.GET.get("publicatie", "")
    if publicatie_tekst not in ("", "0", "1"):
        fouten.append(_("Kies of de rapportage bestemd is voor publicatie (publicatie=1) of niet."))
    if fouten:
        return None, fouten, organisatie, jaar
    return build(request.user, organisatie, jaar, publicatie=publicatie_tekst == "1"), [], organisatie, jaar


def _jaarrapportage_query(rapport):
    from urllib.parse import urlencode

    query = {"organisatie": rapport.organisatie.pk, "jaar": rapport.jaar}
    if rapport.publicatie:
        query["publicatie"] = 1
    return urlencode(query)


@login_required
def jaarrapportage(request):
    from portal.models import Organisatie

    rapport, fouten, organisatie, jaar = _jaarrapportage_for(request)
    if rapport is not None:
        AuditLogEntry.log(
            request.user, Actie.BEKEKEN, PAGINA, toelichting=f"jaarrapportage {rapport.organisatie.pk} {rapport.jaar}"
        )
    return render(
        request,
        "samenwerking/jaarrapportage.html",
        {
            "rapport": rapport,
            "cijfers": rapport.shown() if rapport else None,
            "fouten": fouten,
            "organisaties": Organisatie.objects.order_by("naam"),
            "gekozen_organisatie": getattr(organisatie, "pk", None),
            "jaar": jaar,
            "publicatie": request.GET.get("publicatie") == "1",
            "query": _jaarrapportage_query(rapport) if rapport else "",
            "crumbs": _crumbs((_("Jaarrapportage"), request.path)),
            "extra_css": True,
        },
        status=400 if fouten else 200,
    )


def _download(request, rapport, content_type, extension):
    from django.http import HttpResponse

    AuditLogEntry.log(
        request.user,
        Actie.GEDOWNLOAD,
        AuditLogEntry.Kanaal.DOWNLOAD,
        toelichting=f"jaarrapportage.{extension} {rapport.organisatie.pk} {rapport.jaar}",
    )
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="jaarrapportage-{rapport.organisatie.pk}-{rapport.jaar}.{extension}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _download_refused(request, fouten):
    from django.http import HttpResponseBadRequest

    return HttpResponseBadRequest(" ".join(str(f) for f in fouten), content_type="text/plain; charset=utf-8")


@login_required
def jaarrapportage_csv(request):
    from .jaarrapportage import as_csv

    rapport, fouten, _organisatie, _jaar = _jaarrapportage_for(request)
    if rapport is None:
        return _download_refused(request, fouten)
    return as_csv(rapport, _download(request, rapport, "text/csv; charset=utf-8", "csv"))


@login_required
def jaarrapportage_pdf(request):
    from .jaarrapportage import as_pdf

    rapport, fouten, _organisatie, _jaar = _jaarrapportage_for(request)
    if rapport is None:
        return _download_refused(request, fouten)
    response = _download(request, rapport, "application/pdf", "pdf")
    response.write(as_pdf(rapport))
    return response
