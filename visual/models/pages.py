"""The overview page: local, regional and national supervision side by side, by domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from portal.privacy import PagePrivacyManager


class OverzichtPage(Page):
    intro = models.TextField(_("introductie"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    objects = PagePrivacyManager()

    class Meta:
        verbose_name = _("overzicht toezicht")
        verbose_name_plural = _("overzichten toezicht")

    def serve(self, request, *args, **kwargs):
        from ..views import serve_overzicht

        return serve_overzicht(self, request)
