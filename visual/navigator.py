"""Who supervises this, here, and whom must I tell? Answers come from the remits and the
approved designations only; where they cannot answer, the answer says so."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.links import page_links
from portal.privacy import pages

from .gegevens import WMO, referentie
from .keuzes import Onderwerp, OngeldigeKeuze
from .models import Toezichtsgebied
from .models.toezicht import BRON_NIET_OPENBAAR, NIVEAU_VOLGORDE, TAAK_VOLGORDE, Niveau, Taak

ASPECT = Toezichtsgebied.Aspect
DESIGNATED_SITUATIES = {
    ASPECT.KWALITEIT: {"zorgen-over-kwaliteit", "klacht"},
    ASPECT.CALAMITEITENMELDINGEN: {"calamiteit", "geweld"},
}


@dataclass
class Regel:
    """One answer line: a remit (or an approved designation) as it applies here."""

    gebied: object  # visual.gegevens.Gebied, or None for a designation
    toezichthouder: object
    naam: str
    rol: str
    bron: str
    wet: object
    domein: object
    aspect: str
    niveau: str
    terugval: bool = False
    aanwijzing: object = None
    meldtermijn: str = ""
    melders: str = ""
    vervolg: str = ""
    hoe_na_te_gaan: str = ""
    grondslag: list = field(default_factory=list)
    voorzieningen: str = ""
    tegenstrijdig: bool = False
    paginas: list = field(default_factory=list)
    taken: list = field(default_factory=list)
    taakbronnen: dict = field(default_factory=dict)
    taakbron_paginas: tuple = ()  # the source pages of the remits the tasks come from
    meldplichten: list = field(default_factory=list)
    bron_pagina: object = None
    dekking: str = ""

    @property
    def is_meldpunt(self):
        return self.aspect == ASPECT.CALAMITEITENMELDINGEN

    @property
    def eerste_taak(self):
        """Where this line comes into play: the earliest of its tasks."""
        return min((TAAK_VOLGORDE.index(t) for t in self.taken if t in TAAK_VOLGORDE), default=len(TAAK_VOLGORDE))

    @property
    def wat_doet(self):
        return wat_doet(self.taken)

    @property
    def taken_met_bron(self):
        """[(task in words, the source that says it)] for the tasks a source is recorded for."""
        return taken_met_bron(self.taken, self.taakbronnen)

    @property
    def niveau_label(self):
        return str(Niveau(self.niveau).label)

    @property
    def aspect_label(self):
        return str(ASPECT(self.aspect).label)

    @property
    def termijn(self):
        return self.meldtermijn or _("De bron noemt geen termijn")

    @property
    def bron_volledig(self):
        grondslag = "; ".join(str(a) for a in self.grondslag)
        return f"{self.bron} ({grondslag})" if grondslag else self.bron

    @property
    def element_id(self):
        domein = self.domein.slug if self.domein else "alle"
        return f"{self.toezichthouder.slug}--{domein}"


def wat_doet(taken):
    """The tasks in words, in the order they come into play: "Ontvangt de melding …"."""
    labels = [str(Taak(t).label) for t in sorted(taken or [], key=TAAK_VOLGORDE.index)]
    if not labels:
        return ""
    tekst = _opsomming(labels)
    return tekst[:1].upper() + tekst[1:]


def taken_met_bron(taken, taakbronnen):
    return [
        (str(Taak(t).label), taakbronnen[t])
        for t in sorted(taken or [], key=TAAK_VOLGORDE.index)
        if (taakbronnen or {}).get(t)
    ]


@dataclass
class Toezichtadvies:
    gemeente: object
    peildatum: date
    wet: object = None
    voorziening: object = None
    situatie: object = None
    regels: list = field(default_factory=list)
    onbekend: list = field(default_factory=list)
    beeindigd: list = field(default_factory=list)
    tegenstrijdig: list = field(default_factory=list)
    kaders: list = field(default_factory=list)
    samengevoegd: list = field(default_factory=list)
    eerste_stap_bron_pagina: object = None
    eerste_stap_bron: str = ""  # the first step's citation as the user may see it

    @property
    def toezichthouders(self):
        """Every supervisor who acts here, report desks included, in the order they act."""
        return self.regels

    @property
    def eerste_stap(self):
        return self.situatie.eerste_stap if self.situatie is not None else ""

    @property
    def melden_bij(self):
        return [r for r in self.regels if r.is_meldpunt]


def _datum(value):
    return date_format(value, "j F Y")


def _taken_van(gebieden):
    """The tasks of these remits together, with the source of each, in the order they act."""
    taken, bronnen, grondslag = [], {}, []
    paginas = tuple(sorted({pk for g in gebieden for pk in g.citeert}))
    for gebied in gebieden:
        taken += [t for t in gebied.model.taken or [] if t not in taken]
        for taak, bron in (gebied.model.taakbronnen or {}).items():
            bronnen.setdefault(taak, bron)
        grondslag += [a for a in gebied.grondslag if a not in grondslag]
    return sorted(taken, key=TAAK_VOLGORDE.index), bronnen, grondslag, paginas


def _voorbeeld(ref, wmo, aanwijzing, aspect, situatie, peildatum):
    """The Wmo remits whose tasks a designated supervisor takes on for this aspect: its own
    framework's where it has one (Toezicht Wmo GGD Rotterdam-Rijnmond), otherwise those of
    the municipality's own supervisor (art. 3.4 and 6.1 Wmo 2015), whom the college designates."""

    def kandidaten(eigen):
        return [
            g
            for g in ref.gebieden
            if g.model.wet_id == (wmo.pk if wmo else None)
            and g.model.aspect == aspect
            and g.model.is_geldig_op(peildatum)
            and (situatie is None or situatie.pk in g.situaties)
            and (
                g.model.toezichthouder_id == aanwijzing.toezichthouder_id
                if eigen
                else g.model.terugval and g.model.toezichthouder.per_gemeente
            )
        ]

    return kandidaten(eigen=True) or kandidaten(eigen=False)


def _aanwijzing_regels(gegevens, wmo, ref, situatie, peildatum):
    aanwijzing = gegevens.model
    bron = _("Aanwijzingsbesluit van %(datum)s, vastgelegd in het aanwijzingsregister: %(url)s") % {
        "datum": _datum(aanwijzing.besluit_datum),
        "url": aanwijzing.besluit_url,
    }
    regels = []
    for aspect, rol in (
        (
            ASPECT.KWALITEIT,
            _("Door het college aangewezen als toezichthouder Wmo (art. 6.1 Wmo 2015) voor %(v)s."),
        ),
        (
            ASPECT.CALAMITEITENMELDINGEN,
            _(
                "Als aangewezen toezichthouder Wmo ontvangt deze de "
                "meldingen van calamiteiten en geweld (art. 3.4 lid 1 "
                "Wmo 2015) voor %(v)s."
            ),
        ),
    ):
        if situatie is not None and situatie.slug not in DESIGNATED_SITUATIES[aspect]:
            continue
        voorbeeld = _voorbeeld(ref, wmo, aanwijzing, aspect, situatie, peildatum)
        taken, taakbronnen, grondslag, taakbron_paginas = _taken_van(voorbeeld)
        if not taken:
            taken = [Taak.KWALITEIT] if aspect == ASPECT.KWALITEIT else [Taak.ONTVANGEN]
        regels.append(
            Regel(
                gebied=None,
                toezichthouder=aanwijzing.toezichthouder,
                naam=aanwijzing.toezichthouder.naam_voor(aanwijzing.gemeente),
                rol=rol % {"v": gegevens.voorzieningen_label},
                bron=bron,
                wet=wmo,
                domein=wmo.domein if wmo else None,
                aspect=aspect,
                niveau=aanwijzing.toezichthouder.niveau,
                aanwijzing=aanwijzing,
                taken=taken,
                taakbronnen=taakbronnen,
                taakbron_paginas=taakbron_paginas,
                grondslag=grondslag,
                voorzieningen=gegevens.voorzieningen_label,
                meldtermijn=_("Onverwijld (art. 3.4 lid 1 Wmo 2015)") if aspect == ASPECT.CALAMITEITENMELDINGEN else "",
            )
        )
    return regels


def _aanwijzing_dekt(gegevens, voorziening):
    if voorziening is None or gegevens.model.alle_voorzieningen:
        return True
    if isinstance(voorziening, Onderwerp):
        return False
    return voorziening.pk in gegevens.voorzieningen


def _regel(gebied, gemeente):
    model = gebied.model
    return Regel(
        gebied=gebied,
        toezichthouder=model.toezichthouder,
        naam=model.toezichthouder.naam_voor(gemeente),
        rol=model.rol,
        bron=model.bron,
        wet=model.wet,
        domein=model.domein,
        aspect=model.aspect,
        niveau=model.toezichthouder.niveau,
        terugval=model.terugval,
        meldtermijn=model.meldtermijn,
        melders=model.melders,
        vervolg=model.vervolg,
        hoe_na_te_gaan=model.hoe_na_te_gaan,
        grondslag=list(gebied.grondslag),
        voorzieningen=gebied.voorzieningen_label,
        taken=list(model.taken or []),
        taakbronnen=dict(model.taakbronnen or {}),
        taakbron_paginas=tuple(sorted(gebied.citeert)),
        meldplichten=list(model.meldplichten or []),
    )


def _overlappen(a, b, voorziening):
    if voorziening is not None:
        return True
    if a.aanwijzing or b.aanwijzing or a.gebied.model.alle_voorzieningen or b.gebied.model.alle_voorzieningen:
        return True
    return bool(a.gebied.voorzieningen & b.gebied.voorzieningen)


def _volledig(regel, voorziening):
    """Does this specific line cover the law for everything asked?"""
    if voorziening is not None:
        return True
    if regel.aanwijzing is not None:
        return regel.aanwijzing.alle_voorzieningen
    return regel.gebied.model.alle_voorzieningen


def zichtbare_paginas(ids, user):
    """{pk: Paginalink} of these kennisbank pages that the user may see, by title."""
    if not ids:
        return {}
    return page_links(pages().viewable_by_user(user).filter(pk__in=ids).order_by("title"))


def met_kaders(ids):
    """These page ids with those of the frameworks the forms of supervision and procedures among
    them belong to: read together, one query says which of both the user may see."""
    kader_van = referentie().kader_van
    return set(ids) | {kader_van[pk] for pk in ids if pk in kader_van}


def met_zichtbaar_kader(bronnen, zichtbaar):
    """Of the source pages `bronnen`, {pk: page} of those the user may see together with their
    framework; `zichtbaar` is zichtbare_paginas() of at least met_kaders(bronnen). A citation
    names the framework it comes from ("Toezichtskader … 2025, Toezichtsvormen 1.3
    Signaalgestuurd toezicht"), and a form of supervision or a procedure belongs to its framework
    without lying under it, so the page's own visibility is not enough. (Norms and sections lie
    under their framework: its restriction is theirs already.)"""
    kader_van = referentie().kader_van
    return {pk: zichtbaar[pk] for pk in bronnen if pk in zichtbaar and kader_van.get(pk, pk) in zichtbaar}


def alle_zichtbaar(paginas, zichtbaar):
    """May the user see every page a citation names? (`zichtbaar`: from met_zichtbaar_kader)"""
    return all(pk in zichtbaar for pk in paginas)


def zichtbare_bronnen(bronnen, user):
    return met_zichtbaar_kader(bronnen, zichtbare_paginas(met_kaders(bronnen), user))


def toezicht_voor(gemeente, wet=None, voorziening=None, situatie=None, user=None, peildatum=None):
    peildatum = peildatum or date.today()
    advies = Toezichtadvies(gemeente=gemeente, peildatum=peildatum, wet=wet, voorziening=voorziening, situatie=situatie)
    ref = referentie()
    wmo = ref.wmo
    regio_ids = ref.regios.get(gemeente.pk, frozenset())
    if voorziening is not None:
        if wet is None:
            advies.wet = wet = wmo
        elif wet.slug != WMO:
            advies.onbekend.append(
                _(
                    "De soort voorziening '%(v)s' hoort bij de Wmo 2015, niet bij %(wet)s; er is "
                    "gezocht zonder soort voorziening."
                )
                % {"v": voorziening.naam, "wet": wet}
            )
            advies.voorziening = voorziening = None

    def past(gebied):
        model = gebied.model
        if not gebied.dekt_gemeente(gemeente.pk, regio_ids) or not gebied.dekt_voorziening(voorziening):
            return False
        # Independent investigators (audit office, ombudsman) answer whatever law is asked.
        if wet is not None and model.wet_id != wet.pk and model.aspect != ASPECT.ONDERZOEK:
            return False
        return situatie is None or situatie.pk in gebied.situaties

    gebieden = [g for g in ref.gebieden if past(g)]
    geldig = [g for g in gebieden if g.model.is_geldig_op(peildatum) and g.model.toezichthouder.is_geldig_op(peildatum)]
    for gebied in gebieden:
        model = gebied.model
        if gebied in geldig or (model.geldig_vanaf and model.geldig_vanaf > peildatum):
            continue
        einde = min(d for d in (model.geldig_tot, model.toezichthouder.geldig_tot) if d)
        tekst = _("%(naam)s (%(wet)s, %(aspect)s): beëindigd op %(datum)s.") % {
            "naam": model.toezichthouder.naam,
            "wet": model.wet,
            "aspect": model.get_aspect_display().lower(),
            "datum": _datum(einde),
        }
        if model.toezichthouder.opvolger:
            tekst += " " + _("Opgevolgd door %(naam)s.") % {"naam": model.toezichthouder.opvolger}
        advies.beeindigd.append(tekst)

    regels = [_regel(g, gemeente) for g in geldig]
    if wet is None or wet.slug == WMO:
        for gegevens in ref.aanwijzingen.get(gemeente.pk, ()):
            if not gegevens.model.is_geldig_op(peildatum) or not _aanwijzing_dekt(gegevens, voorziening):
                continue
            regels += _aanwijzing_regels(gegevens, wmo, ref, situatie, peildatum)
    # Before any text quotes a line's source (the contradictions below do).
    eerste = situatie is not None and situatie.eerste_stap_bron
    eerste_paginas = ref.eerste_stap_citeert.get(situatie.pk, frozenset()) if eerste else frozenset()
    zichtbaar = _koppel_paginas(regels, user, eerste_paginas)
    if eerste:
        zichtbare = met_zichtbaar_kader(eerste_paginas, zichtbaar)
        if alle_zichtbaar(eerste_paginas, zichtbare):
            advies.eerste_stap_bron = situatie.eerste_stap_bron
            advies.eerste_stap_bron_pagina = zichtbare.get(situatie.eerste_stap_bron_pagina_id)
        else:
            advies.eerste_stap_bron = str(BRON_NIET_OPENBAAR)

    specifiek = [r for r in regels if not r.terugval]
    getoond = []
    for regel in regels:
        if not regel.terugval:
            getoond.append(regel)
            continue
        zelfde = [s for s in specifiek if s.wet == regel.wet and s.aspect == regel.aspect]
        if any(_volledig(s, voorziening) for s in zelfde):
            continue
        if zelfde:
            regel.rol = _("Voor de voorzieningen die hierboven niet genoemd zijn: %(rol)s") % {"rol": regel.rol}
        regel.naam = _("%(naam)s: niet vastgelegd voor deze gemeente") % {"naam": regel.naam}
        advies.onbekend.append(
            _("%(wie)s (%(aspect)s, %(wet)s): niet vastgelegd voor de gemeente %(gemeente)s. %(hoe)s")
            % {
                "wie": regel.toezichthouder.naam,
                "aspect": regel.aspect_label.lower(),
                "wet": regel.wet,
                "gemeente": gemeente.naam,
                "hoe": regel.hoe_na_te_gaan,
            }
        )
        getoond.append(regel)

    uitsluitend = [r for r in getoond if not r.terugval and (r.aanwijzing is not None or r.gebied.model.uitsluitend)]
    for i, a in enumerate(uitsluitend):
        for b in uitsluitend[i + 1 :]:
            if (
                a.wet == b.wet
                and a.aspect == b.aspect
                and a.toezichthouder != b.toezichthouder
                and _overlappen(a, b, voorziening)
            ):
                a.tegenstrijdig = b.tegenstrijdig = True
                advies.tegenstrijdig.append(
                    _(
                        "Tegenstrijdige gegevens over %(aspect)s (%(wet)s) in %(gemeente)s: zowel "
                        "%(a)s (bron: %(bron_a)s) als %(b)s (bron: %(bron_b)s). Vraag bij de gemeente "
                        "na welk aanwijzingsbesluit geldt."
                    )
                    % {
                        "aspect": a.aspect_label.lower(),
                        "wet": a.wet,
                        "gemeente": gemeente.naam,
                        "a": a.naam,
                        "bron_a": a.bron,
                        "b": b.naam,
                        "bron_b": b.bron,
                    }
                )
    advies.onbekend.extend(advies.tegenstrijdig)

    # A line said twice (a designation confirming what a framework already says) is one line.
    uniek, gezien = [], set()
    for regel in getoond:
        sleutel = (regel.toezichthouder.pk, regel.wet.pk if regel.wet else None, regel.aspect)
        if sleutel in gezien and regel.aanwijzing is not None:
            continue
        gezien.add(sleutel)
        uniek.append(regel)
    uniek.sort(key=lambda r: (r.eerste_taak, NIVEAU_VOLGORDE.index(r.niveau), r.terugval, r.naam, not r.is_meldpunt))
    advies.regels = uniek

    for regel in advies.melden_bij:
        if not regel.meldtermijn:
            advies.onbekend.append(
                _(
                    "Meldtermijn bij %(naam)s (%(wet)s): de bronnen van dit portaal noemen geen "
                    "termijn; zie de website van de toezichthouder."
                )
                % {"naam": regel.toezichthouder.naam, "wet": regel.wet}
            )
    if not advies.regels:
        advies.onbekend.append(
            _("Voor deze keuze is in dit portaal geen toezichthouder vastgelegd voor de gemeente %(gemeente)s.")
            % {"gemeente": gemeente.naam}
        )
        if advies.beeindigd:
            advies.onbekend.append(_("Er zijn alleen toezichtsgebieden gevonden die zijn beëindigd; zie hieronder."))
    if situatie is not None and situatie.slug in {"calamiteit", "geweld"} and not advies.melden_bij:
        advies.onbekend.append(
            _("Waar een %(situatie)s gemeld moet worden, is voor deze keuze niet vastgelegd.")
            % {"situatie": situatie.naam.lower()}
        )

    _kaders(advies, zichtbaar)
    return advies


def _koppel_paginas(regels, user, extra=frozenset()):
    """Each line's kennisbank pages and source page, those the user may see, in one query (with
    the pages `extra` and the frameworks of every source), and its citations as the user may see
    them. Returns {pk: page} of the visible pages, by title."""
    met_gebied = [r for r in regels if r.gebied is not None]
    paginas = {pk for r in met_gebied for pk in r.gebied.paginas}
    # A line's citations are its remit's (or, for a designation, those of the remits its tasks
    # come from): taakbron_paginas holds every page they name.
    bronnen = {pk for r in regels for pk in r.taakbron_paginas}
    zichtbaar = zichtbare_paginas(paginas | met_kaders(bronnen | extra), user)
    zichtbare = met_zichtbaar_kader(bronnen, zichtbaar)
    niet_openbaar = str(BRON_NIET_OPENBAAR)
    for regel in regels:
        regel.citaten_zichtbaar = alle_zichtbaar(regel.taakbron_paginas, zichtbare)
        if not regel.citaten_zichtbaar:
            regel.taakbronnen = dict.fromkeys(regel.taakbronnen, niet_openbaar)
            regel.meldplichten = [{**m, "bron": niet_openbaar} for m in regel.meldplichten]
    for regel in met_gebied:
        regel.paginas = [zichtbaar[pk] for pk in regel.gebied.paginas if pk in zichtbaar]
        if regel.citaten_zichtbaar:
            regel.bron_pagina = zichtbare.get(regel.gebied.model.bron_pagina_id)
            regel.bron, _link = regel.gebied.model.getoonde_bron(True)
        else:
            regel.bron_pagina, regel.bron = None, niet_openbaar
    return zichtbaar


def _kaders(advies, zichtbaar):
    """The kennisbank pages of the lines shown, by title."""
    kaders = {pk for r in advies.regels if r.gebied is not None for pk in r.gebied.paginas}
    advies.kaders = [p for pk, p in zichtbaar.items() if pk in kaders]


def _dekking(model):
    if model.toezichthouder.per_gemeente:
        return _("Elke gemeente regelt dit zelf.")
    if model.dekking == model.Dekking.ALLE:
        return _("Alle gemeenten")
    if model.dekking == model.Dekking.REGIO and model.regio is not None:
        return _("De gemeenten van %(regio)s") % {"regio": model.regio}
    namen = sorted(g.naam for g in model.gemeenten.all())
    return _("%(n)s gemeenten: %(namen)s") % {"n": len(namen), "namen": ", ".join(namen)}


def landelijk(user=None, peildatum=None):
    """The whole picture before a municipality is chosen: every remit in force, with whom
    it covers; what each municipality arranges itself is named as that, not as unknown."""
    peildatum = peildatum or date.today()
    advies = Toezichtadvies(gemeente=None, peildatum=peildatum)
    regels = []
    for gebied in referentie().gebieden:
        model = gebied.model
        if not (model.is_geldig_op(peildatum) and model.toezichthouder.is_geldig_op(peildatum)):
            continue
        regel = _regel(gebied, None)
        regel.terugval = False
        regel.dekking = _dekking(model)
        regels.append(regel)
    regels.sort(key=lambda r: (NIVEAU_VOLGORDE.index(r.niveau), r.naam, r.eerste_taak, not r.is_meldpunt))
    advies.regels = regels
    _kaders(advies, _koppel_paginas(regels, user))
    return advies


def _handtekening(advies):
    return [
        (
            r.toezichthouder.pk,
            r.wet.pk if r.wet else None,
            r.aspect,
            r.terugval,
            r.rol,
            tuple(r.taken),
            tuple(sorted(r.taakbronnen.items())),
            r.tegenstrijdig,
        )
        for r in advies.regels
    ]


def beantwoord(gemeente, keuzes_per_veld, user=None, peildatum=None):
    """The answer for a choice of which a field may hold several matching values
    (`keuzes_per_veld`: {veld: value or OngeldigeKeuze with candidates}). When every
    match gives the same answer it is given, with the matches named; when they differ,
    the OngeldigeKeuze of the first such field is raised so the visitor chooses."""
    meervoudig = {veld: w for veld, w in keuzes_per_veld.items() if isinstance(w, OngeldigeKeuze) and w.kandidaten}
    vast = {veld: w for veld, w in keuzes_per_veld.items() if veld not in meervoudig}
    advies = None
    for veld, fout in meervoudig.items():
        antwoorden = [
            toezicht_voor(gemeente, user=user, peildatum=peildatum, **{**vast, veld: kandidaat})
            for kandidaat in fout.kandidaten
        ]
        if any(_handtekening(a) != _handtekening(antwoorden[0]) for a in antwoorden[1:]):
            raise OngeldigeKeuze(
                fout.veld,
                fout.waarde,
                fout.toegestaan,
                fout.bericht + " " + _("Het antwoord verschilt per waarde."),
                suggesties=fout.suggesties,
            )
        vast[veld] = fout.kandidaten[0]
        advies = antwoorden[0]
        advies.samengevoegd.append(
            _("'%(waarde)s' past bij %(namen)s. Voor elk daarvan is het antwoord hetzelfde; het staat hieronder.")
            % {"waarde": str(fout.waarde)[:60], "namen": _opsomming([str(k.naam) for k in fout.kandidaten])}
        )
    if advies is None or len(meervoudig) > 1:
        samengevoegd = advies.samengevoegd if advies is not None else []
        advies = toezicht_voor(gemeente, user=user, peildatum=peildatum, **vast)
        advies.samengevoegd = samengevoegd
    return advies


def _opsomming(namen):
    if len(namen) == 1:
        return namen[0]
    return _("%(a)s en %(b)s") % {"a": ", ".join(namen[:-1]), "b": namen[-1]}
