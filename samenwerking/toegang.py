"""Providers work across regions: a supervisor may see that a space they are not in has an open
investigation or report about the same provider, with only its coordinating organisation and its
kind, and ask to join. The space's coordinators decide. What the supervisor sees of such a space
never names it: each notice carries an opaque token, derived from the user and the space with
the site's secret, which the request is sent back with and resolved against the same notices.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import actions, notificaties
from .models import AuditLogEntry, Lidmaatschap, Melding, Onderzoek, Samenwerkingsruimte, Toegangsverzoek
from .models.notificatie import Soort
from .policy import policy

Actie = AuditLogEntry.Actie

# At most this many requests per user per day: enough for real work, too few to probe with.
MAX_VERZOEKEN_PER_DAG = 10

SOORT_ONDERZOEK = "onderzoek"
SOORT_MELDING = "melding"
SOORT_LABELS = {SOORT_ONDERZOEK: gettext_lazy("onderzoek"), SOORT_MELDING: gettext_lazy("melding")}
SOORT_BEPAALD = {SOORT_ONDERZOEK: gettext_lazy("het onderzoek"), SOORT_MELDING: gettext_lazy("de melding")}


@dataclass(frozen=True)
class Elders:
    """One open investigation or report in a space the user is not in: what they may know."""

    token: str
    organisatie: str
    soort: str
    aangevraagd: bool = False

    @property
    def soort_label(self):
        return SOORT_LABELS[self.soort]

    @property
    def soort_bepaald(self):
        return SOORT_BEPAALD[self.soort]


def token_for(user, ruimte_id):
    message = f"toegang:{user.pk}:{ruimte_id}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:24]


def _open_elsewhere(user, aanbieder):
    """[(ruimte_id, organisation name, kind)] of the open work on this provider in open spaces
    the user cannot see."""
    spaces = Samenwerkingsruimte.objects.filter(status=Samenwerkingsruimte.Status.OPEN)
    own = policy.space_ids(user, ["view"])
    if own is not None:
        spaces = spaces.exclude(pk__in=own)
    found = []
    onderzoeken = (
        Onderzoek.objects.open()
        .filter(aanbieders=aanbieder, ruimte__in=spaces.values("pk"))
        .select_related("coordinerende_organisatie")
        .order_by("ruimte_id", "pk")
    )
    for o in onderzoeken:
        found.append((o.ruimte_id, o.coordinerende_organisatie, SOORT_ONDERZOEK))
    meldingen = (
        Melding.objects.open()
        .filter(aanbieder=aanbieder, ruimte__in=spaces.values("pk"))
        .select_related("coordinerende_organisatie")
        .order_by("ruimte_id", "pk")
    )
    for m in meldingen:
        found.append((m.ruimte_id, m.coordinerende_organisatie, SOORT_MELDING))
    return found


def notices(user, aanbieder):
    """What a supervisor may know of open work on `aanbieder` in spaces they are not in: one
    entry per space, organisation and kind, without the space's title, number or contents."""
    from portal.roles import is_toezichthouder

    if not is_toezichthouder(user):
        return []
    seen = set()
    result = []
    waiting = set(Toegangsverzoek.objects.open().filter(aanvrager=user).values_list("ruimte_id", flat=True))
    for ruimte_id, organisatie, soort in _open_elsewhere(user, aanbieder):
        naam = organisatie.naam if organisatie else _("(coördinerende organisatie niet opgegeven)")
        key = (ruimte_id, naam, soort)
        if key in seen:
            continue
        seen.add(key)
        result.append(
            Elders(token=token_for(user, ruimte_id), organisatie=naam, soort=soort, aangevraagd=ruimte_id in waiting)
        )
    result.sort(key=lambda e: (e.organisatie, e.soort, e.token))
    return result


def notices_for(user, aanbieders):
    """[(aanbieder, notices)] for the providers of an investigation or report that have any:
    the same notices as on each provider's page, for the same users."""
    from portal.roles import is_toezichthouder

    if not is_toezichthouder(user):
        return []
    return [(aanbieder, found) for aanbieder in aanbieders if (found := notices(user, aanbieder))]


def space_for_token(user, aanbieder, token):
    """The space a notice's token stands for, or None: only among the notices the user has."""
    # As bytes: compare_digest refuses a str with non-ASCII characters (TypeError), and a
    # token is whatever the client sends.
    sent = str(token or "").encode("utf-8", "replace")
    for ruimte_id, _organisatie, _soort in _open_elsewhere(user, aanbieder):
        if hmac.compare_digest(token_for(user, ruimte_id).encode(), sent):
            return Samenwerkingsruimte.objects.get(pk=ruimte_id)
    return None


def request_access(user, aanbieder, token, reden, kanaal):
    """Ask to join the space behind a notice. Refused: not a supervisor, an unknown token, no
    reason, an open request for that space already, too many requests today."""
    from portal.roles import is_toezichthouder

    if not is_toezichthouder(user):
        raise PermissionDenied
    reden = (reden or "").replace("\x00", "").strip()
    if not reden:
        raise ValidationError(_("Geef aan waarom u toegang vraagt."))
    if len(reden) > 2000:
        raise ValidationError(_("De reden is hoogstens 2.000 tekens lang."))
    with transaction.atomic():
        ruimte = space_for_token(user, aanbieder, token)
        if ruimte is None:
            raise ValidationError(_("Dit onderzoek of deze melding is niet (meer) te vinden. Laad de pagina opnieuw."))
        sinds = timezone.now() - timedelta(days=1)
        if Toegangsverzoek.objects.filter(aanvrager=user, aangevraagd_op__gte=sinds).count() >= MAX_VERZOEKEN_PER_DAG:
            raise ValidationError(
                _("U hebt vandaag al %(n)d verzoeken gedaan. Probeer het morgen opnieuw.")
                % {"n": MAX_VERZOEKEN_PER_DAG}
            )
        if Toegangsverzoek.objects.open().filter(ruimte=ruimte, aanvrager=user).exists():
            raise ValidationError(_("U hebt al een verzoek gedaan dat nog op een besluit wacht."))
        try:
            with transaction.atomic():
                verzoek = Toegangsverzoek.objects.create(
                    ruimte=ruimte, aanbieder=aanbieder, aanvrager=user, reden=reden
                )
        except IntegrityError:
            raise ValidationError(_("U hebt al een verzoek gedaan dat nog op een besluit wacht.")) from None
        AuditLogEntry.log(user, Actie.TOEGANG_GEVRAAGD, kanaal, ruimte=ruimte, obj=verzoek)
        coordinators = policy.users_with_permission_for_instance("manage", ruimte)
        notificaties.notify(Soort.TOEGANGSVERZOEK, ruimte, coordinators, user, toegangsverzoek=verzoek)
    return verzoek


@transaction.atomic
def decide(user, verzoek, kanaal, toekennen, toelichting=""):
    """A coordinator grants (the requester becomes a deelnemer, through the membership code) or
    refuses (with a reason) an open request."""
    ruimte = verzoek.ruimte
    actions.require(user, "manage", ruimte, kanaal)
    verzoek = Toegangsverzoek.objects.select_for_update().get(pk=verzoek.pk)
    if verzoek.besluit:
        raise ValidationError(_("Over dit verzoek is al besloten."))
    toelichting = (toelichting or "").replace("\x00", "").strip()
    if len(toelichting) > 2000:
        raise ValidationError(_("De toelichting is hoogstens 2.000 tekens lang."))
    if not toekennen and not toelichting:
        raise ValidationError(_("Geef aan waarom u het verzoek afwijst."))
    if toekennen:
        aanvrager = verzoek.aanvrager
        if not aanvrager.is_active:
            raise ValidationError(_("De aanvrager heeft geen actief account meer."))
        if not Lidmaatschap.objects.filter(ruimte=ruimte, gebruiker=aanvrager).exists():
            actions.invite(user, ruimte, kanaal, Lidmaatschap.Rol.DEELNEMER, email=aanvrager.email)
    verzoek.besluit = Toegangsverzoek.Besluit.TOEGEKEND if toekennen else Toegangsverzoek.Besluit.AFGEWEZEN
    verzoek.besloten_door = user
    verzoek.besloten_op = timezone.now()
    verzoek.toelichting_besluit = toelichting
    verzoek.save(update_fields=["besluit", "besloten_door", "besloten_op", "toelichting_besluit"])
    AuditLogEntry.log(
        user, Actie.TOEGANG_TOEGEKEND if toekennen else Actie.TOEGANG_AFGEWEZEN, kanaal, ruimte=ruimte, obj=verzoek
    )
    notificaties.notify(Soort.TOEGANGSVERZOEK, ruimte, [verzoek.aanvrager], user, toegangsverzoek=verzoek)
    return verzoek


def requests_of(user, aanbieder):
    """The user's own requests about this provider, newest first."""
    return Toegangsverzoek.objects.viewable_by_user(user).filter(aanvrager=user, aanbieder=aanbieder)


def open_requests_for(user, ruimte):
    return (
        Toegangsverzoek.objects.viewable_by_user(user)
        .filter(Q(ruimte=ruimte))
        .select_related("aanvrager__organisatie", "aanbieder", "besloten_door")
    )
