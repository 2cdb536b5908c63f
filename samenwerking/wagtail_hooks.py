from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

from portal.snippets import DatabaseSearchSnippetViewSet

from .models import Thema


class ThemaViewSet(DatabaseSearchSnippetViewSet):
    """Editors add themes next to the Jaarbeeld 2016's; learnings are tagged with them."""

    model = Thema
    icon = "tag"
    menu_label = _("Thema's")
    list_display = ["naam", "slug", "bron"]
    search_fields = ["naam", "slug", "omschrijving"]
    panels = [
        FieldPanel("naam"),
        FieldPanel("slug"),
        FieldPanel("omschrijving"),
        FieldPanel("bron"),
        FieldPanel("pagina"),
    ]


register_snippet(ThemaViewSet)
