"""What the spaces give the search: their content, and the principals of a user's memberships.

The index stores `ruimte:<id>` for space content (and `ruimte:<id>:coordinatoren` for
coordinator-only documents), never `public`, `ingelogd` or a role; a user holds exactly the
principals of the spaces they may see, asked of the policy on every search. So a membership
that is added, changed or revoked needs no reindex: the next search asks the policy again.

Hits link to the search-hit view (`samenwerking:zoekresultaat`), which checks the object again
and writes the audit log before it sends the user to the object's page (the stored URL).

The `organisatie` facet is left out: a space's participating organisations are not shown to
every member (a meelezer does not see them), so no principal may carry them as a facet.

The supervisors' objects follow the same rule, with one widening: a learning (and its
recommendations) carries the principals of its recorded reach: its space; `rol:toezichthouder`
once widened to all supervisors; the principals of its kennisbank page once public and that
page is live. A report (Melding) carries its space's principal and nothing else, whatever
changes elsewhere: it is never public. A learning written from a report may become public (it is
de-identified and checked before each widening); its document holds its own title, text and
themes, never anything of the report.
"""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from search.registry import IndexDocument, join_lines, page_principals, registry

from .models import (
    Aanbeveling,
    Aanbieder,
    Bericht,
    Bevinding,
    Document,
    Leerpunt,
    Melding,
    Onderzoek,
    Reikwijdte,
    Samenwerkingsruimte,
    Taak,
)

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


SUPERVISOR_PRINCIPAL = "rol:toezichthouder"


def _in_space(ruimte_id, *parts):
    """A page of a space by the URL shapes the space's pages are built to (the contract)."""
    return reverse("samenwerking:ruimte", args=[ruimte_id]) + "".join(f"{part}/" for part in parts)


def _outside_space(obj):
    """A learning or recommendation for a user outside its space: on the list of all learnings,
    so that the link does not name the space."""
    anchor = f"leerpunt-{obj.pk}" if isinstance(obj, Leerpunt) else f"aanbeveling-{obj.pk}"
    return f"{reverse('samenwerking:overzicht')}leerpunten/#{anchor}"


def public_url(obj):
    """A public learning's (or its recommendation's) kennisbank page."""
    leerpunt = obj if isinstance(obj, Leerpunt) else obj.leerpunt
    url = leerpunt.pagina.url if leerpunt.pagina_id else ""
    return f"{url}#aanbeveling-{obj.pk}" if isinstance(obj, Aanbeveling) and url else url


def object_url(obj, spaces=None):
    """The page of a space's object: where a search hit leads after it is opened. With
    `spaces` (the ids of the spaces the user may see), a learning outside them is linked
    without its space."""
    if spaces is not None and isinstance(obj, Leerpunt | Aanbeveling):
        ruimte_id = obj.ruimte_id if isinstance(obj, Leerpunt) else obj.leerpunt.ruimte_id
        if ruimte_id not in spaces:
            return _outside_space(obj)
    if isinstance(obj, Onderzoek):
        return _in_space(obj.ruimte_id, "onderzoeken", obj.pk)
    if isinstance(obj, Bevinding):
        pagina = _in_space(obj.onderzoek.ruimte_id, "onderzoeken", obj.onderzoek_id, "bevindingen")
        return f"{pagina}#bevinding-{obj.pk}"
    if isinstance(obj, Melding):
        return _in_space(obj.ruimte_id, "meldingen", obj.pk)
    if isinstance(obj, Leerpunt):
        return _in_space(obj.ruimte_id, "leerpunten", obj.pk)
    if isinstance(obj, Aanbeveling):
        return f"{_in_space(obj.leerpunt.ruimte_id, 'leerpunten', obj.leerpunt_id)}#aanbeveling-{obj.pk}"
    if isinstance(obj, Aanbieder):
        return reverse("samenwerking:aanbieder", args=[obj.pk])
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


def viewable_space_ids(user):
    from .policy import policy

    return set(policy.instances_user_has_permission_for(user, "view").values_list("pk", flat=True))


def space_of(obj):
    """The space an object of a space belongs to (for the audit log of an opened hit)."""
    if isinstance(obj, Samenwerkingsruimte):
        return obj
    if isinstance(obj, Bevinding):
        return obj.onderzoek.ruimte
    if isinstance(obj, Aanbeveling):
        return obj.leerpunt.ruimte
    return obj.ruimte


def learning_principals(leerpunt):
    """Who may find a learning: exactly its recorded reach (querysets.LeerpuntQuerySet)."""
    principals = [space_principal(leerpunt.ruimte_id)]
    if leerpunt.reikwijdte in (Reikwijdte.TOEZICHTHOUDERS, Reikwijdte.OPENBAAR):
        principals.append(SUPERVISOR_PRINCIPAL)
    if leerpunt.reikwijdte == Reikwijdte.OPENBAAR and leerpunt.pagina_id:
        principals.extend(page_principals(leerpunt.pagina.specific) or [])
    return principals


def build_investigation(onderzoek):
    aanbieders = [a.naam for a in onderzoek.aanbieders.all()]
    return _dated(
        IndexDocument(
            soort="onderzoek",
            soort_label=_("Onderzoek"),
            titel=onderzoek.titel,
            url=object_url(onderzoek),
            tekst=join_lines(onderzoek.aanleiding, *aanbieders),
            # No kennisbank page's title: a member need not see the form of supervision's page
            # (portal/privacy.py), and the document is not written again when its privacy changes.
            context=f"{onderzoek.ruimte.titel} · {onderzoek.get_status_display()}",
            principals=[space_principal(onderzoek.ruimte_id)],
        ),
        onderzoek.aangemaakt_op,
    )


def build_finding(bevinding):
    return _dated(
        IndexDocument(
            soort="bevinding",
            soort_label=_("Bevinding"),
            # The norm by its code, as the findings matrix names it to who may not see its page.
            titel=str(
                _("Norm %(code)s: %(aanbieder)s") % {"code": bevinding.norm.code, "aanbieder": bevinding.aanbieder.naam}
            ),
            url=object_url(bevinding),
            tekst=join_lines(bevinding.get_oordeel_display(), bevinding.toelichting),
            context=f"{bevinding.onderzoek.titel} · {bevinding.get_oordeel_display()}",
            principals=[space_principal(bevinding.onderzoek.ruimte_id)],
        ),
        bevinding.vastgesteld_op,
    )


def build_report(melding):
    # The space's principal only, never public, never a role: the names of those involved
    # stay out of the index altogether.
    return _dated(
        IndexDocument(
            soort="melding",
            soort_label=_("Melding"),
            titel=f"{melding.get_soort_display()}: {melding.aanbieder.naam}",
            url=object_url(melding),
            tekst=melding.samenvatting,
            context=f"{melding.ruimte.titel} · {melding.get_status_display()}",
            principals=[space_principal(melding.ruimte_id)],
        ),
        melding.aangemaakt_op,
    )


def build_learning(leerpunt):
    themas = [t.naam for t in leerpunt.themas.all()]
    return _dated(
        IndexDocument(
            soort="leerpunt",
            soort_label=_("Leerpunt"),
            titel=leerpunt.titel,
            url=object_url(leerpunt),
            tekst=join_lines(leerpunt.tekst, *themas),
            context=f"{_('Leerpunt')} · {leerpunt.get_reikwijdte_display()}",
            principals=learning_principals(leerpunt),
        ),
        leerpunt.aangemaakt_op,
    )


def build_recommendation(aanbeveling):
    return _dated(
        IndexDocument(
            soort="aanbeveling",
            soort_label=_("Aanbeveling"),
            titel=Truncator(" ".join(aanbeveling.tekst.split())).words(MESSAGE_TITLE_WORDS),
            url=object_url(aanbeveling),
            tekst=aanbeveling.tekst,
            context=aanbeveling.leerpunt.titel,
            principals=learning_principals(aanbeveling.leerpunt),
        ),
        aanbeveling.aangemaakt_op,
    )


registry.register(
    Onderzoek,
    build_investigation,
    queryset=lambda: Onderzoek.objects.select_related("ruimte").prefetch_related("aanbieders"),
    opener=_opener("onderzoek"),
)
registry.register(
    Bevinding,
    build_finding,
    queryset=lambda: Bevinding.objects.select_related("onderzoek", "norm", "aanbieder"),
    opener=_opener("bevinding"),
)
registry.register(
    Melding,
    build_report,
    queryset=lambda: Melding.objects.select_related("ruimte", "aanbieder"),
    opener=_opener("melding"),
)
registry.register(
    Leerpunt,
    build_learning,
    queryset=lambda: Leerpunt.objects.select_related("pagina").prefetch_related("themas"),
    opener=_opener("leerpunt"),
)
registry.register(
    Aanbeveling,
    build_recommendation,
    queryset=lambda: Aanbeveling.objects.select_related("leerpunt__pagina"),
    opener=_opener("aanbeveling"),
)


@registry.register_dependents
def learnings_on_pages(pages):
    """A public learning's page published, unpublished or moved changes who may find it."""
    leerpunten = list(Leerpunt.objects.filter(pagina__in=pages.values("pk")))
    return [*leerpunten, *Aanbeveling.objects.filter(leerpunt__in=leerpunten)]


def reindex(instance):
    """Bring the search document of one object of a space up to date."""
    return registry.reindex(instance)


def remove_space_documents(ruimte_id):
    """Remove every search document of a space's principals (a deleted space)."""
    return registry.remove_documents_of(principals_of_space(ruimte_id))
