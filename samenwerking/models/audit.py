"""The audit log: who did what to which object of which space, through which channel."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..querysets import AuditLogQuerySet
from .ruimte import Samenwerkingsruimte


class AuditLogEntry(models.Model):
    """Append-only: entries name objects by kind and number, never by their contents."""

    class Kanaal(models.TextChoices):
        PAGINA = "pagina", _("Pagina")
        DOWNLOAD = "download", _("Download")
        GRAPHQL = "graphql", _("GraphQL")
        ZOEKEN = "zoeken", _("Zoekresultaat geopend")
        BEHEER = "beheer", _("Beheer")
        AANMELDEN = "aanmelden", _("Aanmelden")

    class Actie(models.TextChoices):
        BEKEKEN = "bekeken", _("Bekeken")
        GEDOWNLOAD = "gedownload", _("Gedownload")
        AANGEMAAKT = "aangemaakt", _("Aangemaakt")
        GEWIJZIGD = "gewijzigd", _("Gewijzigd")
        UITGENODIGD = "uitgenodigd", _("Uitgenodigd")
        LID_GEWORDEN = "lid_geworden", _("Lid geworden")
        ROL_GEWIJZIGD = "rol_gewijzigd", _("Rol gewijzigd")
        VERWIJDERD = "verwijderd", _("Verwijderd als lid")
        VERLATEN = "verlaten", _("Ruimte verlaten")
        GEWEIGERD = "geweigerd", _("Geweigerd")
        BEHEER_DOOR_SUPERUSER = "beheer_superuser", _("Ledenbeheer door een beheerder")
        TOEGANG_GEVRAAGD = "toegang_gevraagd", _("Toegang gevraagd")
        TOEGANG_TOEGEKEND = "toegang_toegekend", _("Toegang toegekend")
        TOEGANG_AFGEWEZEN = "toegang_afgewezen", _("Toegang afgewezen")
        VERRUIMD = "verruimd", _("Zichtbaarheid verruimd")
        AANGEBODEN_TER_PUBLICATIE = "ter_publicatie", _("Aangeboden ter publicatie")
        OPENBAARMAKING_GEWEIGERD = "openbaarmaking_geweigerd", _("Openbaarmaking geweigerd")
        NIET_OPENBAAR_BESLOTEN = "niet_openbaar_besloten", _("Besloten niet openbaar te maken")

    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    gebruiker_email = models.CharField(_("e-mailadres van de gebruiker"), max_length=254, blank=True)
    ruimte = models.ForeignKey(
        Samenwerkingsruimte,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ruimte"),
    )
    actie = models.CharField(_("actie"), max_length=30, choices=Actie.choices)
    object_soort = models.CharField(_("soort object"), max_length=50, blank=True)
    object_id = models.CharField(_("nummer van het object"), max_length=50, blank=True)
    kanaal = models.CharField(_("kanaal"), max_length=20, choices=Kanaal.choices)
    toelichting = models.CharField(_("toelichting"), max_length=200, blank=True)

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("logregel")
        verbose_name_plural = _("logboek")
        ordering = ["-tijdstip", "-pk"]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.gebruiker_email} {self.actie}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("Het logboek kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Het logboek kan niet worden gewijzigd.")

    @classmethod
    def log(cls, user, actie, kanaal, ruimte=None, obj=None, toelichting=""):
        authenticated = user is not None and user.is_authenticated
        return cls.objects.create(
            gebruiker=user if authenticated else None,
            gebruiker_email=user.email if authenticated else "",
            ruimte=ruimte,
            actie=actie,
            kanaal=kanaal,
            object_soort=obj._meta.model_name if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            toelichting=str(toelichting)[:200],
        )
