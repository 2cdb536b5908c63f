from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from .models import Gemeente, Organisatie, Regio
from .pagecache import mark_cacheable
from .privacy import refuse_under_unpublished
from .snippets import DatabaseSearchSnippetViewSet

# Wagtail serves a live page under an unpublished parent; the portal's rule hides it.
hooks.register("before_serve_page", refuse_under_unpublished, order=-10)
hooks.register("before_serve_page", mark_cacheable)


class GemeenteViewSet(DatabaseSearchSnippetViewSet):
    model = Gemeente
    icon = "site"
    list_display = ["naam", "cbs_code", "ggd_regio"]
    search_fields = ["naam", "cbs_code", "roepnamen"]
    panels = [FieldPanel("naam"), FieldPanel("cbs_code"), FieldPanel("provincie"), FieldPanel("regios")]


class OrganisatieViewSet(DatabaseSearchSnippetViewSet):
    model = Organisatie
    icon = "group"
    list_display = ["naam", "afkorting", "soort"]
    list_filter = ["soort"]
    search_fields = ["naam", "afkorting"]
    panels = [
        FieldPanel("naam"),
        FieldPanel("afkorting"),
        FieldPanel("soort"),
        FieldPanel("website"),
        FieldPanel("gemeente"),
    ]


class RegioViewSet(DatabaseSearchSnippetViewSet):
    model = Regio
    icon = "site"
    list_display = ["naam", "code", "soort"]
    search_fields = ["naam", "code"]


class PortaalSnippets(SnippetViewSetGroup):
    menu_label = _("Portaal")
    menu_icon = "site"
    menu_name = "portaal"
    items = (GemeenteViewSet, OrganisatieViewSet, RegioViewSet)


register_snippet(PortaalSnippets)
