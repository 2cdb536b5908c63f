"""Notifications: news of a space for one member, in the portal and (by choice) by e-mail."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..querysets import NotificatieQuerySet
from .inhoud import Bericht, Document, Taak
from .ruimte import Samenwerkingsruimte


class Soort(models.TextChoices):
    UITNODIGING = "uitnodiging", _("Toegevoegd aan een ruimte")
    NIEUW_DOCUMENT = "nieuw_document", _("Nieuw document")
    NIEUW_BERICHT = "nieuw_bericht", _("Nieuw bericht")
    TAAK_TOEGEWEZEN = "taak_toegewezen", _("Taak aan u toegewezen")
    TAAK_MORGEN_VERLOPEN = "taak_morgen_verlopen", _("Taak verloopt morgen")
    TERMIJN_NADERT = "termijn_nadert", _("Een termijn nadert")
    TERMIJN_VERSTREKEN = "termijn_verstreken", _("Een termijn is verstreken")
    TOEGANGSVERZOEK = "toegangsverzoek", _("Verzoek om toegang tot een ruimte")


class Frequentie(models.TextChoices):
    DIRECT = "direct", _("Direct een e-mail")
    DAGELIJKS = "dagelijks", _("Eén e-mail per dag met een overzicht")
    UIT = "uit", _("Geen e-mail")


# What a user gets before choosing: what concerns them personally at once, the rest of the
# space's news once a day, so that a busy space does not fill the inbox.
STANDAARD_FREQUENTIE = {
    Soort.UITNODIGING: Frequentie.DIRECT,
    Soort.NIEUW_DOCUMENT: Frequentie.DAGELIJKS,
    Soort.NIEUW_BERICHT: Frequentie.DAGELIJKS,
    Soort.TAAK_TOEGEWEZEN: Frequentie.DIRECT,
    Soort.TAAK_MORGEN_VERLOPEN: Frequentie.DIRECT,
    Soort.TERMIJN_NADERT: Frequentie.DAGELIJKS,
    Soort.TERMIJN_VERSTREKEN: Frequentie.DIRECT,
    Soort.TOEGANGSVERZOEK: Frequentie.DIRECT,
}


class Notificatie(models.Model):
    """Points at its object by foreign key, so that `viewable_by_user` is one query and the
    notification goes when its object goes."""

    Soort = Soort

    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notificaties",
        verbose_name=_("ontvanger"),
    )
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    ruimte = models.ForeignKey(
        Samenwerkingsruimte, on_delete=models.CASCADE, related_name="notificaties", verbose_name=_("ruimte")
    )
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("document")
    )
    bericht = models.ForeignKey(
        Bericht, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("bericht")
    )
    taak = models.ForeignKey(
        Taak, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("taak")
    )
    onderzoek = models.ForeignKey(
        "samenwerking.Onderzoek",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("onderzoek"),
    )
    melding = models.ForeignKey(
        "samenwerking.Melding",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("melding"),
    )
    toegangsverzoek = models.ForeignKey(
        "samenwerking.Toegangsverzoek",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toegangsverzoek"),
    )
    # What the notification is about when it is a term: "zelfonderzoek", a procedure step's title, ...
    onderwerp = models.CharField(_("onderwerp"), max_length=255, blank=True)
    termijn = models.DateField(_("termijn"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True, db_index=True)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    gemaild_op = models.DateTimeField(_("gemaild op"), null=True, blank=True)

    objects = NotificatieQuerySet.as_manager()

    class Meta:
        verbose_name = _("notificatie")
        verbose_name_plural = _("notificaties")
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [models.Index(fields=["ontvanger", "gelezen_op"], name="notificatie_ongelezen_idx")]
        constraints = [
            # "Verloopt morgen" once per task and assignee, however often the reminder runs.
            models.UniqueConstraint(
                fields=["ontvanger", "taak"],
                condition=Q(soort="taak_morgen_verlopen"),
                name="notificatie_taak_morgen_eenmaal",
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} ({self.pk})"


class NotificatieVoorkeur(models.Model):
    """A user's choice for one kind; without a row the kind's standard applies."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notificatievoorkeuren",
        verbose_name=_("gebruiker"),
    )
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    frequentie = models.CharField(_("e-mail"), max_length=20, choices=Frequentie.choices)

    class Meta:
        verbose_name = _("notificatievoorkeur")
        verbose_name_plural = _("notificatievoorkeuren")
        ordering = ["gebruiker", "soort"]
        constraints = [models.UniqueConstraint(fields=["gebruiker", "soort"], name="notificatievoorkeur_uniek")]

    def __str__(self):
        return f"{self.get_soort_display()}: {self.get_frequentie_display()}"

    @classmethod
    def for_users(cls, users, soort):
        """{user pk: frequentie} for the given users and kind, standards filled in."""
        chosen = dict(cls.objects.filter(gebruiker__in=users, soort=soort).values_list("gebruiker", "frequentie"))
        standard = STANDAARD_FREQUENTIE[soort]
        return {pk: chosen.get(pk, standard) for pk in (u.pk for u in users)}

    @classmethod
    def for_user(cls, user):
        """{soort: frequentie} of one user, for every kind."""
        chosen = dict(cls.objects.filter(gebruiker=user).values_list("soort", "frequentie"))
        return {soort: chosen.get(soort, STANDAARD_FREQUENTIE[soort]) for soort in Soort.values}


class Signaleringsvoorkeur(models.Model):
    """How many working days before a term a user wants it flagged and notified."""

    STANDAARD_WERKDAGEN = 5

    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="signaleringsvoorkeur",
        verbose_name=_("gebruiker"),
    )
    werkdagen_vooraf = models.PositiveSmallIntegerField(
        _("werkdagen van tevoren"),
        default=STANDAARD_WERKDAGEN,
        help_text=_("Zoveel werkdagen voor een termijn ziet u hem op Mijn samenwerking en krijgt u bericht."),
    )

    class Meta:
        verbose_name = _("signaleringsvoorkeur")
        verbose_name_plural = _("signaleringsvoorkeuren")

    def __str__(self):
        return str(self.werkdagen_vooraf)

    @classmethod
    def werkdagen_voor(cls, user):
        row = cls.objects.filter(gebruiker=user).only("werkdagen_vooraf").first()
        return row.werkdagen_vooraf if row else cls.STANDAARD_WERKDAGEN
