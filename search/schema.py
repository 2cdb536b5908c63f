"""The search part of the GraphQL schema: `zoeken`, with the same permissions as the site."""

from django.conf import settings
from django.utils.translation import gettext as _

import graphene
from graphql import GraphQLError

from portal.links import absolute_url

from . import service


def _absolute(info, url):
    return absolute_url(url)


class ZoekFilters(graphene.InputObjectType):
    soort = graphene.List(graphene.NonNull(graphene.String))
    wet = graphene.List(graphene.NonNull(graphene.String))
    domein = graphene.List(graphene.NonNull(graphene.String))
    doelgroep = graphene.List(graphene.NonNull(graphene.String))
    organisatie = graphene.List(graphene.NonNull(graphene.String))
    jaar = graphene.List(graphene.NonNull(graphene.Int))


class FacetWaarde(graphene.ObjectType):
    waarde = graphene.String(required=True)
    label = graphene.String(required=True)
    aantal = graphene.Int(required=True)
    gekozen = graphene.Boolean(required=True)


class Facet(graphene.ObjectType):
    naam = graphene.String(required=True, description="De filternaam, zoals in ZoekFilters")
    label = graphene.String(required=True)
    waarden = graphene.List(graphene.NonNull(FacetWaarde), required=True)


class Zoekresultaat(graphene.ObjectType):
    titel = graphene.String(required=True)
    url = graphene.String(required=True)
    soort = graphene.String(required=True, description="De soort, bijvoorbeeld 'norm'")
    soort_label = graphene.String(required=True)
    fragment = graphene.String(required=True, description="Tekst rond de treffers; HTML met <mark>")
    context = graphene.String(required=True, description="Het kader of de bron")
    code = graphene.String(required=True)


class Verwijzing(graphene.ObjectType):
    titel = graphene.String(required=True)
    url = graphene.String(required=True)
    tekst = graphene.String(required=True)


class Zoekresultaten(graphene.ObjectType):
    totaal = graphene.Int(required=True)
    pagina = graphene.Int(required=True)
    aantal_paginas = graphene.Int(required=True)
    facetten = graphene.List(graphene.NonNull(Facet), required=True)
    resultaten = graphene.List(graphene.NonNull(Zoekresultaat), required=True)
    suggestie = graphene.String(description="'Bedoelde u …?'")
    melding = graphene.String(description="Gezet als de zoekmachine niet bereikbaar was")
    verwijzingen = graphene.List(
        graphene.NonNull(Verwijzing),
        required=True,
        description="Pagina's die de vraag direct beantwoorden, zoals de navigator voor een "
        "gemeente die in de zoekterm staat",
    )


class Query(graphene.ObjectType):
    zoeken = graphene.Field(
        Zoekresultaten,
        zoekterm=graphene.String(required=True),
        eerste=graphene.Int(),
        pagina=graphene.Int(),
        filters=ZoekFilters(),
        description="Zoek in alles wat u mag zien: normen, kaders, handreikingen, publicaties…",
    )

    @staticmethod
    def resolve_zoeken(root, info, zoekterm, eerste=None, pagina=None, filters=None):
        maximum = getattr(settings, "GRAPHQL_MAX_PAGE_SIZE", 100)
        eerste = 10 if eerste is None else eerste
        if not 1 <= eerste <= maximum:
            raise GraphQLError(_("'eerste' moet tussen 1 en %(max)s liggen.") % {"max": maximum})
        filters = {name: [str(v) for v in values] for name, values in (filters or {}).items() if values}
        try:
            uitkomst = service.search(zoekterm, info.context.user, filters, pagina or 1, eerste)
        except service.ZoekFout as exc:
            raise GraphQLError(str(exc))
        return Zoekresultaten(
            totaal=uitkomst.totaal,
            pagina=uitkomst.pagina,
            aantal_paginas=uitkomst.aantal_paginas,
            suggestie=uitkomst.suggestie or None,
            melding=uitkomst.melding or None,
            verwijzingen=[Verwijzing(titel=h.titel, url=_absolute(info, h.url), tekst=h.tekst) for h in uitkomst.hints],
            facetten=[
                Facet(
                    naam=f.naam,
                    label=f.label,
                    waarden=[
                        FacetWaarde(waarde=w.waarde, label=w.label, aantal=w.aantal, gekozen=w.gekozen)
                        for w in f.waarden
                    ],
                )
                for f in uitkomst.facetten
            ],
            resultaten=[
                Zoekresultaat(
                    titel=r.titel,
                    url=_absolute(info, r.url),
                    soort=r.soort,
                    soort_label=r.soort_label,
                    fragment=str(r.fragment),
                    context=r.context,
                    code=r.code,
                )
                for r in uitkomst.resultaten
            ],
        )
