"""The decision step's other outcome: not to publish the report. It needs its reasons, is
recorded with who, when and why, closes the procedure (no bezwaar, voorlopige voorziening or
publication follows), is refused publication in the model layer, and lets the investigation be
completed. The form quotes what the framework's procedure page says about the decision."""

from datetime import date

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from kennisbank.models import KennisbankIndexPage, ProcedurePage, PublicatiePage
from portal.roles import TOEZICHTHOUDER
from samenwerking import procedure
from samenwerking.models import AuditLogEntry, NooitOpenbaar, Onderzoek, Procedurestap, weiger_openbaarmaking

from .factories import DocumentFactory, LidmaatschapFactory, OnderzoekFactory, RuimteFactory, UserFactory, version

pytestmark = pytest.mark.django_db
PAGINA = AuditLogEntry.Kanaal.PAGINA
NIET = Procedurestap.Besluit.NIET_OPENBAAR
MOTIVERING = "Openbaarmaking zou de cliënten van deze kleine aanbieder onevenredig benadelen (fictief)."


@pytest.fixture
def user():
    user = UserFactory(first_name="Bram", last_name="Besluit")
    user.groups.add(Group.objects.get_or_create(name=TOEZICHTHOUDER)[0])
    return user


@pytest.fixture
def onderzoek(user):
    ruimte = RuimteFactory()
    LidmaatschapFactory(ruimte=ruimte, gebruiker=user)
    concept = DocumentFactory(ruimte=ruimte, naam="Conceptrapport")
    version(concept, content=b"Concept (fictief)\n", naam="concept.txt")
    item = OnderzoekFactory(ruimte=ruimte, normen=2, rapport_concept=concept)
    definitief = DocumentFactory(ruimte=ruimte, naam="Definitief rapport")
    version(definitief, content=b"Rapport (fictief).\n", naam="rapport.txt")
    procedure.start(user, item, date(2026, 4, 13), PAGINA)
    procedure.afronden(user, item, 1, PAGINA, datum=date(2026, 4, 20))
    procedure.afronden(user, item, 2, PAGINA, datum=date(2026, 4, 24), document=definitief)
    procedure.afronden(user, item, 3, PAGINA, datum=date(2026, 4, 30))
    procedure.afronden(user, item, 4, PAGINA, datum=date(2026, 5, 18), geen=True)
    item.refresh_from_db()
    return item


def _stappen(onderzoek):
    return list(
        Procedurestap.objects.filter(onderzoek=onderzoek)
        .order_by("volgorde")
        .values_list("volgorde", "afgerond_op", "besluit", "motivering")
    )


def _besluit_url(onderzoek):
    return f"/samenwerking/{onderzoek.ruimte_id}/onderzoeken/{onderzoek.pk}/rapport/"


def test_a_decision_not_to_publish_without_reasons_is_refused(user, onderzoek):
    voor = _stappen(onderzoek)
    for motivering in ("", "  \n ", "\x00"):
        with pytest.raises(ValidationError) as exc:
            procedure.afronden(user, onderzoek, 5, PAGINA, datum=date(2026, 5, 19), besluit=NIET, motivering=motivering)
        assert exc.value.message_dict == {
            "motivering": ["Geef de motivering van het besluit om het rapport niet openbaar te maken."]
        }
    with pytest.raises(ValidationError) as exc:
        procedure.afronden(user, onderzoek, 5, PAGINA, datum=date(2026, 5, 19), besluit="misschien")
    assert exc.value.message_dict == {"besluit": ["Kies of het rapport openbaar wordt gemaakt of niet."]}
    assert _stappen(onderzoek) == voor
    assert not AuditLogEntry.objects.filter(actie="niet_openbaar_besloten").exists()


def test_the_decision_not_to_publish_is_recorded_and_closes_the_procedure(user, onderzoek):
    procedure.afronden(user, onderzoek, 5, PAGINA, datum=date(2026, 5, 19), besluit=NIET, motivering=MOTIVERING)
    assert _stappen(onderzoek) == [
        (1, date(2026, 4, 20), "", ""),
        (2, date(2026, 4, 24), "", ""),
        (3, date(2026, 4, 30), "", ""),
        (4, date(2026, 5, 18), "", ""),
        (5, date(2026, 5, 19), NIET, MOTIVERING),
    ]
    stap = Procedurestap.objects.get(onderzoek=onderzoek, volgorde=5)
    assert stap.door == user
    assert list(
        AuditLogEntry.objects.filter(actie="niet_openbaar_besloten").values_list(
            "gebruiker", "ruimte", "object_soort", "object_id", "toelichting"
        )
    ) == [(user.pk, onderzoek.ruimte_id, "onderzoek", str(onderzoek.pk), MOTIVERING)]
    assert procedure.besluit_niet_openbaar(onderzoek) == stap
    assert not procedure.loopt(onderzoek)
    regels = procedure.overzicht(onderzoek)
    assert [(r.definitie.rol, r.aan_de_beurt, r.vervallen) for r in regels[4:]] == [
        ("besluit", False, False),
        ("bezwaar", False, True),
        ("publicatie", False, True),
    ]

    # No later step, no publication: the procedure says so, and so does the model layer.
    with pytest.raises(ValidationError, match="procedure van openbaarmaking is gesloten"):
        procedure.afronden(user, onderzoek, 6, PAGINA, datum=date(2026, 5, 20))
    with pytest.raises(ValidationError, match="niet openbaar te maken; het wordt niet gepubliceerd"):
        procedure.publiceer(user, onderzoek, PAGINA, vandaag=date(2026, 6, 2))
    assert PublicatiePage.objects.filter(title=onderzoek.titel).count() == 0
    assert AuditLogEntry.objects.filter(actie="openbaarmaking_geweigerd", object_id=str(onderzoek.pk)).count() == 1
    onderzoek.refresh_from_db()
    for obj in (onderzoek, onderzoek.rapport_definitief, onderzoek.rapport_concept):
        with pytest.raises(NooitOpenbaar):
            weiger_openbaarmaking(obj)
    page = KennisbankIndexPage.objects.first().add_child(
        instance=PublicatiePage(title="Elders aangemaakt (fictief)", live=False)
    )
    onderzoek.publicatie = page
    with pytest.raises(NooitOpenbaar):
        onderzoek.save()
    assert Onderzoek.objects.get(pk=onderzoek.pk).publicatie_id is None
    with pytest.raises(IntegrityError), transaction.atomic():
        Procedurestap.objects.filter(pk=stap.pk).update(motivering="")


def test_a_decision_to_publish_is_recorded_too_and_the_procedure_goes_on(user, onderzoek):
    procedure.afronden(user, onderzoek, 5, PAGINA, datum=date(2026, 5, 19))
    assert _stappen(onderzoek)[4:] == [
        (5, date(2026, 5, 19), "openbaar", ""),
        (6, None, "", ""),
        (7, None, "", ""),
    ]
    assert procedure.besluit_niet_openbaar(onderzoek) is None
    weiger_openbaarmaking(onderzoek)


def test_the_report_page_refuses_the_decision_without_reasons_and_shows_it_with_them(client, user, onderzoek):
    client.force_login(user)
    url = _besluit_url(onderzoek)
    page = client.get(url).content.decode()
    # The form quotes the framework's procedure page, as the kennisbank holds it, with its source.
    definitie = ProcedurePage.objects.get(kader=onderzoek.kader)
    stap = definitie.stappen.get(titel="Besluit openbaarmaking")
    assert "Op basis van deze beoordeling wordt een beslissing genomen over het al dan niet openbaar maken" in (
        stap.beschrijving
    )
    assert "Op basis van deze beoordeling wordt een beslissing genomen over het al dan niet openbaar maken" in page
    assert "onderzoeksresultaten in principe worden gepubliceerd, tenzij er zwaarwegende redenen zijn" in page
    bron = (
        "Toezicht Wmo GGD Rotterdam-Rijnmond, Toezichtskader Toezicht Wmo GGD Rotterdam-Rijnmond 2025, 2025, "
        "Procedure van openbaarmaking (Toezicht Wmo GGD Rotterdam-Rijnmond)"
    )
    assert f"{bron}, stap ‘Besluit openbaarmaking’" in page
    assert f"{bron}, ‘Wettelijke grondslag’" in page
    assert f'href="{definitie.url}"' in page
    assert 'name="stap5-besluit" value="niet_openbaar"' in page

    voor = _stappen(onderzoek)
    for data, message in [
        ({"stap5-besluit": "niet_openbaar", "stap5-motivering": " "}, "Geef de motivering van het besluit"),
        ({"stap5-besluit": ""}, "Kies of het rapport openbaar wordt gemaakt of niet."),
        ({"stap5-besluit": "later"}, "Selecteer een geldige keuze."),
        ({"stap5-besluit": "niet_openbaar", "stap5-motivering": "x" * 4001}, "niet meer dan 4000 tekens"),
    ]:
        response = client.post(url, {"actie": "afronden", "stap": "5", "stap5-datum": "2026-05-19", **data})
        assert response.status_code == 400, data
        assert message in response.content.decode(), data
    assert _stappen(onderzoek) == voor
    assert not AuditLogEntry.objects.filter(actie="niet_openbaar_besloten").exists()

    response = client.post(
        url,
        {
            "actie": "afronden",
            "stap": "5",
            "stap5-datum": "2026-05-19",
            "stap5-besluit": "niet_openbaar",
            "stap5-motivering": MOTIVERING,
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Besloten: het rapport wordt niet openbaar gemaakt" in page
    assert "Besloten op 19 mei 2026, vastgelegd door Bram Besluit." in page
    assert page.count(MOTIVERING) == 2
    assert page.count("Vervallen: besloten is het rapport niet openbaar te maken.") == 2
    assert "Aanbieden ter publicatie" not in page
    assert 'name="stap5-besluit"' not in page

    detail = client.get(url.removesuffix("rapport/")).content.decode()
    assert "Op 19 mei 2026 besloten het rapport niet openbaar te maken" in detail

    response = client.post(url, {"actie": "publiceren"})
    assert response.status_code == 400
    assert "Besloten is om het rapport van dit onderzoek niet openbaar te maken" in response.content.decode()
    assert PublicatiePage.objects.filter(title=onderzoek.titel).count() == 0


def test_the_investigation_is_completed_only_when_the_procedure_is_closed(client, user, onderzoek):
    client.force_login(user)
    url = f"/samenwerking/{onderzoek.ruimte_id}/onderzoeken/{onderzoek.pk}/wijzigen/"
    data = {"titel": onderzoek.titel, "toezichtsvorm": onderzoek.toezichtsvorm_id, "status": "afgerond"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "De procedure van openbaarmaking loopt nog." in response.content.decode()
    assert Onderzoek.objects.get(pk=onderzoek.pk).status == "openbaarmaking"

    procedure.afronden(user, onderzoek, 5, PAGINA, datum=date(2026, 5, 19), besluit=NIET, motivering=MOTIVERING)
    assert "Het onderzoek kan nu worden afgerond" in client.get(_besluit_url(onderzoek)).content.decode()
    assert client.post(url, data).status_code == 302
    assert Onderzoek.objects.get(pk=onderzoek.pk).status == "afgerond"
