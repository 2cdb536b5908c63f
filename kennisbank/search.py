"""What the kennisbank gives the search index: one document per live page and per snippet."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.rich_text import RichText

from portal.privacy import principals_cover
from portal.uitgevers import uitgever_namen
from search.registry import PUBLIC, IndexDocument, join_lines, organisation, page_principals, registry

from .models import (
    ArtikelPage,
    Begrip,
    Handhavingsmaatregel,
    HandreikingPage,
    KaderOnderdeelPage,
    KennisbronPage,
    NormPage,
    OefencasusPage,
    ProcedurePage,
    PublicatiePage,
    ToezichtkaderPage,
    ToezichtsvormPage,
    Wet,
)


def _block_text(value):
    if isinstance(value, RichText):
        return strip_tags(value.source)
    if isinstance(value, dict) or hasattr(value, "items"):
        return " ".join(_block_text(v) for k, v in value.items() if k != "level")
    if isinstance(value, list | tuple):
        return " ".join(_block_text(v) for v in value)
    return strip_tags(str(value)) if value is not None else ""


def body_text(page):
    return "\n".join(_block_text(block.value) for block in page.body)


def _pairs(queryset):
    return [(item.slug, str(item)) for item in queryset]


def _taxonomy(page, fallback=None):
    facetten = {
        "wet": _pairs(page.wetten()),
        "domein": _pairs(page.domeinen()),
        "doelgroep": _pairs(page.doelgroepen()),
    }
    if fallback is not None:
        for name, values in _taxonomy(fallback).items():
            if not facetten[name]:
                facetten[name] = values
    return facetten


def _add_laws(facetten, artikelen):
    laws = dict(facetten.get("wet", []))
    for artikel in artikelen:
        laws.setdefault(artikel.wet.slug, str(artikel.wet))
    facetten["wet"] = sorted(laws.items())


def _shown_kader(page, kader):
    """The framework whose title, publisher and taxonomy this page's document may carry: only
    one that everyone who may find the document may see too."""
    if kader is None or kader.pk == page.pk:
        return kader
    if principals_cover(page_principals(kader), page_principals(page)):
        return kader
    return None


def uitgever_facet(uitgever):
    """One facet value per organisation, whatever name the source gives it."""
    return [paar for naam in uitgever_namen(uitgever) for paar in organisation(naam)]


def _page_document(page, tekst, *, context="", code="", facetten=None, uitgever="", jaar=None, datum=None):
    principals = page_principals(page)
    if principals is None:
        return None
    facetten = facetten if facetten is not None else _taxonomy(page)
    facetten["organisatie"] = uitgever_facet(uitgever)
    return IndexDocument(
        soort=page.soort_slug,
        soort_label=page.soort_label,
        titel=page.title,
        # get_url(), not url: four page types have a field "url" (their external link).
        url=page.get_url() or "",
        tekst=tekst,
        code=code,
        context=context,
        principals=principals,
        facetten=facetten,
        jaar=jaar or (datum.year if datum else None),
        datum=datum,
    )


def _page_text(page, *extra):
    return join_lines(page.samenvatting, *extra, body_text(page))


def build_toezichtkader(page):
    jaar = (page.vastgesteld_op or page.geldig_vanaf).year if (page.vastgesteld_op or page.geldig_vanaf) else None
    return _page_document(
        page,
        _page_text(page, page.bron),
        context=page.uitgever,
        uitgever=page.uitgever,
        jaar=jaar,
        datum=page.geldig_vanaf,
    )


def _kader_of(page):
    return ToezichtkaderPage.objects.ancestor_of(page).first()


def build_onderdeel(page):
    kader = _shown_kader(page, _kader_of(page))
    facetten = _taxonomy(page, kader)
    _add_laws(facetten, page.wettelijke_grondslag.select_related("wet"))
    return _page_document(
        page,
        _page_text(page),
        context=kader.title if kader else "",
        code=page.code,
        facetten=facetten,
        uitgever=kader.uitgever if kader else "",
        jaar=kader.geldig_vanaf.year if kader and kader.geldig_vanaf else None,
    )


def build_norm(page):
    kader = _shown_kader(page, page.toezichtkader or _kader_of(page))
    facetten = _taxonomy(page, kader)
    grondslag = list(page.wettelijke_grondslag.select_related("wet"))
    _add_laws(facetten, grondslag)
    toetspunten = [punt.volledige_tekst() for punt in page.toetspunten.all()]
    tekst = join_lines(
        page.stelling if page.stelling != page.title else "",
        *toetspunten,
        page.waarom,
        page.toelichting,
        page.samenvatting,
        body_text(page),
        " ".join(str(a) for a in grondslag),
    )
    return _page_document(
        page,
        tekst,
        context=kader.title if kader else "",
        code=page.code,
        facetten=facetten,
        uitgever=kader.uitgever if kader else "",
        jaar=kader.geldig_vanaf.year if kader and kader.geldig_vanaf else None,
    )


def build_with_uitgever(page):
    return _page_document(
        page,
        _page_text(page, getattr(page, "waarom", "")),
        context=page.uitgever,
        uitgever=page.uitgever,
        jaar=getattr(page, "jaar", None),
        datum=getattr(page, "datum", None),
    )


def build_publicatie(page):
    doc = build_with_uitgever(page)
    if doc is not None:
        gemeenten = ", ".join(str(g) for g in page.gemeenten.all())
        doc.tekst = join_lines(doc.tekst, gemeenten)
        doc.soort_label = f"{page.soort_label}: {page.get_publicatiesoort_display().lower()}"
    return doc


def build_toezichtsvorm(page):
    kader = _shown_kader(page, page.kader)
    tekst = _page_text(page, *(text for _label, text in page.onderdelen()))
    return _page_document(
        page,
        tekst,
        context=kader.title if kader else "",
        facetten=_taxonomy(page, kader),
        uitgever=kader.uitgever if kader else "",
    )


def build_procedure(page):
    kader = _shown_kader(page, page.kader)
    stappen = [join_lines(s.titel, s.termijn, s.beschrijving) for s in page.stappen.all()]
    vormen = [join_lines(v.titel, v.beschrijving) for v in page.vormen.all()]
    facetten = _taxonomy(page, kader)
    _add_laws(facetten, page.wettelijke_grondslag.select_related("wet"))
    return _page_document(
        page,
        _page_text(page, *stappen, *vormen),
        context=kader.title if kader else "",
        facetten=facetten,
        uitgever=kader.uitgever if kader else "",
    )


def build_oefencasus(page):
    """A practice case is found on its story, its perspectives, its questions and its guide;
    the pages its guide links to are not part of its text."""
    delen = [page.inleiding]
    for hoofdstuk in page.hoofdstuk_lijst():
        delen.append(join_lines(hoofdstuk.titel, hoofdstuk.moment, hoofdstuk.verhaal))
        for p in hoofdstuk.perspectieven.values():
            delen.append(join_lines(p.label, p.zag, p.wist, p.deed, p.wist_niet))
        for vraag in hoofdstuk.vragen:
            delen.append(join_lines(vraag.tekst, *(o.tekst for o in vraag.opties)))
    for block in page.nabespreking:
        delen.append(join_lines(block.value["titel"], block.value["toelichting"], *block.value["gespreksvragen"]))
    return _page_document(page, _page_text(page, *delen))


def _kader_access(kader, anchor=""):
    """(url, principals) of an object shown on its framework's page: it is found by those who
    may see that page; (None, None) when the page is in no index."""
    if kader is None:
        return "", [PUBLIC]
    principals = page_principals(kader)
    if principals is None:
        return None, None
    return f"{kader.url}{anchor}", principals


def build_begrip(begrip):
    url, principals = _kader_access(begrip.kader, "#begrippen-kop")
    if url is None:
        return None
    facetten = {"wet": []}
    _add_laws(facetten, begrip.wettelijke_grondslag.select_related("wet"))
    return IndexDocument(
        soort="begrip",
        soort_label=_("Begrip"),
        titel=begrip.term,
        url=url,
        tekst=begrip.definitie,
        context=begrip.bron_label,
        facetten=facetten,
        principals=principals,
    )


def build_maatregel(maatregel):
    kader = maatregel.kader
    url, principals = _kader_access(kader)
    if url is None:
        return None
    return IndexDocument(
        soort="handhavingsmaatregel",
        soort_label=_("Handhavingsmaatregel"),
        titel=maatregel.naam,
        url=url,
        principals=principals,
        tekst=join_lines(maatregel.omschrijving, maatregel.get_door_display(), maatregel.get_soort_display()),
        context=kader.title if kader else "",
        facetten={"organisatie": uitgever_facet(kader.uitgever) if kader else []},
    )


def build_wet(wet):
    return IndexDocument(
        soort="wet",
        soort_label=_("Wet"),
        titel=wet.naam,
        url=wet.url,
        code="",
        tekst=join_lines(wet.afkorting, wet.naam),
        context=wet.afkorting,
        facetten={
            "wet": [(wet.slug, str(wet))],
            "domein": [(wet.domein.slug, str(wet.domein))] if wet.domein_id else [],
        },
    )


registry.register(ToezichtkaderPage, build_toezichtkader)
registry.register(KaderOnderdeelPage, build_onderdeel)
registry.register(NormPage, build_norm)
registry.register(HandreikingPage, build_with_uitgever)
registry.register(KennisbronPage, build_with_uitgever)
registry.register(ArtikelPage, build_with_uitgever)
registry.register(PublicatiePage, build_publicatie)
registry.register(ToezichtsvormPage, build_toezichtsvorm)
registry.register(ProcedurePage, build_procedure)
registry.register(OefencasusPage, build_oefencasus)
registry.register(Begrip, build_begrip, queryset=lambda: Begrip.objects.select_related("kader"))
registry.register(
    Handhavingsmaatregel, build_maatregel, queryset=lambda: Handhavingsmaatregel.objects.select_related("kader")
)
registry.register(Wet, build_wet, queryset=lambda: Wet.objects.select_related("domein"))


@registry.register_dependents
def kader_dependents(pages):
    """What names a framework without lying under it: forms of supervision and procedures that
    link it, glossary terms and measures shown on its page."""
    kaders = ToezichtkaderPage.objects.filter(pk__in=pages.values("pk"))
    return [
        *ToezichtsvormPage.objects.filter(kader__in=kaders),
        *ProcedurePage.objects.filter(kader__in=kaders),
        *Begrip.objects.filter(kader__in=kaders).select_related("kader"),
        *Handhavingsmaatregel.objects.filter(kader__in=kaders).select_related("kader"),
    ]
