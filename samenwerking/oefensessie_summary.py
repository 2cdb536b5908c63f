"""What a group session gathered: the tally of the answers, and its summary as PDF
(reportlab, as the overview's export in visual/ uses)."""

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _


def tally(vragen, antwoorden):
    """Per question: the count of each option (multiple choice) or the open answers, in the
    order they came in. Nothing of who gave them."""
    per_vraag = {}
    for antwoord in antwoorden:
        per_vraag.setdefault(antwoord.vraag_id, []).append(antwoord)
    uitslagen = []
    for vraag in vragen:
        gegeven = per_vraag.get(vraag.id, [])
        opties = []
        if vraag.soort == "meerkeuze":
            for optie in vraag.opties:
                aantal = sum(1 for a in gegeven if a.optie == optie.nummer)
                procent = round(100 * aantal / len(gegeven)) if gegeven else 0
                opties.append({"optie": optie, "aantal": aantal, "procent": procent})
        uitslagen.append(
            {
                "vraag": vraag,
                "aantal": len(gegeven),
                "opties": opties,
                "open": [a.tekst for a in gegeven if vraag.soort != "meerkeuze"],
            }
        )
    return uitslagen


def _p(text, style):
    from reportlab.platypus import Paragraph

    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def _link(text, url, style):
    from reportlab.platypus import Paragraph

    return Paragraph(f'<link href="{escape(url, {chr(34): "&quot;"})}" color="blue">{escape(str(text))}</link>', style)


def summary_pdf(sessie, user, base_url):
    """The case, the answers per chapter without any names, and the discussion guide's
    themes with links to the criteria (only those the reader may see)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import ListFlowable, ListItem, SimpleDocTemplate, Spacer

    from .models import Antwoord

    styles = getSampleStyleSheet()
    body, h1, h2, h3 = styles["BodyText"], styles["Title"], styles["Heading2"], styles["Heading3"]
    casus = sessie.casus
    chapters = casus.hoofdstuk_lijst()
    antwoorden = list(Antwoord.objects.filter(sessie=sessie).order_by("aangemaakt_op", "pk"))
    story = [
        _p(_("Samenvatting van de oefensessie"), h1),
        _p(casus.title, h2),
        _p(_("Een verzonnen casus om van te leren; personen en gebeurtenissen zijn niet echt."), body),
        _p(
            _("Sessie %(code)s, gestart op %(datum)s, %(n)d deelnemers. De antwoorden zijn anoniem.")
            % {
                "code": sessie.code_getoond(),
                "datum": timezone.localtime(sessie.aangemaakt_op).strftime("%d-%m-%Y %H:%M"),
                "n": sessie.deelnemers.count(),
            },
            body,
        ),
        _link(base_url.rstrip("/") + (casus.url or "/"), base_url.rstrip("/") + (casus.url or "/"), body),
        Spacer(1, 0.4 * cm),
    ]
    for hoofdstuk in chapters:
        story.append(_p(_("Hoofdstuk %(n)d: %(t)s") % {"n": hoofdstuk.nummer, "t": hoofdstuk.titel}, h2))
        if hoofdstuk.moment:
            story.append(_p(hoofdstuk.moment, styles["Italic"]))
        if hoofdstuk.verhaal:
            story.append(_p(hoofdstuk.verhaal, body))
        for uitslag in tally(hoofdstuk.vragen, antwoorden):
            story.append(_p(uitslag["vraag"].tekst, h3))
            story.append(_p(_("%(n)d antwoorden") % {"n": uitslag["aantal"]}, body))
            items = [_p(f"{o['optie'].tekst}: {o['aantal']} ({o['procent']}%)", body) for o in uitslag["opties"]] + [
                _p(tekst, body) for tekst in uitslag["open"]
            ]
            if items:
                story.append(ListFlowable([ListItem(item) for item in items], bulletType="bullet"))
    themas = list(casus.nabespreking_themas(user))
    if themas:
        story.append(_p(_("Nabespreking"), h2))
        for thema in themas:
            story.extend(_theme_flowables(thema, base_url, body, h3, ListFlowable, ListItem))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=_("Samenvatting oefensessie: %(t)s") % {"t": casus.title},
        author=_("Toezichtportaal Sociaal Domein"),
        lang="nl",
    )
    doc.build(story)
    return buffer.getvalue()


def _theme_flowables(thema, base_url, body, heading, ListFlowable, ListItem):
    flowables = [_p(thema.titel, heading), _p(thema.toelichting, body)]
    if thema.gespreksvragen:
        flowables.append(ListFlowable([ListItem(_p(v, body)) for v in thema.gespreksvragen], bulletType="bullet"))
    links = [ListItem(_link(page.title, base_url.rstrip("/") + (page.url or "/"), body)) for page in thema.criteria]
    if links:
        flowables.append(_p(_("Criteria en thema's in de kennisbank:"), body))
        flowables.append(ListFlowable(links, bulletType="bullet"))
    return flowables
