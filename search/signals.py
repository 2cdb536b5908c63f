"""Keeping the index current: publishing, unpublishing, moving, deleting, privacy changes."""

import logging

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal import privacy, versies

from .analysis import folded_phrase, synonyms_changed
from .indexing import index_instance, remove_instance
from .models import SearchDocument, Synoniem
from .registry import document_key, registry

logger = logging.getLogger(__name__)


def _safely(func, instance):
    # Saving and publishing must never fail because of the search index.
    try:
        func(instance)
    except Exception:
        logger.exception("Zoekindex niet bijgewerkt voor %r", instance)


def index_subtree(page):
    subtree = Page.objects.descendant_of(page, inclusive=True)
    with privacy.subtree_rules(page), versies.per_request():
        for descendant in subtree.specific().iterator():
            if registry.for_instance(descendant) is not None:
                _safely(index_instance, descendant)
            else:
                _safely(remove_instance, descendant)
    index_dependents(subtree)


def index_dependents(pages):
    for instance in registry.dependents(pages):
        _safely(index_instance, instance)


def on_page_published(sender, instance, **kwargs):
    stored = SearchDocument.objects.filter(key=document_key(instance)).values_list("url", flat=True).first()
    # A moved URL, or a page that was out of the index (unpublished, so its subtree was
    # hidden), changes what its descendants' documents hold.
    if not instance.is_leaf() and (stored is None or stored != (instance.url or "")):
        index_subtree(instance)
    else:
        _safely(index_instance, instance)
        index_dependents(Page.objects.filter(pk=instance.pk))


def on_page_unpublished(sender, instance, **kwargs):
    index_subtree(instance)


def on_page_moved(sender, instance, **kwargs):
    index_subtree(instance)


def on_page_deleted(sender, instance, **kwargs):
    _safely(remove_instance, instance)


def on_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        index_subtree(page)


def on_restriction_groups_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        on_restriction_changed(sender, instance)


def on_snippet_saved(sender, instance, **kwargs):
    if isinstance(instance, Page) or registry.for_instance(instance) is None:
        return
    # After the commit, so that the snippet's many-to-many relations are saved too.
    transaction.on_commit(lambda: _safely(index_instance, instance), robust=True)


def on_snippet_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) or registry.for_instance(instance) is None:
        return
    _safely(remove_instance, instance)


def on_synonym_saving(sender, instance, **kwargs):
    # The spellings before the change: documents that used a removed one hold its token.
    before = Synoniem.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._spellings_before = [before.term, *before.variant_list()] if before else []


def on_synonym_changed(sender, instance, **kwargs):
    synonyms_changed()
    spellings = [*getattr(instance, "_spellings_before", []), instance.term, *instance.variant_list()]
    transaction.on_commit(lambda: reindex_mentions(spellings), robust=True)


def reindex_mentions(spellings):
    """Index again the documents that use one of these spellings (of a synonym, before and
    after a change), so that the tokens they hold are those the queries expand to now."""
    mentions = Q()
    for variant in dict.fromkeys(spellings):
        phrase = folded_phrase(variant)
        if phrase:
            mentions |= Q(titel_folded__contains=phrase) | Q(tekst_folded__contains=phrase)
    if not mentions:
        return
    for key in SearchDocument.objects.filter(mentions).values_list("key", flat=True):
        instance = registry.instance_for_key(key)
        if instance is not None:
            _safely(index_instance, instance)


def connect():
    page_published.connect(on_page_published, dispatch_uid="search_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search_page_moved")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="search_page_deleted")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_saved")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_deleted")
    m2m_changed.connect(
        on_restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="search_restriction_groups",
    )
    post_save.connect(on_snippet_saved, dispatch_uid="search_snippet_saved")
    post_delete.connect(on_snippet_deleted, dispatch_uid="search_snippet_deleted")
    pre_save.connect(on_synonym_saving, sender=Synoniem, dispatch_uid="search_synonym_saving")
    post_save.connect(on_synonym_changed, sender=Synoniem, dispatch_uid="search_synonym_saved")
    post_delete.connect(on_synonym_changed, sender=Synoniem, dispatch_uid="search_synonym_deleted")
