"""What the spaces give the search: the principals of a user's memberships.

The index stores `ruimte:<id>` for space content (and `ruimte:<id>:coordinatoren` for
coordinator-only documents); a user holds exactly the principals of the spaces they may see.
"""

from search.registry import registry


def space_principal(ruimte_id):
    return f"ruimte:{ruimte_id}"


def coordinator_principal(ruimte_id):
    return f"ruimte:{ruimte_id}:coordinatoren"


@registry.register_principals
def space_principals(user):
    from .policy import policy

    viewable = policy.instances_user_has_permission_for(user, "view").values_list("pk", flat=True)
    managed = policy.instances_user_has_permission_for(user, "manage").values_list("pk", flat=True)
    return [space_principal(pk) for pk in viewable] + [coordinator_principal(pk) for pk in managed]
