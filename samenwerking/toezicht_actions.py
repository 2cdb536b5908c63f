"""The main actions on the supervisors' objects for the GraphQL API, each checked against the
policy, done in one transaction and written to the audit log, as actions.py does for the space.
A refusal raises PermissionDenied (the caller answers "not found") or ValidationError (Dutch)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .actions import require
from .models import (
    AuditLogEntry,
    Bevinding,
    BevindingVersie,
    Melding,
    MeldingUitstel,
    Opvolging,
    Reikwijdte,
)
from .policy import policy

Actie = AuditLogEntry.Actie


def _text(value, limit, label, required=False):
    value = (value or "").replace("\x00", "").strip()
    if required and not value:
        raise ValidationError(_("Vul %(veld)s in.") % {"veld": label})
    if len(value) > limit:
        raise ValidationError(_("%(veld)s is hoogstens %(n)d tekens lang.") % {"veld": label.capitalize(), "n": limit})
    return value


@transaction.atomic
def record_finding(user, onderzoek, kanaal, norm, aanbieder, oordeel, toelichting=""):
    """The judgement of one norm for one provider, with a new version in its history."""
    require(user, "contribute", onderzoek.ruimte, kanaal)
    if oordeel not in Bevinding.Oordeel.values:
        raise ValidationError(_("Kies een oordeel: voldoet, voldoet gedeeltelijk, voldoet niet of niet getoetst."))
    if not onderzoek.toetsnormen.filter(norm=norm).exists():
        raise ValidationError(_("Deze norm hoort niet bij het toetsingskader van het onderzoek."))
    if not onderzoek.aanbieders.filter(pk=aanbieder.pk).exists():
        raise ValidationError(_("Deze aanbieder hoort niet bij het onderzoek."))
    toelichting = _text(toelichting, 4000, _("de toelichting"))
    bevinding, created = Bevinding.objects.select_for_update().get_or_create(
        onderzoek=onderzoek,
        norm=norm,
        aanbieder=aanbieder,
        defaults={"oordeel": oordeel, "toelichting": toelichting, "vastgesteld_door": user},
    )
    if not created:
        bevinding.oordeel = oordeel
        bevinding.toelichting = toelichting
        bevinding.vastgesteld_door = user
        bevinding.save()
    BevindingVersie.objects.create(
        bevinding=bevinding,
        oordeel=oordeel,
        toelichting=toelichting,
        bewijs=sorted(bevinding.bewijs.values_list("pk", flat=True)),
        door=user,
    )
    AuditLogEntry.log(
        user, Actie.AANGEMAAKT if created else Actie.GEWIJZIGD, kanaal, ruimte=onderzoek.ruimte, obj=bevinding
    )
    return bevinding


@transaction.atomic
def create_report(user, ruimte, kanaal, soort, aanbieder, datum_gebeurtenis, datum_gemeld, samenvatting, gemeenten=()):
    require(user, "contribute", ruimte, kanaal)
    if soort not in Melding.Soort.values:
        raise ValidationError(
            _("Kies een soort melding: calamiteit of geweld bij de verstrekking van een voorziening.")
        )
    if datum_gemeld < datum_gebeurtenis:
        raise ValidationError(_("De melding kan niet vóór de gebeurtenis zijn gedaan."))
    if datum_gemeld > timezone.localdate():
        raise ValidationError(_("De datum van de melding ligt in de toekomst."))
    samenvatting = _text(samenvatting, 8000, _("de samenvatting"), required=True)
    melding = Melding(
        ruimte=ruimte,
        soort=soort,
        aanbieder=aanbieder,
        datum_gebeurtenis=datum_gebeurtenis,
        datum_gemeld=datum_gemeld,
        samenvatting=samenvatting,
        aangemaakt_door=user,
    )
    melding.full_clean(exclude=["zelfonderzoek_uiterlijk"])
    melding.save()
    melding.gemeenten.set(gemeenten)
    AuditLogEntry.log(user, Actie.AANGEMAAKT, kanaal, ruimte=ruimte, obj=melding)
    return melding


@transaction.atomic
def extend_self_investigation(user, melding, kanaal, reden, nieuwe_termijn):
    """A new due date for the provider's self-investigation, with its reasons; the last counts."""
    from . import termijnen

    require(user, "contribute", melding.ruimte, kanaal)
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if not melding.is_open:
        raise ValidationError(_("Deze melding is afgesloten."))
    reden = _text(reden, 2000, _("de reden"), required=True)
    nieuwe_termijn = termijnen.volgende_werkdag(nieuwe_termijn)
    if nieuwe_termijn <= melding.zelfonderzoek_uiterlijk:
        raise ValidationError(
            _("De nieuwe termijn moet na de huidige termijn liggen (%(datum)s).")
            % {"datum": melding.zelfonderzoek_uiterlijk.strftime("%d-%m-%Y")}
        )
    uitstel = MeldingUitstel.objects.create(melding=melding, reden=reden, nieuwe_termijn=nieuwe_termijn, door=user)
    melding.save()
    AuditLogEntry.log(user, Actie.GEWIJZIGD, kanaal, ruimte=melding.ruimte, obj=uitstel, toelichting="uitstel")
    return melding


def widen_learning(user, leerpunt, kanaal, naar, reden, bevestigde_signalen=()):
    """A coordinator's decision to widen a learning one step. Making it public takes a page in
    the kennisbank through the editors' workflow, which the learning's own page starts."""
    require(user, "manage", leerpunt.ruimte, kanaal)
    if naar == Reikwijdte.OPENBAAR:
        raise ValidationError(
            _("Openbaar maken gaat via de pagina van het leerpunt, langs de redactie van de kennisbank.")
        )
    from .leerpunten import signalen_voor

    # The same personal-data check as the page: every signal in the text must be confirmed,
    # here by naming its fragment.
    bevestigd = {str(fragment) for fragment in bevestigde_signalen}
    onbevestigd = [s for s in signalen_voor(leerpunt, leerpunt.tekst) if s.fragment not in bevestigd]
    if onbevestigd:
        raise ValidationError(
            _("Niet elk mogelijk persoonsgegeven is bevestigd: %(fragmenten)s.")
            % {"fragmenten": ", ".join(f"„{s.fragment}”" for s in onbevestigd)}
        )
    with transaction.atomic():
        verruiming = leerpunt.verruim(
            naar, door=user, reden=_text(reden, 2000, _("de reden")), bevestigde_signalen=bevestigde_signalen
        )
        AuditLogEntry.log(user, Actie.VERRUIMD, kanaal, ruimte=leerpunt.ruimte, obj=leerpunt, toelichting=naar)
    return verruiming


@transaction.atomic
def follow_up(user, opvolging, kanaal, status, datum=None, toelichting=""):
    """The follow-up of a recommendation by one organisation: by the learning's space's
    contributors, or by the staff of that organisation who may see the learning."""
    ruimte = opvolging.aanbeveling.leerpunt.ruimte
    own_organisation = user.is_authenticated and user.organisatie_id == opvolging.organisatie_id
    if not own_organisation and not policy.user_has_permission_for_instance(user, "contribute", ruimte):
        require(user, "contribute", ruimte, kanaal)
        raise PermissionDenied
    if status not in Opvolging.Status.values:
        raise ValidationError(_("Kies een status: open, in uitvoering of afgerond."))
    if datum is not None and datum > timezone.localdate():
        raise ValidationError(_("De datum van de opvolging ligt in de toekomst."))
    toelichting = _text(toelichting, 2000, _("de toelichting"))
    if toelichting != opvolging.toelichting.strip():
        from .leerpunten import OPVOLGING, controleer_toevoeging

        # Shown to everyone who sees the learning: checked like the page's note, nothing to confirm here.
        controleer_toevoeging(opvolging.aanbeveling.leerpunt, OPVOLGING, toelichting, ())
    opvolging.status = status
    opvolging.datum = datum
    opvolging.toelichting = toelichting
    opvolging.bijgewerkt_door = user
    opvolging.save()
    AuditLogEntry.log(user, Actie.GEWIJZIGD, kanaal, ruimte=ruimte, obj=opvolging, toelichting=status)
    return opvolging
