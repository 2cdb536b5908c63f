"""The reference data behind the navigator and the overview, read once per version.

Every answer walks all remits with their municipalities, kinds of voorziening, situations
and legal sources. Reading and wrapping those rows on each request cost most of its time,
so each process keeps them in plain sets and lists for as long as the version "toezicht"
stays the same (portal/versies.py). Signals give it a new version on any change to the
remits, supervisors, designations, situations, laws, articles, kinds of voorziening,
municipalities and regions, and on a save of the kennisbank pages that citations name or
that belong to a framework (visual/signals.py). Which kennisbank pages a user may see is still
decided per request: the data holds only which pages a remit cites and to which framework a
form of supervision or a procedure belongs.
"""

from dataclasses import dataclass

from kennisbank.models import (
    KennisbronPage,
    ProcedurePage,
    ToezichtkaderPage,
    ToezichtsvormPage,
    Voorzieningsoort,
    Wet,
)
from portal.models import Gemeente
from portal.versies import PerVersie

from .models import Aanwijzing, Situatie, Toezichthouder, Toezichtsgebied
from .normaliseren import normaliseer

VERSIE = "toezicht"
WMO = "wmo-2015"


@dataclass(frozen=True)
class Gebied:
    """A remit with the ids of everything it is linked to."""

    model: Toezichtsgebied
    gemeenten: frozenset
    voorzieningen: frozenset
    situaties: frozenset
    grondslag: tuple
    paginas: tuple
    voorzieningen_label: str
    # The pages its citations name: its source page and the kennisbank documents whose titles
    # they copy (of every state: an unpublished framework's title is as hidden as a restricted
    # one's). A citation shows only to a user who may see all of them.
    citeert: frozenset = frozenset()

    def dekt_gemeente(self, gemeente_id, regio_ids):
        dekking = self.model.dekking
        if dekking == Toezichtsgebied.Dekking.ALLE:
            return True
        if dekking == Toezichtsgebied.Dekking.LIJST:
            return gemeente_id in self.gemeenten
        return self.model.regio_id is not None and self.model.regio_id in regio_ids

    def dekt_voorziening(self, voorziening):
        """`voorziening` is a Voorzieningsoort or one of the extra subjects (keuzes.Onderwerp)."""
        if voorziening is None:
            return True
        if not hasattr(voorziening, "pk"):
            return {"gemeente-als-aanbieder": self.model.gemeente_als_aanbieder, "welzijn": self.model.welzijn}.get(
                voorziening.slug, False
            )
        return self.model.alle_voorzieningen or voorziening.pk in self.voorzieningen


@dataclass(frozen=True)
class Aanwijzingsgegevens:
    """An approved designation with the kinds of voorziening it is limited to."""

    model: Aanwijzing
    voorzieningen: frozenset
    voorzieningen_label: str


@dataclass(frozen=True)
class Gemeentenaam:
    """A municipality with every name it answers to, and those names as normalised words."""

    code: str
    naam: str
    namen: tuple
    zinnen: tuple
    waarden: tuple = ()

    def model(self):
        """A fresh Gemeente of this row: nothing one request sets on it reaches another."""
        return Gemeente.from_db("default", GEMEENTE_VELDEN, self.waarden)


@dataclass(frozen=True)
class Referentie:
    gebieden: tuple
    aanwijzingen: dict  # gemeente id -> tuple of Aanwijzingsgegevens (approved only)
    regios: dict  # gemeente id -> frozenset of regio ids
    wmo: object
    wetten: tuple
    voorzieningsoorten: tuple
    situaties: tuple
    situatie_zinnen: tuple  # (situatie, its name and synonyms as normalised words)
    gemeenten: tuple  # Gemeentenaam, by name
    kader_van: dict  # page id of a form of supervision or procedure -> its framework's page id
    eerste_stap_citeert: dict  # situatie id -> the pages its first step's citation names
    citeert: dict  # toezichtsgebied id -> Gebied.citeert
    toezichthouder_citeert: dict  # toezichthouder id -> the pages its own citation names

    def gemeente(self, code):
        return next((g.model() for g in self.gemeenten if g.code == code), None)


GEMEENTE_VELDEN = tuple(f.attname for f in Gemeente._meta.concrete_fields)
# Titles shorter than this ("Veilig Thuis") are words a citation may use without naming the page.
KORTSTE_TITEL = 20


def geciteerde_documenten():
    """(pk, title) of the kennisbank documents a citation names by their title."""
    rijen = []
    for model in (ToezichtkaderPage, KennisbronPage, ToezichtsvormPage, ProcedurePage):
        rijen += [(pk, t) for pk, t in model.objects.values_list("pk", "title") if len(t) >= KORTSTE_TITEL]
    return rijen


def citaten(gebied):
    """Every citation of a remit a reader sees: its own, per task, and per reporter."""
    return [gebied.bron, *(gebied.taakbronnen or {}).values(), *(m.get("bron", "") for m in gebied.meldplichten or [])]


def _citeert(documenten, teksten, pagina):
    """The pages these citations name: their source page and the documents whose titles they copy."""
    return frozenset(pk for pk, titel in documenten if any(titel in tekst for tekst in teksten)) | ({pagina} - {None})


def _bouw():
    documenten = geciteerde_documenten()
    gebieden = tuple(
        Gebied(
            model=g,
            gemeenten=frozenset(x.pk for x in g.gemeenten.all()),
            voorzieningen=frozenset(v.pk for v in g.voorzieningsoorten.all()),
            situaties=frozenset(s.pk for s in g.situaties.all()),
            grondslag=tuple(g.wettelijke_grondslag.all()),
            paginas=tuple(p.pk for p in g.kennisbank_paginas.all()),
            voorzieningen_label=g.voorzieningen_label(),
            citeert=_citeert(documenten, citaten(g), g.bron_pagina_id),
        )
        for g in Toezichtsgebied.objects.met_gegevens()
    )
    aanwijzingen = {}
    for a in (
        Aanwijzing.objects.goedgekeurd()
        .select_related("toezichthouder", "gemeente")
        .prefetch_related("voorzieningsoorten")
    ):
        aanwijzingen.setdefault(a.gemeente_id, []).append(
            Aanwijzingsgegevens(
                model=a,
                voorzieningen=frozenset(v.pk for v in a.voorzieningsoorten.all()),
                voorzieningen_label=a.voorzieningen_label(),
            )
        )
    regios = {}
    for gemeente_id, regio_id in Gemeente.regios.through.objects.values_list("gemeente_id", "regio_id"):
        regios.setdefault(gemeente_id, set()).add(regio_id)
    gemeenten = []
    for g in Gemeente.objects.order_by("naam"):
        namen = (g.naam, *g.roepnaam_lijst())
        gemeenten.append(
            Gemeentenaam(
                code=g.cbs_code,
                naam=g.naam,
                namen=namen,
                zinnen=tuple(_woorden(n) for n in namen),
                waarden=tuple(getattr(g, f) for f in GEMEENTE_VELDEN),
            )
        )
    kader_van = {}
    for model in (ToezichtsvormPage, ProcedurePage):
        kader_van.update(model.objects.filter(kader__isnull=False).values_list("pk", "kader_id"))
    situaties = tuple(Situatie.objects.all())
    eerste_stap_citeert = {
        s.pk: _citeert(documenten, [s.eerste_stap_bron], s.eerste_stap_bron_pagina_id) for s in situaties
    }
    return Referentie(
        gebieden=gebieden,
        aanwijzingen={k: tuple(v) for k, v in aanwijzingen.items()},
        regios={k: frozenset(v) for k, v in regios.items()},
        wmo=Wet.objects.filter(slug=WMO).first(),
        wetten=tuple(Wet.objects.order_by("naam")),
        voorzieningsoorten=tuple(Voorzieningsoort.objects.order_by("volgorde", "naam")),
        situaties=situaties,
        situatie_zinnen=tuple((situatie, tuple(_woorden(n) for n in situatie.namen())) for situatie in situaties),
        gemeenten=tuple(gemeenten),
        kader_van=kader_van,
        eerste_stap_citeert=eerste_stap_citeert,
        citeert={g.model.pk: g.citeert for g in gebieden},
        toezichthouder_citeert={
            pk: _citeert(documenten, [bron], pagina)
            for pk, bron, pagina in Toezichthouder.objects.values_list("pk", "bron", "bron_pagina_id")
        },
    )


def _woorden(naam):
    return tuple(normaliseer(naam).split())


_referentie = PerVersie(VERSIE, _bouw)


def referentie():
    return _referentie.get()
