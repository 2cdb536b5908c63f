from .audit import AuditLogEntry
from .inhoud import Bericht, Document, DocumentVersie, Taak
from .notificatie import Notificatie, NotificatieVoorkeur
from .ruimte import (
    Lidmaatschap,
    Samenwerkingsruimte,
    SamenwerkingsruimteGroupObjectPermission,
    SamenwerkingsruimteUserObjectPermission,
    Uitnodiging,
)

__all__ = [
    "AuditLogEntry",
    "Bericht",
    "Document",
    "DocumentVersie",
    "Lidmaatschap",
    "Notificatie",
    "NotificatieVoorkeur",
    "Samenwerkingsruimte",
    "SamenwerkingsruimteGroupObjectPermission",
    "SamenwerkingsruimteUserObjectPermission",
    "Taak",
    "Uitnodiging",
]
