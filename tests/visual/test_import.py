"""Editors import designations from a CSV file in the admin: a dry run shows what would
change, bad rows are named and nothing is half-imported; others may not import."""

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from visual.models import Aanwijzing, AanwijzingWijziging

pytestmark = pytest.mark.django_db

URL = "/admin/aanwijzingen/importeren/"
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


def test_dry_run_shows_and_saves_nothing_then_import_saves_all(client, demo_user):
    redacteur = demo_user("redacteur")
    client.force_login(redacteur)
    proef = _post(client, KOP + GOED + GOED_2, proef=True)
    assert proef.status_code == 200
    assert "Proefdraai: 2 aanwijzingen zouden worden toegevoegd." in proef.content.decode()
    assert not Aanwijzing.objects.exists()
    echt = _post(client, KOP + GOED + GOED_2, proef=False)
    assert "2 aanwijzingen geïmporteerd." in echt.content.decode()
    assert sorted(Aanwijzing.objects.goedgekeurd().values_list("gemeente__naam", flat=True)) == [
        "Hoeksche Waard",
        "Lansingerland",
    ]
    assert AanwijzingWijziging.objects.filter(gebruiker=redacteur).count() == 2
    hoeksche_waard = Aanwijzing.objects.get(gemeente__naam="Hoeksche Waard")
    assert not hoeksche_waard.alle_voorzieningen
    assert [v.slug for v in hoeksche_waard.voorzieningsoorten.all()] == ["beschermd-wonen"]
    again = _post(client, KOP + GOED, proef=True)
    assert "ongewijzigd (staat al in het register)" in again.content.decode()


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
    assert "nieuw, met een nieuwe toezichthouder: GGD Haaglanden (een ggd of een andere regionale toezichthouder)" in (
        proef.content.decode()
    )
    assert not Toezichthouder.objects.filter(naam="GGD Haaglanden").exists()
    assert "2 aanwijzingen geïmporteerd." in _post(client, kop + rijen, proef=False).content.decode()
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
    from datetime import date

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
    assert [(r.gemeente.naam, r.bestaand is not None) for r in regels] == [
        ("Delft", True),
        ("Hoeksche Waard", True),
        ("Lansingerland", True),
        ("Westland", True),
    ]
    assert proef.content.decode().count("ongewijzigd") == 4
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
