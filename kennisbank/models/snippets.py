from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from ..querysets import KaderGebondenQuerySet
from .taxonomie import Wetsartikel


class Begrip(index.Indexed, ClusterableModel):
    """A glossary entry, with where its definition comes from."""

    term = models.CharField(_("term"), max_length=255)
    definitie = models.TextField(_("definitie"))
    bron = models.CharField(_("bron"), max_length=255, blank=True)
    kader = models.ForeignKey(
        "kennisbank.ToezichtkaderPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="begrippen",
        verbose_name=_("toezichtkader"),
    )
    wettelijke_grondslag = ParentalManyToManyField(
        Wetsartikel, blank=True, related_name="begrippen", verbose_name=_("wettelijke grondslag")
    )

    objects = KaderGebondenQuerySet.as_manager()

    panels = [
        FieldPanel("term"),
        FieldPanel("definitie"),
        FieldPanel("bron"),
        FieldPanel("kader"),
        FieldPanel("wettelijke_grondslag"),
    ]
    search_fields = [index.SearchField("term"), index.SearchField("definitie")]

    class Meta:
        verbose_name = _("begrip")
        verbose_name_plural = _("begrippen")
        ordering = ["term"]
        constraints = [models.UniqueConstraint(fields=["term", "bron"], name="uniek_begrip")]

    def __str__(self):
        return self.term

    @property
    def bron_label(self):
        return self.bron or (self.kader.title if self.kader_id else "")


class Handhavingsmaatregel(index.Indexed, models.Model):
    class Door(models.TextChoices):
        TOEZICHTHOUDER = "toezichthouder", _("De toezichthouder")
        GEMEENTE = "gemeente", _("De gemeente")

    class Soort(models.TextChoices):
        ADVISEREND = "adviserend", _("Adviserend")
        CORRIGEREND = "corrigerend", _("Corrigerend")
        PRIVAATRECHTELIJK = "privaatrechtelijk", _("Privaatrechtelijk")
        BESTUURSRECHTELIJK = "bestuursrechtelijk", _("Bestuursrechtelijk")
        STRAFRECHTELIJK = "strafrechtelijk", _("Strafrechtelijk")

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    naam = models.CharField(_("naam"), max_length=255)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    door = models.CharField(_("wie neemt de maatregel"), max_length=20, choices=Door.choices)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    volgorde = models.PositiveIntegerField(_("volgorde"), default=0)
    kader = models.ForeignKey(
        "kennisbank.ToezichtkaderPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handhavingsmaatregelen",
        verbose_name=_("toezichtkader"),
    )

    objects = KaderGebondenQuerySet.as_manager()

    panels = [
        FieldPanel("naam"),
        FieldPanel("slug"),
        FieldPanel("omschrijving"),
        FieldPanel("door"),
        FieldPanel("soort"),
        FieldPanel("kader"),
    ]
    search_fields = [index.SearchField("naam"), index.SearchField("omschrijving")]

    class Meta:
        verbose_name = _("handhavingsmaatregel")
        verbose_name_plural = _("handhavingsmaatregelen")
        ordering = ["door", "volgorde", "naam"]

    def __str__(self):
        return self.naam
