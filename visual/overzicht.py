"""The overview's data: the navigator's answer for one municipality, grouped by level and
domain into the elements the picture and the table show."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.http import urlencode
from django.utils.translation import gettext as _

from kennisbank.models import Domein

from .models.toezicht import NIVEAU_VOLGORDE, Niveau
from .navigator import landelijk, toezicht_voor

DOMEIN_VOLGORDE = ["wmo", "jeugd", "participatie", "onderwijs", "veiligheid"]
ALLE_DOMEINEN = "alle"


@dataclass
class Kolom:
    slug: str
    naam: str


@dataclass
class Element:
    id: str
    toezichthouder: object
    naam: str
    niveau: str
    kolom: Kolom
    regels: list = field(default_factory=list)

    @property
    def terugval(self):
        return all(r.terugval for r in self.regels)

    @property
    def tegenstrijdig(self):
        return any(r.tegenstrijdig for r in self.regels)

    @property
    def aspecten(self):
        return ", ".join(dict.fromkeys(r.aspect_label.lower() for r in self.regels))

    @property
    def niveau_label(self):
        return str(Niveau(self.niveau).label)

    @property
    def paginas(self):
        gezien = {}
        for regel in self.regels:
            for page in regel.paginas:
                gezien.setdefault(page.pk, page)
        return list(gezien.values())

    @property
    def label(self):
        tekst = _("%(naam)s, %(niveau)s, %(domein)s: %(aspecten)s") % {
            "naam": self.naam,
            "niveau": self.niveau_label.lower(),
            "domein": self.kolom.naam,
            "aspecten": self.aspecten,
        }
        if self.terugval:
            tekst += " " + _("(niet vastgelegd voor deze gemeente)")
        if self.tegenstrijdig:
            tekst += " " + _("(tegenstrijdige gegevens)")
        return tekst


@dataclass
class Overzicht:
    gemeente: object
    advies: object
    kolommen: list
    rijen: list
    cellen: dict
    elementen: dict

    @property
    def gesorteerd(self):
        volgorde = [k.slug for k in self.kolommen]
        return sorted(
            self.elementen.values(),
            key=lambda e: (NIVEAU_VOLGORDE.index(e.niveau), volgorde.index(e.kolom.slug), e.naam),
        )

    @property
    def query(self):
        """The query string of this overview: the municipality, and the date if not today."""
        params = {"gemeente": self.gemeente.cbs_code} if self.gemeente is not None else {}
        if self.advies.peildatum != date.today():
            params["peildatum"] = self.advies.peildatum.isoformat()
        return urlencode(params)

    def cel(self, niveau, kolom):
        return self.cellen.get((niveau, kolom.slug), [])


def kolommen():
    namen = dict(Domein.objects.filter(slug__in=DOMEIN_VOLGORDE).values_list("slug", "naam"))
    result = [Kolom(slug, namen.get(slug, slug.title())) for slug in DOMEIN_VOLGORDE]
    result.append(Kolom(ALLE_DOMEINEN, _("Alle domeinen")))
    return result


def maak_overzicht(gemeente, user=None, peildatum=None):
    """The overview of one municipality; without one, the national picture."""
    if gemeente is None:
        advies = landelijk(user=user, peildatum=peildatum)
    else:
        advies = toezicht_voor(gemeente, user=user, peildatum=peildatum)
    cols = kolommen()
    per_slug = {k.slug: k for k in cols}
    elementen = {}
    for regel in advies.regels:
        kolom = per_slug.get(regel.domein.slug if regel.domein else ALLE_DOMEINEN, cols[-1])
        element = elementen.get(regel.element_id)
        if element is None:
            naam = regel.toezichthouder.naam_voor(gemeente) if gemeente is not None else regel.toezichthouder.naam
            element = elementen[regel.element_id] = Element(
                id=regel.element_id, toezichthouder=regel.toezichthouder, naam=naam, niveau=regel.niveau, kolom=kolom
            )
        element.regels.append(regel)
    cellen = {}
    for element in elementen.values():
        cellen.setdefault((element.niveau, element.kolom.slug), []).append(element)
    rijen = [(n, str(Niveau(n).label)) for n in NIVEAU_VOLGORDE]
    return Overzicht(gemeente=gemeente, advies=advies, kolommen=cols, rijen=rijen, cellen=cellen, elementen=elementen)
