"""The spaces in GraphQL. Every list and lookup goes through `viewable_by_user`; a space the user
may not see is null or absent, exactly as one that does not exist."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

import graphene
from graphene_django import DjangoObjectType
from graphql import GraphQLError

from portal.models import Organisatie

from . import actions
from .members import users_of
from .models import AuditLogEntry, Bericht, Document, DocumentVersie, Lidmaatschap, Samenwerkingsruimte, Taak

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


class Query:
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

    ruimte = policy.instances_user_has_permission_for(_user(info), action).filter(pk=_pk(value)).first()
    if ruimte is None:
        raise _not_found()
    return ruimte


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
    lid = Lidmaatschap.objects.viewable_by_user(_user(info)).filter(pk=_pk(value)).select_related("ruimte").first()
    if lid is None:
        raise _not_found()
    return lid


class WijzigRol(graphene.Mutation):
    class Arguments:
        lid = graphene.ID(required=True)
        rol = RolEnum(required=True)

    lid = graphene.Field(LidType)

    @staticmethod
    def mutate(root, info, lid, rol):
        user = _signed_in(info)
        return WijzigRol(lid=_run(actions.change_role, user, _member(info, lid), GRAPHQL, getattr(rol, "value", rol)))


class VerwijderLid(graphene.Mutation):
    class Arguments:
        lid = graphene.ID(required=True)

    ok = graphene.Boolean(required=True)

    @staticmethod
    def mutate(root, info, lid):
        user = _signed_in(info)
        _run(actions.remove_member, user, _member(info, lid), GRAPHQL)
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
        item = Taak.objects.viewable_by_user(user).filter(pk=_pk(taak)).select_related("ruimte").first()
        if item is None:
            raise _not_found()
        return RondTaakAf(taak=_run(actions.complete_task, user, item, GRAPHQL, gedaan=gedaan))


class Mutation:
    maak_samenwerkingsruimte = MaakRuimte.Field()
    nodig_uit = NodigUit.Field()
    wijzig_rol = WijzigRol.Field()
    verwijder_lid = VerwijderLid.Field()
    plaats_bericht = PlaatsBericht.Field()
    maak_taak = MaakTaak.Field()
    rond_taak_af = RondTaakAf.Field()
