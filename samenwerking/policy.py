"""The one permission policy of the spaces, in the shape of Wagtail's BasePermissionPolicy.

Rights live as guardian object permissions on the space only (direct foreign-key models,
granted to users and to organisation groups); everything inside a space asks the space.
Every answer comes from the database: nothing is cached on the user object, so a revocation
counts on the next request in every process. Global permissions are never consulted (guardian's
`accept_global_perms=False`), and superusers get no rights here: they are not members (see
`spaces_needing_administrator`).
"""

from django.db.models import Exists, OuterRef, Q

from .models.ruimte import CONTRIBUTE, MANAGE, VIEW

CODENAMES = {"view": VIEW, "contribute": CONTRIBUTE, "manage": MANAGE}


class SpacePermissionPolicy:
    def _models(self):
        from .models import (
            Samenwerkingsruimte,
            SamenwerkingsruimteGroupObjectPermission,
            SamenwerkingsruimteUserObjectPermission,
        )

        return Samenwerkingsruimte, SamenwerkingsruimteUserObjectPermission, SamenwerkingsruimteGroupObjectPermission

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def instances_user_has_any_permission_for(self, user, actions):
        space_model, user_perms, group_perms = self._models()
        if user is None or not user.is_authenticated or not user.is_active:
            return space_model.objects.none()
        codenames = [CODENAMES[action] for action in actions]
        via_user = user_perms.objects.filter(user=user, permission__codename__in=codenames)
        via_group = group_perms.objects.filter(group__user=user, permission__codename__in=codenames)
        spaces = space_model.objects.filter(
            Q(pk__in=via_user.values("content_object")) | Q(pk__in=via_group.values("content_object"))
        )
        if actions == ["contribute"]:
            # A closed or archived space is read, no longer written to.
            spaces = spaces.filter(status=space_model.Status.OPEN)
        return spaces

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.instances_user_has_any_permission_for(user, actions).filter(pk=instance.pk).exists()

    def actions_for(self, user, instance):
        """The set of actions the user may take on the space, in one query: the same rows and
        the same rule for a closed space as `instances_user_has_permission_for`."""
        space_model, user_perms, group_perms = self._models()
        if user is None or not user.is_authenticated or not user.is_active:
            return set()
        fields = ("permission__codename", "content_object__status")
        via_user = user_perms.objects.filter(user=user, content_object=instance.pk).values_list(*fields)
        via_group = group_perms.objects.filter(group__user=user, content_object=instance.pk).values_list(*fields)
        granted = set(via_user.union(via_group))
        codenames = {codename for codename, _status in granted}
        actions = {action for action, codename in CODENAMES.items() if codename in codenames}
        if (CONTRIBUTE, space_model.Status.OPEN) not in granted:
            # A closed or archived space is read, no longer written to.
            actions.discard("contribute")
        return actions

    def spaces_needing_administrator(self, user):
        """For an active superuser: the spaces no active coordinator can manage any more."""
        space_model, user_perms, group_perms = self._models()
        if user is None or not user.is_active or not user.is_superuser:
            return space_model.objects.none()
        active_user = user_perms.objects.filter(
            content_object=OuterRef("pk"), permission__codename=MANAGE, user__is_active=True
        )
        active_group = group_perms.objects.filter(
            content_object=OuterRef("pk"), permission__codename=MANAGE, group__user__is_active=True
        )
        return space_model.objects.filter(~Exists(active_user), ~Exists(active_group))

    def may_administer_members(self, user, instance):
        return (
            self.user_has_permission_for_instance(user, "manage", instance)
            or self.spaces_needing_administrator(user).filter(pk=instance.pk).exists()
        )


policy = SpacePermissionPolicy()
