"""The search index follows the supervisors' objects where the search's own save and delete
signals cannot see a change: a provider or theme added to or taken from an investigation or
learning, a learning's reach widened (a queryset update, no save), a learning's change that its
recommendations carry, and a name shown in the context of other objects (an investigation's
title in its findings, a provider's name in investigations, findings and reports)."""

import logging

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save

logger = logging.getLogger(__name__)


def reindex_later(model, **lookup):
    """After the commit, index again the objects of `model` matching `lookup`."""
    from .search import reindex

    def run():
        for instance in model.objects.filter(**lookup):
            try:
                reindex(instance)
            except Exception:
                # Saving never fails because of the search index.
                logger.exception("Zoekindex niet bijgewerkt voor %r", instance)

    transaction.on_commit(run, robust=True)


def _changed(action):
    return action in ("post_add", "post_remove", "post_clear")


def on_investigation_providers_changed(sender, instance, action, reverse, pk_set, **kwargs):
    from .models import Onderzoek

    if not _changed(action):
        return
    if reverse:
        # From the provider's side a clear does not say which investigations it left.
        lookup = {"pk__in": list(pk_set)} if pk_set else {"aanbieders": instance}
        reindex_later(Onderzoek, **lookup)
    else:
        reindex_later(Onderzoek, pk=instance.pk)


def on_learning_themes_changed(sender, instance, action, reverse, pk_set, **kwargs):
    from .models import Leerpunt

    if not _changed(action):
        return
    if reverse:
        lookup = {"pk__in": list(pk_set)} if pk_set else {"themas": instance}
        reindex_later(Leerpunt, **lookup)
    else:
        reindex_later(Leerpunt, pk=instance.pk)


def on_widened(sender, instance, created, **kwargs):
    from .models import Aanbeveling, Leerpunt

    reindex_later(Leerpunt, pk=instance.leerpunt_id)
    reindex_later(Aanbeveling, leerpunt_id=instance.leerpunt_id)


def on_learning_saved(sender, instance, created, **kwargs):
    from .models import Aanbeveling

    if not created:
        reindex_later(Aanbeveling, leerpunt_id=instance.pk)


def on_investigation_saved(sender, instance, created, **kwargs):
    from .models import Bevinding

    if not created:
        reindex_later(Bevinding, onderzoek_id=instance.pk)


def on_provider_saved(sender, instance, created, **kwargs):
    from .models import Bevinding, Melding, Onderzoek

    if created:
        return
    reindex_later(Onderzoek, aanbieders=instance)
    reindex_later(Bevinding, aanbieder=instance)
    reindex_later(Melding, aanbieder=instance)


def connect():
    from .models import Aanbieder, Leerpunt, LeerpuntVerruiming, Onderzoek

    m2m_changed.connect(
        on_investigation_providers_changed,
        sender=Onderzoek.aanbieders.through,
        dispatch_uid="toezicht_onderzoek_aanbieders",
    )
    m2m_changed.connect(
        on_learning_themes_changed, sender=Leerpunt.themas.through, dispatch_uid="toezicht_leerpunt_themas"
    )
    post_save.connect(on_widened, sender=LeerpuntVerruiming, dispatch_uid="toezicht_verruimd")
    post_save.connect(on_learning_saved, sender=Leerpunt, dispatch_uid="toezicht_leerpunt_saved")
    post_save.connect(on_investigation_saved, sender=Onderzoek, dispatch_uid="toezicht_onderzoek_saved")
    post_save.connect(on_provider_saved, sender=Aanbieder, dispatch_uid="toezicht_aanbieder_saved")
