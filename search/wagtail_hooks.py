from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet

from portal.snippets import DatabaseSearchSnippetViewSet

from .models import Synoniem


class SynoniemViewSet(DatabaseSearchSnippetViewSet):
    model = Synoniem
    icon = "search"
    menu_label = _("Synoniemen")
    list_display = ["term", "varianten"]
    search_fields = ["term", "varianten"]
    add_to_admin_menu = False


register_snippet(SynoniemViewSet)
