from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisualConfig(AppConfig):
    name = "visual"
    verbose_name = _("Wie houdt toezicht?")

    def ready(self):
        from . import signals

        signals.connect()
