"""The `oefencasussen` section of the kennisbank's YAML files: practice cases, loaded after
every other page so that their discussion guides can link to norms and publications."""

import uuid

from django.utils.text import Truncator

from portal.seeding import SeedError, as_list, remember, require, unchanged

from .markdown import plain, to_blocks
from .models import KaderOnderdeelPage, NormPage, OefencasusPage, PublicatiePage, ToezichtkaderPage
from .models.oefencasus import PERSPECTIEF_LABELS, SOORT_MEERKEUZE, VRAAGSOORTEN

# Block ids derive from the case's slug and the block's place, so a question keeps its id
# when the loader runs again and answers stored against it stay valid.
ID_NAMESPACE = uuid.UUID("5b0f8f4e-6c1e-4f53-9d0e-7a3c2b1d0e11")
PERSPECTIEF_VELDEN = ("zag", "wist", "deed", "wist_niet")


def block_id(*parts):
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(p) for p in parts)))


def _item(value, *parts):
    return {"type": "item", "value": value, "id": block_id(*parts)}


def criterium(name, label, ref, index_page):
    """The live page a discussion theme links to: a norm or part of a framework by code, or
    a publication by slug."""
    if not isinstance(ref, dict):
        raise SeedError(name, label, f"criterium moet {{kader, code}} of {{pagina}} zijn, kreeg {ref!r}")
    if ref.get("pagina"):
        page = PublicatiePage.objects.child_of(index_page).filter(slug=ref["pagina"]).first()
        if page is None:
            raise SeedError(name, label, f"onbekende publicatie '{ref['pagina']}'")
        return page
    if ref.get("kader") and ref.get("code"):
        code = str(ref["code"])
        page = NormPage.objects.filter(toezichtkader__slug=ref["kader"], code=code).first()
        if page is None:
            kader = ToezichtkaderPage.objects.filter(slug=ref["kader"]).first()
            if kader is not None:
                page = KaderOnderdeelPage.objects.descendant_of(kader).filter(code=code).first()
        if page is None:
            raise SeedError(name, label, f"onbekend criterium {code} in kader '{ref['kader']}'")
        return page
    raise SeedError(name, label, f"criterium moet {{kader, code}} of {{pagina}} zijn, kreeg {ref!r}")


def hoofdstukken(name, label, slug, entries):
    stream = []
    for n, entry in enumerate(as_list(entries, name, label, "hoofdstukken"), start=1):
        h_label = f"{label} > hoofdstuk {n}"
        require(entry, ["titel", "moment", "verhaal"], name, h_label)
        perspectieven = entry.get("perspectieven") or {}
        if not isinstance(perspectieven, dict):
            raise SeedError(name, h_label, "perspectieven moet een mapping zijn (perspectief: {zag, wist, ...})")
        onbekend = sorted(set(perspectieven) - set(PERSPECTIEF_LABELS))
        if onbekend:
            raise SeedError(name, h_label, f"onbekende perspectieven: {', '.join(onbekend)}")
        vragen = []
        for v, vraag in enumerate(as_list(entry.get("vragen"), name, h_label, "vragen"), start=1):
            v_label = f"{h_label} > vraag {v}"
            require(vraag, ["vraag"], name, v_label)
            soort = vraag.get("soort") or "open"
            if soort not in dict(VRAAGSOORTEN):
                raise SeedError(name, v_label, f"onbekende soort vraag '{soort}'")
            opties = as_list(vraag.get("opties"), name, v_label, "opties")
            if (soort == SOORT_MEERKEUZE) != bool(opties) or (opties and len(opties) < 2):
                raise SeedError(name, v_label, "een meerkeuzevraag heeft minstens twee opties, een open vraag geen")
            for o, optie in enumerate(opties, start=1):
                require(optie, ["tekst", "feedback"], name, f"{v_label} > optie {o}")
            vragen.append(
                _item(
                    {
                        "vraag": plain(vraag["vraag"]),
                        "soort": soort,
                        "opties": [
                            _item(
                                {
                                    "tekst": plain(optie["tekst"]),
                                    "feedback": plain(optie["feedback"]),
                                    "vervolg": plain(optie.get("vervolg")),
                                },
                                slug,
                                n,
                                v,
                                o,
                            )
                            for o, optie in enumerate(opties, start=1)
                        ],
                    },
                    slug,
                    n,
                    v,
                )
            )
        stream.append(
            {
                "type": "hoofdstuk",
                "id": block_id(slug, n),
                "value": {
                    "titel": plain(entry["titel"]),
                    "moment": plain(entry["moment"]),
                    "verhaal": plain(entry["verhaal"]),
                    "perspectieven": [
                        _item(
                            {"professional": key, **{v: plain((waarde or {}).get(v)) for v in PERSPECTIEF_VELDEN}},
                            slug,
                            n,
                            key,
                        )
                        for key, waarde in perspectieven.items()
                    ],
                    "vragen": vragen,
                },
            }
        )
    if not stream:
        raise SeedError(name, label, "een oefencasus heeft minstens één hoofdstuk")
    return stream


def nabespreking(name, label, slug, entries, index_page):
    stream = []
    for t, thema in enumerate(as_list(entries, name, label, "nabespreking"), start=1):
        t_label = f"{label} > thema {t}"
        require(thema, ["titel", "toelichting"], name, t_label)
        stream.append(
            {
                "type": "thema",
                "id": block_id(slug, "thema", t),
                "value": {
                    "titel": plain(thema["titel"]),
                    "toelichting": plain(thema["toelichting"]),
                    "gespreksvragen": [
                        _item(plain(vraag), slug, "thema", t, "vraag", i)
                        for i, vraag in enumerate(as_list(thema.get("gespreksvragen"), name, t_label, "gespreksvragen"))
                    ],
                    "criteria": [
                        _item(criterium(name, t_label, ref, index_page).pk, slug, "thema", t, "criterium", i)
                        for i, ref in enumerate(as_list(thema.get("criteria"), name, t_label, "criteria"))
                    ],
                },
            }
        )
    return stream


def load_oefencasus(loader, name, entry):
    label = f"oefencasus {entry.get('slug', '?') if isinstance(entry, dict) else '?'}"
    require(entry, ["slug", "titel", "hoofdstukken"], name, label)
    key = f"oefencasuspage:{entry['slug']}"
    page, created = loader.child(loader.index, OefencasusPage, entry["slug"])
    same, state = unchanged(key, entry)
    if same and not created:
        return page
    page.title = Truncator(entry["titel"]).chars(255)
    page.fictief = bool(entry.get("fictief", True))
    page.samenvatting = plain(entry.get("samenvatting"))
    page.search_description = Truncator(page.samenvatting).chars(300)
    page.inleiding = plain(entry.get("inleiding"))
    page.body = to_blocks(entry.get("tekst"))
    page.hoofdstukken = hoofdstukken(name, label, entry["slug"], entry["hoofdstukken"])
    page.nabespreking = nabespreking(name, label, entry["slug"], entry.get("nabespreking"), loader.index)
    loader.taxonomy(name, label, entry, page)
    loader.save_page(loader.index, page, created)
    remember(key, state)
    loader.count("oefencasussen")
    return page


def load_all(loader):
    for name, data in loader.files:
        for entry in as_list(data.get("oefencasussen"), name, "-", "oefencasussen"):
            load_oefencasus(loader, name, entry)
