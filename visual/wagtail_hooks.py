from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Situatie, Toezichthouder, Toezichtsgebied


class ToezichthouderViewSet(SnippetViewSet):
    model = Toezichthouder
    icon = "group"
    list_display = ["naam", "niveau", "soort", "geldig_vanaf", "geldig_tot"]
    list_filter = ["niveau", "soort"]
    search_fields = ["naam", "afkorting"]


class ToezichtsgebiedViewSet(SnippetViewSet):
    model = Toezichtsgebied
    icon = "site"
    list_display = ["__str__", "dekking", "geldig_vanaf", "geldig_tot"]
    list_filter = ["aspect", "toezichthouder", "wet"]
    search_fields = ["rol", "bron"]


class SituatieViewSet(SnippetViewSet):
    model = Situatie
    icon = "help"
    list_display = ["naam", "slug"]


class VisualSnippets(SnippetViewSetGroup):
    menu_label = _("Wie houdt toezicht")
    menu_icon = "group"
    menu_name = "wie-houdt-toezicht"
    items = (ToezichthouderViewSet, ToezichtsgebiedViewSet, SituatieViewSet)


register_snippet(VisualSnippets)
