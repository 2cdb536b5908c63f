"""Keeping guardian's object permissions in step with the memberships."""

from guardian.shortcuts import assign_perm, remove_perm

from .models.ruimte import CONTRIBUTE, MANAGE, PERMISSIONS_BY_ROLE, VIEW


def _principal_memberships(ruimte, principal_kind, principal_id):
    from .models import Lidmaatschap

    if principal_kind == "gebruiker":
        return Lidmaatschap.objects.filter(ruimte=ruimte, gebruiker_id=principal_id)
    return Lidmaatschap.objects.filter(ruimte=ruimte, organisatie__groep_id=principal_id)


def sync_principal(ruimte, principal):
    """Give the user or group exactly the permissions its membership's role gives."""
    from django.contrib.auth.models import Group

    kind = "organisatie" if isinstance(principal, Group) else "gebruiker"
    wanted = set()
    for lidmaatschap in _principal_memberships(ruimte, kind, principal.pk):
        wanted.update(PERMISSIONS_BY_ROLE[lidmaatschap.rol])
    for codename in (VIEW, CONTRIBUTE, MANAGE):
        perm = f"samenwerking.{codename}"
        if codename in wanted:
            assign_perm(perm, principal, ruimte)
        else:
            remove_perm(perm, principal, ruimte)
