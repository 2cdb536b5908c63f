"""The space, who belongs to it, and the guardian permissions that follow from that."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from ..querysets import (
    LidmaatschapQuerySet,
    SamenwerkingsruimteQuerySet,
    UitnodigingQuerySet,
)

VIEW = "view_samenwerkingsruimte"
CONTRIBUTE = "contribute_samenwerkingsruimte"
MANAGE = "manage_samenwerkingsruimte"


class Samenwerkingsruimte(models.Model):
    class Soort(models.TextChoices):
        GEZAMENLIJK_ONDERZOEK = "gezamenlijk_onderzoek", _("Gezamenlijk onderzoek")
        NETWERK = "netwerk", _("Netwerk")
        LEERKRING = "leerkring", _("Leerkring")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        GESLOTEN = "gesloten", _("Gesloten")
        GEARCHIVEERD = "gearchiveerd", _("Gearchiveerd")

    titel = models.CharField(_("titel"), max_length=200)
    doel = models.TextField(_("doel"), max_length=4000, blank=True)
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    organisaties = models.ManyToManyField(
        "portal.Organisatie",
        blank=True,
        related_name="samenwerkingsruimtes",
        verbose_name=_("deelnemende organisaties"),
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = SamenwerkingsruimteQuerySet.as_manager()

    class Meta:
        verbose_name = _("samenwerkingsruimte")
        verbose_name_plural = _("samenwerkingsruimtes")
        ordering = ["titel", "pk"]
        # Only object permissions exist for spaces; nobody holds them globally.
        default_permissions = ()
        permissions = [
            (VIEW, _("Ruimte inzien")),
            (CONTRIBUTE, _("Bijdragen aan de ruimte")),
            (MANAGE, _("Ruimte beheren")),
        ]

    def __str__(self):
        return self.titel

    @property
    def is_open(self):
        return self.status == self.Status.OPEN


class SamenwerkingsruimteUserObjectPermission(UserObjectPermissionBase):
    # A direct foreign key: deleted with the space, so a new space with the same pk starts empty.
    content_object = models.ForeignKey(Samenwerkingsruimte, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("rechten van gebruiker op ruimte")
        verbose_name_plural = _("rechten van gebruikers op ruimtes")


class SamenwerkingsruimteGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Samenwerkingsruimte, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("rechten van groep op ruimte")
        verbose_name_plural = _("rechten van groepen op ruimtes")


class Rol(models.TextChoices):
    COORDINATOR = "coordinator", _("Coördinator")
    DEELNEMER = "deelnemer", _("Deelnemer")
    MEELEZER = "meelezer", _("Meelezer")


PERMISSIONS_BY_ROLE = {
    Rol.COORDINATOR: (VIEW, CONTRIBUTE, MANAGE),
    Rol.DEELNEMER: (VIEW, CONTRIBUTE),
    Rol.MEELEZER: (VIEW,),
}


class Lidmaatschap(models.Model):
    """A user, or a whole organisation through its group, in a space with a role."""

    Rol = Rol

    ruimte = models.ForeignKey(
        Samenwerkingsruimte, on_delete=models.CASCADE, related_name="lidmaatschappen", verbose_name=_("ruimte")
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="lidmaatschappen",
        verbose_name=_("gebruiker"),
    )
    organisatie = models.ForeignKey(
        "portal.Organisatie",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="lidmaatschappen",
        verbose_name=_("organisatie"),
    )
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices, default=Rol.DEELNEMER)
    aangemaakt_op = models.DateTimeField(_("lid sinds"), auto_now_add=True)

    objects = LidmaatschapQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(gebruiker__isnull=False, organisatie__isnull=True)
                    | Q(gebruiker__isnull=True, organisatie__isnull=False)
                ),
                name="lidmaatschap_gebruiker_of_organisatie",
            ),
            models.UniqueConstraint(fields=["ruimte", "gebruiker"], name="lidmaatschap_uniek_gebruiker"),
            models.UniqueConstraint(fields=["ruimte", "organisatie"], name="lidmaatschap_uniek_organisatie"),
        ]

    def __str__(self):
        return f"{self.naam} ({self.get_rol_display()})"

    @property
    def naam(self):
        if self.gebruiker_id:
            return self.gebruiker.get_full_name() or self.gebruiker.email
        return self.organisatie.naam

    @property
    def principal(self):
        """The user, or the organisation's group, that holds the guardian permissions."""
        return self.gebruiker if self.gebruiker_id else self.organisatie.groep


class Uitnodiging(models.Model):
    """An invitation to an address without an account; it takes effect at the first sign-in."""

    ruimte = models.ForeignKey(
        Samenwerkingsruimte, on_delete=models.CASCADE, related_name="uitnodigingen", verbose_name=_("ruimte")
    )
    email = models.EmailField(_("e-mailadres"))
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices, default=Rol.DEELNEMER)
    uitgenodigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uitgenodigd door"),
    )
    aangemaakt_op = models.DateTimeField(_("uitgenodigd op"), auto_now_add=True)
    geaccepteerd_op = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)

    objects = UitnodigingQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["ruimte", "email"], name="uitnodiging_uniek")]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)
