"""The notification mails. They hold no confidential content: no space title, document name,
message text or task title, only a neutral line per kind and links into the portal, where the
reader signs in and sees what they may see."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models.notificatie import Soort


def _lines():
    return {
        Soort.UITNODIGING: _("U bent toegevoegd aan een samenwerkingsruimte."),
        Soort.NIEUW_DOCUMENT: _("Er is een nieuw document in een van uw samenwerkingsruimtes."),
        Soort.NIEUW_BERICHT: _("Er is een nieuw bericht in een van uw samenwerkingsruimtes."),
        Soort.TAAK_TOEGEWEZEN: _("Er is een taak aan u toegewezen in een van uw samenwerkingsruimtes."),
        Soort.TAAK_MORGEN_VERLOPEN: _("Een taak die aan u is toegewezen verloopt morgen."),
        Soort.TERMIJN_NADERT: _("Een termijn in een van uw samenwerkingsruimtes nadert."),
        Soort.TERMIJN_VERSTREKEN: _("Een termijn in een van uw samenwerkingsruimtes is verstreken."),
        Soort.TOEGANGSVERZOEK: _("Er is nieuws over een verzoek om toegang tot een samenwerkingsruimte."),
    }


def _counted(soort, n):
    return {
        Soort.UITNODIGING: ngettext(
            "u bent aan %(n)d samenwerkingsruimte toegevoegd", "u bent aan %(n)d samenwerkingsruimtes toegevoegd", n
        ),
        Soort.NIEUW_DOCUMENT: ngettext("%(n)d nieuw document", "%(n)d nieuwe documenten", n),
        Soort.NIEUW_BERICHT: ngettext("%(n)d nieuw bericht", "%(n)d nieuwe berichten", n),
        Soort.TAAK_TOEGEWEZEN: ngettext("%(n)d taak aan u toegewezen", "%(n)d taken aan u toegewezen", n),
        Soort.TAAK_MORGEN_VERLOPEN: ngettext("%(n)d taak verloopt morgen", "%(n)d taken verlopen morgen", n),
        Soort.TERMIJN_NADERT: ngettext("%(n)d termijn nadert", "%(n)d termijnen naderen", n),
        Soort.TERMIJN_VERSTREKEN: ngettext("%(n)d termijn is verstreken", "%(n)d termijnen zijn verstreken", n),
        Soort.TOEGANGSVERZOEK: ngettext(
            "%(n)d bericht over een verzoek om toegang", "%(n)d berichten over verzoeken om toegang", n
        ),
    }[soort] % {"n": n}


def _url(name, *args):
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse(name, args=args)


def notification_mail(notificatie):
    regel = _lines()[notificatie.soort]
    body = render_to_string(
        "samenwerking/mail/notificatie.txt",
        {
            "regel": regel,
            "link": _url("samenwerking:notificatie", notificatie.pk),
            "voorkeuren": _url("samenwerking:notificatievoorkeuren"),
        },
    )
    return EmailMessage(
        subject=_("Toezichtportaal: %(regel)s") % {"regel": regel.rstrip(".")},
        body=body,
        to=[notificatie.ontvanger.email],
    )


def invitation_mail(uitnodiging):
    """To an address that has no account yet: no space, no inviter, only how to get in."""
    body = render_to_string("samenwerking/mail/uitnodiging.txt", {"link": _url("portal:login")})
    return EmailMessage(
        subject=_("Toezichtportaal: u bent uitgenodigd voor een samenwerkingsruimte"),
        body=body,
        to=[uitnodiging.email],
    )


def digest_mail(user, aantallen):
    """One mail with the number of new notifications per kind, in the order of the kinds."""
    regels = [_counted(soort, aantallen[soort]) for soort in Soort.values if aantallen.get(soort)]
    body = render_to_string(
        "samenwerking/mail/samenvatting.txt",
        {
            "regels": regels,
            "link": _url("samenwerking:notificaties"),
            "voorkeuren": _url("samenwerking:notificatievoorkeuren"),
        },
    )
    return EmailMessage(
        subject=_("Toezichtportaal: uw overzicht van nieuwe activiteit in uw samenwerkingsruimtes"),
        body=body,
        to=[user.email],
    )
