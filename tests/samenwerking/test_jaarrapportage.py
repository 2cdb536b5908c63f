"""The year report: exact figures of what the user may see, "<5" for publication, page, CSV, PDF."""

import csv
import io
from datetime import date

import pytest

from samenwerking import termijnen
from samenwerking.jaarrapportage import build
from samenwerking.models import Bevinding, Oordeel, Zelfonderzoek

from .factories import (
    AanbevelingFactory,
    AanbiederFactory,
    BevindingFactory,
    LeerpuntFactory,
    LidmaatschapFactory,
    MeldingFactory,
    OnderzoekFactory,
    OpvolgingFactory,
    OrganisatieFactory,
    RuimteFactory,
    seeded_kader,
    seeded_normen,
    seeded_toezichtsvorm,
)

pytestmark = pytest.mark.django_db


def _melding(ruimte, gebeurtenis, gemeld, **kwargs):
    return MeldingFactory(ruimte=ruimte, datum_gebeurtenis=gebeurtenis, datum_gemeld=gemeld, **kwargs)


def _meldtermijn():
    """The working days to report of 2025, as the seeded kennisbank states them."""
    return termijnen.calamiteitstermijnen(date(2025, 10, 1)).melden_werkdagen


@pytest.fixture
def world():
    organisatie = OrganisatieFactory(naam="Toezicht Wmo Testregio")
    andere = OrganisatieFactory(naam="Andere toezichthouder")
    lid = LidmaatschapFactory()
    ruimte = lid.ruimte
    ruimte.organisaties.set([organisatie, andere])
    # Five calamities in 2025, four reported the same day, one on the 13th working day after it.
    for dag in (6, 7, 8, 9):
        _melding(ruimte, date(2025, 10, dag), date(2025, 10, dag))
    laat = _melding(ruimte, date(2025, 10, 1), date(2025, 10, 20))
    # One violence report, on time, with its self-investigation received late; a calamity
    # with it received on time.
    geweld = _melding(ruimte, date(2025, 3, 3), date(2025, 3, 4), soort="geweld")
    Zelfonderzoek.objects.create(melding=geweld, ontvangen_op=date(2025, 6, 1))
    Zelfonderzoek.objects.create(melding=laat, ontvangen_op=date(2025, 11, 1))
    # Not counted: another year, another coordinating organisation, a space the user is not in.
    _melding(ruimte, date(2024, 12, 1), date(2024, 12, 2))
    _melding(ruimte, date(2025, 5, 1), date(2025, 5, 1), coordinerende_organisatie=andere)
    verborgen = RuimteFactory()
    verborgen.organisaties.set([organisatie])
    _melding(verborgen, date(2025, 5, 1), date(2025, 5, 1), coordinerende_organisatie=organisatie)

    normen = seeded_normen(aantal=2)
    aanbieders = [AanbiederFactory(), AanbiederFactory()]
    kwaliteit = OnderzoekFactory(ruimte=ruimte, werkelijk_begin=date(2025, 2, 1), coordinerende_organisatie=organisatie)
    thema = OnderzoekFactory(
        ruimte=ruimte, werkelijk_begin=date(2025, 4, 1), toezichtsvorm=seeded_toezichtsvorm("themagericht-toezicht")
    )
    OnderzoekFactory(ruimte=ruimte, werkelijk_begin=date(2024, 4, 1))
    OnderzoekFactory(ruimte=verborgen, werkelijk_begin=date(2025, 4, 1))
    for norm in normen:
        for aanbieder, oordeel in zip(aanbieders, [Oordeel.VOLDOET, Oordeel.VOLDOET_NIET], strict=True):
            BevindingFactory(onderzoek=kwaliteit, norm=norm, aanbieder=aanbieder, oordeel=oordeel)
    BevindingFactory(onderzoek=thema, norm=normen[0], aanbieder=aanbieders[0], oordeel=Oordeel.VOLDOET_GEDEELTELIJK)

    from kennisbank.models import ToezichtkaderPage

    pagina = ToezichtkaderPage.objects.first()
    type(pagina).objects.filter(pk=pagina.pk).update(first_published_at="2025-06-01T10:00:00Z")
    kwaliteit.publicatie_id = pagina.pk
    kwaliteit.save()

    leerpunt = LeerpuntFactory(ruimte=ruimte)
    for status in ("open", "open", "in_uitvoering", "afgerond"):
        OpvolgingFactory(aanbeveling=AanbevelingFactory(leerpunt=leerpunt), organisatie=organisatie, status=status)
    OpvolgingFactory(aanbeveling=AanbevelingFactory(leerpunt=LeerpuntFactory()), organisatie=organisatie)
    return {"user": lid.gebruiker, "organisatie": organisatie, "normen": normen}


def test_exact_figures_of_what_the_user_may_see(world, django_assert_max_num_queries):
    # Five aggregates, four for who may see the learnings (role, page privacy), and one for
    # which of the named pages the user may see.
    with django_assert_max_num_queries(10):
        rapport = build(world["user"], world["organisatie"], 2025)
    n = _meldtermijn()
    assert rapport.meldtermijnen == [n]
    assert rapport.meldingen == [
        ("Calamiteit", 5, {n: (5, 4)}),
        ("Geweld bij de verstrekking van een voorziening", 1, {n: (1, 1)}),
    ]
    assert rapport.zelfonderzoeken == {"ontvangen": 2, "op_tijd": 1}
    assert rapport.onderzoeken == [("Kwaliteitstoezicht", 1), ("Themagericht toezicht", 1)]
    titels = [n.title for n in world["normen"]]
    leeg = dict.fromkeys(Oordeel.values, 0)
    assert rapport.oordelen == [
        (titels[0], {**leeg, "voldoet": 1, "voldoet_niet": 1, "voldoet_gedeeltelijk": 1}),
        (titels[1], {**leeg, "voldoet": 1, "voldoet_niet": 1}),
    ]
    assert rapport.publicaties == 1
    assert rapport.aanbevelingen == {"open": 2, "in_uitvoering": 1}
    assert Bevinding.objects.count() >= 5


def test_pages_the_user_may_not_see_are_counted_without_their_titles(world):
    from django.contrib.auth.models import Group

    from wagtail.models import PageViewRestriction

    # The framework of the norms and one form of supervision, restricted after the investigations.
    groep = Group.objects.create(name="Alleen de redactie (test)")
    for page in (seeded_kader(), seeded_toezichtsvorm("themagericht-toezicht")):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS).groups.add(groep)
    rapport = build(world["user"], world["organisatie"], 2025)
    assert rapport.onderzoeken == [("Kwaliteitstoezicht", 1), ("(niet zichtbaar)", 1)]
    codes = [n.code for n in world["normen"]]
    leeg = dict.fromkeys(Oordeel.values, 0)
    assert rapport.oordelen == [
        (f"{codes[0]} (niet zichtbaar)", {**leeg, "voldoet": 1, "voldoet_niet": 1, "voldoet_gedeeltelijk": 1}),
        (f"{codes[1]} (niet zichtbaar)", {**leeg, "voldoet": 1, "voldoet_niet": 1}),
    ]


def test_for_publication_counts_under_five_are_shown_as_less_than_five(world):
    rapport = build(world["user"], world["organisatie"], 2025, publicatie=True)
    cijfers = rapport.shown()
    assert cijfers["meldtermijn_koppen"] == [f"Binnen {_meldtermijn()} werkdagen gemeld"]
    assert cijfers["meldingen"] == [
        ("Calamiteit", "5", ["<5"]),
        ("Geweld bij de verstrekking van een voorziening", "<5", ["<5"]),
    ]
    assert cijfers["zelfonderzoeken"] == {"ontvangen": "<5", "op_tijd": "<5"}
    assert cijfers["publicaties"] == "<5"
    niet_voor_publicatie = build(world["user"], world["organisatie"], 2025).shown()
    assert niet_voor_publicatie["zelfonderzoeken"] == {"ontvangen": "2", "op_tijd": "1"}


def test_the_page_csv_and_pdf(client, world):
    client.force_login(world["user"])
    query = f"organisatie={world['organisatie'].pk}&jaar=2025"
    page = client.get(f"/samenwerking/jaarrapportage/?{query}")
    assert page.status_code == 200
    assert "Jaarrapportage 2025, Toezicht Wmo Testregio" in page.content.decode()
    n = _meldtermijn()
    assert f'<th scope="col">Binnen {n} werkdagen gemeld</th>' in page.content.decode()

    response = client.get(f"/samenwerking/jaarrapportage.csv?{query}")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[:4] == [
        ["onderdeel", "omschrijving", "aantal"],
        ["Meldingen", "Calamiteit", "5"],
        ["Meldingen", f"Calamiteit: binnen {n} werkdagen gemeld", "4"],
        ["Meldingen", "Geweld bij de verstrekking van een voorziening", "1"],
    ]
    assert ["Openstaande aanbevelingen", "Open", "2"] in rows

    published = list(
        csv.reader(io.StringIO(client.get(f"/samenwerking/jaarrapportage.csv?{query}&publicatie=1").content.decode()))
    )
    assert published[1:3] == [
        ["Meldingen", "Calamiteit", "5"],
        ["Meldingen", f"Calamiteit: binnen {n} werkdagen gemeld", "<5"],
    ]
    assert all(row[2] == "<5" or int(row[2]) >= 5 for row in published[1:])

    pdf = client.get(f"/samenwerking/jaarrapportage.pdf?{query}&publicatie=1")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Jaarrapportage 2025, Toezicht Wmo Testregio" in text
    assert f"Calamiteit: binnen {n} werkdagen gemeld" in text
    assert "<5" in text


def test_reports_judged_by_different_terms_are_counted_per_term(client):
    """An editor changed the form of supervision's term during the year: each report counts
    under the term it was judged by, and the report says so."""
    from kennisbank.models import ToezichtsvormPage

    n = _meldtermijn()
    organisatie = OrganisatieFactory(naam="Toezicht Wmo Wisselregio")
    lid = LidmaatschapFactory()
    lid.ruimte.organisaties.set([organisatie])
    # Thursday 2 October: on time by the term of the kennisbank, and 6 working days late.
    _melding(lid.ruimte, date(2025, 10, 2), date(2025, 10, 2))
    _melding(lid.ruimte, date(2025, 10, 2), date(2025, 10, 13))
    oud = _melding(lid.ruimte, date(2025, 10, 2), date(2025, 10, 3), soort="geweld")
    type(oud).objects.filter(pk=oud.pk).update(meldtermijn_werkdagen=None)  # recorded before terms were kept
    vorm = ToezichtsvormPage.objects.get(title="Toezicht op calamiteiten en geweldsincidenten")
    vorm.aanleiding = vorm.aanleiding.replace(f"(binnen {n} werkdagen)", f"(binnen {n + 10} werkdagen)")
    vorm.save()
    _melding(lid.ruimte, date(2025, 11, 3), date(2025, 11, 10))

    rapport = build(lid.gebruiker, organisatie, 2025)
    assert rapport.meldtermijnen == [n, n + 10, None]
    assert rapport.meldingen == [
        ("Calamiteit", 3, {n: (2, 1), n + 10: (1, 1)}),
        ("Geweld bij de verstrekking van een voorziening", 1, {None: (1, 1)}),
    ]
    assert rapport.rows()[:8] == [
        ("Meldingen", "Calamiteit", "3"),
        ("Meldingen", f"Calamiteit: getoetst aan een meldtermijn van {n} werkdagen", "2"),
        ("Meldingen", f"Calamiteit: binnen {n} werkdagen gemeld", "1"),
        ("Meldingen", f"Calamiteit: getoetst aan een meldtermijn van {n + 10} werkdagen", "1"),
        ("Meldingen", f"Calamiteit: binnen {n + 10} werkdagen gemeld", "1"),
        ("Meldingen", "Calamiteit: meldtermijn niet vastgelegd", "0"),
        ("Meldingen", "Calamiteit: tijdig gemeld", "0"),
        ("Meldingen", "Geweld bij de verstrekking van een voorziening", "1"),
    ]
    cijfers = build(lid.gebruiker, organisatie, 2025, publicatie=True).shown()
    assert cijfers["meldtermijn_koppen"] == [
        f"Binnen {n} werkdagen gemeld",
        f"Binnen {n + 10} werkdagen gemeld",
        "Tijdig gemeld",
    ]
    assert cijfers["meldingen"][0] == ("Calamiteit", "<5", ["<5 van <5", "<5 van <5", "<5 van <5"])

    client.force_login(lid.gebruiker)
    page = client.get(f"/samenwerking/jaarrapportage/?organisatie={organisatie.pk}&jaar=2025").content.decode()
    assert "aan verschillende meldtermijnen getoetst" in page
    assert f'<th scope="col">Binnen {n + 10} werkdagen gemeld</th>' in page
    assert "<td>1 van 2</td>" in page


def test_a_year_without_reports_names_no_term():
    rapport = build(LidmaatschapFactory().gebruiker, OrganisatieFactory(), 2025)
    assert rapport.shown()["meldtermijn_koppen"] == ["Tijdig gemeld"]
    assert ("Meldingen", "Calamiteit: tijdig gemeld", "0") in rapport.rows()


def test_the_users_own_organisation_by_default(client, world):
    user = world["user"]
    user.organisatie = world["organisatie"]
    user.save()
    client.force_login(user)
    page = client.get("/samenwerking/jaarrapportage/?jaar=2025").content.decode()
    assert "Jaarrapportage 2025, Toezicht Wmo Testregio" in page


@pytest.mark.parametrize(
    "query,message",
    [
        ("jaar=abc", "Het jaar moet een jaartal zijn"),
        ("jaar=1900", "Het jaar moet een jaartal zijn"),
        ("organisatie=99999999", "Deze organisatie bestaat niet"),
        ("organisatie=abc", "Deze organisatie bestaat niet"),
        ("organisatie=1&publicatie=ja", "publicatie=1"),
    ],
)
def test_bad_parameters_are_refused_in_dutch(client, world, query, message):
    client.force_login(world["user"])
    urls = ("/samenwerking/jaarrapportage/", "/samenwerking/jaarrapportage.csv", "/samenwerking/jaarrapportage.pdf")
    for url in urls:
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400
        assert message in response.content.decode()


def test_no_organisation_at_all_is_explained(client, world):
    client.force_login(world["user"])
    response = client.get("/samenwerking/jaarrapportage/")
    assert response.status_code == 400
    assert "uw account hoort bij geen organisatie" in response.content.decode()


def test_anonymous_users_are_sent_to_sign_in(client):
    assert client.get("/samenwerking/jaarrapportage/").status_code == 302
    assert client.get("/samenwerking/jaarrapportage.csv?jaar=2025").status_code == 302
