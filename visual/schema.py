"""Who supervises what, in GraphQL: the navigator query and the supervisor lists."""

import graphene
from graphene_django import DjangoObjectType
from graphql import GraphQLError

from portal.links import page_url
from portal.schema_portal import Gemeente as GemeenteType

from . import keuzes
from .keuzes import OngeldigeKeuze
from .models import Toezichthouder, Toezichtsgebied
from .navigator import toezicht_voor


def _page_url(page, info):
    return page_url(page, info.context)


class ToezichthouderType(DjangoObjectType):
    niveau = graphene.String(required=True)
    soort = graphene.String(required=True)
    opvolger = graphene.Field(lambda: ToezichthouderType)
    actueel = graphene.Boolean(required=True)

    class Meta:
        model = Toezichthouder
        name = "Toezichthouder"
        fields = (
            "slug",
            "naam",
            "afkorting",
            "niveau",
            "soort",
            "per_gemeente",
            "website",
            "omschrijving",
            "geldig_vanaf",
            "geldig_tot",
            "opvolger",
            "bron",
        )

    @staticmethod
    def resolve_actueel(toezichthouder, info):
        return toezichthouder.is_geldig_op()


class ToezichtsgebiedType(DjangoObjectType):
    toezichthouder = graphene.Field(ToezichthouderType, required=True)
    wet = graphene.String(required=True)
    domein = graphene.String()
    aspect = graphene.String(required=True)
    dekking = graphene.String(required=True)
    voorzieningen = graphene.String(required=True)
    gemeenten = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="CBS-codes als de dekking een lijst is"
    )
    situaties = graphene.List(graphene.NonNull(graphene.String), required=True)
    wettelijke_grondslag = graphene.List(graphene.NonNull(graphene.String), required=True)

    class Meta:
        model = Toezichtsgebied
        name = "Toezichtsgebied"
        fields = (
            "slug",
            "toezichthouder",
            "rol",
            "meldtermijn",
            "melders",
            "vervolg",
            "bron",
            "bron_url",
            "geldig_vanaf",
            "geldig_tot",
            "terugval",
        )

    @staticmethod
    def resolve_wet(gebied, info):
        return gebied.wet.slug

    @staticmethod
    def resolve_domein(gebied, info):
        return gebied.domein.slug if gebied.domein else None

    @staticmethod
    def resolve_voorzieningen(gebied, info):
        return gebied.voorzieningen_label()

    @staticmethod
    def resolve_gemeenten(gebied, info):
        return [g.cbs_code for g in gebied.gemeenten.all()]

    @staticmethod
    def resolve_situaties(gebied, info):
        return [s.slug for s in gebied.situaties.all()]

    @staticmethod
    def resolve_wettelijke_grondslag(gebied, info):
        return [str(a) for a in gebied.wettelijke_grondslag.all()]


class AdviesToezichthouder(graphene.ObjectType):
    naam = graphene.String(required=True)
    niveau = graphene.String(required=True)
    rol = graphene.String(required=True)
    bron = graphene.String(required=True)
    aspect = graphene.String(required=True)
    wet = graphene.String()
    vastgelegd = graphene.Boolean(required=True, description="Onwaar: niet vastgelegd voor deze gemeente")


class AdviesMelding(graphene.ObjectType):
    naam = graphene.String(required=True)
    termijn = graphene.String(required=True)
    bron = graphene.String(required=True)
    wet = graphene.String()
    melders = graphene.String(required=True)
    vervolg = graphene.String(required=True)
    vastgelegd = graphene.Boolean(required=True)


class AdviesKader(graphene.ObjectType):
    titel = graphene.String(required=True)
    url = graphene.String(required=True)


class Toezichtadvies(graphene.ObjectType):
    gemeente = graphene.Field(GemeenteType, required=True)
    toezichthouders = graphene.List(graphene.NonNull(AdviesToezichthouder), required=True)
    melden_bij = graphene.List(graphene.NonNull(AdviesMelding), required=True)
    kaders = graphene.List(graphene.NonNull(AdviesKader), required=True)
    onbekend = graphene.List(graphene.NonNull(graphene.String), required=True)
    beeindigd = graphene.List(graphene.NonNull(graphene.String), required=True)
    peildatum = graphene.Date(required=True, description="De datum waarop dit antwoord geldt")


def _advies(advies, info):
    return Toezichtadvies(
        gemeente=advies.gemeente,
        toezichthouders=[
            AdviesToezichthouder(
                naam=r.naam,
                niveau=r.niveau,
                rol=r.rol,
                bron=r.bron_volledig,
                aspect=r.aspect,
                wet=r.wet.slug if r.wet else None,
                vastgelegd=not r.terugval,
            )
            for r in advies.toezichthouders
        ],
        melden_bij=[
            AdviesMelding(
                naam=r.naam,
                termijn=r.termijn,
                bron=r.bron_volledig,
                wet=r.wet.slug if r.wet else None,
                melders=r.melders,
                vervolg=r.vervolg,
                vastgelegd=not r.terugval,
            )
            for r in advies.melden_bij
        ],
        kaders=[AdviesKader(titel=p.title, url=_page_url(p, info)) for p in advies.kaders],
        onbekend=advies.onbekend,
        beeindigd=advies.beeindigd,
        peildatum=advies.peildatum,
    )


class Query(graphene.ObjectType):
    wie_houdt_toezicht = graphene.Field(
        graphene.NonNull(Toezichtadvies),
        gemeente=graphene.String(required=True, description="CBS-code (GM0599) of naam"),
        wet=graphene.String(description="Slug of naam van de wet, zoals wmo-2015 of Jeugdwet"),
        voorziening=graphene.String(description="Slug of naam van een soort voorziening (Wmo)"),
        situatie=graphene.String(
            description="calamiteit, geweld, klacht, vermoeden van fraude, "
            "zorgen over kwaliteit of samenhang in het stelsel"
        ),
        peildatum=graphene.String(description="Datum waarop het antwoord moet gelden (jjjj-mm-dd); leeg: vandaag"),
        description="Wie houdt toezicht op dit onderwerp in deze gemeente, en bij wie meldt u?",
    )
    toezichthouders = graphene.List(
        graphene.NonNull(ToezichthouderType),
        required=True,
        actueel=graphene.Boolean(description="Alleen toezichthouders die vandaag bestaan"),
    )
    toezichtsgebieden = graphene.List(
        graphene.NonNull(ToezichtsgebiedType),
        required=True,
        actueel=graphene.Boolean(description="Alleen toezichtsgebieden die vandaag gelden"),
    )

    @staticmethod
    def resolve_wie_houdt_toezicht(root, info, gemeente, wet=None, voorziening=None, situatie=None, peildatum=None):
        try:
            gekozen = {"gemeente": keuzes.vind_gemeente(gemeente), "peildatum": keuzes.vind_peildatum(peildatum)}
            if wet:
                gekozen["wet"] = keuzes.vind_wet(wet)
            if voorziening:
                gekozen["voorziening"] = keuzes.vind_voorziening(voorziening)
            if situatie:
                gekozen["situatie"] = keuzes.vind_situatie(situatie)
        except OngeldigeKeuze as exc:
            raise GraphQLError(exc.bericht) from None
        return _advies(toezicht_voor(user=info.context.user, **gekozen), info)

    @staticmethod
    def resolve_toezichthouders(root, info, actueel=None):
        qs = Toezichthouder.objects.select_related("opvolger")
        return qs.geldig_op() if actueel else qs

    @staticmethod
    def resolve_toezichtsgebieden(root, info, actueel=None):
        qs = Toezichtsgebied.objects.met_gegevens()
        return qs.geldig_op() if actueel else qs
