"""Loads the kennisbank's YAML files (kennisbank/content/) into pages and snippets."""

from pathlib import Path

from django.utils.text import Truncator, slugify

import yaml
from wagtail.models import Page

from portal.models import Gemeente, HomePage
from portal.seeding import SeedError, as_date, as_list, remember, require, unchanged

from .markdown import plain, to_blocks
from .models import (
    ArtikelPage,
    Begrip,
    Doelgroep,
    Domein,
    Handhavingsmaatregel,
    HandreikingPage,
    KaderOnderdeelPage,
    KennisbankIndexPage,
    KennisbronPage,
    NormKoppeling,
    NormPage,
    Onderwerp,
    ProcedurePage,
    ProcedureStap,
    ProcedureVorm,
    PublicatiePage,
    Toetspunt,
    ToezichtkaderPage,
    ToezichtsvormPage,
    Voorzieningsoort,
    Wet,
    Wetsartikel,
)
from .models.indeling import set_labels
from .seed_oefencasus import load_all as load_oefencasussen

CONTENT_DIR = Path(__file__).resolve().parent / "content"

DOMEINEN = {
    "wmo": "Wmo",
    "jeugd": "Jeugd",
    "participatie": "Participatie",
    "onderwijs": "Onderwijs",
    "veiligheid": "Veiligheid",
}
DOELGROEPEN = {
    "gemeente": "Gemeenten",
    "toezichthouder": "Toezichthouders",
    "professional": "Professionals",
    "aanbieder": "Aanbieders",
}

PAGE_SECTIONS = {
    "kennisbronnen": (KennisbronPage, ["slug", "titel"]),
    "handreikingen": (HandreikingPage, ["slug", "titel"]),
    "publicaties": (PublicatiePage, ["slug", "titel"]),
    "artikelen": (ArtikelPage, ["slug", "titel"]),
    "toezichtsvormen": (ToezichtsvormPage, ["slug", "titel"]),
    "procedures": (ProcedurePage, ["slug", "titel"]),
}


class KennisbankLoader:
    def __init__(self, command, content_dir=None):
        self.command = command
        self.dir = Path(content_dir or CONTENT_DIR)
        self.files = []
        self.crosswalk = []
        self.counts = {}

    def run(self):
        paths = sorted(self.dir.glob("*.yaml"))
        if not paths:
            raise SeedError(self.dir, "-", "geen YAML-bestanden gevonden")
        for path in paths:
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                where = f"regel {mark.line + 1}" if mark else "-"
                raise SeedError(path.name, where, f"geen geldige YAML: {exc}")
            if not isinstance(data, dict):
                raise SeedError(path.name, "-", "het bestand moet een mapping zijn")
            self.files.append((path.name, data))
        self.index = self.ensure_index()
        self.ensure_taxonomies()
        for name, data in self.files:
            for entry in as_list(data.get("wetten"), name, "wetten", "wetten"):
                self.load_wet(name, entry)
        for name, data in self.files:
            for entry in as_list(data.get("wetten"), name, "wetten", "wetten"):
                self.link_wijzigt(name, entry)
        for name, data in self.files:
            for number, entry in enumerate(as_list(data.get("voorzieningsoorten"), name, "-", "voorzieningsoorten")):
                self.load_voorzieningsoort(name, entry, number)
        extra_parts = {}
        for name, data in self.files:
            if data.get("onderdelen_voor"):
                extra_parts.setdefault(data["onderdelen_voor"], []).append(
                    (name, as_list(data.get("onderdelen"), name, data["onderdelen_voor"], "onderdelen"))
                )
        for name, data in self.files:
            for entry in as_list(data.get("toezichtkaders"), name, "-", "toezichtkaders"):
                self.load_kader(name, entry, extra_parts.pop(entry.get("slug"), []))
        for slug, parts in extra_parts.items():
            raise SeedError(parts[0][0], slug, "onderdelen_voor verwijst naar een onbekend kader")
        for name, data in self.files:
            for section, (model, required) in PAGE_SECTIONS.items():
                for entry in as_list(data.get(section), name, "-", section):
                    self.load_page(name, model, entry, required)
            for entry in as_list(data.get("begrippen"), name, "-", "begrippen"):
                self.load_begrip(name, entry)
            for number, entry in enumerate(
                as_list(data.get("handhavingsmaatregelen"), name, "-", "handhavingsmaatregelen")
            ):
                self.load_maatregel(name, entry, number)
        self.load_crosswalk()
        # Practice cases last: their discussion guides link to the norms and publications above.
        load_oefencasussen(self)
        summary = ", ".join(f"{key}: {value}" for key, value in sorted(self.counts.items()))
        self.command.report(f"Kennisbank: {summary}")

    def count(self, key):
        self.counts[key] = self.counts.get(key, 0) + 1

    # --- structure -------------------------------------------------------------------
    def ensure_index(self):
        index = KennisbankIndexPage.objects.first()
        if index is None:
            home = HomePage.objects.first()
            index = KennisbankIndexPage(
                title="Kennisbank",
                slug="kennisbank",
                show_in_menus=True,
                intro="Toezichtkaders tot op elke norm, handreikingen, publicaties, "
                "kennisbronnen, toezichtsvormen en procedures voor toezicht in het "
                "sociaal domein.",
            )
            home.add_child(instance=index)
            index.save_revision().publish()
        return index

    def ensure_taxonomies(self):
        for slug, naam in DOMEINEN.items():
            Domein.objects.get_or_create(slug=slug, defaults={"naam": naam})
        for slug, naam in DOELGROEPEN.items():
            Doelgroep.objects.get_or_create(slug=slug, defaults={"naam": naam})

    # --- snippets ----------------------------------------------------------------------
    def load_wet(self, name, entry):
        require(entry, ["slug", "naam"], name, f"wet {entry.get('slug', '?')}")
        domein = Domein.objects.filter(slug=entry.get("domein")).first()
        Wet.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "naam": entry["naam"],
                "afkorting": entry.get("afkorting", ""),
                "bwb_id": entry.get("bwb_id", ""),
                "vindplaats": entry.get("vindplaats", ""),
                "domein": domein,
            },
        )
        self.count("wetten")

    def link_wijzigt(self, name, entry):
        label = f"wet {entry.get('slug', '?')}"
        slugs = as_list(entry.get("wijzigt"), name, label, "wijzigt")
        gewijzigd = list(Wet.objects.filter(slug__in=slugs))
        missing = sorted(set(slugs) - {w.slug for w in gewijzigd})
        if missing:
            raise SeedError(name, label, f"'wijzigt' noemt onbekende wet: {', '.join(missing)}")
        Wet.objects.get(slug=entry["slug"]).wijzigt.set(gewijzigd)

    def load_voorzieningsoort(self, name, entry, number):
        require(entry, ["slug", "naam"], name, f"voorzieningsoort {number + 1}")
        Voorzieningsoort.objects.update_or_create(
            slug=entry["slug"],
            defaults={"naam": entry["naam"], "omschrijving": plain(entry.get("omschrijving")), "volgorde": number + 1},
        )
        self.count("voorzieningsoorten")

    def wetsartikelen(self, name, label, refs):
        result = []
        for ref in as_list(refs, name, label, "wettelijke_grondslag"):
            if not isinstance(ref, dict) or not ref.get("wet"):
                raise SeedError(name, label, f"ongeldige wettelijke grondslag: {ref!r}")
            wet = Wet.objects.filter(slug=ref["wet"]).first()
            if wet is None:
                raise SeedError(name, label, f"onbekende wet '{ref['wet']}'")
            artikel, _ = Wetsartikel.objects.get_or_create(
                wet=wet,
                artikel=str(ref.get("artikel") or "").strip(),
                lid=str(ref.get("lid") or "").strip(),
                sub=str(ref.get("sub") or "").strip(),
            )
            result.append(artikel)
        return result

    def taxonomy(self, name, label, entry, page):
        """Set the page's taxonomies in memory, so that the revision saved next carries them."""
        for key, taxonomy, model in (
            ("wetten", "wet", Wet),
            ("domeinen", "domein", Domein),
            ("doelgroepen", "doelgroep", Doelgroep),
        ):
            slugs = as_list(entry.get(key), name, label, key)
            by_slug = {obj.slug: obj for obj in model.objects.filter(slug__in=slugs)}
            unknown = set(slugs) - set(by_slug)
            if unknown:
                raise SeedError(name, label, f"onbekende {key}: {', '.join(sorted(unknown))}")
            set_labels(page, taxonomy, [by_slug[slug] for slug in dict.fromkeys(slugs)])
        topics = {}
        for tag in as_list(entry.get("onderwerpen"), name, label, "onderwerpen"):
            slug = slugify(str(tag))[:100]
            if not slug:
                raise SeedError(name, label, f"ongeldig onderwerp {tag!r}")
            topics.setdefault(slug, Onderwerp.objects.get_or_create(slug=slug, defaults={"naam": str(tag)})[0])
        set_labels(page, "onderwerp", list(topics.values()))

    def load_begrip(self, name, entry):
        require(entry, ["term", "definitie"], name, f"begrip {entry.get('term', '?')}")
        kader = None
        if entry.get("kader"):
            kader = ToezichtkaderPage.objects.filter(slug=entry["kader"]).first()
            if kader is None:
                raise SeedError(name, entry["term"], f"onbekend kader '{entry['kader']}'")
        bron = entry.get("bron") or ""
        begrip, _ = Begrip.objects.update_or_create(
            term=entry["term"], bron=bron, defaults={"definitie": plain(entry["definitie"]), "kader": kader}
        )
        begrip.wettelijke_grondslag.set(self.wetsartikelen(name, entry["term"], entry.get("wettelijke_grondslag")))
        begrip.save()
        self.count("begrippen")

    def load_maatregel(self, name, entry, number):
        label = f"handhavingsmaatregel {entry.get('slug', number + 1)}"
        require(entry, ["slug", "naam", "door", "soort"], name, label)
        if entry["door"] not in Handhavingsmaatregel.Door.values:
            raise SeedError(name, label, f"'door' moet een van {Handhavingsmaatregel.Door.values} zijn")
        if entry["soort"] not in Handhavingsmaatregel.Soort.values:
            raise SeedError(name, label, f"'soort' moet een van {Handhavingsmaatregel.Soort.values} zijn")
        Handhavingsmaatregel.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "naam": entry["naam"],
                "omschrijving": plain(entry.get("omschrijving")),
                "door": entry["door"],
                "soort": entry["soort"],
                "volgorde": number,
                "kader": ToezichtkaderPage.objects.filter(slug=entry.get("kader")).first(),
            },
        )
        self.count("handhavingsmaatregelen")

    # --- pages -------------------------------------------------------------------------
    def save_page(self, parent, page, created):
        if created:
            parent.add_child(instance=page)
        else:
            page.save()
        page.save_revision().publish()

    def child(self, parent, model, slug):
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is not None:
            return page, False
        if Page.objects.child_of(parent).filter(slug=slug).exists():
            raise SeedError("-", slug, f"slug '{slug}' is al in gebruik door een ander paginatype")
        return model(slug=slug), True

    def load_page(self, name, model, entry, required):
        label = f"{model._meta.verbose_name} {entry.get('slug', '?') if isinstance(entry, dict) else '?'}"
        require(entry, required, name, label)
        key = f"{model._meta.model_name}:{entry['slug']}"
        page, created = self.child(self.index, model, entry["slug"])
        same, state = unchanged(key, entry)
        if same and not created:
            return page
        page.title = Truncator(entry["titel"]).chars(255)
        page.samenvatting = plain(entry.get("samenvatting"))
        page.search_description = Truncator(page.samenvatting).chars(300)
        page.body = to_blocks(entry.get("tekst"))
        kader = None
        if entry.get("kader"):
            kader = ToezichtkaderPage.objects.filter(slug=entry["kader"]).first()
            if kader is None:
                raise SeedError(name, label, f"onbekend kader '{entry['kader']}'")
        if model in (KennisbronPage, HandreikingPage, PublicatiePage, ArtikelPage):
            page.uitgever = entry.get("uitgever") or ""
            page.url = entry.get("url") or ""
        if model is KennisbronPage:
            page.waarom = plain(entry.get("waarom"))
        if model in (HandreikingPage, PublicatiePage):
            datum = entry.get("datum")
            if isinstance(datum, int) or (isinstance(datum, str) and datum.isdigit()):
                page.jaar, page.datum = int(datum), None
            else:
                page.datum = as_date(datum, name, label, "datum")
                page.jaar = page.datum.year if page.datum else None
        if model is PublicatiePage:
            soort = entry.get("soort") or "rapport"
            if soort not in PublicatiePage.Soort.values:
                raise SeedError(name, label, f"onbekend soort publicatie '{soort}'")
            page.publicatiesoort = soort
        if model is ToezichtsvormPage:
            for field in ("aanleiding", "doel", "werkwijze", "vervolg", "openbaarmaking"):
                setattr(page, field, plain(entry.get(field)))
            page.kader = kader
        if model is ProcedurePage:
            page.kader = kader
            page.stappen = [
                self.stap(name, label, stap) for stap in as_list(entry.get("stappen"), name, label, "stappen")
            ]
            page.vormen = [
                ProcedureVorm(titel=v.get("titel", ""), beschrijving=plain(v.get("beschrijving")))
                for v in as_list(entry.get("vormen"), name, label, "vormen")
            ]
        self.taxonomy(name, label, entry, page)
        self.save_page(self.index, page, created)
        if model is PublicatiePage:
            page.gemeenten.set(self.gemeenten(name, label, entry.get("gemeenten")))
        if model is ProcedurePage:
            page.wettelijke_grondslag.set(self.wetsartikelen(name, label, entry.get("wettelijke_grondslag")))
        page.save()
        remember(key, state)
        self.count(model._meta.verbose_name_plural)
        return page

    def stap(self, name, label, stap):
        require(stap, ["titel"], name, f"{label}: stap")
        eenheid = stap.get("termijn_eenheid") or ""
        if eenheid and eenheid not in ProcedureStap.Eenheid.values:
            raise SeedError(name, label, f"onbekende termijneenheid '{eenheid}'")
        aantal = stap.get("termijn_aantal")
        if aantal is not None and not isinstance(aantal, int):
            raise SeedError(name, label, f"termijn_aantal moet een geheel getal zijn: {aantal!r}")
        return ProcedureStap(
            titel=stap["titel"],
            beschrijving=plain(stap.get("beschrijving")),
            termijn=str(stap.get("termijn") or ""),
            termijn_aantal=aantal,
            termijn_eenheid=eenheid,
        )

    def gemeenten(self, name, label, values):
        result = []
        for value in as_list(values, name, label, "gemeenten"):
            gemeente = Gemeente.objects.match(str(value)).first()
            if gemeente is None:
                raise SeedError(name, label, f"onbekende gemeente '{value}'")
            result.append(gemeente)
        return result

    # --- frameworks --------------------------------------------------------------------
    def load_kader(self, name, entry, extra_parts):
        label = f"toezichtkader {entry.get('slug', '?') if isinstance(entry, dict) else '?'}"
        require(entry, ["slug", "titel", "uitgever", "geldig_vanaf"], name, label)
        key = f"toezichtkader:{entry['slug']}"
        fingerprint_data = {"kader": entry, "extra": extra_parts}
        kader, created = self.child(self.index, ToezichtkaderPage, entry["slug"])
        same, state = unchanged(key, fingerprint_data)
        parts = as_list(entry.get("onderdelen"), name, label, "onderdelen")
        if same and not created:
            self.collect_crosswalk(name, kader, parts, extra_parts)
            return kader
        kader.title = entry["titel"]
        kader.uitgever = entry["uitgever"]
        kader.versie = str(entry.get("versie") or "")
        kader.geldig_vanaf = as_date(entry.get("geldig_vanaf"), name, label, "geldig_vanaf", True)
        kader.vastgesteld_op = as_date(entry.get("vastgesteld_op"), name, label, "vastgesteld_op")
        kader.bron = entry.get("bron") or ""
        kader.bron_url = entry.get("bron_url") or ""
        if entry.get("toetspunten_kop"):
            kader.toetspunten_kop = entry["toetspunten_kop"]
        kader.samenvatting = plain(entry.get("samenvatting"))
        kader.search_description = Truncator(kader.samenvatting).chars(300)
        kader.body = to_blocks(entry.get("tekst"))
        self.taxonomy(name, label, entry, kader)
        self.save_page(self.index, kader, created)
        self.load_parts(name, kader, parts, label)
        for extra_name, extra in extra_parts:
            self.load_parts(extra_name, kader, extra, label)
        if entry.get("opvolger"):
            self.crosswalk.append(("opvolger", name, kader, entry["opvolger"]))
        self.collect_crosswalk(name, kader, parts, extra_parts)
        remember(key, state)
        self.count("toezichtkaders")
        return kader

    def load_parts(self, name, parent, parts, label):
        for number, part in enumerate(parts, start=1):
            part_label = f"{label} > onderdeel {part.get('code') or number if isinstance(part, dict) else number}"
            require(part, ["titel"], name, part_label)
            code = str(part.get("code") or "")
            slug = slugify(f"{code.replace('.', '-')} {part['titel']}")[:60].strip("-") or f"onderdeel-{number}"
            page, created = self.child(parent, KaderOnderdeelPage, slug)
            page.title = Truncator(part["titel"]).chars(255)
            page.code = code
            page.samenvatting = plain(part.get("samenvatting"))
            page.body = to_blocks(part.get("tekst"))
            self.save_page(parent, page, created)
            page.wettelijke_grondslag.set(self.wetsartikelen(name, part_label, part.get("wettelijke_grondslag")))
            page.save()
            self.count("onderdelen")
            self.load_parts(name, page, as_list(part.get("onderdelen"), name, part_label, "onderdelen"), label)
            for norm in as_list(part.get("normen"), name, part_label, "normen"):
                self.load_norm(name, page, norm, label)

    def load_norm(self, name, parent, entry, label):
        norm_label = f"{label} > norm {entry.get('code', '?') if isinstance(entry, dict) else '?'}"
        require(entry, ["code", "titel", "toetspunten"], name, norm_label)
        code = str(entry["code"]).strip()
        slug = "norm-" + slugify(code.replace(".", "-"))
        page, created = self.child(parent, NormPage, slug)
        page.code = code
        page.stelling = plain(entry["titel"])
        page.title = Truncator(f"{code} {page.stelling}").chars(250)
        page.waarom = plain(entry.get("waarom"))
        page.toelichting = plain(entry.get("toelichting"))
        page.search_description = Truncator(page.stelling).chars(300)
        punten = []
        for punt in as_list(entry["toetspunten"], name, norm_label, "toetspunten"):
            if isinstance(punt, str):
                punten.append(Toetspunt(tekst=plain(punt)))
            elif isinstance(punt, dict) and punt.get("tekst"):
                subs = as_list(punt.get("subpunten"), name, norm_label, "subpunten")
                punten.append(Toetspunt(tekst=plain(punt["tekst"]), subpunten="\n".join(plain(s) for s in subs)))
            else:
                raise SeedError(name, norm_label, f"ongeldig toetspunt: {punt!r}")
        page.toetspunten = punten
        self.save_page(parent, page, created)
        page.wettelijke_grondslag.set(self.wetsartikelen(name, norm_label, entry.get("wettelijke_grondslag")))
        page.save()
        self.count("normen")

    def collect_crosswalk(self, name, kader, parts, extra_parts):
        def walk(file_name, items):
            for part in items:
                if not isinstance(part, dict):
                    continue
                walk(file_name, part.get("onderdelen") or [])
                for norm in part.get("normen") or []:
                    for ref in norm.get("tegenhangers") or []:
                        self.crosswalk.append(("norm", file_name, (kader, str(norm["code"])), ref))

        walk(name, parts)
        for extra_name, extra in extra_parts:
            walk(extra_name, extra)

    def load_crosswalk(self):
        for kind, name, source, ref in self.crosswalk:
            if kind == "opvolger":
                opvolger = ToezichtkaderPage.objects.filter(slug=ref).first()
                if opvolger is None:
                    raise SeedError(name, source.slug, f"onbekende opvolger '{ref}'")
                if source.opvolger_id != opvolger.pk:
                    source.opvolger = opvolger
                    source.save()
                continue
            kader, code = source
            label = f"{kader.slug} > norm {code}"
            if not isinstance(ref, dict) or not ref.get("kader") or not ref.get("code"):
                raise SeedError(name, label, f"ongeldige tegenhanger: {ref!r}")
            norm = NormPage.objects.get(toezichtkader=kader, code=code)
            tegenhanger = NormPage.objects.filter(toezichtkader__slug=ref["kader"], code=str(ref["code"])).first()
            if tegenhanger is None:
                raise SeedError(name, label, f"tegenhanger {ref['kader']} {ref['code']} bestaat niet")
            NormKoppeling.objects.get_or_create(
                norm=norm, tegenhanger=tegenhanger, defaults={"toelichting": ref.get("toelichting", "")}
            )


def load(command):
    KennisbankLoader(command, command.options.get("content_dir")).run()
