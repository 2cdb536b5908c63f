"""The kennisbank's part of the GraphQL schema. Every list goes through viewable_by_user."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

import graphene
from graphene_django import DjangoObjectType
from graphql import GraphQLError

from portal.ids import parse_id
from portal.links import page_url

from .models import (
    Begrip,
    HandreikingPage,
    NormPage,
    PublicatiePage,
    ToezichtkaderPage,
    ToezichtsvormPage,
    Wet,
    Wetsartikel,
)


def _user(info):
    return info.context.user


def _page_url(page, info):
    return page_url(page, info.context)


def _zichtbare_kader_ids(info):
    """The frameworks this user may see, once per request: a norm's framework is then no
    extra query per norm."""
    request = info.context
    if not hasattr(request, "_zichtbare_kader_ids"):
        request._zichtbare_kader_ids = set(
            ToezichtkaderPage.objects.viewable_by_user(_user(info)).values_list("pk", flat=True)
        )
    return request._zichtbare_kader_ids


class WetType(DjangoObjectType):
    url = graphene.String(required=True)

    class Meta:
        model = Wet
        name = "Wet"
        fields = ("slug", "naam", "afkorting", "bwb_id")


class WetsartikelType(DjangoObjectType):
    url = graphene.String(required=True, description="De link naar het artikel op wetten.overheid.nl")
    label = graphene.String(required=True)
    wet = graphene.Field(WetType, required=True)

    class Meta:
        model = Wetsartikel
        name = "Wetsartikel"
        fields = ("id", "wet", "artikel", "lid", "sub")

    @staticmethod
    def resolve_label(artikel, info):
        return str(artikel)


class KaderSamenvattingMixin:
    @staticmethod
    def resolve_titel(page, info):
        return page.title

    @staticmethod
    def resolve_url(page, info):
        return _page_url(page, info)


class NormType(KaderSamenvattingMixin, DjangoObjectType):
    titel = graphene.String(required=True, description="De norm of het criterium zelf")
    url = graphene.String(required=True)
    toetspunten = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Wat de toezichthouder toetst"
    )
    wettelijke_grondslag = graphene.List(graphene.NonNull(WetsartikelType), required=True)
    toezichtkader = graphene.Field(lambda: ToezichtkaderType)
    waarom = graphene.String()

    class Meta:
        model = NormPage
        name = "Norm"
        fields = ("id", "code", "toelichting")

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(_user(info))

    @staticmethod
    def resolve_titel(norm, info):
        return norm.stelling

    @staticmethod
    def resolve_toetspunten(norm, info):
        return [punt.volledige_tekst() for punt in norm.toetspunten.all()]

    @staticmethod
    def resolve_wettelijke_grondslag(norm, info):
        return norm.wettelijke_grondslag.all()

    @staticmethod
    def resolve_toezichtkader(norm, info):
        kader = norm.toezichtkader
        if kader is None or kader.pk not in _zichtbare_kader_ids(info):
            return None
        return kader


class ToezichtkaderType(KaderSamenvattingMixin, DjangoObjectType):
    titel = graphene.String(required=True)
    url = graphene.String(required=True)
    normen = graphene.List(
        graphene.NonNull(NormType),
        required=True,
        description="Alle normen en criteria van dit kader, in de volgorde van het kader",
    )
    geldig_tot = graphene.Date()
    opvolger = graphene.Field(lambda: ToezichtkaderType)

    class Meta:
        model = ToezichtkaderPage
        name = "Toezichtkader"
        fields = (
            "id",
            "slug",
            "uitgever",
            "versie",
            "geldig_vanaf",
            "vastgesteld_op",
            "samenvatting",
            "bron",
            "bron_url",
        )

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(_user(info))

    @staticmethod
    def resolve_normen(kader, info):
        prefetched = getattr(kader, "_zichtbare_normen", None)
        if prefetched is not None:
            return prefetched
        return list(norm_queryset(_user(info)).filter(toezichtkader=kader))

    @staticmethod
    def resolve_opvolger(kader, info):
        if not kader.opvolger_id:
            return None
        return ToezichtkaderPage.objects.viewable_by_user(_user(info)).filter(pk=kader.opvolger_id).first()

    @staticmethod
    def resolve_geldig_tot(kader, info):
        """Until the successor this client may see took over; a hidden one shows no date."""
        opvolger = ToezichtkaderType.resolve_opvolger(kader, info)
        return opvolger.geldig_vanaf if opvolger is not None else None


def norm_queryset(user):
    return (
        NormPage.objects.viewable_by_user(user)
        .order_by("path")
        .select_related("toezichtkader")
        .prefetch_related(
            "toetspunten",
            Prefetch("wettelijke_grondslag", queryset=Wetsartikel.objects.select_related("wet")),
        )
    )


class BegripType(DjangoObjectType):
    bron = graphene.String()

    class Meta:
        model = Begrip
        name = "Begrip"
        fields = ("id", "term", "definitie")

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(_user(info))

    @staticmethod
    def resolve_bron(begrip, info):
        return begrip.bron_label


class ToezichtsvormType(KaderSamenvattingMixin, DjangoObjectType):
    titel = graphene.String(required=True)
    url = graphene.String(required=True)

    class Meta:
        model = ToezichtsvormPage
        name = "Toezichtsvorm"
        fields = ("id", "slug", "samenvatting", "aanleiding", "doel", "werkwijze", "vervolg", "openbaarmaking")

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(_user(info))


class HandreikingType(KaderSamenvattingMixin, DjangoObjectType):
    titel = graphene.String(required=True)
    url = graphene.String(required=True)

    class Meta:
        model = HandreikingPage
        name = "Handreiking"
        fields = ("id", "slug", "samenvatting", "uitgever", "datum")

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(_user(info))


class PublicatieType(KaderSamenvattingMixin, DjangoObjectType):
    titel = graphene.String(required=True)
    url = graphene.String(required=True)
    soort = graphene.String(required=True)
    gemeenten = graphene.List(graphene.NonNull(graphene.String), required=True)

    class Meta:
        model = PublicatiePage
        name = "Publicatie"
        fields = ("id", "slug", "samenvatting", "uitgever", "jaar", "datum")

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.viewable_by_user(_user(info))

    @staticmethod
    def resolve_soort(publicatie, info):
        return publicatie.publicatiesoort

    @staticmethod
    def resolve_gemeenten(publicatie, info):
        return [gemeente.naam for gemeente in publicatie.gemeenten.all()]


def _find_kader(user, value):
    kaders = ToezichtkaderPage.objects.viewable_by_user(user)
    value = str(value).strip()
    pk = parse_id(value)
    kader = kaders.filter(pk=pk).first() if pk is not None else None
    return kader or kaders.filter(slug=value).first()


class Query(graphene.ObjectType):
    toezichtkaders = graphene.List(graphene.NonNull(ToezichtkaderType), required=True)
    toezichtkader = graphene.Field(
        ToezichtkaderType, id=graphene.ID(required=True), description="Een kader op id of slug"
    )
    norm = graphene.Field(
        NormType, code=graphene.String(required=True), toezichtkader=graphene.ID(description="Id of slug van het kader")
    )
    begrippen = graphene.List(graphene.NonNull(BegripType), required=True)
    toezichtsvormen = graphene.List(graphene.NonNull(ToezichtsvormType), required=True)
    handreikingen = graphene.List(graphene.NonNull(HandreikingType), required=True)
    publicaties = graphene.List(graphene.NonNull(PublicatieType), required=True)
    wetten = graphene.List(graphene.NonNull(WetType), required=True)

    @staticmethod
    def resolve_toezichtkaders(root, info):
        user = _user(info)
        kaders = list(ToezichtkaderPage.objects.viewable_by_user(user).order_by("path"))
        by_kader = {kader.pk: [] for kader in kaders}
        for norm in norm_queryset(user).filter(toezichtkader__in=kaders):
            by_kader[norm.toezichtkader_id].append(norm)
        for kader in kaders:
            kader._zichtbare_normen = by_kader[kader.pk]
        return kaders

    @staticmethod
    def resolve_toezichtkader(root, info, id):
        return _find_kader(_user(info), id)

    @staticmethod
    def resolve_norm(root, info, code, toezichtkader=None):
        code = code.strip()
        if not code or len(code) > 20:
            raise GraphQLError(_("Geef een geldige normcode op, bijvoorbeeld 1.1.1."))
        normen = norm_queryset(_user(info)).filter(code=code)
        if toezichtkader is not None:
            kader = _find_kader(_user(info), toezichtkader)
            if kader is None:
                raise GraphQLError(_("Toezichtkader '%(kader)s' bestaat niet.") % {"kader": str(toezichtkader)[:100]})
            normen = normen.filter(toezichtkader=kader)
        found = list(normen[:2])
        if len(found) > 1:
            raise GraphQLError(
                _("Code %(code)s komt in meer dan één toezichtkader voor; geef het argument toezichtkader op.")
                % {"code": code}
            )
        return found[0] if found else None

    @staticmethod
    def resolve_begrippen(root, info):
        return Begrip.objects.viewable_by_user(_user(info)).select_related("kader").order_by("term")

    @staticmethod
    def resolve_toezichtsvormen(root, info):
        return ToezichtsvormPage.objects.viewable_by_user(_user(info)).order_by("path")

    @staticmethod
    def resolve_handreikingen(root, info):
        return HandreikingPage.objects.viewable_by_user(_user(info)).order_by("title")

    @staticmethod
    def resolve_publicaties(root, info):
        return (
            PublicatiePage.objects.viewable_by_user(_user(info))
            .prefetch_related("gemeenten")
            .order_by("-jaar", "title")
        )

    @staticmethod
    def resolve_wetten(root, info):
        return Wet.objects.order_by("naam")
