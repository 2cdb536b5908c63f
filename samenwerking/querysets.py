"""`viewable_by_user` for every model of a space: everything takes its rights from the space."""

from django.db import models
from django.db.models import Q


def _policy():
    from .policy import policy

    return policy


def _in_spaces(queryset, path, user, action):
    """The rows of `queryset` whose space (at `path`) the user holds `action` on."""
    ids = _policy().space_ids(user, [action])
    return queryset.none() if ids is None else queryset.filter(**{f"{path}__in": ids})


class SamenwerkingsruimteQuerySet(models.QuerySet):
    def viewable_by_user(self, user):
        return _in_spaces(self, "pk", user, "view")

    def manageable_by_user(self, user):
        return _in_spaces(self, "pk", user, "manage")

    def contributable_by_user(self, user):
        # A closed or archived space is read, no longer written to.
        return _in_spaces(self, "pk", user, "contribute").filter(status=self.model.Status.OPEN)


class _InSpaceQuerySet(models.QuerySet):
    space_path = "ruimte"

    def viewable_by_user(self, user):
        return _in_spaces(self, self.space_path, user, "view")


class LidmaatschapQuerySet(_InSpaceQuerySet):
    def coordinatoren(self):
        return self.filter(rol="coordinator")

    def for_user(self, user):
        """Memberships that admit this user: their own, and those of their organisations' groups."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(gebruiker=user) | Q(organisatie__groep__user=user)).distinct()


class UitnodigingQuerySet(models.QuerySet):
    def viewable_by_user(self, user):
        return _in_spaces(self, "ruimte", user, "manage")

    def open(self):
        return self.filter(geaccepteerd_op__isnull=True)


def _documents_viewable(queryset, prefix, user):
    """Documents of the spaces the user may see; those for coordinators only where they manage."""
    visible = _in_spaces(queryset, f"{prefix}ruimte", user, "view")
    managed = _policy().space_ids(user, ["manage"])
    if managed is None:
        return visible
    return visible.filter(Q(**{f"{prefix}vertrouwelijkheid": "hele_ruimte"}) | Q(**{f"{prefix}ruimte__in": managed}))


class DocumentQuerySet(models.QuerySet):
    def viewable_by_user(self, user):
        return _documents_viewable(self, "", user)


class DocumentVersieQuerySet(models.QuerySet):
    def viewable_by_user(self, user):
        return _documents_viewable(self, "document__", user)


class BerichtQuerySet(_InSpaceQuerySet):
    pass


class TaakQuerySet(_InSpaceQuerySet):
    def open(self):
        return self.filter(gedaan=False)


class NotificatieQuerySet(models.QuerySet):
    def viewable_by_user(self, user):
        """The user's own notifications whose object they may still see: a member who leaves
        or is removed loses that space's notifications from the list and the counter."""
        from .models import Document

        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        spaces = _policy().instances_user_has_permission_for(user, "view").values("pk")
        in_space = Q(ruimte__in=spaces) & (
            Q(document__isnull=True) | Q(document__in=Document.objects.viewable_by_user(user).values("pk"))
        )
        # The decision on one's own access request reaches the requester outside the space.
        own_request = Q(soort="toegangsverzoek", toegangsverzoek__aanvrager=user)
        return self.filter(ontvanger=user).filter(in_space | own_request)

    def ongelezen(self):
        return self.filter(gelezen_op__isnull=True)


class AuditLogQuerySet(models.QuerySet):
    def viewable_by_user(self, user):
        """A space's log is read by its coordinators only."""
        return _in_spaces(self, "ruimte", user, "manage")

    def update(self, **kwargs):
        raise PermissionError("Het logboek kan niet worden gewijzigd.")

    def delete(self):
        raise PermissionError("Het logboek kan niet worden gewijzigd.")


def _is_toezichthouder(user):
    from portal.roles import is_toezichthouder

    return is_toezichthouder(user)


class AanbiederQuerySet(models.QuerySet):
    def viewable_by_user(self, user):
        """Providers are named to supervisors; what is known about them stays in the spaces."""
        return self.all() if _is_toezichthouder(user) else self.none()


class OnderzoekQuerySet(_InSpaceQuerySet):
    def open(self):
        return self.exclude(status="afgerond")


class BevindingQuerySet(_InSpaceQuerySet):
    space_path = "onderzoek__ruimte"


class BevindingVersieQuerySet(_InSpaceQuerySet):
    space_path = "bevinding__onderzoek__ruimte"


class ProcedurestapQuerySet(_InSpaceQuerySet):
    space_path = "onderzoek__ruimte"


class MeldingQuerySet(_InSpaceQuerySet):
    """Members of the report's space only, whatever else the user may see: a report is
    never public and never reaches wider than its space."""

    def open(self):
        return self.exclude(status="afgesloten")


class MeldingOnderdeelQuerySet(_InSpaceQuerySet):
    space_path = "melding__ruimte"


class LeerpuntQuerySet(models.QuerySet):
    def viewable_by_user(self, user):
        """In the space for its members; to every supervisor once widened to them; to everyone
        once public and its kennisbank page is live and visible to the user."""
        from portal.privacy import pages

        ids = _policy().space_ids(user, ["view"])
        visible = Q(ruimte__in=ids) if ids is not None else Q(pk__in=[])
        if _is_toezichthouder(user):
            visible |= Q(reikwijdte__in=["toezichthouders", "openbaar"])
        visible |= Q(reikwijdte="openbaar", pagina__in=pages().viewable_by_user(user).values("pk"))
        return self.filter(visible)


class LeerpuntVerruimingQuerySet(_InSpaceQuerySet):
    space_path = "leerpunt__ruimte"


class AanbevelingQuerySet(models.QuerySet):
    def viewable_by_user(self, user):
        from .models import Leerpunt

        return self.filter(leerpunt__in=Leerpunt.objects.viewable_by_user(user).values("pk"))


class OpvolgingQuerySet(models.QuerySet):
    def viewable_by_user(self, user):
        from .models import Leerpunt

        return self.filter(aanbeveling__leerpunt__in=Leerpunt.objects.viewable_by_user(user).values("pk"))

    def open(self):
        return self.exclude(status="afgerond")


class ToegangsverzoekQuerySet(models.QuerySet):
    def viewable_by_user(self, user):
        """The requester's own requests, and those of the spaces the user coordinates."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        ids = _policy().space_ids(user, ["manage"])
        return self.filter(Q(aanvrager=user) | Q(ruimte__in=ids))

    def open(self):
        return self.filter(besluit="")
