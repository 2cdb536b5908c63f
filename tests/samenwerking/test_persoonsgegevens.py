"""The personal-data check: what it flags and, as carefully, what it leaves alone."""

from datetime import date

import pytest

from samenwerking.persoonsgegevens import SOORTEN, Signaal, controleer

PEILDATUM = date(2026, 12, 1)
BEKEND = ("Jan de Vries", "Fatima El Amrani", "Noor Bakker")


def gevonden(tekst, bekende_namen=BEKEND):
    return [(s.soort, s.fragment) for s in controleer(tekst, bekende_namen, peildatum=PEILDATUM)]


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("Jan de Vries belde de GGD.", [("naam_bekend", "Jan de Vries")]),
        ("JAN DE VRIES belde.", [("naam_bekend", "JAN DE VRIES")]),
        ("Volgens De Vries was het druk.", [("naam_bekend", "De Vries")]),
        ("Volgens de Vries was het druk.", [("naam_bekend", "de Vries")]),
        ("Het gesprek met Fatima duurde lang.", [("naam_bekend", "Fatima")]),
        ("Mevrouw El Amrani gaf aan dat", [("naam_bekend", "Mevrouw El Amrani")]),
        ("Amrani was er niet.", [("naam_bekend", "Amrani")]),
        ("Noor  Bakker (contactpersoon)", [("naam_bekend", "Noor  Bakker")]),
        ("Bakker en Jan de Vries", [("naam_bekend", "Bakker"), ("naam_bekend", "Jan de Vries")]),
        ("J. de Vries tekende.", [("naam_bekend", "J. de Vries")]),
    ],
)
def test_bekende_namen(tekst, verwacht):
    assert gevonden(tekst) == verwacht


@pytest.mark.parametrize(
    "tekst",
    [
        "De bakker leverde brood.",
        "Het is noordelijk gelegen.",
        "Janneke is een plaatsnaam hier niet.",
        "Zij is van de vries-cel.",
        "De Vriesland-regeling",
        "Jan. 2024 was koud.",
    ],
)
def test_bekende_namen_niet_in_gewone_woorden(tekst):
    assert gevonden(tekst, ("Jan de Vries", "Noor Bakker")) == []


def test_een_bekende_achternaam_in_sorteervolgorde():
    """A register writes "West-Francië, van"; the particle alone is no name."""
    bekend = ("Nora West-Francië, van",)
    assert gevonden("Maak bij het afschalen van ondersteuning afspraken.", bekend) == []
    assert gevonden("Nora van West-Francië belde.", bekend) == [("naam_bekend", "Nora van West-Francië")]
    assert gevonden("Volgens Van West-Francië was het druk.", bekend) == [("naam_bekend", "Van West-Francië")]


def test_zonder_bekende_namen_blijft_een_losse_achternaam_onbesproken():
    assert gevonden("Volgens De Vries was het druk.", ()) == []


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("Het gesprek met mevrouw Jansen verliep goed.", [("naam", "mevrouw Jansen")]),
        ("Dhr. De Wit was aanwezig.", [("naam", "Dhr. De Wit")]),
        ("dhr Pietersen belde", [("naam", "dhr Pietersen")]),
        ("Met de heer Van den Berg is gesproken.", [("naam", "de heer Van den Berg")]),
        ("mw. A. Bakker en mevr. Smit", [("naam", "mw. A. Bakker"), ("naam", "mevr. Smit")]),
        ("Gesproken met dr. Hendriks-van Dijk.", [("naam", "dr. Hendriks-van Dijk")]),
        ("mevrouw Anna de Groot", [("naam", "mevrouw Anna de Groot")]),
        ("mevrouw Özdemir en dhr. D'Souza", [("naam", "mevrouw Özdemir"), ("naam", "dhr. D'Souza")]),
        ("De familie Yılmaz verhuisde.", [("naam", "familie Yılmaz")]),
        ("Het rapport is getekend door J.P. de Groot.", [("naam", "J.P. de Groot")]),
        ("Gisteren belde J. Pietersen.", [("naam", "J. Pietersen")]),
        ("J. Jansen belde.", [("naam", "J. Jansen")]),
        ("A. van Leeuwen is de contactpersoon.", [("naam", "A. van Leeuwen")]),
        ("Mark Rutte opende het gebouw.", [("naam", "Mark Rutte")]),
        ("Daarna sprak Piet Jansen-de Boer met de wijkcoach.", [("naam", "Piet Jansen-de Boer")]),
        ("Volgens Fenna van 't Hof ging het mis.", [("naam", "Fenna van 't Hof")]),
        ("Mohammed El Idrissi woont daar.", [("naam", "Mohammed El Idrissi")]),
        ("dhr. Jansen Toezicht Wmo was er", [("naam", "dhr. Jansen")]),
    ],
)
def test_namen(tekst, verwacht):
    assert gevonden(tekst, ()) == verwacht


@pytest.mark.parametrize(
    "tekst",
    [
        "De Gemeente Rotterdam stuurde een brief.",
        "Toezicht Wmo GGD Rotterdam-Rijnmond onderzocht de zaak.",
        "Op maandag 12 januari kwam het team.",
        "Veilig Thuis werd ingeschakeld volgens de Meldcode.",
        "Stichting Anna Zorg is de aanbieder.",
        "De wethouder Zorg en Welzijn is geïnformeerd.",
        "mevrouw X vertelde dat zij viel.",
        "Het gaat om cliënt B. Hij woonde alleen.",
        "Cliënt A. Ouders gaven aan dat het goed ging.",
        "A. Inleiding\nB. Bevindingen",
        "Zie bijlage B. Daarna volgt de reactie.",
        "In fase C. Uitvoering start het veldwerk.",
        "N.B. De cliënt was op de hoogte.",
        "Dhr. Maandag is geen naam die we raden.",
        "Volgens Jansen ging het goed.",
        "Roos leverde dagbesteding.",
        "mevrouw vertelde dat Ben het wist",
        "Rotterdam, Schiedam en Vlaardingen",
        "De IGJ en de GGD werkten samen.",
    ],
)
def test_geen_namen(tekst):
    assert gevonden(tekst, ()) == []


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("BSN 123456782", [("bsn", "123456782")]),
        ("bsn: 1234.56.782.", [("bsn", "1234.56.782")]),
        ("burgerservicenummer 123 456 782", [("bsn", "123 456 782")]),
        ("nummer 123.456.782 in het dossier", [("bsn", "123.456.782")]),
        ("12.34.56.782", [("bsn", "12.34.56.782")]),
        ("BSN 111222333 en 123456782", [("bsn", "111222333"), ("bsn", "123456782")]),
    ],
)
def test_bsn(tekst, verwacht):
    assert gevonden(tekst, ()) == verwacht


@pytest.mark.parametrize(
    "tekst",
    [
        "BSN 123456789",
        "KvK 12345678",
        "KvK-nummer 24123456",
        "btw NL123456782B01",
        "1234567820",
        "12345678201",
        "123 456 78",
        "123.456 782",
        "Het bedrag was 123.456.782,50 euro.",
        "zaak 2025-123456782",
        "in 2015 en 2016",
    ],
)
def test_geen_bsn(tekst):
    assert gevonden(tekst, ()) == []


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("geboren op 12 maart 1945 in Delft", [("geboortedatum", "12 maart 1945")]),
        ("geb. 01-02-1930", [("geboortedatum", "01-02-1930")]),
        ("Geboortedatum: 1980-05-17", [("geboortedatum", "1980-05-17")]),
        ("geboortedag 3 okt. 1962", [("geboortedatum", "3 okt. 1962")]),
        ("Geboren: 7/8/2019.", [("geboortedatum", "7/8/2019")]),
        ("De cliënt (geboren 12-03-2030) bestaat nog niet.", [("geboortedatum", "12-03-2030")]),
        ("mevrouw Jansen (12-03-1945) woonde alleen.", [("naam", "mevrouw Jansen"), ("geboortedatum", "12-03-1945")]),
        ("De cliënt, 3 april 1950, woonde alleen.", [("geboortedatum", "3 april 1950")]),
        ("Het ging om een vader (12.03.1980).", [("geboortedatum", "12.03.1980")]),
        (
            "Fatima El Amrani, 1 december 1916, overleed.",
            [("naam_bekend", "Fatima El Amrani"), ("geboortedatum", "1 december 1916")],
        ),
    ],
)
def test_geboortedata(tekst, verwacht):
    assert gevonden(tekst) == verwacht


@pytest.mark.parametrize(
    "tekst",
    [
        "Op 12 maart 2024 viel de cliënt.",
        "De melding kwam binnen op 01-02-2025.",
        "Zij is in Delft geboren. Op 12 maart 2024 viel zij.",
        "De cliënt, 1 december 1915, zou dan 111 jaar zijn.",
        "De cliënt, 12 maart 1890, is ouder dan wie ook.",
        "De cliënt, 2 december 2026, een datum die nog moet komen.",
        "De cliënt (31-02-1950) heeft een datum die niet bestaat.",
        "in 1945 geboren",
        "artikel 1.1.1 Wmo",
        "Norm 3.2 en norm 12.3.2024b",
        "2 weken",
    ],
)
def test_geen_geboortedata(tekst):
    assert gevonden(tekst, ()) == []


def test_leeftijd_tot_en_met_110_jaar_telt_op_de_peildatum():
    assert gevonden("De cliënt, 2 december 1915, woonde alleen.", ()) == [("geboortedatum", "2 december 1915")]
    assert gevonden("De cliënt, 1 december 1915, woonde alleen.", ()) == []
    assert gevonden("De cliënt, 1 december 2026, werd vandaag geboren.", ()) == [("geboortedatum", "1 december 2026")]


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("Zij woonde aan de Kerkstraat 12a.", [("adres", "Kerkstraat 12a")]),
        ("In de Kerkstraat 12, 3011 AD Rotterdam", [("adres", "Kerkstraat 12, 3011 AD")]),
        ("Coolsingel 40", [("adres", "Coolsingel 40")]),
        ("Burgemeester de Vlugtlaan 125", [("adres", "Burgemeester de Vlugtlaan 125")]),
        ("Laan van Meerdervoort 5", [("adres", "Laan van Meerdervoort 5")]),
        ("'s-Gravendijkwal 12", [("adres", "'s-Gravendijkwal 12")]),
        ("Oude Binnenweg 134B", [("adres", "Oude Binnenweg 134B")]),
        ("Hoofdstraat 12-3 is de woning", [("adres", "Hoofdstraat 12-3")]),
        ("Prins Hendrikkade 10 en Westersingel 2", [("adres", "Prins Hendrikkade 10"), ("adres", "Westersingel 2")]),
        ("Maasboulevard 100", [("adres", "Maasboulevard 100")]),
        ("postcode 3011AD", [("adres", "3011AD")]),
        ("postcode 1234 AB in Nissewaard", [("adres", "1234 AB")]),
    ],
)
def test_adressen(tekst, verwacht):
    assert gevonden(tekst, ()) == verwacht


@pytest.mark.parametrize(
    "tekst",
    [
        "Rotterdam",
        "In Rotterdam 2 weken lang",
        "Wmo 2015 en Jeugdwet 2015",
        "De Kerkstraat is lang.",
        "de weg 2 keer afgelegd",
        "JAARBEELD 2016 EN MEER",
        "1234 ab",
        "postcode 0123 AB",
        "1234 SS",
        "artikel 2.3.5 lid 4",
    ],
)
def test_geen_adressen(tekst):
    assert gevonden(tekst, ()) == []


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("Bel 06-12345678.", [("telefoon", "06-12345678")]),
        ("tel. 0612345678", [("telefoon", "0612345678")]),
        ("06 1234 5678", [("telefoon", "06 1234 5678")]),
        ("+31 6 12345678", [("telefoon", "+31 6 12345678")]),
        ("010-1234567", [("telefoon", "010-1234567")]),
        ("(010) 123 45 67 of 0800-1234", [("telefoon", "(010) 123 45 67"), ("telefoon", "0800-1234")]),
        ("0031 10 123 4567", [("telefoon", "0031 10 123 4567")]),
        ("085 123 4567", [("telefoon", "085 123 4567")]),
    ],
)
def test_telefoonnummers(tekst, verwacht):
    assert gevonden(tekst, ()) == verwacht


@pytest.mark.parametrize(
    "tekst",
    ["010", "regio 010", "2 weken", "artikel 1.1.1 Wmo", "Norm 3.2", "KvK 12345678", "12-03-1985", "in 2025 en 2026"],
)
def test_geen_telefoonnummers(tekst):
    assert gevonden(tekst, ()) == []


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("Mail jan@example.nl.", [("email", "jan@example.nl")]),
        ("a.b.c+toezicht@gemeente.rotterdam.nl", [("email", "a.b.c+toezicht@gemeente.rotterdam.nl")]),
        ("(info@ggd-rr.nl)", [("email", "info@ggd-rr.nl")]),
    ],
)
def test_emailadressen(tekst, verwacht):
    assert gevonden(tekst, ()) == verwacht


@pytest.mark.parametrize("tekst", ["@toezicht", "jan@", "jan@localhost", "twee @ drie.nl"])
def test_geen_emailadressen(tekst):
    assert gevonden(tekst, ()) == []


def test_overlappende_signalen_worden_een_signaal_van_de_meest_zeggende_soort():
    tekst = "Burgemeester Jansenlaan 3 en noor.bakker@example.nl"
    assert gevonden(tekst) == [("adres", "Burgemeester Jansenlaan 3"), ("email", "noor.bakker@example.nl")]


def test_een_heel_leerpunt():
    tekst = (
        "Op 3 maart 2025 meldde de aanbieder een calamiteit bij Toezicht Wmo. Mevrouw Jansen (12-03-1941),\n"
        "bewoonster van de Dorpsstraat 4, 3201 AB Spijkenisse, viel tijdens de nachtdienst. Haar zoon "
        "Jan de Vries (06-12345678) belde de huisarts. BSN 123456782. Het team van Zorggroep Nissewaard "
        "werkte niet volgens de Meldcode; cliënt B. viel eerder al. Contact: toezicht@example.nl."
    )
    assert gevonden(tekst) == [
        ("naam", "Mevrouw Jansen"),
        ("geboortedatum", "12-03-1941"),
        ("adres", "Dorpsstraat 4, 3201 AB"),
        ("naam_bekend", "Jan de Vries"),
        ("telefoon", "06-12345678"),
        ("bsn", "123456782"),
        ("email", "toezicht@example.nl"),
    ]


def test_signalen_dragen_hun_positie_en_uitleg():
    tekst = "Bel mevrouw Jansen op 06-12345678."
    signalen = controleer(tekst, peildatum=PEILDATUM)
    assert [(s.soort, s.begin, s.eind) for s in signalen] == [("naam", 4, 18), ("telefoon", 22, 33)]
    assert all(tekst[s.begin : s.eind] == s.fragment for s in signalen)
    assert [s.uitleg for s in signalen] == ["Een aanhef of titel gevolgd door een naam.", "Een telefoonnummer."]
    assert all(s.soort in SOORTEN for s in signalen)
    with pytest.raises(AttributeError):
        signalen[0].soort = "email"


def test_bekende_naam_noemt_de_naam_in_de_uitleg():
    [signaal] = controleer("Fatima belde.", BEKEND, peildatum=PEILDATUM)
    assert signaal == Signaal(
        "naam_bekend", 0, 6, "Fatima", "Komt overeen met „Fatima El Amrani”, een persoon die deze ruimte kent."
    )


def test_lege_en_rare_bekende_namen_worden_overgeslagen():
    assert gevonden("Een tekst zonder namen.", ("", "   ", "X", "a.")) == []


def test_een_tekst_zonder_persoonsgegevens():
    tekst = (
        "De toezichthouder stelde vast dat de aanbieder de norm over deskundigheid (norm 3.2 van het "
        "toetsingskader 2025) niet naleefde. Binnen 2 weken volgde hoor en wederhoor; de gemeente "
        "Rotterdam en Veilig Thuis werden op 14 april 2025 geïnformeerd, volgens artikel 3.4 Wmo 2015."
    )
    assert gevonden(tekst) == []
