from .audit import AuditLogEntry
from .inhoud import Bericht, Document, DocumentVersie, Taak
from .notificatie import Notificatie, NotificatieVoorkeur
from .oefensessie import Antwoord, Deelnemer, Oefensessie
from .ruimte import (
    Lidmaatschap,
    Samenwerkingsruimte,
    SamenwerkingsruimteGroupObjectPermission,
    SamenwerkingsruimteUserObjectPermission,
    Uitnodiging,
)

__all__ = [
    "Antwoord",
    "AuditLogEntry",
    "Bericht",
    "Deelnemer",
    "Document",
    "DocumentVersie",
    "Lidmaatschap",
    "Notificatie",
    "NotificatieVoorkeur",
    "Oefensessie",
    "Samenwerkingsruimte",
    "SamenwerkingsruimteGroupObjectPermission",
    "SamenwerkingsruimteUserObjectPermission",
    "Taak",
    "Uitnodiging",
]
