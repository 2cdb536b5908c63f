"""The one permission policy of the spaces, in the shape of Wagtail's BasePermissionPolicy.

Rights live as guardian object permissions on the space only (direct foreign-key models,
granted to users and to organisation groups); everything inside a space asks the space.
Every answer comes from the database: nothing is cached on the user object, so a revocation
counts on the next request in every process. Global permissions are never consulted (guardian's
`accept_global_perms=False`), and superusers get no rights here: they are not members (see
`spaces_needing_administrator`).
"""

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL

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

    def space_ids(self, user, actions):
        """A subquery of the ids of the spaces where the user holds one of these permissions,
        directly or through one of their groups; None for a user who holds none anywhere
        (anonymous, inactive). Every list of a space's contents filters on it, inside its own
        query. It is written out once here because the ORM's nested subqueries cost several
        milliseconds of Python per list to build, more than the database needs to answer."""
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Permission

        if user is None or not user.is_authenticated or not user.is_active:
            return None
        _space, user_perms, group_perms = self._models()
        codenames = [CODENAMES[action] for action in actions]
        table = connection.ops.quote_name
        marks = ", ".join(["%s"] * len(codenames))
        sql = (
            f"SELECT u.content_object_id FROM {table(user_perms._meta.db_table)} u"
            f" INNER JOIN {table(Permission._meta.db_table)} p ON p.id = u.permission_id"
            f" WHERE u.user_id = %s AND p.codename IN ({marks})"
            f" UNION SELECT g.content_object_id FROM {table(group_perms._meta.db_table)} g"
            f" INNER JOIN {table(get_user_model().groups.through._meta.db_table)} m ON m.group_id = g.group_id"
            f" INNER JOIN {table(Permission._meta.db_table)} q ON q.id = g.permission_id"
            f" WHERE m.user_id = %s AND q.codename IN ({marks})"
        )
        return RawSQL(sql, [user.pk, *codenames, user.pk, *codenames])

    def instances_user_has_any_permission_for(self, user, actions):
        space_model = self._models()[0]
        ids = self.space_ids(user, actions)
        if ids is None:
            return space_model.objects.none()
        spaces = space_model.objects.filter(pk__in=ids)
        if actions == ["contribute"]:
            # A closed or archived space is read, no longer written to.
            spaces = spaces.filter(status=space_model.Status.OPEN)
        return spaces

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.instances_user_has_any_permission_for(user, actions).filter(pk=instance.pk).exists()

    def users_with_permission_for_instance(self, action, instance):
        return self.users_with_any_permission_for_instance([action], instance)

    def users_with_any_permission_for_instance(self, actions, instance):
        """The active users who hold one of the actions on the space, directly or through a group."""
        from django.contrib.auth import get_user_model

        _space_model, user_perms, group_perms = self._models()
        codenames = [CODENAMES[action] for action in actions]
        via_user = user_perms.objects.filter(content_object=instance, permission__codename__in=codenames)
        via_group = group_perms.objects.filter(content_object=instance, permission__codename__in=codenames)
        return (
            get_user_model()
            .objects.filter(Q(pk__in=via_user.values("user")) | Q(groups__in=via_group.values("group")), is_active=True)
            .distinct()
        )

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
