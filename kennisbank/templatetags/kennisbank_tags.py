"""What the kennisbank gives pages of other apps (the home page of the site shell)."""

from django import template

from kennisbank.models import ToezichtkaderPage

register = template.Library()


@register.simple_tag
def actuele_toezichtkaders(user):
    """The frameworks in force that this user may see, newest versions only."""
    return ToezichtkaderPage.objects.viewable_by_user(user).filter(opvolger__isnull=True)
