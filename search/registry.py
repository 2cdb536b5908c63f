"""Apps tell the index what to hold through their `search.py`; search never imports their models.

    from search.registry import IndexDocument, registry

    registry.register(NormPage, build_norm_document)

A builder returns an `IndexDocument`, or None when the object must not be in the index
(a draft, an unpublished page, a page behind a password). Principal providers add the
principals of a user (roles, spaces) beside the ones search knows itself. Hint providers
point from a query to a page that answers it directly (a municipality -> the navigator).
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.text import slugify

from wagtail.models import Page

from portal.privacy import PUBLIC, SIGNED_IN, group_principal, page_principals, user_principals
from portal.roles import role_names

__all__ = [
    "PUBLIC",
    "SIGNED_IN",
    "IndexDocument",
    "Hint",
    "group_principal",
    "join_lines",
    "page_principals",
    "registry",
]


@dataclass
class IndexDocument:
    soort: str
    soort_label: str
    titel: str
    url: str
    tekst: str = ""
    code: str = ""
    context: str = ""
    principals: list = field(default_factory=lambda: [PUBLIC])
    # facet -> [(value, label)]: wet, domein, doelgroep, organisatie
    facetten: dict = field(default_factory=dict)
    jaar: int | None = None
    datum: date | None = None


def organisation(name):
    """The `organisatie` facet value of an organisation's name."""
    return [(slugify(name)[:200], name)] if name else []


def join_lines(*parts):
    """The non-empty parts of a document's text, one per line."""
    return "\n".join(str(p) for p in parts if p)


@dataclass
class Hint:
    """A pointer shown above the results: where the portal answers the question directly."""

    titel: str
    url: str
    tekst: str = ""


@dataclass
class Registration:
    model: type
    build: object
    queryset: object
    # pk -> the URL a hit links to, when opening a hit is itself an act to check and log
    # (space content: samenwerking's search-hit view); None: the stored URL.
    opener: object = None

    @property
    def is_page(self):
        return issubclass(self.model, Page)


def document_key(instance):
    if isinstance(instance, Page):
        return f"page:{instance.pk}"
    return f"{instance._meta.label_lower}:{instance.pk}"


class Registry:
    def __init__(self):
        self._registrations = {}
        self._by_label = {}
        self._principal_providers = []
        self._hint_providers = []
        self._dependents = []

    def register(self, model, build, queryset=None, opener=None):
        if queryset is None:

            def queryset(model=model):
                manager = model.objects
                return manager.live() if issubclass(model, Page) else manager.all()

        registration = Registration(model, build, queryset, opener)
        self._registrations[model] = registration
        self._by_label[model._meta.label_lower] = registration

    def register_principals(self, provider):
        self._principal_providers.append(provider)
        return provider

    def register_hints(self, provider):
        """provider(query text, user) -> [Hint]; for example the navigator for a municipality."""
        self._hint_providers.append(provider)
        return provider

    def register_dependents(self, provider):
        """provider(page subtree queryset) -> objects whose documents show something of those
        pages (a form of supervision naming its framework), indexed again when they change."""
        self._dependents.append(provider)
        return provider

    def dependents(self, pages):
        found = []
        for provider in self._dependents:
            found.extend(provider(pages))
        return found

    def hints(self, text, user):
        found = []
        for provider in self._hint_providers:
            found.extend(provider(text, user))
        return found

    def reindex(self, instance):
        """Bring one object's document up to date now: for a document built from other
        objects than the one that changed (a supervisor's from its remits)."""
        from .indexing import index_instance

        return index_instance(instance)

    def remove_documents_of(self, principals):
        """Remove every document any of these principals may see, from every index."""
        from .indexing import remove_documents_of

        return remove_documents_of(principals)

    def result_url(self, key, url):
        """The link of a hit: the stored URL, or the opener's for a model that has one."""
        label, _sep, pk = key.rpartition(":")
        registration = self._by_label.get(label)
        if registration is None or registration.opener is None:
            return url
        return registration.opener(pk)

    def registrations(self):
        return list(self._registrations.values())

    def for_instance(self, instance):
        registration = self._registrations.get(type(instance))
        if registration is None and isinstance(instance, Page):
            specific_class = instance.specific_class
            registration = self._registrations.get(specific_class)
        return registration

    def instance_for_key(self, key):
        """The object behind a document key, or None when it no longer exists."""
        from django.apps import apps

        label, _sep, pk = key.rpartition(":")
        model = Page if label == "page" else apps.get_model(label)
        instance = model._default_manager.filter(pk=pk).first()
        if instance is not None and isinstance(instance, Page):
            instance = instance.specific
        return instance

    def principals_for(self, user):
        """A user's principals: those of page privacy (portal/privacy.py), their roles, and
        what the apps' providers add (spaces). A superuser gets no more than page privacy
        gives a superuser: space contents are for members only."""
        principals = set(user_principals(user))
        roles = role_names(user)
        principals.update(f"rol:{name.lower()}" for name in roles)
        if user is not None and user.is_authenticated and user.is_active:
            for provider in self._principal_providers:
                principals.update(provider(user))
        return sorted(principals)


registry = Registry()
