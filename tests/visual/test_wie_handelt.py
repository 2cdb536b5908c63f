"""The answer names the supervisor who acts, with what they do, in the order they act,
and "Melden bij" beside it: for every kind of municipality x law x kind of voorziening x
situation. The expectations are the rules of the sources written out (Toezichtskader
Rotterdam-Rijnmond 2025, 2.2, 2.5 and Toezichtsvormen 1.2 and 1.3; the Move professionals
overview; Jeugdwet art. 4.1.8), not a copy of the navigator's code."""

import itertools

import pytest

from kennisbank.models import Voorzieningsoort, Wet
from portal.models import Gemeente
from visual.keuzes import OngeldigeKeuze, vind_situatie, vind_voorziening
from visual.models import Situatie, Toezichthouder, Toezichtsgebied
from visual.navigator import beantwoord, toezicht_voor

pytestmark = pytest.mark.django_db

GGD = "Toezicht Wmo GGD Rotterdam-Rijnmond"
IGJ = "Inspectie Gezondheidszorg en Jeugd"
JENV = "Inspectie Justitie en Veiligheid"
TSD = "Toezicht Sociaal Domein"

# The kinds of municipality of seed 004, 2.2, each with one example.
SOORTEN = {"regio": "Schiedam", "mo-bw": "Hoeksche Waard", "elders": "Ede"}
WETTEN = [None, "wmo-2015", "jeugdwet", "participatiewet", "wet-passend-onderwijs", "zvw", "wlz", "wfz", "woo"]
VOORZIENINGEN = [None, "beschermd-wonen", "ondersteuning-bij-het-huishouden"]
SITUATIES = [
    None,
    "calamiteit",
    "geweld",
    "klacht",
    "zorgen-over-kwaliteit",
    "vermoeden-van-fraude",
    "samenhang-in-het-stelsel",
]
MO_BW = {
    "beschermd-wonen",
    "maatschappelijke-opvang-algemene-voorziening",
    "maatschappelijke-opvang-maatwerkvoorziening",
}

# Who acts first: the report is received, assessed, investigated and followed up; then
# ongoing supervision; then system supervision, independent investigation and support.
VOLGORDE = [
    "ontvangen",
    "beoordelen",
    "onderzoeken",
    "opvolgen",
    "kwaliteit",
    "rechtmatigheid",
    "stelsel",
    "onafhankelijk-onderzoek",
    "ondersteunen",
]
NIVEAUS = ["lokaal", "regionaal", "rijk"]
MELDING = ("ontvangen", "beoordelen", "onderzoeken", "opvolgen")


def verwacht(soort, gemeente, wet, voorziening, situatie):
    """[(naam, niveau, taken, meldpunt, vastgelegd)] as the sources say, unordered."""
    if voorziening and wet is None:
        wet = "wmo-2015"
    if voorziening and wet != "wmo-2015":
        voorziening = None

    def bij(*situaties):
        return situatie is None or situatie in situaties

    def wet_is(*slugs):
        return wet is None or wet in slugs

    regels = []
    eigen = f"Toezichthoudend ambtenaar Wmo van de gemeente ({gemeente}): niet vastgelegd voor deze gemeente"
    if wet_is("wmo-2015"):
        # 2.2: all of the Wmo in the twelve, only opvang and beschermd wonen in the two.
        ggd = soort == "regio" or (soort == "mo-bw" and (voorziening is None or voorziening in MO_BW))
        volledig = soort == "regio" or (soort == "mo-bw" and voorziening in MO_BW)
        if ggd and bij("klacht"):
            regels.append((GGD, "regionaal", ("kwaliteit",), False, True))
        if ggd and bij("zorgen-over-kwaliteit"):
            regels.append((GGD, "regionaal", ("ontvangen", "onderzoeken", "opvolgen"), False, True))
        if ggd and bij("calamiteit", "geweld"):
            regels.append((GGD, "regionaal", MELDING, True, True))
        # Where the GGD does not cover everything asked, the municipality's own supervisor
        # (art. 6.1 Wmo 2015) is named as not recorded.
        if not volledig and bij("klacht", "zorgen-over-kwaliteit"):
            regels.append((eigen, "lokaal", ("onderzoeken", "kwaliteit"), False, False))
        if not volledig and bij("calamiteit", "geweld"):
            regels.append((eigen, "lokaal", MELDING, True, False))
        if bij("vermoeden-van-fraude"):
            regels.append(
                (f"Gemeente, toezicht op rechtmatigheid ({gemeente})", "lokaal", ("rechtmatigheid",), False, True)
            )
        if bij("calamiteit", "geweld", "samenhang-in-het-stelsel"):
            regels.append((IGJ, "rijk", ("ondersteunen",), False, True))
        if bij("samenhang-in-het-stelsel"):
            regels.append((TSD, "rijk", ("stelsel",), False, True))
    if wet_is("jeugdwet") and not voorziening:
        if bij("calamiteit", "geweld"):
            regels.append((IGJ, "rijk", ("ontvangen",), True, True))
        if bij("zorgen-over-kwaliteit", "klacht", "calamiteit", "geweld"):
            regels.append((IGJ, "rijk", ("kwaliteit",), False, True))
        if bij("zorgen-over-kwaliteit"):
            regels.append((JENV, "rijk", ("kwaliteit",), False, True))
        if bij("samenhang-in-het-stelsel"):
            regels.append((TSD, "rijk", ("stelsel",), False, True))
    for slug, inspecties in (
        ("participatiewet", ["Nederlandse Arbeidsinspectie"]),
        ("wet-passend-onderwijs", ["Inspectie van het Onderwijs"]),
        ("zvw", [IGJ]),
        ("wlz", [IGJ]),
        ("wfz", [IGJ, JENV]),
    ):
        if wet_is(slug) and not voorziening:
            for naam in inspecties:
                if bij("zorgen-over-kwaliteit"):
                    regels.append((naam, "rijk", ("kwaliteit",), False, True))
            if slug in ("participatiewet", "wet-passend-onderwijs") and bij("samenhang-in-het-stelsel"):
                regels.append((TSD, "rijk", ("stelsel",), False, True))
    # 2.5: the investigating bodies answer for any law.
    if situatie is None:
        regels.append((f"Rekenkamer van de gemeente ({gemeente})", "lokaal", ("onafhankelijk-onderzoek",), False, True))
    if bij("klacht"):
        regels.append(("Ombudsman", "rijk", ("onafhankelijk-onderzoek",), False, True))
    return regels


def volgorde(regel):
    naam, niveau, taken, meldpunt, vastgelegd = regel
    return (min(VOLGORDE.index(t) for t in taken), NIVEAUS.index(niveau), not vastgelegd, naam, not meldpunt)


COMBINATIES = list(itertools.product(SOORTEN, WETTEN, VOORZIENINGEN, SITUATIES))


@pytest.mark.parametrize("soort, wet, voorziening, situatie", COMBINATIES)
def test_who_acts_in_every_combination(seeded, soort, wet, voorziening, situatie):
    gemeente = Gemeente.objects.get(naam=SOORTEN[soort])
    advies = toezicht_voor(
        gemeente,
        wet=Wet.objects.get(slug=wet) if wet else None,
        voorziening=Voorzieningsoort.objects.get(slug=voorziening) if voorziening else None,
        situatie=Situatie.objects.get(slug=situatie) if situatie else None,
    )
    verwachting = sorted(verwacht(soort, gemeente.naam, wet, voorziening, situatie), key=volgorde)
    gekregen = [(r.naam, r.niveau, tuple(r.taken), r.is_meldpunt, not r.terugval) for r in advies.toezichthouders]
    assert gekregen == verwachting
    # "Melden bij" beside it: exactly the report desks among those who act.
    assert [r.naam for r in advies.melden_bij] == [naam for naam, _n, _t, meldpunt, _v in verwachting if meldpunt]


def test_the_answer_reads_what_each_supervisor_does(client, seeded):
    html = client.get("/wie-houdt-toezicht/?gemeente=Rotterdam&wet=wmo-2015&situatie=calamiteit").content.decode()
    eerst, daarna = html.index(GGD), html.index(IGJ)
    assert eerst < daarna
    assert (
        "Ontvangt de melding of het signaal, beoordeelt het zelfonderzoek van de aanbieder, onderzoekt en volgt op"
        in html
    )
    assert "<dd data-taken>Ondersteunt</dd>" in html
    assert "Melden bij" in html


def test_graphql_gives_the_tasks_in_order(graphql, seeded):
    data = graphql(
        '{ wieHoudtToezicht(gemeente: "GM0599", wet: "jeugdwet", situatie: "geweld") '
        "{ toezichthouders { naam taken watDoet meldpunt } meldenBij { naam termijn } } }"
    )["data"]["wieHoudtToezicht"]
    assert data["toezichthouders"] == [
        {"naam": IGJ, "taken": ["ontvangen"], "watDoet": "Ontvangt de melding of het signaal", "meldpunt": True},
        {"naam": IGJ, "taken": ["kwaliteit"], "watDoet": "Houdt toezicht op de kwaliteit", "meldpunt": False},
    ]
    assert data["meldenBij"] == [{"naam": IGJ, "termijn": "Onverwijld (art. 4.1.8 lid 1 Jeugdwet)"}]


# --- a complaint and a signal are two things ---------------------------------------------
def test_a_complaint_goes_to_the_providers_complaints_procedure_first(client, graphql, seeded):
    advies = toezicht_voor(
        Gemeente.objects.get(naam="Rotterdam"), wet=Wet.objects.get(slug="wmo-2015"), situatie=vind_situatie("klacht")
    )
    assert "klachtenregeling van de aanbieder" in advies.eerste_stap
    assert "norm 1.2.3" in advies.situatie.eerste_stap_bron
    assert [(r.naam, r.taken) for r in advies.toezichthouders] == [
        (GGD, ["kwaliteit"]),
        ("Ombudsman", ["onafhankelijk-onderzoek"]),
    ]
    html = client.get("/wie-houdt-toezicht/?gemeente=Rotterdam&situatie=klacht").content.decode()
    assert html.index("klachtenregeling van de aanbieder") < html.index("Toezichthouders, in de volgorde")
    eerst = graphql('{ wieHoudtToezicht(gemeente: "Rotterdam", situatie: "klacht") { eerst } }')["data"]
    assert "norm 1.2.3" in eerst["wieHoudtToezicht"]["eerst"]


def test_a_signal_leads_to_signal_driven_supervision(seeded):
    signaal = vind_situatie("signaal")
    assert signaal.slug == "zorgen-over-kwaliteit"
    assert vind_situatie("klacht").slug == "klacht"
    rotterdam, wmo = Gemeente.objects.get(naam="Rotterdam"), Wet.objects.get(slug="wmo-2015")
    advies = toezicht_voor(rotterdam, wet=wmo, situatie=signaal)
    assert [(r.naam, r.taken) for r in advies.toezichthouders] == [(GGD, ["ontvangen", "onderzoeken", "opvolgen"])]
    assert "1.3" in advies.toezichthouders[0].bron
    assert advies.eerste_stap == ""


# --- a choice that fits several values ---------------------------------------------------
def test_a_choice_that_fits_several_values_is_answered_when_they_agree(client, graphql, seeded):
    html = client.get("/wie-houdt-toezicht/?gemeente=Lansingerland&voorziening=opvang&situatie=geweld")
    assert html.status_code == 200
    tekst = html.content.decode()
    assert "Maatschappelijke opvang: algemene voorziening en Maatschappelijke opvang: maatwerkvoorziening" in tekst
    data = graphql(
        '{ wieHoudtToezicht(gemeente: "Lansingerland", voorziening: "opvang", situatie: "geweld") '
        "{ meldenBij { naam } samengevoegd } }"
    )["data"]["wieHoudtToezicht"]
    assert data["meldenBij"] == [{"naam": GGD}]
    assert len(data["samengevoegd"]) == 1 and "'opvang' past bij" in data["samengevoegd"][0]


def test_a_choice_that_fits_several_values_asks_when_they_differ(client, graphql, seeded):
    # One municipality whose GGD covers only the algemene voorziening of opvang.
    gebied = Toezichtsgebied.objects.create(
        slug="alleen-algemene-opvang",
        toezichthouder=Toezichthouder.objects.get(slug="toezicht-wmo-ggd-rotterdam-rijnmond"),
        wet=Wet.objects.get(slug="wmo-2015"),
        aspect=Toezichtsgebied.Aspect.CALAMITEITENMELDINGEN,
        rol="Ontvangt meldingen over de algemene voorziening van maatschappelijke opvang.",
        taken=["ontvangen"],
        alle_voorzieningen=False,
        dekking=Toezichtsgebied.Dekking.LIJST,
        uitsluitend=True,
        bron="Testgegevens",
    )
    gebied.voorzieningsoorten.set([Voorzieningsoort.objects.get(slug="maatschappelijke-opvang-algemene-voorziening")])
    gebied.gemeenten.set([Gemeente.objects.get(naam="Ede")])
    gebied.situaties.set([Situatie.objects.get(slug="geweld")])
    response = client.get("/wie-houdt-toezicht/?gemeente=Ede&voorziening=opvang&situatie=geweld")
    assert response.status_code == 400
    assert "Het antwoord verschilt per waarde" in response.content.decode()
    data = graphql('{ wieHoudtToezicht(gemeente: "Ede", voorziening: "opvang", situatie: "geweld") { onbekend } }')
    assert data["data"] is None and "Kies er een" in data["errors"][0]["message"]
    with pytest.raises(OngeldigeKeuze):
        vind_voorziening("opvang")
    assert beantwoord(
        Gemeente.objects.get(naam="Ede"), {"voorziening": vind_voorziening("beschermd wonen")}
    ).voorziening.slug == ("beschermd-wonen")
