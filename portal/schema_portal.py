import graphene
from graphene_django import DjangoObjectType

from .models import Gemeente as GemeenteModel


class Gemeente(DjangoObjectType):
    code = graphene.String(required=True, description="CBS-code, bijvoorbeeld GM0599")
    ggd_regio = graphene.String()
    roepnamen = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Andere namen van de gemeente, zoals Den Haag"
    )

    class Meta:
        model = GemeenteModel
        fields = ("naam", "provincie")

    @staticmethod
    def resolve_code(gemeente, info):
        return gemeente.cbs_code

    @staticmethod
    def resolve_roepnamen(gemeente, info):
        return gemeente.roepnaam_lijst()

    @staticmethod
    def resolve_ggd_regio(gemeente, info):
        regio = gemeente.ggd_regio
        return regio.naam if regio else None


class Query(graphene.ObjectType):
    gemeenten = graphene.List(graphene.NonNull(Gemeente), required=True, description="Alle Nederlandse gemeenten (CBS)")

    @staticmethod
    def resolve_gemeenten(root, info):
        return GemeenteModel.objects.prefetch_related("regios")
