from django import template

from portal.privacy import is_visible, pages

register = template.Library()


@register.simple_tag(takes_context=True)
def visible_ancestors(context, page):
    """The ancestors of a page below the home page that the visitor may see, for breadcrumbs."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return pages().ancestor_of(page).filter(depth__gt=2).viewable_by_user(user).order_by("depth")


@register.simple_tag(takes_context=True)
def visible(context, page):
    """The page when the visitor may see it, else None: `{% visible norm as shown %}` before a
    page's title or link is shown inside something else (an investigation, a finding)."""
    request = context.get("request")
    return page if is_visible(page, getattr(request, "user", None)) else None
