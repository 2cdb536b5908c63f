"""Seed content of the site shell: municipalities, organisations, roles, pages, demo accounts."""

import csv
from pathlib import Path

from django.conf import settings
from django.db import transaction

import yaml
from wagtail.models import Page, Site

from .models import Gemeente, HomePage, InformatiePage, Organisatie, Regio, User
from .roles import GEMEENTE, HOOFDREDACTEUR, PROFESSIONAL, REDACTEUR, TOEZICHTHOUDER, ensure_roles
from .seeding import SeedError, require

DATA_DIR = Path(__file__).resolve().parent / "data"

DEMO_PASSWORD = "Toezicht-demo-2026"
DEMO_ACCOUNTS = [
    # e-mail, name, role group, organisation, superuser
    ("redacteur@demo.toezichtportaal.nl", "Rita Redacteur", REDACTEUR, None, False),
    ("hoofdredacteur@demo.toezichtportaal.nl", "Hanna Hoofdredacteur", HOOFDREDACTEUR, None, False),
    (
        "toezichthouder@demo.toezichtportaal.nl",
        "Tom Toezichthouder",
        TOEZICHTHOUDER,
        "Toezicht Wmo GGD Rotterdam-Rijnmond",
        False,
    ),
    (
        "inspecteur@demo.toezichtportaal.nl",
        "Ilse Inspecteur",
        TOEZICHTHOUDER,
        "Inspectie Gezondheidszorg en Jeugd",
        False,
    ),
    ("gemeente@demo.toezichtportaal.nl", "Gijs Gemeente", GEMEENTE, "Gemeente Rotterdam", False),
    (
        "professional@demo.toezichtportaal.nl",
        "Pien Professional",
        PROFESSIONAL,
        "Demo-wijkteam (fictieve organisatie)",
        False,
    ),
    ("beheerder@demo.toezichtportaal.nl", "Bas Beheerder", None, None, True),
]

INFO_PAGES = [
    (
        "over-dit-portaal",
        "Over dit portaal",
        True,
        """
<p>Het Toezichtportaal Sociaal Domein verbindt het lokale en het landelijke toezicht in het
sociaal domein. Gemeenten vinden hier wie waarop toezicht houdt, welke toezichtkaders gelden en
wat zij moeten doen na een melding. Toezichthouders en inspecties werken hier samen en delen wat
zij van calamiteiten leren.</p>
<p>De toezichtkaders en handreikingen zijn overgenomen uit de openbare bronnen die bij elk kader
staan vermeld. Gemeentegegevens: Bron: CBS (Gebieden in Nederland 2023, CC BY 4.0).</p>""",
    ),
    (
        "toegankelijkheidsverklaring",
        "Toegankelijkheidsverklaring",
        False,
        """
<p>Wij willen dat iedereen dit portaal kan gebruiken. Het portaal is gebouwd volgens de
richtlijnen WCAG 2.1 op niveau AA en gebruikt de componenten van het NL Design System.</p>
<h2>Hoe wij dit controleren</h2>
<p>Elke paginasoort wordt bij iedere wijziging automatisch getoetst met axe-core in een echte
browser, en met het toetsenbord doorlopen.</p>
<h2>Iets werkt niet?</h2>
<p>Meld het ons via de contactgegevens onderaan de pagina. Wij reageren binnen vijf werkdagen.</p>
""",
    ),
    (
        "privacyverklaring",
        "Privacyverklaring",
        False,
        """
<p>Het openbare deel van dit portaal kunt u gebruiken zonder in te loggen; wij plaatsen dan
alleen een functionele cookie tegen misbruik van formulieren.</p>
<h2>Als u inlogt</h2>
<p>Van gebruikers met een account verwerken wij naam, e-mailadres en organisatie. Wie wat heeft
ingezien of gedownload in een samenwerkingsruimte leggen wij vast, omdat de Algemene
verordening gegevensbescherming (AVG) en de Baseline Informatiebeveiliging Overheid dat
vragen.</p>
<h2>Calamiteitenmeldingen</h2>
<p>Meldingen van calamiteiten en geweld en de zelfonderzoeken van aanbieders worden nooit
openbaar gemaakt.</p>
""",
    ),
]


def load(command):
    load_gemeenten(command)
    load_organisaties(command)
    home = ensure_site(command)
    ensure_roles(home)
    ensure_info_pages(home)
    if settings.PORTAL_DEMO:
        ensure_demo_accounts(command)


def load_gemeenten(command):
    path = DATA_DIR / "gemeenten.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    regios = {r.code: r for r in Regio.objects.all()}
    gemeenten = {g.cbs_code: g for g in Gemeente.objects.prefetch_related("regios")}
    for number, row in enumerate(rows, start=2):
        code = (row.get("gemeentecode") or "").strip()
        naam = (row.get("gemeentenaam") or "").strip()
        if not code.startswith("GM") or not naam:
            raise SeedError(path.name, f"regel {number}", "gemeentecode of gemeentenaam ontbreekt")
        regio_code = (row.get("ggd_regio_code") or "").strip()
        regio = regios.get(regio_code)
        if regio is None and regio_code:
            regio = Regio.objects.create(code=regio_code, naam=row["ggd_regio_naam"].strip(), soort=Regio.Soort.GGD)
            regios[regio_code] = regio
        gemeente = gemeenten.get(code)
        if gemeente is None:
            gemeente = Gemeente.objects.create(cbs_code=code, naam=naam)
            gemeenten[code] = gemeente
        elif gemeente.naam != naam:
            gemeente.naam = naam
            gemeente.save(update_fields=["naam"])
        if regio and regio not in gemeente.regios.all():
            gemeente.regios.add(regio)
    command.report(f"Gemeenten: {len(gemeenten)}")
    load_roepnamen(gemeenten)


def load_roepnamen(gemeenten):
    """Other names of a municipality; an editor's own list is left as it is."""
    path = DATA_DIR / "roepnamen.csv"
    with path.open(encoding="utf-8") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            gemeente = gemeenten.get((row.get("gemeentecode") or "").strip())
            roepnamen = (row.get("roepnamen") or "").strip()
            if gemeente is None or not roepnamen:
                raise SeedError(path.name, f"regel {number}", "onbekende gemeentecode of geen naam")
            if not gemeente.roepnamen:
                gemeente.roepnamen = roepnamen
                gemeente.save(update_fields=["roepnamen"])


def load_organisaties(command):
    path = DATA_DIR / "organisaties.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for index, entry in enumerate(data.get("organisaties", []), start=1):
        require(entry, ["naam", "soort"], path.name, f"organisatie {index}")
        if entry["soort"] not in Organisatie.Soort.values:
            raise SeedError(path.name, entry["naam"], f"onbekend soort '{entry['soort']}'")
        defaults = {
            "afkorting": entry.get("afkorting", ""),
            "soort": entry["soort"],
            "website": entry.get("website", ""),
            "andere_namen": "\n".join(entry.get("andere_namen", [])),
        }
        if entry.get("gemeente"):
            gemeente = Gemeente.objects.match(entry["gemeente"]).first()
            if gemeente is None:
                raise SeedError(path.name, entry["naam"], f"onbekende gemeente {entry['gemeente']}")
            defaults["gemeente"] = gemeente
        organisatie = Organisatie.objects.filter(naam=entry["naam"]).first()
        if organisatie is None:
            Organisatie.objects.create(naam=entry["naam"], **defaults)
        elif not organisatie.andere_namen and defaults["andere_namen"]:
            organisatie.andere_namen = defaults["andere_namen"]
            organisatie.save(update_fields=["andere_namen"])


@transaction.atomic
def ensure_site(command):
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's starter "Welcome" page holds the slug "home" and is not content of ours.
        Page.objects.filter(
            depth=2, content_type__model="page", content_type__app_label="wagtailcore", numchild=0
        ).delete()
        root = Page.get_first_root_node()
        home = HomePage(
            title="Toezichtportaal Sociaal Domein",
            slug="home",
            intro=(
                "<p>Wie houdt toezicht op wat in het sociaal domein? Vind de toezichtkaders tot op "
                "elke norm, de handreikingen en wie u moet informeren na een melding.</p>"
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=settings.WAGTAIL_SITE_NAME
        )
    elif site.root_page_id != home.pk or site.site_name != settings.WAGTAIL_SITE_NAME:
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
    return home


def ensure_info_pages(home):
    for slug, title, in_menu, body in INFO_PAGES:
        if home.get_children().filter(slug=slug).exists():
            continue
        page = InformatiePage(title=title, slug=slug, body=body.strip(), show_in_menus=in_menu)
        home.add_child(instance=page)
        page.save_revision().publish()


def ensure_demo_accounts(command):
    from django.contrib.auth.models import Group

    lines = []
    for email, name, role, organisation, superuser in DEMO_ACCOUNTS:
        first, _, last = name.partition(" ")
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                is_superuser=superuser,
                is_staff=superuser,
            )
        if organisation:
            user.organisatie = Organisatie.objects.get(naam=organisation)
            user.save(update_fields=["organisatie"])
            user.groups.add(user.organisatie.groep)
        if role:
            user.groups.add(Group.objects.get(name=role))
        lines.append(f"  {email:<42} {role or 'beheerder (superuser)'}")
    accounts = "\n".join(lines)
    command.report(f"Demo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD}):\n{accounts}")
