"""Refusals in the audit log that outlive the transaction they happened in.

A refusal usually ends its action with PermissionDenied, and an action runs inside
transaction.atomic (the actions themselves, the page views' own blocks, GraphQL's atomic
mutations): the exception rolls that block back, and a log row written inside it would go with
it. A second database connection could commit the row at once, but it cannot see rows of the
open transaction the row refers to (a user or space created in the same request) and it would
escape a test's transaction. So a refusal inside an atomic block is kept beside the connection
and written as soon as no atomic block of the code is open any more: by the middleware after
every request, or by `flush` from code that runs outside a request.
"""

from django.db import DEFAULT_DB_ALIAS, connections

PENDING = "samenwerking_geweigerd"


def _inside_atomic(connection):
    # The blocks a test case opens around each test are no transaction of the code: a row
    # written there stays exactly as long as the test's other rows.
    return any(not block._from_testcase for block in connection.atomic_blocks)


def log_refusal(user, kanaal, ruimte=None, obj=None, toelichting="", using=DEFAULT_DB_ALIAS):
    """Write (or keep until the atomic blocks are left) one refusal of `user`."""
    from .models import AuditLogEntry

    if user is None or not user.is_authenticated:
        return
    entry = {"ruimte": ruimte, "obj": obj, "toelichting": toelichting}
    connection = connections[using]
    if _inside_atomic(connection):
        pending = getattr(connection, PENDING, None)
        if pending is None:
            pending = []
            setattr(connection, PENDING, pending)
        pending.append((user, kanaal, entry))
        return
    AuditLogEntry.log(user, AuditLogEntry.Actie.GEWEIGERD, kanaal, **entry)


def flush(using=DEFAULT_DB_ALIAS):
    """Write the refusals kept during atomic blocks that have been left since."""
    from .models import AuditLogEntry

    connection = connections[using]
    pending = getattr(connection, PENDING, None)
    if not pending or _inside_atomic(connection):
        return
    setattr(connection, PENDING, [])
    for user, kanaal, entry in pending:
        if not user._meta.model.objects.filter(pk=user.pk).exists():
            # An account created inside the rolled-back block is gone, and with it whom to name.
            continue
        ruimte = entry["ruimte"]
        if ruimte is not None and not ruimte._meta.model.objects.filter(pk=ruimte.pk).exists():
            # A space created inside the rolled-back block is gone; the refusal stays, without it.
            entry = {**entry, "ruimte": None}
        AuditLogEntry.log(user, AuditLogEntry.Actie.GEWEIGERD, kanaal, **entry)


class RefusalLogMiddleware:
    """Writes the refusals of the request once its views (and their transactions) are done."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            flush()
