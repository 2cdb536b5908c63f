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
from graphql import GraphQLError

from . import melding_acties, onderzoek_acties, procedure
from .models import Document, Melding, Onderzoek, Procedurestap, Samenwerkingsruimte
from .schema import (
    GRAPHQL,
    BesluitEnum,
    BriefSoortEnum,
    MeldingBeoordelingEnum,
    MeldingType,
    OnderzoekStatusEnum,
    OnderzoekType,
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


def _onderzoek_result(user, onderzoek):
    return Onderzoek.objects.viewable_by_user(user).select_related("kader", "toezichtsvorm").get(pk=onderzoek.pk)


NormKeuzeEnum = graphene.Enum(
    "NormKeuze", [("ALLE", "alle"), ("ONDERDEEL", "onderdeel"), ("SELECTIE", "selectie")]
)


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
        item = _run(
            onderzoek_acties.create_onderzoek, user, space, GRAPHQL, form.cleaned_data, form.gekozen_normen
        )
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
# The report's publication procedure (procedure.py): the concept, the start, each step with its
# date, the zienswijze's extension on a reasoned request, and the offer for publication.


def _tekst(value, limit, label):
    """A free text argument as the page's form takes it: stripped, at most `limit` characters."""
    value = (value or "").strip()
    if len(value) > limit:
        raise GraphQLError(_("%(veld)s is hoogstens %(n)d tekens lang.") % {"veld": label, "n": limit})
    return value


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


class ActieMutation:
    maak_onderzoek = MaakOnderzoek.Field()
    wijzig_onderzoek = WijzigOnderzoek.Field()
    kies_conceptrapport = KiesConceptrapport.Field()
    start_procedure = StartProcedure.Field()
    rond_stap_af = RondStapAf.Field()
    verleen_uitstel = VerleenUitstel.Field()
    bied_aan_ter_publicatie = BiedAanTerPublicatie.Field()
    ontvang_zelfonderzoek = OntvangZelfonderzoek.Field()
    beoordeel_melding = BeoordeelMelding.Field()
    leg_brief_vast = LegBriefVast.Field()
