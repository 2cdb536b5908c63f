"""The kennisbank pages that an investigation, a finding or a learning names, as a user sees them.

An investigation keeps its framework, form of supervision and norms when those pages are later
restricted or unpublished: its steps and findings stay the space's. The norm's code is the
investigation's own data and always shows; a page's title and link only while
portal/privacy.py lets the user see the page, and "(niet zichtbaar)" otherwise.
"""

from django.utils.translation import gettext as _

from portal.privacy import is_visible


def niet_zichtbaar():
    return _("(niet zichtbaar)")


def titel(page, user):
    """A page's title (a framework's, a form of supervision's, a norm's), when the user may see it."""
    if page is None:
        return ""
    return page.title if is_visible(page, user) else niet_zichtbaar()


def normtitel(norm, user):
    """A norm's code and title; its code alone, marked as not visible, when the user may not
    see the norm's page."""
    return f"{norm.code} {titel(norm, user)}".strip()
