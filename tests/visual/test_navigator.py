"""The navigator's answers for the coverage rules of the seeds, through the page and the API."""

from datetime import date

import pytest

from kennisbank.models import Voorzieningsoort
from visual.keuzes import OngeldigeKeuze, vind_gemeente, vind_situatie, vind_voorziening, vind_wet
from visual.models import Toezichtsgebied
from visual.navigator import toezicht_voor

pytestmark = pytest.mark.django_db

GGD = "Toezicht Wmo GGD Rotterdam-Rijnmond"
QUERY = """query($g: String!, $w: String, $v: String, $s: String) {
  wieHoudtToezicht(gemeente: $g, wet: $w, voorziening: $v, situatie: $s) {
    gemeente { code naam }
    toezichthouders { naam niveau rol bron }
    meldenBij { naam termijn bron }
    kaders { titel url }
    onbekend
  } }"""


def ask(graphql, gemeente, wet=None, voorziening=None, situatie=None, user=None):
    data = graphql(QUERY, {"g": gemeente, "w": wet, "v": voorziening, "s": situatie}, user=user)
    assert "errors" not in data, data
    return data["data"]["wieHoudtToezicht"]


def namen(items):
    return [item["naam"] for item in items]


@pytest.mark.parametrize(
    "gemeente", ["Rotterdam", "GM0599", "Voorne aan Zee", "Goeree-Overflakkee", "Capelle aan den IJssel"]
)
def test_ggd_covers_household_support_in_its_twelve_municipalities(graphql, seeded, gemeente):
    advies = ask(graphql, gemeente, voorziening="ondersteuning-bij-het-huishouden", situatie="zorgen over kwaliteit")
    assert GGD in namen(advies["toezichthouders"])
    assert not any("niet vastgelegd" in n for n in namen(advies["toezichthouders"]))


def test_lansingerland_household_support_is_not_covered_by_the_ggd(graphql, seeded):
    advies = ask(graphql, "Lansingerland", voorziening="Ondersteuning bij het huishouden")
    assert GGD not in namen(advies["toezichthouders"])
    assert GGD not in namen(advies["meldenBij"])
    wmo = {n for n in namen(advies["toezichthouders"]) if n.startswith("Toezichthoudend ambtenaar Wmo")}
    assert wmo == {"Toezichthoudend ambtenaar Wmo van de gemeente (Lansingerland): niet vastgelegd voor deze gemeente"}
    assert any(
        "niet vastgelegd voor de gemeente Lansingerland" in t and "aanwijzingsbesluit" in t for t in advies["onbekend"]
    )


@pytest.mark.parametrize("gemeente", ["Lansingerland", "Hoeksche Waard"])
@pytest.mark.parametrize(
    "voorziening",
    ["beschermd-wonen", "maatschappelijke-opvang-algemene-voorziening", "Maatschappelijke opvang: maatwerkvoorziening"],
)
def test_ggd_covers_opvang_and_beschermd_wonen_in_lansingerland_and_hoeksche_waard(
    graphql, seeded, gemeente, voorziening
):
    advies = ask(graphql, gemeente, voorziening=voorziening, situatie="geweld")
    assert namen(advies["meldenBij"]) == [GGD]
    assert "3 werkdagen" in advies["meldenBij"][0]["termijn"]
    assert "onverwijld" in advies["meldenBij"][0]["termijn"].lower()


def test_ggd_region_is_not_a_designation(seeded):
    # Lansingerland is in the GGD Rotterdam-Rijnmond region; Hoeksche Waard is not.
    assert vind_gemeente("Lansingerland").ggd_regio.naam == "GGD Rotterdam-Rijnmond"
    assert vind_gemeente("Hoeksche Waard").ggd_regio.naam != "GGD Rotterdam-Rijnmond"
    for naam in ("Lansingerland", "Hoeksche Waard"):
        advies = toezicht_voor(vind_gemeente(naam), voorziening=vind_voorziening("vervoer"))
        assert GGD not in [r.toezichthouder.naam for r in advies.regels]


def test_ggd_covers_municipality_as_provider_and_welzijn_only_in_the_twelve(seeded):
    for slug in ("gemeente-als-aanbieder", "welzijn"):
        rotterdam = toezicht_voor(vind_gemeente("Rotterdam"), voorziening=vind_voorziening(slug))
        assert GGD in [r.toezichthouder.naam for r in rotterdam.toezichthouders]
        lansingerland = toezicht_voor(vind_gemeente("Lansingerland"), voorziening=vind_voorziening(slug))
        assert GGD not in [r.toezichthouder.naam for r in lansingerland.toezichthouders]


def test_wmo_calamity_in_rotterdam_goes_to_the_ggd_with_terms(graphql, seeded):
    advies = ask(graphql, "rotterdam", wet="Wmo 2015", situatie="CALAMITEIT")
    assert namen(advies["meldenBij"]) == [GGD]
    melding = advies["meldenBij"][0]
    assert "Onverwijld" in melding["termijn"] and "3 werkdagen" in melding["termijn"]
    assert "3.4 lid 1" in melding["bron"]
    ggd = toezicht_voor(vind_gemeente("Rotterdam"), situatie=vind_situatie("calamiteit")).melden_bij[0]
    assert "8 weken" in ggd.vervolg
    assert "Toezicht op calamiteiten en geweldsincidenten" in [k["titel"] for k in advies["kaders"]]


def test_wmo_calamity_elsewhere_names_the_municipal_supervisor_as_not_recorded(graphql, seeded):
    advies = ask(graphql, "Ede", wet="wmo-2015", situatie="calamiteit")
    assert namen(advies["meldenBij"]) == [
        "Toezichthoudend ambtenaar Wmo van de gemeente (Ede): niet vastgelegd voor deze gemeente"
    ]
    assert advies["meldenBij"][0]["termijn"].startswith("Onverwijld")
    assert any("officielebekendmakingen.nl" in t for t in advies["onbekend"])
    assert GGD not in namen(advies["toezichthouders"]) + namen(advies["meldenBij"])


def test_jeugdwet_calamity_goes_to_igj_under_art_4_1_8(graphql, seeded):
    for gemeente in ("Rotterdam", "Lansingerland", "Súdwest-Fryslân"):
        advies = ask(graphql, gemeente, wet="jeugdwet", situatie="calamiteit")
        assert namen(advies["meldenBij"]) == ["Inspectie Gezondheidszorg en Jeugd"]
        assert advies["meldenBij"][0]["termijn"] == "Onverwijld (art. 4.1.8 lid 1 Jeugdwet)"
        assert "art. 4.1.8 lid 1 Jeugdwet" in advies["meldenBij"][0]["bron"]
        # The report desk also acts: it is the first supervisor in the answer.
        assert namen(advies["toezichthouders"]) == ["Inspectie Gezondheidszorg en Jeugd"] * 2
    gebied = Toezichtsgebied.objects.get(slug="igj-jeugdwet-meldingen")
    assert gebied.melders == (
        "Jeugdhulpaanbieders en gecertificeerde instellingen (art. 4.1.8 Jeugdwet); Veilig Thuis-organisaties "
        "(Wmo 2015); Raad voor de Kinderbescherming (zonder wetsartikel in de bronnen)"
    )
    assert "Veilig Thuis" in gebied.rol and "Wmo 2015" in gebied.rol


def test_igj_supports_but_is_not_the_wmo_report_desk(seeded):
    advies = toezicht_voor(vind_gemeente("Rotterdam"), wet=vind_wet("wmo-2015"), situatie=vind_situatie("calamiteit"))
    assert "Inspectie Gezondheidszorg en Jeugd" in [r.naam for r in advies.toezichthouders]
    assert "Inspectie Gezondheidszorg en Jeugd" not in [r.naam for r in advies.melden_bij]


def test_rechtmatigheid_is_the_municipality_itself(graphql, seeded):
    advies = ask(graphql, "GM0599", situatie="fraude")
    assert namen(advies["toezichthouders"]) == ["Gemeente, toezicht op rechtmatigheid (Rotterdam)"]
    assert "art. 2.1.3 lid 4 Wmo 2015" in advies["toezichthouders"][0]["bron"]
    assert advies["toezichthouders"][0]["niveau"] == "lokaal"
    assert advies["meldenBij"] == []


def test_tsd_system_supervision_covers_its_four_laws(seeded):
    advies = toezicht_voor(vind_gemeente("Utrecht"), situatie=vind_situatie("samenhang in het stelsel"))
    tsd = sorted(r.wet.slug for r in advies.toezichthouders if r.toezichthouder.slug == "toezicht-sociaal-domein")
    assert tsd == ["jeugdwet", "participatiewet", "wet-passend-onderwijs", "wmo-2015"]


def test_ended_remit_is_reported_with_its_successor(graphql, seeded):
    advies = toezicht_voor(vind_gemeente("Rotterdam"), wet=vind_wet("participatiewet"))
    assert "Nederlandse Arbeidsinspectie" in [r.naam for r in advies.toezichthouders]
    assert "Inspectie Sociale Zaken en Werkgelegenheid" not in [r.naam for r in advies.regels]
    assert any("31 december 2021" in t and "Nederlandse Arbeidsinspectie" in t for t in advies.beeindigd)


def test_validity_dates_decide_what_applies(seeded):
    rotterdam, wet = vind_gemeente("Rotterdam"), vind_wet("participatiewet")
    in_2020 = toezicht_voor(rotterdam, wet=wet, peildatum=date(2020, 6, 1))
    assert "Inspectie Sociale Zaken en Werkgelegenheid" in [r.naam for r in in_2020.regels]
    assert "Nederlandse Arbeidsinspectie" not in [r.naam for r in in_2020.regels]
    jeugd_2016 = toezicht_voor(rotterdam, wet=vind_wet("jeugdwet"), peildatum=date(2016, 6, 1))
    assert "Inspectie Jeugdzorg" in [r.naam for r in jeugd_2016.regels]
    assert "Inspectie Gezondheidszorg en Jeugd" not in [r.naam for r in jeugd_2016.regels]
    # The twelve municipalities chose the GGD on 2 July 2015, not with the 2025 framework.
    before = toezicht_voor(rotterdam, wet=vind_wet("wmo-2015"), peildatum=date(2015, 7, 1))
    assert GGD not in [r.naam for r in before.regels]
    since = toezicht_voor(rotterdam, wet=vind_wet("wmo-2015"), peildatum=date(2015, 7, 2))
    assert GGD in [r.naam for r in since.regels]


def test_a_remit_ended_yesterday_no_longer_answers(seeded):
    gebied = Toezichtsgebied.objects.get(slug="ggd-rotterdam-rijnmond-wmo-meldingen")
    gebied.geldig_tot = date(2026, 1, 1)
    gebied.save()
    advies = toezicht_voor(vind_gemeente("Rotterdam"), situatie=vind_situatie("calamiteit"), peildatum=date(2026, 1, 2))
    assert GGD not in [r.naam for r in advies.melden_bij]
    assert any(t.startswith(GGD) and "1 januari 2026" in t for t in advies.beeindigd)
    assert any("niet vastgelegd" in r.naam for r in advies.melden_bij)


@pytest.mark.parametrize(
    "value, slug",
    [
        ("vermoeden van fraude", "vermoeden-van-fraude"),
        ("ZORGEN OVER KWALITEIT", "zorgen-over-kwaliteit"),
        ("samenhang-in-het-stelsel", "samenhang-in-het-stelsel"),
        ("Geweld", "geweld"),
        ("klacht", "klacht"),
    ],
)
def test_situations_by_label_or_slug(seeded, value, slug):
    assert vind_situatie(value).slug == slug


def test_labels_ignore_case_and_accents(seeded):
    assert vind_wet("JEUGDWET").slug == "jeugdwet"
    assert vind_wet("Wet maatschappelijke ondersteuning 2015").slug == "wmo-2015"
    assert vind_wet("wet forensische zorg").slug == "wfz"
    assert vind_gemeente("sudwest fryslan").naam == "Súdwest-Fryslân"
    assert vind_gemeente("0599").naam == "Rotterdam"
    assert vind_voorziening("Logeerzorg") == Voorzieningsoort.objects.get(slug="logeerzorg")


@pytest.mark.parametrize(
    "variables, fragment",
    [
        ({"g": "Atlantis"}, "Onbekende gemeente 'Atlantis'"),
        ({"g": "GM9999"}, "Onbekende gemeente"),
        ({"g": ""}, "Kies een gemeente"),
        ({"g": "Rotterdam", "w": "wet op de ruimtevaart"}, "Toegestane waarden: "),
        ({"g": "Rotterdam", "v": "zwembad"}, "beschermd-wonen"),
        ({"g": "Rotterdam", "s": "brand"}, "vermoeden-van-fraude"),
        ({"g": "Rotterdam", "s": "x" * 500}, "te lang"),
    ],
)
def test_unknown_values_are_clear_dutch_graphql_errors(graphql, seeded, variables, fragment):
    data = graphql(QUERY, variables)
    assert data["data"] is None
    assert fragment in data["errors"][0]["message"]


def test_unknown_law_error_lists_the_accepted_values(seeded):
    with pytest.raises(OngeldigeKeuze) as exc:
        vind_wet("wmoo")
    assert "wmo-2015" in exc.value.toegestaan and "jeugdwet" in exc.value.bericht


def test_conflicting_remits_are_reported_not_resolved(seeded):
    ggd = Toezichtsgebied.objects.get(slug="ggd-rotterdam-rijnmond-wmo-kwaliteit")
    andere = Toezichtsgebied.objects.get(slug="ggd-rotterdam-rijnmond-wmo-kwaliteit-mo-bw")
    voorzieningen, situaties = list(andere.voorzieningsoorten.all()), list(andere.situaties.all())
    igj = ggd.toezichthouder.__class__.objects.get(slug="igj")
    andere.pk, andere.slug, andere.toezichthouder = None, "conflict", igj
    andere.save()
    andere.gemeenten.set(ggd.gemeenten.all())
    andere.voorzieningsoorten.set(voorzieningen)
    andere.situaties.set(situaties)
    advies = toezicht_voor(
        vind_gemeente("Rotterdam"),
        voorziening=vind_voorziening("beschermd-wonen"),
        situatie=vind_situatie("klacht"),
    )
    assert any(r.tegenstrijdig for r in advies.toezichthouders)
    assert advies.tegenstrijdig and "Tegenstrijdige gegevens" in advies.tegenstrijdig[0]
    assert advies.tegenstrijdig[0] in advies.onbekend


def test_list_queries(graphql, seeded):
    data = graphql(
        "{ toezichthouders { slug naam niveau actueel geldigTot opvolger { naam } } "
        "toezichtsgebieden(actueel: true) { slug wet aspect gemeenten } gemeenten { code } }"
    )["data"]
    by_slug = {t["slug"]: t for t in data["toezichthouders"]}
    assert by_slug["inspectie-szw"]["opvolger"]["naam"] == "Nederlandse Arbeidsinspectie"
    assert by_slug["inspectie-szw"]["actueel"] is False
    ended_2016 = {
        "inspectie-voor-de-gezondheidszorg",
        "inspectie-jeugdzorg",
        "inspectie-veiligheid-en-justitie",
        "inspectie-szw",
    }
    assert {s for s, t in by_slug.items() if t["geldigTot"]} == ended_2016
    assert by_slug["inspectie-van-het-onderwijs"]["actueel"] is True
    gebieden = {g["slug"]: g for g in data["toezichtsgebieden"]}
    assert "inspectie-szw-participatiewet" not in gebieden
    assert sorted(gebieden["ggd-rotterdam-rijnmond-wmo-kwaliteit-mo-bw"]["gemeenten"]) == ["GM1621", "GM1963"]
    assert len(gebieden["ggd-rotterdam-rijnmond-wmo-kwaliteit"]["gemeenten"]) == 12
    assert len(data["gemeenten"]) == 342


@pytest.mark.parametrize(
    "veld,value,slug",
    [
        ("wet", "wmo", "wmo-2015"),
        ("wet", "WMO", "wmo-2015"),
        ("voorziening", "huishouden", "ondersteuning-bij-het-huishouden"),
        ("voorziening", "dagbesteding", "sociale-en-arbeidsmatige-dagbesteding"),
    ],
)
def test_part_of_a_name_is_enough_when_it_fits_one(seeded, veld, value, slug):
    vind = {"wet": vind_wet, "voorziening": vind_voorziening}[veld]
    assert vind(value).slug == slug


def test_part_of_a_name_that_fits_several_names_them_all(seeded):
    with pytest.raises(OngeldigeKeuze) as exc:
        vind_voorziening("maatschappelijke opvang")
    assert "Kies er een" in exc.value.bericht
    assert [k.slug for k in exc.value.kandidaten] == [
        "maatschappelijke-opvang-algemene-voorziening",
        "maatschappelijke-opvang-maatwerkvoorziening",
    ]
