"""A publisher is an organisation: the names a source gives its publisher ("Inspectie
Gezondheidszorg en Jeugd (IGJ)", "Toezicht Sociaal Domein / Samenwerkend Toezicht Jeugd")
resolve to the one organisation record, so the kennisbank, the supervisor map and the
search name it once."""

import re

from .models import Organisatie


def _woorden(tekst):
    return " ".join(re.findall(r"\w+", tekst.casefold()))


def organisaties_in(uitgever):
    """The organisations a publisher's text names, by any of their names as whole words, in
    the order the text names them; [] when it names none the portal knows. Longer names are
    tried first, so "Inspectie Sociale Zaken en Werkgelegenheid" is not read as a shorter one."""
    tekst = f" {_woorden(uitgever or '')} "
    if not tekst.strip():
        return []
    gevonden = {}
    kandidaten = sorted(
        ((len(naam), naam, o) for o in Organisatie.objects.all() for naam in o.namen() if len(naam) > 3),
        key=lambda t: -t[0],
    )
    for _lengte, naam, organisatie in kandidaten:
        woorden = _woorden(naam)
        positie = tekst.find(f" {woorden} ") if woorden else -1
        if positie < 0:
            continue
        gevonden.setdefault(organisatie, positie)
        # Blanked out at the same length, so the positions of the other names stay put.
        tekst = tekst.replace(f" {woorden} ", f" {'#' * len(woorden)} ")
    return sorted(gevonden, key=gevonden.get)


def uitgever_namen(uitgever):
    """The facet names of a publisher: its organisations' names, or its own text."""
    organisaties = organisaties_in(uitgever)
    return [o.naam for o in organisaties] if organisaties else ([uitgever] if uitgever else [])
