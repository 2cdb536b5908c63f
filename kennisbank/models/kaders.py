"""Frameworks as page trees: framework -> parts (themes, sections) -> norms."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from ..admin_forms import NormPageForm
from .base import KennisbankPage, KennisbankPageManager


class ToezichtkaderPage(KennisbankPage):
    uitgever = models.CharField(_("uitgever"), max_length=255)
    versie = models.CharField(_("versie"), max_length=50, blank=True)
    vastgesteld_op = models.DateField(_("vastgesteld op"), null=True, blank=True)
    geldig_vanaf = models.DateField(_("geldig vanaf"))
    opvolger = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="voorgangers",
        verbose_name=_("vervangen door"),
        help_text=_("De nieuwere versie van dit kader. Deze versie blijft leesbaar en citeerbaar."),
    )
    bron = models.CharField(_("bron"), max_length=255, blank=True)
    bron_url = models.URLField(_("link naar de bron"), blank=True, max_length=500)
    toetspunten_kop = models.CharField(
        _("kop boven de toetspunten"),
        max_length=100,
        default="De toezichthouder toetst onder meer",
        help_text=_("Zoals het kader het noemt, bijvoorbeeld 'Waaraan kun je dat zien?'."),
    )

    soort_label = _("Toezichtkader")
    soort_slug = "toezichtkader"
    parent_page_types = ["kennisbank.KennisbankIndexPage"]
    subpage_types = ["kennisbank.KaderOnderdeelPage", "kennisbank.NormPage"]
    content_panels = [
        *KennisbankPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("uitgever"),
                FieldPanel("versie"),
                FieldPanel("vastgesteld_op"),
                FieldPanel("geldig_vanaf"),
                FieldPanel("opvolger"),
                FieldPanel("bron"),
                FieldPanel("bron_url"),
                FieldPanel("toetspunten_kop"),
            ],
            heading=_("Versie en bron"),
        ),
    ]
    promote_panels = [*Page.promote_panels, *KennisbankPage.taxonomy_panels]
    search_fields = [*KennisbankPage.search_fields, index.FilterField("geldig_vanaf")]

    class Meta:
        verbose_name = _("toezichtkader")
        verbose_name_plural = _("toezichtkaders")

    def clean(self):
        super().clean()
        if self.opvolger_id and self.opvolger_id == self.pk:
            raise ValidationError({"opvolger": _("Een kader kan niet zijn eigen opvolger zijn.")})

    @property
    def geldig_tot(self):
        """For editors and the loader; pages and the API show it only with a visible successor."""
        return self.opvolger.geldig_vanaf if self.opvolger_id else None

    def eigen_kader(self):
        return self

    def route(self, request, path_components):
        """Resolve a deep path (framework/theme/section/norm) in one query, not one per level."""
        if not path_components:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        page = Page.objects.filter(url_path=url_path).descendant_of(self).first()
        # Ancestors' live state and every view restriction are checked when it is served.
        if page is None or not page.live:
            raise Http404
        return RouteResult(page.specific)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["boom"] = build_tree(self, request.user)
        return context


def build_tree(root, user):
    """The framework's parts and norms under root as nested dicts, in a few queries."""
    parts = (
        KaderOnderdeelPage.objects.descendant_of(root)
        .viewable_by_user(user)
        .only("title", "slug", "url_path", "path", "depth", "code")
    )
    norms = (
        NormPage.objects.descendant_of(root)
        .viewable_by_user(user)
        .only("title", "slug", "url_path", "path", "depth", "code", "stelling")
    )
    descendants = sorted([*parts, *norms], key=lambda page: page.path)
    nodes = {root.path: {"page": root, "children": []}}
    for page in descendants:
        parent = nodes.get(page.path[: -Page.steplen])
        if parent is None:
            continue
        node = {"page": page, "children": [], "is_norm": isinstance(page, NormPage)}
        parent["children"].append(node)
        nodes[page.path] = node
    return nodes[root.path]["children"]


class KaderOnderdeelPage(KennisbankPage):
    """A theme, section or sub-section of a framework; parts may nest."""

    code = models.CharField(_("code"), max_length=20, blank=True)
    wettelijke_grondslag = ParentalManyToManyField(
        "kennisbank.Wetsartikel",
        blank=True,
        related_name="kader_onderdelen",
        verbose_name=_("wettelijke grondslag"),
    )

    soort_label = _("Onderdeel van een toezichtkader")
    soort_slug = "onderdeel"
    parent_page_types = ["kennisbank.ToezichtkaderPage", "kennisbank.KaderOnderdeelPage"]
    subpage_types = ["kennisbank.KaderOnderdeelPage", "kennisbank.NormPage"]
    content_panels = [
        *Page.content_panels,
        FieldPanel("code"),
        FieldPanel("samenvatting"),
        FieldPanel("body"),
        FieldPanel("wettelijke_grondslag"),
    ]
    search_fields = [*KennisbankPage.search_fields, index.SearchField("code")]

    class Meta:
        verbose_name = _("onderdeel van een toezichtkader")
        verbose_name_plural = _("onderdelen van toezichtkaders")

    @cached_property
    def toezichtkader(self):
        return ToezichtkaderPage.objects.ancestor_of(self).first()

    def eigen_kader(self):
        return self.toezichtkader

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["boom"] = build_tree(self, request.user)
        return context


class NormPage(KennisbankPage):
    """A norm or criterion: the testable unit of a framework, with its own URL."""

    code = models.CharField(_("code"), max_length=20, help_text=_("Zoals het kader nummert, bijvoorbeeld 1.1.1."))
    stelling = models.TextField(_("norm"), help_text=_("De norm of het criterium zelf."))
    waarom = models.TextField(_("waarom is dit belangrijk?"), blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    wettelijke_grondslag = ParentalManyToManyField(
        "kennisbank.Wetsartikel",
        blank=True,
        related_name="normen",
        verbose_name=_("wettelijke grondslag"),
    )
    # Denormalised from the tree so that "all norms of a framework" is one indexed query.
    toezichtkader = models.ForeignKey(
        ToezichtkaderPage,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="alle_normen",
        verbose_name=_("toezichtkader"),
    )

    objects = KennisbankPageManager()
    base_form_class = NormPageForm

    soort_label = _("Norm")
    soort_slug = "norm"
    parent_page_types = ["kennisbank.ToezichtkaderPage", "kennisbank.KaderOnderdeelPage"]
    subpage_types = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("code"),
        FieldPanel("stelling"),
        InlinePanel("toetspunten", label=_("De toezichthouder toetst onder meer"), min_num=1),
        FieldPanel("waarom"),
        FieldPanel("toelichting"),
        FieldPanel("wettelijke_grondslag"),
        InlinePanel("koppelingen", label=_("Zelfde norm in een ander kader")),
    ]
    promote_panels = [*Page.promote_panels, *KennisbankPage.taxonomy_panels]
    search_fields = [
        *Page.search_fields,
        index.SearchField("code"),
        index.SearchField("stelling"),
        index.SearchField("waarom"),
        index.SearchField("toelichting"),
        index.RelatedFields("toetspunten", [index.SearchField("tekst")]),
    ]

    class Meta:
        verbose_name = _("norm")
        verbose_name_plural = _("normen")
        indexes = [models.Index(fields=["code"])]

    def __str__(self):
        return f"{self.code} {self.title}"

    def full_clean(self, *args, **kwargs):
        if self.stelling and not self.title:
            self.title = Truncator(self.stelling).chars(250)
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        if self.stelling and not self.title:
            self.title = Truncator(self.stelling).chars(250)
        self.toezichtkader = self._find_toezichtkader()
        super().save(*args, **kwargs)

    def _find_toezichtkader(self):
        if self.path:
            return ToezichtkaderPage.objects.ancestor_of(self).first()
        return None

    def eigen_kader(self):
        return self.toezichtkader

    def tegenhangers(self):
        """Norms elsewhere that say the same, in both directions of the crosswalk."""
        heen = NormPage.objects.filter(koppelingen_naar__norm=self)
        terug = NormPage.objects.filter(koppelingen__tegenhanger=self)
        return (heen | terug).exclude(pk=self.pk).select_related("toezichtkader").distinct()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tegenhangers"] = self.tegenhangers().viewable_by_user(request.user)
        context["toetspunten"] = self.toetspunten.all()
        context["grondslag"] = self.wettelijke_grondslag.select_related("wet")
        return context


class Toetspunt(Orderable):
    """What the supervisor checks ('waaraan kun je dat zien?'), one point each."""

    norm = ParentalKey(NormPage, on_delete=models.CASCADE, related_name="toetspunten")
    tekst = models.TextField(_("tekst"))
    subpunten = models.TextField(_("subpunten"), blank=True, help_text=_("Eén per regel."))

    panels = [FieldPanel("tekst"), FieldPanel("subpunten")]

    class Meta(Orderable.Meta):
        verbose_name = _("toetspunt")
        verbose_name_plural = _("toetspunten")

    def __str__(self):
        return self.tekst

    def subpunten_lijst(self):
        return [line.strip() for line in self.subpunten.splitlines() if line.strip()]

    def volledige_tekst(self):
        subs = self.subpunten_lijst()
        return f"{self.tekst} {'; '.join(subs)}" if subs else self.tekst


class NormKoppeling(Orderable):
    """The crosswalk: this norm says the same thing as a norm in another framework."""

    norm = ParentalKey(NormPage, on_delete=models.CASCADE, related_name="koppelingen")
    tegenhanger = models.ForeignKey(
        NormPage, on_delete=models.CASCADE, related_name="koppelingen_naar", verbose_name=_("norm in ander kader")
    )
    toelichting = models.CharField(_("toelichting"), max_length=500, blank=True)

    panels = [FieldPanel("tegenhanger"), FieldPanel("toelichting")]

    class Meta(Orderable.Meta):
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")
