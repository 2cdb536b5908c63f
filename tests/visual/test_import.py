"""Editors import designations from a CSV file in the admin: a dry run shows what would
change, bad rows are named and nothing is half-imported; others may not import."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from visual.models import Aanwijzing, AanwijzingWijziging

pytestmark = pytest.mark.django_db

URL = "/admin/aanwijzingen/importeren/"
GGD = "toezicht-wmo-ggd-rotterdam-rijnmond"
KOP = "gemeentecode,toezichthouder,besluit_datum,besluit_url,voorzieningsoorten\n"
GOED = (
    "GM1621,toezicht-wmo-ggd-rotterdam-rijnmond,2026-03-01,https://zoek.officielebekendmakingen.nl/gmb-2026-1.html,\n"
)
GOED_2 = (
    "GM1963,toezicht-wmo-ggd-rotterdam-rijnmond,2026-04-01,https://zoek.officielebekendmakingen.nl/gmb-2026-2.html,"
    "beschermd-wonen\n"
)


def _post(client, inhoud, proef):
    data = {"bestand": SimpleUploadedFile("aanwijzingen.csv", inhoud.encode(), content_type="text/csv")}
    if proef:
        data["proefdraaien"] = "on"
    return client.post(URL, data)


def _uitkomsten(response):
    return [(r.nummer, r.uitkomst) for r in response.context["resultaat"].regels]


def test_dry_run_shows_and_saves_nothing_then_import_saves_all(client, demo_user):
    redacteur = demo_user("redacteur")
    client.force_login(redacteur)
    proef = _post(client, KOP + GOED + GOED_2, proef=True)
    assert proef.status_code == 200
    html = proef.content.decode()
    assert "Proefdraai: er is niets opgeslagen." in html and "<li>nieuw: 2</li>" in html
    assert _uitkomsten(proef) == [(2, "nieuw"), (3, "nieuw")]
    assert not Aanwijzing.objects.exists()
    echt = _post(client, KOP + GOED + GOED_2, proef=False)
    assert "Ingelezen:" in echt.content.decode() and "<li>nieuw: 2</li>" in echt.content.decode()
    assert sorted(Aanwijzing.objects.goedgekeurd().values_list("gemeente__naam", flat=True)) == [
        "Hoeksche Waard",
        "Lansingerland",
    ]
    assert AanwijzingWijziging.objects.filter(gebruiker=redacteur).count() == 2
    hoeksche_waard = Aanwijzing.objects.get(gemeente__naam="Hoeksche Waard")
    assert not hoeksche_waard.alle_voorzieningen
    assert [v.slug for v in hoeksche_waard.voorzieningsoorten.all()] == ["beschermd-wonen"]
    again = _post(client, KOP + GOED, proef=True)
    assert _uitkomsten(again) == [(2, "ongewijzigd")]
    assert "Staat zo al in het register." in again.content.decode()


def test_bad_rows_are_named_and_nothing_is_imported(client, demo_user):
    client.force_login(demo_user("redacteur"))
    slecht = (
        "GM9999,toezicht-wmo-ggd-rotterdam-rijnmond,2026-03-01,https://example.org/b,\n"
        "GM0228,igj,1 maart,http://example.org/b,zwembad\n"
    )
    response = _post(client, KOP + GOED + slecht, proef=False)
    assert response.status_code == 400
    html = response.content.decode()
    for fragment in (
        "Regel 3: onbekende gemeentecode",
        "Regel 4: Inspectie Gezondheidszorg en Jeugd is een rijksinspectie; een college wijst die niet aan",
        "Regel 4: &#x27;besluit_datum&#x27; is geen datum",
        "Regel 4: &#x27;besluit_url&#x27; is geen https-adres",
        "Regel 4: onbekende soort voorziening: zwembad",
    ):
        assert fragment in html
    assert _uitkomsten(response) == [(2, "nieuw"), (3, "fout"), (4, "fout")]
    assert not Aanwijzing.objects.exists()
    kolommen = _post(client, "gemeente,toezichthouder\nGM1621,x\n", proef=True)
    assert kolommen.status_code == 400 and "Kolommen ontbreken: gemeentecode" in kolommen.content.decode()


def test_only_editors_may_import(client, demo_user):
    client.force_login(demo_user("gemeente"))
    assert _post(client, KOP + GOED, proef=False).status_code in (302, 403)
    assert not Aanwijzing.objects.exists()


def test_a_new_ggd_by_name_and_kind_is_taken_up_on_import(client, demo_user):
    from visual.models import Toezichthouder

    client.force_login(demo_user("redacteur"))
    kop = "gemeentecode,toezichthouder,toezichthouder_naam,toezichthouder_soort,besluit_datum,besluit_url\n"
    rijen = (
        "GM1783,,GGD Haaglanden,regionaal,2026-03-01,https://zoek.officielebekendmakingen.nl/gmb-2026-3.html\n"
        "GM0503,,GGD Haaglanden,regionaal,2026-03-02,https://zoek.officielebekendmakingen.nl/gmb-2026-4.html\n"
    )
    proef = _post(client, kop + rijen, proef=True)
    assert _uitkomsten(proef) == [(2, "nieuw"), (3, "nieuw")]
    assert "Wordt toegevoegd, met een nieuwe toezichthouder: GGD Haaglanden (een ggd of een andere regionale" in (
        proef.content.decode()
    )
    assert not Toezichthouder.objects.filter(naam="GGD Haaglanden").exists()
    assert _uitkomsten(_post(client, kop + rijen, proef=False)) == [(2, "nieuw"), (3, "nieuw")]
    ggd = Toezichthouder.objects.get(naam="GGD Haaglanden")
    assert (ggd.niveau, ggd.soort) == ("regionaal", "regionaal")
    assert sorted(Aanwijzing.objects.filter(toezichthouder=ggd).values_list("gemeente__naam", flat=True)) == [
        "Delft",
        "Westland",
    ]
    zonder_soort = _post(client, kop + "GM0518,,GGD Elders,,2026-03-01,https://example.org/b\n", proef=True)
    assert zonder_soort.status_code == 400
    melding = "Regel 2: nieuwe toezichthouder GGD Elders: &#x27;toezichthouder_soort&#x27; moet regionaal of eigen"
    assert melding in zonder_soort.content.decode()


@pytest.fixture
def register(demo_user):
    """Approved designations of every shape, and one that waits for review."""
    from kennisbank.models import Voorzieningsoort
    from visual.keuzes import vind_gemeente
    from visual.models import Toezichthouder

    redacteur, ambtenaar = demo_user("redacteur"), demo_user("gemeente")
    ggd = Toezichthouder.objects.get(slug="toezicht-wmo-ggd-rotterdam-rijnmond")

    def aanwijzing(gemeente, goedkeuren=True, soorten=(), **velden):
        velden.setdefault("toezichthouder", ggd)
        a = Aanwijzing.objects.create(
            gemeente=vind_gemeente(gemeente),
            alle_voorzieningen=not soorten,
            besluit_datum=date(2026, 3, 1),
            besluit_url=f"https://zoek.officielebekendmakingen.nl/gmb-2026-{len(gemeente)}.html",
            ingediend_door=ambtenaar,
            **velden,
        )
        a.voorzieningsoorten.set(Voorzieningsoort.objects.filter(slug__in=soorten))
        if goedkeuren:
            a.beoordeel(redacteur, goedkeuren=True)
        return a

    aanwijzing("Lansingerland")
    aanwijzing(
        "Hoeksche Waard",
        soorten=["beschermd-wonen", "maatschappelijke-opvang-maatwerkvoorziening"],
        geldig_vanaf=date(2026, 1, 1),
        geldig_tot=date(2099, 12, 31),
    )
    aanwijzing(
        "Westland", toezichthouder=None, nieuwe_toezichthouder="GGD Haaglanden", nieuwe_toezichthouder_soort="regionaal"
    )
    aanwijzing(
        "Delft",
        toezichthouder=None,
        nieuwe_toezichthouder="Toezichthouders Wmo Delft",
        nieuwe_toezichthouder_soort="eigen",
    )
    aanwijzing("Ede", goedkeuren=False)
    return redacteur


def test_the_open_data_csv_imports_back_unchanged(client, register):
    from visual.opendata import VELDEN

    export = client.get("/wie-houdt-toezicht/aanwijzingen/aanwijzingen.csv").content.decode()
    assert export.splitlines()[0] == ",".join(VELDEN)
    assert len(export.splitlines()) == 5
    client.force_login(register)
    aantal, wijzigingen = Aanwijzing.objects.count(), AanwijzingWijziging.objects.count()
    proef = _post(client, export, proef=True)
    assert proef.status_code == 200
    regels = proef.context["resultaat"].regels
    assert [(r.gemeente.naam, r.uitkomst) for r in regels] == [
        ("Delft", "ongewijzigd"),
        ("Hoeksche Waard", "ongewijzigd"),
        ("Lansingerland", "ongewijzigd"),
        ("Westland", "ongewijzigd"),
    ]
    _post(client, export, proef=False)
    assert (Aanwijzing.objects.count(), AanwijzingWijziging.objects.count()) == (aantal, wijzigingen)


def test_columns_the_import_does_not_know_are_refused(client, demo_user):
    client.force_login(demo_user("redacteur"))
    oud = _post(client, "gemeentecode,toezichthouder,besluit_datum,besluit_url,voorzieningen\n" + GOED, proef=True)
    assert oud.status_code == 400
    assert "De kolom &#x27;voorzieningen&#x27; geeft de soorten voorziening in woorden" in oud.content.decode()
    typfout = _post(client, KOP.replace("\n", ",geldig_vnaf\n") + GOED.replace("\n", ",\n"), proef=True)
    assert typfout.status_code == 400
    assert "Onbekende kolommen: geldig_vnaf." in typfout.content.decode()
    assert not Aanwijzing.objects.exists()


def _rij(gemeente, url, soorten="", vanaf="", tot="", toezichthouder=GGD, naam="", soort=""):
    return f"{gemeente},{toezichthouder},{naam},{soort},2026-03-01,{url},{soorten},{vanaf},{tot}\n"


KOP_VOL = (
    "gemeentecode,toezichthouder,toezichthouder_naam,toezichthouder_soort,besluit_datum,besluit_url,"
    "voorzieningsoorten,geldig_vanaf,geldig_tot\n"
)


def test_each_row_says_what_it_does_and_the_import_does_exactly_that(client, register, demo_user):
    client.force_login(register)
    from visual.keuzes import vind_gemeente
    from visual.models import Toezichthouder

    afgewezen = Aanwijzing.objects.create(
        gemeente=vind_gemeente("Schiedam"),
        toezichthouder=Toezichthouder.objects.get(slug=GGD),
        besluit_datum=date(2026, 3, 1),
        besluit_url="https://zoek.officielebekendmakingen.nl/gmb-2026-8.html",
        ingediend_door=demo_user("gemeente"),
    )
    afgewezen.beoordeel(register, goedkeuren=False, opmerking="Het besluit noemt een andere GGD")
    hoeksche_waard = Aanwijzing.objects.get(gemeente__naam="Hoeksche Waard")
    bestand = KOP_VOL + "".join(
        [
            _rij("GM1621", "https://zoek.officielebekendmakingen.nl/gmb-2026-13.html"),
            _rij(
                "GM1963",
                "https://zoek.officielebekendmakingen.nl/gmb-2026-99.html",
                soorten="beschermd-wonen",
                vanaf="2026-01-01",
                tot="2027-12-31",
            ),
            _rij("GM0228", "https://zoek.officielebekendmakingen.nl/gmb-2026-3.html"),
            _rij("GM0606", "https://zoek.officielebekendmakingen.nl/gmb-2026-8.html"),
            _rij("GM0622", "https://zoek.officielebekendmakingen.nl/gmb-2026-20.html"),
        ]
    )
    voor = {a.pk: a.snapshot() for a in Aanwijzing.objects.all()}
    wijzigingen = AanwijzingWijziging.objects.count()
    proef = _post(client, bestand, proef=True)
    assert proef.status_code == 200
    assert _uitkomsten(proef) == [(2, "ongewijzigd"), (3, "gewijzigd"), (4, "wacht"), (5, "afgewezen"), (6, "nieuw")]
    regels = proef.context["resultaat"].regels
    assert regels[1].verschillen == [
        (
            "besluit_url",
            "https://zoek.officielebekendmakingen.nl/gmb-2026-14.html",
            "https://zoek.officielebekendmakingen.nl/gmb-2026-99.html",
        ),
        ("voorzieningsoorten", "beschermd-wonen;maatschappelijke-opvang-maatwerkvoorziening", "beschermd-wonen"),
        ("geldig_tot", "2099-12-31", "2027-12-31"),
    ]
    assert regels[2].toelichting.startswith("De gemeente heeft deze aanwijzing vastgelegd en zij wacht op beoordeling")
    assert regels[3].toelichting.startswith("Afgewezen op ")
    assert "(Het besluit noemt een andere GGD); niet ingelezen." in regels[3].toelichting
    html = proef.content.decode()
    for regel in ("<li>nieuw: 1</li>", "<li>gewijzigd: 1</li>", "<li>ongewijzigd: 1</li>"):
        assert regel in html
    assert "<li>wacht op beoordeling: 1</li>" in html and "<li>eerder afgewezen: 1</li>" in html
    assert {a.pk: a.snapshot() for a in Aanwijzing.objects.all()} == voor

    echt = _post(client, bestand, proef=False)
    assert _uitkomsten(echt) == _uitkomsten(proef)
    na = {a.pk: a.snapshot() for a in Aanwijzing.objects.all()}
    nieuw = [pk for pk in na if pk not in voor]
    assert [na[pk]["gemeente"] for pk in nieuw] == ["GM0622"]
    assert {pk for pk in voor if na[pk] != voor[pk]} == {hoeksche_waard.pk}
    hoeksche_waard.refresh_from_db()
    assert (hoeksche_waard.besluit_url, hoeksche_waard.geldig_tot.isoformat(), hoeksche_waard.status) == (
        "https://zoek.officielebekendmakingen.nl/gmb-2026-99.html",
        "2027-12-31",
        "goedgekeurd",
    )
    assert [v.slug for v in hoeksche_waard.voorzieningsoorten.all()] == ["beschermd-wonen"]
    assert hoeksche_waard.wijzigingen.last().actie == "gewijzigd"
    assert AanwijzingWijziging.objects.count() == wijzigingen + 2
    assert _uitkomsten(_post(client, bestand, proef=True)) == [
        (2, "ongewijzigd"),
        (3, "ongewijzigd"),
        (4, "wacht"),
        (5, "afgewezen"),
        (6, "ongewijzigd"),
    ]


def test_a_row_naming_a_new_supervisor_that_waits_for_review_is_not_read(client, register, demo_user):
    client.force_login(register)
    from visual.keuzes import vind_gemeente

    Aanwijzing.objects.create(
        gemeente=vind_gemeente("Zoetermeer"),
        nieuwe_toezichthouder="GGD Haaglanden Oost",
        nieuwe_toezichthouder_soort="regionaal",
        besluit_datum=date(2026, 3, 1),
        besluit_url="https://zoek.officielebekendmakingen.nl/gmb-2026-30.html",
        ingediend_door=demo_user("gemeente"),
    )
    rij = _rij(
        "GM0637",
        "https://zoek.officielebekendmakingen.nl/gmb-2026-30.html",
        toezichthouder="",
        naam="GGD Haaglanden Oost",
        soort="regionaal",
    )
    echt = _post(client, KOP_VOL + rij, proef=False)
    assert _uitkomsten(echt) == [(2, "wacht")]
    assert not Aanwijzing.objects.filter(gemeente__naam="Zoetermeer", status="goedgekeurd").exists()


def test_a_row_repeated_in_the_file_is_an_error_and_nothing_is_read(client, register):
    client.force_login(register)
    een = _rij("GM0622", "https://zoek.officielebekendmakingen.nl/gmb-2026-20.html")
    twee = _rij("GM0622", "https://zoek.officielebekendmakingen.nl/gmb-2026-21.html", naam="Een andere naam")
    nieuw = _rij("GM0518", "https://example.org/c", toezichthouder="", naam="GGD Haaglanden", soort="regionaal")
    response = _post(client, KOP_VOL + een + nieuw + twee, proef=False)
    assert response.status_code == 400
    assert _uitkomsten(response) == [(2, "nieuw"), (3, "nieuw"), (4, "fout")]
    assert response.context["resultaat"].fouten == [
        "Regel 4: dezelfde aanwijzing (gemeente, toezichthouder en datum van het besluit) als regel 2; noem elk "
        "besluit één keer."
    ]
    assert not Aanwijzing.objects.filter(gemeente__naam="Vlaardingen").exists()


def test_a_column_the_file_leaves_out_keeps_the_registers_value(client, register):
    client.force_login(register)
    hoeksche_waard = Aanwijzing.objects.get(gemeente__naam="Hoeksche Waard")
    rij = f"GM1963,{GGD},2026-03-01,https://zoek.officielebekendmakingen.nl/gmb-2026-15.html\n"
    proef = _post(client, "gemeentecode,toezichthouder,besluit_datum,besluit_url\n" + rij, proef=True)
    assert _uitkomsten(proef) == [(2, "gewijzigd")]
    assert proef.context["resultaat"].regels[0].toelichting == (
        "besluit_url: https://zoek.officielebekendmakingen.nl/gmb-2026-14.html → "
        "https://zoek.officielebekendmakingen.nl/gmb-2026-15.html."
    )
    _post(client, "gemeentecode,toezichthouder,besluit_datum,besluit_url\n" + rij, proef=False)
    hoeksche_waard.refresh_from_db()
    assert (hoeksche_waard.besluit_url, hoeksche_waard.geldig_vanaf, hoeksche_waard.geldig_tot) == (
        "https://zoek.officielebekendmakingen.nl/gmb-2026-15.html",
        date(2026, 1, 1),
        date(2099, 12, 31),
    )
    assert sorted(v.slug for v in hoeksche_waard.voorzieningsoorten.all()) == [
        "beschermd-wonen",
        "maatschappelijke-opvang-maatwerkvoorziening",
    ]
    leeg = _rij("GM1963", "https://zoek.officielebekendmakingen.nl/gmb-2026-15.html")
    toelichting = _post(client, KOP_VOL + leeg, proef=True).context["resultaat"].regels[0].toelichting
    assert "voorzieningsoorten: beschermd-wonen;maatschappelijke-opvang-maatwerkvoorziening → alle Wmo" in toelichting
