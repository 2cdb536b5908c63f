"""`viewable_by_user` for every model of a space: everything takes its rights from the space."""

from django.db import models
from django.db.models import Q


def _policy():
    from .policy import policy

    return policy


class SamenwerkingsruimteQuerySet(models.QuerySet):
    def viewable_by_user(self, user):
        return self.filter(pk__in=_policy().instances_user_has_permission_for(user, "view").values("pk"))

    def manageable_by_user(self, user):
        return self.filter(pk__in=_policy().instances_user_has_permission_for(user, "manage").values("pk"))

    def contributable_by_user(self, user):
        return self.filter(pk__in=_policy().instances_user_has_permission_for(user, "contribute").values("pk"))


class _InSpaceQuerySet(models.QuerySet):
    space_path = "ruimte"

    def viewable_by_user(self, user):
        spaces = _policy().instances_user_has_permission_for(user, "view").values("pk")
        return self.filter(**{f"{self.space_path}__in": spaces})


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
        return self.filter(ruimte__in=_policy().instances_user_has_permission_for(user, "manage").values("pk"))

    def open(self):
        return self.filter(geaccepteerd_op__isnull=True)


class DocumentQuerySet(models.QuerySet):
    def viewable_by_user(self, user):
        policy = _policy()
        spaces = policy.instances_user_has_permission_for(user, "view").values("pk")
        managed = policy.instances_user_has_permission_for(user, "manage").values("pk")
        return self.filter(ruimte__in=spaces).filter(Q(vertrouwelijkheid="hele_ruimte") | Q(ruimte__in=managed))


class DocumentVersieQuerySet(models.QuerySet):
    def viewable_by_user(self, user):
        from .models import Document

        return self.filter(document__in=Document.objects.viewable_by_user(user).values("pk"))


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
        return self.filter(ruimte__in=_policy().instances_user_has_permission_for(user, "manage").values("pk"))

    def update(self, **kwargs):
        raise PermissionError("Het logboek kan niet worden gewijzigd.")

    def delete(self):
        raise PermissionError("Het logboek kan niet worden gewijzigd.")
