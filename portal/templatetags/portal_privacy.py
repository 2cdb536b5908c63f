from django import template

from portal.privacy import pages

register = template.Library()


@register.simple_tag(takes_context=True)
def visible_ancestors(context, page):
    """The ancestors of a page below the home page that the visitor may see, for breadcrumbs."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return pages().ancestor_of(page).filter(depth__gt=2).viewable_by_user(user).order_by("depth")
