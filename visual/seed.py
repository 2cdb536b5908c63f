"""Loads who-supervises-what (visual/data/toezicht.yaml) and the overview page."""

from pathlib import Path

from django.contrib.auth.models import Group, Permission

import yaml
from wagtail.models import Page

from kennisbank.models import Domein, KennisbankIndexPage, Voorzieningsoort, Wet, Wetsartikel
from portal.models import Gemeente, HomePage, Organisatie, Regio
from portal.roles import HOOFDREDACTEUR, REDACTEUR
from portal.seeding import SeedError, as_list, period, remember, require, unchanged
from portal.versies import vernieuw

from .gegevens import VERSIE
from .models import BekendeAanwijzing, OverzichtPage, Situatie, Toezichthouder, Toezichtsgebied
from .models.toezicht import REDACTIE_ONDERDELEN, TAAK_VOLGORDE, Niveau

DATA_DIR = Path(__file__).resolve().parent / "data"
SNIPPET_MODELS = ["toezichthouder", "toezichtsgebied", "situatie", "bekendeaanwijzing"]


def load(command, data_dir=None):
    Loader(command, Path(data_dir or DATA_DIR)).run()


class Loader:
    def __init__(self, command, data_dir):
        self.command = command
        self.path = data_dir / "toezicht.yaml"
        self.name = self.path.name
        self.counts = {
            "situaties": 0,
            "toezichthouders": 0,
            "toezichtsgebieden": 0,
            "aanwijzingen uit toezichtskaders": 0,
        }

    def run(self):
        try:
            data = yaml.safe_load(self.path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise SeedError(self.name, f"regel {mark.line + 1}" if mark else "-", f"geen geldige YAML: {exc}")
        if not isinstance(data, dict):
            raise SeedError(self.name, "-", "het bestand moet een mapping zijn")
        for number, entry in enumerate(as_list(data.get("situaties"), self.name, "-", "situaties")):
            self.load_situatie(entry, number)
        entries = as_list(data.get("toezichthouders"), self.name, "-", "toezichthouders")
        for entry in entries:
            self.load_toezichthouder(entry)
        for entry in entries:
            self.link_opvolger(entry)
        for entry in as_list(data.get("toezichtsgebieden"), self.name, "-", "toezichtsgebieden"):
            self.load_gebied(entry)
        for entry in as_list(data.get("aanwijzingen_uit_kaders"), self.name, "-", "aanwijzingen_uit_kaders"):
            self.load_bekende_aanwijzing(entry)
        ensure_overzicht_page()
        ensure_editor_permissions()
        # The successor links above are written with update(), which sends no signals.
        vernieuw(VERSIE)
        summary = ", ".join(f"{key}: {value}" for key, value in self.counts.items())
        self.command.report(f"Wie houdt toezicht: {summary}")

    # --- helpers ------------------------------------------------------------------
    def choice(self, entry, key, choices, label, required=True):
        value = entry.get(key)
        if value in (None, "") and not required:
            return ""
        if value not in choices:
            raise SeedError(self.name, label, f"'{key}' moet een van {', '.join(choices)} zijn, kreeg {value!r}")
        return value

    def bool(self, entry, key, label):
        value = entry.get(key, False)
        if not isinstance(value, bool):
            raise SeedError(self.name, label, f"'{key}' moet true of false zijn")
        return value

    def text(self, entry, key, label):
        value = entry.get(key, "")
        if value is None:
            return ""
        if not isinstance(value, str):
            raise SeedError(self.name, label, f"'{key}' moet tekst zijn")
        return value.strip()

    # --- entries ------------------------------------------------------------------
    def load_situatie(self, entry, number):
        label = f"situatie {entry.get('slug', number + 1) if isinstance(entry, dict) else number + 1}"
        require(entry, ["slug", "naam"], self.name, label)
        Situatie.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "naam": entry["naam"],
                "synoniemen": self.text(entry, "synoniemen", label),
                "omschrijving": self.text(entry, "omschrijving", label),
                "eerste_stap": self.text(entry, "eerste_stap", label),
                "eerste_stap_bron": self.text(entry, "eerste_stap_bron", label),
                "eerste_stap_bron_pagina": self.optional_pagina(entry, "eerste_stap_bron_kennisbank", label),
                "volgorde": number,
            },
        )
        self.counts["situaties"] += 1

    def load_toezichthouder(self, entry):
        label = f"toezichthouder {entry.get('slug', '?') if isinstance(entry, dict) else '?'}"
        require(entry, ["slug", "naam", "niveau", "soort"], self.name, label)
        key = f"visual:toezichthouder:{entry['slug']}"
        same, state = unchanged(key, entry)
        self.counts["toezichthouders"] += 1
        if same and Toezichthouder.objects.filter(slug=entry["slug"]).exists():
            return
        organisatie = None
        if entry.get("organisatie"):
            organisatie = Organisatie.objects.filter(naam=entry["organisatie"]).first()
            if organisatie is None:
                raise SeedError(self.name, label, f"onbekende organisatie {entry['organisatie']!r}")
        vanaf, tot = period(entry, self.name, label)
        Toezichthouder.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "naam": entry["naam"],
                "afkorting": self.text(entry, "afkorting", label),
                "niveau": self.choice(entry, "niveau", Niveau.values, label),
                "soort": self.choice(entry, "soort", Toezichthouder.Soort.values, label),
                "per_gemeente": self.bool(entry, "per_gemeente", label),
                "organisatie": organisatie,
                "website": self.text(entry, "website", label),
                "omschrijving": self.text(entry, "omschrijving", label),
                "geldig_vanaf": vanaf,
                "geldig_tot": tot,
                "bron": self.text(entry, "bron", label),
                "bron_pagina": self.optional_pagina(entry, "bron_kennisbank", label),
            },
        )
        remember(key, state)

    def link_opvolger(self, entry):
        if not entry.get("opvolger"):
            return
        opvolger = Toezichthouder.objects.filter(slug=entry["opvolger"]).first()
        if opvolger is None:
            raise SeedError(self.name, f"toezichthouder {entry['slug']}", f"onbekende opvolger {entry['opvolger']!r}")
        Toezichthouder.objects.filter(slug=entry["slug"], opvolger__isnull=True).update(opvolger=opvolger)

    def load_gebied(self, entry):
        label = f"toezichtsgebied {entry.get('slug', '?') if isinstance(entry, dict) else '?'}"
        require(entry, ["slug", "toezichthouder", "wet", "aspect", "rol", "bron"], self.name, label)
        key = f"visual:toezichtsgebied:{entry['slug']}"
        same, state = unchanged(key, entry)
        self.counts["toezichtsgebieden"] += 1
        if same and Toezichtsgebied.objects.filter(slug=entry["slug"]).exists():
            return
        toezichthouder = Toezichthouder.objects.filter(slug=entry["toezichthouder"]).first()
        if toezichthouder is None:
            raise SeedError(self.name, label, f"onbekende toezichthouder {entry['toezichthouder']!r}")
        wet = Wet.objects.filter(slug=entry["wet"]).first()
        if wet is None:
            raise SeedError(self.name, label, f"onbekende wet {entry['wet']!r}")
        domein = None
        if entry.get("domein"):
            domein = Domein.objects.filter(slug=entry["domein"]).first()
            if domein is None:
                raise SeedError(self.name, label, f"onbekend domein {entry['domein']!r}")
        vanaf, tot = period(entry, self.name, label)
        voorzieningen, alle_voorzieningen = self.voorzieningen(entry, label)
        dekking, gemeenten, regio = self.gemeenten(entry, label)
        situaties = []
        for slug in as_list(entry.get("situaties"), self.name, label, "situaties"):
            situatie = Situatie.objects.filter(slug=slug).first()
            if situatie is None:
                raise SeedError(self.name, label, f"onbekende situatie {slug!r}")
            situaties.append(situatie)
        taken = self.taken(entry, label)
        redactie = self.redactie(entry, label)
        gebied, _created = Toezichtsgebied.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "toezichthouder": toezichthouder,
                "wet": wet,
                "domein": domein,
                "aspect": self.choice(entry, "aspect", Toezichtsgebied.Aspect.values, label),
                "rol": entry["rol"].strip(),
                "taken": taken,
                "taakbronnen": self.taakbronnen(entry, taken, label),
                "alle_voorzieningen": alle_voorzieningen,
                "gemeente_als_aanbieder": self.bool(entry, "gemeente_als_aanbieder", label),
                "welzijn": self.bool(entry, "welzijn", label),
                "dekking": dekking,
                "regio": regio,
                "meldtermijn": self.text(entry, "meldtermijn", label),
                "melders": self.text(entry, "melders", label),
                "meldplichten": self.meldplichten(entry, label),
                "vervolg": self.text(entry, "vervolg", label),
                "terugval": self.bool(entry, "terugval", label),
                "uitsluitend": self.bool(entry, "uitsluitend", label),
                "hoe_na_te_gaan": self.text(entry, "hoe_na_te_gaan", label),
                "bron": entry["bron"].strip(),
                "bron_citaat": self.text(entry, "bron_citaat", label),
                "redactie": redactie,
                "bron_url": self.text(entry, "bron_url", label),
                "bron_pagina": self.optional_pagina(entry, "bron_kennisbank", label),
                "geldig_vanaf": vanaf,
                "geldig_tot": tot,
            },
        )
        gebied.voorzieningsoorten.set(voorzieningen)
        gebied.gemeenten.set(gemeenten)
        gebied.situaties.set(situaties)
        gebied.wettelijke_grondslag.set(self.grondslag(entry, label))
        gebied.kennisbank_paginas.set(self.paginas(entry, label))
        remember(key, state)

    def load_bekende_aanwijzing(self, entry):
        label = f"aanwijzing uit een kader {entry.get('slug', '?') if isinstance(entry, dict) else '?'}"
        require(entry, ["slug", "toezichthouder", "gemeenten", "bron"], self.name, label)
        key = f"visual:bekende-aanwijzing:{entry['slug']}"
        same, state = unchanged(key, entry)
        self.counts["aanwijzingen uit toezichtskaders"] += 1
        if same and BekendeAanwijzing.objects.filter(slug=entry["slug"]).exists():
            return
        toezichthouder = Toezichthouder.objects.filter(slug=entry["toezichthouder"]).first()
        if toezichthouder is None:
            raise SeedError(self.name, label, f"onbekende toezichthouder {entry['toezichthouder']!r}")
        dekking, gemeenten, _regio = self.gemeenten(entry, label)
        if dekking != Toezichtsgebied.Dekking.LIJST:
            # A designation is a decision of each college: the source names the municipalities.
            raise SeedError(self.name, label, "'gemeenten' moet de gemeenten noemen, niet 'alle' of een regio")
        voorzieningen, alle_voorzieningen = self.voorzieningen(entry, label)
        vanaf, tot = period(entry, self.name, label)
        bekend, _created = BekendeAanwijzing.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "toezichthouder": toezichthouder,
                "alle_voorzieningen": alle_voorzieningen,
                "bron": entry["bron"].strip(),
                "bron_pagina": self.pagina(entry["bron_kennisbank"], label) if entry.get("bron_kennisbank") else None,
                "geldig_vanaf": vanaf,
                "geldig_tot": tot,
            },
        )
        bekend.gemeenten.set(gemeenten)
        bekend.voorzieningsoorten.set(voorzieningen)
        remember(key, state)

    def voorzieningen(self, entry, label):
        value = entry.get("voorzieningen", "alle")
        if value == "alle":
            return [], True
        slugs = as_list(value, self.name, label, "voorzieningen")
        found = {v.slug: v for v in Voorzieningsoort.objects.filter(slug__in=slugs)}
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            raise SeedError(self.name, label, f"onbekende soort voorziening: {', '.join(missing)}")
        return [found[slug] for slug in slugs], False

    def gemeenten(self, entry, label):
        value = entry.get("gemeenten", "alle")
        if value == "alle":
            return Toezichtsgebied.Dekking.ALLE, [], None
        if isinstance(value, dict):
            regio = Regio.objects.filter(code=value.get("regio")).first()
            if regio is None:
                raise SeedError(self.name, label, f"onbekende regio {value.get('regio')!r}")
            return Toezichtsgebied.Dekking.REGIO, [], regio
        gemeenten = []
        for item in as_list(value, self.name, label, "gemeenten"):
            gemeente = Gemeente.objects.match(str(item)).first()
            if gemeente is None:
                raise SeedError(self.name, label, f"onbekende gemeente {item!r}")
            gemeenten.append(gemeente)
        if not gemeenten:
            raise SeedError(self.name, label, "'gemeenten' is leeg: gebruik 'alle' of noem ze")
        return Toezichtsgebied.Dekking.LIJST, gemeenten, None

    def grondslag(self, entry, label):
        artikelen = []
        for item in as_list(entry.get("wettelijke_grondslag"), self.name, label, "wettelijke_grondslag"):
            require(item, ["wet"], self.name, label)
            wet = Wet.objects.filter(slug=item["wet"]).first()
            if wet is None:
                raise SeedError(self.name, label, f"onbekende wet {item['wet']!r} in de grondslag")
            artikel, _created = Wetsartikel.objects.get_or_create(
                wet=wet,
                artikel=str(item.get("artikel", "")),
                lid=str(item.get("lid", "")),
                sub=str(item.get("sub", "")),
            )
            artikelen.append(artikel)
        return artikelen

    def taken(self, entry, label):
        taken = [str(t) for t in as_list(entry.get("taken"), self.name, label, "taken")]
        onbekend = [t for t in taken if t not in TAAK_VOLGORDE]
        if onbekend:
            raise SeedError(
                self.name, label, f"onbekende taak {', '.join(onbekend)}; kies uit {', '.join(TAAK_VOLGORDE)}"
            )
        return sorted(dict.fromkeys(taken), key=TAAK_VOLGORDE.index)

    def taakbronnen(self, entry, taken, label):
        value = entry.get("taakbronnen") or {}
        if not isinstance(value, dict):
            raise SeedError(self.name, label, "'taakbronnen' moet per taak een bron geven")
        vreemd = [t for t in value if t not in taken]
        if vreemd:
            raise SeedError(self.name, label, f"bron voor een taak die niet onder 'taken' staat: {', '.join(vreemd)}")
        return {taak: str(value[taak]).strip() for taak in taken if value.get(taak)}

    def meldplichten(self, entry, label):
        meldplichten = []
        for item in as_list(entry.get("meldplichten"), self.name, label, "meldplichten"):
            require(item, ["wie", "bron"], self.name, label)
            meldplichten.append(
                {
                    "wie": str(item["wie"]).strip(),
                    "grondslag": str(item.get("grondslag") or "").strip(),
                    "bron": str(item["bron"]).strip(),
                }
            )
        return meldplichten

    def redactie(self, entry, label):
        """What the editors state themselves rather than the cited source: said in the source
        text as well, so a reader sees it wherever the source is shown."""
        redactie = [str(r) for r in as_list(entry.get("redactie"), self.name, label, "redactie")]
        onbekend = [r for r in redactie if r not in REDACTIE_ONDERDELEN]
        if onbekend:
            keuze = ", ".join(REDACTIE_ONDERDELEN)
            raise SeedError(self.name, label, f"onbekend onder 'redactie': {', '.join(onbekend)}; kies uit {keuze}")
        gemarkeerd = "redactie, op basis van" in str(entry.get("bron", "")).casefold()
        if bool(redactie) != gemarkeerd:
            raise SeedError(
                self.name,
                label,
                "'redactie' en de bron horen samen: wat de redactie vaststelt, zegt de bron met "
                "'redactie, op basis van ...'",
            )
        if "wet" not in redactie and not self.text(entry, "bron_citaat", label):
            raise SeedError(
                self.name, label, "geef de passage uit de bron ('bron_citaat') of zet 'wet' onder 'redactie'"
            )
        return redactie

    def optional_pagina(self, entry, key, label):
        return self.pagina(entry[key], label) if entry.get(key) else None

    def pagina(self, slug, label):
        index = KennisbankIndexPage.objects.first()
        candidates = Page.objects.filter(slug=slug)
        if index is not None:
            candidates = candidates.descendant_of(index)
        page = candidates.order_by("depth").first()
        if page is None:
            raise SeedError(self.name, label, f"onbekende kennisbankpagina {slug!r}")
        return page

    def paginas(self, entry, label):
        return [self.pagina(slug, label) for slug in as_list(entry.get("kennisbank"), self.name, label, "kennisbank")]


def ensure_overzicht_page():
    if OverzichtPage.objects.exists():
        return
    home = HomePage.objects.first()
    if home is None:
        raise SeedError("visual", "overzicht", "geen startpagina gevonden")
    page = OverzichtPage(
        title="Toezicht in beeld",
        slug="toezicht-in-beeld",
        show_in_menus=True,
        intro=(
            "Lokaal, regionaal en landelijk toezicht naast elkaar, per domein. Kies een "
            "gemeente om te zien wie daar waarop toezicht houdt, en kies een toezichthouder "
            "voor zijn taak, de wettelijke grondslag en de documenten die erbij horen."
        ),
    )
    home.add_child(instance=page)
    page.save_revision().publish()


def ensure_editor_permissions():
    """Editors keep the supervisor data current in the admin and review designations."""
    permissions = Permission.objects.filter(
        content_type__app_label="visual",
        content_type__model__in=SNIPPET_MODELS,
        codename__regex=r"^(add|change|delete|view)_",
    )
    view_register = Permission.objects.filter(content_type__app_label="visual", codename__in=["view_aanwijzing"])
    for group in Group.objects.filter(name__in=[REDACTEUR, HOOFDREDACTEUR]):
        group.permissions.add(*permissions, *view_register)
