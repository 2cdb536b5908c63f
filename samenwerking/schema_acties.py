"""The supervisors' actions of issue 11 as GraphQL mutations, each on the same service function
as its page (onderzoek_acties, procedure, melding_acties, leerpunten, toegang).

Every mutation first finds its object through `viewable_by_user` (a hidden id answers exactly as
a made-up one, and the refusal is logged), then checks the right to act before it looks at any
other argument, then parses its arguments into the service's call: ids through the querysets the
user may see, Dutch messages for what spells no id. Where the page's form holds the rules (the
investigation's framework and norms), the mutation binds that same form. Errors come back as
Dutch messages in the GraphQL error list; the services are atomic, so nothing is half-saved.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _

import graphene
from graphene_django import DjangoObjectType
from graphql import GraphQLError

from portal.models import Organisatie

from . import leerpunten, melding_acties, onderzoek_acties, procedure, toegang
from .models import (
    Aanbeveling,
    Aanbieder,
    Bevinding,
    Document,
    Leerpunt,
    Melding,
    Onderzoek,
    Opvolging,
    Procedurestap,
    Reikwijdte,
    Samenwerkingsruimte,
    Thema,
    Toegangsverzoek,
)
from .policy import policy
from .schema import (
    GRAPHQL,
    AanbevelingType,
    AanbiederType,
    BesluitEnum,
    BevindingType,
    BriefSoortEnum,
    LeerpuntType,
    MeldingBeoordelingEnum,
    MeldingSoortEnum,
    MeldingType,
    OnderzoekStatusEnum,
    OnderzoekType,
    OordeelEnum,
    OpvolgingStatusEnum,
    OpvolgingType,
    ReikwijdteEnum,
    _id_argument,
    _may,
    _object,
    _run,
    _signed_in,
    _value,
)


def _ids(values, label):
    return [_id_argument(value, label) for value in values or []]


def _form_error(form):
    """The errors of a bound form as one Dutch message, each after its field's label."""
    parts = []
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields and field != NON_FIELD_ERRORS else None
        parts += [f"{label}: {error}" if label else str(error) for error in errors]
    return GraphQLError(" ".join(parts))


def _tekst(value, limit, label):
    """A free text argument as the page's form takes it: stripped, at most `limit` characters."""
    value = (value or "").strip()
    if len(value) > limit:
        raise GraphQLError(_("%(veld)s is hoogstens %(n)d tekens lang.") % {"veld": label, "n": limit})
    return value


def _onderzoek_result(user, onderzoek):
    return Onderzoek.objects.viewable_by_user(user).select_related("kader", "toezichtsvorm").get(pk=onderzoek.pk)


NormKeuzeEnum = graphene.Enum("NormKeuze", [("ALLE", "alle"), ("ONDERDEEL", "onderdeel"), ("SELECTIE", "selectie")])


class NieuweAanbiederInput(graphene.InputObjectType):
    naam = graphene.String(required=True)
    kvk_nummer = graphene.String(required=True, description="8 cijfers")


class _OnderzoekArgumenten:
    """The arguments create and edit share; on an edit, what is left out stays as it is."""

    toezichtsvorm = graphene.ID()
    aanleiding = graphene.String()
    aanbieders = graphene.List(graphene.NonNull(graphene.ID))
    nieuwe_aanbieder = NieuweAanbiederInput(description="Een aanbieder die nog niet in het portaal staat")
    gemeenten = graphene.List(graphene.NonNull(graphene.ID))
    organisaties = graphene.List(graphene.NonNull(graphene.ID), description="Deelnemende toezichthouders")
    coordinerende_organisatie = graphene.ID()
    contactpersonen = graphene.String(description="Eén naam per regel")
    status = OnderzoekStatusEnum()
    gepland_begin = graphene.Date()
    gepland_eind = graphene.Date()
    werkelijk_begin = graphene.Date()
    werkelijk_eind = graphene.Date()


def _onderzoek_form_data(arguments):
    """The form's data from the mutation's arguments: ids parsed, enums as their values."""
    data = {}
    for veld in ("titel", "aanleiding", "contactpersonen"):
        if veld in arguments:
            data[veld] = arguments[veld] or ""
    for veld in ("gepland_begin", "gepland_eind", "werkelijk_begin", "werkelijk_eind"):
        if veld in arguments:
            data[veld] = arguments[veld]
    for veld, label in (
        ("kader", _("toetsingskader")),
        ("toezichtsvorm", _("toezichtsvorm")),
        ("coordinerende_organisatie", _("organisatie")),
        ("onderdeel", _("onderdeel")),
    ):
        if veld in arguments:
            data[veld] = None if arguments[veld] is None else _id_argument(arguments[veld], label)
    for veld, label in (
        ("aanbieders", _("aanbieder")),
        ("gemeenten", _("gemeente")),
        ("organisaties", _("organisatie")),
        ("normen", _("norm")),
    ):
        if veld in arguments:
            data[veld] = _ids(arguments[veld], label)
    for veld in ("status", "normkeuze"):
        if arguments.get(veld) is not None:
            data[veld] = _value(arguments[veld])
    if "nieuwe_aanbieder" in arguments:
        nieuw = arguments["nieuwe_aanbieder"] or {}
        data["nieuwe_aanbieder_naam"] = nieuw.get("naam") or ""
        data["nieuwe_aanbieder_kvk"] = nieuw.get("kvk_nummer") or ""
    return data


def _current_form_data(user, onderzoek):
    """What the edit form holds before the user changes anything."""
    from .models import Aanbieder

    return {
        "titel": onderzoek.titel,
        "toezichtsvorm": onderzoek.toezichtsvorm_id,
        "aanleiding": onderzoek.aanleiding,
        "aanbieders": list(
            Aanbieder.objects.viewable_by_user(user).filter(onderzoeken=onderzoek).values_list("pk", flat=True)
        ),
        "gemeenten": list(onderzoek.gemeenten.values_list("pk", flat=True)),
        "organisaties": list(onderzoek.organisaties.values_list("pk", flat=True)),
        "coordinerende_organisatie": onderzoek.coordinerende_organisatie_id,
        "contactpersonen": onderzoek.contactpersonen,
        "status": onderzoek.status,
        "gepland_begin": onderzoek.gepland_begin,
        "gepland_eind": onderzoek.gepland_eind,
        "werkelijk_begin": onderzoek.werkelijk_begin,
        "werkelijk_eind": onderzoek.werkelijk_eind,
    }


class MaakOnderzoek(graphene.Mutation):
    """A new investigation in a space, with its toetsingskader: all norms of one framework
    version, the norms of one of its parts, or a selection (as on the page)."""

    class Arguments(_OnderzoekArgumenten):
        ruimte = graphene.ID(required=True)
        titel = graphene.String(required=True)
        kader = graphene.ID(required=True, description="De versie van het toetsingskader")
        toezichtsvorm = graphene.ID(required=True)
        normkeuze = NormKeuzeEnum(description="Standaard ALLE")
        onderdeel = graphene.ID(description="Bij ONDERDEEL: het onderdeel van het kader")
        normen = graphene.List(graphene.NonNull(graphene.ID), description="Bij SELECTIE: de normen")

    onderzoek = graphene.Field(OnderzoekType)

    @staticmethod
    def mutate(root, info, ruimte, **arguments):
        from .onderzoek_forms import NormKeuze, OnderzoekForm

        user = _signed_in(info)
        space = _object(info, Samenwerkingsruimte.objects.viewable_by_user(user), ruimte, _("ruimte"))
        _may(info, "contribute", space)
        data = {"normkeuze": NormKeuze.ALLE, "status": Onderzoek.Status.VOORBEREIDING}
        data.update(_onderzoek_form_data(arguments))
        form = OnderzoekForm(data, user=user)
        if not form.is_valid():
            raise _form_error(form)
        item = _run(onderzoek_acties.create_onderzoek, user, space, GRAPHQL, form.cleaned_data, form.gekozen_normen)
        return MaakOnderzoek(onderzoek=_onderzoek_result(user, item))


class WijzigOnderzoek(graphene.Mutation):
    """An investigation's own data; its framework version and norms stay as chosen."""

    class Arguments(_OnderzoekArgumenten):
        onderzoek = graphene.ID(required=True)
        titel = graphene.String()

    onderzoek = graphene.Field(OnderzoekType)

    @staticmethod
    def mutate(root, info, onderzoek, **arguments):
        from .onderzoek_forms import OnderzoekForm

        user = _signed_in(info)
        item = _object(
            info, Onderzoek.objects.viewable_by_user(user).select_related("ruimte"), onderzoek, _("onderzoek")
        )
        _may(info, "contribute", item.ruimte)
        data = _current_form_data(user, item)
        data.update(_onderzoek_form_data(arguments))
        form = OnderzoekForm(data, user=user, instance=item)
        if not form.is_valid():
            raise _form_error(form)
        result = _run(onderzoek_acties.update_onderzoek, user, item, GRAPHQL, form.cleaned_data)
        return WijzigOnderzoek(onderzoek=_onderzoek_result(user, result))


# ---------------------------------------------------------------------------------------------
# Findings, reports, widening a learning and following a recommendation up: the first five
# mutations of the API, each now on the service its page uses.


class LegBevindingVast(graphene.Mutation):
    class Arguments:
        onderzoek = graphene.ID(required=True)
        norm = graphene.ID(required=True)
        aanbieder = graphene.ID(required=True)
        oordeel = OordeelEnum(required=True)
        toelichting = graphene.String()
        bewijs = graphene.List(
            graphene.NonNull(graphene.ID),
            description="Documenten van de ruimte als onderbouwing; weggelaten blijft de onderbouwing zoals ze is",
        )

    bevinding = graphene.Field(
        BevindingType, description="Leeg als er niets is vastgelegd (niet getoetst, zonder toelichting)"
    )

    @staticmethod
    def mutate(root, info, onderzoek, norm, aanbieder, oordeel, toelichting="", bewijs=None):
        from kennisbank.models import NormPage

        from .onderzoek_acties import record_findings

        user = _signed_in(info)
        onderzoeken = Onderzoek.objects.viewable_by_user(user).select_related("ruimte")
        item = _object(info, onderzoeken, onderzoek, _("onderzoek"))
        _may(info, "contribute", item.ruimte)
        norm_page = NormPage.objects.viewable_by_user(user).filter(pk=_id_argument(norm, _("norm"))).first()
        provider = Aanbieder.objects.viewable_by_user(user).filter(pk=_id_argument(aanbieder, _("aanbieder"))).first()
        if norm_page is None:
            raise GraphQLError(_("Deze norm hoort niet bij het toetsingskader van het onderzoek."))
        if provider is None:
            raise GraphQLError(_("Deze aanbieder hoort niet bij het onderzoek."))
        documenten = None
        if bewijs is not None:
            ids = {_id_argument(value, _("document")) for value in bewijs}
            documenten = list(Document.objects.viewable_by_user(user).filter(ruimte=item.ruimte_id, pk__in=ids))
            if len(documenten) != len(ids):
                raise GraphQLError(_("Kies als onderbouwing documenten van deze ruimte."))
        _run(
            record_findings,
            user,
            item,
            GRAPHQL,
            [(norm_page, provider, _value(oordeel), toelichting, documenten)],
        )
        result = Bevinding.objects.viewable_by_user(user).filter(onderzoek=item, norm=norm_page, aanbieder=provider)
        return LegBevindingVast(bevinding=result.first())


class MaakMelding(graphene.Mutation):
    class Arguments:
        ruimte = graphene.ID(required=True)
        soort = MeldingSoortEnum(required=True)
        aanbieder = graphene.ID(required=True)
        datum_gebeurtenis = graphene.Date(required=True)
        datum_gemeld = graphene.Date(required=True)
        samenvatting = graphene.String(required=True)
        gemeenten = graphene.List(graphene.NonNull(graphene.ID))
        coordinerende_organisatie = graphene.ID()
        betrokkenen = graphene.String(description="De namen van betrokkenen, één per regel (alleen voor de ruimte)")

    melding = graphene.Field(MeldingType)

    @staticmethod
    def mutate(
        root,
        info,
        ruimte,
        soort,
        aanbieder,
        datum_gebeurtenis,
        datum_gemeld,
        samenvatting,
        gemeenten=None,
        coordinerende_organisatie=None,
        betrokkenen="",
    ):
        from portal.models import Gemeente

        from .melding_acties import create_report

        user = _signed_in(info)
        space = _object(info, Samenwerkingsruimte.objects.viewable_by_user(user), ruimte, _("ruimte"))
        _may(info, "contribute", space)
        provider = Aanbieder.objects.viewable_by_user(user).filter(pk=_id_argument(aanbieder, _("aanbieder"))).first()
        if provider is None:
            raise GraphQLError(_("Deze aanbieder bestaat niet."))
        ids = [_id_argument(g, _("gemeente")) for g in (gemeenten or [])]
        found = list(Gemeente.objects.filter(pk__in=ids))
        if len(found) != len(set(ids)):
            raise GraphQLError(_("Een van de gemeenten bestaat niet."))
        organisatie = None
        if coordinerende_organisatie is not None:
            pk = _id_argument(coordinerende_organisatie, _("organisatie"))
            organisatie = Organisatie.objects.filter(pk=pk).first()
            if organisatie is None:
                raise GraphQLError(_("Deze organisatie bestaat niet."))
        data = {
            "soort": _value(soort),
            "aanbieder": provider,
            "gemeenten": found,
            "coordinerende_organisatie": organisatie,
            "datum_gebeurtenis": datum_gebeurtenis,
            "datum_gemeld": datum_gemeld,
            "samenvatting": samenvatting,
            "betrokkenen": betrokkenen or "",
        }
        melding = _run(create_report, user, space, GRAPHQL, data)
        return MaakMelding(melding=Melding.objects.viewable_by_user(user).get(pk=melding.pk))


class VerlengZelfonderzoek(graphene.Mutation):
    """A new due date for the provider's self-investigation, with its reasons, while it has not
    been received; a date on a weekend or holiday runs to the next working day."""

    class Arguments:
        melding = graphene.ID(required=True)
        reden = graphene.String(required=True)
        nieuwe_termijn = graphene.Date(required=True)

    melding = graphene.Field(MeldingType)

    @staticmethod
    def mutate(root, info, melding, reden, nieuwe_termijn):
        from .melding_acties import extend

        user = _signed_in(info)
        item = _object(info, Melding.objects.viewable_by_user(user).select_related("ruimte"), melding, _("melding"))
        _may(info, "contribute", item.ruimte)
        _run(extend, user, item, GRAPHQL, nieuwe_termijn, reden)
        return VerlengZelfonderzoek(melding=Melding.objects.viewable_by_user(user).get(pk=item.pk))


class BevestigdSignaalInput(graphene.InputObjectType):
    """One signal of the personal-data check (controlePersoonsgegevens) the coordinator has
    looked at and confirms is no personal data, as the page asks per signal."""

    soort = graphene.String(required=True)
    fragment = graphene.String(required=True)
    begin = graphene.Int(required=True)
    eind = graphene.Int(required=True)
    veld = graphene.String(
        description="Waar het signaal staat (zoals controlePersoonsgegevens het geeft); weggelaten: de tekst"
    )
    toelichting = graphene.String()


class VerruimLeerpunt(graphene.Mutation):
    """A coordinator's decision to widen a learning one step, to all supervisors, after every
    signal of the personal-data check on its text is confirmed (or the text edited), as on the
    page. Making it public goes through the learning's page and the kennisbank's editors."""

    class Arguments:
        leerpunt = graphene.ID(required=True)
        naar = ReikwijdteEnum(required=True)
        reden = graphene.String(required=True)
        tekst = graphene.String(description="De tekst die breder zichtbaar wordt; weggelaten: de huidige tekst")
        bevestigde_signalen = graphene.List(
            graphene.NonNull(BevestigdSignaalInput),
            description="Elk signaal van de controle op de tekst, bevestigd als geen persoonsgegeven",
        )

    leerpunt = graphene.Field(LeerpuntType)

    @staticmethod
    def mutate(root, info, leerpunt, naar, reden, tekst=None, bevestigde_signalen=None):
        user = _signed_in(info)
        item = _object(info, Leerpunt.objects.viewable_by_user(user).select_related("ruimte"), leerpunt, _("leerpunt"))
        _may(info, "manage", item.ruimte)
        if _value(naar) == Reikwijdte.OPENBAAR:
            raise GraphQLError(
                _("Openbaar maken gaat via de pagina van het leerpunt, langs de redactie van de kennisbank.")
            )
        tekst = item.tekst if tekst is None else _tekst(tekst, 8000, _("De tekst"))
        signalen = [
            {
                "soort": signaal.soort,
                "fragment": signaal.fragment,
                "begin": signaal.begin,
                "eind": signaal.eind,
                "toelichting": _tekst(signaal.get("toelichting"), 500, _("De toelichting bij een signaal")),
                **({"veld": signaal.veld} if signaal.get("veld") else {}),
            }
            for signaal in (bevestigde_signalen or [])
        ]
        _run(
            leerpunten.verruim_leerpunt,
            user,
            item,
            GRAPHQL,
            naar=_value(naar),
            reden=_tekst(reden, 2000, _("De reden")),
            tekst=tekst,
            bevestigde_signalen=signalen,
        )
        return VerruimLeerpunt(leerpunt=Leerpunt.objects.viewable_by_user(user).get(pk=item.pk))


class VolgAanbevelingOp(graphene.Mutation):
    class Arguments:
        aanbeveling = graphene.ID(required=True)
        organisatie = graphene.ID(required=True)
        status = OpvolgingStatusEnum(required=True)
        datum = graphene.Date()
        toelichting = graphene.String()

    opvolging = graphene.Field(OpvolgingType)

    @staticmethod
    def mutate(root, info, aanbeveling, organisatie, status, datum=None, toelichting=""):
        user = _signed_in(info)
        item = _object(info, Aanbeveling.objects.viewable_by_user(user), aanbeveling, _("aanbeveling"))
        opvolging = (
            Opvolging.objects.viewable_by_user(user)
            .filter(aanbeveling=item, organisatie_id=_id_argument(organisatie, _("organisatie")))
            .select_related("aanbeveling__leerpunt__ruimte", "organisatie")
            .first()
        )
        if opvolging is None:
            _may(info, "contribute", item.leerpunt.ruimte)
            raise GraphQLError(_("Deze organisatie is niet betrokken bij de aanbeveling."))
        # Staff of the organisation concerned follow up without being in the space; anyone
        # else needs the space's right, checked (and a refusal logged) outside the action.
        if not (user.is_authenticated and user.organisatie_id == opvolging.organisatie_id):
            _may(info, "contribute", item.leerpunt.ruimte)
        _run(leerpunten.update_opvolging, user, opvolging, GRAPHQL, _value(status), datum, toelichting or "")
        result = Opvolging.objects.viewable_by_user(user).select_related("organisatie").get(pk=opvolging.pk)
        return VolgAanbevelingOp(opvolging=result)


# ---------------------------------------------------------------------------------------------
# The report's publication procedure (procedure.py): the concept, the start, each step with its
# date, the zienswijze's extension on a reasoned request, and the offer for publication.


def _space_document(user, ruimte_id, value):
    """A document of the space the user may see, or None (the service says what it expects)."""
    if value is None:
        return None
    pk = _id_argument(value, _("document"))
    return Document.objects.viewable_by_user(user).filter(ruimte=ruimte_id, pk=pk).first()


def _contributable_onderzoek(info, value):
    user = _signed_in(info)
    onderzoeken = Onderzoek.objects.viewable_by_user(user).select_related("ruimte", "kader")
    item = _object(info, onderzoeken, value, _("onderzoek"))
    _may(info, "contribute", item.ruimte)
    return user, item


class KiesConceptrapport(graphene.Mutation):
    class Arguments:
        onderzoek = graphene.ID(required=True)
        document = graphene.ID(required=True, description="Een document van de ruimte")

    onderzoek = graphene.Field(OnderzoekType)

    @staticmethod
    def mutate(root, info, onderzoek, document):
        user, item = _contributable_onderzoek(info, onderzoek)
        _run(procedure.kies_concept, user, item, _space_document(user, item.ruimte_id, document), GRAPHQL)
        return KiesConceptrapport(onderzoek=_onderzoek_result(user, item))


class StartProcedure(graphene.Mutation):
    """The concept report is offered to the provider: the first step (hoor en wederhoor) begins."""

    class Arguments:
        onderzoek = graphene.ID(required=True)
        datum = graphene.Date(required=True, description="Aangeboden aan de aanbieder op")

    onderzoek = graphene.Field(OnderzoekType)

    @staticmethod
    def mutate(root, info, onderzoek, datum):
        user, item = _contributable_onderzoek(info, onderzoek)
        _run(procedure.start, user, item, datum, GRAPHQL)
        return StartProcedure(onderzoek=_onderzoek_result(user, item))


def _definitie(item, stap):
    definitie = next((d for d in procedure.stappen_van(item.kader) if d.volgorde == stap), None)
    if definitie is None:
        raise GraphQLError(_("Deze stap bestaat niet in de procedure."))
    return definitie


class RondStapAf(graphene.Mutation):
    """A step is done on its date; the next begins. The definitive version needs its document,
    the provider's reaction keeps the framework's word limit, the decision is to publish or not
    (with its reasons), and without a zienswijze the step waits for the end of its term."""

    class Arguments:
        onderzoek = graphene.ID(required=True)
        stap = graphene.Int(required=True, description="Het volgnummer van de stap (Procedurestap.volgorde)")
        datum = graphene.Date(required=True)
        toelichting = graphene.String()
        document = graphene.ID(description="Bij het versturen van de definitieve versie: het definitieve rapport")
        reactie = graphene.String(description="De reactie van de aanbieder, binnen het maximum aantal woorden")
        geen_zienswijze = graphene.Boolean(description="Bij de zienswijze: er is geen zienswijze ingediend")
        besluit = BesluitEnum(description="Bij het besluit; standaard OPENBAAR")
        motivering = graphene.String(description="Verplicht bij NIET_OPENBAAR")

    onderzoek = graphene.Field(OnderzoekType)

    @staticmethod
    def mutate(
        root,
        info,
        onderzoek,
        stap,
        datum,
        toelichting="",
        document=None,
        reactie="",
        geen_zienswijze=False,
        besluit=None,
        motivering="",
    ):
        user, item = _contributable_onderzoek(info, onderzoek)
        _definitie(item, stap)
        _run(
            procedure.afronden,
            user,
            item,
            stap,
            GRAPHQL,
            datum=datum,
            toelichting=_tekst(toelichting, 4000, _("De toelichting")),
            document=_space_document(user, item.ruimte_id, document),
            reactie=_tekst(reactie, Onderzoek._meta.get_field("reactie_aanbieder").max_length, _("De reactie")),
            geen=bool(geen_zienswijze),
            besluit=_value(besluit) if besluit is not None else Procedurestap.Besluit.OPENBAAR,
            motivering=motivering or "",
        )
        return RondStapAf(onderzoek=_onderzoek_result(user, item))


class VerleenUitstel(graphene.Mutation):
    """The provider's reasoned request for more time for its zienswijze, granted: the step's
    term moves (to the next working day when it would end on a weekend or holiday)."""

    class Arguments:
        onderzoek = graphene.ID(required=True)
        stap = graphene.Int(required=True, description="Het volgnummer van de stap van de zienswijze")
        tot = graphene.Date(required=True)
        reden = graphene.String(required=True, description="De reden, zoals de aanbieder die motiveert")

    onderzoek = graphene.Field(OnderzoekType)

    @staticmethod
    def mutate(root, info, onderzoek, stap, tot, reden):
        user, item = _contributable_onderzoek(info, onderzoek)
        _run(procedure.uitstel, user, item, stap, GRAPHQL, tot=tot, reden=_tekst(reden, 2000, _("De reden")))
        return VerleenUitstel(onderzoek=_onderzoek_result(user, item))


class BiedAanTerPublicatie(graphene.Mutation):
    """The definitive report with the provider's reaction as an annex, offered to the
    kennisbank's editors: public only once an editor approves it, never before its date."""

    class Arguments:
        onderzoek = graphene.ID(required=True)

    onderzoek = graphene.Field(OnderzoekType)

    @staticmethod
    def mutate(root, info, onderzoek):
        user, item = _contributable_onderzoek(info, onderzoek)
        _run(procedure.publiceer, user, item, GRAPHQL)
        return BiedAanTerPublicatie(onderzoek=_onderzoek_result(user, item))


# ---------------------------------------------------------------------------------------------
# A calamity or violence report's course (melding_acties.py): the self-investigation received,
# its assessment with the framework's outcomes, the letters. Never public: these mutations, like
# the report itself, are for the members of its space who may contribute.


def _contributable_melding(info, value):
    user = _signed_in(info)
    meldingen = Melding.objects.viewable_by_user(user).select_related("ruimte")
    item = _object(info, meldingen, value, _("melding"))
    _may(info, "contribute", item.ruimte)
    return user, item


def _document_of_space(user, ruimte_id, value):
    """A document argument: one of the space the user may see, else the page's own message."""
    document = _space_document(user, ruimte_id, value)
    if value is not None and document is None:
        raise GraphQLError(_("Kies een document van deze ruimte."))
    return document


def _melding_result(user, melding):
    return Melding.objects.viewable_by_user(user).get(pk=melding.pk)


class OntvangZelfonderzoek(graphene.Mutation):
    class Arguments:
        melding = graphene.ID(required=True)
        ontvangen_op = graphene.Date(required=True)
        document = graphene.ID(description="Het zelfonderzoek als document van de ruimte")
        toelichting = graphene.String()

    melding = graphene.Field(MeldingType)

    @staticmethod
    def mutate(root, info, melding, ontvangen_op, document=None, toelichting=""):
        user, item = _contributable_melding(info, melding)
        doc = _document_of_space(user, item.ruimte_id, document)
        _run(melding_acties.receive_self_investigation, user, item, GRAPHQL, ontvangen_op, doc, toelichting or "")
        return OntvangZelfonderzoek(melding=_melding_result(user, item))


class BeoordeelMelding(graphene.Mutation):
    """The assessment of the received self-investigation, with one of the framework's outcomes."""

    class Arguments:
        melding = graphene.ID(required=True)
        beoordeling = MeldingBeoordelingEnum(required=True)
        toelichting = graphene.String(required=True)
        beoordeeld_op = graphene.Date(required=True)

    melding = graphene.Field(MeldingType)

    @staticmethod
    def mutate(root, info, melding, beoordeling, toelichting, beoordeeld_op):
        user, item = _contributable_melding(info, melding)
        _run(melding_acties.assess, user, item, GRAPHQL, _value(beoordeling), toelichting, beoordeeld_op)
        return BeoordeelMelding(melding=_melding_result(user, item))


class LegBriefVast(graphene.Mutation):
    """The letter to the provider with the findings, or the closing letter (which closes the
    report), each with a copy to the aldermen of the municipalities concerned."""

    class Arguments:
        melding = graphene.ID(required=True)
        soort = BriefSoortEnum(required=True)
        verzonden_op = graphene.Date(required=True)
        kopie_aan = graphene.List(
            graphene.NonNull(graphene.ID),
            description="De gemeenten van wier wethouder(s) een kopie; weggelaten: de betrokken gemeenten",
        )
        document = graphene.ID(description="De brief als document van de ruimte")
        toelichting = graphene.String()

    melding = graphene.Field(MeldingType)

    @staticmethod
    def mutate(root, info, melding, soort, verzonden_op, kopie_aan=None, document=None, toelichting=""):
        from portal.models import Gemeente

        user, item = _contributable_melding(info, melding)
        if kopie_aan is None:
            gemeenten = list(item.gemeenten.all())
        else:
            ids = set(_ids(kopie_aan, _("gemeente")))
            gemeenten = list(Gemeente.objects.filter(pk__in=ids))
            if len(gemeenten) != len(ids):
                raise GraphQLError(_("Een van de gemeenten bestaat niet."))
        doc = _document_of_space(user, item.ruimte_id, document)
        _run(
            melding_acties.send_letter,
            user,
            item,
            GRAPHQL,
            _value(soort),
            verzonden_op,
            gemeenten,
            doc,
            toelichting or "",
        )
        return LegBriefVast(melding=_melding_result(user, item))


# ---------------------------------------------------------------------------------------------
# Learnings and recommendations (leerpunten.py): writing a learning and editing it while it is
# in its space (the page's form holds the rules of its tags and its source), adding a
# recommendation with the organisations that follow it up, and the personal-data check.


def _leerpunt_form_data(arguments):
    data = {}
    for veld in ("titel", "tekst"):
        if veld in arguments:
            data[veld] = arguments[veld] or ""
    for veld, label in (("onderzoek", _("onderzoek")), ("melding", _("melding"))):
        if veld in arguments:
            data[veld] = None if arguments[veld] is None else _id_argument(arguments[veld], label)
    for veld, label in (("normen", _("norm")), ("aanbieders", _("aanbieder")), ("gemeenten", _("gemeente"))):
        if veld in arguments:
            data[veld] = _ids(arguments[veld], label)
    if "themas" in arguments:
        slugs = {str(slug).strip() for slug in arguments["themas"] or []}
        themas = dict(Thema.objects.filter(slug__in=slugs).values_list("slug", "pk"))
        onbekend = sorted(slugs - set(themas))
        if onbekend:
            raise GraphQLError(_("Onbekend thema: %(slugs)s.") % {"slugs": ", ".join(s[:60] for s in onbekend[:5])})
        data["themas"] = list(themas.values())
    return data


def _current_leerpunt_data(user, leerpunt):
    """What the edit form holds before the user changes anything (the tags they may see)."""
    from kennisbank.models import NormPage

    normen = NormPage.objects.viewable_by_user(user).filter(pk__in=leerpunt.normen.values("pk"))
    aanbieders = Aanbieder.objects.viewable_by_user(user).filter(leerpunten=leerpunt)
    return {
        "titel": leerpunt.titel,
        "tekst": leerpunt.tekst,
        "onderzoek": leerpunt.onderzoek_id,
        "melding": leerpunt.melding_id,
        "normen": list(normen.values_list("pk", flat=True)),
        "themas": list(leerpunt.themas.values_list("pk", flat=True)),
        "aanbieders": list(aanbieders.values_list("pk", flat=True)),
        "gemeenten": list(leerpunt.gemeenten.values_list("pk", flat=True)),
    }


class _LeerpuntArgumenten:
    onderzoek = graphene.ID(description="Het onderzoek van de ruimte waaruit het leerpunt komt")
    melding = graphene.ID(description="Of de melding van de ruimte waaruit het komt")
    normen = graphene.List(graphene.NonNull(graphene.ID))
    themas = graphene.List(graphene.NonNull(graphene.String), description="De slugs van de thema's")
    aanbieders = graphene.List(graphene.NonNull(graphene.ID))
    gemeenten = graphene.List(graphene.NonNull(graphene.ID))


def _leerpunt_result(user, leerpunt):
    return Leerpunt.objects.viewable_by_user(user).get(pk=leerpunt.pk)


class MaakLeerpunt(graphene.Mutation):
    """A de-identified learning in a space, seen in that space only until a coordinator widens it."""

    class Arguments(_LeerpuntArgumenten):
        ruimte = graphene.ID(required=True)
        titel = graphene.String(required=True)
        tekst = graphene.String(required=True)

    leerpunt = graphene.Field(LeerpuntType)

    @staticmethod
    def mutate(root, info, ruimte, **arguments):
        from .forms_leerpunt import LeerpuntForm

        user = _signed_in(info)
        space = _object(info, Samenwerkingsruimte.objects.viewable_by_user(user), ruimte, _("ruimte"))
        _may(info, "contribute", space)
        form = LeerpuntForm(_leerpunt_form_data(arguments), ruimte=space, user=user)
        if not form.is_valid():
            raise _form_error(form)
        item = _run(leerpunten.create_leerpunt, user, space, GRAPHQL, form.cleaned_data)
        return MaakLeerpunt(leerpunt=_leerpunt_result(user, item))


class WijzigLeerpunt(graphene.Mutation):
    """A learning's text and tags, while it is seen in its space only; what is left out stays."""

    class Arguments(_LeerpuntArgumenten):
        leerpunt = graphene.ID(required=True)
        titel = graphene.String()
        tekst = graphene.String()

    leerpunt = graphene.Field(LeerpuntType)

    @staticmethod
    def mutate(root, info, leerpunt, **arguments):
        from .forms_leerpunt import LeerpuntForm

        user = _signed_in(info)
        item = _object(info, Leerpunt.objects.viewable_by_user(user).select_related("ruimte"), leerpunt, _("leerpunt"))
        _may(info, "contribute", item.ruimte)
        data = _current_leerpunt_data(user, item)
        data.update(_leerpunt_form_data(arguments))
        form = LeerpuntForm(data, instance=item, ruimte=item.ruimte, user=user)
        if not form.is_valid():
            raise _form_error(form)
        result = _run(leerpunten.update_leerpunt, user, item, GRAPHQL, form.cleaned_data)
        return WijzigLeerpunt(leerpunt=_leerpunt_result(user, result))


class VoegAanbevelingToe(graphene.Mutation):
    """A recommendation on a learning, with the organisations that each follow it up."""

    class Arguments:
        leerpunt = graphene.ID(required=True)
        tekst = graphene.String(required=True)
        organisaties = graphene.List(graphene.NonNull(graphene.ID), required=True)

    aanbeveling = graphene.Field(AanbevelingType)

    @staticmethod
    def mutate(root, info, leerpunt, tekst, organisaties):
        from .forms_leerpunt import AanbevelingForm

        user = _signed_in(info)
        item = _object(info, Leerpunt.objects.viewable_by_user(user).select_related("ruimte"), leerpunt, _("leerpunt"))
        _may(info, "contribute", item.ruimte)
        form = AanbevelingForm({"tekst": tekst, "organisaties": _ids(organisaties, _("organisatie"))})
        if not form.is_valid():
            raise _form_error(form)
        data = form.cleaned_data
        result = _run(leerpunten.add_aanbeveling, user, item, GRAPHQL, data["tekst"], data["organisaties"])
        return VoegAanbevelingToe(aanbeveling=Aanbeveling.objects.viewable_by_user(user).get(pk=result.pk))


class SignaalType(graphene.ObjectType):
    """A likely personal datum in a learning's text: what it is, where, and why it is flagged."""

    soort = graphene.String(required=True)
    fragment = graphene.String(required=True)
    begin = graphene.Int(required=True)
    eind = graphene.Int(required=True)
    uitleg = graphene.String(required=True)
    veld = graphene.String(required=True, description="titel, tekst, aanbeveling-<id> of opvolging-<id>")
    plaats = graphene.String(required=True, description="Waar het signaal staat, in woorden")

    class Meta:
        name = "Signaal"


# ---------------------------------------------------------------------------------------------
# Joining a space that has open work on the same provider (toegang.py): the supervisor sees only
# the coordinating organisation and the kind, asks with a reason, and the coordinators decide.
# A space the user is not in is never named: a notice carries an opaque token instead.


class WerkEldersType(graphene.ObjectType):
    token = graphene.String(required=True, description="Stuur dit terug met vraagToegang")
    organisatie = graphene.String(required=True, description="De coördinerende organisatie")
    soort = graphene.String(required=True, description="onderzoek of melding")
    aangevraagd = graphene.Boolean(required=True, description="Uw verzoek wacht al op een besluit")

    class Meta:
        name = "WerkElders"


ToegangsbesluitEnum = graphene.Enum("Toegangsbesluit", [(v.upper(), v) for v in Toegangsverzoek.Besluit.values])


class ToegangsverzoekType(DjangoObjectType):
    """A request to join: the requester's own, and those of the spaces the user coordinates.
    It names no space, so the requester does not learn which one it was."""

    besluit = ToegangsbesluitEnum()
    aanvrager = graphene.String(required=True)
    organisatie_aanvrager = graphene.String()
    aanbieder = graphene.Field(AanbiederType)

    class Meta:
        model = Toegangsverzoek
        name = "Toegangsverzoek"
        fields = ("id", "reden", "aangevraagd_op", "besloten_op", "toelichting_besluit")
        convert_choices_to_enum = []

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(info.context.user)

    @staticmethod
    def resolve_besluit(verzoek, info):
        return verzoek.besluit or None

    @staticmethod
    def resolve_aanvrager(verzoek, info):
        return verzoek.aanvrager.get_full_name() or verzoek.aanvrager.email

    @staticmethod
    def resolve_organisatie_aanvrager(verzoek, info):
        organisatie = verzoek.aanvrager.organisatie
        return organisatie.naam if organisatie else None

    @staticmethod
    def resolve_aanbieder(verzoek, info):
        return Aanbieder.objects.viewable_by_user(info.context.user).filter(pk=verzoek.aanbieder_id).first()


def _verzoek_result(user, verzoek):
    return Toegangsverzoek.objects.viewable_by_user(user).select_related("aanvrager__organisatie").get(pk=verzoek.pk)


class VraagToegang(graphene.Mutation):
    """Ask to join the space behind a notice of openWerkElders, with a reason."""

    class Arguments:
        aanbieder = graphene.ID(required=True)
        token = graphene.String(required=True)
        reden = graphene.String(required=True)

    toegangsverzoek = graphene.Field(ToegangsverzoekType)

    @staticmethod
    def mutate(root, info, aanbieder, token, reden):
        user = _signed_in(info)
        provider = _object(info, Aanbieder.objects.viewable_by_user(user), aanbieder, _("aanbieder"))
        verzoek = _run(toegang.request_access, user, provider, str(token)[:64], reden, GRAPHQL)
        return VraagToegang(toegangsverzoek=_verzoek_result(user, verzoek))


class BeslisToegangsverzoek(graphene.Mutation):
    """A coordinator grants (the requester joins as deelnemer) or refuses (with a reason)."""

    class Arguments:
        verzoek = graphene.ID(required=True)
        besluit = ToegangsbesluitEnum(required=True)
        toelichting = graphene.String(description="Verplicht bij afwijzen")

    toegangsverzoek = graphene.Field(ToegangsverzoekType)

    @staticmethod
    def mutate(root, info, verzoek, besluit, toelichting=""):
        user = _signed_in(info)
        # Only the requests of spaces the user coordinates are theirs to decide; the requester's
        # own request (which they do see) reads here as any other id they may not act on.
        beheerd = Samenwerkingsruimte.objects.manageable_by_user(user).values("pk")
        item = _object(
            info,
            Toegangsverzoek.objects.viewable_by_user(user).filter(ruimte__in=beheerd).select_related("ruimte"),
            verzoek,
            _("verzoek"),
        )
        _may(info, "manage", item.ruimte)
        toekennen = _value(besluit) == Toegangsverzoek.Besluit.TOEGEKEND
        result = _run(toegang.decide, user, item, GRAPHQL, toekennen, toelichting or "")
        return BeslisToegangsverzoek(toegangsverzoek=_verzoek_result(user, result))


class ActieQuery:
    open_werk_elders = graphene.List(
        graphene.NonNull(WerkEldersType),
        required=True,
        aanbieder=graphene.ID(required=True),
        description=(
            "Open onderzoeken en meldingen over deze aanbieder in ruimtes waarvan u geen lid bent: alleen de "
            "coördinerende organisatie en de soort (voor toezichthouders)"
        ),
    )
    toegangsverzoeken = graphene.List(
        graphene.NonNull(ToegangsverzoekType),
        required=True,
        ruimte=graphene.ID(description="Een ruimte waarvan u coördinator bent"),
        open=graphene.Boolean(description="Alleen de verzoeken die op een besluit wachten"),
        description="Uw eigen verzoeken om toegang, en die voor de ruimtes waarvan u coördinator bent",
    )

    @staticmethod
    def resolve_open_werk_elders(root, info, aanbieder):
        from portal.ids import parse_id

        user = info.context.user
        pk = parse_id(aanbieder)
        provider = None if pk is None else Aanbieder.objects.viewable_by_user(user).filter(pk=pk).first()
        if provider is None:
            return []
        return [
            WerkEldersType(token=e.token, organisatie=e.organisatie, soort=e.soort, aangevraagd=e.aangevraagd)
            for e in toegang.notices(user, provider)
        ]

    @staticmethod
    def resolve_toegangsverzoeken(root, info, ruimte=None, open=None):
        user = info.context.user
        items = Toegangsverzoek.objects.viewable_by_user(user).select_related("aanvrager__organisatie")
        if ruimte is not None:
            # Filtered among the spaces the user coordinates only: a requester must not learn
            # which space their request went to by trying ids.
            beheerd = Samenwerkingsruimte.objects.manageable_by_user(user).values("pk")
            items = items.filter(ruimte=_id_argument(ruimte, _("ruimte")), ruimte__in=beheerd)
        if open is not None:
            items = items.open() if open else items.exclude(besluit="")
        return items

    controle_persoonsgegevens = graphene.List(
        graphene.NonNull(SignaalType),
        leerpunt=graphene.ID(required=True),
        tekst=graphene.String(description="De tekst die breder zichtbaar zou worden; weggelaten: de huidige"),
        description=(
            "De controle op persoonsgegevens vóór een verruiming: elk signaal wordt bij verruimLeerpunt "
            "bevestigd. Alleen voor coördinatoren van de ruimte van het leerpunt; anders leeg (null)."
        ),
    )

    @staticmethod
    def resolve_controle_persoonsgegevens(root, info, leerpunt, tekst=None):
        from portal.ids import parse_id

        user = info.context.user
        pk = parse_id(leerpunt)
        leerpunten_zichtbaar = Leerpunt.objects.viewable_by_user(user).select_related("ruimte")
        item = None if pk is None else leerpunten_zichtbaar.filter(pk=pk).first()
        if item is None or not policy.user_has_permission_for_instance(user, "manage", item.ruimte):
            return None
        tekst = item.tekst if tekst is None else _tekst(tekst, 8000, _("De tekst"))
        return [
            SignaalType(
                soort=s.soort,
                fragment=s.fragment,
                begin=s.begin,
                eind=s.eind,
                uitleg=str(s.uitleg),
                veld=s.veld,
                plaats=str(s.plaats),
            )
            for s in leerpunten.signalen_voor(item, tekst)
        ]


class ActieMutation:
    maak_onderzoek = MaakOnderzoek.Field()
    wijzig_onderzoek = WijzigOnderzoek.Field()
    leg_bevinding_vast = LegBevindingVast.Field()
    kies_conceptrapport = KiesConceptrapport.Field()
    start_procedure = StartProcedure.Field()
    rond_stap_af = RondStapAf.Field()
    verleen_uitstel = VerleenUitstel.Field()
    bied_aan_ter_publicatie = BiedAanTerPublicatie.Field()
    maak_melding = MaakMelding.Field()
    verleng_zelfonderzoek = VerlengZelfonderzoek.Field()
    ontvang_zelfonderzoek = OntvangZelfonderzoek.Field()
    beoordeel_melding = BeoordeelMelding.Field()
    leg_brief_vast = LegBriefVast.Field()
    maak_leerpunt = MaakLeerpunt.Field()
    wijzig_leerpunt = WijzigLeerpunt.Field()
    voeg_aanbeveling_toe = VoegAanbevelingToe.Field()
    verruim_leerpunt = VerruimLeerpunt.Field()
    volg_aanbeveling_op = VolgAanbevelingOp.Field()
    vraag_toegang = VraagToegang.Field()
    beslis_toegangsverzoek = BeslisToegangsverzoek.Field()
