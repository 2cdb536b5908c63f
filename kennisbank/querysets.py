from django.db import models
from django.db.models import Q

from portal.privacy import PagePrivacyQuerySet


class KennisbankPageQuerySet(PagePrivacyQuerySet):
    """The kennisbank's pages; who may see them is decided in portal/privacy.py."""

    def met_taxonomie(self, *, wet=None, domein=None, doelgroep=None, onderwerp=None):
        """Pages labelled with any of the given laws, and any of the given domains, ...

        Each value is a snippet, its id or slug, or a list or queryset of them; None leaves
        that taxonomy out. Works on a queryset of any page type, Page itself included.
        """
        from .models.indeling import filter_by_taxonomy

        return filter_by_taxonomy(self, {"wet": wet, "domein": domein, "doelgroep": doelgroep, "onderwerp": onderwerp})


class KaderGebondenQuerySet(models.QuerySet):
    """Objects that belong to a framework (a glossary term, an enforcement measure): visible
    where their framework is; one without a framework stands on its own and is public."""

    def viewable_by_user(self, user):
        from .models import ToezichtkaderPage

        return self.filter(Q(kader__isnull=True) | Q(kader__in=ToezichtkaderPage.objects.viewable_by_user(user)))
