"""The colours of the judgements (voldoet, voldoet gedeeltelijk, …), read from the stylesheet of
the HTML findings matrix, so that its PDF export shows the same colours from one source.

The stylesheet gives each judgement a rule `.oordeel--<value> { background: #rrggbb; color:
#rrggbb; }`. Colour is an aid only: every cell says its judgement in words as well.
"""

import logging
import re
from functools import lru_cache

from django.contrib.staticfiles import finders

logger = logging.getLogger(__name__)

STYLESHEET = "css/samenwerking.css"

_REGEL = re.compile(r"\.oordeel--(?P<oordeel>[a-z_]+)\s*\{(?P<inhoud>[^}]*)\}")
_KLEUR = re.compile(r"(?<![-\w])(?P<eigenschap>background(?:-color)?|color)\s*:\s*(?P<kleur>#[0-9a-fA-F]{6})\b")


def uit_stylesheet(css):
    """{judgement value: {"achtergrond": "#rrggbb", "tekst": "#rrggbb"}} of the rules in `css`."""
    kleuren = {}
    for regel in _REGEL.finditer(css):
        for kleur in _KLEUR.finditer(regel["inhoud"]):
            soort = "tekst" if kleur["eigenschap"] == "color" else "achtergrond"
            kleuren.setdefault(regel["oordeel"], {})[soort] = kleur["kleur"].lower()
    return kleuren


# The stylesheet is a file of the release: read once per process.
@lru_cache(maxsize=1)
def oordeelkleuren():
    pad = finders.find(STYLESHEET)
    if pad is None:
        # The words carry the judgement; an export without colours beats no export.
        logger.warning("Stylesheet %s niet gevonden: de bevindingenmatrix als PDF krijgt geen kleuren.", STYLESHEET)
        return {}
    with open(pad, encoding="utf-8") as handle:
        return uit_stylesheet(handle.read())
