"""The coverage view and the open data tell the story the navigator tells: the twelve (+2)
municipalities whose colleges designated Toezicht Wmo GGD Rotterdam-Rijnmond (Toezichtskader
2025, 2.2) count as "bekend uit een toezichtskader", apart from decisions in the register and
from "niet bekend", with the framework cited and linked, and no decision date made up."""

import csv
import io
import json
from datetime import date

from django.contrib.auth.models import Group

import pytest
from wagtail.models import PageViewRestriction

from kennisbank.models import ToezichtkaderPage
from visual.gegevens import referentie
from visual.keuzes import vind_gemeente, vind_voorziening, vind_wet
from visual.models import Aanwijzing, BekendeAanwijzing, Toezichthouder
from visual.models.toezicht import Niveau
from visual.navigator import toezicht_voor

pytestmark = pytest.mark.django_db

GGD = "toezicht-wmo-ggd-rotterdam-rijnmond"
TWAALF = [
    "Albrandswaard",
    "Barendrecht",
    "Capelle aan den IJssel",
    "Goeree-Overflakkee",
    "Krimpen aan den IJssel",
    "Maassluis",
    "Nissewaard",
    "Ridderkerk",
    "Rotterdam",
    "Schiedam",
    "Vlaardingen",
    "Voorne aan Zee",
]
BRON = (
    "Toezicht Wmo GGD Rotterdam-Rijnmond, Toezichtskader Toezicht Wmo GGD Rotterdam-Rijnmond 2025 "
    "(Gemeenteblad Rotterdam, 2025), paragraaf 2.2"
)
OPVANG = (
    "alleen beschermd wonen, maatschappelijke opvang: algemene voorziening, maatschappelijke opvang: "
    "maatwerkvoorziening"
)
DEKKING = "/wie-houdt-toezicht/aanwijzingen/dekking/"


def _rijen(client, url="/wie-houdt-toezicht/aanwijzingen/dekking.csv"):
    return {r["gemeente"]: r for r in csv.DictReader(io.StringIO(client.get(url).content.decode()))}


def _categorieen(rijen):
    tellingen = {}
    for rij in rijen.values():
        tellingen[rij["categorie"]] = tellingen.get(rij["categorie"], 0) + 1
    return tellingen


def test_the_coverage_view_counts_the_frameworks_designations_apart(client, seeded):
    html = client.get(DEKKING).content.decode()
    assert (
        "van de 342 gemeenten: 0 met een goedgekeurd aanwijzingsbesluit in dit register, 14 met een aanwijzing die "
        "bekend is uit een toezichtskader (het besluit zelf staat niet in het register) en 328 waarvan niets bekend is."
    ) in html
    rotterdam_rijnmond = (
        '<tr><th scope="row">GGD Rotterdam-Rijnmond</th><td>13</td><td>0 (0%)</td><td>13 (100%): '
        + ", ".join(sorted([*TWAALF, f"Lansingerland ({OPVANG})"]))
        + "</td><td>0 (0%)</td></tr>"
    )
    assert rotterdam_rijnmond in html
    assert (
        '<tr><th scope="row">Dienst Gezondheid &amp; Jeugd ZHZ</th><td>10</td><td>0 (0%)</td>'
        f"<td>1 (10%): Hoeksche Waard ({OPVANG})</td><td>9 (90%)</td></tr>"
    ) in html
    haaglanden = '<th scope="row">GGD Haaglanden</th><td>9</td><td>0 (0%)</td><td>0 (0%)</td><td>9 (100%)</td></tr>'
    assert haaglanden in html
    kader = ToezichtkaderPage.objects.get(slug="rotterdam-rijnmond-2025")
    assert html.count(f'Bron: <a href="{kader.url}">{BRON}</a>.') == 2
    assert "Provincie niet bekend in de bronnen" in html


def test_the_open_data_gives_each_municipality_its_category_and_source(client, seeded):
    rijen = _rijen(client)
    assert len(rijen) == 342
    assert _categorieen(rijen) == {"toezichtskader": 14, "niet-bekend": 328}
    kader_url = "http://testserver" + ToezichtkaderPage.objects.get(slug="rotterdam-rijnmond-2025").url
    assert rijen["Rotterdam"] == {
        "gemeentecode": "GM0599",
        "gemeente": "Rotterdam",
        "ggd_regio": "GGD Rotterdam-Rijnmond",
        "provincie": "",
        "categorie": "toezichtskader",
        "categorie_naam": "Aanwijzing bekend uit een toezichtskader (besluit niet in het register)",
        "toezichthouder": GGD,
        "toezichthouder_naam": "Toezicht Wmo GGD Rotterdam-Rijnmond",
        "voorzieningen": "alle Wmo-voorzieningen",
        "besluit_datum": "",
        "besluit_url": "",
        "bron": BRON,
        "bron_url": kader_url,
    }
    assert rijen["Hoeksche Waard"]["voorzieningen"] == (
        "Beschermd wonen, Maatschappelijke opvang: algemene voorziening, Maatschappelijke opvang: maatwerkvoorziening"
    )
    assert {k: v for k, v in rijen["Ede"].items() if v} == {
        "gemeentecode": "GM0228",
        "gemeente": "Ede",
        "ggd_regio": "Veiligheids- en Gezondheidsregio Gelderland-Midden",
        "categorie": "niet-bekend",
        "categorie_naam": "Niet bekend",
    }
    data = json.loads(client.get("/wie-houdt-toezicht/aanwijzingen/dekking.json").content)
    assert data["categorieen"] == [
        {"categorie": "register", "naam": "Aanwijzingsbesluit in het register", "gemeenten": 0},
        {
            "categorie": "toezichtskader",
            "naam": "Aanwijzing bekend uit een toezichtskader (besluit niet in het register)",
            "gemeenten": 14,
        },
        {"categorie": "niet-bekend", "naam": "Niet bekend", "gemeenten": 328},
    ]
    assert {g["gemeente"]: g for g in data["gemeenten"]}["Rotterdam"] == rijen["Rotterdam"]
    assert data["licentie"] == "CC BY 4.0"


def test_a_decision_in_the_register_comes_first(client, seeded, demo_user):
    aanwijzing = Aanwijzing.objects.create(
        gemeente=vind_gemeente("Lansingerland"),
        toezichthouder=Toezichthouder.objects.get(slug=GGD),
        besluit_datum=date(2026, 3, 1),
        besluit_url="https://zoek.officielebekendmakingen.nl/gmb-2026-1.html",
        ingediend_door=demo_user("gemeente"),
    )
    assert _rijen(client)["Lansingerland"]["categorie"] == "toezichtskader"
    aanwijzing.beoordeel(demo_user("redacteur"), goedkeuren=True)
    rijen = _rijen(client)
    assert _categorieen(rijen) == {"register": 1, "toezichtskader": 13, "niet-bekend": 328}
    assert {k: rijen["Lansingerland"][k] for k in ("categorie", "besluit_datum", "besluit_url", "bron")} == {
        "categorie": "register",
        "besluit_datum": "2026-03-01",
        "besluit_url": "https://zoek.officielebekendmakingen.nl/gmb-2026-1.html",
        "bron": "",
    }
    html = client.get(DEKKING).content.decode()
    assert '<th scope="row">GGD Rotterdam-Rijnmond</th><td>13</td><td>1 (8%): Lansingerland</td><td>12 (92%): ' in html


@pytest.mark.parametrize(
    "peildatum, kader",
    [("2015-07-01", 0), ("2015-07-02", 12), ("2025-10-28", 12), ("2025-10-29", 14)],
)
def test_the_frameworks_designations_count_from_their_date(client, seeded, peildatum, kader):
    rijen = _rijen(client, f"/wie-houdt-toezicht/aanwijzingen/dekking.csv?peildatum={peildatum}")
    assert _categorieen(rijen) == {k: v for k, v in {"toezichtskader": kader, "niet-bekend": 342 - kader}.items() if v}


def test_the_coverage_and_the_navigator_name_the_same_municipalities(seeded):
    """The navigator answers from the remits, the coverage from the framework's designations:
    the municipalities where a regional supervisor has the Wmo quality remit are those the
    framework reports as designated, with the same kinds of voorziening."""
    vandaag = date.today()
    wmo = vind_wet("wmo-2015")
    uit_remits = {}
    for gebied in referentie().gebieden:
        model = gebied.model
        if (
            model.wet_id == wmo.pk
            and model.aspect == "kwaliteit"
            and not model.terugval
            and model.toezichthouder.niveau == Niveau.REGIONAAL
            and model.is_geldig_op(vandaag)
        ):
            for gemeente in model.gemeenten.all():
                uit_remits.setdefault(gemeente.naam, set()).add((model.toezichthouder.slug, model.alle_voorzieningen))
    uit_kaders = {}
    for bekend in BekendeAanwijzing.objects.geldig_op(vandaag):
        for gemeente in bekend.gemeenten.all():
            uit_kaders.setdefault(gemeente.naam, set()).add((bekend.toezichthouder.slug, bekend.alle_voorzieningen))
    assert uit_remits == uit_kaders
    assert sorted(uit_kaders) == sorted([*TWAALF, "Lansingerland", "Hoeksche Waard"])
    beschermd_wonen = toezicht_voor(vind_gemeente("Hoeksche Waard"), voorziening=vind_voorziening("beschermd-wonen"))
    assert GGD in {r.toezichthouder.slug for r in beschermd_wonen.regels if not r.terugval}


def test_the_source_links_only_for_who_may_see_the_framework(client, seeded, demo_user):
    kader = ToezichtkaderPage.objects.get(slug="rotterdam-rijnmond-2025")
    restriction = PageViewRestriction.objects.create(page=kader, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Toezichthouder"))
    html = client.get(DEKKING).content.decode()
    assert f"Bron: {BRON}." in html and f'href="{kader.url}"' not in html
    assert {r["bron_url"] for r in _rijen(client).values()} == {""}
    client.force_login(demo_user("toezichthouder"))
    assert client.get(DEKKING).content.decode().count(f'Bron: <a href="{kader.url}">{BRON}</a>.') == 2


def test_editors_keep_the_frameworks_designations_in_the_admin(client, seeded, demo_user):
    client.force_login(demo_user("redacteur"))
    index = client.get("/admin/snippets/visual/bekendeaanwijzing/")
    assert index.status_code == 200
    bekend = BekendeAanwijzing.objects.get(slug="rotterdam-rijnmond-2025-opvang-en-beschermd-wonen")
    assert client.get(f"/admin/snippets/visual/bekendeaanwijzing/edit/{bekend.pk}/").status_code == 200
    client.force_login(demo_user("gemeente"))
    assert client.get("/admin/snippets/visual/bekendeaanwijzing/").status_code in (302, 403)
