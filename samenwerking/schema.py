"""The spaces in GraphQL. Every list and lookup goes through `viewable_by_user`; a space the user
may not see is null or absent, exactly as one that does not exist."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _

import graphene
from graphene_django import DjangoObjectType
from graphql import GraphQLError

from portal.ids import parse_id
from portal.models import Organisatie

from . import actions, paginas
from .members import users_of
from .models import (
    Aanbeveling,
    Aanbieder,
    AanbiederLocatie,
    AuditLogEntry,
    Bericht,
    Bevinding,
    BevindingVersie,
    Document,
    DocumentVersie,
    Leerpunt,
    LeerpuntVerruiming,
    Lidmaatschap,
    Melding,
    MeldingBrief,
    MeldingUitstel,
    Onderzoek,
    Opvolging,
    Procedurestap,
    Reikwijdte,
    Samenwerkingsruimte,
    Taak,
    Zelfonderzoek,
)
from .refusals import log_refusal

GRAPHQL = AuditLogEntry.Kanaal.GRAPHQL


def _not_found():
    return GraphQLError(_("Niet gevonden, of u hebt er geen toegang toe."))


def _user(info):
    return info.context.user


def _pk(value):
    try:
        pk = int(str(value))
    except (TypeError, ValueError):
        raise GraphQLError(_("Ongeldig nummer: %(v)s.") % {"v": str(value)[:40]}) from None
    if pk < 1 or pk > 2**62:
        raise _not_found()
    return pk


class LidType(DjangoObjectType):
    naam = graphene.String(required=True)
    organisatie = graphene.String()

    class Meta:
        model = Lidmaatschap
        name = "Lid"
        fields = ("id", "rol")

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(_user(info))

    @staticmethod
    def resolve_organisatie(lid, info):
        if lid.organisatie_id:
            return lid.organisatie.naam
        organisatie = lid.gebruiker.organisatie
        return organisatie.naam if organisatie else None


class DocumentType(DjangoObjectType):
    versie = graphene.Int(description="Het nummer van de laatste versie")
    download_url = graphene.String()

    class Meta:
        model = Document
        name = "Document"
        fields = ("id", "naam", "vertrouwelijkheid")

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(_user(info))

    @staticmethod
    def _latest(document):
        versies = list(document.versies.all())
        return max(versies, key=lambda v: v.nummer) if versies else None

    @staticmethod
    def resolve_versie(document, info):
        latest = DocumentType._latest(document)
        return latest.nummer if latest else None

    @staticmethod
    def resolve_download_url(document, info):
        latest = DocumentType._latest(document)
        if latest is None:
            return None
        return info.context.build_absolute_uri(
            reverse("samenwerking:download", args=[document.ruimte_id, document.pk, latest.nummer])
        )


class BerichtType(DjangoObjectType):
    auteur = graphene.String()
    antwoord_op = graphene.ID()

    class Meta:
        model = Bericht
        name = "Bericht"
        fields = ("id", "tekst", "aangemaakt_op")

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(_user(info))

    @staticmethod
    def resolve_auteur(bericht, info):
        return (bericht.auteur.get_full_name() or bericht.auteur.email) if bericht.auteur else None

    @staticmethod
    def resolve_antwoord_op(bericht, info):
        return bericht.antwoord_op_id


class TaakType(DjangoObjectType):
    toegewezen_aan = graphene.String()
    te_laat = graphene.Boolean(required=True)

    class Meta:
        model = Taak
        name = "Taak"
        fields = ("id", "titel", "omschrijving", "deadline", "gedaan")

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(_user(info))

    @staticmethod
    def resolve_toegewezen_aan(taak, info):
        user = taak.toegewezen_aan
        return (user.get_full_name() or user.email) if user else None

    @staticmethod
    def resolve_te_laat(taak, info):
        return taak.te_laat


class SamenwerkingsruimteType(DjangoObjectType):
    leden = graphene.List(graphene.NonNull(LidType), required=True)
    documenten = graphene.List(graphene.NonNull(DocumentType), required=True)
    berichten = graphene.List(graphene.NonNull(BerichtType), required=True)
    taken = graphene.List(graphene.NonNull(TaakType), required=True)

    class Meta:
        model = Samenwerkingsruimte
        name = "Samenwerkingsruimte"
        fields = ("id", "titel", "doel", "soort", "status")

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(_user(info))

    @staticmethod
    def resolve_leden(ruimte, info):
        return ruimte.lidmaatschappen.all()

    @staticmethod
    def resolve_documenten(ruimte, info):
        return ruimte.documenten.all()

    @staticmethod
    def resolve_berichten(ruimte, info):
        return ruimte.berichten.all()

    @staticmethod
    def resolve_taken(ruimte, info):
        return ruimte.taken.all()


def spaces_for(user):
    """The spaces a user may see, with exactly the children they may see, in a fixed number of queries."""
    return Samenwerkingsruimte.objects.viewable_by_user(user).prefetch_related(
        Prefetch(
            "lidmaatschappen",
            queryset=Lidmaatschap.objects.viewable_by_user(user).select_related(
                "gebruiker__organisatie", "organisatie"
            ),
        ),
        Prefetch(
            "documenten",
            queryset=Document.objects.viewable_by_user(user).prefetch_related(
                Prefetch("versies", queryset=DocumentVersie.objects.viewable_by_user(user))
            ),
        ),
        Prefetch("berichten", queryset=Bericht.objects.viewable_by_user(user).select_related("auteur")),
        Prefetch("taken", queryset=Taak.objects.viewable_by_user(user).select_related("toegewezen_aan")),
    )


class RuimteQuery:
    samenwerkingsruimtes = graphene.List(
        graphene.NonNull(SamenwerkingsruimteType),
        required=True,
        description="De samenwerkingsruimtes waarvan u lid bent",
    )
    samenwerkingsruimte = graphene.Field(SamenwerkingsruimteType, id=graphene.ID(required=True))

    @staticmethod
    def resolve_samenwerkingsruimtes(root, info):
        return spaces_for(_user(info))

    @staticmethod
    def resolve_samenwerkingsruimte(root, info, id):
        try:
            pk = _pk(id)
        except GraphQLError:
            return None
        ruimte = spaces_for(_user(info)).filter(pk=pk).first()
        if ruimte is not None:
            AuditLogEntry.log(_user(info), AuditLogEntry.Actie.BEKEKEN, GRAPHQL, ruimte=ruimte, obj=ruimte)
        return ruimte


def _space(info, value, action="view"):
    from .policy import policy

    pk = _pk(value)
    ruimte = policy.instances_user_has_permission_for(_user(info), action).filter(pk=pk).first()
    if ruimte is None:
        existing = Samenwerkingsruimte.objects.filter(pk=pk).first()
        if existing is not None:
            _run(actions.require, _user(info), action, existing, GRAPHQL)
        raise _not_found()
    return ruimte


def _may_manage_members(info, space):
    """Coordinators, or a superuser where no coordinator can act: checked before the organisation
    id is looked at, so "this organisation does not exist" is only said to who may invite."""
    from .policy import policy

    user = _user(info)
    if policy.user_has_permission_for_instance(user, "manage", space):
        return
    if policy.spaces_needing_administrator(user).filter(pk=space.pk).exists():
        return
    _run(actions.require, user, "manage", space, GRAPHQL)


def _run(func, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except PermissionDenied:
        raise _not_found() from None
    except ValidationError as exc:
        raise GraphQLError(" ".join(exc.messages)) from None


def _signed_in(info):
    user = _user(info)
    if not user.is_authenticated:
        raise GraphQLError(_("Log in om dit te doen."))
    return user


RolEnum = graphene.Enum("Rol", [(value.upper(), value) for value in Lidmaatschap.Rol.values])
SoortEnum = graphene.Enum("RuimteSoort", [(value.upper(), value) for value in Samenwerkingsruimte.Soort.values])


class MaakRuimte(graphene.Mutation):
    class Arguments:
        titel = graphene.String(required=True)
        soort = SoortEnum(required=True)
        doel = graphene.String()

    ruimte = graphene.Field(SamenwerkingsruimteType)

    @staticmethod
    def mutate(root, info, titel, soort, doel=""):
        user = _signed_in(info)
        titel = titel.strip()
        if not titel or len(titel) > 200:
            raise GraphQLError(_("Geef de ruimte een titel van hoogstens 200 tekens."))
        if len(doel or "") > 4000:
            raise GraphQLError(_("Het doel is hoogstens 4.000 tekens lang."))
        soort = getattr(soort, "value", soort)
        ruimte = _run(actions.create_space, user, GRAPHQL, titel, doel or "", soort)
        return MaakRuimte(ruimte=spaces_for(user).get(pk=ruimte.pk))


class NodigUit(graphene.Mutation):
    class Arguments:
        ruimte = graphene.ID(required=True)
        rol = RolEnum(required=True)
        email = graphene.String()
        organisatie = graphene.ID()

    lid = graphene.Field(LidType)
    uitgenodigd = graphene.String(description="Het e-mailadres dat wacht op de eerste aanmelding")

    @staticmethod
    def mutate(root, info, ruimte, rol, email=None, organisatie=None):
        from django.core.validators import validate_email

        user = _signed_in(info)
        space = _space(info, ruimte)
        _may_manage_members(info, space)
        if bool(email) == bool(organisatie):
            raise GraphQLError(_("Geef een e-mailadres of een organisatie, niet allebei."))
        org = None
        if organisatie:
            org = Organisatie.objects.filter(pk=_pk(organisatie)).first()
            if org is None:
                raise GraphQLError(_("Deze organisatie bestaat niet."))
        else:
            try:
                validate_email(email)
            except ValidationError:
                raise GraphQLError(_("Vul een geldig e-mailadres in.")) from None
        result = _run(
            actions.invite, user, space, GRAPHQL, getattr(rol, "value", rol), email=email or "", organisatie=org
        )
        if isinstance(result, Lidmaatschap):
            return NodigUit(lid=result)
        return NodigUit(uitgenodigd=result.email)


def _member(info, value):
    pk = _pk(value)
    lid = Lidmaatschap.objects.viewable_by_user(_user(info)).filter(pk=pk).select_related("ruimte").first()
    if lid is None:
        _log_hidden(info, Lidmaatschap.objects.filter(pk=pk).first(), "lid")
        raise _not_found()
    return lid


def _log_hidden(info, hidden, label):
    """A refusal on an object the user may not see is written to its space's log, as the pages do."""
    ruimte = hidden if isinstance(hidden, Samenwerkingsruimte) else getattr(hidden, "ruimte", None)
    ruimte = ruimte or getattr(getattr(hidden, "leerpunt", None), "ruimte", None)
    if ruimte is not None and _user(info).is_authenticated:
        # Inside the mutation's atomic block: kept until it is left, so a rollback keeps it.
        log_refusal(_user(info), GRAPHQL, ruimte=ruimte, toelichting=str(label))


class WijzigRol(graphene.Mutation):
    class Arguments:
        lid = graphene.ID(required=True)
        rol = RolEnum(required=True)

    lid = graphene.Field(LidType)

    @staticmethod
    def mutate(root, info, lid, rol):
        user = _signed_in(info)
        member = _member(info, lid)
        # Checked here as well as in the action: a refusal logged inside its transaction would be rolled back.
        _may_manage_members(info, member.ruimte)
        return WijzigRol(lid=_run(actions.change_role, user, member, GRAPHQL, getattr(rol, "value", rol)))


class VerwijderLid(graphene.Mutation):
    class Arguments:
        lid = graphene.ID(required=True)

    ok = graphene.Boolean(required=True)

    @staticmethod
    def mutate(root, info, lid):
        user = _signed_in(info)
        member = _member(info, lid)
        _may_manage_members(info, member.ruimte)
        _run(actions.remove_member, user, member, GRAPHQL)
        return VerwijderLid(ok=True)


class PlaatsBericht(graphene.Mutation):
    class Arguments:
        ruimte = graphene.ID(required=True)
        tekst = graphene.String(required=True)
        antwoord_op = graphene.ID()

    bericht = graphene.Field(BerichtType)

    @staticmethod
    def mutate(root, info, ruimte, tekst, antwoord_op=None):
        user = _signed_in(info)
        space = _space(info, ruimte)
        _may(info, "contribute", space)
        parent = None
        if antwoord_op:
            parent = space.berichten.filter(pk=_pk(antwoord_op)).first()
            if parent is None:
                raise GraphQLError(_("Het bericht waarop u antwoordt bestaat niet in deze ruimte."))
        return PlaatsBericht(bericht=_run(actions.post_message, user, space, GRAPHQL, tekst, parent))


class MaakTaak(graphene.Mutation):
    class Arguments:
        ruimte = graphene.ID(required=True)
        titel = graphene.String(required=True)
        omschrijving = graphene.String()
        toegewezen_aan = graphene.String(description="E-mailadres van een lid")
        deadline = graphene.Date()

    taak = graphene.Field(TaakType)

    @staticmethod
    def mutate(root, info, ruimte, titel, omschrijving="", toegewezen_aan=None, deadline=None):
        user = _signed_in(info)
        space = _space(info, ruimte)
        _may(info, "contribute", space)
        assignee = None
        if toegewezen_aan:
            assignee = users_of(space).filter(email__iexact=toegewezen_aan.strip()).first()
            if assignee is None:
                raise GraphQLError(_("Een taak kan alleen aan een lid van de ruimte worden toegewezen."))
        if len(omschrijving or "") > 4000:
            raise GraphQLError(_("De omschrijving is hoogstens 4.000 tekens lang."))
        return MaakTaak(
            taak=_run(actions.create_task, user, space, GRAPHQL, titel, omschrijving or "", assignee, deadline)
        )


class RondTaakAf(graphene.Mutation):
    class Arguments:
        taak = graphene.ID(required=True)
        gedaan = graphene.Boolean()

    taak = graphene.Field(TaakType)

    @staticmethod
    def mutate(root, info, taak, gedaan=True):
        user = _signed_in(info)
        pk = _pk(taak)
        item = Taak.objects.viewable_by_user(user).filter(pk=pk).select_related("ruimte").first()
        if item is None:
            _log_hidden(info, Taak.objects.filter(pk=pk).first(), "taak")
            raise _not_found()
        _may(info, "contribute", item.ruimte)
        return RondTaakAf(taak=_run(actions.complete_task, user, item, GRAPHQL, gedaan=gedaan))


class RuimteMutation:
    maak_samenwerkingsruimte = MaakRuimte.Field()
    nodig_uit = NodigUit.Field()
    wijzig_rol = WijzigRol.Field()
    verwijder_lid = VerwijderLid.Field()
    plaats_bericht = PlaatsBericht.Field()
    maak_taak = MaakTaak.Field()
    rond_taak_af = RondTaakAf.Field()


# The supervisors' objects (issue 11). Every list, lookup and nested field goes through the
# child's own `viewable_by_user`: a member of a space who is no supervisor sees its
# investigations without the providers' register; a learning widened to supervisors shows its
# recommendations but not the space's widening history.


def _enum(name, choices):
    return graphene.Enum(name, [(value.upper(), value) for value in choices.values])


OordeelEnum = _enum("Oordeel", Bevinding.Oordeel)
OnderzoekStatusEnum = _enum("OnderzoekStatus", Onderzoek.Status)
MeldingSoortEnum = _enum("MeldingSoort", Melding.Soort)
MeldingStatusEnum = _enum("MeldingStatus", Melding.Status)
MeldingBeoordelingEnum = _enum("MeldingBeoordeling", Melding.Beoordeling)
ReikwijdteEnum = _enum("Reikwijdte", Reikwijdte)
OpvolgingStatusEnum = _enum("OpvolgingStatus", Opvolging.Status)


def _value(enum_value):
    return getattr(enum_value, "value", enum_value)


def _id_argument(value, label):
    """An id argument of a filter or mutation: a Dutch error for what spells no id."""
    pk = parse_id(value)
    if pk is None:
        raise GraphQLError(_("Ongeldig nummer voor %(veld)s: %(v)s.") % {"veld": label, "v": str(value)[:40]})
    return pk


def _prefetched(obj, name, fallback):
    """A child list prefetched through viewable_by_user, or the fallback queryset."""
    cache = getattr(obj, "_prefetched_objects_cache", {})
    if name in cache:
        return cache[name]
    return fallback()


def _person(user):
    return (user.get_full_name() or user.email) if user else None


class AanbiederLocatieType(DjangoObjectType):
    gemeente = graphene.String()

    class Meta:
        model = AanbiederLocatie
        name = "AanbiederLocatie"
        fields = ("naam", "adres", "postcode", "plaats")

    @staticmethod
    def resolve_gemeente(locatie, info):
        return locatie.gemeente.naam if locatie.gemeente_id else None


class AanbiederType(DjangoObjectType):
    kvk_nummer = graphene.String()
    locaties = graphene.List(graphene.NonNull(AanbiederLocatieType), required=True)
    gemeenten = graphene.List(graphene.NonNull(graphene.String), required=True)
    voorzieningsoorten = graphene.List(graphene.NonNull(graphene.String), required=True)
    onderzoeken = graphene.List(graphene.NonNull(lambda: OnderzoekType), required=True)
    bevindingen = graphene.List(graphene.NonNull(lambda: BevindingType), required=True)
    meldingen = graphene.List(graphene.NonNull(lambda: MeldingType), required=True)
    leerpunten = graphene.List(graphene.NonNull(lambda: LeerpuntType), required=True)

    class Meta:
        model = Aanbieder
        name = "Aanbieder"
        fields = ("id", "naam", "fictief")

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(_user(info))

    @staticmethod
    def resolve_locaties(aanbieder, info):
        return aanbieder.locaties.select_related("gemeente")

    @staticmethod
    def resolve_gemeenten(aanbieder, info):
        return [g.naam for g in aanbieder.gemeenten.all()]

    @staticmethod
    def resolve_voorzieningsoorten(aanbieder, info):
        return [str(v) for v in aanbieder.voorzieningsoorten.all()]

    @staticmethod
    def resolve_onderzoeken(aanbieder, info):
        return Onderzoek.objects.viewable_by_user(_user(info)).filter(aanbieders=aanbieder).distinct()

    @staticmethod
    def resolve_bevindingen(aanbieder, info):
        return Bevinding.objects.viewable_by_user(_user(info)).filter(aanbieder=aanbieder).select_related("norm")

    @staticmethod
    def resolve_meldingen(aanbieder, info):
        return Melding.objects.viewable_by_user(_user(info)).filter(aanbieder=aanbieder)

    @staticmethod
    def resolve_leerpunten(aanbieder, info):
        return Leerpunt.objects.viewable_by_user(_user(info)).filter(aanbieders=aanbieder).distinct()


def _visible_providers(info, queryset):
    """Providers named on an object: only to those who may see the providers' register."""
    return Aanbieder.objects.viewable_by_user(_user(info)).filter(pk__in=queryset.values("pk"))


class BevindingVersieType(DjangoObjectType):
    oordeel = OordeelEnum(required=True)
    door = graphene.String()

    class Meta:
        model = BevindingVersie
        name = "BevindingVersie"
        fields = ("toelichting", "op")
        convert_choices_to_enum = []

    @staticmethod
    def resolve_door(versie, info):
        return _person(versie.door)


class BevindingType(DjangoObjectType):
    oordeel = OordeelEnum(required=True)
    norm = graphene.String(required=True, description="De code en titel van de norm")
    norm_id = graphene.ID(required=True)
    onderzoek_id = graphene.ID(required=True)
    aanbieder = graphene.Field(AanbiederType)
    vastgesteld_door = graphene.String()
    versies = graphene.List(graphene.NonNull(BevindingVersieType), required=True)

    class Meta:
        model = Bevinding
        name = "Bevinding"
        fields = ("id", "toelichting", "vastgesteld_op")
        convert_choices_to_enum = []

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(_user(info))

    @staticmethod
    def resolve_norm(bevinding, info):
        return paginas.normtitel(bevinding.norm, _user(info))

    @staticmethod
    def resolve_norm_id(bevinding, info):
        return bevinding.norm_id

    @staticmethod
    def resolve_onderzoek_id(bevinding, info):
        return bevinding.onderzoek_id

    @staticmethod
    def resolve_aanbieder(bevinding, info):
        return Aanbieder.objects.viewable_by_user(_user(info)).filter(pk=bevinding.aanbieder_id).first()

    @staticmethod
    def resolve_vastgesteld_door(bevinding, info):
        return _person(bevinding.vastgesteld_door)

    @staticmethod
    def resolve_versies(bevinding, info):
        return BevindingVersie.objects.viewable_by_user(_user(info)).filter(bevinding=bevinding).select_related("door")


BesluitEnum = _enum("BesluitOpenbaarmaking", Procedurestap.Besluit)


class ProcedurestapType(DjangoObjectType):
    """A step of the report's publication procedure: for the members of the space only, as
    the investigation itself."""

    besluit = BesluitEnum(description="Alleen bij de stap van het besluit over de openbaarmaking")
    termijn = graphene.Date(description="Uiterlijk op, of na uitstel de nieuwe termijn")
    door = graphene.String()

    class Meta:
        model = Procedurestap
        name = "Procedurestap"
        fields = (
            "id",
            "volgorde",
            "titel",
            "begonnen_op",
            "uiterlijk_op",
            "vroegst_op",
            "uitstel_tot",
            "uitstel_reden",
            "afgerond_op",
            "toelichting",
            "motivering",
        )
        convert_choices_to_enum = []

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(_user(info))

    @staticmethod
    def resolve_besluit(stap, info):
        return stap.besluit or None

    @staticmethod
    def resolve_termijn(stap, info):
        return stap.termijn

    @staticmethod
    def resolve_door(stap, info):
        return _person(stap.door)


class ToetsnormType(graphene.ObjectType):
    """A norm of an investigation's toetsingskader: its id and code are the investigation's own
    data; its title only for who may see the norm's page."""

    norm_id = graphene.ID(required=True)
    code = graphene.String(required=True)
    titel = graphene.String(description="Leeg als u de pagina van de norm niet mag zien")

    class Meta:
        name = "Toetsnorm"


def _toetsnormen(onderzoek, info):
    from portal.privacy import pages

    regels = list(onderzoek.toetsnormen.select_related("norm"))
    visible = set(
        pages().viewable_by_user(_user(info)).filter(pk__in=[r.norm_id for r in regels]).values_list("pk", flat=True)
    )
    return [(regel.norm, regel.norm_id in visible) for regel in regels]


class OnderzoekType(DjangoObjectType):
    status = OnderzoekStatusEnum(required=True)
    toezichtsvorm = graphene.String(required=True)
    kader = graphene.String(required=True, description="De versie van het toetsingskader")
    ruimte_id = graphene.ID(required=True)
    coordinerende_organisatie = graphene.String()
    normen = graphene.List(graphene.NonNull(graphene.String), required=True)
    toetsnormen = graphene.List(graphene.NonNull(ToetsnormType), required=True)
    gemeenten = graphene.List(graphene.NonNull(graphene.String), required=True)
    organisaties = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="De deelnemende toezichthouders"
    )
    procedurestappen = graphene.List(
        graphene.NonNull(ProcedurestapType), required=True, description="De stappen van de openbaarmaking"
    )
    aangeboden_ter_publicatie = graphene.Boolean(required=True)
    aanbieders = graphene.List(graphene.NonNull(AanbiederType), required=True)
    bevindingen = graphene.List(graphene.NonNull(BevindingType), required=True)
    leerpunten = graphene.List(graphene.NonNull(lambda: LeerpuntType), required=True)

    class Meta:
        model = Onderzoek
        name = "Onderzoek"
        fields = (
            "id",
            "titel",
            "aanleiding",
            "gepland_begin",
            "gepland_eind",
            "werkelijk_begin",
            "werkelijk_eind",
            "contactpersonen",
            "reactie_aanbieder",
            "fictief",
        )
        convert_choices_to_enum = []

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(_user(info))

    @staticmethod
    def resolve_toezichtsvorm(onderzoek, info):
        return paginas.titel(onderzoek.toezichtsvorm, _user(info))

    @staticmethod
    def resolve_kader(onderzoek, info):
        return paginas.titel(onderzoek.kader, _user(info))

    @staticmethod
    def resolve_ruimte_id(onderzoek, info):
        return onderzoek.ruimte_id

    @staticmethod
    def resolve_coordinerende_organisatie(onderzoek, info):
        organisatie = onderzoek.coordinerende_organisatie
        return organisatie.naam if organisatie else None

    @staticmethod
    def resolve_normen(onderzoek, info):
        return [
            f"{norm.code} {norm.title}".strip() if visible else _("%(code)s (niet zichtbaar)") % {"code": norm.code}
            for norm, visible in _toetsnormen(onderzoek, info)
        ]

    @staticmethod
    def resolve_toetsnormen(onderzoek, info):
        return [
            ToetsnormType(norm_id=norm.pk, code=norm.code, titel=norm.title if visible else None)
            for norm, visible in _toetsnormen(onderzoek, info)
        ]

    @staticmethod
    def resolve_gemeenten(onderzoek, info):
        return [g.naam for g in onderzoek.gemeenten.order_by("naam")]

    @staticmethod
    def resolve_organisaties(onderzoek, info):
        return [o.naam for o in onderzoek.organisaties.order_by("naam")]

    @staticmethod
    def resolve_procedurestappen(onderzoek, info):
        return Procedurestap.objects.viewable_by_user(_user(info)).filter(onderzoek=onderzoek).select_related("door")

    @staticmethod
    def resolve_aangeboden_ter_publicatie(onderzoek, info):
        return onderzoek.publicatie_id is not None

    @staticmethod
    def resolve_aanbieders(onderzoek, info):
        return _visible_providers(info, onderzoek.aanbieders.all())

    @staticmethod
    def resolve_bevindingen(onderzoek, info):
        return _prefetched(
            onderzoek,
            "bevindingen",
            lambda: Bevinding.objects.viewable_by_user(_user(info)).filter(onderzoek=onderzoek).select_related("norm"),
        )

    @staticmethod
    def resolve_leerpunten(onderzoek, info):
        return Leerpunt.objects.viewable_by_user(_user(info)).filter(onderzoek=onderzoek)


class MeldingUitstelType(DjangoObjectType):
    door = graphene.String()

    class Meta:
        model = MeldingUitstel
        name = "MeldingUitstel"
        fields = ("reden", "nieuwe_termijn", "op")

    @staticmethod
    def resolve_door(uitstel, info):
        return _person(uitstel.door)


def _space_document_of(obj, info):
    """The document a part of a report points at, for who may see it (coordinators only, maybe)."""
    if obj.document_id is None:
        return None
    return Document.objects.viewable_by_user(_user(info)).filter(pk=obj.document_id).first()


class ZelfonderzoekType(DjangoObjectType):
    """The provider's self-investigation as received: for the members of the report's space only."""

    document = graphene.Field(DocumentType)

    class Meta:
        model = Zelfonderzoek
        name = "Zelfonderzoek"
        fields = ("id", "ontvangen_op", "toelichting")

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(_user(info))

    @staticmethod
    def resolve_document(zelfonderzoek, info):
        return _space_document_of(zelfonderzoek, info)


BriefSoortEnum = _enum("BriefSoort", MeldingBrief.Soort)


class MeldingBriefType(DjangoObjectType):
    """A letter about a report (to the provider, a copy to the aldermen): never public."""

    soort = BriefSoortEnum(required=True)
    kopie_aan = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="De gemeenten van wier wethouder(s) een kopie"
    )
    document = graphene.Field(DocumentType)

    class Meta:
        model = MeldingBrief
        name = "MeldingBrief"
        fields = ("id", "verzonden_op", "toelichting")
        convert_choices_to_enum = []

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(_user(info))

    @staticmethod
    def resolve_kopie_aan(brief, info):
        return [g.naam for g in brief.kopie_aan.order_by("naam")]

    @staticmethod
    def resolve_document(brief, info):
        return _space_document_of(brief, info)


class MeldingType(DjangoObjectType):
    soort = MeldingSoortEnum(required=True)
    status = MeldingStatusEnum(required=True)
    beoordeling = MeldingBeoordelingEnum()
    ruimte_id = graphene.ID(required=True)
    aanbieder = graphene.Field(AanbiederType)
    coordinerende_organisatie = graphene.String()
    gemeenten = graphene.List(graphene.NonNull(graphene.String), required=True)
    uitstellen = graphene.List(graphene.NonNull(MeldingUitstelType), required=True)
    zelfonderzoek = graphene.Field(ZelfonderzoekType)
    brieven = graphene.List(graphene.NonNull(MeldingBriefType), required=True)
    leerpunten = graphene.List(graphene.NonNull(lambda: LeerpuntType), required=True)

    class Meta:
        model = Melding
        name = "Melding"
        fields = (
            "id",
            "datum_gebeurtenis",
            "datum_gemeld",
            "tijdig_gemeld",
            "meldtermijn_werkdagen",
            "samenvatting",
            "betrokkenen",
            "zelfonderzoek_uiterlijk",
            "beoordeling_toelichting",
            "beoordeeld_op",
            "afgesloten_op",
            "fictief",
        )
        convert_choices_to_enum = []

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(_user(info))

    @staticmethod
    def resolve_beoordeling(melding, info):
        return melding.beoordeling or None

    @staticmethod
    def resolve_ruimte_id(melding, info):
        return melding.ruimte_id

    @staticmethod
    def resolve_aanbieder(melding, info):
        return Aanbieder.objects.viewable_by_user(_user(info)).filter(pk=melding.aanbieder_id).first()

    @staticmethod
    def resolve_gemeenten(melding, info):
        return [g.naam for g in melding.gemeenten.all()]

    @staticmethod
    def resolve_coordinerende_organisatie(melding, info):
        organisatie = melding.coordinerende_organisatie
        return organisatie.naam if organisatie else None

    @staticmethod
    def resolve_uitstellen(melding, info):
        return MeldingUitstel.objects.viewable_by_user(_user(info)).filter(melding=melding).select_related("door")

    @staticmethod
    def resolve_zelfonderzoek(melding, info):
        return Zelfonderzoek.objects.viewable_by_user(_user(info)).filter(melding=melding).first()

    @staticmethod
    def resolve_brieven(melding, info):
        return MeldingBrief.objects.viewable_by_user(_user(info)).filter(melding=melding)

    @staticmethod
    def resolve_leerpunten(melding, info):
        return Leerpunt.objects.viewable_by_user(_user(info)).filter(melding=melding)


class OpvolgingType(DjangoObjectType):
    status = OpvolgingStatusEnum(required=True)
    organisatie = graphene.String(required=True)

    class Meta:
        model = Opvolging
        name = "Opvolging"
        fields = ("id", "datum", "toelichting", "bijgewerkt_op")
        convert_choices_to_enum = []

    @staticmethod
    def resolve_organisatie(opvolging, info):
        return opvolging.organisatie.naam


class AanbevelingType(DjangoObjectType):
    leerpunt_id = graphene.ID(required=True)
    opvolgingen = graphene.List(graphene.NonNull(OpvolgingType), required=True)

    class Meta:
        model = Aanbeveling
        name = "Aanbeveling"
        fields = ("id", "tekst", "aangemaakt_op")

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(_user(info))

    @staticmethod
    def resolve_leerpunt_id(aanbeveling, info):
        return aanbeveling.leerpunt_id

    @staticmethod
    def resolve_opvolgingen(aanbeveling, info):
        return _prefetched(
            aanbeveling,
            "opvolgingen",
            lambda: (
                Opvolging.objects.viewable_by_user(_user(info))
                .filter(aanbeveling=aanbeveling)
                .select_related("organisatie")
            ),
        )


class LeerpuntVerruimingType(DjangoObjectType):
    van = ReikwijdteEnum(required=True)
    naar = ReikwijdteEnum(required=True)
    door = graphene.String()

    class Meta:
        model = LeerpuntVerruiming
        name = "LeerpuntVerruiming"
        fields = ("reden", "op")
        convert_choices_to_enum = []

    @staticmethod
    def resolve_door(verruiming, info):
        return _person(verruiming.door) or verruiming.door_email or None


class LeerpuntType(DjangoObjectType):
    reikwijdte = ReikwijdteEnum(required=True)
    themas = graphene.List(graphene.NonNull(graphene.String), required=True)
    normen = graphene.List(graphene.NonNull(graphene.String), required=True)
    aanbieders = graphene.List(graphene.NonNull(AanbiederType), required=True)
    aanbevelingen = graphene.List(graphene.NonNull(AanbevelingType), required=True)
    verruimingen = graphene.List(
        graphene.NonNull(LeerpuntVerruimingType),
        required=True,
        description="Wie wanneer en waarom het leerpunt breder zichtbaar maakte (voor leden van de ruimte)",
    )

    class Meta:
        model = Leerpunt
        name = "Leerpunt"
        fields = ("id", "titel", "tekst", "fictief", "aangemaakt_op")
        convert_choices_to_enum = []

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(_user(info))

    @staticmethod
    def resolve_themas(leerpunt, info):
        return [t.naam for t in leerpunt.themas.all()]

    @staticmethod
    def resolve_normen(leerpunt, info):
        from portal.privacy import pages

        visible = pages().viewable_by_user(_user(info)).values("pk")
        return [f"{n.code} {n.title}".strip() for n in leerpunt.normen.filter(pk__in=visible).order_by("path")]

    @staticmethod
    def resolve_aanbieders(leerpunt, info):
        return _visible_providers(info, leerpunt.aanbieders.all())

    @staticmethod
    def resolve_aanbevelingen(leerpunt, info):
        return _prefetched(
            leerpunt,
            "aanbevelingen",
            lambda: Aanbeveling.objects.viewable_by_user(_user(info)).filter(leerpunt=leerpunt),
        )

    @staticmethod
    def resolve_verruimingen(leerpunt, info):
        return LeerpuntVerruiming.objects.viewable_by_user(_user(info)).filter(leerpunt=leerpunt)


def _lookup(queryset, value):
    """One object by id argument: null for what spells no id, does not exist or is hidden."""
    pk = parse_id(value)
    return None if pk is None else queryset.filter(pk=pk).first()


def _search_text(value, limit=200):
    text = " ".join(str(value or "").replace("\x00", "").split())
    if len(text) > limit:
        raise GraphQLError(_("Een zoekterm is hoogstens %(n)d tekens lang.") % {"n": limit})
    return text


class ToezichtQuery:
    aanbieders = graphene.List(
        graphene.NonNull(AanbiederType),
        required=True,
        zoek=graphene.String(description="Een deel van de naam of het begin van het KvK-nummer"),
        description="De aanbieders (voor toezichthouders)",
    )
    aanbieder = graphene.Field(AanbiederType, id=graphene.ID(required=True))
    onderzoeken = graphene.List(
        graphene.NonNull(OnderzoekType),
        required=True,
        ruimte=graphene.ID(),
        aanbieder=graphene.ID(),
        status=OnderzoekStatusEnum(),
    )
    onderzoek = graphene.Field(OnderzoekType, id=graphene.ID(required=True))
    bevindingen = graphene.List(
        graphene.NonNull(BevindingType),
        required=True,
        onderzoek=graphene.ID(),
        aanbieder=graphene.ID(),
        oordeel=OordeelEnum(),
    )
    meldingen = graphene.List(
        graphene.NonNull(MeldingType),
        required=True,
        ruimte=graphene.ID(),
        aanbieder=graphene.ID(),
        open=graphene.Boolean(),
    )
    melding = graphene.Field(MeldingType, id=graphene.ID(required=True))
    leerpunten = graphene.List(
        graphene.NonNull(LeerpuntType),
        required=True,
        reikwijdte=ReikwijdteEnum(),
        thema=graphene.String(description="De slug van een thema"),
        description="Alle leerpunten die u mag zien, op elke reikwijdte; zonder inloggen de openbare",
    )
    leerpunt = graphene.Field(LeerpuntType, id=graphene.ID(required=True))
    aanbevelingen = graphene.List(
        graphene.NonNull(AanbevelingType),
        required=True,
        open=graphene.Boolean(description="Alleen aanbevelingen met een opvolging die nog niet is afgerond"),
        leerpunt=graphene.ID(),
    )

    @staticmethod
    def resolve_aanbieders(root, info, zoek=None):
        items = Aanbieder.objects.viewable_by_user(_user(info))
        text = _search_text(zoek)
        if text:
            match = Q(naam__icontains=text)
            if text.replace(" ", "").isdigit():
                match |= Q(kvk_nummer__startswith=text.replace(" ", ""))
            items = items.filter(match)
        return items

    @staticmethod
    def resolve_aanbieder(root, info, id):
        return _lookup(Aanbieder.objects.viewable_by_user(_user(info)), id)

    @staticmethod
    def resolve_onderzoeken(root, info, ruimte=None, aanbieder=None, status=None):
        user = _user(info)
        items = Onderzoek.objects.viewable_by_user(user).select_related("toezichtsvorm", "kader")
        if ruimte is not None:
            items = items.filter(ruimte_id=_id_argument(ruimte, _("ruimte")))
        if aanbieder is not None:
            items = items.filter(aanbieders=_id_argument(aanbieder, _("aanbieder"))).distinct()
        if status is not None:
            items = items.filter(status=_value(status))
        return items.prefetch_related(
            Prefetch("bevindingen", queryset=Bevinding.objects.viewable_by_user(user).select_related("norm"))
        )

    @staticmethod
    def resolve_onderzoek(root, info, id):
        item = _lookup(Onderzoek.objects.viewable_by_user(_user(info)), id)
        if item is not None:
            AuditLogEntry.log(_user(info), AuditLogEntry.Actie.BEKEKEN, GRAPHQL, ruimte=item.ruimte, obj=item)
        return item

    @staticmethod
    def resolve_bevindingen(root, info, onderzoek=None, aanbieder=None, oordeel=None):
        items = Bevinding.objects.viewable_by_user(_user(info)).select_related("norm")
        if onderzoek is not None:
            items = items.filter(onderzoek_id=_id_argument(onderzoek, _("onderzoek")))
        if aanbieder is not None:
            items = items.filter(aanbieder_id=_id_argument(aanbieder, _("aanbieder")))
        if oordeel is not None:
            items = items.filter(oordeel=_value(oordeel))
        return items

    @staticmethod
    def resolve_meldingen(root, info, ruimte=None, aanbieder=None, open=None):
        items = Melding.objects.viewable_by_user(_user(info))
        if ruimte is not None:
            items = items.filter(ruimte_id=_id_argument(ruimte, _("ruimte")))
        if aanbieder is not None:
            items = items.filter(aanbieder_id=_id_argument(aanbieder, _("aanbieder")))
        if open is not None:
            items = items.open() if open else items.filter(status=Melding.Status.AFGESLOTEN)
        return items

    @staticmethod
    def resolve_melding(root, info, id):
        item = _lookup(Melding.objects.viewable_by_user(_user(info)), id)
        if item is not None:
            AuditLogEntry.log(_user(info), AuditLogEntry.Actie.BEKEKEN, GRAPHQL, ruimte=item.ruimte, obj=item)
        return item

    @staticmethod
    def resolve_leerpunten(root, info, reikwijdte=None, thema=None):
        user = _user(info)
        items = Leerpunt.objects.viewable_by_user(user)
        if reikwijdte is not None:
            items = items.filter(reikwijdte=_value(reikwijdte))
        if thema is not None:
            items = items.filter(themas__slug=_search_text(thema, 100)).distinct()
        return items.prefetch_related(
            "themas", Prefetch("aanbevelingen", queryset=Aanbeveling.objects.viewable_by_user(user))
        )

    @staticmethod
    def resolve_leerpunt(root, info, id):
        return _lookup(Leerpunt.objects.viewable_by_user(_user(info)), id)

    @staticmethod
    def resolve_aanbevelingen(root, info, open=None, leerpunt=None):
        user = _user(info)
        items = Aanbeveling.objects.viewable_by_user(user)
        if leerpunt is not None:
            items = items.filter(leerpunt_id=_id_argument(leerpunt, _("leerpunt")))
        if open is not None:
            pending = Opvolging.objects.open().values("aanbeveling")
            items = items.filter(pk__in=pending) if open else items.exclude(pk__in=pending)
        return items.prefetch_related(
            Prefetch("opvolgingen", queryset=Opvolging.objects.viewable_by_user(user).select_related("organisatie"))
        )


def _object(info, queryset, value, label):
    """The object a mutation acts on: a Dutch error for a bad id, "not found" for a hidden one."""
    pk = _id_argument(value, label)
    item = queryset.filter(pk=pk).first()
    if item is None:
        _log_hidden(info, queryset.model.objects.filter(pk=pk).first(), label)
        raise _not_found()
    return item


def _may(info, action, ruimte):
    """Refuse who may not act before any other argument is looked at: otherwise "this provider
    does not exist" against "not found" would tell them which ids exist."""
    _run(actions.require, _user(info), action, ruimte, GRAPHQL)


# The supervisors' actions of issue 11 live in their own module, which builds on the types above.
from .schema_acties import ActieMutation, ActieQuery  # noqa: E402


class Query(RuimteQuery, ToezichtQuery, ActieQuery):
    pass


class Mutation(RuimteMutation, ActieMutation):
    pass
