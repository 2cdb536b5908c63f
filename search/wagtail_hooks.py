from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Synoniem


class SynoniemViewSet(SnippetViewSet):
    model = Synoniem
    icon = "search"
    menu_label = _("Synoniemen")
    list_display = ["term", "varianten"]
    search_fields = ["term", "varianten"]
    add_to_admin_menu = False


register_snippet(SynoniemViewSet)
