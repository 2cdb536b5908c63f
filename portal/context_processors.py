from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from wagtail.models import Site


def navigation(request):
    """The main menu: the home page's live, public children that are shown in menus."""
    site = Site.find_for_request(request)
    items = []
    if site is not None:
        root = site.root_page
        items = list(root.get_children().live().public().in_menu().only("title", "url_path"))
    extra = []
    for name, label in (("visual:navigator", _("Wie houdt toezicht?")),
                        ("search:zoeken", _("Zoeken"))):
        try:
            extra.append({"url": reverse(name), "title": label})
        except NoReverseMatch:
            continue
    return {"menu_pages": items, "menu_extra": extra, "current_site": site}
