"""The answer names the supervisor who acts, with what they do, in the order they act,
and "Melden bij" beside it: for every kind of municipality x law x kind of voorziening x
situation, today and on a date in 2015 and in 2016. The expectations are the rules of the
sources written out (Toezichtskader Rotterdam-Rijnmond 2025, 2.2, 2.5 and Toezichtsvormen
1.2 and 1.3; the Move professionals overview; Jeugdwet art. 4.1.8; the inspectorates of the
Jaarbeeld 2016 with their dates), not a copy of the navigator's code; the order is checked
on concrete answers written out in full."""

import itertools
from datetime import date

import pytest

from kennisbank.models import Voorzieningsoort, Wet
from portal.models import Gemeente
from visual.keuzes import OngeldigeKeuze, vind_situatie, vind_voorziening
from visual.models import Situatie, Toezichthouder, Toezichtsgebied
from visual.navigator import beantwoord, toezicht_voor

pytestmark = pytest.mark.django_db

GGD = "Toezicht Wmo GGD Rotterdam-Rijnmond"
IGJ = "Inspectie Gezondheidszorg en Jeugd"
IGZ = "Inspectie voor de Gezondheidszorg"
IJZ = "Inspectie Jeugdzorg"
JENV = "Inspectie Justitie en Veiligheid"
VENJ = "Inspectie Veiligheid en Justitie"
NLA = "Nederlandse Arbeidsinspectie"
SZW = "Inspectie Sociale Zaken en Werkgelegenheid"
ONDERWIJS = "Inspectie van het Onderwijs"
TSD = "Toezicht Sociaal Domein"

# The kinds of municipality of seed 004, 2.2, each with one example: one of the twelve; the
# two covered for maatschappelijke opvang and beschermd wonen only, Lansingerland inside
# the GGD Rotterdam-Rijnmond region and Hoeksche Waard outside it; elsewhere.
SOORTEN = {"regio": "Schiedam", "mo-bw-in-de-regio": "Lansingerland", "mo-bw": "Hoeksche Waard", "elders": "Ede"}
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
# Before the GGD's arrangement (2 July 2015), in the first year of TSD/STJ, and today.
PEILDATA = [date(2015, 3, 1), date(2016, 6, 1), None]
MO_BW = {
    "beschermd-wonen",
    "maatschappelijke-opvang-algemene-voorziening",
    "maatschappelijke-opvang-maatwerkvoorziening",
}
MELDING = ("ontvangen", "beoordelen", "onderzoeken", "opvolgen")


def verwacht(soort, gemeente, wet, voorziening, situatie, peildatum):
    """[(naam, niveau, taken, meldpunt, vastgelegd)] as the sources say, unordered."""
    dag = peildatum or date.today()
    if voorziening and wet is None:
        wet = "wmo-2015"
    if voorziening and wet != "wmo-2015":
        voorziening = None

    def bij(*situaties):
        return situatie is None or situatie in situaties

    def wet_is(*slugs):
        return wet is None or wet in slugs

    # The inspectorates of the day: IGZ and Inspectie Jeugdzorg until 30 September 2017, then
    # the IGJ; Inspectie VenJ until 25 October 2017; Inspectie SZW until 2021; TSD from 2016.
    igj = dag >= date(2017, 10, 1)
    zorg = [IGJ] if igj else [IGZ]
    jeugd = [IGJ] if igj else [IJZ, IGZ]
    justitie = JENV if dag >= date(2017, 10, 26) else VENJ
    arbeid = NLA if dag >= date(2022, 1, 1) else SZW
    tsd = dag >= date(2016, 1, 1)

    regels = []
    eigen = f"Toezichthoudend ambtenaar Wmo van de gemeente ({gemeente}): niet vastgelegd voor deze gemeente"
    if wet_is("wmo-2015"):
        # 2.2: all of the Wmo in the twelve from 2 July 2015; only opvang and beschermd wonen
        # in the two, from the framework of 2025 (the first source that vouches for it).
        twaalf = soort == "regio" and dag >= date(2015, 7, 2)
        twee = soort in ("mo-bw", "mo-bw-in-de-regio") and dag >= date(2025, 10, 29)
        ggd = twaalf or (twee and (voorziening is None or voorziening in MO_BW))
        volledig = twaalf or (twee and voorziening in MO_BW)
        if ggd and bij("klacht"):
            regels.append((GGD, "regionaal", ("kwaliteit",), False, True))
        if ggd and bij("zorgen-over-kwaliteit"):
            regels.append((GGD, "regionaal", ("ontvangen", "onderzoeken", "opvolgen"), False, True))
        if ggd and bij("calamiteit", "geweld"):
            regels.append((GGD, "regionaal", MELDING, True, True))
        # Where the GGD does not cover everything asked, the municipality's own supervisor
        # (art. 6.1 Wmo 2015) is named as not recorded, with the tasks the law gives it.
        if not volledig and bij("klacht", "zorgen-over-kwaliteit"):
            regels.append((eigen, "lokaal", ("onderzoeken", "kwaliteit"), False, False))
        if not volledig and bij("calamiteit", "geweld"):
            regels.append((eigen, "lokaal", MELDING, True, False))
        if bij("vermoeden-van-fraude"):
            regels.append(
                (f"Gemeente, toezicht op rechtmatigheid ({gemeente})", "lokaal", ("rechtmatigheid",), False, True)
            )
        if bij("calamiteit", "geweld", "samenhang-in-het-stelsel"):
            regels += [(naam, "rijk", ("ondersteunen",), False, True) for naam in zorg]
        if tsd and bij("samenhang-in-het-stelsel"):
            regels.append((TSD, "rijk", ("stelsel",), False, True))
    if wet_is("jeugdwet") and not voorziening:
        if bij("calamiteit", "geweld"):
            regels.append((IGJ if igj else IJZ, "rijk", ("ontvangen",), True, True))
        if bij("zorgen-over-kwaliteit", "klacht", "calamiteit", "geweld"):
            regels += [(naam, "rijk", ("kwaliteit",), False, True) for naam in jeugd]
        if bij("zorgen-over-kwaliteit"):
            regels.append((justitie, "rijk", ("kwaliteit",), False, True))
        if tsd and bij("samenhang-in-het-stelsel"):
            regels.append((TSD, "rijk", ("stelsel",), False, True))
    for slug, inspecties in (
        ("participatiewet", [arbeid]),
        ("wet-passend-onderwijs", [ONDERWIJS]),
        ("zvw", zorg),
        ("wlz", zorg),
        ("wfz", [IGJ, JENV] if dag >= date(2019, 1, 1) else []),
    ):
        if wet_is(slug) and not voorziening:
            for naam in inspecties:
                if bij("zorgen-over-kwaliteit"):
                    regels.append((naam, "rijk", ("kwaliteit",), False, True))
            if tsd and slug in ("participatiewet", "wet-passend-onderwijs") and bij("samenhang-in-het-stelsel"):
                regels.append((TSD, "rijk", ("stelsel",), False, True))
    # 2.5: the investigating bodies answer for any law.
    if situatie is None:
        regels.append((f"Rekenkamer van de gemeente ({gemeente})", "lokaal", ("onafhankelijk-onderzoek",), False, True))
    if bij("klacht"):
        regels.append(("Ombudsman", "rijk", ("onafhankelijk-onderzoek",), False, True))
    return regels


COMBINATIES = [
    *itertools.product(SOORTEN, WETTEN, VOORZIENINGEN, SITUATIES, [None]),
    # On the dates of 2015 and 2016 the kinds of voorziening add nothing new to the rules.
    *itertools.product(SOORTEN, WETTEN, [None, "beschermd-wonen"], SITUATIES, PEILDATA[:2]),
]


def _advies(gemeente, wet=None, voorziening=None, situatie=None, peildatum=None):
    return toezicht_voor(
        Gemeente.objects.get(naam=gemeente),
        wet=Wet.objects.get(slug=wet) if wet else None,
        voorziening=Voorzieningsoort.objects.get(slug=voorziening) if voorziening else None,
        situatie=Situatie.objects.get(slug=situatie) if situatie else None,
        peildatum=peildatum,
    )


@pytest.mark.parametrize("soort, wet, voorziening, situatie, peildatum", COMBINATIES)
def test_who_acts_in_every_combination(seeded, soort, wet, voorziening, situatie, peildatum):
    advies = _advies(SOORTEN[soort], wet, voorziening, situatie, peildatum)
    verwachting = verwacht(soort, SOORTEN[soort], wet, voorziening, situatie, peildatum)
    gekregen = [(r.naam, r.niveau, tuple(r.taken), r.is_meldpunt, not r.terugval) for r in advies.toezichthouders]
    assert sorted(gekregen) == sorted(verwachting)
    # "Melden bij" beside it: exactly the report desks among those who act, in their order.
    assert [r.naam for r in advies.melden_bij] == [r.naam for r in advies.toezichthouders if r.is_meldpunt]
    assert sorted(r.naam for r in advies.melden_bij) == sorted(n for n, _n, _t, meldpunt, _v in verwachting if meldpunt)


@pytest.mark.parametrize(
    "keuze, volgorde",
    [
        # The report desk receives, assesses, investigates and follows up; the IGJ supports.
        (
            {"gemeente": "Rotterdam", "wet": "wmo-2015", "situatie": "calamiteit"},
            [(GGD, MELDING), (IGJ, ("ondersteunen",))],
        ),
        # Elsewhere the municipality's own supervisor acts first, then ongoing supervision,
        # legality, system supervision, the independent investigators and support last.
        (
            {"gemeente": "Ede", "wet": "wmo-2015"},
            [
                ("Toezichthoudend ambtenaar Wmo van de gemeente (Ede): niet vastgelegd voor deze gemeente", MELDING),
                (
                    "Toezichthoudend ambtenaar Wmo van de gemeente (Ede): niet vastgelegd voor deze gemeente",
                    ("onderzoeken", "kwaliteit"),
                ),
                ("Gemeente, toezicht op rechtmatigheid (Ede)", ("rechtmatigheid",)),
                (TSD, ("stelsel",)),
                ("Rekenkamer van de gemeente (Ede)", ("onafhankelijk-onderzoek",)),
                ("Ombudsman", ("onafhankelijk-onderzoek",)),
                (IGJ, ("ondersteunen",)),
            ],
        ),
        # Lansingerland: the GGD for opvang and beschermd wonen only, so the municipality's
        # own supervisor (lokaal) comes before the GGD (regionaal) where both receive.
        (
            {"gemeente": "Lansingerland", "wet": "wmo-2015", "situatie": "geweld"},
            [
                (
                    "Toezichthoudend ambtenaar Wmo van de gemeente (Lansingerland): niet vastgelegd voor deze gemeente",
                    MELDING,
                ),
                (GGD, MELDING),
                (IGJ, ("ondersteunen",)),
            ],
        ),
        # In 2016: the Inspectie Jeugdzorg receives, then the two inspectorates of jeugdhulp.
        (
            {"gemeente": "Utrecht", "wet": "jeugdwet", "situatie": "geweld", "peildatum": date(2016, 6, 1)},
            [(IJZ, ("ontvangen",)), (IJZ, ("kwaliteit",)), (IGZ, ("kwaliteit",))],
        ),
        # Before 2 July 2015 Schiedam's own supervisor, not yet the GGD, receives the report.
        (
            {"gemeente": "Schiedam", "wet": "wmo-2015", "situatie": "calamiteit", "peildatum": date(2015, 3, 1)},
            [
                (
                    "Toezichthoudend ambtenaar Wmo van de gemeente (Schiedam): niet vastgelegd voor deze gemeente",
                    MELDING,
                ),
                (IGZ, ("ondersteunen",)),
            ],
        ),
    ],
)
def test_the_order_in_which_they_act(seeded, keuze, volgorde):
    keuze = dict(keuze)
    advies = _advies(keuze.pop("gemeente"), **keuze)
    assert [(r.naam, tuple(r.taken)) for r in advies.toezichthouders] == volgorde


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
