"""Investigations through their pages: creating with a toetsingskader, recording findings,
the findings matrix and its exports; permissions and bad input (Dutch, 400, nothing saved)."""

import io
import re

from django.contrib.auth.models import Group
from django.utils.html import escape

import pytest

from kennisbank.models import KaderOnderdeelPage, NormPage, ToezichtsvormPage
from portal.roles import TOEZICHTHOUDER
from samenwerking.models import Aanbieder, AuditLogEntry, Bevinding, BevindingVersie, Onderzoek, Oordeel

from .factories import (
    AanbiederFactory,
    BevindingFactory,
    DocumentFactory,
    LidmaatschapFactory,
    OnderzoekFactory,
    RuimteFactory,
    UserFactory,
    seeded_kader,
    seeded_normen,
    seeded_toezichtsvorm,
)

pytestmark = pytest.mark.django_db


def toezichthouder(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get_or_create(name=TOEZICHTHOUDER)[0])
    return user


def lid(ruimte, rol="deelnemer"):
    user = toezichthouder()
    LidmaatschapFactory(ruimte=ruimte, gebruiker=user, rol=rol)
    return user


@pytest.fixture
def ruimte():
    return RuimteFactory(titel="Onderzoeksruimte")


def provider_norms():
    deel = KaderOnderdeelPage.objects.descendant_of(seeded_kader()).get(code="A")
    return deel, list(NormPage.objects.descendant_of(deel).order_by("path"))


def test_the_2025_framework_has_29_provider_norms_in_its_part_a():
    deel, normen = provider_norms()
    assert deel.title == "Toetsingskader met normen voor aanbieders"
    assert len(normen) == 29


def _nieuw(**extra):
    data = {
        "titel": "Kwaliteitsonderzoek begeleiding",
        "kader": seeded_kader().pk,
        "toezichtsvorm": seeded_toezichtsvorm().pk,
        "aanleiding": "Signalen over de begeleiding.",
        "normkeuze": "alle",
        "status": "voorbereiding",
    }
    data.update(extra)
    return data


def test_create_with_the_provider_norms_and_a_new_provider(client, ruimte):
    user = lid(ruimte)
    bestaand = AanbiederFactory(naam="Zorg Zuid B.V.")
    client.force_login(user)
    deel, normen = provider_norms()
    response = client.post(
        f"/samenwerking/{ruimte.pk}/onderzoeken/nieuw/",
        _nieuw(
            normkeuze="onderdeel",
            onderdeel=deel.pk,
            aanbieders=[bestaand.pk],
            nieuwe_aanbieder_naam="Begeleiding Noord B.V.",
            nieuwe_aanbieder_kvk="12345678",
            gepland_begin="2026-03-01",
            gepland_eind="2026-06-30",
        ),
    )
    assert response.status_code == 302, response.content.decode()
    onderzoek = Onderzoek.objects.get(ruimte=ruimte)
    assert [n.norm for n in onderzoek.toetsnormen.all()] == normen
    assert sorted(a.naam for a in onderzoek.aanbieders.all()) == ["Begeleiding Noord B.V.", "Zorg Zuid B.V."]
    assert Aanbieder.objects.get(naam="Begeleiding Noord B.V.").kvk_nummer == "12345678"
    assert onderzoek.kader == seeded_kader()
    assert onderzoek.aangemaakt_door == user
    log = AuditLogEntry.objects.filter(actie="aangemaakt", object_soort="onderzoek", object_id=str(onderzoek.pk))
    assert log.count() == 1


def test_create_with_all_norms_and_with_a_hand_selection(client, ruimte):
    client.force_login(lid(ruimte))
    alle = seeded_normen()
    assert client.post(f"/samenwerking/{ruimte.pk}/onderzoeken/nieuw/", _nieuw(titel="Alle")).status_code == 302
    assert [n.norm for n in Onderzoek.objects.get(titel="Alle").toetsnormen.all()] == alle
    gekozen = [alle[5], alle[1]]
    response = client.post(
        f"/samenwerking/{ruimte.pk}/onderzoeken/nieuw/",
        _nieuw(titel="Selectie", normkeuze="selectie", normen=[n.pk for n in gekozen]),
    )
    assert response.status_code == 302
    assert [n.norm for n in Onderzoek.objects.get(titel="Selectie").toetsnormen.all()] == [alle[1], alle[5]]


def _norm_of_other_framework():
    return NormPage.objects.exclude(toezichtkader=seeded_kader()).order_by("path").first()


def _vorm_of_other_framework():
    from kennisbank.models import KennisbankIndexPage, ToezichtkaderPage

    ander = ToezichtkaderPage.objects.exclude(pk=seeded_kader().pk).first()
    vorm = ToezichtsvormPage(title="Stelseltoezicht (test)", slug="stelseltoezicht-test", kader=ander)
    KennisbankIndexPage.objects.first().add_child(instance=vorm)
    return vorm


@pytest.mark.parametrize(
    "extra,message",
    [
        ({"titel": ""}, "verplicht"),
        ({"normkeuze": "selectie"}, "Kies ten minste één norm."),
        ({"normkeuze": "onderdeel"}, "Kies het onderdeel waarvan de normen worden getoetst."),
        ({"normkeuze": "selectie", "normen": "OTHER"}, "Deze normen horen niet bij het gekozen toetsingskader"),
        ({"toezichtsvorm": "OTHERVORM"}, "Deze toezichtsvorm hoort niet bij het gekozen toetsingskader."),
        ({"nieuwe_aanbieder_naam": "X B.V.", "nieuwe_aanbieder_kvk": "1234567"}, "precies 8 cijfers"),
        ({"nieuwe_aanbieder_naam": "X B.V."}, "zowel de naam als het KvK-nummer"),
        (
            {"nieuwe_aanbieder_naam": "X B.V.", "nieuwe_aanbieder_kvk": "DUBBEL"},
            "Er is al een aanbieder met dit KvK-nummer",
        ),
        ({"gepland_begin": "2026-05-02", "gepland_eind": "2026-05-01"}, "Het einde kan niet vóór de start liggen."),
        ({"werkelijk_begin": "gisteren"}, "Voer een geldige datum in."),
        ({"status": "klaar"}, "Selecteer een geldige keuze."),
        ({"kader": "999999"}, "Selecteer een geldige keuze."),
    ],
)
def test_create_with_bad_input_answers_in_dutch_and_saves_nothing(client, ruimte, extra, message):
    client.force_login(lid(ruimte))
    dubbel = AanbiederFactory(kvk_nummer="87654321")
    if extra.get("normen") == "OTHER":
        extra["normen"] = [_norm_of_other_framework().pk]
    if extra.get("toezichtsvorm") == "OTHERVORM":
        extra["toezichtsvorm"] = _vorm_of_other_framework().pk
    if extra.get("nieuwe_aanbieder_kvk") == "DUBBEL":
        extra["nieuwe_aanbieder_kvk"] = dubbel.kvk_nummer
    aanbieders = Aanbieder.objects.count()
    response = client.post(f"/samenwerking/{ruimte.pk}/onderzoeken/nieuw/", _nieuw(**extra))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Onderzoek.objects.count() == 0
    assert Aanbieder.objects.count() == aanbieders


def test_edit_keeps_the_framework_version(client, ruimte):
    onderzoek = OnderzoekFactory(ruimte=ruimte, normen=3)
    client.force_login(lid(ruimte))
    response = client.post(
        f"/samenwerking/{ruimte.pk}/onderzoeken/{onderzoek.pk}/wijzigen/",
        {"titel": "Nieuwe titel", "toezichtsvorm": onderzoek.toezichtsvorm_id, "status": "veldwerk", "kader": 1},
    )
    assert response.status_code == 302
    onderzoek.refresh_from_db()
    assert (onderzoek.titel, onderzoek.status, onderzoek.kader) == ("Nieuwe titel", "veldwerk", seeded_kader())
    assert onderzoek.toetsnormen.count() == 3


@pytest.mark.parametrize(
    "van,naar,toegestaan",
    [
        ("voorbereiding", "veldwerk", True),
        ("voorbereiding", "afgerond", True),  # forward to any later phase
        ("rapportage", "openbaarmaking", True),
        ("rapportage", "rapportage", True),
        ("rapportage", "veldwerk", True),  # back one phase
        ("afgerond", "openbaarmaking", True),
        ("rapportage", "voorbereiding", False),  # back two
        ("afgerond", "veldwerk", False),
        ("openbaarmaking", "voorbereiding", False),
    ],
)
def test_the_status_follows_the_frameworks_phases(client, ruimte, van, naar, toegestaan):
    onderzoek = OnderzoekFactory(ruimte=ruimte, normen=1, status=van)
    client.force_login(lid(ruimte))
    response = client.post(
        f"/samenwerking/{ruimte.pk}/onderzoeken/{onderzoek.pk}/wijzigen/",
        {"titel": "Nieuwe titel", "toezichtsvorm": onderzoek.toezichtsvorm_id, "status": naar},
    )
    onderzoek.refresh_from_db()
    if toegestaan:
        assert response.status_code == 302
        assert (onderzoek.titel, onderzoek.status) == ("Nieuwe titel", naar)
        return
    assert response.status_code == 400
    vorige = Onderzoek.Status.values[Onderzoek.Status.values.index(van) - 1]
    assert (
        escape(
            "De status volgt de fasen van het onderzoek (voorbereiding, veldwerk, rapportage, openbaarmaking, "
            f"afgerond): vooruit naar een latere fase, of één fase terug. Van ‘{Onderzoek.Status(van).label}’ kan "
            f"het onderzoek terug naar ‘{Onderzoek.Status(vorige).label}’, niet naar ‘{Onderzoek.Status(naar).label}’."
        )
        in response.content.decode()
    )
    # Nothing half-saved: neither the status nor the title.
    assert onderzoek.titel != "Nieuwe titel" and onderzoek.status == van


def test_a_new_investigation_may_start_in_any_phase(client, ruimte):
    client.force_login(lid(ruimte))
    response = client.post(f"/samenwerking/{ruimte.pk}/onderzoeken/nieuw/", _nieuw(status="rapportage"))
    assert response.status_code == 302
    assert Onderzoek.objects.get().status == "rapportage"


def _urls(ruimte, onderzoek):
    base = f"/samenwerking/{ruimte.pk}/onderzoeken/"
    item = f"{base}{onderzoek.pk}/"
    return [
        base,
        f"{base}nieuw/",
        item,
        f"{item}wijzigen/",
        f"{item}bevindingen/",
        f"{item}matrix/",
        f"{item}matrix.csv",
        f"{item}matrix.pdf",
        f"{item}rapport/",
    ]


def test_a_non_member_gets_404_on_every_url(client, ruimte):
    onderzoek = OnderzoekFactory(ruimte=ruimte, normen=2)
    client.force_login(toezichthouder())
    for url in _urls(ruimte, onderzoek):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"titel": "x", "actie": "start"}).status_code == 404, url
    assert Onderzoek.objects.get().titel == onderzoek.titel


def test_an_investigation_of_another_space_is_404_for_a_member_of_this_one(client, ruimte):
    ander = OnderzoekFactory(normen=1)
    client.force_login(lid(ruimte))
    for url in _urls(ruimte, ander)[2:]:
        assert client.get(url).status_code == 404, url


def test_a_meelezer_reads_but_cannot_write(client, ruimte):
    onderzoek = OnderzoekFactory(ruimte=ruimte, normen=2, met_aanbieders=[AanbiederFactory()])
    client.force_login(lid(ruimte, "meelezer"))
    for url in _urls(ruimte, onderzoek):
        expected = 403 if url.endswith(("nieuw/", "wijzigen/")) else 200
        assert client.get(url).status_code == expected, url
    item = f"/samenwerking/{ruimte.pk}/onderzoeken/{onderzoek.pk}/"
    for url in (f"{item}bevindingen/", f"{item}rapport/", f"{item}wijzigen/"):
        assert client.post(url, {"actie": "concept"}).status_code == 403, url
    assert Bevinding.objects.count() == 0


def _rij(norm, aanbieder):
    return f"n{norm.pk}-a{aanbieder.pk}"


def test_record_findings_per_provider_writes_versions(client, ruimte):
    user = lid(ruimte)
    a = AanbiederFactory(naam="Aanbieder A")
    onderzoek = OnderzoekFactory(ruimte=ruimte, normen=3, met_aanbieders=[a])
    normen = seeded_normen(aantal=3)
    doc = DocumentFactory(ruimte=ruimte, naam="Verslag interview")
    client.force_login(user)
    url = f"/samenwerking/{ruimte.pk}/onderzoeken/{onderzoek.pk}/bevindingen/"
    page = client.get(url, {"aanbieder": a.pk})
    assert page.status_code == 200
    assert page.content.decode().count('name="n') >= 9
    data = {
        "aanbieder": a.pk,
        f"{_rij(normen[0], a)}-oordeel": "voldoet",
        f"{_rij(normen[0], a)}-toelichting": "Dossiers zijn op orde.",
        f"{_rij(normen[0], a)}-bewijs": [doc.pk],
        f"{_rij(normen[1], a)}-oordeel": "voldoet_niet",
        f"{_rij(normen[2], a)}-oordeel": "niet_getoetst",
    }
    assert client.post(url, data).status_code == 302
    bevindingen = Bevinding.objects.filter(onderzoek=onderzoek).order_by("norm__path")
    assert [(b.norm, b.oordeel, b.toelichting) for b in bevindingen] == [
        (normen[0], "voldoet", "Dossiers zijn op orde."),
        (normen[1], "voldoet_niet", ""),
    ]
    eerste = bevindingen[0]
    assert list(eerste.bewijs.all()) == [doc]
    assert eerste.vastgesteld_door == user
    data[f"{_rij(normen[0], a)}-oordeel"] = "voldoet_gedeeltelijk"
    assert client.post(url, data).status_code == 302
    assert [(v.oordeel, v.bewijs, v.door) for v in BevindingVersie.objects.filter(bevinding=eerste)] == [
        ("voldoet_gedeeltelijk", [doc.pk], user),
        ("voldoet", [doc.pk], user),
    ]
    assert BevindingVersie.objects.filter(bevinding=bevindingen[1]).count() == 1
    history = client.get(url, {"aanbieder": a.pk}).content.decode()
    assert "Geschiedenis" in history and "Voldoet gedeeltelijk" in history


def test_record_findings_per_norm(client, ruimte):
    a, b = AanbiederFactory(naam="A"), AanbiederFactory(naam="B")
    onderzoek = OnderzoekFactory(ruimte=ruimte, normen=2, met_aanbieders=[a, b])
    norm = seeded_normen(aantal=2)[1]
    client.force_login(lid(ruimte))
    url = f"/samenwerking/{ruimte.pk}/onderzoeken/{onderzoek.pk}/bevindingen/"
    response = client.post(
        url, {"norm": norm.pk, f"{_rij(norm, a)}-oordeel": "voldoet", f"{_rij(norm, b)}-oordeel": "voldoet_niet"}
    )
    assert response.status_code == 302
    assert sorted((x.aanbieder.naam, x.oordeel) for x in Bevinding.objects.filter(norm=norm)) == [
        ("A", "voldoet"),
        ("B", "voldoet_niet"),
    ]


@pytest.mark.parametrize(
    "bad,message",
    [
        ({"oordeel": "prima"}, "Selecteer een geldige keuze."),
        ({"bewijs": "ANDERE_RUIMTE"}, "Selecteer een geldige keuze."),
        ({"bewijs": "GEHEIM"}, "Selecteer een geldige keuze."),
        ({"toelichting": "x" * 4001}, "niet meer dan 4000 tekens"),
    ],
)
def test_findings_with_bad_input_save_nothing(client, ruimte, bad, message):
    a = AanbiederFactory()
    onderzoek = OnderzoekFactory(ruimte=ruimte, normen=2, met_aanbieders=[a])
    normen = seeded_normen(aantal=2)
    client.force_login(lid(ruimte))
    if bad.get("bewijs") == "ANDERE_RUIMTE":
        bad["bewijs"] = [DocumentFactory().pk]
    if bad.get("bewijs") == "GEHEIM":
        bad["bewijs"] = [DocumentFactory(ruimte=ruimte, alleen_coordinatoren=True).pk]
    data = {"aanbieder": a.pk, f"{_rij(normen[0], a)}-oordeel": "voldoet"}
    data.update({f"{_rij(normen[1], a)}-{key}": value for key, value in bad.items()})
    data.setdefault(f"{_rij(normen[1], a)}-oordeel", "voldoet")
    response = client.post(f"/samenwerking/{ruimte.pk}/onderzoeken/{onderzoek.pk}/bevindingen/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Er is niets opgeslagen." in response.content.decode()
    assert Bevinding.objects.count() == 0
    assert BevindingVersie.objects.count() == 0


def test_findings_for_a_provider_outside_the_investigation_are_refused(client, ruimte):
    onderzoek = OnderzoekFactory(ruimte=ruimte, normen=1, met_aanbieders=[AanbiederFactory()])
    client.force_login(lid(ruimte))
    url = f"/samenwerking/{ruimte.pk}/onderzoeken/{onderzoek.pk}/bevindingen/"
    response = client.get(url, {"aanbieder": AanbiederFactory().pk})
    assert response.status_code == 400
    assert "Deze norm of aanbieder hoort niet bij dit onderzoek." in response.content.decode()
    assert client.get(url, {"norm": "abc"}).status_code == 400


@pytest.fixture
def matrix_onderzoek(ruimte):
    a, b = AanbiederFactory(naam="Alfa Zorg B.V."), AanbiederFactory(naam="Bèta Begeleiding")
    onderzoek = OnderzoekFactory(ruimte=ruimte, titel="Matrixonderzoek", normen=3, met_aanbieders=[a, b])
    n1, n2, n3 = seeded_normen(aantal=3)
    BevindingFactory(onderzoek=onderzoek, norm=n1, aanbieder=a, oordeel="voldoet")
    BevindingFactory(onderzoek=onderzoek, norm=n2, aanbieder=a, oordeel="voldoet_gedeeltelijk")
    BevindingFactory(onderzoek=onderzoek, norm=n1, aanbieder=b, oordeel="voldoet_niet")
    BevindingFactory(onderzoek=onderzoek, norm=n3, aanbieder=b, oordeel="voldoet")
    return onderzoek, (n1, n2, n3), (a, b)


def test_matrix_page_exact_contents(client, ruimte, matrix_onderzoek):
    from bs4 import BeautifulSoup

    onderzoek, (n1, n2, n3), _ = matrix_onderzoek
    user = lid(ruimte, "meelezer")
    client.force_login(user)
    response = client.get(f"/samenwerking/{ruimte.pk}/onderzoeken/{onderzoek.pk}/matrix/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    tabel = soup.find("table", id="matrix")
    koppen = [th.get_text(strip=True) for th in tabel.thead.find_all("th")]
    assert koppen == ["Norm", "Alfa Zorg B.V.", "Bèta Begeleiding"]
    assert all(th["scope"] == "col" for th in tabel.thead.find_all("th"))
    rows = [[cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])] for tr in tabel.tbody.find_all("tr")]
    assert rows == [
        [f"{n1.code} {n1.title}", "Voldoet", "Voldoet niet"],
        [f"{n2.code} {n2.title}", "Voldoet gedeeltelijk", "Niet getoetst"],
        [f"{n3.code} {n3.title}", "Niet getoetst", "Voldoet"],
    ]
    assert all(tr.th["scope"] == "row" for tr in tabel.tbody.find_all("tr"))
    assert tabel.tbody.find("span", class_="oordeel--voldoet_niet").get_text() == "Voldoet niet"
    tellingen = soup.find("table", id="tellingen")
    assert [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in tellingen.tbody.find_all("tr")] == [
        ["Voldoet", "1", "1", "2"],
        ["Voldoet gedeeltelijk", "1", "0", "1"],
        ["Voldoet niet", "0", "1", "1"],
        ["Niet getoetst", "1", "1", "2"],
    ]
    assert "Legenda" in response.content.decode()
    assert AuditLogEntry.objects.filter(gebruiker=user, actie="bekeken", toelichting="matrix").count() == 1


def test_matrix_csv(client, ruimte, matrix_onderzoek):
    onderzoek, (n1, n2, n3), _ = matrix_onderzoek
    user = lid(ruimte)
    client.force_login(user)
    response = client.get(f"/samenwerking/{ruimte.pk}/onderzoeken/{onderzoek.pk}/matrix.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="bevindingen-onderzoek-{onderzoek.pk}.csv"'
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    import csv

    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert rows == [
        ["Code", "Norm", "Alfa Zorg B.V.", "Bèta Begeleiding"],
        [n1.code, n1.title, "Voldoet", "Voldoet niet"],
        [n2.code, n2.title, "Voldoet gedeeltelijk", "Niet getoetst"],
        [n3.code, n3.title, "Niet getoetst", "Voldoet"],
    ]
    entry = AuditLogEntry.objects.get(gebruiker=user, actie="gedownload")
    assert (entry.kanaal, entry.object_id, entry.toelichting) == ("download", str(onderzoek.pk), "matrix.csv")


def test_matrix_pdf(client, ruimte, matrix_onderzoek):
    from pypdf import PdfReader

    onderzoek, (n1, _n2, _n3), _ = matrix_onderzoek
    user = lid(ruimte)
    client.force_login(user)
    response = client.get(f"/samenwerking/{ruimte.pk}/onderzoeken/{onderzoek.pk}/matrix.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split())
    assert "Bevindingenmatrix: Matrixonderzoek" in text
    verwacht = ("Alfa Zorg B.V.", "Bèta Begeleiding", n1.code, "Voldoet gedeeltelijk", "Voldoet niet", "Niet getoetst")
    for expected in verwacht:
        assert expected in text
    assert "Aantallen per oordeel" in text
    entry = AuditLogEntry.objects.get(gebruiker=user, actie="gedownload")
    assert (entry.kanaal, entry.toelichting) == ("download", "matrix.pdf")


def _css_kleuren():
    """{judgement: (background, text colour)} as the HTML matrix's stylesheet gives them."""
    from django.conf import settings

    css = (settings.BASE_DIR / "static" / "css" / "samenwerking.css").read_text()
    regels = re.findall(r"\.oordeel--(\w+) \{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6}); \}", css)
    return {oordeel: (achtergrond, tekst) for oordeel, achtergrond, tekst in regels}


def _hex(r, g, b):
    return "#" + "".join(f"{round(float(c) * 255):02x}" for c in (r, g, b))


def test_matrix_pdf_shows_each_judgement_in_words_and_in_the_colours_of_the_page(client, ruimte, matrix_onderzoek):
    from pypdf import PdfReader

    onderzoek, _normen, _ = matrix_onderzoek
    kleuren = _css_kleuren()
    assert set(kleuren) == set(Oordeel.values)
    client.force_login(lid(ruimte))
    response = client.get(f"/samenwerking/{ruimte.pk}/onderzoeken/{onderzoek.pk}/matrix.pdf")
    [page] = PdfReader(io.BytesIO(response.content)).pages
    stream = page.get_contents().get_data().decode("latin-1")
    # A cell's background is a filled rectangle in its colour; its word is written in its text colour.
    vlakken = [_hex(r, g, b) for r, g, b in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg\nn [-\d. ]+ re f\*", stream)]
    labels = "|".join(re.escape(str(label)) for label in Oordeel.labels)
    woorden = [
        (_hex(r, g, b), woord)
        for r, g, b, woord in re.findall(rf"([\d.]+) ([\d.]+) ([\d.]+) rg\nBT [^\n]*?\(({labels})\) Tj", stream)
    ]
    # The matrix row by row (norm 1: voldoet, voldoet niet; norm 2: gedeeltelijk, niet getoetst;
    # norm 3: niet getoetst, voldoet), then the counts per judgement as its legend.
    matrix = ["voldoet", "voldoet_niet", "voldoet_gedeeltelijk", "niet_getoetst", "niet_getoetst", "voldoet"]
    verwacht = matrix + list(Oordeel.values)
    kop = "#e5e7eb"
    assert [vlak for vlak in vlakken if vlak != kop] == [kleuren[o][0] for o in verwacht]
    assert woorden == [(kleuren[o][1], str(Oordeel(o).label)) for o in verwacht]
