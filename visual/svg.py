"""The overview as SVG, drawn on the server: levels as rows, domains as columns.

The same drawing serves the page (each element a link with a name, so it works by keyboard
and with a screen reader) and the export (plain shapes, with title, date and sources, which
svglib turns into a PDF)."""

import textwrap
from html import escape
from urllib.parse import urlencode

from django.utils.translation import gettext as _

BREEDTE = 1100
LABEL = 110
KOP = 44
VAK_H = 58
MARGE = 8
FONT = "Helvetica, Arial, sans-serif"
KLEUREN = {"lokaal": "#e5ecf3", "regionaal": "#e3f1df", "rijk": "#fdf0d5"}
RAND = "#154273"


def _e(value):
    return escape(str(value), quote=True)


def _regels(tekst, breedte):
    lines = textwrap.wrap(tekst, breedte) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), breedte, placeholder="…")]
    return lines


def _rijhoogte(overzicht, niveau):
    aantal = max([len(overzicht.cel(niveau, k)) for k in overzicht.kolommen] + [1])
    return aantal * (VAK_H + MARGE) + MARGE


def teken(overzicht, interactief=True, kop=None, voet=None, gekozen=None):
    """Return the SVG markup. `kop`/`voet`: lists of lines printed above/below (export)."""
    kop, voet = kop or [], voet or []
    kolom_b = (BREEDTE - LABEL) / len(overzicht.kolommen)
    boven = 20 + 20 * len(kop)
    hoogten = [_rijhoogte(overzicht, n) for n, _label in overzicht.rijen]
    hoogte = boven + KOP + sum(hoogten) + 16 + 16 * len(voet) + 10
    if overzicht.gemeente is None:
        titel = _("Toezicht in het sociaal domein in Nederland: lokaal, regionaal en landelijk")
    else:
        titel = _("Toezicht in het sociaal domein voor de gemeente %(gemeente)s") % {
            "gemeente": overzicht.gemeente.naam
        }
    attrs = (
        f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BREEDTE} {hoogte:.0f}" '
        f'width="{BREEDTE}" height="{hoogte:.0f}" font-family="{FONT}"'
    )
    if interactief:
        attrs += ' role="group" aria-labelledby="overzicht-svg-titel" class="visual-svg"'
    out = [
        f"<svg {attrs}>",
        f'<title id="overzicht-svg-titel">{_e(titel)}</title>',
        f'<rect x="0" y="0" width="{BREEDTE}" height="{hoogte:.0f}" fill="#ffffff"/>',
    ]
    for i, regel in enumerate(kop):
        size = 18 if i == 0 else 12
        weight = ' font-weight="bold"' if i == 0 else ""
        out.append(f'<text x="0" y="{20 + 20 * i}" font-size="{size}"{weight} fill="#000000">{_e(regel)}</text>')
    y = boven
    for i, kolom in enumerate(overzicht.kolommen):
        x = LABEL + i * kolom_b
        out.append(f'<rect x="{x:.1f}" y="{y}" width="{kolom_b - 4:.1f}" height="{KOP - 6}" fill="{RAND}"/>')
        out.append(
            f'<text x="{x + 8:.1f}" y="{y + 25}" font-size="14" font-weight="bold" '
            f'fill="#ffffff">{_e(kolom.naam)}</text>'
        )
    y += KOP
    for (niveau, label), rij_h in zip(overzicht.rijen, hoogten, strict=True):
        out.append(
            f'<rect x="0" y="{y}" width="{BREEDTE}" height="{rij_h - 4}" fill="{KLEUREN[niveau]}" fill-opacity="0.35"/>'
        )
        out.append(f'<text x="8" y="{y + 24}" font-size="14" font-weight="bold" fill="#000000">{_e(label)}</text>')
        for i, kolom in enumerate(overzicht.kolommen):
            x = LABEL + i * kolom_b
            for j, element in enumerate(overzicht.cel(niveau, kolom)):
                out.append(
                    _vak(
                        overzicht,
                        element,
                        x + 2,
                        y + MARGE + j * (VAK_H + MARGE),
                        kolom_b - 10,
                        interactief,
                        element.id == gekozen,
                    )
                )
        y += rij_h
    y += 12
    for regel in voet:
        y += 16
        out.append(f'<text x="0" y="{y}" font-size="10" fill="#000000">{_e(regel)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _vak(overzicht, element, x, y, breedte, interactief, gekozen):
    fill = "#ffffff" if element.terugval else KLEUREN[element.niveau]
    stroke = "#b45309" if element.tegenstrijdig else RAND
    dash = ' stroke-dasharray="6 4"' if element.terugval else ""
    width = 4 if gekozen else 1.5
    naam = element.toezichthouder.afkorting or element.toezichthouder.naam
    if element.toezichthouder.per_gemeente:
        naam = element.toezichthouder.naam
    lines = _regels(naam, max(12, int(breedte / 7)))
    onder = _("niet vastgelegd") if element.terugval else element.aspecten
    if element.tegenstrijdig:
        onder = _("tegenstrijdig")
    parts = [
        f'<rect class="visual-vak" x="{x:.1f}" y="{y:.1f}" width="{breedte:.1f}" '
        f'height="{VAK_H}" rx="4" fill="{fill}" stroke="{stroke}" '
        f'stroke-width="{width}"{dash}/>'
    ]
    for k, line in enumerate(lines):
        parts.append(
            f'<text x="{x + 6:.1f}" y="{y + 16 + 14 * k:.1f}" font-size="12" '
            f'font-weight="bold" fill="#000000">{_e(line)}</text>'
        )
    parts.append(
        f'<text x="{x + 6:.1f}" y="{y + VAK_H - 8:.1f}" font-size="10" '
        f'font-style="italic" fill="#000000">'
        f"{_e(textwrap.shorten(onder, max(12, int(breedte / 6)), placeholder='…'))}</text>"
    )
    body = "\n".join(parts)
    # The accessible name starts with the text the box shows (WCAG 2.5.3), then says more.
    zichtbaar = " ".join([*lines, textwrap.shorten(onder, max(12, int(breedte / 6)), placeholder="…")])
    label = f"{zichtbaar}. {element.label}"
    if not interactief:
        return f"<g>{body}</g>"
    query = "&".join(q for q in (overzicht.query, urlencode({"element": element.id})) if q)
    current = ' aria-current="true"' if gekozen else ""
    return (
        f'<a href="?{_e(query)}#paneel" class="visual-element" data-element="{_e(element.id)}" '
        f'aria-label="{_e(label)}"{current}>{body}</a>'
    )
