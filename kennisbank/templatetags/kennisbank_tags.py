"""What the kennisbank gives pages of other apps (the home page of the site shell)."""

from django import template

from kennisbank.models import ToezichtkaderPage

register = template.Library()


@register.simple_tag
def actuele_toezichtkaders(user):
    """The frameworks in force as this user knows them: a successor they may not see does not
    hide the version they may."""
    kaders = ToezichtkaderPage.objects.viewable_by_user(user)
    return kaders.exclude(opvolger__in=kaders)
