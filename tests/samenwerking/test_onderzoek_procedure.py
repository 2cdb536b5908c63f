"""The report's publication procedure, read from the framework's ProcedurePage: the steps in
order with their dates and terms (weekends and holidays), the refusals (201 words, a step out of
order, a publication before its date, a form whose results are not published), and publishing
through the editors' workflow."""

from datetime import date

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

import pytest
from wagtail.models import Page

from kennisbank.models import KennisbankIndexPage, ProcedurePage, PublicatiePage
from portal.roles import TOEZICHTHOUDER
from samenwerking import procedure
from samenwerking.models import AuditLogEntry, Onderzoek, Procedurestap

from .factories import (
    DocumentFactory,
    LidmaatschapFactory,
    MeldingFactory,
    OnderzoekFactory,
    RuimteFactory,
    UserFactory,
    seeded_kader,
    seeded_toezichtsvorm,
    version,
)

pytestmark = pytest.mark.django_db
PAGINA = AuditLogEntry.Kanaal.PAGINA

ZIENSWIJZE = "Zienswijze over de voorgenomen openbaarmaking"
GEEN_TERMIJN = "Geen termijn: het toezichtskader noemt geen termijn voor het besluit nadat een zienswijze is ingediend."
RAPPORTTEKST = "Rapport van het kwaliteitsonderzoek (fictief).\n\nDe aanbieder voldoet aan de meeste normen."


@pytest.fixture
def user():
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=TOEZICHTHOUDER)[0])
    return user


@pytest.fixture
def onderzoek(user):
    ruimte = RuimteFactory()
    LidmaatschapFactory(ruimte=ruimte, gebruiker=user)
    concept = DocumentFactory(ruimte=ruimte, naam="Conceptrapport")
    version(concept, content=b"Concept (fictief)\n", naam="concept.txt")
    return OnderzoekFactory(ruimte=ruimte, normen=2, rapport_concept=concept)


def _definitief(onderzoek):
    document = DocumentFactory(ruimte=onderzoek.ruimte, naam="Definitief rapport")
    version(document, content=RAPPORTTEKST.encode(), naam="rapport.txt")
    return document


def _stappen(onderzoek):
    return [
        (s.volgorde, s.titel, s.begonnen_op, s.uiterlijk_op, s.vroegst_op, s.afgerond_op)
        for s in Procedurestap.objects.filter(onderzoek=onderzoek).order_by("volgorde")
    ]


def test_the_publishing_forms_come_from_the_procedure_text():
    assert sorted(vorm.title for vorm in procedure.publicerende_vormen(seeded_kader())) == [
        "Kwaliteitstoezicht",
        "Signaalgestuurd toezicht",
        "Themagericht toezicht",
    ]


def test_the_steps_and_terms_come_from_the_procedure_page():
    definities = procedure.stappen_van(seeded_kader())
    stappen = list(ProcedurePage.objects.get(kader=seeded_kader()).stappen.order_by("sort_order", "pk"))
    assert [d.titel for d in definities] == [s.titel for s in stappen]
    assert [d.rol for d in definities] == [
        "hoor_en_wederhoor",
        "definitief",
        "reactie",
        "zienswijze",
        "besluit",
        "bezwaar",
        "publicatie",
    ]
    reactie = definities[2]
    assert reactie.maximum_woorden == 200
    assert [d.volgorde for d in definities if d.schorst_niet] == [6]
    assert [d.volgorde for d in definities if d.minimum] == [7]
    assert definities[5].voorlopige_voorziening_weken == 2


def test_words_are_counted_as_whitespace_separated_tokens():
    assert procedure.tel_woorden("") == 0
    assert procedure.tel_woorden("  een\ttwee\n\ndrie - vier ") == 5


def test_a_form_whose_results_are_not_published_has_no_procedure(user, onderzoek):
    Onderzoek.objects.filter(pk=onderzoek.pk).update(toezichtsvorm=seeded_toezichtsvorm("preventief-toezicht"))
    onderzoek.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        procedure.start(user, onderzoek, date(2026, 4, 13), PAGINA)
    assert "worden niet openbaar gemaakt" in exc.value.messages[0]
    assert Procedurestap.objects.count() == 0


def test_the_procedure_through_all_steps_with_its_dates(user, onderzoek):
    """Dates computed by hand from seed 004 section 1.3 and the Algemene termijnenwet."""
    procedure.start(user, onderzoek, date(2026, 4, 13), PAGINA)
    # Two weeks from Monday 13 April end on Koningsdag (27 April 2026): the next working day.
    assert _stappen(onderzoek) == [(1, "Hoor en wederhoor", date(2026, 4, 13), date(2026, 4, 28), None, None)]

    with pytest.raises(ValidationError, match="niet aan de beurt"):
        procedure.afronden(user, onderzoek, 3, PAGINA, datum=date(2026, 4, 20), reactie="Dank.")
    procedure.afronden(user, onderzoek, 1, PAGINA, datum=date(2026, 4, 20), toelichting="Twee correcties verwerkt.")
    assert _stappen(onderzoek)[1:] == [
        (2, "Versturen definitieve versie", date(2026, 4, 20), date(2026, 5, 4), None, None)
    ]
    with pytest.raises(ValidationError, match="definitieve rapport"):
        procedure.afronden(user, onderzoek, 2, PAGINA, datum=date(2026, 4, 24))
    procedure.afronden(user, onderzoek, 2, PAGINA, datum=date(2026, 4, 24), document=_definitief(onderzoek))

    # Both run from Friday 24 April, when the provider holds the definitive version: 8 May.
    assert _stappen(onderzoek)[2:] == [
        (3, "Reactie van maximaal 200 woorden", date(2026, 4, 24), date(2026, 5, 8), None, None),
        (4, "Zienswijze over de voorgenomen openbaarmaking", date(2026, 4, 24), date(2026, 5, 8), None, None),
    ]
    assert [r.definitie.volgorde for r in procedure.overzicht(onderzoek) if r.aan_de_beurt] == [3, 4]

    with pytest.raises(ValidationError, match="maximaal 200 woorden hebben; deze heeft er 201"):
        procedure.afronden(user, onderzoek, 3, PAGINA, datum=date(2026, 4, 30), reactie=" ".join(["woord"] * 201))
    assert Procedurestap.objects.get(onderzoek=onderzoek, volgorde=3).afgerond_op is None
    procedure.afronden(user, onderzoek, 3, PAGINA, datum=date(2026, 4, 30), reactie=" ".join(["woord"] * 200))
    onderzoek.refresh_from_db()
    assert procedure.tel_woorden(onderzoek.reactie_aanbieder) == 200
    # The reaction begins nothing: the zienswijze was already running and keeps its own term.
    assert len(_stappen(onderzoek)) == 4

    with pytest.raises(ValidationError, match="pas worden afgerond als de termijn voorbij is: na 8 mei 2026"):
        procedure.afronden(user, onderzoek, 4, PAGINA, datum=date(2026, 5, 8), geen=True)
    procedure.afronden(user, onderzoek, 4, PAGINA, datum=date(2026, 5, 11), geen=True)
    assert Procedurestap.objects.get(onderzoek=onderzoek, volgorde=4).toelichting == "Geen zienswijze ontvangen."
    # No zienswijze: the decision comes "na 2 weken" from 24 April, after Friday 8 May: Monday 11 May.
    assert _stappen(onderzoek)[4:] == [(5, "Besluit openbaarmaking", date(2026, 5, 11), date(2026, 5, 11), None, None)]

    procedure.afronden(user, onderzoek, 5, PAGINA, datum=date(2026, 5, 12), toelichting="Besluit tot openbaarmaking.")
    # Bezwaar within 6 weeks of the decision (not suspensive); publication no earlier than 2 weeks
    # after it: Tuesday 26 May, the day after Whit Monday.
    assert _stappen(onderzoek)[4:] == [
        (5, "Besluit openbaarmaking", date(2026, 5, 11), date(2026, 5, 11), None, date(2026, 5, 12)),
        (6, "Bezwaar", date(2026, 5, 12), date(2026, 6, 23), None, None),
        (7, "Publicatie", date(2026, 5, 12), None, date(2026, 5, 26), None),
    ]
    regels = procedure.overzicht(onderzoek)
    assert regels[5].voorlopige_voorziening_uiterlijk == date(2026, 5, 26)
    assert [r.definitie.volgorde for r in regels if r.aan_de_beurt] == [6, 7]

    with pytest.raises(ValidationError, match="Publiceren kan niet eerder dan 26 mei 2026"):
        procedure.publiceer(user, onderzoek, PAGINA, vandaag=date(2026, 5, 25))
    assert PublicatiePage.objects.filter(title=onderzoek.titel).count() == 0

    # The bezwaar is not suspensive: publication goes ahead while it is open.
    page = procedure.publiceer(user, onderzoek, PAGINA, vandaag=date(2026, 5, 26))
    page = PublicatiePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.get_parent().specific_class is KennisbankIndexPage
    assert page.workflow_in_progress
    assert page.current_workflow_state.requested_by == user
    body = [(block.block_type, str(block.value)) for block in page.body]
    assert body[0][0] == "paragraph" and "De aanbieder voldoet aan de meeste normen." in body[0][1]
    assert body[1] == ("heading", str(page.body[1].value))
    assert page.body[1].value["text"] == "Bijlage: reactie van de aanbieder"
    assert body[2][1].count("woord") == 200
    onderzoek.refresh_from_db()
    assert onderzoek.publicatie_id == page.pk
    assert Procedurestap.objects.get(onderzoek=onderzoek, volgorde=6).afgerond_op is None
    assert AuditLogEntry.objects.filter(actie="ter_publicatie", object_id=str(onderzoek.pk)).count() == 1
    with pytest.raises(ValidationError):
        procedure.publiceer(user, onderzoek, PAGINA, vandaag=date(2026, 5, 27))


def _tot_zienswijze(user, onderzoek, begin=date(2026, 4, 13)):
    procedure.start(user, onderzoek, begin, PAGINA)
    procedure.afronden(user, onderzoek, 1, PAGINA, datum=date(2026, 4, 20))
    procedure.afronden(user, onderzoek, 2, PAGINA, datum=date(2026, 4, 24), document=_definitief(onderzoek))
    procedure.afronden(user, onderzoek, 3, PAGINA, datum=date(2026, 4, 30))


def test_an_extension_of_the_zienswijze_moves_its_term(user, onderzoek):
    _tot_zienswijze(user, onderzoek)
    with pytest.raises(ValidationError, match="reden"):
        procedure.uitstel(user, onderzoek, 4, PAGINA, tot=date(2026, 5, 29), reden="  ")
    with pytest.raises(ValidationError, match="na de huidige termijn"):
        procedure.uitstel(user, onderzoek, 4, PAGINA, tot=date(2026, 5, 8), reden="Ziekte directeur")
    with pytest.raises(ValidationError, match="alleen voor de zienswijze"):
        procedure.uitstel(user, onderzoek, 5, PAGINA, tot=date(2026, 6, 1), reden="x")
    # Whit Monday (25 May 2026) is no working day: the extension runs to Tuesday.
    stap = procedure.uitstel(user, onderzoek, 4, PAGINA, tot=date(2026, 5, 25), reden="Ziekte directeur")
    assert (stap.uitstel_tot, stap.termijn) == (date(2026, 5, 26), date(2026, 5, 26))
    assert stap.uitstel_reden == "Ziekte directeur"
    with pytest.raises(ValidationError, match="26 mei 2026"):
        procedure.afronden(user, onderzoek, 4, PAGINA, datum=date(2026, 5, 20), geen=True)
    procedure.afronden(user, onderzoek, 4, PAGINA, datum=date(2026, 5, 20), toelichting="Zienswijze ontvangen.")


def test_the_reaction_and_the_zienswijze_run_side_by_side_from_the_definitive_version(client, user, onderzoek):
    procedure.start(user, onderzoek, date(2026, 4, 7), PAGINA)
    procedure.afronden(user, onderzoek, 1, PAGINA, datum=date(2026, 4, 14))
    procedure.afronden(user, onderzoek, 2, PAGINA, datum=date(2026, 4, 21), document=_definitief(onderzoek))
    # Two weeks from Tuesday 21 April end on 5 May, which the Algemene termijnenwet counts as a
    # holiday every year: both terms run to Wednesday 6 May.
    assert _stappen(onderzoek)[2:] == [
        (3, "Reactie van maximaal 200 woorden", date(2026, 4, 21), date(2026, 5, 6), None, None),
        (4, "Zienswijze over de voorgenomen openbaarmaking", date(2026, 4, 21), date(2026, 5, 6), None, None),
    ]
    # The zienswijze comes first; the decision follows it while the reaction's term still runs,
    # and has no due date, as the framework names none after a zienswijze.
    procedure.afronden(user, onderzoek, 4, PAGINA, datum=date(2026, 4, 29), toelichting="Zienswijze ontvangen.")
    assert _stappen(onderzoek)[2:] == [
        (3, "Reactie van maximaal 200 woorden", date(2026, 4, 21), date(2026, 5, 6), None, None),
        (4, ZIENSWIJZE, date(2026, 4, 21), date(2026, 5, 6), None, date(2026, 4, 29)),
        (5, "Besluit openbaarmaking", date(2026, 4, 29), None, None, None),
    ]
    regels = procedure.overzicht(onderzoek)
    assert [(r.definitie.volgorde, r.zonder_termijn) for r in regels if r.aan_de_beurt] == [(3, False), (5, True)]
    client.force_login(user)
    page = client.get(f"/samenwerking/{onderzoek.ruimte_id}/onderzoeken/{onderzoek.pk}/rapport/").content.decode()
    besluit = page[page.index('id="stap-5"') : page.index('id="stap-6"')]
    assert GEEN_TERMIJN in besluit
    assert "Geen termijn" not in page.replace(besluit, "")

    # Publication, no earlier than 2 weeks after the decision of 30 April (14 May is Ascension
    # Day: 15 May), waits for the reaction, its annex.
    procedure.afronden(user, onderzoek, 5, PAGINA, datum=date(2026, 4, 30))
    assert _stappen(onderzoek)[5:] == [
        (6, "Bezwaar", date(2026, 4, 30), date(2026, 6, 11), None, None),
        (7, "Publicatie", date(2026, 4, 30), None, date(2026, 5, 15), None),
    ]
    with pytest.raises(ValidationError) as exc:
        procedure.publiceer(user, onderzoek, PAGINA, vandaag=date(2026, 5, 15))
    assert exc.value.messages == ["Deze stap is niet aan de beurt: rond eerst ‘Reactie van maximaal 200 woorden’ af."]
    assert PublicatiePage.objects.filter(title=onderzoek.titel).count() == 0
    procedure.afronden(user, onderzoek, 3, PAGINA, datum=date(2026, 5, 6), reactie="Wij herkennen de bevindingen.")
    assert len(_stappen(onderzoek)) == 7
    page = procedure.publiceer(user, onderzoek, PAGINA, vandaag=date(2026, 5, 15))
    assert "Wij herkennen de bevindingen." in str(PublicatiePage.objects.get(pk=page.pk).body[2].value)


def test_without_a_zienswijze_after_an_extension_the_decision_follows_the_extension(user, onderzoek):
    _tot_zienswijze(user, onderzoek)
    # Extended to Friday 22 May; the first working day after it is Tuesday 26 May (Whit Monday).
    procedure.uitstel(user, onderzoek, 4, PAGINA, tot=date(2026, 5, 22), reden="Ziekte directeur")
    with pytest.raises(ValidationError, match="na 22 mei 2026"):
        procedure.afronden(user, onderzoek, 4, PAGINA, datum=date(2026, 5, 22), geen=True)
    procedure.afronden(user, onderzoek, 4, PAGINA, datum=date(2026, 5, 26), geen=True)
    besluit = Procedurestap.objects.get(onderzoek=onderzoek, volgorde=5)
    assert (besluit.begonnen_op, besluit.uiterlijk_op) == (date(2026, 5, 26), date(2026, 5, 26))
    assert not procedure.overzicht(onderzoek)[4].zonder_termijn


def test_publishing_without_a_published_kennisbank_is_refused_in_dutch(client, user, onderzoek):
    _tot_zienswijze(user, onderzoek)
    procedure.afronden(user, onderzoek, 4, PAGINA, datum=date(2026, 5, 18), geen=True)
    procedure.afronden(user, onderzoek, 5, PAGINA, datum=date(2026, 5, 19))
    for index in KennisbankIndexPage.objects.live():
        index.unpublish()
    pages_before = Page.objects.count()
    client.force_login(user)
    url = f"/samenwerking/{onderzoek.ruimte_id}/onderzoeken/{onderzoek.pk}/rapport/"
    response = client.post(url, {"actie": "publiceren"})
    assert response.status_code == 400
    assert (
        "Er is geen gepubliceerde kennisbank om het rapport in te plaatsen. Vraag de redactie de kennisbank te "
        "publiceren en bied het rapport daarna opnieuw aan."
    ) in response.content.decode()
    # Nothing half-saved: no page, the step still open, the investigation without a publication.
    assert Page.objects.count() == pages_before
    assert PublicatiePage.objects.filter(title=onderzoek.titel).count() == 0
    assert Procedurestap.objects.get(onderzoek=onderzoek, volgorde=7).afgerond_op is None
    onderzoek.refresh_from_db()
    assert onderzoek.publicatie_id is None
    assert not AuditLogEntry.objects.filter(actie="ter_publicatie").exists()


def test_a_term_ending_on_a_saturday_runs_to_monday(user, onderzoek):
    procedure.start(user, onderzoek, date(2026, 10, 3), PAGINA)
    assert Procedurestap.objects.get(onderzoek=onderzoek).uiterlijk_op == date(2026, 10, 19)


def test_dates_in_the_future_or_before_the_step_are_refused(user, onderzoek):
    with pytest.raises(ValidationError, match="toekomst"):
        procedure.start(user, onderzoek, date(2099, 1, 5), PAGINA)
    procedure.start(user, onderzoek, date(2026, 4, 13), PAGINA)
    with pytest.raises(ValidationError, match="vóór het begin van de stap"):
        procedure.afronden(user, onderzoek, 1, PAGINA, datum=date(2026, 4, 10))
    with pytest.raises(ValidationError, match="al begonnen"):
        procedure.start(user, onderzoek, date(2026, 4, 13), PAGINA)


def test_a_report_document_of_a_melding_is_never_published(user, onderzoek):
    _tot_zienswijze(user, onderzoek)
    procedure.afronden(user, onderzoek, 4, PAGINA, datum=date(2026, 5, 18), geen=True)
    procedure.afronden(user, onderzoek, 5, PAGINA, datum=date(2026, 5, 19))
    onderzoek.refresh_from_db()
    melding = MeldingFactory(ruimte=onderzoek.ruimte)
    melding.documenten.add(onderzoek.rapport_definitief)
    with pytest.raises(ValidationError, match="nooit openbaar"):
        procedure.publiceer(user, onderzoek, PAGINA, vandaag=date(2026, 6, 2))
    assert PublicatiePage.objects.filter(title=onderzoek.titel).count() == 0
    assert AuditLogEntry.objects.filter(actie="openbaarmaking_geweigerd", object_id=str(onderzoek.pk)).count() == 1
    onderzoek.refresh_from_db()
    assert onderzoek.publicatie_id is None


def test_the_report_page_shows_the_steps_and_refuses_bad_input(client, user, onderzoek):
    client.force_login(user)
    url = f"/samenwerking/{onderzoek.ruimte_id}/onderzoeken/{onderzoek.pk}/rapport/"
    assert client.post(url, {"actie": "start", "datum": "2026-04-13"}).status_code == 302
    procedure.afronden(user, onderzoek, 1, PAGINA, datum=date(2026, 4, 20))
    procedure.afronden(user, onderzoek, 2, PAGINA, datum=date(2026, 4, 24), document=_definitief(onderzoek))
    response = client.post(
        url, {"actie": "afronden", "stap": "3", "stap3-datum": "2026-04-30", "stap3-reactie": "woord " * 201}
    )
    assert response.status_code == 400
    assert "De reactie mag maximaal 200 woorden hebben; deze heeft er 201." in response.content.decode()
    assert Procedurestap.objects.filter(onderzoek=onderzoek).count() == 4
    for data, message in [
        ({"actie": "afronden", "stap": "x"}, "Deze stap bestaat niet in de procedure."),
        ({"actie": "afronden", "stap": "5", "stap5-datum": "2026-05-01"}, "niet aan de beurt"),
        ({"actie": "afronden", "stap": "3", "stap3-datum": "morgen"}, "Voer een geldige datum in."),
        ({"actie": "publiceren"}, "niet aan de beurt"),
        ({"actie": "iets"}, "Onbekende actie."),
    ]:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), data
    page = client.get(url).content.decode()
    assert "Hoor en wederhoor" in page and "28 april 2026" in page and "Termijn verstreken" in page
    assert page.index("Hoor en wederhoor") < page.index("Versturen definitieve versie") < page.index("Publicatie")
