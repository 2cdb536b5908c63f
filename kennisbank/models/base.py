"""What every kennisbank page shares: a summary, a body and the taxonomies (whose rows are
in models/indeling.py, keyed on Page)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from portal.privacy import visible_page

from ..blocks import BodyBlock
from ..querysets import KennisbankPageQuerySet
from .indeling import labels

KennisbankPageManager = PageManager.from_queryset(KennisbankPageQuerySet)


class KennisbankPage(Page):
    """Abstract base of the kennisbank's page types."""

    samenvatting = models.TextField(_("samenvatting"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("tekst"))

    objects = KennisbankPageManager()

    soort_label = _("Pagina")
    soort_slug = "pagina"

    taxonomy_panels = [
        MultiFieldPanel(
            [
                InlinePanel("indeling_wetten", label=_("Wet")),
                InlinePanel("indeling_domeinen", label=_("Domein")),
                InlinePanel("indeling_doelgroepen", label=_("Doelgroep")),
                InlinePanel("indeling_onderwerpen", label=_("Onderwerp")),
            ],
            heading=_("Indeling"),
        )
    ]
    content_panels = [*Page.content_panels, FieldPanel("samenvatting"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("samenvatting"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True

    def eigen_kader(self):
        """The framework this page belongs to or names; None for a page outside one."""
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A framework or successor is named on this page only where the visitor may see it.
        kader = visible_page(self.eigen_kader(), request.user)
        context["kader"] = kader
        context["opvolger"] = (
            visible_page(kader.opvolger, request.user) if kader is not None and kader.opvolger_id else None
        )
        return context

    def wetten(self):
        return labels(self, "wet")

    def domeinen(self):
        return labels(self, "domein")

    def doelgroepen(self):
        return labels(self, "doelgroep")

    def onderwerpen(self):
        return labels(self, "onderwerp")
