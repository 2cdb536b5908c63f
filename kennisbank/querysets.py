from django.db import models
from django.db.models import Q

from portal.privacy import PagePrivacyQuerySet


class KennisbankPageQuerySet(PagePrivacyQuerySet):
    """The kennisbank's pages; who may see them is decided in portal/privacy.py."""


class KaderGebondenQuerySet(models.QuerySet):
    """Objects that belong to a framework (a glossary term, an enforcement measure): visible
    where their framework is; one without a framework stands on its own and is public."""

    def viewable_by_user(self, user):
        from .models import ToezichtkaderPage

        return self.filter(Q(kader__isnull=True)
                           | Q(kader__in=ToezichtkaderPage.objects.viewable_by_user(user)))
