from django.db.models import Q
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet


class KennisbankPageQuerySet(PageQuerySet):
    def viewable_by_user(self, user):
        """Live pages this user may read, honouring Wagtail's page privacy.

        Password restrictions cannot be satisfied outside the page's own form, so
        such pages are never listed; login and group restrictions are checked.
        """
        qs = self.live()
        if user is not None and user.is_active and user.is_superuser:
            return qs
        authenticated = bool(user is not None and user.is_authenticated)
        group_ids = set(user.groups.values_list("id", flat=True)) if authenticated else set()
        hidden = Q()
        restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
        for restriction in restrictions:
            if restriction.restriction_type == PageViewRestriction.LOGIN and authenticated:
                continue
            if restriction.restriction_type == PageViewRestriction.GROUPS and group_ids & {
                g.id for g in restriction.groups.all()
            }:
                continue
            hidden |= Q(path__startswith=restriction.page.path)
        return qs.exclude(hidden) if hidden else qs
