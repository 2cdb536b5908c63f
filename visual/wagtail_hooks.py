from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from portal.roles import is_redacteur
from portal.snippets import DatabaseSearchSnippetViewSet

from .models import Aanwijzing, BekendeAanwijzing, Situatie, Toezichthouder, Toezichtsgebied


class ToezichthouderViewSet(DatabaseSearchSnippetViewSet):
    model = Toezichthouder
    icon = "group"
    list_display = ["naam", "niveau", "soort", "geldig_vanaf", "geldig_tot"]
    list_filter = ["niveau", "soort"]
    search_fields = ["naam", "afkorting"]


class ToezichtsgebiedViewSet(DatabaseSearchSnippetViewSet):
    model = Toezichtsgebied
    icon = "site"
    list_display = ["__str__", "dekking", "geldig_vanaf", "geldig_tot"]
    list_filter = ["aspect", "toezichthouder", "wet"]
    search_fields = ["rol", "bron", "toezichthouder__naam"]


class SituatieViewSet(DatabaseSearchSnippetViewSet):
    model = Situatie
    icon = "help"
    list_display = ["naam", "slug"]
    search_fields = ["naam", "synoniemen"]


class BekendeAanwijzingViewSet(DatabaseSearchSnippetViewSet):
    model = BekendeAanwijzing
    icon = "doc-full"
    list_display = ["toezichthouder", "bron", "geldig_vanaf", "geldig_tot"]
    search_fields = ["bron", "toezichthouder__naam"]


class VisualSnippets(SnippetViewSetGroup):
    menu_label = _("Wie houdt toezicht")
    menu_icon = "group"
    menu_name = "wie-houdt-toezicht"
    items = (ToezichthouderViewSet, ToezichtsgebiedViewSet, SituatieViewSet, BekendeAanwijzingViewSet)


register_snippet(VisualSnippets)


def _te_beoordelen_url():
    return f"{reverse('visual:aanwijzingen')}?status={Aanwijzing.Status.INGEDIEND}"


class AanwijzingenMenuItem(MenuItem):
    """Editors review designations on the site's register, where their history is kept."""

    def is_shown(self, request):
        return is_redacteur(request.user)


@hooks.register("register_admin_menu_item")
def aanwijzingen_menu_item():
    return AanwijzingenMenuItem(_("Aanwijzingen beoordelen"), _te_beoordelen_url(), icon_name="tasks", order=260)


class TeBeoordelenPanel(Component):
    name = "aanwijzingen_te_beoordelen"
    template_name = "visual/admin/te_beoordelen_panel.html"
    order = 205

    def __init__(self, aanwijzingen):
        self.aanwijzingen = aanwijzingen

    def get_context_data(self, parent_context):
        return {"aanwijzingen": self.aanwijzingen, "alle_url": _te_beoordelen_url()}


@hooks.register("construct_homepage_panels")
def aanwijzingen_panel(request, panels):
    if not is_redacteur(request.user):
        return
    wachtend = list(
        Aanwijzing.objects.filter(status=Aanwijzing.Status.INGEDIEND)
        .select_related("gemeente", "toezichthouder", "ingediend_door")
        .order_by("pk")[:20]
    )
    if wachtend:
        panels.append(TeBeoordelenPanel(wachtend))


@hooks.register("register_admin_urls")
def aanwijzingen_import_url():
    from django.urls import path

    from .admin_views import aanwijzingen_importeren

    return [path("aanwijzingen/importeren/", aanwijzingen_importeren, name="visual_aanwijzingen_importeren")]


@hooks.register("register_admin_menu_item")
def aanwijzingen_import_menu_item():
    return AanwijzingenMenuItem(
        _("Aanwijzingen importeren"), reverse("visual_aanwijzingen_importeren"), icon_name="upload", order=261
    )
