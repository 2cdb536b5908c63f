"""Who may see a page: decided here, once, for the site, the search index and the API.

A page is visible to a user when it is live, every ancestor is live, and neither it nor an
ancestor has a view restriction the user does not meet (Wagtail's own rule for serving). A
password restriction is met only on the page's own form, so such pages are never listed.

The same rules give two answers that can therefore never disagree:
- `PagePrivacyQuerySet.viewable_by_user(user)`: the pages a user may see, as a queryset;
- `page_principals(page)`: who may see one page, as the principals the search index stores,
  matched against `user_principals(user)`.
Everything that shows a page, or a page's title, link, date or publisher, goes through one
of them (or through `visible_page(page, user)`, which uses the queryset, or `is_visible(page,
user)`, the queryset's rule applied to a page already loaded).
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import combinations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import Http404

from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.signals import page_published, page_unpublished, post_page_move

PUBLIC = "public"
SIGNED_IN = "ingelogd"
# Wagtail lets an active superuser past login and group restrictions, never past a password.
SUPERUSER = "beheerder"

HIDDEN = "verborgen"
LOGIN = "inloggen"
GROUPS = "groepen"

_MEMO = "_portal_page_privacy"
# Group restrictions nested more than this deep are not found in the search (they are still
# served by the queryset); deeper nesting of group restrictions does not occur in practice.
MAX_GROUPS_IN_TERM = 3


def group_principal(group_id):
    return f"groep:{group_id}"


@dataclass(frozen=True)
class Rule:
    """One narrowing of who sees a subtree: an unpublished page or a view restriction."""

    path: str
    kind: str
    principals: frozenset = frozenset()

    def admits(self, principals):
        return bool(self.principals & principals)


def _restriction_rules(restrictions):
    by_pk = {}
    for pk, kind, path, group_id in restrictions.values_list("pk", "restriction_type", "page__path", "groups"):
        if kind == PageViewRestriction.PASSWORD:
            by_pk[pk] = (path, HIDDEN, set())
        elif kind == PageViewRestriction.LOGIN:
            by_pk[pk] = (path, LOGIN, {SIGNED_IN})
        elif kind == PageViewRestriction.GROUPS:
            entry = by_pk.setdefault(pk, (path, GROUPS, {SUPERUSER}))
            if group_id is not None:
                entry[2].add(group_principal(group_id))
        else:
            # A restriction type this module does not know hides rather than shows.
            by_pk[pk] = (path, HIDDEN, set())
    return [Rule(path, kind, frozenset(principals)) for path, kind, principals in by_pk.values()]


def all_rules():
    """Every rule of the site: unpublished pages with descendants, and every restriction."""
    rules = [
        Rule(path, HIDDEN) for path in Page.objects.filter(live=False, numchild__gt=0).values_list("path", flat=True)
    ]
    return rules + _restriction_rules(PageViewRestriction.objects.all())


def ancestor_paths(page):
    step = Page.steplen
    return [page.path[:end] for end in range(step, len(page.path) + 1, step)]


# While one subtree is indexed, its rules are read once (see `subtree_rules`).
_subtree = contextvars.ContextVar("privacy_subtree_rules", default=None)


@contextmanager
def subtree_rules(root):
    """Read the rules of a subtree and its ancestors once, for a run over its pages.

    Reindexing a framework asks who may see each of its hundred pages; each would read its
    ancestors' rules again. Only reads are done inside: nothing here changes a rule.
    """
    paths = ancestor_paths(root)
    hidden = Page.objects.filter(Q(path__in=paths[:-1]) | Q(path__startswith=root.path), live=False)
    restrictions = PageViewRestriction.objects.filter(Q(page__path__in=paths) | Q(page__path__startswith=root.path))
    snapshot = (
        root.path,
        [Rule(path, HIDDEN) for path in hidden.values_list("path", flat=True)],
        _restriction_rules(restrictions),
    )
    reset = _subtree.set(snapshot)
    try:
        yield
    finally:
        _subtree.reset(reset)


def rules_for(page):
    """The rules on this page and its ancestors (the page's own `live` is checked apart)."""
    paths = ancestor_paths(page)
    snapshot = _subtree.get()
    if snapshot is not None and page.path.startswith(snapshot[0]):
        _root, hidden, restrictions = snapshot
        above, own_and_above = set(paths[:-1]), set(paths)
        return [r for r in hidden if r.path in above] + [r for r in restrictions if r.path in own_and_above]
    rules = [
        Rule(path, HIDDEN)
        for path in Page.objects.filter(path__in=paths[:-1], live=False).values_list("path", flat=True)
    ]
    return rules + _restriction_rules(PageViewRestriction.objects.filter(page__path__in=paths))


def user_principals(user):
    """What a user holds against page rules: public, signed in, their groups."""
    principals = {PUBLIC}
    if user is not None and user.is_authenticated and user.is_active:
        principals.add(SIGNED_IN)
        groups = sorted(str(gid) for gid in user.groups.values_list("id", flat=True))
        principals.update(group_principal(gid) for gid in groups)
        for size in range(2, min(len(groups), MAX_GROUPS_IN_TERM) + 1):
            principals.update("groepen:" + "+".join(c) for c in combinations(groups, size))
        if user.is_superuser:
            principals.add(SUPERUSER)
    return frozenset(principals)


def principals_from_rules(rules):
    """Who may see a page under these rules: a sorted list, or None when it must stay out."""
    # Each group rule admits any of its groups; nested ones must all be met, so the groups a
    # user needs are a choice of one group per rule (a set of groups: one "term").
    terms, login = None, False
    for rule in rules:
        if rule.kind == HIDDEN:
            return None
        if rule.kind == LOGIN:
            login = True
            continue
        options = [frozenset([p]) for p in rule.principals if p != SUPERUSER]
        terms = set(options) if terms is None else {t | o for t in terms for o in options}
        terms = {t for t in terms if len(t) <= MAX_GROUPS_IN_TERM}
    # Members of a group are signed in, so group rules also meet every login rule.
    if terms is not None:
        return sorted({SUPERUSER} | {_term_principal(t) for t in terms})
    return [SIGNED_IN] if login else [PUBLIC]


def _term_principal(term):
    if len(term) == 1:
        return next(iter(term))
    return "groepen:" + "+".join(sorted(p.removeprefix("groep:") for p in term))


def page_principals(page):
    """Who may see this page, for the search index; None when it must stay out of it."""
    if not page.live:
        return None
    return principals_from_rules(rules_for(page))


def principals_cover(outer, inner):
    """Does everyone admitted by the principals `inner` also pass `outer`?

    Used before one document shows something of another page (a form of supervision that
    names its framework): the framework's title may only go where the framework may go.
    """
    if outer is None or inner is None:
        return False
    outer, inner = set(outer), set(inner)
    if PUBLIC in outer:
        return True
    if PUBLIC in inner:
        return False
    if SIGNED_IN in outer:
        return True
    return inner <= outer


# A user object lives for one request; its memo of hidden paths is also dropped when page
# privacy or group membership changes in this process, so a test or a long-lived user object
# never works from old rules.
_generation = [0]


def _privacy_changed(**kwargs):
    _generation[0] += 1


for _signal in (post_save, post_delete):
    _signal.connect(_privacy_changed, sender=PageViewRestriction, dispatch_uid=f"privacy-{id(_signal)}")
m2m_changed.connect(
    _privacy_changed, sender=PageViewRestriction.groups.through, dispatch_uid="privacy-restriction-groups"
)
for _signal in (page_published, page_unpublished, post_page_move):
    _signal.connect(_privacy_changed, dispatch_uid=f"privacy-page-{id(_signal)}")


@receiver(post_save, dispatch_uid="privacy-page-saved")
def _page_saved(sender, instance, **kwargs):
    # A page created unpublished, or saved with another `live`, changes what its subtree shows.
    if isinstance(instance, Page):
        _privacy_changed()


def connect_group_signals():
    m2m_changed.connect(_privacy_changed, sender=get_user_model().groups.through, dispatch_uid="privacy-user-groups")


def hidden_paths(user):
    """The paths whose subtree this user may not see; memoised on the user object."""
    memo = getattr(user, _MEMO, None) if user is not None else None
    if memo is not None and memo[0] == _generation[0]:
        return memo[1]
    principals = user_principals(user)
    hidden = sorted({rule.path for rule in all_rules() if not rule.admits(principals)})
    paths = _outermost(hidden)
    if user is not None:
        setattr(user, _MEMO, (_generation[0], paths))
    return paths


def _outermost(paths):
    """Drop paths that lie under another one in the list: their subtree is hidden already."""
    kept = []
    for path in paths:
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return kept


class PagePrivacyQuerySet(PageQuerySet):
    def viewable_by_user(self, user):
        """Live pages under live ancestors whose view restrictions this user meets."""
        hidden = Q()
        for path in hidden_paths(user):
            hidden |= Q(path__startswith=path)
        qs = self.live()
        return qs.exclude(hidden) if hidden else qs


PagePrivacyManager = PageManager.from_queryset(PagePrivacyQuerySet)


def pages():
    """Every page type at once, with viewable_by_user (Page.objects has no such method)."""
    return PagePrivacyQuerySet(Page)


def visible_page(page, user):
    """The page itself when this user may see it, else None: for a page shown inside another
    (a framework named on a form of supervision, a successor in a 'replaced' notice)."""
    if page is None:
        return None
    if pages().viewable_by_user(user).filter(pk=page.pk).exists():
        return page
    return None


def is_visible(page, user):
    """`viewable_by_user` for a page already loaded (a norm of a finding, a framework of an
    investigation): its own `live` and its path against the paths hidden from this user, which
    are read once per user object, so that a list of such pages costs no query per page."""
    if page is None or not page.live:
        return False
    return not any(page.path.startswith(path) for path in hidden_paths(user))


def ancestors_live(page):
    return not Page.objects.filter(path__in=ancestor_paths(page)[:-1], live=False).exists()


def refuse_under_unpublished(page, request, serve_args, serve_kwargs):
    """`before_serve_page` hook: a page under an unpublished ancestor does not exist publicly.
    View restrictions on ancestors are Wagtail's own check, which runs after this one."""
    if not ancestors_live(page):
        raise Http404
