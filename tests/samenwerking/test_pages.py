"""What users do in a space through its pages: create, invite, roles, leave, documents,
messages and tasks; bad input answers in Dutch and saves nothing."""

import io

from django.test import Client

import pytest

from samenwerking.models import AuditLogEntry, Bericht, Document, Lidmaatschap, Samenwerkingsruimte, Taak, Uitnodiging

from .factories import LidmaatschapFactory, OrganisatieFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client):
    lid = LidmaatschapFactory(coordinator=True)
    client.force_login(lid.gebruiker)
    client.lid = lid
    return client


def _members(ruimte):
    return sorted((lid.naam, lid.rol) for lid in ruimte.lidmaatschappen.select_related("gebruiker", "organisatie"))


def test_create_space_makes_the_creator_coordinator(client):
    user = UserFactory()
    client.force_login(user)
    organisatie = OrganisatieFactory()
    response = client.post(
        "/samenwerking/nieuw/",
        {"titel": "Onderzoek X", "doel": "Samen kijken", "soort": "netwerk", "organisaties": [organisatie.pk]},
    )
    assert response.status_code == 302
    ruimte = Samenwerkingsruimte.objects.get(titel="Onderzoek X")
    assert list(ruimte.organisaties.all()) == [organisatie]
    assert [(lid.gebruiker, lid.rol) for lid in ruimte.lidmaatschappen.all()] == [(user, "coordinator")]
    overzicht = client.get("/samenwerking/").content.decode()
    assert "Onderzoek X" in overzicht


@pytest.mark.parametrize(
    "data,message",
    [
        ({"titel": "", "soort": "netwerk"}, "verplicht veld"),
        ({"titel": "X", "soort": "onbekend"}, "Selecteer een geldige keuze"),
        ({"titel": "X" * 201, "soort": "netwerk"}, "niet meer dan 200 tekens"),
    ],
)
def test_create_space_with_bad_input_saves_nothing(client, data, message):
    client.force_login(UserFactory())
    before = Samenwerkingsruimte.objects.count()
    response = client.post("/samenwerking/nieuw/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Samenwerkingsruimte.objects.count() == before


def test_invite_user_organisation_and_address_without_account(coordinator_client):
    ruimte = coordinator_client.lid.ruimte
    collega = UserFactory(first_name="Carla", last_name="Collega")
    organisatie = OrganisatieFactory(naam="Inspectie Test")
    url = f"/samenwerking/{ruimte.pk}/leden/"
    assert (
        coordinator_client.post(
            url, {"actie": "uitnodigen", "email": collega.email.upper(), "rol": "meelezer"}
        ).status_code
        == 302
    )
    assert (
        coordinator_client.post(
            url, {"actie": "uitnodigen", "organisatie": organisatie.pk, "rol": "deelnemer"}
        ).status_code
        == 302
    )
    assert (
        coordinator_client.post(
            url, {"actie": "uitnodigen", "email": "nieuw@inspectie.example", "rol": "deelnemer"}
        ).status_code
        == 302
    )
    coordinator = coordinator_client.lid
    assert _members(ruimte) == sorted(
        [(coordinator.naam, "coordinator"), ("Carla Collega", "meelezer"), ("Inspectie Test", "deelnemer")]
    )
    assert list(Uitnodiging.objects.filter(ruimte=ruimte).values_list("email", "geaccepteerd_op")) == [
        ("nieuw@inspectie.example", None)
    ]
    # The invitation takes effect at the first sign-in with that address.
    nieuw = UserFactory(email="nieuw@inspectie.example")
    other = Client()
    assert (
        other.post(
            "/account/inloggen/", {"username": "nieuw@inspectie.example", "password": "Geheim-wachtwoord-1"}
        ).status_code
        == 302
    )
    assert Lidmaatschap.objects.get(ruimte=ruimte, gebruiker=nieuw).rol == "deelnemer"
    assert other.get(f"/samenwerking/{ruimte.pk}/").status_code == 200
    response = coordinator_client.post(url, {"actie": "uitnodigen", "email": collega.email, "rol": "meelezer"})
    assert response.status_code == 400 and "al lid" in response.content.decode()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"actie": "uitnodigen", "rol": "deelnemer"}, "Vul een e-mailadres in of kies een organisatie"),
        ({"actie": "uitnodigen", "email": "geen-adres", "rol": "deelnemer"}, "geldig e-mailadres"),
        ({"actie": "uitnodigen", "email": "a@b.nl", "rol": "baas"}, "Selecteer een geldige keuze"),
        ({"actie": "rol", "lid": "abc", "rol": "meelezer"}, "bestaat niet in deze ruimte"),
        ({"actie": "rol", "lid": "999999", "rol": "meelezer"}, "bestaat niet in deze ruimte"),
        ({"actie": "iets"}, "Onbekende actie"),
    ],
)
def test_member_forms_refuse_bad_input_in_dutch(coordinator_client, data, message):
    ruimte = coordinator_client.lid.ruimte
    before = _members(ruimte)
    response = coordinator_client.post(f"/samenwerking/{ruimte.pk}/leden/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _members(ruimte) == before
    assert not Uitnodiging.objects.filter(ruimte=ruimte).exists()


def test_last_coordinator_cannot_leave_or_step_down_without_a_successor(coordinator_client):
    lid = coordinator_client.lid
    ruimte = lid.ruimte
    deelnemer = LidmaatschapFactory(ruimte=ruimte)
    url = f"/samenwerking/{ruimte.pk}/leden/"
    response = coordinator_client.post(url, {"actie": "verlaten"})
    assert response.status_code == 400 and "laatste coördinator" in response.content.decode()
    response = coordinator_client.post(url, {"actie": "rol", "lid": lid.pk, "rol": "deelnemer"})
    assert response.status_code == 400 and "minstens één coördinator" in response.content.decode()
    response = coordinator_client.post(url, {"actie": "verwijderen", "lid": lid.pk})
    assert response.status_code == 400
    assert coordinator_client.post(url, {"actie": "verlaten", "opvolger": deelnemer.pk}).status_code == 302
    assert _members(ruimte) == [(deelnemer.naam, "coordinator")]
    assert coordinator_client.get(f"/samenwerking/{ruimte.pk}/").status_code == 404


def test_participant_cannot_manage_members(client):
    lid = LidmaatschapFactory()
    other = LidmaatschapFactory(ruimte=lid.ruimte, meelezer=True)
    client.force_login(lid.gebruiker)
    response = client.post(
        f"/samenwerking/{lid.ruimte_id}/leden/", {"actie": "rol", "lid": other.pk, "rol": "coordinator"}
    )
    assert response.status_code == 403
    assert Lidmaatschap.objects.get(pk=other.pk).rol == "meelezer"


def test_documents_versions_and_download(coordinator_client):
    ruimte = coordinator_client.lid.ruimte
    url = f"/samenwerking/{ruimte.pk}/documenten/"
    upload = io.BytesIO(b"%PDF-1.4\n% eerste versie\n")
    upload.name = "Plan.pdf"
    response = coordinator_client.post(
        url, {"naam": "Plan van aanpak", "vertrouwelijkheid": "alleen_coordinatoren", "bestand": upload}
    )
    assert response.status_code == 302
    document = Document.objects.get(ruimte=ruimte)
    assert (document.naam, document.vertrouwelijkheid) == ("Plan van aanpak", "alleen_coordinatoren")
    tweede = io.BytesIO(b"tweede versie\n")
    tweede.name = "plan-v2.txt"
    assert coordinator_client.post(f"{url}{document.pk}/", {"bestand": tweede}).status_code == 302
    assert list(document.versies.order_by("nummer").values_list("nummer", "bestandsnaam")) == [
        (1, "Plan.pdf"),
        (2, "plan-v2.txt"),
    ]
    response = coordinator_client.get(f"{url}{document.pk}/versies/1/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n% eerste versie\n"
    assert response["Content-Disposition"] == 'attachment; filename="Plan.pdf"'
    assert coordinator_client.get(f"{url}{document.pk}/versies/3/download/").status_code == 404
    downloads = AuditLogEntry.objects.filter(ruimte=ruimte, actie="gedownload")
    assert list(downloads.values_list("kanaal", "object_soort")) == [("download", "documentversie")]


def test_messages_with_replies_are_plain_text_with_links(coordinator_client):
    ruimte = coordinator_client.lid.ruimte
    url = f"/samenwerking/{ruimte.pk}/berichten/"
    assert coordinator_client.post(url, {"tekst": "Zie https://www.igj.nl <b>vet</b>"}).status_code == 302
    vraag = Bericht.objects.get(ruimte=ruimte)
    assert coordinator_client.post(url, {"tekst": "Eens", "antwoord_op": vraag.pk}).status_code == 302
    assert Bericht.objects.get(ruimte=ruimte, antwoord_op=vraag).tekst == "Eens"
    page = coordinator_client.get(url).content.decode()
    assert '<a href="https://www.igj.nl"' in page
    assert "&lt;b&gt;vet&lt;/b&gt;" in page and "<b>vet</b>" not in page
    for data, message in (
        ({"tekst": "   "}, "verplicht veld"),
        ({"tekst": "x", "antwoord_op": "999999"}, "bestaat niet in deze ruimte"),
        ({"tekst": "x", "antwoord_op": "abc"}, "bestaat niet in deze ruimte"),
    ):
        response = coordinator_client.post(url, data)
        assert response.status_code == 400 and message in response.content.decode()
    assert Bericht.objects.filter(ruimte=ruimte).count() == 2


def test_tasks_assigned_to_members_only_done_and_overdue(coordinator_client):
    ruimte = coordinator_client.lid.ruimte
    user = coordinator_client.lid.gebruiker
    buitenstaander = UserFactory()
    url = f"/samenwerking/{ruimte.pk}/taken/"
    response = coordinator_client.post(url, {"titel": "Bezoek plannen", "toegewezen_aan": buitenstaander.pk})
    assert response.status_code == 400 and "Selecteer een geldige keuze" in response.content.decode()
    response = coordinator_client.post(url, {"titel": "Bezoek plannen", "deadline": "31-31-2026"})
    assert response.status_code == 400 and "geldige datum" in response.content.decode()
    assert (
        coordinator_client.post(
            url, {"titel": "Bezoek plannen", "toegewezen_aan": user.pk, "deadline": "2020-01-01"}
        ).status_code
        == 302
    )
    taak = Taak.objects.get(ruimte=ruimte)
    assert taak.te_laat
    assert "te laat" in coordinator_client.get(url).content.decode()
    assert "samenwerking-teller" in coordinator_client.get("/samenwerking/").content.decode()
    assert coordinator_client.post(f"{url}{taak.pk}/gedaan/", {"gedaan": "ja"}).status_code == 302
    taak.refresh_from_db()
    assert taak.gedaan and not taak.te_laat


def test_reader_reads_but_does_not_write(client):
    lid = LidmaatschapFactory(meelezer=True)
    client.force_login(lid.gebruiker)
    ruimte = lid.ruimte
    assert client.get(f"/samenwerking/{ruimte.pk}/berichten/").status_code == 200
    assert client.post(f"/samenwerking/{ruimte.pk}/berichten/", {"tekst": "Hallo"}).status_code == 403
    assert client.post(f"/samenwerking/{ruimte.pk}/taken/", {"titel": "Iets"}).status_code == 403
    assert not Bericht.objects.filter(ruimte=ruimte).exists() and not Taak.objects.filter(ruimte=ruimte).exists()
