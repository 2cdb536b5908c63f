from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from portal.snippets import DatabaseSearchSnippetViewSet

from .models import (
    Begrip,
    Doelgroep,
    Domein,
    Handhavingsmaatregel,
    Onderwerp,
    Voorzieningsoort,
    Wet,
    Wetsartikel,
)


class BegripViewSet(DatabaseSearchSnippetViewSet):
    model = Begrip
    icon = "doc-full"
    list_display = ["term", "bron_label"]
    search_fields = ["term", "definitie", "bron"]


class WetViewSet(DatabaseSearchSnippetViewSet):
    model = Wet
    icon = "doc-full-inverse"
    list_display = ["naam", "afkorting", "bwb_id"]
    search_fields = ["naam", "afkorting", "bwb_id"]


class WetsartikelViewSet(DatabaseSearchSnippetViewSet):
    model = Wetsartikel
    icon = "doc-full-inverse"
    list_display = ["__str__", "wet"]
    list_filter = ["wet"]
    search_fields = ["artikel", "wet__naam", "wet__afkorting"]


class HandhavingsmaatregelViewSet(DatabaseSearchSnippetViewSet):
    model = Handhavingsmaatregel
    icon = "warning"
    list_display = ["naam", "door", "soort"]
    list_filter = ["door", "soort"]
    search_fields = ["naam", "omschrijving"]


class TaxonomyViewSet(DatabaseSearchSnippetViewSet):
    icon = "tag"
    list_display = ["naam", "slug"]
    search_fields = ["naam", "slug"]


class KennisbankSnippets(SnippetViewSetGroup):
    menu_label = _("Kennisbank")
    menu_icon = "folder-open-inverse"
    menu_name = "kennisbank"
    items = (
        BegripViewSet,
        WetViewSet,
        WetsartikelViewSet,
        HandhavingsmaatregelViewSet,
        type("DomeinViewSet", (TaxonomyViewSet,), {"model": Domein}),
        type("DoelgroepViewSet", (TaxonomyViewSet,), {"model": Doelgroep}),
        type("OnderwerpViewSet", (TaxonomyViewSet,), {"model": Onderwerp}),
        type("VoorzieningsoortViewSet", (TaxonomyViewSet,), {"model": Voorzieningsoort}),
    )


register_snippet(KennisbankSnippets)
