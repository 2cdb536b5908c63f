"""What a space holds: documents with versions, messages with replies, tasks."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..querysets import BerichtQuerySet, DocumentQuerySet, DocumentVersieQuerySet, TaakQuerySet
from ..storage import private_storage
from .ruimte import Samenwerkingsruimte


class Document(models.Model):
    class Vertrouwelijkheid(models.TextChoices):
        HELE_RUIMTE = "hele_ruimte", _("Hele ruimte")
        ALLEEN_COORDINATOREN = "alleen_coordinatoren", _("Alleen coördinatoren")

    ruimte = models.ForeignKey(
        Samenwerkingsruimte, on_delete=models.CASCADE, related_name="documenten", verbose_name=_("ruimte")
    )
    naam = models.CharField(_("naam"), max_length=200)
    vertrouwelijkheid = models.CharField(
        _("vertrouwelijkheid"), max_length=30, choices=Vertrouwelijkheid.choices, default=Vertrouwelijkheid.HELE_RUIMTE
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    # Set once the document is part of a report (its self-investigation, a letter, one of its
    # documents) and never cleared: it stays unpublishable when the report is deleted.
    van_melding = models.BooleanField(_("hoort of hoorde bij een melding"), default=False, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["naam", "pk"]

    def __str__(self):
        return self.naam

    def laatste_versie(self):
        return self.versies.order_by("-nummer").first()


def _versie_pad(instance, filename):
    # The stored name is random: nothing about the document can be guessed from a path.
    import uuid

    return f"ruimte-{instance.document.ruimte_id}/{uuid.uuid4().hex}"


class DocumentVersie(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versies", verbose_name=_("document"))
    nummer = models.PositiveIntegerField(_("versie"))
    bestand = models.FileField(_("bestand"), upload_to=_versie_pad, storage=private_storage, max_length=300)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=200)
    mime_type = models.CharField(_("bestandstype"), max_length=120)
    grootte = models.PositiveBigIntegerField(_("grootte in bytes"))
    tekst = models.TextField(_("tekst voor het zoeken"), blank=True, editable=False)
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("geüpload door"),
    )
    geupload_op = models.DateTimeField(_("geüpload op"), auto_now_add=True)

    objects = DocumentVersieQuerySet.as_manager()

    class Meta:
        verbose_name = _("documentversie")
        verbose_name_plural = _("documentversies")
        ordering = ["document", "-nummer"]
        constraints = [models.UniqueConstraint(fields=["document", "nummer"], name="documentversie_uniek")]

    def __str__(self):
        return f"{self.document} (versie {self.nummer})"


class Bericht(models.Model):
    ruimte = models.ForeignKey(
        Samenwerkingsruimte, on_delete=models.CASCADE, related_name="berichten", verbose_name=_("ruimte")
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("auteur")
    )
    tekst = models.TextField(_("tekst"), max_length=10000)
    antwoord_op = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="antwoorden",
        verbose_name=_("antwoord op"),
    )
    aangemaakt_op = models.DateTimeField(_("geplaatst op"), auto_now_add=True)

    objects = BerichtQuerySet.as_manager()

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["aangemaakt_op", "pk"]

    def __str__(self):
        return f"Bericht {self.pk}"


class Taak(models.Model):
    ruimte = models.ForeignKey(
        Samenwerkingsruimte, on_delete=models.CASCADE, related_name="taken", verbose_name=_("ruimte")
    )
    titel = models.CharField(_("titel"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), max_length=4000, blank=True)
    toegewezen_aan = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="samenwerkingstaken",
        verbose_name=_("toegewezen aan"),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    gedaan = models.BooleanField(_("gedaan"), default=False)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = TaakQuerySet.as_manager()

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        ordering = ["gedaan", "deadline", "pk"]

    def __str__(self):
        return self.titel

    @property
    def te_laat(self):
        return not self.gedaan and self.deadline is not None and self.deadline < date.today()
