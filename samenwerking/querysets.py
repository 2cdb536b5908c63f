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
        return self.filter(ontvanger=user, ruimte__in=spaces).filter(
            Q(document__isnull=True) | Q(document__in=Document.objects.viewable_by_user(user).values("pk"))
        )

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
