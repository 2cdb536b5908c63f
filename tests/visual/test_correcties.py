"""The data errors found in visual/data/toezicht.yaml and kennisbank/content/, each
corrected with its source."""

from datetime import date

import pytest

from kennisbank.models import KennisbronPage, ToezichtkaderPage, Wet, Wetsartikel
from portal.models import Gemeente, Organisatie
from visual.models import Toezichtsgebied
from visual.navigator import toezicht_voor

pytestmark = pytest.mark.django_db

GGD = "Toezicht Wmo GGD Rotterdam-Rijnmond"


def namen(advies):
    return [r.naam for r in advies.regels]


def test_wet_passend_onderwijs_is_an_amending_act(seeded):
    wet = Wet.objects.get(slug="wet-passend-onderwijs")
    assert wet.naam == "Wet passend onderwijs" and wet.bwb_id == ""
    assert wet.url == "https://zoek.officielebekendmakingen.nl/stb-2012-533.html"
    assert sorted(w.afkorting for w in wet.wijzigt.all()) == ["WEC", "WPO", "WVO"]
    assert Wet.objects.get(slug="wpo").bwb_id == "BWBR0003420"
    assert sorted(Toezichtsgebied.objects.filter(wet=wet).values_list("slug", flat=True)) == [
        "inspectie-onderwijs-passend-onderwijs",
        "tsd-stelsel-passend-onderwijs",
    ]


def test_the_ggd_remits_start_with_the_arrangement_of_2_july_2015(seeded):
    twaalf = Toezichtsgebied.objects.filter(slug__startswith="ggd-rotterdam-rijnmond-").exclude(slug__endswith="mo-bw")
    assert {g.geldig_vanaf for g in twaalf} == {date(2015, 7, 2)}
    rotterdam = Gemeente.objects.get(naam="Rotterdam")
    assert GGD in namen(toezicht_voor(rotterdam, peildatum=date(2016, 6, 1)))
    assert GGD not in namen(toezicht_voor(rotterdam, peildatum=date(2015, 7, 1)))


def test_jeugdwet_reports_rest_on_art_4_1_8_with_a_predecessor_before_october_2017(seeded):
    gebied = Toezichtsgebied.objects.get(slug="igj-jeugdwet-meldingen")
    assert [str(a) for a in gebied.wettelijke_grondslag.all()] == ["art. 4.1.8 lid 1 Jeugdwet"]
    assert sorted(s.slug for s in gebied.situaties.all()) == ["calamiteit", "geweld"]
    utrecht = Gemeente.objects.get(naam="Utrecht")
    jeugdwet = Wet.objects.get(slug="jeugdwet")
    in_2016 = toezicht_voor(utrecht, wet=jeugdwet, peildatum=date(2016, 6, 1))
    assert [r.naam for r in in_2016.melden_bij] == ["Inspectie Jeugdzorg"]
    now = toezicht_voor(utrecht, wet=jeugdwet)
    assert [r.naam for r in now.melden_bij] == ["Inspectie Gezondheidszorg en Jeugd"]


def test_a_date_in_2015_or_2016_gives_the_inspectorates_of_that_day(seeded):
    utrecht = Gemeente.objects.get(naam="Utrecht")
    for peildatum in (date(2015, 3, 1), date(2016, 6, 1)):
        rijk = sorted({r.naam for r in toezicht_voor(utrecht, peildatum=peildatum).regels if r.niveau == "rijk"})
        verwacht = [
            "Inspectie Jeugdzorg",
            "Inspectie Sociale Zaken en Werkgelegenheid",
            "Inspectie Veiligheid en Justitie",
            "Inspectie van het Onderwijs",
            "Inspectie voor de Gezondheidszorg",
            "Ombudsman",
        ]
        if peildatum.year == 2016:
            verwacht.append("Toezicht Sociaal Domein")
        assert rijk == sorted(verwacht)


def test_the_law_list_holds_the_laws_the_content_uses(seeded):
    gebruikt = set(Toezichtsgebied.objects.values_list("wet__slug", flat=True))
    gebruikt |= set(Wetsartikel.objects.values_list("wet__slug", flat=True))
    for wet in Wet.objects.all():
        gewijzigd = wet.gewijzigd_door.exists()
        assert wet.slug in gebruikt or gewijzigd or wet.slug in {"woo", "uavg"}, wet.slug
    assert {"zvw", "wfz", "wlz"} <= set(Wet.objects.values_list("slug", flat=True))
    assert not Wet.objects.filter(slug__in=["wkkgz", "wpg", "leerplichtwet", "suwi", "wet-kinderopvang"]).exists()


def test_providers_also_work_under_other_laws_supervised_by_the_inspectorates(seeded):
    paren = set(
        Toezichtsgebied.objects.filter(wet__slug__in=["zvw", "wlz", "wfz"])
        .geldig_op()
        .values_list("wet__slug", "toezichthouder__slug")
    )
    assert paren == {
        ("zvw", "igj"),
        ("wlz", "igj"),
        ("wfz", "igj"),
        ("wfz", "inspectie-justitie-en-veiligheid"),
    }


def test_kennisbank_sentences_come_from_a_source(seeded):
    # The two sentences of the editors' own are gone: the source gives no reason there.
    assert KennisbronPage.objects.get(slug="toezicht-in-jeugdzorg").waarom == ""
    assert KennisbronPage.objects.get(slug="melden-calamiteiten-jeugdzorg").waarom == ""
    # The sentence about Veilig Thuis has its referent back (Jaarbeeld 2016).
    veilig_thuis = str(KennisbronPage.objects.get(slug="veilig-thuis").waarom)
    assert "veiligheidsrisico’s gezamenlijk signaleren" in veilig_thuis


def test_the_tsd_framework_applies_from_september_2016(seeded):
    kader = ToezichtkaderPage.objects.get(slug="tsd-stelseltoezicht-volwassenen")
    assert kader.geldig_vanaf == date(2016, 9, 1)


def test_the_inspiration_document_lists_its_four_points(client, seeded):
    from kennisbank.models import ArtikelPage

    page = ArtikelPage.objects.get(slug="visietraject-sociaal-domein")
    html = client.get(page.get_url()).content.decode()
    for punt in (
        "Toezicht draagt bij aan de kwaliteit van het leven van (kwetsbare) burgers",
        "Toezicht stimuleert de lerende uitvoeringspraktijk",
        "Toezicht draagt bij aan vertrouwen",
        "Toezicht houden is een vak dat waarde toevoegt",
    ):
        assert f"<li>{punt}</li>" in html
        assert f">{punt}</h2>" not in html


def test_the_rotterdam_besluit_keeps_its_signatories(client, seeded):
    html = client.get(ToezichtkaderPage.objects.get(slug="rotterdam-rijnmond-2025").url).content.decode()
    assert "De secretaris, G.J.D. Wigmans" in html and "De burgemeester, C.J. Schouten" in html


def test_legal_bases_of_the_safety_section_are_shown(client, seeded):
    from kennisbank.models import KaderOnderdeelPage

    kader = ToezichtkaderPage.objects.get(slug="rotterdam-rijnmond-2025")
    veiligheid = KaderOnderdeelPage.objects.descendant_of(kader).get(code="2", title="Veiligheid")
    artikelen = [str(a) for a in veiligheid.wettelijke_grondslag.all()]
    for artikel in ("art. 3.3 lid 3 Wmo 2015", "art. 3.4 lid 2 Wmo 2015", "art. 7.2 Uitvoeringsbesluit Wmo 2015"):
        assert artikel in artikelen
    assert "Besluit verplichte meldcode" in artikelen


def test_demo_organisation_says_it_is_one(seeded):
    assert not Organisatie.objects.filter(naam="Wijkteam Rotterdam-Noord").exists()
    assert Organisatie.objects.filter(naam="Demo-wijkteam (fictieve organisatie)").exists()


# --- who reports under which law ----------------------------------------------------------
MELDPLICHTEN = [
    ("Jeugdhulpaanbieders en gecertificeerde instellingen", "art. 4.1.8 lid 1 Jeugdwet"),
    (
        "Veilig Thuis-organisaties (advies- en meldpunten huiselijk geweld en kindermishandeling)",
        "Wmo 2015 (art. 4.1.1, het advies- en meldpunt en zijn taken), niet de Jeugdwet",
    ),
    ("Raad voor de Kinderbescherming", ""),
]


def test_who_reports_a_jeugdwet_calamity_and_on_which_basis(seeded):
    gebied = Toezichtsgebied.objects.get(slug="igj-jeugdwet-meldingen")
    assert [(m["wie"], m["grondslag"]) for m in gebied.meldplichten] == MELDPLICHTEN
    bronnen = [m["bron"] for m in gebied.meldplichten]
    assert bronnen[0] == "Redactie, op basis van Jeugdwet art. 4.1.8 lid 1 (wetten.overheid.nl)"
    assert bronnen[1].startswith("Redactie, op basis van Wet maatschappelijke ondersteuning 2015, art. 4.1.1")
    assert '"Jaarbeeld 2016: Beleid in de praktijk" (2017), thema Veiligheid' in bronnen[1]
    assert bronnen[2].startswith('Move professionals, "Kwaliteit, veiligheid en toezicht in sociaal domein"')
    assert "art. 4.1.8 Jeugdwet noemt de Raad niet" in bronnen[2]


def test_the_answer_shows_each_reporter_with_its_basis(client, graphql, seeded):
    html = client.get("/wie-houdt-toezicht/?gemeente=Utrecht&wet=jeugdwet&situatie=calamiteit").content.decode()
    assert "<li data-meldplicht>Jeugdhulpaanbieders en gecertificeerde instellingen: art. 4.1.8 lid 1 Jeugdwet " in html
    assert "<li data-meldplicht>Raad voor de Kinderbescherming: geen wetsartikel bekend " in html
    data = graphql(
        '{ wieHoudtToezicht(gemeente: "Utrecht", wet: "jeugdwet", situatie: "calamiteit") '
        "{ meldenBij { naam meldplichten { wie grondslag } } } }"
    )["data"]["wieHoudtToezicht"]["meldenBij"]
    assert data == [
        {
            "naam": "Inspectie Gezondheidszorg en Jeugd",
            "meldplichten": [{"wie": wie, "grondslag": grondslag} for wie, grondslag in MELDPLICHTEN],
        }
    ]


def test_the_kennisbank_page_keeps_the_sources_words_with_an_editors_note(client, seeded):
    page = KennisbronPage.objects.get(slug="melden-calamiteiten-jeugdzorg")
    response = client.get(page.get_url())
    assert response.status_code == 200
    html = response.content.decode()
    bron = (
        "Jeugdhulporganisaties, gecertificeerde instellingen, de Veilig Thuis organisaties en de Raad voor de "
        "Kinderbescherming zijn volgens de Jeugdwet verplicht calamiteiten bij de IGJ te melden."
    )
    assert f"<p>{bron}</p>" in html
    noot = html[html.index("Noot van de redactie:") :]
    assert html.index(bron) < html.index("Noot van de redactie:")
    for deel in (
        "art. 4.1.8 lid 1 Jeugdwet",
        "Wet maatschappelijke ondersteuning 2015 (art. 4.1.1); hun meldplicht berust op de Wmo 2015",
        "de navigator noemt de Raad daarom met deze bron, zonder wetsartikel",
    ):
        assert deel in noot
