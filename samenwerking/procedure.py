"""The publication procedure of an investigation's report, read from the kennisbank.

Which forms of supervision publish their results, the steps, their order and terms all come
from the framework's ProcedurePage (kader.procedures): its text names the publishing forms in a
bullet list of their titles, its `stappen` hold each step's title and term. Nothing here retypes
them; steps are recognised by words of their titles, so an editor's rewording of a description
or a term changes the procedure without a code change.

Completing a step begins, on the same date, the steps that follow it (`voorganger`): as a rule
the next one, but the steps whose description says they run once the provider holds the
definitive version ("in bezit": the reaction and the zienswijze, seed 004 section 1.3) all begin
when the definitive version is sent, side by side, each with its own term; the decision follows
the zienswijze. A step whose description says it has no suspensive effect ("geen schorsende
werking", the bezwaar) runs beside the steps after it instead of before them. Publication waits
for every step before it but the bezwaar: the provider's reaction is its annex. All dates go
through termijnen.py.

The decision step decides "over het al dan niet openbaar maken" (the step's own text): to
publish, and the steps after it begin; or not to publish, with its reasons, which closes the
procedure: no later step begins and `weiger_openbaarmaking` refuses the report from then on.
"""

import html
import re
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from portal.privacy import is_visible

from . import termijnen
from .actions import require
from .models import AuditLogEntry, Document, NooitOpenbaar, Onderzoek, Procedurestap, weiger_openbaarmaking

Actie = AuditLogEntry.Actie

HOOR_EN_WEDERHOOR = "hoor_en_wederhoor"
DEFINITIEF = "definitief"
REACTIE = "reactie"
ZIENSWIJZE = "zienswijze"
BESLUIT = "besluit"
BEZWAAR = "bezwaar"
PUBLICATIE = "publicatie"

# The first of these words in a step's title names its part in the procedure; zienswijze comes
# before besluit because the zienswijze is about the intended decision.
ROLLEN = (
    ("wederhoor", HOOR_EN_WEDERHOOR),
    ("definitieve", DEFINITIEF),
    ("woorden", REACTIE),
    ("zienswijze", ZIENSWIJZE),
    ("besluit", BESLUIT),
    ("bezwaar", BEZWAAR),
    ("publicatie", PUBLICATIE),
)


def rol_van(titel):
    titel = (titel or "").lower()
    for woord, rol in ROLLEN:
        if woord in titel:
            return rol
    return ""


def tel_woorden(tekst):
    """Words as a form counts them: the whitespace-separated tokens."""
    return len((tekst or "").split())


def _li_teksten(body):
    teksten = []
    for block in body:
        if block.block_type != "paragraph":
            continue
        source = getattr(block.value, "source", str(block.value))
        teksten += [html.unescape(strip_tags(item)).strip() for item in re.findall(r"<li>(.*?)</li>", source, re.S)]
    return teksten


def procedure_van(kader):
    from kennisbank.models import ProcedurePage

    return ProcedurePage.objects.live().filter(kader=kader).order_by("path").first()


def publicerende_vormen(kader):
    """The forms of supervision of `kader` whose results are published: those the procedure's
    text names in a bullet list."""
    procedure = procedure_van(kader)
    if procedure is None:
        return []
    genoemd = {tekst.casefold() for tekst in _li_teksten(procedure.body)}
    return [vorm for vorm in kader.toezichtsvormen.order_by("path") if vorm.title.casefold() in genoemd]


def wordt_gepubliceerd(onderzoek):
    return any(vorm.pk == onderzoek.toezichtsvorm_id for vorm in publicerende_vormen(onderzoek.kader))


@dataclass
class Stapdefinitie:
    volgorde: int
    stap: object
    rol: str

    @property
    def titel(self):
        return self.stap.titel

    @property
    def minimum(self):
        """A term that says how long to wait ("na minimaal 2 weken"), not how long one has."""
        return "minimaal" in (self.stap.termijn or "").lower()

    @property
    def schorst_niet(self):
        return "geen schorsende werking" in (self.stap.beschrijving or "").lower()

    @property
    def vanaf_definitieve_versie(self):
        """Whether the step runs from the moment the provider holds the definitive version, as its
        text says ("nadat de definitieve onderzoeksresultaten in bezit zijn", "de definitieve
        versie ... in bezit heeft")."""
        return "in bezit" in (self.stap.beschrijving or "").lower()

    @property
    def heeft_termijn(self):
        return bool(self.stap.termijn_aantal and self.stap.termijn_eenheid)

    @property
    def heeft_eigen_termijn(self):
        # The decision's term depends on whether a zienswijze came: see besluit_uiterlijk.
        return self.rol != BESLUIT and self.heeft_termijn

    @property
    def maximum_woorden(self):
        match = re.search(r"(\d+)\s+woorden", self.stap.titel)
        return int(match.group(1)) if match else None

    @property
    def voorlopige_voorziening_weken(self):
        """The weeks after the decision to ask for a provisional measure, as the step's text says."""
        match = re.search(r"binnen (\d+) weken na het besluit", self.stap.beschrijving or "")
        return int(match.group(1)) if match else None

    def termijn_vanaf(self, begin):
        if not self.heeft_eigen_termijn:
            return None
        return termijnen.termijn_in(self.stap.termijn_eenheid, self.stap.termijn_aantal, begin)


def stappen_van(kader):
    procedure = procedure_van(kader)
    if procedure is None:
        return []
    return [
        Stapdefinitie(volgorde=index + 1, stap=stap, rol=rol_van(stap.titel))
        for index, stap in enumerate(procedure.stappen.order_by("sort_order", "pk"))
    ]


def voorganger(definitie, definities):
    """The step whose completion begins `definitie`, or None for the first: the definitive
    version's step for a step that runs from it, else the nearest step before it that does not
    run beside the later ones."""
    if definitie.vanaf_definitieve_versie:
        return next((d for d in definities if d.rol == DEFINITIEF and d.volgorde < definitie.volgorde), None)
    return next((d for d in reversed(definities) if d.volgorde < definitie.volgorde and not d.schorst_niet), None)


def besluit_uiterlijk(onderzoek, definitie, definities, zienswijze, geen):
    """The decision's due date. After a zienswijze the framework names no term: None. When none
    came, "wordt na 2 weken een formeel besluit genomen": the decision's own term counted from the
    day the provider holds the definitive version (or to the end of an extension of the zienswijze,
    which the decision cannot precede). "Na" is after that term: the first working day after its
    last day, when the absence of a zienswijze can first be recorded."""
    if not geen or not definitie.heeft_termijn:
        return None
    definitief = next((d for d in definities if d.rol == DEFINITIEF), None)
    verstuurd = (
        onderzoek.procedurestappen.filter(volgorde=definitief.volgorde).values_list("afgerond_op", flat=True).first()
        if definitief
        else None
    )
    einde = termijnen.termijn_in(
        definitie.stap.termijn_eenheid, definitie.stap.termijn_aantal, verstuurd or zienswijze.begonnen_op
    )
    if zienswijze.uitstel_tot and zienswijze.uitstel_tot > einde:
        einde = zienswijze.uitstel_tot
    return termijnen.volgende_werkdag(einde + timedelta(days=1))


def _datum(dag):
    return date_format(dag, "j F Y")


def _vandaag():
    return timezone.localdate()


def _check_datum(datum, na=None):
    if datum is None:
        raise ValidationError({"datum": _("Vul een datum in.")})
    if datum > _vandaag():
        raise ValidationError({"datum": _("De datum kan niet in de toekomst liggen.")})
    if na is not None and datum < na:
        raise ValidationError(
            {"datum": _("De datum kan niet vóór het begin van de stap (%(datum)s) liggen.") % {"datum": _datum(na)}}
        )


def _weiger_zonder_procedure(onderzoek):
    if not wordt_gepubliceerd(onderzoek):
        raise ValidationError(
            _(
                "De resultaten van %(vorm)s worden niet openbaar gemaakt: voor dit onderzoek is er geen "
                "procedure van openbaarmaking."
            )
            % {"vorm": onderzoek.toezichtsvorm.title}
        )


def _begin(onderzoek, definitie, datum, user, termijn=None):
    termijn = termijn or definitie.termijn_vanaf(datum)
    return Procedurestap.objects.create(
        onderzoek=onderzoek,
        stap=definitie.stap,
        volgorde=definitie.volgorde,
        titel=definitie.titel,
        begonnen_op=datum,
        uiterlijk_op=None if definitie.minimum else termijn,
        vroegst_op=termijn if definitie.minimum else None,
        door=user,
    )


def _locked(onderzoek):
    return Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)


def besluit_niet_openbaar(onderzoek):
    """The decision step that decided not to publish the report, or None."""
    return (
        Procedurestap.objects.filter(onderzoek=onderzoek, besluit=Procedurestap.Besluit.NIET_OPENBAAR)
        .select_related("door")
        .first()
    )


def loopt(onderzoek):
    """Whether the procedure has begun and is not closed: neither offered for publication nor
    decided not to be published."""
    if onderzoek.publicatie_id or not onderzoek.procedurestappen.exists():
        return False
    return besluit_niet_openbaar(onderzoek) is None


def _weiger_na_besluit(onderzoek):
    if besluit_niet_openbaar(onderzoek) is not None:
        raise ValidationError(
            _("Besloten is om het rapport niet openbaar te maken: de procedure van openbaarmaking is gesloten.")
        )


def _check_besluit(besluit, motivering):
    if besluit not in Procedurestap.Besluit.values:
        raise ValidationError({"besluit": _("Kies of het rapport openbaar wordt gemaakt of niet.")})
    motivering = (motivering or "").replace("\x00", "").strip()
    if len(motivering) > 4000:
        raise ValidationError({"motivering": _("De motivering is hoogstens 4.000 tekens lang.")})
    if besluit == Procedurestap.Besluit.NIET_OPENBAAR and not motivering:
        raise ValidationError(
            {"motivering": _("Geef de motivering van het besluit om het rapport niet openbaar te maken.")}
        )
    return besluit, motivering


def toelichting_besluit(kader, user):
    """What the framework says about the decision, read from its procedure page: the decision
    step's description and the section of the page's text headed "Wettelijke grondslag" (the
    principle that results are published unless there are weighty reasons not to, and the
    considerations). With the citation as readers give it.

    The procedure's steps and terms hold for the investigation whoever may read the page, but
    its title, link, text and the framework's name are shown only to a user who may see both
    the page and the framework; to anyone else `{"verborgen": True}`, nothing of either."""
    page = procedure_van(kader)
    if page is None:
        return None
    if not (is_visible(page, user) and is_visible(kader, user)):
        return {"verborgen": True}
    definitie = next((d for d in stappen_van(kader) if d.rol == BESLUIT), None)
    grondslag, kop, in_sectie = [], "", False
    for block in page.body:
        if block.block_type == "heading":
            tekst = (block.value.get("text") or "").strip()
            in_sectie = tekst.casefold() == "wettelijke grondslag"
            kop = tekst if in_sectie else kop
        elif in_sectie and block.block_type == "paragraph":
            grondslag.append(block.value)
    jaar = kader.vastgesteld_op or kader.geldig_vanaf
    return {
        "stap": definitie.stap if definitie else None,
        "grondslag": grondslag,
        "grondslag_kop": kop,
        "pagina": page,
        "bron": ", ".join(filter(None, [kader.uitgever, kader.title, str(jaar.year) if jaar else "", page.title])),
    }


def kies_concept(user, onderzoek, document, kanaal):
    require(user, "contribute", onderzoek.ruimte, kanaal)
    if document is None or document.ruimte_id != onderzoek.ruimte_id:
        raise ValidationError({"document": _("Kies een document van deze ruimte.")})
    with transaction.atomic():
        current = _locked(onderzoek)
        if current.procedurestappen.exists():
            raise ValidationError(
                {"document": _("De procedure is begonnen; het conceptrapport kan niet meer worden vervangen.")}
            )
        current.rapport_concept = document
        current.save(update_fields=["rapport_concept", "gewijzigd_op"])
        AuditLogEntry.log(user, Actie.GEWIJZIGD, kanaal, ruimte=current.ruimte, obj=current, toelichting="concept")
    onderzoek.rapport_concept = document
    return current


def start(user, onderzoek, datum, kanaal):
    """Offer the concept report to the provider: the first step begins."""
    require(user, "contribute", onderzoek.ruimte, kanaal)
    _weiger_zonder_procedure(onderzoek)
    _check_datum(datum)
    definities = stappen_van(onderzoek.kader)
    with transaction.atomic():
        current = _locked(onderzoek)
        if current.rapport_concept_id is None:
            raise ValidationError(_("Kies eerst het conceptrapport."))
        if current.procedurestappen.exists():
            raise ValidationError(_("De procedure is al begonnen."))
        if not definities:
            raise ValidationError(_("Het toetsingskader heeft geen procedure van openbaarmaking."))
        stap = _begin(current, definities[0], datum, user)
        current.status = Onderzoek.Status.OPENBAARMAKING
        current.save(update_fields=["status", "gewijzigd_op"])
        AuditLogEntry.log(user, Actie.AANGEMAAKT, kanaal, ruimte=current.ruimte, obj=stap)
    return stap


@dataclass
class Regel:
    """A step of the procedure as the report page shows it: its definition and what happened."""

    definitie: Stapdefinitie
    stap: Procedurestap | None
    aan_de_beurt: bool
    # Not begun and never will: the decision before it was not to publish.
    vervallen: bool = False

    @property
    def te_laat(self):
        return bool(self.stap and not self.stap.afgerond_op and self.stap.termijn and self.stap.termijn < _vandaag())

    @property
    def zonder_termijn(self):
        """A decision after a zienswijze: the framework gives it no term, and none is made up."""
        return self.definitie.rol == BESLUIT and self.stap is not None and not self.stap.termijn

    @property
    def voorlopige_voorziening_uiterlijk(self):
        weken = self.definitie.voorlopige_voorziening_weken
        if weken is None or self.stap is None:
            return None
        return termijnen.einde_termijn(self.stap.begonnen_op, weken=weken)


def overzicht(onderzoek):
    definities = stappen_van(onderzoek.kader)
    gedaan = {stap.volgorde: stap for stap in onderzoek.procedurestappen.select_related("door")}
    gesloten = min(
        (s.volgorde for s in gedaan.values() if s.besluit == Procedurestap.Besluit.NIET_OPENBAAR), default=None
    )
    return [
        Regel(
            definitie=definitie,
            stap=gedaan.get(definitie.volgorde),
            aan_de_beurt=definitie.volgorde in gedaan and not gedaan[definitie.volgorde].afgerond_op,
            vervallen=gesloten is not None and definitie.volgorde > gesloten and definitie.volgorde not in gedaan,
        )
        for definitie in definities
    ]


def _stap_aan_de_beurt(onderzoek, volgorde, definities):
    """A step is at its turn once it has begun (its predecessor is done) until it is done; the
    publication only when every step before it but the non-suspensive ones is done."""
    definitie = next((d for d in definities if d.volgorde == volgorde), None)
    stap = onderzoek.procedurestappen.filter(volgorde=volgorde).first()
    if definitie is None or stap is None or stap.afgerond_op:
        raise ValidationError(_("Deze stap is niet aan de beurt: rond eerst de vorige stappen af."))
    if definitie.rol == PUBLICATIE:
        eerder = [d for d in definities if d.volgorde < volgorde and not d.schorst_niet]
        gedaan = set(
            onderzoek.procedurestappen.filter(
                volgorde__in=[d.volgorde for d in eerder], afgerond_op__isnull=False
            ).values_list("volgorde", flat=True)
        )
        open_ = [d.titel for d in eerder if d.volgorde not in gedaan]
        if open_:
            raise ValidationError(
                _("Deze stap is niet aan de beurt: rond eerst %(stappen)s af.")
                % {"stappen": ", ".join(f"‘{titel}’" for titel in open_)}
            )
    return definitie, stap


def _begin_volgende(onderzoek, definitie, definities, datum, user, kanaal, besluit_termijn=None):
    """Begin every step that follows the one just done and has not begun."""
    begonnen = set(onderzoek.procedurestappen.values_list("volgorde", flat=True))
    for item in definities:
        if item.volgorde in begonnen:
            continue
        eerder = voorganger(item, definities)
        if eerder is None or eerder.volgorde != definitie.volgorde:
            continue
        stap = _begin(onderzoek, item, datum, user, termijn=besluit_termijn if item.rol == BESLUIT else None)
        AuditLogEntry.log(user, Actie.AANGEMAAKT, kanaal, ruimte=onderzoek.ruimte, obj=stap)


def afronden(
    user,
    onderzoek,
    volgorde,
    kanaal,
    *,
    datum,
    toelichting="",
    document=None,
    reactie="",
    geen=False,
    besluit=Procedurestap.Besluit.OPENBAAR,
    motivering="",
):
    """Record that a step is done on `datum`; the steps that follow it begin on that date. The decision
    step records `besluit`; a decision not to publish needs its `motivering` and closes the
    procedure. The default is to publish: the framework publishes results "in principe ...,
    tenzij er zwaarwegende redenen zijn om dat niet te doen"."""
    require(user, "contribute", onderzoek.ruimte, kanaal)
    _weiger_zonder_procedure(onderzoek)
    definities = stappen_van(onderzoek.kader)
    with transaction.atomic():
        current = _locked(onderzoek)
        _weiger_na_besluit(current)
        definitie, stap = _stap_aan_de_beurt(current, volgorde, definities)
        _check_datum(datum, na=stap.begonnen_op)
        if definitie.rol == PUBLICATIE:
            raise ValidationError(_("De publicatie gaat met de knop ‘Aanbieden ter publicatie’."))
        if definitie.rol == DEFINITIEF:
            if document is None or document.ruimte_id != current.ruimte_id:
                raise ValidationError(
                    {"document": _("Kies het definitieve rapport uit de documenten van deze ruimte.")}
                )
            current.rapport_definitief = document
        if definitie.rol == REACTIE:
            maximum = definitie.maximum_woorden
            woorden = tel_woorden(reactie)
            if maximum is not None and woorden > maximum:
                raise ValidationError(
                    {
                        "reactie": _("De reactie mag maximaal %(max)s woorden hebben; deze heeft er %(n)s.")
                        % {"max": maximum, "n": woorden}
                    }
                )
            current.reactie_aanbieder = (reactie or "").strip()
        if definitie.rol == ZIENSWIJZE and geen and datum <= stap.termijn:
            raise ValidationError(
                {
                    "geen": _(
                        "Zonder zienswijze kan deze stap pas worden afgerond als de termijn voorbij is: na %(datum)s."
                    )
                    % {"datum": _datum(stap.termijn)}
                }
            )
        if definitie.rol == BESLUIT:
            stap.besluit, stap.motivering = _check_besluit(besluit, motivering)
        stap.afgerond_op = datum
        stap.toelichting = (toelichting or "").strip()
        if definitie.rol == ZIENSWIJZE and geen:
            stap.toelichting = " ".join(filter(None, [_("Geen zienswijze ontvangen."), stap.toelichting]))
        stap.door = user
        stap.save(update_fields=["afgerond_op", "toelichting", "besluit", "motivering", "door"])
        current.save(update_fields=["rapport_definitief", "reactie_aanbieder", "gewijzigd_op"])
        AuditLogEntry.log(user, Actie.GEWIJZIGD, kanaal, ruimte=current.ruimte, obj=stap, toelichting="afgerond")
        if stap.besluit == Procedurestap.Besluit.NIET_OPENBAAR:
            AuditLogEntry.log(
                user,
                Actie.NIET_OPENBAAR_BESLOTEN,
                kanaal,
                ruimte=current.ruimte,
                obj=current,
                toelichting=stap.motivering,
            )
        else:
            besluit = next((d for d in definities if d.rol == BESLUIT), None)
            termijn = (
                besluit_uiterlijk(current, besluit, definities, stap, geen)
                if besluit and definitie.rol == ZIENSWIJZE
                else None
            )
            _begin_volgende(current, definitie, definities, datum, user, kanaal, besluit_termijn=termijn)
    return stap


def uitstel(user, onderzoek, volgorde, kanaal, *, tot, reden):
    """An extension of the zienswijze's term on the provider's reasoned request."""
    require(user, "contribute", onderzoek.ruimte, kanaal)
    definities = stappen_van(onderzoek.kader)
    if next((d.rol for d in definities if d.volgorde == volgorde), None) != ZIENSWIJZE:
        raise ValidationError(_("Uitstel kan alleen voor de zienswijze worden gegeven."))
    with transaction.atomic():
        current = _locked(onderzoek)
        definitie, stap = _stap_aan_de_beurt(current, volgorde, definities)
        if not (reden or "").strip():
            raise ValidationError(
                {"uitstel_reden": _("Geef de reden van het uitstel, zoals de aanbieder die motiveert.")}
            )
        if tot is None or tot <= stap.termijn:
            raise ValidationError(
                {
                    "uitstel_tot": _("Het uitstel moet na de huidige termijn (%(datum)s) eindigen.")
                    % {"datum": _datum(stap.termijn) if stap.termijn else "-"}
                }
            )
        stap.uitstel_tot = termijnen.volgende_werkdag(tot)
        stap.uitstel_reden = reden.strip()
        stap.save(update_fields=["uitstel_tot", "uitstel_reden"])
        AuditLogEntry.log(user, Actie.GEWIJZIGD, kanaal, ruimte=current.ruimte, obj=stap, toelichting="uitstel")
    return stap


def _rapporttekst(document):
    versie = document.laatste_versie() if document is not None else None
    return (getattr(versie, "tekst", "") or "").strip()


def _alinea(tekst):
    return "".join(f"<p>{html.escape(deel.strip())}</p>" for deel in re.split(r"\n\s*\n", tekst) if deel.strip())


def publiceer(user, onderzoek, kanaal, vandaag=None):
    """Offer the definitive report, with the provider's reaction as an annex, to the editors:
    a draft PublicatiePage in the kennisbank, submitted to its workflow. It goes live only when
    an editor approves."""
    from kennisbank.models import KennisbankIndexPage, PublicatiePage

    require(user, "contribute", onderzoek.ruimte, kanaal)
    _weiger_zonder_procedure(onderzoek)
    vandaag = vandaag or _vandaag()
    definities = stappen_van(onderzoek.kader)
    definitie = next((d for d in definities if d.rol == PUBLICATIE), None)
    if definitie is None:
        raise ValidationError(_("De procedure van dit toetsingskader kent geen publicatiestap."))
    # Before anything is created, and outside the transaction so that the refusal stays logged.
    stored = Onderzoek.objects.select_related("rapport_definitief", "rapport_concept").get(pk=onderzoek.pk)
    try:
        for obj in (stored, stored.rapport_definitief, stored.rapport_concept):
            if obj is not None:
                weiger_openbaarmaking(obj)
    except NooitOpenbaar as exc:
        AuditLogEntry.log(user, Actie.OPENBAARMAKING_GEWEIGERD, kanaal, ruimte=stored.ruimte, obj=stored)
        raise ValidationError(str(exc.args[0] if exc.args else exc)) from None
    with transaction.atomic():
        current = _locked(onderzoek)
        if current.publicatie_id:
            raise ValidationError(_("Het rapport is al aangeboden ter publicatie."))
        definitie, stap = _stap_aan_de_beurt(current, definitie.volgorde, definities)
        if stap.vroegst_op and vandaag < stap.vroegst_op:
            raise ValidationError(
                _("Publiceren kan niet eerder dan %(datum)s: %(termijn)s.")
                % {"datum": _datum(stap.vroegst_op), "termijn": definitie.stap.termijn}
            )
        tekst = _rapporttekst(current.rapport_definitief)
        if not tekst:
            raise ValidationError(_("Het definitieve rapport heeft geen leesbare tekst om te publiceren."))
        # A report under an unpublished index would never become public, even once approved.
        index = KennisbankIndexPage.objects.live().order_by("path").first()
        if index is None:
            raise ValidationError(
                _(
                    "Er is geen gepubliceerde kennisbank om het rapport in te plaatsen. Vraag de redactie de "
                    "kennisbank te publiceren en bied het rapport daarna opnieuw aan."
                )
            )
        reactie = current.reactie_aanbieder or _("De aanbieder heeft niet gereageerd.")
        body = [
            ("paragraph", _alinea(tekst)),
            ("heading", {"text": _("Bijlage: reactie van de aanbieder"), "level": "h2"}),
            ("paragraph", _alinea(reactie)),
        ]
        organisatie = current.coordinerende_organisatie
        page = PublicatiePage(
            title=current.titel,
            samenvatting=_("Rapport van het onderzoek (%(vorm)s).") % {"vorm": current.toezichtsvorm.title},
            body=body,
            publicatiesoort=PublicatiePage.Soort.RAPPORT,
            uitgever=organisatie.naam if organisatie else "",
            jaar=vandaag.year,
            datum=vandaag,
            live=False,
        )
        index.add_child(instance=page)
        page.gemeenten.set(current.gemeenten.all())
        revision = page.save_revision(user=user)
        workflow = page.get_workflow()
        if workflow is None:
            raise ValidationError(_("Er is geen redactieworkflow voor de kennisbank ingesteld."))
        workflow.start(page, user)
        revision.refresh_from_db()
        stap.afgerond_op = vandaag
        stap.door = user
        stap.save(update_fields=["afgerond_op", "door"])
        current.publicatie = page
        current.save(update_fields=["publicatie", "gewijzigd_op"])
        AuditLogEntry.log(user, Actie.AANGEBODEN_TER_PUBLICATIE, kanaal, ruimte=current.ruimte, obj=current)
    onderzoek.publicatie = page
    return page


def documenten_voor(user, onderzoek):
    return Document.objects.viewable_by_user(user).filter(ruimte=onderzoek.ruimte_id)
