"""A new version of the navigator's reference data (visual/gegevens.py) on every change."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from portal.versies import vernieuw

from .gegevens import VERSIE

# Besides every model of this app: what the remits and designations point at.
BRONNEN = {
    "kennisbank.Wet",
    "kennisbank.Wetsartikel",
    "kennisbank.Domein",
    "kennisbank.Voorzieningsoort",
    "portal.Gemeente",
    "portal.Regio",
    "portal.Organisatie",
    # The pages whose titles citations copy, and whose framework a line's source belongs to.
    "kennisbank.ToezichtkaderPage",
    "kennisbank.KennisbronPage",
    "kennisbank.ToezichtsvormPage",
    "kennisbank.ProcedurePage",
}


def _relevant(model):
    meta = model._meta
    return meta.app_label == "visual" or meta.label in BRONNEN


def _opgeslagen(sender, **kwargs):
    if _relevant(sender):
        vernieuw(VERSIE)


def _koppeling(sender, instance, model, **kwargs):
    if kwargs.get("action", "").startswith("post_") and (_relevant(type(instance)) or _relevant(model)):
        vernieuw(VERSIE)


def connect():
    post_save.connect(_opgeslagen, dispatch_uid="visual-versie-save")
    post_delete.connect(_opgeslagen, dispatch_uid="visual-versie-delete")
    m2m_changed.connect(_koppeling, dispatch_uid="visual-versie-m2m")
