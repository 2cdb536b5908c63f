"""What supervisors do with a joint investigation, once, for pages and API alike: create or edit
it (with its toetsingskader chosen at creation) and record its findings.

Each action checks the policy (contribute on the space), changes the data in one transaction and
writes the audit log. The rules of the form (which framework, which norms, which dates) live in
OnderzoekForm, which the page and the GraphQL mutations both bind; what is saved, and how, is here.
A refusal raises PermissionDenied or ValidationError with a Dutch message.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .actions import require
from .models import Aanbieder, AuditLogEntry, Bevinding, BevindingVersie, Document, Onderzoek, OnderzoekNorm, Oordeel

Actie = AuditLogEntry.Actie

# The fields of an investigation set from the form's cleaned data; `kader` only at creation.
VELDEN = (
    "titel",
    "toezichtsvorm",
    "aanleiding",
    "coordinerende_organisatie",
    "contactpersonen",
    "status",
    "gepland_begin",
    "gepland_eind",
    "werkelijk_begin",
    "werkelijk_eind",
)


def _providers(user, data, current=None):
    """The chosen providers, a new one if its name and KvK number were given, and those already
    on the investigation that the user cannot see (a member who is no supervisor sees no
    providers and must not drop them by editing the title)."""
    aanbieders = list(data.get("aanbieders") or [])
    if current is not None:
        zichtbaar = Aanbieder.objects.viewable_by_user(user).values("pk")
        aanbieders += list(current.aanbieders.exclude(pk__in=zichtbaar))
    naam = (data.get("nieuwe_aanbieder_naam") or "").strip()
    if naam:
        aanbieders.append(Aanbieder.objects.create(naam=naam, kvk_nummer=data["nieuwe_aanbieder_kvk"]))
    return aanbieders


def create_onderzoek(user, ruimte, kanaal, data, normen):
    """A new investigation with its toetsingskader: `normen` in the order they are tested."""
    require(user, "contribute", ruimte, kanaal)
    with transaction.atomic():
        onderzoek = Onderzoek(ruimte=ruimte, kader=data["kader"], aangemaakt_door=user)
        for veld in VELDEN:
            setattr(onderzoek, veld, data.get(veld))
        onderzoek.aanleiding = onderzoek.aanleiding or ""
        onderzoek.contactpersonen = onderzoek.contactpersonen or ""
        onderzoek.save()
        onderzoek.aanbieders.set(_providers(user, data))
        onderzoek.gemeenten.set(data.get("gemeenten") or [])
        onderzoek.organisaties.set(data.get("organisaties") or [])
        OnderzoekNorm.objects.bulk_create(
            OnderzoekNorm(onderzoek=onderzoek, norm=norm, volgorde=volgorde) for volgorde, norm in enumerate(normen)
        )
        AuditLogEntry.log(user, Actie.AANGEMAAKT, kanaal, ruimte=ruimte, obj=onderzoek)
    return onderzoek


def update_onderzoek(user, onderzoek, kanaal, data):
    """The investigation's own data; its framework version and norms stay as chosen."""
    require(user, "contribute", onderzoek.ruimte, kanaal)
    with transaction.atomic():
        current = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
        for veld in VELDEN:
            setattr(current, veld, data.get(veld))
        current.aanleiding = current.aanleiding or ""
        current.contactpersonen = current.contactpersonen or ""
        current.save()
        current.aanbieders.set(_providers(user, data, current))
        current.gemeenten.set(data.get("gemeenten") or [])
        current.organisaties.set(data.get("organisaties") or [])
        AuditLogEntry.log(user, Actie.GEWIJZIGD, kanaal, ruimte=current.ruimte, obj=current)
    return current


def record_findings(user, onderzoek, kanaal, rijen):
    """Save the findings of `rijen` that change something, each with a new version in its
    history; all or nothing. A row is (norm, aanbieder, oordeel, toelichting, bewijs), `bewijs`
    the documents the user chose, or None to keep the evidence as it is. Evidence the user may
    not see (a document for coordinators only) is kept, never dropped. Returns the saved ones."""
    require(user, "contribute", onderzoek.ruimte, kanaal)
    toetsnormen = set(onderzoek.toetsnormen.values_list("norm_id", flat=True))
    aanbieders = set(onderzoek.aanbieders.values_list("pk", flat=True))
    zichtbaar = set(
        Document.objects.viewable_by_user(user).filter(ruimte=onderzoek.ruimte_id).values_list("pk", flat=True)
    )
    opgeslagen = []
    with transaction.atomic():
        for norm, aanbieder, oordeel, toelichting, bewijs in rijen:
            if norm.pk not in toetsnormen:
                raise ValidationError(_("Deze norm hoort niet bij het toetsingskader van het onderzoek."))
            if aanbieder.pk not in aanbieders:
                raise ValidationError(_("Deze aanbieder hoort niet bij het onderzoek."))
            if oordeel not in Oordeel.values:
                raise ValidationError(
                    _("Kies een oordeel: voldoet, voldoet gedeeltelijk, voldoet niet of niet getoetst.")
                )
            toelichting = (toelichting or "").replace("\x00", "").strip()
            if len(toelichting) > Bevinding._meta.get_field("toelichting").max_length:
                raise ValidationError(_("De toelichting is hoogstens 4000 tekens lang."))
            if bewijs is not None and any(doc.pk not in zichtbaar for doc in bewijs):
                raise ValidationError(_("Kies als onderbouwing documenten van deze ruimte."))
            bestaand = (
                Bevinding.objects.select_for_update()
                .filter(onderzoek=onderzoek, norm=norm, aanbieder=aanbieder)
                .prefetch_related("bewijs")
                .first()
            )
            huidig = sorted(doc.pk for doc in bestaand.bewijs.all()) if bestaand else []
            if bewijs is None:
                ids = huidig
            else:
                ids = sorted({doc.pk for doc in bewijs} | {pk for pk in huidig if pk not in zichtbaar})
            if bestaand is None:
                if oordeel == Oordeel.NIET_GETOETST and not toelichting and not ids:
                    continue
            elif (bestaand.oordeel, bestaand.toelichting, huidig) == (oordeel, toelichting, ids):
                continue
            bevinding = bestaand or Bevinding(onderzoek=onderzoek, norm=norm, aanbieder=aanbieder)
            bevinding.oordeel = oordeel
            bevinding.toelichting = toelichting
            bevinding.vastgesteld_door = user
            bevinding.save()
            bevinding.bewijs.set(ids)
            BevindingVersie.objects.create(
                bevinding=bevinding, oordeel=oordeel, toelichting=toelichting, bewijs=ids, door=user
            )
            AuditLogEntry.log(
                user,
                Actie.AANGEMAAKT if bestaand is None else Actie.GEWIJZIGD,
                kanaal,
                ruimte=onderzoek.ruimte,
                obj=bevinding,
            )
            opgeslagen.append(bevinding)
    return opgeslagen
