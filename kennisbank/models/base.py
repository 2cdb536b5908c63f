"""What every kennisbank page shares: a summary, a body and the taxonomies (whose rows are
in models/indeling.py, keyed on Page)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

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
            [InlinePanel("indeling_wetten", label=_("Wet")),
             InlinePanel("indeling_domeinen", label=_("Domein")),
             InlinePanel("indeling_doelgroepen", label=_("Doelgroep")),
             InlinePanel("indeling_onderwerpen", label=_("Onderwerp"))],
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

    def wetten(self):
        return labels(self, "wet")

    def domeinen(self):
        return labels(self, "domein")

    def doelgroepen(self):
        return labels(self, "doelgroep")

    def onderwerpen(self):
        return labels(self, "onderwerp")

    def get_breadcrumbs(self):
        return self.get_ancestors().filter(depth__gt=1).specific()
