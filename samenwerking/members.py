from django.db.models import Q


def users_of(ruimte):
    """The active users a space admits: its own members and the staff of member organisations."""
    from portal.models import User

    return (
        User.objects.filter(
            Q(lidmaatschappen__ruimte=ruimte) | Q(groups__organisatie__lidmaatschappen__ruimte=ruimte), is_active=True
        )
        .distinct()
        .order_by("first_name", "last_name", "email")
    )
