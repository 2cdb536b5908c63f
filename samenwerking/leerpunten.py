"""What users do with learnings, once, for the pages and any other caller alike.

Each action checks the space's policy, changes the data in one transaction and writes the audit
log; a refusal raises PermissionDenied or ValidationError with a Dutch message. The widening of
a learning runs the personal-data check itself, so no caller can skip it, on everything of the
learning that reaches as far as the learning: its title (the public page's title and the search
title), its text, its recommendations and the notes of their follow-up (shown to everyone who
sees the learning). A recommendation or note written once the learning is wider than its space is
checked before it is saved. Neither may take over a passage of a report's text
(`weiger_meldingtekst`): reports are never published, not even pasted into a learning.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .actions import require
from .members import users_of
from .models import (
    Aanbeveling,
    AuditLogEntry,
    Leerpunt,
    Melding,
    Onderzoek,
    Opvolging,
    Reikwijdte,
    Samenwerkingsruimte,
    weiger_meldingtekst,
)
from .persoonsgegevens import Signaal, controleer

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


TITEL = "titel"
TEKST = "tekst"
AANBEVELING = "aanbeveling"
OPVOLGING = "opvolging"


@dataclass(frozen=True)
class Veldsignaal:
    """A signal of the check and where it was found: `veld` names the text ("titel", "tekst",
    "aanbeveling-<pk>", "opvolging-<pk>"), `plaats` says so in Dutch."""

    veld: str
    plaats: str
    signaal: Signaal

    soort = property(lambda self: self.signaal.soort)
    begin = property(lambda self: self.signaal.begin)
    eind = property(lambda self: self.signaal.eind)
    fragment = property(lambda self: self.signaal.fragment)
    uitleg = property(lambda self: self.signaal.uitleg)


def teksten_voor(leerpunt, tekst=None, *, titel=None, aanbevelingen=None):
    """Everything of a learning that reaches as far as the learning, as (veld, plaats, tekst):
    the title and text (as given, else as stored), every recommendation (`aanbevelingen` maps a
    recommendation's pk to a new text) and every follow-up note."""
    aanbevelingen = aanbevelingen or {}
    teksten = [
        (TITEL, _("Titel"), leerpunt.titel if titel is None else titel),
        (TEKST, _("Tekst"), leerpunt.tekst if tekst is None else tekst),
    ]
    if leerpunt.pk is None:
        return teksten
    rijen = leerpunt.aanbevelingen.order_by("pk").prefetch_related("opvolgingen__organisatie")
    for nummer, aanbeveling in enumerate(rijen, start=1):
        teksten.append(
            (
                f"{AANBEVELING}-{aanbeveling.pk}",
                _("Aanbeveling %(n)s") % {"n": nummer},
                aanbevelingen.get(aanbeveling.pk, aanbeveling.tekst),
            )
        )
        for opvolging in aanbeveling.opvolgingen.all():
            if opvolging.toelichting.strip():
                teksten.append(
                    (
                        f"{OPVOLGING}-{opvolging.pk}",
                        _("Toelichting bij de opvolging door %(organisatie)s van aanbeveling %(n)s")
                        % {"organisatie": opvolging.organisatie.naam, "n": nummer},
                        opvolging.toelichting,
                    )
                )
    return teksten


def signalen_voor(leerpunt, tekst=None, *, titel=None, aanbevelingen=None, teksten=None):
    """The signals of the personal-data check in everything `teksten_voor` gives."""
    if teksten is None:
        teksten = teksten_voor(leerpunt, tekst, titel=titel, aanbevelingen=aanbevelingen)
    namen = bekende_namen(leerpunt.ruimte)
    return [
        Veldsignaal(veld, plaats, signaal) for veld, plaats, inhoud in teksten for signaal in controleer(inhoud, namen)
    ]


def signalen_in(leerpunt, tekst, veld):
    """The signals in a new recommendation or follow-up note of the learning."""
    plaats = {AANBEVELING: _("Nieuwe aanbeveling"), OPVOLGING: _("Toelichting bij de opvolging")}[veld]
    return signalen_voor(leerpunt, teksten=[(veld, plaats, tekst)])


def controleer_toevoeging(leerpunt, veld, tekst, bevestigde_signalen):
    """A recommendation or follow-up note added to a learning that is already wider than its
    space is checked before it is saved: every signal must be confirmed (or the text edited).
    Returns the signals confirmed; raises ValidationError on the field otherwise."""
    if leerpunt.reikwijdte == Reikwijdte.RUIMTE or not (tekst or "").strip():
        return []
    veldnaam = "tekst" if veld == AANBEVELING else "toelichting"
    try:
        weiger_meldingtekst(leerpunt, [tekst])
    except ValidationError as exc:
        raise ValidationError({veldnaam: exc.messages}) from None
    signalen = signalen_in(leerpunt, tekst, veld)
    onbevestigd = _onbevestigd(signalen, bevestigde_signalen or ())
    if onbevestigd:
        raise ValidationError(
            {
                veldnaam: _(
                    "Dit leerpunt is al buiten de ruimte zichtbaar. Bevestig bij elk mogelijk persoonsgegeven "
                    "dat het er geen is, of pas de tekst aan. Nog niet bevestigd: %(fragmenten)s."
                )
                % {"fragmenten": ", ".join(f"„{s.fragment}”" for s in onbevestigd)}
            }
        )
    return signalen


def _bevestigd_log(signalen):
    """The audit log's short note of what was confirmed not to be personal data."""
    if not signalen:
        return ""
    return (_("bevestigd: ") + ", ".join(f"„{s.fragment}”" for s in signalen))[:200]


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
    """The signals not confirmed. A confirmation is what the page records (a dict with the
    signal's place, kind, position and fragment; "veld" absent meaning the text, as before titles
    and recommendations were checked) or a fragment by itself, which confirms it wherever it is."""
    gezien, fragmenten = set(), set()
    for b in bevestigd:
        if isinstance(b, dict):
            gezien.add((b.get("veld", TEKST), b.get("soort"), b.get("begin"), b.get("eind"), b.get("fragment")))
        else:
            fragmenten.add(str(b))
    return [
        s
        for s in signalen
        if s.fragment not in fragmenten and (s.veld, s.soort, s.begin, s.eind, s.fragment) not in gezien
    ]


def _nieuwe_aanbevelingen(leerpunt, aanbevelingen):
    """{pk: text} of the recommendations the coordinator edited, each one of this learning."""
    eigen = set(leerpunt.aanbevelingen.values_list("pk", flat=True))
    nieuw = {}
    for pk, inhoud in (aanbevelingen or {}).items():
        inhoud = (inhoud or "").strip()
        if pk not in eigen:
            raise ValidationError(_("Deze aanbeveling hoort niet bij dit leerpunt."))
        if not inhoud:
            raise ValidationError({f"{AANBEVELING}_{pk}": _("Een aanbeveling kan niet leeg zijn.")})
        if len(inhoud) > Aanbeveling._meta.get_field("tekst").max_length:
            raise ValidationError({f"{AANBEVELING}_{pk}": _("Een aanbeveling is hoogstens 4.000 tekens lang.")})
        nieuw[pk] = inhoud
    return nieuw


def verruim_leerpunt(
    user, leerpunt, kanaal, *, naar, reden, tekst, bevestigde_signalen, titel=None, aanbevelingen=None
):
    """Widen a learning by one step: a coordinator's decision, after every signal of the
    personal-data check on its title, `tekst`, recommendations and follow-up notes was confirmed.
    The coordinator may edit the title, the text and the recommendations (`aanbevelingen`,
    {pk: text}) in the same decision. To `openbaar` it also offers a draft page to the
    kennisbank's editors; the learning is public only once they publish it. All or nothing."""
    require(user, "manage", leerpunt.ruimte, kanaal)
    tekst = (tekst or "").strip()
    if not tekst:
        raise ValidationError({"tekst": _("Een leerpunt zonder tekst kan niet breder zichtbaar worden.")})
    titel = leerpunt.titel if titel is None else titel.strip()
    if not titel:
        raise ValidationError({"titel": _("Een leerpunt zonder titel kan niet breder zichtbaar worden.")})
    if len(titel) > Leerpunt._meta.get_field("titel").max_length:
        raise ValidationError({"titel": _("De titel is hoogstens 200 tekens lang.")})
    aanbevelingen = _nieuwe_aanbevelingen(leerpunt, aanbevelingen)
    signalen = signalen_voor(leerpunt, tekst, titel=titel, aanbevelingen=aanbevelingen)
    onbevestigd = _onbevestigd(signalen, bevestigde_signalen)
    if onbevestigd:
        raise ValidationError(
            _("Niet elk mogelijk persoonsgegeven is bevestigd: %(fragmenten)s.")
            % {"fragmenten": ", ".join(f"„{s.fragment}”" for s in onbevestigd)}
        )
    with transaction.atomic():
        if (titel, tekst) != (leerpunt.titel, leerpunt.tekst):
            Leerpunt.objects.filter(pk=leerpunt.pk).update(titel=titel, tekst=tekst)
            leerpunt.titel, leerpunt.tekst = titel, tekst
        for aanbeveling in leerpunt.aanbevelingen.filter(pk__in=aanbevelingen):
            if aanbeveling.tekst != aanbevelingen[aanbeveling.pk]:
                aanbeveling.tekst = aanbevelingen[aanbeveling.pk]
                aanbeveling.save(update_fields=["tekst"])
                AuditLogEntry.log(user, Actie.GEWIJZIGD, kanaal, ruimte=leerpunt.ruimte, obj=aanbeveling)
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
def add_aanbeveling(user, leerpunt, kanaal, tekst, organisaties, bevestigde_signalen=()):
    """A recommendation on a learning. Once the learning is wider than its space the
    recommendation reaches as far at once, so it is checked first (`controleer_toevoeging`)."""
    _require_contribute(user, leerpunt.ruimte, kanaal)
    bevestigd = controleer_toevoeging(leerpunt, AANBEVELING, tekst, bevestigde_signalen)
    aanbeveling = leerpunt.aanbevelingen.create(tekst=tekst)
    for organisatie in organisaties:
        Opvolging.objects.create(aanbeveling=aanbeveling, organisatie=organisatie, bijgewerkt_door=user)
    AuditLogEntry.log(
        user, Actie.AANGEMAAKT, kanaal, ruimte=leerpunt.ruimte, obj=aanbeveling, toelichting=_bevestigd_log(bevestigd)
    )
    return aanbeveling


def may_follow_up(user, opvolging):
    """The space's contributors, and the staff of the organisation that follows it up."""
    ruimte = opvolging.aanbeveling.leerpunt.ruimte
    eigen = user.is_authenticated and user.is_active and user.organisatie_id == opvolging.organisatie_id
    return eigen or may_contribute(user, ruimte)


@transaction.atomic
def update_opvolging(user, opvolging, kanaal, status, datum, toelichting, bevestigde_signalen=()):
    """How one organisation follows a recommendation up: open, in progress or done (done on a
    date), with a note; by the space's contributors or the staff of that organisation. The note
    is shown to everyone who sees the learning: a changed note on a learning wider than its
    space is checked for personal data first."""
    leerpunt = opvolging.aanbeveling.leerpunt
    ruimte = leerpunt.ruimte
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
    bevestigd = []
    if toelichting != Opvolging.objects.get(pk=opvolging.pk).toelichting.strip():
        bevestigd = controleer_toevoeging(leerpunt, OPVOLGING, toelichting, bevestigde_signalen)
    opvolging.status, opvolging.datum, opvolging.toelichting = status, datum, toelichting
    opvolging.bijgewerkt_door = user
    opvolging.save()
    AuditLogEntry.log(
        user, Actie.GEWIJZIGD, kanaal, ruimte=ruimte, obj=opvolging, toelichting=_bevestigd_log(bevestigd) or status
    )
    return opvolging
