from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from wagtail.models import Site

from .privacy import pages


def navigation(request):
    """The main menu: the home page's children shown in menus that this visitor may see."""
    site = Site.find_for_request(request)
    items = []
    if site is not None:
        root = site.root_page
        items = list(pages().child_of(root).viewable_by_user(request.user).in_menu().only("title", "url_path"))
    extra = []
    for name, label in (("visual:navigator", _("Wie houdt toezicht?")), ("search:zoeken", _("Zoeken"))):
        try:
            extra.append({"url": reverse(name), "title": label})
        except NoReverseMatch:
            continue
    return {"menu_pages": items, "menu_extra": extra, "current_site": site}
