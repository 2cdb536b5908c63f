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
    opvolging.status = status
    opvolging.datum = datum
    opvolging.toelichting = _text(toelichting, 2000, _("de toelichting"))
    opvolging.bijgewerkt_door = user
    opvolging.save()
    AuditLogEntry.log(user, Actie.GEWIJZIGD, kanaal, ruimte=ruimte, obj=opvolging, toelichting=status)
    return opvolging
