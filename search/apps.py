from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Zoeken")

    def ready(self):
        from . import signals

        # Each app's search.py registers what it gives the index (DESIGN.md, "Search").
        autodiscover_modules("search")
        signals.connect()
