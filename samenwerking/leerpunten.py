"""What users do with learnings, once, for the pages and any other caller alike.

Each action checks the space's policy, changes the data in one transaction and writes the audit
log; a refusal raises PermissionDenied or ValidationError with a Dutch message. The widening of
a learning runs the personal-data check itself on the text it widens, so no caller can skip it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .actions import require
from .members import users_of
from .models import AuditLogEntry, Leerpunt, Melding, Onderzoek, Opvolging, Reikwijdte, Samenwerkingsruimte
from .persoonsgegevens import controleer

Actie = AuditLogEntry.Actie


def bekende_namen(ruimte):
    """The names of the people this space knows: its members (and the staff of member
    organisations), the contacts of its investigations and the people named in its reports."""
    namen = []
    for voornaam, achternaam in users_of(ruimte).values_list("first_name", "last_name"):
        namen.append(f"{voornaam} {achternaam}".strip())
    for regels in Onderzoek.objects.filter(ruimte=ruimte).values_list("contactpersonen", flat=True):
        namen.extend(regels.splitlines())
    for regels in Melding.objects.filter(ruimte=ruimte).values_list("betrokkenen", flat=True):
        namen.extend(regels.splitlines())
    return [naam.strip() for naam in dict.fromkeys(namen) if naam.strip()]


def signalen_voor(leerpunt, tekst=None):
    return controleer(leerpunt.tekst if tekst is None else tekst, bekende_namen(leerpunt.ruimte))


def may_contribute(user, ruimte):
    return Samenwerkingsruimte.objects.contributable_by_user(user).filter(pk=ruimte.pk).exists()


def _require_contribute(user, ruimte, kanaal):
    if not may_contribute(user, ruimte):
        require(user, "contribute", ruimte, kanaal)
        raise PermissionDenied(_("Deze ruimte is gesloten: er kan niets meer worden toegevoegd."))


def _hidden_tags(user, leerpunt, veld):
    """The providers or norms on a learning that `user` cannot see: an edit by someone who does
    not see them (a member who is no supervisor, a norm page restricted since) keeps them."""
    from kennisbank.models import NormPage

    from .models import Aanbieder

    if leerpunt.pk is None or veld not in ("normen", "aanbieders"):
        return []
    zichtbaar = (NormPage if veld == "normen" else Aanbieder).objects.viewable_by_user(user).values("pk")
    return list(getattr(leerpunt, veld).exclude(pk__in=zichtbaar))


def _tags(leerpunt, data, user=None):
    for veld in ("normen", "themas", "aanbieders", "gemeenten"):
        if veld in data:
            behouden = _hidden_tags(user, leerpunt, veld) if user is not None else []
            getattr(leerpunt, veld).set([*data[veld], *behouden])


@transaction.atomic
def create_leerpunt(user, ruimte, kanaal, data):
    _require_contribute(user, ruimte, kanaal)
    leerpunt = Leerpunt.objects.create(
        ruimte=ruimte,
        titel=data["titel"],
        tekst=data["tekst"],
        onderzoek=data.get("onderzoek"),
        melding=data.get("melding"),
        aangemaakt_door=user,
    )
    _tags(leerpunt, data)
    AuditLogEntry.log(user, Actie.AANGEMAAKT, kanaal, ruimte=ruimte, obj=leerpunt)
    return leerpunt


def may_edit(user, leerpunt):
    return leerpunt.reikwijdte == Reikwijdte.RUIMTE and may_contribute(user, leerpunt.ruimte)


@transaction.atomic
def update_leerpunt(user, leerpunt, kanaal, data):
    """A learning is edited while it is in its space only: once wider, its text changes only
    through the next widening, where it is checked again."""
    _require_contribute(user, leerpunt.ruimte, kanaal)
    current = Leerpunt.objects.select_for_update().get(pk=leerpunt.pk)
    if current.reikwijdte != Reikwijdte.RUIMTE:
        raise ValidationError(
            _(
                "Dit leerpunt is al buiten de ruimte zichtbaar en wordt niet meer gewijzigd. "
                "Een nieuwe tekst gaat mee bij de volgende verruiming en wordt dan gecontroleerd."
            )
        )
    for veld in ("titel", "tekst", "onderzoek", "melding"):
        setattr(current, veld, data.get(veld))
    current.save()
    _tags(current, data, user)
    AuditLogEntry.log(user, Actie.GEWIJZIGD, kanaal, ruimte=current.ruimte, obj=current)
    return current


def _onbevestigd(signalen, bevestigd):
    gezien = {(b.get("soort"), b.get("begin"), b.get("eind"), b.get("fragment")) for b in bevestigd}
    return [s for s in signalen if (s.soort, s.begin, s.eind, s.fragment) not in gezien]


def verruim_leerpunt(user, leerpunt, kanaal, *, naar, reden, tekst, bevestigde_signalen):
    """Widen a learning by one step: a coordinator's decision, after every signal of the
    personal-data check on `tekst` was confirmed. To `openbaar` it also offers a draft page to
    the kennisbank's editors; the learning is public only once they publish it. All or nothing."""
    require(user, "manage", leerpunt.ruimte, kanaal)
    tekst = (tekst or "").strip()
    if not tekst:
        raise ValidationError({"tekst": _("Een leerpunt zonder tekst kan niet breder zichtbaar worden.")})
    onbevestigd = _onbevestigd(signalen_voor(leerpunt, tekst), bevestigde_signalen)
    if onbevestigd:
        raise ValidationError(
            _("Niet elk mogelijk persoonsgegeven is bevestigd: %(fragmenten)s.")
            % {"fragmenten": ", ".join(f"„{s.fragment}”" for s in onbevestigd)}
        )
    with transaction.atomic():
        if tekst != leerpunt.tekst:
            Leerpunt.objects.filter(pk=leerpunt.pk).update(tekst=tekst)
            leerpunt.tekst = tekst
        van = leerpunt.reikwijdte
        verruiming = leerpunt.verruim(naar, door=user, reden=reden, bevestigde_signalen=bevestigde_signalen)
        stap = f"{van} → {naar}"
        AuditLogEntry.log(user, Actie.VERRUIMD, kanaal, ruimte=leerpunt.ruimte, obj=leerpunt, toelichting=stap)
        if naar == Reikwijdte.OPENBAAR:
            pagina = _offer_to_kennisbank(leerpunt, user)
            Leerpunt.objects.filter(pk=leerpunt.pk).update(pagina=pagina)
            leerpunt.pagina = pagina
            AuditLogEntry.log(user, Actie.AANGEBODEN_TER_PUBLICATIE, kanaal, ruimte=leerpunt.ruimte, obj=leerpunt)
    return verruiming


def _offer_to_kennisbank(leerpunt, user):
    """A draft ArtikelPage in the kennisbank, submitted to the editors' workflow."""
    from wagtail.rich_text import RichText

    from kennisbank.models import ArtikelPage, KennisbankIndexPage

    index = KennisbankIndexPage.objects.first()
    if index is None:
        raise ValidationError(_("De kennisbank bestaat nog niet; het leerpunt kan niet openbaar worden."))
    alineas = [a.strip() for a in leerpunt.tekst.replace("\r\n", "\n").split("\n\n") if a.strip()]
    body = [("paragraph", RichText("<p>" + escape(a).replace("\n", "<br>") + "</p>")) for a in alineas]
    themas = ", ".join(leerpunt.themas.values_list("naam", flat=True))
    if themas:
        body.append(("paragraph", RichText("<p>" + escape(_("Thema's: %(themas)s.") % {"themas": themas}) + "</p>")))
    organisatie = getattr(user, "organisatie", None)
    pagina = ArtikelPage(
        title=leerpunt.titel,
        slug=f"{slugify(leerpunt.titel)[:60] or 'leerpunt'}-leerpunt-{leerpunt.pk}",
        samenvatting=alineas[0][:500] if alineas else "",
        body=body,
        uitgever=organisatie.naam if organisatie is not None else _("Toezichtportaal Sociaal Domein"),
        live=False,
    )
    index.add_child(instance=pagina)
    workflow = pagina.get_workflow()
    if workflow is None:
        raise ValidationError(
            _("Er is geen redactieproces voor de kennisbank ingesteld; het leerpunt kan niet openbaar worden.")
        )
    pagina.save_revision(user=user)
    workflow.start(pagina, user)
    return pagina


@transaction.atomic
def add_aanbeveling(user, leerpunt, kanaal, tekst, organisaties):
    _require_contribute(user, leerpunt.ruimte, kanaal)
    aanbeveling = leerpunt.aanbevelingen.create(tekst=tekst)
    for organisatie in organisaties:
        Opvolging.objects.create(aanbeveling=aanbeveling, organisatie=organisatie, bijgewerkt_door=user)
    AuditLogEntry.log(user, Actie.AANGEMAAKT, kanaal, ruimte=leerpunt.ruimte, obj=aanbeveling)
    return aanbeveling


def may_follow_up(user, opvolging):
    """The space's contributors, and the staff of the organisation that follows it up."""
    ruimte = opvolging.aanbeveling.leerpunt.ruimte
    eigen = user.is_authenticated and user.is_active and user.organisatie_id == opvolging.organisatie_id
    return eigen or may_contribute(user, ruimte)


@transaction.atomic
def update_opvolging(user, opvolging, kanaal, status, datum, toelichting):
    """How one organisation follows a recommendation up: open, in progress or done (done on a
    date), with a note; by the space's contributors or the staff of that organisation."""
    ruimte = opvolging.aanbeveling.leerpunt.ruimte
    if not may_follow_up(user, opvolging):
        require(user, "contribute", ruimte, kanaal)
        raise PermissionDenied
    if status not in Opvolging.Status.values:
        raise ValidationError({"status": _("Kies een status: open, in uitvoering of afgerond.")})
    if datum is not None and datum > timezone.localdate():
        raise ValidationError({"datum": _("De datum van de opvolging ligt in de toekomst.")})
    if status == Opvolging.Status.AFGEROND and datum is None:
        raise ValidationError({"datum": _("Vul de datum in waarop de aanbeveling is afgerond.")})
    toelichting = (toelichting or "").replace("\x00", "").strip()
    if len(toelichting) > Opvolging._meta.get_field("toelichting").max_length:
        raise ValidationError({"toelichting": _("De toelichting is hoogstens 2000 tekens lang.")})
    opvolging.status, opvolging.datum, opvolging.toelichting = status, datum, toelichting
    opvolging.bijgewerkt_door = user
    opvolging.save()
    AuditLogEntry.log(user, Actie.GEWIJZIGD, kanaal, ruimte=ruimte, obj=opvolging, toelichting=status)
    return opvolging
