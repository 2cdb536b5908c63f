"""The navigator's answer cards as HTML, written here rather than in a template.

An answer holds about twenty lines. Rendered through the template language each line cost
over a millisecond (each `{{ r.x }}` first tries `r["x"]`, an exception for every object,
then the attribute; an `{% include %}` and a `{% url %}` per line), which made the cards
most of the navigator's time. The markup is the same as the template's was; every value is
escaped by `format_html`.
"""

from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

PLAATSHOUDER = "slug-plaatshouder"


def _toezichthouder_urls():
    """slug -> URL of a supervisor's page: one reverse() for all, as a slug needs no quoting."""
    patroon = reverse("visual:toezichthouder", args=[PLAATSHOUDER])
    return lambda slug: patroon.replace(PLAATSHOUDER, slug)


def bron_html(regel):
    """The source of a line, linked to its kennisbank page when the reader may see it, with
    its legal bases (as visual/includes/bron.html writes it for the overview)."""
    if regel.bron_pagina is not None:
        tekst = format_html('<a href="{}">{}</a>', regel.bron_pagina.url, regel.bron)
    else:
        tekst = escape(regel.bron)
    if not regel.grondslag:
        return tekst
    delen = [format_html('<a href="{}">{}</a>', a.url, str(a)) if a.url else escape(str(a)) for a in regel.grondslag]
    return mark_safe(f"{tekst} ({'; '.join(delen)})")


def taakbronnen_html(taken_met_bron):
    """Each task with the source that says it (as visual/includes/taakbronnen.html)."""
    items = format_html_join(
        "", "<li data-taakbron>{}: {}</li>", ((taak[:1].upper() + taak[1:], bron) for taak, bron in taken_met_bron)
    )
    return format_html('<ul class="visual-taakbronnen">{}</ul>', items)


def meldplichten_html(meldplichten):
    """Who reports, on which legal basis, and where that is said (as visual/includes/meldplichten.html)."""
    geen, bron = _("geen wetsartikel bekend"), _("bron:")
    items = format_html_join(
        "",
        '<li data-meldplicht>{}: {} <span class="portal-meta">({} {})</span></li>',
        ((m["wie"], m["grondslag"] or geen, bron, m["bron"]) for m in meldplichten),
    )
    return format_html('<ul class="visual-meldplichten">{}</ul>', items)


def _dl(rijen):
    return format_html_join("", "<dt>{}</dt><dd{}>{}</dd>", rijen)


def handelend_html(regels):
    """The cards of "Toezichthouders, in de volgorde waarin zij handelen"."""
    url = _toezichthouder_urls()
    tegenstrijdig = format_html(' <span class="portal-badge">{}</span>', _("tegenstrijdig"))
    wat, niveau, rol, bron = _("Wat doet deze"), _("Niveau"), _("Rol"), _("Bron")
    grond = _("Op grond van")
    kaarten = []
    for r in regels:
        rijen = []
        taken = r.wat_doet
        if taken:
            rijen.append((wat, mark_safe(" data-taken"), taken))
        taakbronnen = r.taken_met_bron
        if taakbronnen:
            rijen.append((grond, "", taakbronnen_html(taakbronnen)))
        rijen += [
            (niveau, "", r.niveau_label),
            (
                rol,
                "",
                format_html('{} <span class="portal-meta">({}, {})</span>', r.rol, r.aspect_label.lower(), r.wet),
            ),
            (bron, "", bron_html(r)),
        ]
        kaarten.append(
            format_html(
                '<li class="portal-card visual-regel"><h4><a href="{}">{}</a>{}</h4><dl class="visual-dl">{}</dl></li>',
                url(r.toezichthouder.slug),
                r.naam,
                tegenstrijdig if r.tegenstrijdig else "",
                _dl(rijen),
            )
        )
    return mark_safe("".join(kaarten))


def melden_html(regels):
    """The cards of "Melden bij"."""
    url = _toezichthouder_urls()
    wet, melders, termijn, daarna, bron = _("Wet"), _("Wie meldt"), _("Termijn"), _("Daarna"), _("Bron")
    plichten = _("Wie meldt, op grond waarvan")
    kaarten = []
    for r in regels:
        rijen = [(wet, "", r.wet.naam)]
        if r.meldplichten:
            rijen.append((plichten, "", meldplichten_html(r.meldplichten)))
        elif r.melders:
            rijen.append((melders, "", r.melders))
        rijen.append((termijn, "", r.termijn))
        if r.vervolg:
            rijen.append((daarna, "", r.vervolg))
        rijen.append((bron, "", bron_html(r)))
        kaarten.append(
            format_html(
                '<li><h4><a href="{}">{}</a></h4><dl class="visual-dl">{}</dl></li>',
                url(r.toezichthouder.slug),
                r.naam,
                _dl(rijen),
            )
        )
    return mark_safe("".join(kaarten))
