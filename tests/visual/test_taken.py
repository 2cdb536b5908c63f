"""A designated (or the municipality's own) Wmo supervisor does everything the law and the
frameworks give it, each task with the text that says it: art. 3.4 lid 1 and 2 and 6.1
Wmo 2015, and the working method of Toezichtsvormen 1.2 (Toezichtskader Rotterdam-Rijnmond
2025) marked as the editors' reading where it is not the supervisor's own framework."""

from datetime import date

import pytest

from kennisbank.models import Wet
from portal.models import Gemeente, User
from visual.models import Aanwijzing, Situatie, Toezichthouder
from visual.navigator import toezicht_voor

pytestmark = pytest.mark.django_db

TK = (
    "Toezicht Wmo GGD Rotterdam-Rijnmond, Toezichtskader Toezicht Wmo GGD Rotterdam-Rijnmond 2025 "
    "(Gemeenteblad Rotterdam, 2025)"
)
MELDING = ["ontvangen", "beoordelen", "onderzoeken", "opvolgen"]
EIGEN_MELDING_BRONNEN = {
    "ontvangen": (
        f"Wet maatschappelijke ondersteuning 2015, art. 3.4 lid 1, zoals aangehaald in {TK}, Toezichtsvormen 1.2; "
        'Move professionals, "Kwaliteit, veiligheid en toezicht in sociaal domein" (kennisoverzicht op '
        "moveprofessionals.nl, z.j.), onderdeel Melden calamiteiten Wmo"
    ),
    "beoordelen": (
        f"Redactie, op basis van {TK}, Toezichtsvormen 1.2 (de aanbieder legt een zelfonderzoek ter beoordeling "
        "voor aan de toezichthouder); de Wmo 2015 schrijft deze werkwijze niet voor"
    ),
    "onderzoeken": (
        'Wet maatschappelijke ondersteuning 2015, art. 3.4 lid 2 (gegevens "voor het onderzoeken van de melding"), '
        f"zoals aangehaald in {TK}, toetsingskader, onderdeel 2 Veiligheid"
    ),
    "opvolgen": (
        "Redactie, op basis van Wet maatschappelijke ondersteuning 2015, art. 6.1 lid 1 (toezicht op de naleving), "
        f"en {TK}, Toezichtsvormen 1.2 (opvolgingsonderzoek)"
    ),
}
EIGEN_KWALITEIT_BRONNEN = {
    "onderzoeken": (
        "Algemene wet bestuursrecht, art. 5:15 tot en met 5:20 (de bevoegdheden van een toezichthouder), "
        f"zoals beschreven in {TK}, paragraaf 3.2"
    ),
    "kwaliteit": (
        "Wet maatschappelijke ondersteuning 2015, art. 6.1 lid 1 en art. 3.1 (een voorziening van goede "
        f"kwaliteit), zoals aangehaald in {TK}, paragraaf 2.1"
    ),
}
GGD_MELDING_BRONNEN = {
    "ontvangen": (
        f"Wet maatschappelijke ondersteuning 2015, art. 3.4 lid 1, zoals aangehaald in {TK}, Toezichtsvormen 1.2 "
        "Toezicht op calamiteiten en geweldsincidenten"
    ),
    "beoordelen": f"{TK}, Toezichtsvormen 1.2 Toezicht op calamiteiten en geweldsincidenten, werkwijze",
    "onderzoeken": (
        f"{TK}, Toezichtsvormen 1.2 Toezicht op calamiteiten en geweldsincidenten, werkwijze, en art. 3.4 lid 2 "
        "Wmo 2015, zoals aangehaald in het toetsingskader, onderdeel 2 Veiligheid"
    ),
    "opvolgen": f"{TK}, Toezichtsvormen 1.2 Toezicht op calamiteiten en geweldsincidenten, opvolging",
}


def _aanwijzing(gemeente, toezichthouder):
    return Aanwijzing.objects.create(
        gemeente=gemeente,
        toezichthouder=toezichthouder,
        besluit_datum=date(2024, 3, 1),
        besluit_url="https://zoek.officielebekendmakingen.nl/gmb-2024-1.html",
        status=Aanwijzing.Status.GOEDGEKEURD,
        ingediend_door=User.objects.create_user("wmo@gemeente.example", "x-wachtwoord-1"),
    )


def _regels(advies):
    return [(r.naam, r.aspect, r.taken, r.taakbronnen, r.aanwijzing is not None) for r in advies.toezichthouders]


def test_the_municipalitys_own_supervisor_assesses_and_follows_up_a_report(seeded):
    ede = Gemeente.objects.get(naam="Ede")
    advies = toezicht_voor(ede, wet=Wet.objects.get(slug="wmo-2015"), situatie=Situatie.objects.get(slug="calamiteit"))
    eigen = "Toezichthoudend ambtenaar Wmo van de gemeente (Ede): niet vastgelegd voor deze gemeente"
    assert [(r.naam, r.taken, r.taakbronnen) for r in advies.melden_bij] == [(eigen, MELDING, EIGEN_MELDING_BRONNEN)]
    assert [str(a) for a in advies.melden_bij[0].grondslag] == [
        "art. 3.4 lid 1 Wmo 2015",
        "art. 3.4 lid 2 Wmo 2015",
        "art. 6.1 lid 1 Wmo 2015",
    ]


def test_a_designated_supervisor_takes_on_the_tasks_of_the_law_with_their_sources(seeded):
    ede = Gemeente.objects.get(naam="Ede")
    ggd = Toezichthouder.objects.create(
        slug="ggd-gelderland-midden", naam="GGD Gelderland-Midden", niveau="regionaal", soort="regionaal"
    )
    _aanwijzing(ede, ggd)
    advies = toezicht_voor(ede, wet=Wet.objects.get(slug="wmo-2015"))
    aangewezen = [r for r in _regels(advies) if r[-1]]
    assert aangewezen == [
        ("GGD Gelderland-Midden", "calamiteitenmeldingen", MELDING, EIGEN_MELDING_BRONNEN, True),
        ("GGD Gelderland-Midden", "kwaliteit", ["onderzoeken", "kwaliteit"], EIGEN_KWALITEIT_BRONNEN, True),
    ]
    # The designation covers everything: the "niet vastgelegd" general rule is gone.
    assert not [r for r in advies.toezichthouders if r.terugval]
    assert [r.naam for r in advies.melden_bij] == ["GGD Gelderland-Midden"]


def test_a_designated_supervisor_with_its_own_framework_works_by_that_framework(seeded):
    ede = Gemeente.objects.get(naam="Ede")
    _aanwijzing(ede, Toezichthouder.objects.get(slug="toezicht-wmo-ggd-rotterdam-rijnmond"))
    wmo = Wet.objects.get(slug="wmo-2015")
    advies = toezicht_voor(ede, wet=wmo, situatie=Situatie.objects.get(slug="geweld"))
    assert [(r.naam, r.taken, r.taakbronnen) for r in advies.melden_bij] == [
        ("Toezicht Wmo GGD Rotterdam-Rijnmond", MELDING, GGD_MELDING_BRONNEN)
    ]
    signaal = toezicht_voor(ede, wet=wmo, situatie=Situatie.objects.get(slug="zorgen-over-kwaliteit"))
    assert [(r.naam, r.taken) for r in signaal.toezichthouders if r.aanwijzing] == [
        ("Toezicht Wmo GGD Rotterdam-Rijnmond", ["ontvangen", "onderzoeken", "opvolgen"])
    ]


def test_each_task_is_shown_with_its_source(client, graphql, seeded):
    html = client.get("/wie-houdt-toezicht/?gemeente=Ede&wet=wmo-2015&situatie=calamiteit").content.decode()
    for taak, label in (
        ("ontvangen", "Ontvangt de melding of het signaal"),
        ("beoordelen", "Beoordeelt het zelfonderzoek van de aanbieder"),
        ("onderzoeken", "Onderzoekt"),
        ("opvolgen", "Volgt op"),
    ):
        bron = EIGEN_MELDING_BRONNEN[taak].replace('"', "&quot;")
        assert f"<li data-taakbron>{label}: {bron}</li>" in html
    data = graphql(
        '{ wieHoudtToezicht(gemeente: "Ede", wet: "wmo-2015", situatie: "calamiteit") '
        "{ toezichthouders { takenMetBron { taak omschrijving bron } } } }"
    )["data"]["wieHoudtToezicht"]["toezichthouders"]
    assert data == [
        {
            "takenMetBron": [
                {"taak": t, "omschrijving": o, "bron": EIGEN_MELDING_BRONNEN[t]}
                for t, o in zip(
                    MELDING,
                    [
                        "ontvangt de melding of het signaal",
                        "beoordeelt het zelfonderzoek van de aanbieder",
                        "onderzoekt",
                        "volgt op",
                    ],
                    strict=True,
                )
            ]
        },
        {"takenMetBron": []},
    ]
    detail = client.get("/wie-houdt-toezicht/toezichthouders/toezichthouder-wmo-van-de-gemeente/").content.decode()
    assert f"<li data-taakbron>Houdt toezicht op de kwaliteit: {EIGEN_KWALITEIT_BRONNEN['kwaliteit']}</li>" in detail
