"""A group session of a practice case (kennisbank.OefencasusPage), led by a facilitator.

Participants have no account: each is a random token kept in their own Django session
(only its SHA-256 is stored here), with an optional nickname and a perspective. Answers hold
no account data at all. A session and its answers are deleted after
`OEFENSESSIE_BEWAARTERMIJN_DAGEN` (`manage.py opschonen_oefensessies`), unless it was held in
a collaboration space, where its summary is kept and follows the space's permissions.

The join code: 8 characters from an alphabet of 31 that cannot be mixed up when read aloud or
typed (no 0/O, 1/I/L), so 31**8 ≈ 8.5 * 10**11 codes (39.6 bits). A code is accepted only while
its session runs and for at most `OEFENSESSIE_CODE_GELDIG_UREN` (default 12) after it started,
and one client IP gets `OEFENSESSIE_POGINGEN_PER_IP` (default 10) wrong codes per 10 minutes
(samenwerking/oefensessie_views.py), counted in the database (`Deelnamepoging`) so that the
limit holds across all processes and threads of the server. Guessing then tries at most 10 * 6 * 12 = 720 codes during
a code's life; with 1,000 sessions running at once, the chance that one IP hits any of them is
720 * 1000 / 8.5e11 ≈ 1 in 1.2 million.
"""

import hashlib
import hmac
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CODE_ALFABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTE = 8
MAX_BIJNAAM = 40


def new_code():
    return "".join(secrets.choice(CODE_ALFABET) for _ in range(CODE_LENGTE))


def normalise_code(value):
    """What a participant typed, as a code: upper case, without spaces or dashes."""
    return "".join(ch for ch in str(value).upper() if ch not in " -\t")[:32]


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


# Live screens poll for a change. What they compare is a token per session kept in the cache
# that all processes share (the page cache: file-based on one machine, Redis on several), so
# an unchanged poll needs no database connection at all. Every write a screen must see sets
# a new random token after it is committed, and a poll that finds a new token reads the
# database after reading the token; so a token a screen holds stays current only while
# nothing it shows has changed, whatever order processes write in. A token that is missing
# (evicted, or a cache that was emptied) makes the poll read the version from the database.
def _live_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _live_keys(sessie_id, code):
    # Participants poll by code, the facilitator by id.
    return {"deelnemer": f"oefensessie:live:deelnemer:{code}", "begeleider": f"oefensessie:live:begeleider:{sessie_id}"}


def live_token(kind, sessie_id=None, code=None):
    """The current token of what `kind` ("deelnemer" or "begeleider") screens show, or None."""
    return _live_cache().get(_live_keys(sessie_id, code)[kind])


def live_changed(sessie_id, code, kinds=("deelnemer", "begeleider")):
    """New tokens for these screens, set once the current transaction (if any) has committed."""

    def store():
        keys = _live_keys(sessie_id, code)
        timeout = settings.OEFENSESSIE_CODE_GELDIG_UREN * 3600
        _live_cache().set_many({keys[kind]: uuid.uuid4().hex for kind in kinds}, timeout)

    transaction.on_commit(store)


class OefensessieQuerySet(models.QuerySet):
    def viewable_by_user(self, user):
        """The facilitator's own sessions, and the sessions held in a space the user may see."""
        from ..policy import policy

        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        ids = policy.space_ids(user, ["view"])
        return self.filter(Q(begeleider=user) | Q(ruimte__in=ids))

    def led_by(self, user):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(begeleider=user)

    def expired(self, now=None):
        """Sessions past the retention period that are not kept in a space."""
        now = now or timezone.now()
        grens = now - timedelta(days=settings.OEFENSESSIE_BEWAARTERMIJN_DAGEN)
        return self.filter(ruimte__isnull=True, aangemaakt_op__lt=grens)


class Oefensessie(models.Model):
    class Status(models.TextChoices):
        BEZIG = "bezig", _("Bezig")
        GEPAUZEERD = "gepauzeerd", _("Gepauzeerd")
        AFGELOPEN = "afgelopen", _("Afgelopen")

    class Perspectieven(models.TextChoices):
        KIEZEN = "kiezen", _("Deelnemers kiezen zelf een perspectief")
        TOEWIJZEN = "toewijzen", _("Deelnemers krijgen om de beurt een perspectief")

    casus = models.ForeignKey(
        "kennisbank.OefencasusPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("oefencasus"),
    )
    ruimte = models.ForeignKey(
        "samenwerking.Samenwerkingsruimte",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="oefensessies",
        verbose_name=_("samenwerkingsruimte"),
    )
    begeleider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("begeleider"),
    )
    code = models.CharField(_("code"), max_length=CODE_LENGTE, unique=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.BEZIG)
    perspectieven = models.CharField(
        _("perspectieven"), max_length=20, choices=Perspectieven.choices, default=Perspectieven.KIEZEN
    )
    # 0 is the welcome before the first chapter; chapters count from 1.
    hoofdstuk = models.PositiveSmallIntegerField(_("hoofdstuk"), default=0)
    # Raised by every change participants must see; their screens poll for it.
    versie = models.PositiveIntegerField(_("versie"), default=1)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True, db_index=True)
    beeindigd_op = models.DateTimeField(_("beëindigd op"), null=True, blank=True)

    objects = OefensessieQuerySet.as_manager()

    class Meta:
        verbose_name = _("oefensessie")
        verbose_name_plural = _("oefensessies")
        ordering = ["-aangemaakt_op", "-pk"]

    def __str__(self):
        return f"{self.casus_id} {self.code}"

    @classmethod
    def start(cls, casus, begeleider, ruimte=None, perspectieven=Perspectieven.KIEZEN):
        for _attempt in range(10):
            code = new_code()
            if not cls.objects.filter(code=code).exists():
                sessie = cls.objects.create(
                    casus=casus, begeleider=begeleider, ruimte=ruimte, code=code, perspectieven=perspectieven
                )
                live_changed(sessie.pk, sessie.code)
                return sessie
        raise RuntimeError("Geen vrije code gevonden.")

    @property
    def is_afgelopen(self):
        return self.status == self.Status.AFGELOPEN

    @property
    def is_gepauzeerd(self):
        return self.status == self.Status.GEPAUZEERD

    def code_verlopen(self, now=None):
        now = now or timezone.now()
        return now - self.aangemaakt_op > timedelta(hours=settings.OEFENSESSIE_CODE_GELDIG_UREN)

    def code_getoond(self):
        return f"{self.code[:4]}-{self.code[4:]}"

    def change(self, **fields):
        """Save `fields` and raise the version in one UPDATE, so that no poll misses a step."""
        type(self).objects.filter(pk=self.pk).update(versie=F("versie") + 1, **fields)
        live_changed(self.pk, self.code)
        self.refresh_from_db()


class Deelnemer(models.Model):
    sessie = models.ForeignKey(
        Oefensessie, on_delete=models.CASCADE, related_name="deelnemers", verbose_name=_("sessie")
    )
    token_hash = models.CharField(_("kenmerk"), max_length=64, unique=True)
    bijnaam = models.CharField(_("bijnaam"), max_length=MAX_BIJNAAM, blank=True)
    perspectief = models.CharField(_("perspectief"), max_length=100, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        ordering = ["pk"]

    def __str__(self):
        return self.bijnaam or str(_("Deelnemer zonder naam"))


class Antwoord(models.Model):
    sessie = models.ForeignKey(
        Oefensessie, on_delete=models.CASCADE, related_name="antwoorden", verbose_name=_("sessie")
    )
    # Only to let a participant change their answer; never shown, and set to null at the end.
    deelnemer = models.ForeignKey(
        Deelnemer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("deelnemer")
    )
    vraag_id = models.CharField(_("vraag"), max_length=64)
    hoofdstuk = models.PositiveSmallIntegerField(_("hoofdstuk"))
    perspectief = models.CharField(_("perspectief"), max_length=100, blank=True)
    optie = models.PositiveSmallIntegerField(_("gekozen optie"), null=True, blank=True)
    tekst = models.TextField(_("antwoord"), blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        ordering = ["aangemaakt_op", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["deelnemer", "vraag_id"], name="een_antwoord_per_vraag_per_deelnemer")
        ]

    def __str__(self):
        return f"{self.sessie_id} {self.vraag_id}"


POGINGEN_VENSTER = timedelta(minutes=10)


def ip_hash(ip):
    """A client address as stored: an HMAC with SECRET_KEY, so the table holds no address and
    the 2**32 IPv4 addresses cannot be tried against it without the key."""
    return hmac.new(settings.SECRET_KEY.encode(), f"oefensessie-poging:{ip}".encode(), hashlib.sha256).hexdigest()


class DeelnamepogingQuerySet(models.QuerySet):
    def recent(self, now=None):
        return self.filter(aangemaakt_op__gte=(now or timezone.now()) - POGINGEN_VENSTER)

    def expired(self, now=None):
        return self.filter(aangemaakt_op__lt=(now or timezone.now()) - POGINGEN_VENSTER)


class Deelnamepoging(models.Model):
    """One attempt to join with a wrong code. A row per attempt rather than a counter, so that
    processes counting at the same time never lose an attempt (an INSERT needs no read first)."""

    ip_hash = models.CharField(_("kenmerk van het adres"), max_length=64)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = DeelnamepogingQuerySet.as_manager()

    class Meta:
        verbose_name = _("poging met een onjuiste code")
        verbose_name_plural = _("pogingen met een onjuiste code")
        indexes = [models.Index(fields=["ip_hash", "aangemaakt_op"], name="deelnamepoging_ip_tijd")]

    def __str__(self):
        return f"{self.ip_hash[:8]} {self.aangemaakt_op:%Y-%m-%d %H:%M}"
