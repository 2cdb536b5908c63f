"""The pages of the spaces. Every lookup goes through `viewable_by_user`; a space the user is
not in answers 404, exactly as one that does not exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from . import actions
from .forms import (
    BerichtForm,
    DocumentForm,
    RolForm,
    RuimteForm,
    RuimteWijzigenForm,
    TaakForm,
    UitnodigingForm,
    VerlatenForm,
)
from .models import AuditLogEntry, Bericht, Document, DocumentVersie, Lidmaatschap, Samenwerkingsruimte, Taak
from .policy import policy
from .uploads import install_upload_limit

PAGINA = AuditLogEntry.Kanaal.PAGINA
# The channel "search hit opened".
ZOEKRESULTAAT = AuditLogEntry.Kanaal.ZOEKEN
Actie = AuditLogEntry.Actie


def _crumbs(*items):
    return [
        {"title": _("Mijn samenwerking"), "url": reverse("samenwerking:overzicht")},
        *({"title": title, "url": url} for title, url in items),
    ]


def _space_for(request, pk):
    ruimte = Samenwerkingsruimte.objects.viewable_by_user(request.user).filter(pk=pk).first()
    if ruimte is None:
        existing = Samenwerkingsruimte.objects.filter(pk=pk).first()
        if existing is not None:
            AuditLogEntry.log(request.user, Actie.GEWEIGERD, PAGINA, ruimte=existing, toelichting=request.path[:200])
        raise Http404
    return ruimte


def _require(request, action, ruimte):
    """The right to act, checked (and a refusal logged) before any other id of the request is looked
    at: a member who may not act gets 403 for a real id and a made-up one alike."""
    actions.require(request.user, action, ruimte, PAGINA)


def _context(request, ruimte, **extra):
    acties = policy.actions_for(request.user, ruimte)
    return {
        "ruimte": ruimte,
        "mag_bijdragen": "contribute" in acties,
        "mag_beheren": "manage" in acties,
        "extra_css": True,
        **extra,
    }


def _fail(request, template, context, status=400):
    return render(request, template, context, status=status)


@login_required
def overzicht(request):
    return render_overzicht(request)


def render_overzicht(request, signalering_form=None, status=200):
    user = request.user
    ruimtes = Samenwerkingsruimte.objects.viewable_by_user(user).annotate(
        aantal_leden=Count("lidmaatschappen", distinct=True)
    )
    taken = Taak.objects.viewable_by_user(user).open().filter(toegewezen_aan=user).select_related("ruimte")
    berichten = (
        Bericht.objects.viewable_by_user(user).select_related("ruimte", "auteur").order_by("-aangemaakt_op")[:10]
    )
    documenten = Document.objects.viewable_by_user(user).select_related("ruimte").order_by("-aangemaakt_op")[:10]
    return render(
        request,
        "samenwerking/overzicht.html",
        {
            **_due_context(user, signalering_form),
            "ruimtes": ruimtes,
            "taken": taken,
            "berichten": berichten,
            "documenten": documenten,
            "crumbs": _crumbs(),
            "extra_css": True,
        },
        status=status,
    )


def _due_context(user, form=None):
    from django.utils import timezone
    from django.utils.formats import date_format

    from .melding_forms import SignaleringForm
    from .models import Signaleringsvoorkeur
    from .signalering import due_items

    vandaag = timezone.localdate()
    werkdagen = Signaleringsvoorkeur.werkdagen_voor(user)
    items = due_items(user, vandaag, werkdagen)
    # Many terms fall on the same few dates: each date is written out once.
    datums = {
        item.termijn: {
            "uiterlijk": date_format(item.termijn, "j F Y"),
            "in_woorden": item.in_woorden(vandaag),
            "verstreken": item.verstreken(vandaag),
        }
        for item in items
    }
    return {
        "termijnen": [{"item": item, **datums[item.termijn]} for item in items],
        "signalering_werkdagen": werkdagen,
        "signalering_form": form or SignaleringForm(initial={"werkdagen_vooraf": werkdagen}),
    }


@login_required
def nieuw(request):
    form = RuimteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ruimte = actions.create_space(
            request.user, PAGINA, data["titel"], data["doel"], data["soort"], data["organisaties"]
        )
        messages.success(request, _("De ruimte is aangemaakt. U bent er coördinator van."))
        return redirect("samenwerking:ruimte", pk=ruimte.pk)
    return render(
        request,
        "samenwerking/ruimte_form.html",
        {"form": form, "crumbs": _crumbs((_("Nieuwe ruimte"), request.path)), "extra_css": True},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def ruimte(request, pk):
    ruimte = _space_for(request, pk)
    AuditLogEntry.log(request.user, Actie.BEKEKEN, PAGINA, ruimte=ruimte, obj=ruimte)
    return render(
        request,
        "samenwerking/ruimte.html",
        _context(
            request,
            ruimte,
            leden=ruimte.lidmaatschappen.select_related("gebruiker", "organisatie"),
            documenten=Document.objects.viewable_by_user(request.user).filter(ruimte=ruimte)[:5],
            berichten=Bericht.objects.viewable_by_user(request.user)
            .filter(ruimte=ruimte)
            .select_related("auteur")
            .order_by("-aangemaakt_op")[:5],
            taken=Taak.objects.viewable_by_user(request.user)
            .filter(ruimte=ruimte)
            .open()
            .select_related("toegewezen_aan"),
            crumbs=_crumbs((ruimte.titel, request.path)),
        ),
    )


@login_required
def wijzigen(request, pk):
    ruimte = _space_for(request, pk)
    _require(request, "manage", ruimte)
    form = RuimteWijzigenForm(request.POST or None, instance=ruimte)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        actions.update_space(request.user, Samenwerkingsruimte.objects.get(pk=ruimte.pk), PAGINA, **data)
        messages.success(request, _("De ruimte is gewijzigd."))
        return redirect("samenwerking:ruimte", pk=ruimte.pk)
    return render(
        request,
        "samenwerking/ruimte_form.html",
        _context(
            request,
            Samenwerkingsruimte.objects.get(pk=ruimte.pk),
            form=form,
            crumbs=_crumbs(
                (ruimte.titel, reverse("samenwerking:ruimte", args=[ruimte.pk])), (_("Wijzigen"), request.path)
            ),
        ),
        status=400 if request.method == "POST" else 200,
    )


def _members_space(request, pk):
    """The space for its members page: for members, or for a superuser when no coordinator can act."""
    ruimte = Samenwerkingsruimte.objects.viewable_by_user(request.user).filter(pk=pk).first()
    if ruimte is not None:
        return ruimte, False
    ruimte = policy.spaces_needing_administrator(request.user).filter(pk=pk).first()
    if ruimte is not None:
        return ruimte, True
    return _space_for(request, pk), False


@login_required
def leden(request, pk):
    ruimte, als_beheerder = _members_space(request, pk)
    context = _context(request, ruimte)
    mag_beheren = context["mag_beheren"] or als_beheerder
    eigen = ruimte.lidmaatschappen.filter(gebruiker=request.user).first()
    uitnodiging_form = UitnodigingForm(request.POST if request.POST.get("actie") == "uitnodigen" else None)
    verlaten_form = VerlatenForm(
        request.POST if request.POST.get("actie") == "verlaten" else None, ruimte=ruimte, lidmaatschap=eigen
    )
    fout = None
    if request.method == "POST":
        try:
            response = _leden_actie(request, ruimte, mag_beheren, eigen, uitnodiging_form, verlaten_form)
        except ValidationError as exc:
            fout = " ".join(exc.messages)
        else:
            if response is not None:
                return response
    return render(
        request,
        "samenwerking/leden.html",
        {
            **context,
            "mag_beheren": mag_beheren,
            "als_beheerder": als_beheerder,
            "eigen": eigen,
            "leden": ruimte.lidmaatschappen.select_related("gebruiker", "organisatie"),
            "uitnodigingen": ruimte.uitnodigingen.open() if mag_beheren else [],
            "uitnodiging_form": uitnodiging_form,
            "verlaten_form": verlaten_form,
            "rollen": Lidmaatschap.Rol.choices,
            "fout": fout,
            "crumbs": _crumbs(
                (ruimte.titel, reverse("samenwerking:ruimte", args=[ruimte.pk]) if not als_beheerder else request.path),
                (_("Leden"), request.path),
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


def _leden_actie(request, ruimte, mag_beheren, eigen, uitnodiging_form, verlaten_form):
    actie = request.POST.get("actie")
    if actie == "verlaten":
        if not verlaten_form.is_valid():
            raise ValidationError(_("Kies een lid uit de lijst."))
        actions.leave(request.user, ruimte, PAGINA, verlaten_form.cleaned_data.get("opvolger"))
        messages.success(request, _("U hebt de ruimte verlaten."))
        return redirect("samenwerking:overzicht")
    if not mag_beheren:
        _require(request, "manage", ruimte)
    if actie == "uitnodigen":
        if not uitnodiging_form.is_valid():
            return None
        data = uitnodiging_form.cleaned_data
        actions.invite(request.user, ruimte, PAGINA, data["rol"], email=data["email"], organisatie=data["organisatie"])
        messages.success(request, _("De uitnodiging is verwerkt."))
        return redirect("samenwerking:leden", pk=ruimte.pk)
    if actie in ("rol", "verwijderen"):
        try:
            lid = ruimte.lidmaatschappen.get(pk=int(request.POST.get("lid", "")))
        except (ValueError, Lidmaatschap.DoesNotExist):
            raise ValidationError(_("Dit lid bestaat niet in deze ruimte.")) from None
        if actie == "verwijderen":
            actions.remove_member(request.user, lid, PAGINA)
            messages.success(request, _("Het lid is verwijderd."))
        else:
            form = RolForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Kies een rol: coördinator, deelnemer of meelezer."))
            actions.change_role(request.user, lid, PAGINA, form.cleaned_data["rol"])
            messages.success(request, _("De rol is gewijzigd."))
        return redirect("samenwerking:leden", pk=ruimte.pk)
    raise ValidationError(_("Onbekende actie."))


def _upload_view(view):
    """Upload views install the streaming size limit before the body is read, then check CSRF."""
    protected = csrf_protect(view)

    def wrapped(request, *args, **kwargs):
        if request.method == "POST":
            install_upload_limit(request)
        return protected(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return login_required(csrf_exempt(wrapped))


def _too_large(request):
    return tuple(getattr(request, "samenwerking_te_groot", ()))


@_upload_view
def documenten(request, pk):
    ruimte = _space_for(request, pk)
    context = _context(request, ruimte)
    form = None
    if context["mag_bijdragen"]:
        form = DocumentForm(
            request.POST or None,
            request.FILES or None,
            may_restrict=context["mag_beheren"],
            too_large_fields=_too_large(request),
        )
    if request.method == "POST":
        if form is None:
            _require(request, "contribute", ruimte)
        if form.is_valid():
            try:
                document = actions.upload_document(
                    request.user,
                    ruimte,
                    PAGINA,
                    form.cleaned_data["bestand"],
                    form.checked,
                    naam=form.cleaned_data["naam"],
                    vertrouwelijkheid=form.cleaned_data["vertrouwelijkheid"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Het document is geplaatst."))
                return redirect("samenwerking:document", pk=ruimte.pk, document=document.pk)
    AuditLogEntry.log(request.user, Actie.BEKEKEN, PAGINA, ruimte=ruimte, toelichting="documenten")
    lijst = (
        Document.objects.viewable_by_user(request.user)
        .filter(ruimte=ruimte)
        .prefetch_related(Prefetch("versies", queryset=DocumentVersie.objects.order_by("-nummer")))
    )
    return render(
        request,
        "samenwerking/documenten.html",
        {
            **context,
            "form": form,
            "documenten": lijst,
            "crumbs": _crumbs(
                (ruimte.titel, reverse("samenwerking:ruimte", args=[ruimte.pk])), (_("Documenten"), request.path)
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


def _document_for(request, ruimte, document_pk):
    document = Document.objects.viewable_by_user(request.user).filter(ruimte=ruimte, pk=document_pk).first()
    if document is None:
        if Document.objects.filter(ruimte=ruimte, pk=document_pk).exists():
            AuditLogEntry.log(request.user, Actie.GEWEIGERD, PAGINA, ruimte=ruimte, toelichting=request.path[:200])
        raise Http404
    return document


@_upload_view
def document(request, pk, document):
    from .forms import VersieForm

    ruimte = _space_for(request, pk)
    if request.method == "POST":
        # The right to add a version first, so a reader cannot tell a real document id from a made-up one.
        _require(request, "contribute", ruimte)
    item = _document_for(request, ruimte, document)
    context = _context(request, ruimte)
    form = (
        VersieForm(request.POST or None, request.FILES or None, too_large_fields=_too_large(request))
        if context["mag_bijdragen"]
        else None
    )
    if request.method == "POST":
        if form is None:
            _require(request, "contribute", ruimte)
        if form.is_valid():
            actions.add_version(request.user, item, PAGINA, form.cleaned_data["bestand"], form.checked)
            messages.success(request, _("De nieuwe versie is geplaatst."))
            return redirect("samenwerking:document", pk=ruimte.pk, document=item.pk)
    AuditLogEntry.log(request.user, Actie.BEKEKEN, PAGINA, ruimte=ruimte, obj=item)
    return render(
        request,
        "samenwerking/document.html",
        {
            **context,
            "document": item,
            "form": form,
            "versies": DocumentVersie.objects.viewable_by_user(request.user)
            .filter(document=item)
            .select_related("geupload_door")
            .order_by("-nummer"),
            "crumbs": _crumbs(
                (ruimte.titel, reverse("samenwerking:ruimte", args=[ruimte.pk])),
                (_("Documenten"), reverse("samenwerking:documenten", args=[ruimte.pk])),
                (item.naam, request.path),
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def download(request, pk, document, versie):
    ruimte = _space_for(request, pk)
    if request.method == "POST":
        # The right to add a version first, so a reader cannot tell a real document id from a made-up one.
        _require(request, "contribute", ruimte)
    item = _document_for(request, ruimte, document)
    versie = DocumentVersie.objects.viewable_by_user(request.user).filter(document=item, nummer=versie).first()
    if versie is None:
        raise Http404
    AuditLogEntry.log(request.user, Actie.GEDOWNLOAD, AuditLogEntry.Kanaal.DOWNLOAD, ruimte=ruimte, obj=versie)
    response = FileResponse(
        versie.bestand.open("rb"), as_attachment=True, filename=versie.bestandsnaam, content_type=versie.mime_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def berichten(request, pk):
    ruimte = _space_for(request, pk)
    context = _context(request, ruimte)
    form = BerichtForm(request.POST or None, ruimte=ruimte) if context["mag_bijdragen"] else None
    if request.method == "POST":
        if form is None:
            _require(request, "contribute", ruimte)
        if form.is_valid():
            actions.post_message(
                request.user, ruimte, PAGINA, form.cleaned_data["tekst"], form.cleaned_data["antwoord_op"]
            )
            messages.success(request, _("Het bericht is geplaatst."))
            return redirect("samenwerking:berichten", pk=ruimte.pk)
    AuditLogEntry.log(request.user, Actie.BEKEKEN, PAGINA, ruimte=ruimte, toelichting="berichten")
    alle = list(Bericht.objects.viewable_by_user(request.user).filter(ruimte=ruimte).select_related("auteur"))
    draden = [b for b in alle if b.antwoord_op_id is None]
    antwoorden = {}
    for b in alle:
        if b.antwoord_op_id is not None:
            antwoorden.setdefault(b.antwoord_op_id, []).append(b)
    for b in draden:
        b.lijst_antwoorden = antwoorden.get(b.pk, [])
    return render(
        request,
        "samenwerking/berichten.html",
        {
            **context,
            "form": form,
            "draden": draden,
            "crumbs": _crumbs(
                (ruimte.titel, reverse("samenwerking:ruimte", args=[ruimte.pk])), (_("Berichten"), request.path)
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def taken(request, pk):
    ruimte = _space_for(request, pk)
    context = _context(request, ruimte)
    form = TaakForm(request.POST or None, ruimte=ruimte) if context["mag_bijdragen"] else None
    if request.method == "POST":
        if form is None:
            _require(request, "contribute", ruimte)
        if form.is_valid():
            data = form.cleaned_data
            actions.create_task(
                request.user,
                ruimte,
                PAGINA,
                data["titel"],
                data["omschrijving"],
                data["toegewezen_aan"],
                data["deadline"],
            )
            messages.success(request, _("De taak is gemaakt."))
            return redirect("samenwerking:taken", pk=ruimte.pk)
    AuditLogEntry.log(request.user, Actie.BEKEKEN, PAGINA, ruimte=ruimte, toelichting="taken")
    return render(
        request,
        "samenwerking/taken.html",
        {
            **context,
            "form": form,
            "taken": Taak.objects.viewable_by_user(request.user).filter(ruimte=ruimte).select_related("toegewezen_aan"),
            "crumbs": _crumbs(
                (ruimte.titel, reverse("samenwerking:ruimte", args=[ruimte.pk])), (_("Taken"), request.path)
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def taak_gedaan(request, pk, taak):
    ruimte = _space_for(request, pk)
    # The right to act first: otherwise a reader would get 403 for a real task and 404 for a made-up id.
    _require(request, "contribute", ruimte)
    item = Taak.objects.viewable_by_user(request.user).filter(ruimte=ruimte, pk=taak).first()
    if item is None:
        raise Http404
    actions.complete_task(request.user, item, PAGINA, gedaan=request.POST.get("gedaan") != "nee")
    messages.success(request, _("De taak is bijgewerkt."))
    return redirect("samenwerking:taken", pk=ruimte.pk)


@login_required
def logboek(request, pk):
    ruimte = _space_for(request, pk)
    if not policy.user_has_permission_for_instance(request.user, "manage", ruimte):
        raise Http404
    regels = AuditLogEntry.objects.viewable_by_user(request.user).filter(ruimte=ruimte)[:500]
    return render(
        request,
        "samenwerking/logboek.html",
        _context(
            request,
            ruimte,
            regels=regels,
            crumbs=_crumbs(
                (ruimte.titel, reverse("samenwerking:ruimte", args=[ruimte.pk])), (_("Logboek"), request.path)
            ),
        ),
    )


@login_required
def logboek_csv(request, pk):
    import csv

    from django.http import HttpResponse

    ruimte = _space_for(request, pk)
    if not policy.user_has_permission_for_instance(request.user, "manage", ruimte):
        raise Http404
    AuditLogEntry.log(
        request.user, Actie.GEDOWNLOAD, AuditLogEntry.Kanaal.DOWNLOAD, ruimte=ruimte, toelichting="logboek"
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="logboek-ruimte-{ruimte.pk}.csv"'
    response["Cache-Control"] = "private, no-store"
    writer = csv.writer(response)
    writer.writerow([_("tijdstip"), _("gebruiker"), _("actie"), _("object"), _("nummer"), _("kanaal")])
    for r in AuditLogEntry.objects.viewable_by_user(request.user).filter(ruimte=ruimte).iterator():
        writer.writerow(
            [
                r.tijdstip.isoformat(),
                r.gebruiker_email,
                r.get_actie_display(),
                r.object_soort,
                r.object_id,
                r.get_kanaal_display(),
            ]
        )
    return response


def _search_hits():
    from .models import Aanbeveling, Bevinding, Leerpunt, Melding, Onderzoek

    return {
        "ruimte": Samenwerkingsruimte,
        "document": Document,
        "bericht": Bericht,
        "taak": Taak,
        "onderzoek": Onderzoek,
        "bevinding": Bevinding,
        "melding": Melding,
        "leerpunt": Leerpunt,
        "aanbeveling": Aanbeveling,
    }


# Public learnings (and their recommendations) are found without signing in.
PUBLIC_HITS = {"leerpunt", "aanbeveling"}


def zoekresultaat(request, soort, pk):
    """A search hit of space content is opened here: checked again through `viewable_by_user`
    (the index may lag behind a revocation in another process), logged, then sent on to the
    object's page. A refusal is logged too and answers exactly as an object that does not exist.
    A visitor who is not signed in opens only public learnings, on their kennisbank page."""
    from django.contrib.auth.views import redirect_to_login

    from .search import object_url, public_url, space_of, viewable_space_ids

    model = _search_hits().get(soort)
    if model is None:
        raise Http404
    if not request.user.is_authenticated:
        item = model.objects.viewable_by_user(request.user).filter(pk=pk).first() if soort in PUBLIC_HITS else None
        if item is None:
            return redirect_to_login(request.get_full_path())
        return redirect(public_url(item))
    item = model.objects.viewable_by_user(request.user).filter(pk=pk).first()
    if item is None:
        existing = model.objects.filter(pk=pk).first()
        if existing is not None:
            AuditLogEntry.log(request.user, Actie.GEWEIGERD, ZOEKRESULTAAT, ruimte=space_of(existing), obj=existing)
        raise Http404
    AuditLogEntry.log(request.user, Actie.BEKEKEN, ZOEKRESULTAAT, ruimte=space_of(item), obj=item)
    response = redirect(object_url(item, viewable_space_ids(request.user)))
    response["Cache-Control"] = "private, no-store"
    return response
