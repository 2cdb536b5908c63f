"""The base of every snippet listing in the Wagtail admin."""

from wagtail.snippets.views.snippets import SnippetViewSet


class DatabaseSearchSnippetViewSet(SnippetViewSet):
    """A snippet listing whose search box filters on `search_fields` in the database.

    Wagtail's search backend refuses a per-field search on SQLite ("no such column") and
    matches whole words only; editors look for part of a term ("calamiteit" finds
    "calamiteiten"). A case-insensitive match on the listed fields does the same on SQLite
    and PostgreSQL and needs no index of its own.
    """

    search_backend_name = None
