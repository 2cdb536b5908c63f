"""The portal roles as groups, with their Wagtail permissions and the editorial workflow, and
the predicates every app asks them with."""

from django.contrib.auth.models import Group, Permission

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

REDACTEUR = "Redacteur"
HOOFDREDACTEUR = "Hoofdredacteur"
TOEZICHTHOUDER = "Toezichthouder"
GEMEENTE = "Gemeente"
PROFESSIONAL = "Professional"

EDITOR_ROLES = (REDACTEUR, HOOFDREDACTEUR)


def _active(user):
    return bool(user is not None and user.is_authenticated and user.is_active)


def role_names(user):
    """The portal roles (group names) of an active, signed-in user."""
    if not _active(user):
        return frozenset()
    return frozenset(user.groups.values_list("name", flat=True))


def has_role(user, *roles):
    return bool(role_names(user) & set(roles))


def is_redacteur(user):
    """An editor of the knowledge base and the registers (a superuser counts as one)."""
    return _active(user) and (user.is_superuser or has_role(user, *EDITOR_ROLES))


def is_toezichthouder(user):
    return has_role(user, TOEZICHTHOUDER)


def gemeente_van(user):
    """The municipality a signed-in official works for, or None."""
    if not has_role(user, GEMEENTE):
        return None
    organisatie = getattr(user, "organisatie", None)
    if organisatie is None or organisatie.gemeente_id is None:
        return None
    return organisatie.gemeente


PAGE_PERMISSIONS = {
    REDACTEUR: ["add_page", "change_page"],
    HOOFDREDACTEUR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = [
    "add_document",
    "change_document",
    "choose_document",
    "add_image",
    "change_image",
    "choose_image",
]
SNIPPET_MODELS = [
    "wet",
    "wetsartikel",
    "begrip",
    "handhavingsmaatregel",
    "domein",
    "doelgroep",
    "onderwerp",
    "voorzieningsoort",
]


def ensure_roles(home_page):
    groups = {
        name: Group.objects.get_or_create(name=name)[0]
        for name in (REDACTEUR, HOOFDREDACTEUR, TOEZICHTHOUDER, GEMEENTE, PROFESSIONAL)
    }
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    root_collection = Collection.get_first_root_node()
    snippet_perms = Permission.objects.filter(
        content_type__app_label="kennisbank",
        content_type__model__in=SNIPPET_MODELS,
        codename__regex=r"^(add|change|delete|view)_",
    )
    for name in (REDACTEUR, HOOFDREDACTEUR):
        group = groups[name]
        group.permissions.add(access_admin, *snippet_perms)
        for codename in PAGE_PERMISSIONS[name]:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=home_page, permission=permission)
        for codename in COLLECTION_PERMISSIONS:
            permission = Permission.objects.filter(codename=codename).first()
            if permission:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
    ensure_workflow(home_page, groups[HOOFDREDACTEUR])
    return groups


def ensure_workflow(home_page, approvers):
    """An editor submits, a chief editor publishes: one approval task on the whole site."""
    workflow, _ = Workflow.objects.get_or_create(name="Redactie", defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name="Goedkeuring hoofdredactie").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Goedkeuring hoofdredactie")
    task.groups.set([approvers])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home_page, defaults={"workflow": workflow})
    return workflow
