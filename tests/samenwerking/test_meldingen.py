"""Calamity and violence reports through their pages: the clock, extension, self-investigation,
assessment, letters; bad input answers in Dutch with 400 and saves nothing."""

import re
from datetime import date, timedelta

from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.html import escape

import pytest

from portal.models import Gemeente
from portal.roles import TOEZICHTHOUDER
from samenwerking import termijnen
from samenwerking.models import AuditLogEntry, Melding, MeldingUitstel, Zelfonderzoek

from .factories import AanbiederFactory, DocumentFactory, LidmaatschapFactory, MeldingFactory

pytestmark = pytest.mark.django_db


def _member(client, **kwargs):
    lid = LidmaatschapFactory(**kwargs)
    lid.gebruiker.groups.add(Group.objects.get(name=TOEZICHTHOUDER))
    client.force_login(lid.gebruiker)
    return lid


@pytest.fixture
def lid(client):
    return _member(client)


def _url(melding):
    return f"/samenwerking/{melding.ruimte_id}/meldingen/{melding.pk}/"


def _lijst(lid):
    return f"/samenwerking/{lid.ruimte_id}/meldingen/"


def _meldtermijn(gebeurtenis):
    """The working days to report, as the seeded kennisbank states them for that day."""
    return termijnen.calamiteitstermijnen(gebeurtenis).melden_werkdagen


def _nieuw(lid, **overrides):
    gemeenten = list(Gemeente.objects.order_by("naam")[:2])
    data = {
        "soort": "calamiteit",
        "aanbieder": AanbiederFactory().pk,
        "gemeenten": [g.pk for g in gemeenten],
        "datum_gebeurtenis": "2026-11-05",
        "datum_gemeld": "2026-11-10",
        "samenvatting": "Fictieve cliënt gevallen bij de transfer.",
        "betrokkenen": "Jan Fictief",
    }
    data.update(overrides)
    return data, gemeenten


def test_a_report_is_recorded_with_its_clock(client, lid):
    data, gemeenten = _nieuw(lid)
    response = client.post(f"/samenwerking/{lid.ruimte_id}/meldingen/nieuw/", data)
    assert response.status_code == 302
    melding = Melding.objects.get(ruimte=lid.ruimte)
    n = _meldtermijn(date(2026, 11, 5))
    assert (melding.tijdig_gemeld, melding.meldtermijn_werkdagen) == (True, n)  # Thu 5 Nov: Fri, Mon, Tue 10 Nov
    assert melding.zelfonderzoek_uiterlijk == date(2027, 1, 5)  # 8 weeks from Tue 10 Nov 2026
    assert melding.status == Melding.Status.ZELFONDERZOEK
    assert sorted(melding.gemeenten.all(), key=lambda g: g.pk) == sorted(gemeenten, key=lambda g: g.pk)
    assert f"<td>binnen {n} werkdagen gemeld</td>" in client.get(_lijst(lid)).content.decode()
    page = client.get(_url(melding)).content.decode()
    assert f"binnen {n} werkdagen gemeld" in page
    assert "5 januari 2027" in page
    assert "Een niet-beoogde of onverwachte gebeurtenis" in page  # the Wmo definition, from the kennisbank
    assert "https://wetten.overheid.nl/jci1.3:c:BWBR0035362&amp;artikel=1.1.1" in page
    assert list(
        AuditLogEntry.objects.filter(ruimte=lid.ruimte, object_soort="melding").values_list("actie", flat=True)
    ) == ["bekeken", "aangemaakt"]


def test_a_late_report_says_so(client, lid):
    data, _ = _nieuw(lid, datum_gebeurtenis="2026-11-05", datum_gemeld="2026-11-11", soort="geweld")
    client.post(f"/samenwerking/{lid.ruimte_id}/meldingen/nieuw/", data)
    melding = Melding.objects.get(ruimte=lid.ruimte)
    n = _meldtermijn(date(2026, 11, 5))
    assert (melding.tijdig_gemeld, melding.meldtermijn_werkdagen) == (False, n)
    assert f"<strong>niet binnen {n} werkdagen gemeld</strong>" in client.get(_lijst(lid)).content.decode()
    page = client.get(_url(melding)).content.decode()
    assert f"<strong>niet binnen {n} werkdagen gemeld</strong>" in page
    assert "Seksueel binnendringen" in page


def _calamiteitenpagina():
    from kennisbank.models import ToezichtsvormPage

    return ToezichtsvormPage.objects.get(title="Toezicht op calamiteiten en geweldsincidenten")


def _termijnen_wijzigen(melden, zelfonderzoek):
    vorm = _calamiteitenpagina()
    n = _meldtermijn(date(2026, 11, 5))
    vorm.aanleiding = vorm.aanleiding.replace(f"(binnen {n} werkdagen)", f"(binnen {melden} werkdagen)")
    vorm.werkwijze = re.sub(
        r"zelfonderzoek binnen \d+ weken", f"zelfonderzoek binnen {zelfonderzoek} weken", vorm.werkwijze
    )
    vorm.save()
    assert termijnen.calamiteitstermijnen(date(2026, 11, 5)) == termijnen.Calamiteitstermijnen(melden, zelfonderzoek)


def test_the_terms_are_those_the_kennisbank_page_states(client, lid):
    """An editor's change to the form of supervision's text changes the clock of a new report,
    and the labels name the term it was judged by."""
    _termijnen_wijzigen(5, 6)
    # Reported on Wednesday 11 November, the fourth working day after Thursday 5 November.
    data, _ = _nieuw(lid, datum_gebeurtenis="2026-11-05", datum_gemeld="2026-11-11")
    assert client.post(f"/samenwerking/{lid.ruimte_id}/meldingen/nieuw/", data).status_code == 302
    melding = Melding.objects.get(ruimte=lid.ruimte)
    assert (melding.tijdig_gemeld, melding.meldtermijn_werkdagen) == (True, 5)
    assert melding.zelfonderzoek_uiterlijk == date(2026, 12, 23)
    assert "binnen 5 werkdagen gemeld" in client.get(_url(melding)).content.decode()
    assert "<td>binnen 5 werkdagen gemeld</td>" in client.get(_lijst(lid)).content.decode()
    # Reported on the sixth working day: late by the term of 5.
    data, _ = _nieuw(lid, datum_gebeurtenis="2026-11-05", datum_gemeld="2026-11-13")
    assert client.post(f"/samenwerking/{lid.ruimte_id}/meldingen/nieuw/", data).status_code == 302
    laat = Melding.objects.filter(ruimte=lid.ruimte).get(datum_gemeld=date(2026, 11, 13))
    assert "<strong>niet binnen 5 werkdagen gemeld</strong>" in client.get(_lijst(lid)).content.decode()
    assert "<strong>niet binnen 5 werkdagen gemeld</strong>" in client.get(_url(laat)).content.decode()


def test_a_report_keeps_the_term_it_was_judged_by(client, lid):
    """A later edit of the form of supervision judges no recorded report again, and its
    unpublication does not stop a report's course."""
    n = _meldtermijn(date(2026, 11, 5))
    data, _ = _nieuw(lid, datum_gebeurtenis="2026-11-05", datum_gemeld="2026-11-10")
    client.post(f"/samenwerking/{lid.ruimte_id}/meldingen/nieuw/", data)
    melding = Melding.objects.get(ruimte=lid.ruimte)
    _termijnen_wijzigen(1, 6)
    _calamiteitenpagina().unpublish()
    response = _post(client, melding, "zelfonderzoek", ontvangen_op="2026-12-01")
    assert response.status_code == 302
    melding.refresh_from_db()
    assert melding.status == Melding.Status.BEOORDELING
    assert (melding.tijdig_gemeld, melding.meldtermijn_werkdagen) == (True, n)
    assert melding.zelfonderzoek_uiterlijk == date(2027, 1, 5)
    assert f"binnen {n} werkdagen gemeld" in client.get(_url(melding)).content.decode()
    assert f"<td>binnen {n} werkdagen gemeld</td>" in client.get(_lijst(lid)).content.decode()


def test_one_working_day_is_singular():
    assert Melding.meldtermijn_tekst(1, True) == "binnen 1 werkdag gemeld"
    assert Melding.meldtermijn_tekst(1, False) == "niet binnen 1 werkdag gemeld"
    assert Melding.meldtermijn_tekst(2, False) == "niet binnen 2 werkdagen gemeld"


def _vul_meldtermijnen():
    import importlib

    from django.apps import apps

    importlib.import_module("samenwerking.migrations.0008_meldtermijn_werkdagen").vul_meldtermijnen(apps, None)


def test_the_migration_fills_the_term_of_existing_reports_from_the_kennisbank(client, lid):
    """Reports recorded before the term was kept get the kennisbank's term of their report date,
    by which they were judged; without it in the kennisbank, they say "tijdig gemeld"."""
    oud = MeldingFactory(ruimte=lid.ruimte, datum_gebeurtenis=date(2026, 11, 5), datum_gemeld=date(2026, 11, 6))
    Melding.objects.filter(pk=oud.pk).update(meldtermijn_werkdagen=None)
    _vul_meldtermijnen()
    oud.refresh_from_db()
    assert oud.meldtermijn_werkdagen == termijnen.calamiteitstermijnen(date(2026, 11, 6)).melden_werkdagen

    Melding.objects.filter(pk=oud.pk).update(meldtermijn_werkdagen=None)
    _calamiteitenpagina().unpublish()
    _vul_meldtermijnen()
    oud.refresh_from_db()
    assert oud.meldtermijn_werkdagen is None
    assert "<td>tijdig gemeld</td>" in client.get(_lijst(lid)).content.decode()


def test_without_the_kennisbank_page_a_report_is_refused_with_a_clear_message(client, lid):
    _calamiteitenpagina().unpublish()
    data, _ = _nieuw(lid)
    response = client.post(f"/samenwerking/{lid.ruimte_id}/meldingen/nieuw/", data)
    assert response.status_code == 400
    assert (
        "De termijnen voor calamiteiten en geweld staan niet in de kennisbank: er is geen gepubliceerde "
        "toezichtsvorm die zegt binnen hoeveel werkdagen een melding wordt gedaan en binnen hoeveel weken het "
        "zelfonderzoek volgt. Vraag de redactie de toezichtsvorm te publiceren."
    ) in response.content.decode()
    assert not Melding.objects.filter(ruimte=lid.ruimte).exists()


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"datum_gemeld": "2026-11-04"}, "De melding kan niet vóór de gebeurtenis zijn gedaan."),
        ({"datum_gebeurtenis": "2099-01-01", "datum_gemeld": "2099-01-02"}, "kan niet in de toekomst liggen"),
        (
            {"datum_gebeurtenis": "2999-01-01", "datum_gemeld": "2999-01-02"},
            "tussen 1 januari 1990 en 31 december 2100",
        ),
        ({"datum_gemeld": "gisteren"}, "Vul een geldige datum in"),
        ({"soort": "brand"}, "Kies calamiteit of geweld."),
        ({"aanbieder": "999999"}, "Kies een aanbieder uit de lijst."),
        ({"samenvatting": "   "}, "Vat de melding kort samen."),
        ({"gemeenten": ["abc"]}, "Kies gemeenten uit de lijst."),
    ],
)
def test_bad_reports_are_refused_in_dutch_and_save_nothing(client, lid, overrides, message):
    data, _ = _nieuw(lid, **overrides)
    response = client.post(f"/samenwerking/{lid.ruimte_id}/meldingen/nieuw/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Melding.objects.filter(ruimte=lid.ruimte).exists()


def _post(client, melding, actie, **data):
    return client.post(_url(melding), {"actie": actie, **{f"{_prefix(actie)}-{k}": v for k, v in data.items()}})


def _prefix(actie):
    return {"brief": "terugkoppeling"}.get(actie, actie)


def test_the_whole_course_of_a_report(client, lid):
    gemeenten = list(Gemeente.objects.order_by("naam")[:2])
    melding = MeldingFactory(
        ruimte=lid.ruimte, datum_gebeurtenis=date(2026, 9, 1), datum_gemeld=date(2026, 9, 2), status="zelfonderzoek"
    )
    melding.gemeenten.set(gemeenten)
    assert melding.zelfonderzoek_uiterlijk == date(2026, 10, 28)

    response = _post(client, melding, "uitstel", nieuwe_termijn="2026-11-11", reden="Extern deskundige later.")
    assert response.status_code == 302
    melding.refresh_from_db()
    assert melding.zelfonderzoek_uiterlijk == date(2026, 11, 11)
    assert [u.nieuwe_termijn for u in melding.uitstellen.all()] == [date(2026, 11, 11)]

    document = DocumentFactory(ruimte=lid.ruimte, naam="Zelfonderzoek aanbieder")
    response = _post(client, melding, "zelfonderzoek", ontvangen_op="2026-11-10", document=document.pk)
    assert response.status_code == 302
    melding.refresh_from_db()
    assert melding.status == Melding.Status.BEOORDELING
    assert melding.zelfonderzoek.document == document
    assert list(melding.documenten.all()) == [document]

    response = _post(
        client,
        melding,
        "beoordeling",
        beoordeling="opvolgingsonderzoek",
        beoordeling_toelichting="Verbetermaatregelen toetsen.",
        beoordeeld_op="2026-11-20",
    )
    assert response.status_code == 302
    melding.refresh_from_db()
    assert (melding.status, melding.beoordeling) == (Melding.Status.OPVOLGING, "opvolgingsonderzoek")

    page = client.get(_url(melding)).content.decode()
    for gemeente in gemeenten:
        assert f'<option value="{gemeente.pk}" selected>' in page  # kopie_aan defaults to the municipalities

    response = _post(client, melding, "brief", verzonden_op="2026-11-23", kopie_aan=[g.pk for g in gemeenten])
    assert response.status_code == 302
    page = client.get(_url(melding)).content.decode()
    assert "kopie aan de wethouder(s) van " + escape(", ".join(g.naam for g in gemeenten)) in page

    response = _post(client, melding, "afsluiting", verzonden_op="2026-11-24", kopie_aan=[gemeenten[0].pk])
    assert response.status_code == 302
    melding.refresh_from_db()
    assert (melding.status, melding.afgesloten_op) == (Melding.Status.AFGESLOTEN, date(2026, 11, 24))
    assert [(b.soort, b.verzonden_op) for b in melding.brieven.all()] == [
        ("terugkoppeling", date(2026, 11, 23)),
        ("afsluiting", date(2026, 11, 24)),
    ]

    response = _post(client, melding, "brief", verzonden_op="2026-11-25")
    assert response.status_code == 400
    assert "De melding is afgesloten" in response.content.decode()
    assert melding.brieven.count() == 2


def test_an_extension_must_be_later_than_the_current_term(client, lid):
    melding = MeldingFactory(ruimte=lid.ruimte, datum_gebeurtenis=date(2026, 9, 1), datum_gemeld=date(2026, 9, 2))
    for termijn in ("2026-10-28", "2026-10-01", "morgen"):
        response = _post(client, melding, "uitstel", nieuwe_termijn=termijn, reden="Reden")
        assert response.status_code == 400
    assert (
        "moet later zijn dan de huidige termijn (28-10-2026)"
        in _post(client, melding, "uitstel", nieuwe_termijn="2026-10-28", reden="Reden").content.decode()
    )
    response = _post(client, melding, "uitstel", nieuwe_termijn="2026-12-01", reden="  ")
    assert response.status_code == 400
    assert "Geef de onderbouwing van het uitstel." in response.content.decode()
    assert not MeldingUitstel.objects.filter(melding=melding).exists()


def test_the_status_only_moves_forward_and_refusals_are_explained(client, lid):
    melding = MeldingFactory(ruimte=lid.ruimte, datum_gebeurtenis=date(2026, 9, 1), datum_gemeld=date(2026, 9, 2))
    response = _post(
        client, melding, "beoordeling", beoordeling="sluiten", beoordeling_toelichting="X", beoordeeld_op="2026-10-01"
    )
    assert response.status_code == 400
    assert "Het zelfonderzoek is nog niet ontvangen" in response.content.decode()
    response = _post(client, melding, "brief", verzonden_op="2026-10-01")
    assert response.status_code == 400
    assert "Eerst wordt het zelfonderzoek beoordeeld" in response.content.decode()

    response = _post(client, melding, "zelfonderzoek", ontvangen_op="2026-09-01")
    assert response.status_code == 400
    assert "niet vóór de melding" in response.content.decode()
    assert _post(client, melding, "zelfonderzoek", ontvangen_op="2026-10-01").status_code == 302
    response = _post(client, melding, "zelfonderzoek", ontvangen_op="2026-10-02")
    assert response.status_code == 400
    assert "al ontvangen" in response.content.decode()
    assert Zelfonderzoek.objects.filter(melding=melding).count() == 1
    response = _post(client, melding, "uitstel", nieuwe_termijn="2026-12-01", reden="Te laat")
    assert response.status_code == 400
    assert "al ontvangen" in response.content.decode()

    response = _post(client, melding, "beoordeling", beoordeling="vergeten", beoordeling_toelichting="X")
    assert response.status_code == 400
    assert "Kies een van de uitkomsten van het toezichtskader." in response.content.decode()
    response = _post(client, melding, "onbekend")
    assert response.status_code == 400
    assert "Onbekende actie." in response.content.decode()
    melding.refresh_from_db()
    assert melding.status == Melding.Status.BEOORDELING


def test_a_future_date_is_refused_everywhere(client, lid):
    morgen = (timezone.localdate() + timedelta(days=1)).isoformat()
    melding = MeldingFactory(ruimte=lid.ruimte)
    response = _post(client, melding, "zelfonderzoek", ontvangen_op=morgen)
    assert response.status_code == 400
    assert "kan niet in de toekomst liggen" in response.content.decode()
    assert not Zelfonderzoek.objects.filter(melding=melding).exists()


def test_a_document_of_another_space_cannot_be_linked(client, lid):
    melding = MeldingFactory(ruimte=lid.ruimte)
    vreemd = DocumentFactory()
    response = _post(client, melding, "zelfonderzoek", ontvangen_op="2026-11-20", document=vreemd.pk)
    assert response.status_code == 400
    assert "Kies een document van deze ruimte." in response.content.decode()


def test_non_members_get_404_and_readers_403(client):
    melding = MeldingFactory()
    _member(client)
    for url in (
        f"/samenwerking/{melding.ruimte_id}/meldingen/",
        f"/samenwerking/{melding.ruimte_id}/meldingen/nieuw/",
        _url(melding),
    ):
        assert client.get(url).status_code == 404
    assert client.post(_url(melding), {"actie": "uitstel"}).status_code == 404

    lezer = _member(client, ruimte=melding.ruimte, meelezer=True)
    assert lezer.ruimte == melding.ruimte
    assert client.get(_url(melding)).status_code == 200
    assert client.get(f"/samenwerking/{melding.ruimte_id}/meldingen/nieuw/").status_code == 403
    response = _post(client, melding, "uitstel", nieuwe_termijn="2027-06-01", reden="Reden")
    assert response.status_code == 403
    assert not MeldingUitstel.objects.filter(melding=melding).exists()
    # A report seen through another space's id is not found either.
    assert client.get(f"/samenwerking/{LidmaatschapFactory().ruimte_id}/meldingen/{melding.pk}/").status_code == 404


def test_the_list_shows_the_reports_of_the_space_only(client, lid):
    eigen = MeldingFactory(ruimte=lid.ruimte)
    MeldingFactory()
    page = client.get(f"/samenwerking/{lid.ruimte_id}/meldingen/").content.decode()
    assert page.count(f"/meldingen/{eigen.pk}/") == 1
    assert eigen.aanbieder.naam in page
    assert Melding.objects.viewable_by_user(lid.gebruiker).count() == 1
