"""Due items: the open legal terms of the spaces a user may see, flagged on "Mijn samenwerking"
and notified once per item, user and term.

An item is the self-investigation of an open report that has not come in yet
(Melding.zelfonderzoek_uiterlijk, which follows the last extension), or an unfinished step of an
investigation's publication procedure (Procedurestap.termijn: its extension, else its due date).
It is flagged when it is overdue or due within the user's number of working days
(Signaleringsvoorkeur); all date arithmetic is termijnen.py's.
"""

import logging
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import termijnen
from .links import reverser
from .models import Melding, Notificatie, Procedurestap, Signaleringsvoorkeur
from .models.notificatie import Soort
from .notificaties import notify
from .policy import policy

logger = logging.getLogger(__name__)

ZELFONDERZOEK = "zelfonderzoek"
OPEN_VOOR_ZELFONDERZOEK = (Melding.Status.ONTVANGEN, Melding.Status.ZELFONDERZOEK)
# The widest preference the settings form allows: the command looks this far ahead.
MAX_WERKDAGEN = 30


@dataclass(frozen=True)
class Termijnitem:
    soort: str  # "melding" or "procedurestap"
    pk: int
    ruimte_id: int
    ruimte_titel: str
    onderwerp: str
    titel: str
    termijn: date
    url: str
    melding_id: int | None = None
    onderzoek_id: int | None = None

    def werkdagen(self, vandaag):
        """Working days left (positive), 0 on the day itself, or working days late (negative)."""
        if self.termijn >= vandaag:
            return termijnen.werkdagen_tussen(vandaag, self.termijn)
        return -termijnen.werkdagen_tussen(self.termijn, vandaag)

    def verstreken(self, vandaag):
        return self.termijn < vandaag

    def in_woorden(self, vandaag):
        if self.termijn == vandaag:
            return _("vandaag")
        n = self.werkdagen(vandaag)
        if self.verstreken(vandaag):
            if n == 0:
                return _("termijn verstreken")
            return ngettext("%(n)d werkdag te laat", "%(n)d werkdagen te laat", -n) % {"n": -n}
        if n == 0:
            return _("op de eerstvolgende werkdag")
        return ngettext("over %(n)d werkdag", "over %(n)d werkdagen", n) % {"n": n}


def _investigation_url(ruimte_id, onderzoek_id):
    # The investigation's procedure page (samenwerking:onderzoek_rapport) is another part of
    # the portal; until it is installed the space itself is where the step is found.
    try:
        return reverse("samenwerking:onderzoek_rapport", args=[ruimte_id, onderzoek_id])
    except NoReverseMatch:
        return reverse("samenwerking:ruimte", args=[ruimte_id])


def _reports(queryset, grens):
    # Plain rows, not model instances: a coordinator of many spaces may have hundreds of
    # flagged reports, and this list is built on every visit to "Mijn samenwerking".
    rows = (
        queryset.filter(
            status__in=OPEN_VOOR_ZELFONDERZOEK, zelfonderzoek__isnull=True, zelfonderzoek_uiterlijk__lte=grens
        )
        .order_by("zelfonderzoek_uiterlijk", "pk")
        .values_list(
            "pk", "ruimte_id", "ruimte__titel", "soort", "datum_gemeld", "aanbieder__naam", "zelfonderzoek_uiterlijk"
        )
    )
    soorten = {value: str(label) for value, label in Melding.Soort.choices}
    titel = _("Zelfonderzoek: %(melding)s, %(aanbieder)s")
    melding_url = reverser("samenwerking:melding", 2)
    return [
        Termijnitem(
            soort="melding",
            pk=pk,
            ruimte_id=ruimte_id,
            ruimte_titel=ruimte_titel,
            onderwerp=ZELFONDERZOEK,
            titel=titel % {"melding": Melding.weergavenaam(soorten.get(soort, soort), gemeld), "aanbieder": aanbieder},
            termijn=uiterlijk,
            url=melding_url(ruimte_id, pk),
            melding_id=pk,
        )
        for pk, ruimte_id, ruimte_titel, soort, gemeld, aanbieder, uiterlijk in rows
    ]


def _steps(queryset, grens):
    rows = (
        queryset.filter(afgerond_op__isnull=True)
        .exclude(onderzoek__status="afgerond")
        .filter(Q(uitstel_tot__lte=grens) | Q(uitstel_tot__isnull=True, uiterlijk_op__lte=grens))
        .select_related("onderzoek__ruimte")
        .order_by("pk")
    )
    return [
        Termijnitem(
            soort="procedurestap",
            pk=s.pk,
            ruimte_id=s.onderzoek.ruimte_id,
            ruimte_titel=s.onderzoek.ruimte.titel,
            onderwerp=s.titel[:255],
            titel=_("%(stap)s: %(onderzoek)s") % {"stap": s.titel, "onderzoek": s.onderzoek.titel},
            termijn=s.termijn,
            url=_investigation_url(s.onderzoek.ruimte_id, s.onderzoek_id),
            onderzoek_id=s.onderzoek_id,
        )
        for s in rows
    ]


def due_items(user, vandaag=None, werkdagen=None):
    """The user's flagged terms, soonest (most overdue) first."""
    vandaag = vandaag or timezone.localdate()
    if werkdagen is None:
        werkdagen = Signaleringsvoorkeur.werkdagen_voor(user)
    grens = termijnen.plus_werkdagen(vandaag, werkdagen)
    items = _reports(Melding.objects.viewable_by_user(user), grens) + _steps(
        Procedurestap.objects.viewable_by_user(user), grens
    )
    return sorted(items, key=lambda item: (item.termijn, item.soort, item.pk))


def _all_items(vandaag):
    """Every flagged term of the open spaces for the widest preference; each user's own
    preference is applied per recipient."""
    grens = termijnen.plus_werkdagen(vandaag, MAX_WERKDAGEN)
    return _reports(Melding.objects.filter(ruimte__status="open"), grens) + _steps(
        Procedurestap.objects.filter(onderzoek__ruimte__status="open"), grens
    )


def _told(items):
    """{(kind of notification, subject, term, "melding" or "onderzoek", its pk): {user pk}} of
    the term notifications sent before about these items, in one query for all of them."""
    if not items:
        return {}
    termijnen_ = [item.termijn for item in items]
    rows = Notificatie.objects.filter(
        soort__in=[Soort.TERMIJN_NADERT, Soort.TERMIJN_VERSTREKEN],
        termijn__gte=min(termijnen_),
        termijn__lte=max(termijnen_),
    ).values_list("soort", "onderwerp", "termijn", "melding_id", "onderzoek_id", "ontvanger_id")
    told = {}
    for soort, onderwerp, termijn, melding_id, onderzoek_id, ontvanger_id in rows:
        if melding_id:
            told.setdefault((soort, onderwerp, termijn, "melding", melding_id), set()).add(ontvanger_id)
        if onderzoek_id:
            told.setdefault((soort, onderwerp, termijn, "onderzoek", onderzoek_id), set()).add(ontvanger_id)
    return told


def _told_key(item, soort):
    if item.melding_id:
        return (soort, item.onderwerp, item.termijn, "melding", item.melding_id)
    return (soort, item.onderwerp, item.termijn, "onderzoek", item.onderzoek_id)


def notify_terms_due(vandaag=None):
    """TERMIJN_NADERT for a term within the recipient's working days, TERMIJN_VERSTREKEN once
    it has passed: once per item, user and term, however often it runs (an extension is a new
    term and is told again). E-mail follows each user's choice, as every notification does."""
    from .models import Samenwerkingsruimte

    vandaag = vandaag or timezone.localdate()
    created = []
    members = {}
    voorkeuren = dict(Signaleringsvoorkeur.objects.values_list("gebruiker_id", "werkdagen_vooraf"))
    items = _all_items(vandaag)
    # What was told before and the spaces, once for all items: the round reads every open
    # term of the portal.
    told_before = _told(items)
    spaces = Samenwerkingsruimte.objects.in_bulk({item.ruimte_id for item in items})
    for item in items:
        ruimte = spaces[item.ruimte_id]
        if item.ruimte_id not in members:
            members[item.ruimte_id] = list(policy.users_with_permission_for_instance("view", ruimte))
        soort = Soort.TERMIJN_VERSTREKEN if item.verstreken(vandaag) else Soort.TERMIJN_NADERT
        told = told_before.get(_told_key(item, soort), set())
        recipients = []
        for user in members[item.ruimte_id]:
            if user.pk in told:
                continue
            if soort == Soort.TERMIJN_NADERT:
                n = voorkeuren.get(user.pk, Signaleringsvoorkeur.STANDAARD_WERKDAGEN)
                if item.termijn > termijnen.plus_werkdagen(vandaag, n):
                    continue
            recipients.append(user)
        if not recipients:
            continue
        objects = {"onderwerp": item.onderwerp, "termijn": item.termijn}
        if item.melding_id:
            objects["melding_id"] = item.melding_id
        else:
            objects["onderzoek_id"] = item.onderzoek_id
        try:
            with transaction.atomic():
                created += notify(soort, ruimte, recipients, **objects)
            # Two steps of one investigation may share title and term: told once.
            told_before.setdefault(_told_key(item, soort), set()).update(u.pk for u in recipients)
        except IntegrityError:
            logger.info("Termijnbericht voor %s %s bestond al", item.soort, item.pk)
    return created
