from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from wagtail.models import Site

from .privacy import pages
from .sites import root_of


def navigation(request):
    """The main menu: the home page's children shown in menus that this visitor may see."""
    root = root_of(request)
    site = Site.find_for_request(request)
    items = []
    if root is not None:
        path, depth = root
        # Page.child_of, with the root's place known without reading the root.
        children = pages().filter(path__startswith=path, depth=depth + 1)
        items = list(children.viewable_by_user(request.user).in_menu().only("title", "url_path"))
    extra = []
    for name, label in (("visual:navigator", _("Wie houdt toezicht?")), ("search:zoeken", _("Zoeken"))):
        try:
            extra.append({"url": reverse(name), "title": label})
        except NoReverseMatch:
            continue
    return {"menu_pages": items, "menu_extra": extra, "current_site": site}
