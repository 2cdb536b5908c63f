"""What the spaces give the search: their content, and the principals of a user's memberships.

The index stores `ruimte:<id>` for space content (and `ruimte:<id>:coordinatoren` for
coordinator-only documents), never `public`, `ingelogd` or a role; a user holds exactly the
principals of the spaces they may see, asked of the policy on every search. So a membership
that is added, changed or revoked needs no reindex: the next search asks the policy again.

Hits link to the search-hit view (`samenwerking:zoekresultaat`), which checks the object again
and writes the audit log before it sends the user to the object's page (the stored URL).

The `organisatie` facet is left out: a space's participating organisations are not shown to
every member (a meelezer does not see them), so no principal may carry them as a facet.
"""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from search.registry import IndexDocument, join_lines, registry

from .models import Bericht, Document, Samenwerkingsruimte, Taak

MESSAGE_TITLE_WORDS = 12


def space_principal(ruimte_id):
    return f"ruimte:{ruimte_id}"


def coordinator_principal(ruimte_id):
    return f"ruimte:{ruimte_id}:coordinatoren"


def principals_of_space(ruimte_id):
    return [space_principal(ruimte_id), coordinator_principal(ruimte_id)]


@registry.register_principals
def space_principals(user):
    from .policy import policy

    viewable = policy.instances_user_has_permission_for(user, "view").values_list("pk", flat=True)
    managed = policy.instances_user_has_permission_for(user, "manage").values_list("pk", flat=True)
    return [space_principal(pk) for pk in viewable] + [coordinator_principal(pk) for pk in managed]


def object_url(obj):
    """The page of a space's object: where a search hit leads after it is opened."""
    if isinstance(obj, Samenwerkingsruimte):
        return reverse("samenwerking:ruimte", args=[obj.pk])
    if isinstance(obj, Document):
        return reverse("samenwerking:document", args=[obj.ruimte_id, obj.pk])
    if isinstance(obj, Bericht):
        return f"{reverse('samenwerking:berichten', args=[obj.ruimte_id])}#bericht-{obj.pk}"
    return f"{reverse('samenwerking:taken', args=[obj.ruimte_id])}#taak-{obj.pk}"


def _opener(soort):
    return lambda pk: reverse("samenwerking:zoekresultaat", args=[soort, pk])


def _dated(doc, moment):
    doc.datum = moment.date() if moment else None
    doc.jaar = moment.year if moment else None
    return doc


def build_space(ruimte):
    return _dated(
        IndexDocument(
            soort="samenwerkingsruimte",
            soort_label=_("Samenwerkingsruimte"),
            titel=ruimte.titel,
            url=object_url(ruimte),
            tekst=ruimte.doel,
            context=f"{ruimte.get_soort_display()} · {ruimte.get_status_display()}",
            principals=[space_principal(ruimte.pk)],
        ),
        ruimte.aangemaakt_op,
    )


def build_document(document):
    versie = document.laatste_versie()
    restricted = document.vertrouwelijkheid == Document.Vertrouwelijkheid.ALLEEN_COORDINATOREN
    principal = coordinator_principal(document.ruimte_id) if restricted else space_principal(document.ruimte_id)
    # The version's text was extracted at upload, bounded in size and time (extract.py); the
    # index bounds it again (search.indexing.MAX_TEXT).
    return _dated(
        IndexDocument(
            soort="document",
            soort_label=_("Document"),
            titel=document.naam,
            url=object_url(document),
            tekst=join_lines(versie.bestandsnaam, versie.tekst) if versie else "",
            context=document.ruimte.titel,
            principals=[principal],
        ),
        document.aangemaakt_op,
    )


def build_message(bericht):
    return _dated(
        IndexDocument(
            soort="bericht",
            soort_label=_("Bericht"),
            titel=Truncator(" ".join(bericht.tekst.split())).words(MESSAGE_TITLE_WORDS),
            url=object_url(bericht),
            tekst=bericht.tekst,
            context=bericht.ruimte.titel,
            principals=[space_principal(bericht.ruimte_id)],
        ),
        bericht.aangemaakt_op,
    )


def build_task(taak):
    status = _("Gedaan") if taak.gedaan else _("Open")
    return _dated(
        IndexDocument(
            soort="taak",
            soort_label=_("Taak"),
            titel=taak.titel,
            url=object_url(taak),
            tekst=taak.omschrijving,
            context=f"{taak.ruimte.titel} · {status}",
            principals=[space_principal(taak.ruimte_id)],
        ),
        taak.aangemaakt_op,
    )


registry.register(Samenwerkingsruimte, build_space, opener=_opener("ruimte"))
registry.register(
    Document,
    build_document,
    queryset=lambda: Document.objects.select_related("ruimte"),
    opener=_opener("document"),
)
registry.register(
    Bericht, build_message, queryset=lambda: Bericht.objects.select_related("ruimte"), opener=_opener("bericht")
)
registry.register(Taak, build_task, queryset=lambda: Taak.objects.select_related("ruimte"), opener=_opener("taak"))


def reindex(instance):
    """Bring the search document of one object of a space up to date."""
    return registry.reindex(instance)


def remove_space_documents(ruimte_id):
    """Remove every search document of a space's principals (a deleted space)."""
    return registry.remove_documents_of(principals_of_space(ruimte_id))
