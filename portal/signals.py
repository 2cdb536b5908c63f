from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .pagecache import new_generation

CONTENT_APPS = {"kennisbank", "portal", "visual", "wagtailcore"}


def _content_changed(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS and sender.__name__ not in {"Session", "SeedRecord"}:
        new_generation()


def connect():
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(new_generation, dispatch_uid=f"pagecache-{id(signal)}")
    post_save.connect(_content_changed, dispatch_uid="pagecache-save")
    post_delete.connect(_content_changed, dispatch_uid="pagecache-delete")
    m2m_changed.connect(lambda sender, **kw: new_generation(), dispatch_uid="pagecache-m2m",
                        weak=False)
