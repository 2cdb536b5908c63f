"""The kennisbank's page types beside the frameworks: guidance, publications, sources, ..."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.privacy import PagePrivacyManager

from .base import KennisbankPage

KENNISBANK_CHILD_TYPES = [
    "kennisbank.ToezichtkaderPage",
    "kennisbank.HandreikingPage",
    "kennisbank.PublicatiePage",
    "kennisbank.KennisbronPage",
    "kennisbank.ToezichtsvormPage",
    "kennisbank.ProcedurePage",
    "kennisbank.ArtikelPage",
    "kennisbank.OefencasusPage",
]


class KennisbankIndexPage(Page):
    intro = models.TextField(_("introductie"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = KENNISBANK_CHILD_TYPES
    max_count = 1

    objects = PagePrivacyManager()

    class Meta:
        verbose_name = _("kennisbank")

    def get_context(self, request, *args, **kwargs):
        from ..views import kennisbank_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(kennisbank_listing(request, self))
        return context

    def serve(self, request, *args, **kwargs):
        from ..forms import KennisbankFilterForm

        form = KennisbankFilterForm(request.GET or None)
        if request.GET and not form.is_valid():
            response = super().serve(request, *args, **kwargs)
            response.status_code = 400
            return response
        return super().serve(request, *args, **kwargs)


class UitgeverMixin(models.Model):
    uitgever = models.CharField(_("uitgever"), max_length=255, blank=True)
    url = models.URLField(_("externe link"), blank=True, max_length=500)

    class Meta:
        abstract = True


class HandreikingPage(UitgeverMixin, KennisbankPage):
    jaar = models.PositiveIntegerField(_("jaar"), null=True, blank=True)
    datum = models.DateField(_("datum"), null=True, blank=True)

    soort_label = _("Handreiking")
    soort_slug = "handreiking"
    parent_page_types = ["kennisbank.KennisbankIndexPage"]
    subpage_types = []
    content_panels = [
        *KennisbankPage.content_panels,
        FieldPanel("uitgever"),
        FieldPanel("jaar"),
        FieldPanel("datum"),
        FieldPanel("url"),
    ]
    promote_panels = [*Page.promote_panels, *KennisbankPage.taxonomy_panels]

    class Meta:
        verbose_name = _("handreiking")
        verbose_name_plural = _("handreikingen")


class PublicatiePage(UitgeverMixin, KennisbankPage):
    class Soort(models.TextChoices):
        RAPPORT = "rapport", _("Rapport")
        FACTSHEET = "factsheet", _("Factsheet")
        TOOL = "tool", _("Tool")
        ARTIKEL = "artikel", _("Artikel")
        JAARBEELD = "jaarbeeld", _("Jaarbeeld")

    publicatiesoort = models.CharField(
        _("soort publicatie"), max_length=20, choices=Soort.choices, default=Soort.RAPPORT
    )
    jaar = models.PositiveIntegerField(_("jaar"), null=True, blank=True)
    datum = models.DateField(_("datum"), null=True, blank=True)
    gemeenten = ParentalManyToManyField(
        "portal.Gemeente", blank=True, related_name="publicaties", verbose_name=_("betreft gemeenten")
    )

    soort_label = _("Publicatie")
    soort_slug = "publicatie"
    parent_page_types = ["kennisbank.KennisbankIndexPage"]
    subpage_types = []
    content_panels = [
        *KennisbankPage.content_panels,
        FieldPanel("publicatiesoort"),
        FieldPanel("uitgever"),
        FieldPanel("jaar"),
        FieldPanel("datum"),
        FieldPanel("url"),
        FieldPanel("gemeenten"),
    ]
    promote_panels = [*Page.promote_panels, *KennisbankPage.taxonomy_panels]

    class Meta:
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")


class KennisbronPage(UitgeverMixin, KennisbankPage):
    waarom = models.TextField(_("waarom de moeite waard"), blank=True)

    soort_label = _("Kennisbron")
    soort_slug = "kennisbron"
    parent_page_types = ["kennisbank.KennisbankIndexPage"]
    subpage_types = []
    content_panels = [*KennisbankPage.content_panels, FieldPanel("waarom"), FieldPanel("uitgever"), FieldPanel("url")]
    promote_panels = [*Page.promote_panels, *KennisbankPage.taxonomy_panels]
    search_fields = [*KennisbankPage.search_fields, index.SearchField("waarom")]

    class Meta:
        verbose_name = _("kennisbron")
        verbose_name_plural = _("kennisbronnen")


class ArtikelPage(UitgeverMixin, KennisbankPage):
    soort_label = _("Artikel")
    soort_slug = "artikel"
    parent_page_types = ["kennisbank.KennisbankIndexPage"]
    subpage_types = []
    content_panels = [*KennisbankPage.content_panels, FieldPanel("uitgever")]
    promote_panels = [*Page.promote_panels, *KennisbankPage.taxonomy_panels]

    class Meta:
        verbose_name = _("artikel")
        verbose_name_plural = _("artikelen")


class ToezichtsvormPage(KennisbankPage):
    aanleiding = models.TextField(_("aanleiding"), blank=True)
    doel = models.TextField(_("doel"), blank=True)
    werkwijze = models.TextField(_("werkwijze"), blank=True)
    vervolg = models.TextField(_("vervolg"), blank=True)
    openbaarmaking = models.TextField(_("openbaarmaking"), blank=True)
    kader = models.ForeignKey(
        "kennisbank.ToezichtkaderPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="toezichtsvormen",
        verbose_name=_("toezichtkader"),
    )

    soort_label = _("Toezichtsvorm")
    soort_slug = "toezichtsvorm"
    parent_page_types = ["kennisbank.KennisbankIndexPage"]
    subpage_types = []
    content_panels = [
        *KennisbankPage.content_panels,
        FieldPanel("aanleiding"),
        FieldPanel("doel"),
        FieldPanel("werkwijze"),
        FieldPanel("vervolg"),
        FieldPanel("openbaarmaking"),
        FieldPanel("kader"),
    ]
    promote_panels = [*Page.promote_panels, *KennisbankPage.taxonomy_panels]
    search_fields = [
        *KennisbankPage.search_fields,
        index.SearchField("aanleiding"),
        index.SearchField("doel"),
        index.SearchField("werkwijze"),
    ]

    class Meta:
        verbose_name = _("toezichtsvorm")
        verbose_name_plural = _("toezichtsvormen")

    def eigen_kader(self):
        return self.kader

    def onderdelen(self):
        return [
            (label, getattr(self, name))
            for name, label in (
                ("aanleiding", _("Aanleiding")),
                ("doel", _("Doel")),
                ("werkwijze", _("Werkwijze")),
                ("vervolg", _("Vervolg")),
                ("openbaarmaking", _("Openbaarmaking")),
            )
            if getattr(self, name)
        ]


class ProcedurePage(KennisbankPage):
    kader = models.ForeignKey(
        "kennisbank.ToezichtkaderPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="procedures",
        verbose_name=_("toezichtkader"),
    )
    wettelijke_grondslag = ParentalManyToManyField(
        "kennisbank.Wetsartikel", blank=True, related_name="+", verbose_name=_("wettelijke grondslag")
    )

    soort_label = _("Procedure")
    soort_slug = "procedure"
    parent_page_types = ["kennisbank.KennisbankIndexPage"]
    subpage_types = []
    content_panels = [
        *KennisbankPage.content_panels,
        FieldPanel("kader"),
        FieldPanel("wettelijke_grondslag"),
        InlinePanel("stappen", label=_("Stappen")),
        InlinePanel("vormen", label=_("Vormen")),
    ]
    promote_panels = [*Page.promote_panels, *KennisbankPage.taxonomy_panels]

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")

    def eigen_kader(self):
        return self.kader


class ProcedureStap(Orderable):
    class Eenheid(models.TextChoices):
        WERKDAGEN = "werkdagen", _("werkdagen")
        DAGEN = "dagen", _("dagen")
        WEKEN = "weken", _("weken")

    procedure = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="stappen")
    titel = models.CharField(_("titel"), max_length=255)
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    termijn = models.CharField(_("termijn"), max_length=255, blank=True)
    termijn_aantal = models.PositiveIntegerField(_("termijn (aantal)"), null=True, blank=True)
    termijn_eenheid = models.CharField(_("termijn (eenheid)"), max_length=20, blank=True, choices=Eenheid.choices)

    panels = [
        FieldPanel("titel"),
        FieldPanel("beschrijving"),
        FieldPanel("termijn"),
        FieldPanel("termijn_aantal"),
        FieldPanel("termijn_eenheid"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")


class ProcedureVorm(Orderable):
    procedure = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="vormen")
    titel = models.CharField(_("titel"), max_length=255)
    beschrijving = models.TextField(_("beschrijving"), blank=True)

    panels = [FieldPanel("titel"), FieldPanel("beschrijving")]

    class Meta(Orderable.Meta):
        verbose_name = _("vorm")
        verbose_name_plural = _("vormen")
