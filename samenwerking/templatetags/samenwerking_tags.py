from django import template

register = template.Library()


@register.simple_tag
def samenwerking_teller(user):
    """Open tasks assigned to the user in the spaces they may see: the header's counter."""
    from samenwerking.models import Taak

    if user is None or not user.is_authenticated:
        return 0
    return Taak.objects.viewable_by_user(user).open().filter(toegewezen_aan=user).count()


@register.simple_tag
def notificatie_teller(user):
    """Unread notifications the user may still see: the header's notifications counter."""
    from samenwerking.models import Notificatie

    if user is None or not user.is_authenticated:
        return 0
    return Notificatie.objects.viewable_by_user(user).ongelezen().count()


@register.filter
def persoon(user):
    """A user's name as others see it; a removed account stays 'onbekend'."""
    from django.utils.translation import gettext as _

    if user is None:
        return _("onbekend")
    return user.get_full_name() or user.email


@register.simple_tag(takes_context=True)
def paginatitel(context, page):
    """A framework's or form of supervision's title as the visitor may see it (samenwerking/paginas.py)."""
    from samenwerking import paginas

    return paginas.titel(page, getattr(context.get("request"), "user", None))


@register.simple_tag(takes_context=True)
def normtitel(context, norm):
    """A norm's code and title as the visitor may see it (samenwerking/paginas.py)."""
    from samenwerking import paginas

    return paginas.normtitel(norm, getattr(context.get("request"), "user", None))
