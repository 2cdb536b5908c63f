"""Which law, domain, audience and topic a page is about: one table per taxonomy for every
page type, keyed on Wagtail's Page, so that filtering pages is one subquery per taxonomy
whatever their type."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from .taxonomie import Doelgroep, Domein, Onderwerp, Wet


class PaginaWet(Orderable):
    page = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="indeling_wetten", verbose_name=_("pagina")
    )
    wet = models.ForeignKey(Wet, on_delete=models.CASCADE, related_name="pagina_indelingen", verbose_name=_("wet"))

    panels = [FieldPanel("wet")]

    class Meta(Orderable.Meta):
        verbose_name = _("wet van een pagina")
        verbose_name_plural = _("wetten van pagina's")
        constraints = [models.UniqueConstraint(fields=["page", "wet"], name="uniek_pagina_wet")]


class PaginaDomein(Orderable):
    page = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="indeling_domeinen", verbose_name=_("pagina")
    )
    domein = models.ForeignKey(
        Domein, on_delete=models.CASCADE, related_name="pagina_indelingen", verbose_name=_("domein")
    )

    panels = [FieldPanel("domein")]

    class Meta(Orderable.Meta):
        verbose_name = _("domein van een pagina")
        verbose_name_plural = _("domeinen van pagina's")
        constraints = [models.UniqueConstraint(fields=["page", "domein"], name="uniek_pagina_domein")]


class PaginaDoelgroep(Orderable):
    page = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="indeling_doelgroepen", verbose_name=_("pagina")
    )
    doelgroep = models.ForeignKey(
        Doelgroep, on_delete=models.CASCADE, related_name="pagina_indelingen", verbose_name=_("doelgroep")
    )

    panels = [FieldPanel("doelgroep")]

    class Meta(Orderable.Meta):
        verbose_name = _("doelgroep van een pagina")
        verbose_name_plural = _("doelgroepen van pagina's")
        constraints = [models.UniqueConstraint(fields=["page", "doelgroep"], name="uniek_pagina_doelgroep")]


class PaginaOnderwerp(Orderable):
    page = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="indeling_onderwerpen", verbose_name=_("pagina")
    )
    onderwerp = models.ForeignKey(
        Onderwerp, on_delete=models.CASCADE, related_name="pagina_indelingen", verbose_name=_("onderwerp")
    )

    panels = [FieldPanel("onderwerp")]

    class Meta(Orderable.Meta):
        verbose_name = _("onderwerp van een pagina")
        verbose_name_plural = _("onderwerpen van pagina's")
        constraints = [models.UniqueConstraint(fields=["page", "onderwerp"], name="uniek_pagina_onderwerp")]


# Per taxonomy: its through-model, the page's child relation and the snippet's field name.
TAXONOMIES = {
    "wet": (PaginaWet, "indeling_wetten", "wet"),
    "domein": (PaginaDomein, "indeling_domeinen", "domein"),
    "doelgroep": (PaginaDoelgroep, "indeling_doelgroepen", "doelgroep"),
    "onderwerp": (PaginaOnderwerp, "indeling_onderwerpen", "onderwerp"),
}


def filter_by_taxonomy(queryset, values):
    """Pages with any of the given values of every taxonomy named; see met_taxonomie."""
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, models.Model | str | int):
            value = [value]
        model, _relation, field = TAXONOMIES[name]
        lookup = f"{field}__in"
        if not isinstance(value, models.QuerySet):
            value = list(value)
            if any(isinstance(v, str) for v in value):
                lookup = f"{field}__slug__in"
        queryset = queryset.filter(pk__in=model.objects.filter(**{lookup: value}).values("page_id"))
    return queryset


def labels(page, name):
    """The page's values of one taxonomy in the editor's order, also on a preview or a
    revision (whose rows live in memory), in one query unless they were prefetched."""
    _model, relation, field = TAXONOMIES[name]
    rows = getattr(page, relation).all()
    if relation not in getattr(page, "_prefetched_objects_cache", {}):
        rows = rows.select_related(field)
    return [getattr(row, field) for row in rows]


def set_labels(page, name, values):
    """Give the page exactly these values of one taxonomy, in this order (saved with the page)."""
    model, relation, field = TAXONOMIES[name]
    current = {getattr(row, f"{field}_id"): row for row in getattr(page, relation).all()}
    rows = []
    for position, value in enumerate(values):
        row = current.get(value.pk) or model(**{field: value})
        row.sort_order = position
        rows.append(row)
    setattr(page, relation, rows)
