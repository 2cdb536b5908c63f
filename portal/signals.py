from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .pagecache import new_generation

CONTENT_APPS = {"kennisbank", "portal", "visual", "wagtailcore"}

# Saved on every sign-in, draft or admin visit, and never shown on an anonymous page: a
# save of these must not empty the page cache. Publishing a draft sends page_published.
NOT_CONTENT = {
    "portal.User",
    "portal.SeedRecord",
    "portal.Gegevensversie",
    "wagtailcore.Revision",
    "wagtailcore.PageLogEntry",
    "wagtailcore.ModelLogEntry",
    "wagtailcore.PageSubscription",
    "wagtailcore.WorkflowState",
    "wagtailcore.TaskState",
    "wagtailcore.Comment",
    "wagtailcore.CommentReply",
}


def is_content(model):
    return model._meta.app_label in CONTENT_APPS and model._meta.label not in NOT_CONTENT


def _content_changed(sender, **kwargs):
    if is_content(sender):
        new_generation()


def _relation_changed(sender, instance, model, **kwargs):
    # A user's groups or permissions are not content; a page's tags or a remit's laws are.
    if is_content(type(instance)) or is_content(model):
        new_generation()


def connect():
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(new_generation, dispatch_uid=f"pagecache-{id(signal)}")
    post_save.connect(_content_changed, dispatch_uid="pagecache-save")
    post_delete.connect(_content_changed, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="pagecache-m2m")
