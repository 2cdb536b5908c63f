"""The demo content of the supervisors' work (PORTAL_DEMO) and the themes (always), as seeded."""

import re
from datetime import date, timedelta

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django.utils.formats import date_format

import pytest
import yaml

from kennisbank.models import NormPage, ProcedurePage, PublicatiePage
from kennisbank.seed import CONTENT_DIR
from portal.models import User
from samenwerking import procedure, seed, termijnen
from samenwerking.models import (
    Aanbeveling,
    Aanbieder,
    Bevinding,
    Leerpunt,
    LeerpuntVerruiming,
    Melding,
    Onderzoek,
    Opvolging,
    Procedurestap,
    Samenwerkingsruimte,
    Thema,
    Zelfonderzoek,
)

pytestmark = pytest.mark.django_db


class _Command:
    def __init__(self):
        self.lines = []

    def report(self, message):
        self.lines.append(message)


@pytest.fixture(autouse=True)
def demo_toezicht(db, settings):
    """The demo investigation, report and learning, which the test database leaves out."""
    settings.PORTAL_DEMO_TOEZICHT = True
    seed.load(_Command())


def _lvb():
    return Samenwerkingsruimte.objects.get(titel=seed.LVB)


def _counts():
    return [
        model.objects.count()
        for model in (Aanbieder, Onderzoek, Bevinding, Procedurestap, Melding, Leerpunt, Aanbeveling, Opvolging, Thema)
    ]


def test_the_jaarbeeld_themes_name_their_chapter_as_readers_cite_it():
    jaarbeeld = PublicatiePage.objects.get(slug="jaarbeeld-2016-beleid-in-de-praktijk")
    themas = {t.naam: t for t in Thema.objects.filter(slug__in=[s for s, _n in seed.JAARBEELD_THEMAS])}
    assert sorted(themas) == ["Eigen kracht", "Veiligheid", "Vroegsignalering en preventie"]
    for naam, thema in themas.items():
        assert thema.pagina_id == jaarbeeld.pk
        assert thema.bron == (
            f"Toezicht Sociaal Domein / Samenwerkend Toezicht Jeugd, Jaarbeeld 2016: Beleid in de praktijk (2017), "
            f"hoofdstuk \u201c{naam}\u201d"
        )
        # Each theme is a chapter of the Jaarbeeld it points at.
        assert f"## {naam}" in seed_text_of(jaarbeeld)


def seed_text_of(page):
    with (CONTENT_DIR / "60-jaarbeeld-2016.yaml").open(encoding="utf-8") as handle:
        entries = yaml.safe_load(handle)["publicaties"]
    return next(e["tekst"] for e in entries if e["slug"] == page.slug)


@override_settings(PORTAL_DEMO=False)
def test_themes_are_loaded_without_the_demo_flag_and_an_editors_text_is_kept():
    Thema.objects.filter(slug="eigen-kracht").update(omschrijving="Door een redacteur aangepast.")
    Thema.objects.filter(slug="veiligheid").delete()
    seed.load(_Command())
    assert Thema.objects.get(slug="eigen-kracht").omschrijving == "Door een redacteur aangepast."
    assert Thema.objects.get(slug="veiligheid").pagina.slug == "jaarbeeld-2016-beleid-in-de-praktijk"


def test_the_investigation_judges_two_fictional_providers_on_the_2025_provider_norms():
    onderzoek = Onderzoek.objects.get(ruimte=_lvb(), titel=seed.DEMO_ONDERZOEK)
    assert onderzoek.fictief and "(fictief)" in onderzoek.titel
    assert onderzoek.toezichtsvorm.slug == "kwaliteitstoezicht"
    assert onderzoek.kader.slug == "rotterdam-rijnmond-2025"
    deel = onderzoek.kader.get_children().order_by("path").first()
    assert deel.slug == "a-toetsingskader-met-normen-voor-aanbieders"
    normen = list(NormPage.objects.descendant_of(deel).order_by("path"))
    assert len(normen) == 29
    assert [n.norm_id for n in onderzoek.toetsnormen.all()] == [n.pk for n in normen]
    aanbieders = list(onderzoek.aanbieders.order_by("naam"))
    assert [a.naam for a in aanbieders] == sorted(n for n, _p in seed.DEMO_AANBIEDERS)
    assert all(a.fictief and "(fictief)" in a.naam for a in aanbieders)
    bevindingen = Bevinding.objects.filter(onderzoek=onderzoek)
    assert bevindingen.count() == 58
    oordelen = set(bevindingen.values_list("oordeel", flat=True))
    assert oordelen == {"voldoet", "voldoet_gedeeltelijk", "voldoet_niet", "niet_getoetst"}
    assert all(b.toelichting for b in bevindingen if b.oordeel != "voldoet")
    assert not any(b.toelichting for b in bevindingen if b.oordeel == "voldoet")


def test_the_report_waits_for_the_zienswijze_with_the_frameworks_steps_and_terms():
    onderzoek = Onderzoek.objects.get(titel=seed.DEMO_ONDERZOEK)
    assert onderzoek.status == Onderzoek.Status.OPENBAARMAKING
    assert "(fictief)" in onderzoek.rapport_definitief.naam and onderzoek.rapport_definitief.versies.count() == 1
    procedure_page = ProcedurePage.objects.get(kader=onderzoek.kader)
    kennisbank = list(procedure_page.stappen.order_by("sort_order", "pk"))
    stappen = list(onderzoek.procedurestappen.order_by("volgorde"))
    # Numbered as the procedure numbers the framework's steps, so each sits in its own slot.
    assert [(s.volgorde, s.titel, s.stap_id) for s in stappen] == [
        (1, "Hoor en wederhoor", kennisbank[0].pk),
        (2, "Versturen definitieve versie", kennisbank[1].pk),
        (3, "Reactie van maximaal 200 woorden", kennisbank[2].pk),
        (4, "Zienswijze over de voorgenomen openbaarmaking", kennisbank[3].pk),
    ]
    assert [(d.volgorde, d.titel) for d in procedure.stappen_van(onderzoek.kader)][:4] == [
        (s.volgorde, s.titel) for s in stappen
    ]
    wederhoor, definitief, reactie, zienswijze = stappen
    vandaag = timezone.localdate()
    # The reaction and the zienswijze both run from the day the provider holds the definitive version.
    assert [(s.begonnen_op, s.afgerond_op) for s in stappen] == [
        (vandaag - timedelta(days=24), vandaag - timedelta(days=14)),
        (vandaag - timedelta(days=14), vandaag - timedelta(days=4)),
        (vandaag - timedelta(days=4), vandaag - timedelta(days=2)),
        (vandaag - timedelta(days=4), None),
    ]
    for stap, bron in zip(stappen, kennisbank, strict=False):
        assert stap.uiterlijk_op == termijnen.termijn_in(bron.termijn_eenheid, bron.termijn_aantal, stap.begonnen_op)
    assert all(s.afgerond_op <= s.uiterlijk_op for s in (wederhoor, definitief, reactie))
    assert zienswijze.uiterlijk_op > vandaag
    assert onderzoek.reactie_aanbieder.startswith("Fictief")


def _acties(page):
    """The (action, step) pairs of the forms the report page offers."""
    return set(re.findall(r'name="actie" value="(\w+)"><input type="hidden" name="stap" value="(\d+)"', page))


def test_the_demo_report_page_has_the_zienswijze_as_its_current_step(client):
    """Through the page a user uses: the zienswijze is the step at its turn, with its due date and
    the extension; finishing it begins the decision, not a second zienswijze."""
    onderzoek = Onderzoek.objects.get(titel=seed.DEMO_ONDERZOEK)
    toezichthouder = User.objects.get(email="toezichthouder@demo.toezichtportaal.nl")
    client.force_login(toezichthouder)
    url = f"/samenwerking/{onderzoek.ruimte_id}/onderzoeken/{onderzoek.pk}/rapport/"

    assert [r.definitie.rol for r in procedure.overzicht(onderzoek) if r.aan_de_beurt] == ["zienswijze"]
    page = client.get(url).content.decode()
    assert _acties(page) == {("afronden", "4"), ("uitstel", "4")}
    assert "Zienswijze over de voorgenomen openbaarmaking afronden" in page
    zienswijze = onderzoek.procedurestappen.get(volgorde=4)
    assert date_format(zienswijze.uiterlijk_op, "j F Y") in page

    tot = zienswijze.uiterlijk_op + timedelta(days=7)
    uitstel = {"uitstel4-uitstel_tot": tot.isoformat(), "uitstel4-uitstel_reden": "Fictief"}
    response = client.post(url, {"actie": "uitstel", "stap": "4", **uitstel})
    assert response.status_code == 302
    zienswijze.refresh_from_db()
    assert (zienswijze.uitstel_tot, zienswijze.uitstel_reden) == (termijnen.volgende_werkdag(tot), "Fictief")

    vandaag = timezone.localdate()
    response = client.post(
        url,
        {"actie": "afronden", "stap": "4", "stap4-datum": vandaag.isoformat(), "stap4-toelichting": "Ontvangen."},
    )
    assert response.status_code == 302
    assert list(onderzoek.procedurestappen.order_by("volgorde").values_list("volgorde", "titel", "afgerond_op")) == [
        *onderzoek.procedurestappen.filter(volgorde__lt=4)
        .order_by("volgorde")
        .values_list("volgorde", "titel", "afgerond_op"),
        (4, "Zienswijze over de voorgenomen openbaarmaking", vandaag),
        (5, "Besluit openbaarmaking", None),
    ]
    assert onderzoek.procedurestappen.filter(titel__startswith="Zienswijze").count() == 1
    assert _acties(client.get(url).content.decode()) == {("afronden", "5")}


def test_the_calamity_report_is_fictional_and_its_clock_runs():
    melding = Melding.objects.get(ruimte=_lvb())
    assert melding.fictief and melding.samenvatting.startswith("Fictief")
    assert melding.soort == Melding.Soort.CALAMITEIT and melding.aanbieder.fictief
    assert date.today() - timedelta(days=7) <= melding.datum_gemeld < date.today()
    assert melding.tijdig_gemeld
    assert melding.zelfonderzoek_uiterlijk == termijnen.zelfonderzoek_uiterlijk(melding.datum_gemeld)
    assert melding.zelfonderzoek_uiterlijk > date.today()
    assert melding.is_open and not Zelfonderzoek.objects.filter(melding=melding).exists()


def test_the_learning_is_shared_with_all_supervisors_with_one_recommendation_followed_up():
    leerpunt = Leerpunt.objects.get(ruimte=_lvb())
    assert leerpunt.fictief and "(fictief)" in leerpunt.titel
    assert leerpunt.reikwijdte == Leerpunt.Reikwijdte.TOEZICHTHOUDERS
    assert list(LeerpuntVerruiming.objects.filter(leerpunt=leerpunt).values_list("van", "naar")) == [
        ("ruimte", "toezichthouders")
    ]
    assert LeerpuntVerruiming.objects.get(leerpunt=leerpunt).reden
    assert [t.slug for t in leerpunt.themas.all()] == ["veiligheid"]
    opvolgingen = sorted(
        Opvolging.objects.filter(aanbeveling__leerpunt=leerpunt).values_list("status", "datum"),
        key=lambda row: row[0],
    )
    assert [status for status, _d in opvolgingen] == ["afgerond", "open"]
    assert opvolgingen[0][1] is not None and opvolgingen[1][1] is None
    assert Aanbeveling.objects.filter(leerpunt=leerpunt).count() == 2


def test_loading_again_changes_nothing():
    before = _counts()
    call_command("load_seed_content", verbosity=0)
    assert _counts() == before


@override_settings(PORTAL_DEMO=False)
def test_without_the_demo_flag_no_demo_content_is_made():
    Onderzoek.objects.all().delete()
    Leerpunt.objects.all().delete()
    Melding.objects.all().delete()
    seed.load(_Command())
    assert not Onderzoek.objects.exists() and not Melding.objects.exists() and not Leerpunt.objects.exists()


def test_an_editor_adds_a_theme_in_the_admin(client):
    from django.contrib.auth.models import Group

    from portal.roles import REDACTEUR
    from tests.samenwerking.factories import UserFactory

    redacteur = UserFactory(is_staff=True)
    redacteur.groups.add(Group.objects.get(name=REDACTEUR))
    client.force_login(redacteur)
    listing = client.get("/admin/snippets/samenwerking/thema/")
    assert listing.status_code == 200
    assert "Vroegsignalering en preventie" in listing.content.decode()
    response = client.post(
        "/admin/snippets/samenwerking/thema/add/",
        {"naam": "Mantelzorg", "slug": "mantelzorg", "omschrijving": "Door een redacteur toegevoegd.", "bron": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Thema.objects.get(slug="mantelzorg").naam == "Mantelzorg"
    professional = UserFactory()
    client.force_login(professional)
    assert client.get("/admin/snippets/samenwerking/thema/").status_code in (302, 403)
