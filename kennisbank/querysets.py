from itertools import count

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

# Bumped whenever page privacy or group membership changes in this process, so a user
# object's memo of what is hidden from it never outlives the rules it was made from.
_generation = count(1)
_current = [0]


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def _privacy_changed(**kwargs):
    _current[0] = next(_generation)


def connect_group_signals():
    m2m_changed.connect(_privacy_changed, sender=get_user_model().groups.through,
                        dispatch_uid="kennisbank_groups_changed")


class KennisbankPageQuerySet(PageQuerySet):
    def viewable_by_user(self, user):
        """Live pages this user may read, honouring Wagtail's page privacy.

        Password restrictions cannot be satisfied outside the page's own form, so
        such pages are never listed; login and group restrictions are checked.
        """
        qs = self.live()
        if user is not None and user.is_active and user.is_superuser:
            return qs
        memo = getattr(user, "_kennisbank_hidden_paths", None)
        if memo is not None and memo[0] == _current[0]:
            hidden_paths = memo[1]
        else:
            hidden_paths = self._hidden_paths(user)
            if user is not None:
                user._kennisbank_hidden_paths = (_current[0], hidden_paths)
        hidden = Q()
        for path in hidden_paths:
            hidden |= Q(path__startswith=path)
        return qs.exclude(hidden) if hidden else qs

    @staticmethod
    def _hidden_paths(user):
        authenticated = bool(user is not None and user.is_authenticated)
        group_ids = set(user.groups.values_list("id", flat=True)) if authenticated else set()
        allowed, restricted = set(), set()
        rows = PageViewRestriction.objects.values_list("restriction_type", "page__path", "groups")
        for restriction_type, path, group_id in rows:
            restricted.add(path)
            if restriction_type == PageViewRestriction.LOGIN and authenticated:
                allowed.add(path)
            elif restriction_type == PageViewRestriction.GROUPS and group_id in group_ids:
                allowed.add(path)
        return sorted(restricted - allowed)

    def met_taxonomie(self, *, wet=None, domein=None, doelgroep=None, onderwerp=None):
        """Pages labelled with any of the given laws, and any of the given domains, ...

        Each value is a snippet, its id or slug, or a list or queryset of them; None leaves
        that taxonomy out. Works on a queryset of any page type, Page itself included.
        """
        from .models.indeling import filter_by_taxonomy

        return filter_by_taxonomy(self, {"wet": wet, "domein": domein, "doelgroep": doelgroep,
                                         "onderwerp": onderwerp})
