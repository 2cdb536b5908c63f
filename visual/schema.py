"""Who supervises what, in GraphQL: the navigator query and the supervisor lists."""

from datetime import date

from django.urls import reverse
from django.utils.http import urlencode

import graphene
from graphene_django import DjangoObjectType
from graphql import GraphQLError

from portal.links import absolute_url
from portal.schema_portal import Gemeente as GemeenteType

from . import keuzes, opendata
from .gegevens import referentie
from .keuzes import OngeldigeKeuze
from .models import Toezichthouder, Toezichtsgebied
from .models.toezicht import TAAK_VOLGORDE, Taak
from .navigator import alle_zichtbaar, beantwoord, zichtbare_bronnen


class ToezichthouderType(DjangoObjectType):
    niveau = graphene.String(required=True)
    soort = graphene.String(required=True)
    opvolger = graphene.Field(lambda: ToezichthouderType)
    actueel = graphene.Boolean(required=True)
    bron_url = graphene.String(description="De kennisbankpagina van de bron, als het portaal er een heeft")

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

    @staticmethod
    def resolve_bron(toezichthouder, info):
        return toezichthouder.getoonde_bron(_toezichthouder_bron_zichtbaar(toezichthouder, info))

    @staticmethod
    def resolve_bron_url(toezichthouder, info):
        if not _toezichthouder_bron_zichtbaar(toezichthouder, info):
            return None
        pagina = _toezichthouder_bronnen(info).get(toezichthouder.bron_pagina_id)
        return absolute_url(pagina.url) if pagina else None


def _toezichthouder_bronnen(info):
    """{pk: page} of the pages the supervisors' citations name that the user may see, framework
    included; read once per request."""
    if not hasattr(info.context, "_visual_toezichthouder_bronnen"):
        ids = {pk for paginas in referentie().toezichthouder_citeert.values() for pk in paginas}
        info.context._visual_toezichthouder_bronnen = zichtbare_bronnen(ids, info.context.user)
    return info.context._visual_toezichthouder_bronnen


def _toezichthouder_bron_zichtbaar(toezichthouder, info):
    zichtbaar = _toezichthouder_bronnen(info)
    return alle_zichtbaar(referentie().toezichthouder_citeert.get(toezichthouder.pk, ()), zichtbaar)


def _getoonde_bron(gebied, info):
    # The sources the user may see, read once for every remit of the request; the citation
    # shows only where the user may see every page it names.
    zichtbaar = getattr(info.context, "_visual_bronnen", ())
    return gebied.getoonde_bron(alle_zichtbaar(referentie().citeert.get(gebied.pk, ()), zichtbaar))


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
    taken = graphene.List(graphene.NonNull(graphene.String), required=True)

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
            "taken",
        )

    @staticmethod
    def resolve_bron(gebied, info):
        return _getoonde_bron(gebied, info)[0]

    @staticmethod
    def resolve_bron_url(gebied, info):
        return _getoonde_bron(gebied, info)[1]

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
    def resolve_taken(gebied, info):
        return sorted(gebied.taken or [], key=TAAK_VOLGORDE.index)

    @staticmethod
    def resolve_wettelijke_grondslag(gebied, info):
        return [str(a) for a in gebied.wettelijke_grondslag.all()]


class TaakMetBron(graphene.ObjectType):
    taak = graphene.String(required=True)
    omschrijving = graphene.String(required=True, description="De taak in woorden")
    bron = graphene.String(required=True, description="De bron die zegt dat de toezichthouder dit doet")


class AdviesToezichthouder(graphene.ObjectType):
    naam = graphene.String(required=True)
    niveau = graphene.String(required=True)
    rol = graphene.String(required=True)
    bron = graphene.String(required=True)
    aspect = graphene.String(required=True)
    wet = graphene.String()
    vastgelegd = graphene.Boolean(required=True, description="Onwaar: niet vastgelegd voor deze gemeente")
    taken = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Wat deze toezichthouder hier doet: ontvangen, beoordelen, onderzoeken, opvolgen, "
        "kwaliteit, rechtmatigheid, stelsel, ondersteunen (de lijst staat op volgorde van wie eerst handelt)",
    )
    wat_doet = graphene.String(required=True, description="De taken in woorden")
    taken_met_bron = graphene.List(
        graphene.NonNull(TaakMetBron), required=True, description="Per taak de bron, waar die bekend is"
    )
    meldpunt = graphene.Boolean(required=True, description="Waar: hier wordt ook gemeld (zie meldenBij)")
    bron_url = graphene.String(description="De kennisbankpagina van de bron, als het portaal er een heeft")


class Meldplicht(graphene.ObjectType):
    wie = graphene.String(required=True)
    grondslag = graphene.String(required=True, description="Het wetsartikel; leeg als de bron er geen noemt")
    bron = graphene.String(required=True)


class AdviesMelding(graphene.ObjectType):
    naam = graphene.String(required=True)
    termijn = graphene.String(required=True)
    bron = graphene.String(required=True)
    wet = graphene.String()
    melders = graphene.String(required=True)
    meldplichten = graphene.List(graphene.NonNull(Meldplicht), required=True, description="Wie meldt, op grond waarvan")
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
    eerst = graphene.String(required=True, description="Wat in deze situatie eerst aan de orde is (leeg: niets)")
    eerst_bron_url = graphene.String(description="De kennisbankpagina van de bron van wat eerst komt")
    samengevoegd = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Een keuze die bij meer waarden past en voor elk hetzelfde antwoord geeft",
    )


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
                taken=sorted(r.taken, key=TAAK_VOLGORDE.index),
                wat_doet=r.wat_doet,
                taken_met_bron=[
                    TaakMetBron(taak=t, omschrijving=str(Taak(t).label), bron=r.taakbronnen[t])
                    for t in sorted(r.taakbronnen, key=TAAK_VOLGORDE.index)
                    if t in r.taken
                ],
                meldpunt=r.is_meldpunt,
                bron_url=absolute_url(r.bron_pagina.url) if r.bron_pagina else None,
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
                meldplichten=[Meldplicht(**m) for m in r.meldplichten],
                vervolg=r.vervolg,
                vastgelegd=not r.terugval,
            )
            for r in advies.melden_bij
        ],
        kaders=[AdviesKader(titel=p.title, url=absolute_url(p.url)) for p in advies.kaders],
        onbekend=advies.onbekend,
        beeindigd=advies.beeindigd,
        peildatum=advies.peildatum,
        eerst=_eerst(advies),
        eerst_bron_url=(absolute_url(advies.eerste_stap_bron_pagina.url) if advies.eerste_stap_bron_pagina else None),
        samengevoegd=advies.samengevoegd,
    )


def _eerst(advies):
    if not advies.eerste_stap:
        return ""
    bron = advies.eerste_stap_bron
    return f"{advies.eerste_stap} (bron: {bron})" if bron else advies.eerste_stap


def _rijtype(naam, kolommen, beschrijving):
    """A GraphQL type with one field per column of the open data (visual.opendata): the CSV,
    the JSON and the API say the same; a column of several values is a list here."""
    velden = {"__doc__": beschrijving}
    for kolom in kolommen:
        if kolom.lijst:
            velden[kolom.naam] = graphene.List(
                graphene.NonNull(graphene.String), required=True, description=str(kolom.beschrijving)
            )
        else:
            velden[kolom.naam] = graphene.String(required=True, description=str(kolom.beschrijving))
    return type(naam, (graphene.ObjectType,), velden)


AanwijzingOpenData = _rijtype(
    "AanwijzingOpenData",
    opendata.KOLOMMEN,
    "An approved designation of the Wmo supervisor (art. 6.1 Wmo 2015), as in the open data.",
)
DekkingGemeente = _rijtype(
    "DekkingGemeente",
    opendata.DEKKING_KOLOMMEN,
    "What is known of one municipality's designation of its Wmo supervisor, as in the open data.",
)


def _als_type(soort, kolommen, item):
    waarden = {}
    for kolom in kolommen:
        waarde = kolom.waarde(item)
        waarden[kolom.naam] = [w for w in waarde.split(opendata.SCHEIDING) if w] if kolom.lijst else waarde
    return soort(**waarden)


def _open_data(aanwijzing):
    return _als_type(AanwijzingOpenData, opendata.KOLOMMEN, aanwijzing)


class DekkingCategorie(graphene.ObjectType):
    categorie = graphene.String(required=True, description="register, toezichtskader of niet-bekend")
    naam = graphene.String(required=True)
    gemeenten = graphene.Int(required=True, description="Hoeveel gemeenten in deze categorie vallen")


class Aanwijzingsregister(graphene.ObjectType):
    """The register as open data: licensed, dated and sourced, with the designations and the
    coverage per municipality."""

    titel = graphene.String(required=True)
    licentie = graphene.String(required=True)
    licentie_url = graphene.String(required=True)
    bron = graphene.String(required=True, description="Bronvermelding, ook van de GGD-regio's (CBS)")
    peildatum = graphene.Date(required=True, description="De datum waarop de gegevens gelden")
    gemaakt_op = graphene.Date(required=True, description="De datum waarop dit antwoord is gemaakt")
    bijgewerkt_op = graphene.DateTime(
        description="Wanneer de goedgekeurde aanwijzingen voor de peildatum het laatst veranderden; leeg: nooit"
    )
    csv_url = graphene.String(required=True, description="Dezelfde aanwijzingen als CSV")
    metadata_url = graphene.String(required=True, description="De beschrijving van die CSV (CSVW, JSON)")
    aanwijzingen = graphene.List(graphene.NonNull(AanwijzingOpenData), required=True)
    categorieen = graphene.List(graphene.NonNull(DekkingCategorie), required=True)
    dekking = graphene.List(
        graphene.NonNull(DekkingGemeente),
        required=True,
        description="Alle gemeenten, elk met wat bekend is over haar aanwijzing",
    )

    @staticmethod
    def resolve_titel(root, info):
        return opendata.titel_aanwijzingen()

    @staticmethod
    def resolve_licentie(root, info):
        return opendata.LICENTIE

    @staticmethod
    def resolve_licentie_url(root, info):
        return opendata.LICENTIE_URL

    @staticmethod
    def resolve_bron(root, info):
        return opendata.bronvermelding()

    @staticmethod
    def resolve_peildatum(root, info):
        return root["peildatum"]

    @staticmethod
    def resolve_gemaakt_op(root, info):
        return date.today()

    @staticmethod
    def resolve_bijgewerkt_op(root, info):
        return opendata.bijgewerkt_op(root["peildatum"])

    @staticmethod
    def resolve_csv_url(root, info):
        return _open_data_url("visual:aanwijzingen_csv", root["peildatum"])

    @staticmethod
    def resolve_metadata_url(root, info):
        return _open_data_url("visual:aanwijzingen_csv_metadata", root["peildatum"])

    @staticmethod
    def resolve_aanwijzingen(root, info):
        return [_open_data(a) for a in opendata.goedgekeurde_aanwijzingen(info.context.user, root["peildatum"])]

    @staticmethod
    def resolve_categorieen(root, info):
        return [
            DekkingCategorie(categorie=waarde, naam=str(label), gemeenten=n)
            for waarde, label, n in opendata.aantallen(_dekking(root, info))
        ]

    @staticmethod
    def resolve_dekking(root, info):
        return [_als_type(DekkingGemeente, opendata.DEKKING_KOLOMMEN, s) for s in _dekking(root, info).standen]


def _dekking(root, info):
    # categorieen and dekking in one query share one computation.
    if "dekking" not in root:
        root["dekking"] = opendata.dekking(info.context.user, root["peildatum"])
    return root["dekking"]


def _open_data_url(naam, peildatum):
    return absolute_url(f"{reverse(naam)}?{urlencode({'peildatum': peildatum.isoformat()})}")


class Query(graphene.ObjectType):
    aanwijzingen = graphene.List(
        graphene.NonNull(AanwijzingOpenData),
        required=True,
        peildatum=graphene.String(description="Datum waarop de aanwijzing moet gelden (jjjj-mm-dd); leeg: vandaag"),
        description="De goedgekeurde aanwijzingen van toezichthouders Wmo (open data, CC BY 4.0)",
        deprecation_reason="Gebruik aanwijzingsregister { aanwijzingen }: daar staan licentie, datum en bron bij.",
    )
    aanwijzingsregister = graphene.Field(
        graphene.NonNull(Aanwijzingsregister),
        peildatum=graphene.String(description="Datum waarop de gegevens moeten gelden (jjjj-mm-dd); leeg: vandaag"),
        description="Het aanwijzingsregister als open data (CC BY 4.0): aanwijzingen en dekking, met licentie, "
        "datum en bron",
    )
    wie_houdt_toezicht = graphene.Field(
        graphene.NonNull(Toezichtadvies),
        gemeente=graphene.String(required=True, description="CBS-code (GM0599) of naam"),
        wet=graphene.String(description="Slug of naam van de wet, zoals wmo-2015 of Jeugdwet"),
        voorziening=graphene.String(description="Slug of naam van een soort voorziening (Wmo)"),
        situatie=graphene.String(
            description="calamiteit, geweld, klacht, vermoeden van fraude, "
            "zorgen over kwaliteit (een signaal) of samenhang in het stelsel"
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
            gemeente = keuzes.vind_gemeente(gemeente)
            peildatum = keuzes.vind_peildatum(peildatum)
            gekozen = {}
            for veld, waarde, vind in (
                ("wet", wet, keuzes.vind_wet),
                ("voorziening", voorziening, keuzes.vind_voorziening),
                ("situatie", situatie, keuzes.vind_situatie),
            ):
                if not waarde:
                    continue
                try:
                    gekozen[veld] = vind(waarde)
                except OngeldigeKeuze as exc:
                    if not exc.kandidaten:
                        raise
                    gekozen[veld] = exc
            advies = beantwoord(gemeente, gekozen, user=info.context.user, peildatum=peildatum)
        except OngeldigeKeuze as exc:
            raise GraphQLError(exc.bericht) from None
        return _advies(advies, info)

    @staticmethod
    def resolve_aanwijzingen(root, info, peildatum=None):
        try:
            datum = keuzes.vind_peildatum(peildatum)
        except OngeldigeKeuze as exc:
            raise GraphQLError(exc.bericht) from None
        return [_open_data(a) for a in opendata.goedgekeurde_aanwijzingen(info.context.user, datum)]

    @staticmethod
    def resolve_aanwijzingsregister(root, info, peildatum=None):
        try:
            return {"peildatum": keuzes.vind_peildatum(peildatum)}
        except OngeldigeKeuze as exc:
            raise GraphQLError(exc.bericht) from None

    @staticmethod
    def resolve_toezichthouders(root, info, actueel=None):
        qs = Toezichthouder.objects.select_related("opvolger")
        return qs.geldig_op() if actueel else qs

    @staticmethod
    def resolve_toezichtsgebieden(root, info, actueel=None):
        qs = Toezichtsgebied.objects.met_gegevens()
        gebieden = list(qs.geldig_op() if actueel else qs)
        user = info.context.user
        citeert = referentie().citeert
        info.context._visual_bronnen = set(
            zichtbare_bronnen({pk for g in gebieden for pk in citeert.get(g.pk, ())}, user)
        )
        return gebieden
