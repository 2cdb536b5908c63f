from .audit import AuditLogEntry
from .inhoud import Bericht, Document, DocumentVersie, Taak
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
    "Samenwerkingsruimte",
    "SamenwerkingsruimteGroupObjectPermission",
    "SamenwerkingsruimteUserObjectPermission",
    "Taak",
    "Uitnodiging",
]
