"""The register of designations: which supervisor a municipality's college designated for
the Wmo (art. 6.1 Wmo 2015), recorded by an official of that municipality and shown only
after an editor's review. Every change is kept with who made it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from portal.roles import gemeente_van, is_redacteur

from .toezicht import Geldigheid, GeldigheidQuerySet, Niveau, Toezichthouder


class AanwijzingQuerySet(GeldigheidQuerySet):
    def goedgekeurd(self):
        return self.filter(status=Aanwijzing.Status.GOEDGEKEURD)

    def viewable_by_user(self, user):
        """Approved designations are public; the rest only for the municipality's own
        officials and for editors."""
        if is_redacteur(user):
            return self
        gemeente = gemeente_van(user)
        if gemeente is not None:
            return self.filter(Q(status=Aanwijzing.Status.GOEDGEKEURD) | Q(gemeente=gemeente))
        return self.goedgekeurd()


class Aanwijzing(Geldigheid):
    class Status(models.TextChoices):
        INGEDIEND = "ingediend", _("Wacht op beoordeling")
        GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
        AFGEWEZEN = "afgewezen", _("Afgewezen")
        INGETROKKEN = "ingetrokken", _("Ingetrokken")

    class SoortToezichthouder(models.TextChoices):
        """The kind of a supervisor the portal does not know yet, which decides its level."""

        REGIONAAL = "regionaal", _("Een GGD of een andere regionale toezichthouder")
        EIGEN = "eigen", _("Eigen toezichthouder van de gemeente")

    gemeente = models.ForeignKey(
        "portal.Gemeente", on_delete=models.CASCADE, related_name="aanwijzingen", verbose_name=_("gemeente")
    )
    toezichthouder = models.ForeignKey(
        "visual.Toezichthouder",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aanwijzingen",
        verbose_name=_("aangewezen toezichthouder"),
    )
    # A supervisor the portal does not know yet is named here and becomes a Toezichthouder
    # only when an editor approves the designation: a rejected one leaves nothing behind.
    nieuwe_toezichthouder = models.CharField(_("naam van de nieuwe toezichthouder"), max_length=255, blank=True)
    nieuwe_toezichthouder_soort = models.CharField(
        _("soort nieuwe toezichthouder"), max_length=20, choices=SoortToezichthouder.choices, blank=True
    )
    alle_voorzieningen = models.BooleanField(_("voor alle Wmo-voorzieningen"), default=True)
    voorzieningsoorten = models.ManyToManyField(
        "kennisbank.Voorzieningsoort",
        blank=True,
        related_name="+",
        verbose_name=_("alleen voor deze soorten voorziening"),
    )
    besluit_datum = models.DateField(_("datum van het aanwijzingsbesluit"))
    besluit_url = models.URLField(_("link naar het aanwijzingsbesluit"), max_length=500)
    toelichting = models.TextField(_("toelichting"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INGEDIEND)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("ingediend door")
    )
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    beoordeling = models.TextField(_("opmerking bij de beoordeling"), blank=True)

    objects = AanwijzingQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanwijzing")
        verbose_name_plural = _("aanwijzingen")
        ordering = ["gemeente__naam", "-besluit_datum"]
        constraints = [
            models.CheckConstraint(
                condition=Q(toezichthouder__isnull=False)
                | (~Q(nieuwe_toezichthouder="") & ~Q(nieuwe_toezichthouder_soort="")),
                name="aanwijzing_noemt_een_toezichthouder",
                violation_error_message=_("Noem de aangewezen toezichthouder, of de naam en soort van een nieuwe."),
            ),
            models.CheckConstraint(
                condition=~Q(status="goedgekeurd") | Q(toezichthouder__isnull=False),
                name="goedgekeurde_aanwijzing_heeft_toezichthouder",
                violation_error_message=_("Een goedgekeurde aanwijzing noemt een toezichthouder van het portaal."),
            ),
        ]

    def __str__(self):
        return f"{self.gemeente} · {self.toezichthouder_naam} ({self.besluit_datum:%d-%m-%Y})"

    @property
    def toezichthouder_naam(self):
        if self.toezichthouder_id is not None:
            return self.toezichthouder.naam
        return self.nieuwe_toezichthouder

    @property
    def toezichthouder_label(self):
        """The supervisor as the register shows it, a new one marked as not yet known."""
        if self.toezichthouder_id is not None:
            return self.toezichthouder.naam
        return gettext("%(naam)s (nieuw: %(soort)s; wordt bij goedkeuring als toezichthouder opgenomen)") % {
            "naam": self.nieuwe_toezichthouder,
            "soort": self.get_nieuwe_toezichthouder_soort_display().lower(),
        }

    def mag_wijzigen(self, user):
        gemeente = gemeente_van(user)
        return gemeente is not None and gemeente.pk == self.gemeente_id

    def voorzieningen_label(self):
        if self.alle_voorzieningen:
            return str(_("alle Wmo-voorzieningen"))
        return ", ".join(v.naam for v in self.voorzieningsoorten.all())

    def snapshot(self):
        voorzieningen = [] if self.pk is None else sorted(v.slug for v in self.voorzieningsoorten.all())
        return {
            "gemeente": self.gemeente.cbs_code,
            "toezichthouder": self.toezichthouder.slug if self.toezichthouder_id else None,
            "nieuwe_toezichthouder": self.nieuwe_toezichthouder,
            "nieuwe_toezichthouder_soort": self.nieuwe_toezichthouder_soort,
            "alle_voorzieningen": self.alle_voorzieningen,
            "voorzieningsoorten": voorzieningen,
            "besluit_datum": self.besluit_datum.isoformat() if self.besluit_datum else None,
            "besluit_url": self.besluit_url,
            "geldig_vanaf": self.geldig_vanaf.isoformat() if self.geldig_vanaf else None,
            "geldig_tot": self.geldig_tot.isoformat() if self.geldig_tot else None,
            "toelichting": self.toelichting,
            "status": self.status,
            "beoordeling": self.beoordeling,
        }

    def log(self, user, actie, voor, toelichting=""):
        return AanwijzingWijziging.objects.create(
            aanwijzing=self, gebruiker=user, actie=actie, voor=voor or {}, na=self.snapshot(), toelichting=toelichting
        )

    def neem_toezichthouder_op(self):
        """The supervisor a new name stands for: one the college may designate with that
        name if it exists by now (another municipality's approved designation may have
        added it), else a new one of the level its kind gives, with no remits: what it
        does follows from the designation alone."""
        if self.toezichthouder_id is not None:
            return self.toezichthouder
        naam = self.nieuwe_toezichthouder.strip()
        bestaand = Toezichthouder.objects.aanwijsbaar_door(self.gemeente).filter(naam__iexact=naam).first()
        if bestaand is None:
            eigen = self.nieuwe_toezichthouder_soort == self.SoortToezichthouder.EIGEN
            bestaand = Toezichthouder.objects.create(
                slug=_vrije_slug(naam),
                naam=naam,
                niveau=Niveau.LOKAAL if eigen else Niveau.REGIONAAL,
                soort=Toezichthouder.Soort.GEMEENTELIJK if eigen else Toezichthouder.Soort.REGIONAAL,
                gemeente=self.gemeente if eigen else None,
                bron=gettext(
                    "College van burgemeester en wethouders van %(gemeente)s, aanwijzingsbesluit van %(datum)s "
                    "(art. 6.1 Wmo 2015)"
                )
                % {"gemeente": self.gemeente.naam, "datum": date_format(self.besluit_datum, "j F Y")},
            )
        self.toezichthouder = bestaand
        self.nieuwe_toezichthouder, self.nieuwe_toezichthouder_soort = "", ""
        return bestaand

    def beoordeel(self, user, goedkeuren, opmerking=""):
        voor = self.snapshot()
        if goedkeuren:
            self.neem_toezichthouder_op()
        self.status = self.Status.GOEDGEKEURD if goedkeuren else self.Status.AFGEWEZEN
        self.beoordeeld_door = user
        self.beoordeeld_op = timezone.now()
        self.beoordeling = opmerking
        self.save()
        actie = AanwijzingWijziging.Actie.GOEDGEKEURD if goedkeuren else AanwijzingWijziging.Actie.AFGEWEZEN
        self.log(user, actie, voor, opmerking)


class BekendeAanwijzing(Geldigheid):
    """A designation a supervision framework reports without the decision itself: "De
    colleges ... van de genoemde gemeenten hebben hierover aanwijzingsbesluiten genomen"
    (Toezichtskader Rotterdam-Rijnmond 2025, 2.2). The coverage view and the open data count
    it apart from the register, citing the framework; it has no decision date or publication,
    because the source gives none."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    toezichthouder = models.ForeignKey(
        "visual.Toezichthouder",
        on_delete=models.CASCADE,
        related_name="bekende_aanwijzingen",
        verbose_name=_("aangewezen toezichthouder"),
    )
    gemeenten = models.ManyToManyField("portal.Gemeente", related_name="+", verbose_name=_("gemeenten"))
    alle_voorzieningen = models.BooleanField(_("voor alle Wmo-voorzieningen"), default=True)
    voorzieningsoorten = models.ManyToManyField(
        "kennisbank.Voorzieningsoort",
        blank=True,
        related_name="+",
        verbose_name=_("alleen voor deze soorten voorziening"),
    )
    bron = models.CharField(
        _("bron"),
        max_length=500,
        help_text=_("Uitgever, titel, jaar en paragraaf van het kader dat de aanwijzing noemt."),
    )
    bron_pagina = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bron in de kennisbank"),
    )

    objects = GeldigheidQuerySet.as_manager()

    panels = [
        FieldPanel("slug"),
        FieldPanel("toezichthouder"),
        FieldPanel("gemeenten"),
        MultiFieldPanel(
            [FieldPanel("alle_voorzieningen"), FieldPanel("voorzieningsoorten")], heading=_("Voorzieningen")
        ),
        FieldPanel("bron"),
        FieldPanel("bron_pagina"),
        MultiFieldPanel([FieldPanel("geldig_vanaf"), FieldPanel("geldig_tot")], heading=_("Geldigheid")),
    ]

    class Meta:
        verbose_name = _("aanwijzing bekend uit een toezichtskader")
        verbose_name_plural = _("aanwijzingen bekend uit een toezichtskader")
        ordering = ["slug"]

    def __str__(self):
        return f"{self.toezichthouder} · {self.bron}"

    def voorzieningen_label(self):
        if self.alle_voorzieningen:
            return str(_("alle Wmo-voorzieningen"))
        return ", ".join(v.naam for v in self.voorzieningsoorten.all())


def _vrije_slug(naam):
    basis = slugify(naam)[:90] or "toezichthouder"
    slug, volgnummer = basis, 2
    while Toezichthouder.objects.filter(slug=slug).exists():
        slug, volgnummer = f"{basis}-{volgnummer}", volgnummer + 1
    return slug


class AanwijzingWijziging(models.Model):
    class Actie(models.TextChoices):
        VASTGELEGD = "vastgelegd", _("Vastgelegd")
        GEWIJZIGD = "gewijzigd", _("Gewijzigd")
        GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
        AFGEWEZEN = "afgewezen", _("Afgewezen")
        INGETROKKEN = "ingetrokken", _("Ingetrokken")

    aanwijzing = models.ForeignKey(
        Aanwijzing, on_delete=models.CASCADE, related_name="wijzigingen", verbose_name=_("aanwijzing")
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    tijdstip = models.DateTimeField(_("tijdstip"), default=timezone.now)
    actie = models.CharField(_("actie"), max_length=20, choices=Actie.choices)
    voor = models.JSONField(_("gegevens ervoor"), default=dict, blank=True)
    na = models.JSONField(_("gegevens erna"), default=dict, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("wijziging van een aanwijzing")
        verbose_name_plural = _("wijzigingen van aanwijzingen")
        ordering = ["tijdstip", "pk"]

    def __str__(self):
        return f"{self.get_actie_display()} · {self.gebruiker} · {self.tijdstip:%d-%m-%Y %H:%M}"

    def verschillen(self):
        """The fields this change altered, as (field, before, after)."""
        keys = sorted(set(self.voor) | set(self.na))
        return [(k, self.voor.get(k), self.na.get(k)) for k in keys if self.voor.get(k) != self.na.get(k)]
