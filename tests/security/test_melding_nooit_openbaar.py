"""Calamity and violence reports, self-investigations and their letters are never public
(seed 004: "worden niet openbaar gemaakt"): the rule in the model layer refuses every such
object whoever asks, and no channel (space pages, public kennisbank pages, search, GraphQL,
downloads) shows their text to anyone outside the report's space. A canary in every text."""

import importlib
import json
from datetime import date

from django.contrib.auth.models import AnonymousUser, Group
from django.test import Client

import pytest

from portal.roles import TOEZICHTHOUDER
from samenwerking.models import (
    Melding,
    MeldingBrief,
    MeldingUitstel,
    NooitOpenbaar,
    Onderzoek,
    Zelfonderzoek,
    weiger_openbaarmaking,
)
from tests.samenwerking.factories import (
    DocumentFactory,
    LidmaatschapFactory,
    MeldingFactory,
    OnderzoekFactory,
    UserFactory,
    version,
)

pytestmark = pytest.mark.django_db

# A word of every text that is not itself a canary: the search page repeats what was asked.
WOORD = "meldingzoekwoord"
KANARIE = {
    "samenvatting": "KANARIEMELDINGSAMENVATTING",
    "betrokkenen": "KANARIEBETROKKENE",
    "uitstel": "KANARIEUITSTELREDEN",
    "zelfonderzoek": "KANARIEZELFONDERZOEK",
    "beoordeling": "KANARIEBEOORDELING",
    "brief": "KANARIEBRIEF",
    "document": "KANARIEDOCUMENT",
}


@pytest.fixture
def world(canaries, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        lid = LidmaatschapFactory(coordinator=True)
        lid.gebruiker.groups.add(Group.objects.get(name=TOEZICHTHOUDER))
        ruimte = lid.ruimte
        melding = MeldingFactory(
            ruimte=ruimte,
            samenvatting=f"Samenvatting {WOORD} {KANARIE['samenvatting']}",
            betrokkenen=f"{WOORD} {KANARIE['betrokkenen']}",
            datum_gebeurtenis=date(2026, 9, 1),
            datum_gemeld=date(2026, 9, 2),
            beoordeling="sluiten",
            beoordeling_toelichting=f"{WOORD} {KANARIE['beoordeling']}",
        )
        uitstel = MeldingUitstel.objects.create(
            melding=melding, reden=f"{WOORD} {KANARIE['uitstel']}", nieuwe_termijn=date(2026, 12, 1)
        )
        document = DocumentFactory(ruimte=ruimte, naam=f"Zelfonderzoek {WOORD} {KANARIE['document']}")
        version(document, f"{KANARIE['document']} inhoud\n".encode(), "zelfonderzoek.txt")
        brief_document = DocumentFactory(ruimte=ruimte, naam="Brief")
        los_document = DocumentFactory(ruimte=ruimte, naam="Los")
        zelfonderzoek = Zelfonderzoek.objects.create(
            melding=melding,
            ontvangen_op=date(2026, 11, 1),
            document=document,
            toelichting=f"{WOORD} {KANARIE['zelfonderzoek']}",
        )
        brief = MeldingBrief.objects.create(
            melding=melding,
            soort="terugkoppeling",
            verzonden_op=date(2026, 11, 20),
            toelichting=f"{WOORD} {KANARIE['brief']}",
            document=brief_document,
        )
        melding.save()
    members = {lid.gebruiker.pk}
    for word in KANARIE.values():
        canaries.register(word, lambda user: user is not None and user.pk in members)
    buitenstaander = UserFactory()
    buitenstaander.groups.add(Group.objects.get(name=TOEZICHTHOUDER))
    return {
        "lid": lid.gebruiker,
        "buitenstaander": buitenstaander,
        "ruimte": ruimte,
        "melding": melding,
        "uitstel": uitstel,
        "zelfonderzoek": zelfonderzoek,
        "brief": brief,
        "document": document,
        "brief_document": brief_document,
        "los_document": los_document,
    }


@pytest.mark.parametrize("key", ["melding", "uitstel", "zelfonderzoek", "brief", "document", "brief_document"])
def test_the_model_layer_refuses_every_publication(world, key):
    with pytest.raises(NooitOpenbaar):
        weiger_openbaarmaking(world[key])


def test_documents_linked_to_a_report_in_any_way_are_refused(world):
    direct = DocumentFactory(ruimte=world["ruimte"])
    world["melding"].documenten.add(direct)
    with pytest.raises(NooitOpenbaar):
        weiger_openbaarmaking(direct)
    # An unsaved report is refused too, and so is a fresh letter object.
    with pytest.raises(NooitOpenbaar):
        weiger_openbaarmaking(Melding())
    with pytest.raises(NooitOpenbaar):
        weiger_openbaarmaking(MeldingBrief())


def test_the_documents_of_a_deleted_report_stay_refused(world):
    """Found by the state machine: a report deleted left its self-investigation in the space as
    an ordinary document, which could then be published as an investigation's report."""
    van_de_kant_van_het_document = DocumentFactory(ruimte=world["ruimte"])
    Melding.documenten.through.objects.create(melding=world["melding"], document=van_de_kant_van_het_document)
    los_toegevoegd = DocumentFactory(ruimte=world["ruimte"])
    world["melding"].documenten.add(los_toegevoegd)
    documenten = [world["document"], world["brief_document"], los_toegevoegd]
    world["melding"].delete()
    for document in documenten:
        with pytest.raises(NooitOpenbaar):
            weiger_openbaarmaking(document)


def test_the_migration_marks_the_documents_already_linked(world):
    from django.apps import apps

    from samenwerking.models import Document

    migration = importlib.import_module("samenwerking.migrations.0009_document_van_melding")
    Document.objects.update(van_melding=False)
    migration.mark_report_documents(apps, None)
    assert set(Document.objects.filter(van_melding=True).values_list("pk", flat=True)) == {
        world["document"].pk,
        world["brief_document"].pk,
    }


@pytest.mark.parametrize("rapport", ["rapport_concept", "rapport_definitief"])
def test_an_investigation_whose_report_is_a_report_document_gets_no_publication(world, rapport):
    """Found while writing the state machine's attach step: an investigation's report chosen
    from a calamity report's documents was refused by the procedure's publication, but a
    publication page attached to the investigation by any other path was saved."""
    from kennisbank.models import KennisbankIndexPage, PublicatiePage

    onderzoek = OnderzoekFactory(ruimte=world["ruimte"], **{rapport: world["document"]})
    pagina = KennisbankIndexPage.objects.get().add_child(
        instance=PublicatiePage(title="Rapport", slug="rapport-van-een-melding", live=False)
    )
    onderzoek.publicatie = pagina
    with pytest.raises(NooitOpenbaar):
        onderzoek.save()
    assert Onderzoek.objects.get(pk=onderzoek.pk).publicatie_id is None


def test_a_published_report_linked_to_a_report_afterwards_leaves_its_investigation_editable(world):
    from kennisbank.models import KennisbankIndexPage, PublicatiePage

    rapport = DocumentFactory(ruimte=world["ruimte"])
    pagina = KennisbankIndexPage.objects.get().add_child(
        instance=PublicatiePage(title="Rapport", slug="rapport-eerst-gepubliceerd", live=False)
    )
    onderzoek = OnderzoekFactory(ruimte=world["ruimte"], rapport_definitief=rapport, publicatie=pagina)
    world["melding"].documenten.add(rapport)
    onderzoek.titel = "Nieuwe titel"
    onderzoek.save()
    assert Onderzoek.objects.get(pk=onderzoek.pk).titel == "Nieuwe titel"


def test_what_may_be_published_is_not_refused(world):
    weiger_openbaarmaking(world["los_document"])
    weiger_openbaarmaking(OnderzoekFactory(ruimte=world["ruimte"]))
    weiger_openbaarmaking(Onderzoek())


def _urls(world):
    ruimte, melding = world["ruimte"], world["melding"]
    return [
        f"/samenwerking/{ruimte.pk}/meldingen/",
        f"/samenwerking/{ruimte.pk}/meldingen/nieuw/",
        f"/samenwerking/{ruimte.pk}/meldingen/{melding.pk}/",
        f"/samenwerking/{ruimte.pk}/documenten/{world['document'].pk}/",
        f"/samenwerking/{ruimte.pk}/documenten/{world['document'].pk}/versies/1/download/",
    ]


def test_anonymous_users_are_sent_to_sign_in_and_outsiders_get_404(world):
    anoniem = Client()
    for url in _urls(world):
        response = anoniem.get(url)
        assert response.status_code == 302 and "/account/inloggen/" in response["Location"], url
    buiten = Client()
    buiten.force_login(world["buitenstaander"])
    for url in _urls(world):
        assert buiten.get(url).status_code == 404, url
    assert buiten.post(_urls(world)[2], {"actie": "uitstel"}).status_code == 404
    lid = Client()
    lid.force_login(world["lid"])
    assert KANARIE["samenvatting"] in lid.get(_urls(world)[2]).content.decode()


def test_public_pages_and_search_hold_no_report(world):
    from kennisbank.models import ToezichtsvormPage
    from search import service

    anoniem = Client()
    pages = ["/", "/kennisbank/", ToezichtsvormPage.objects.get(slug="toezicht-op-calamiteiten-en-geweld").url]
    for url in [*pages, f"/zoeken/?q={WOORD}", "/zoeken/?q=zelfonderzoek", "/zoeken/?q=calamiteit"]:
        response = anoniem.get(url, follow=True)
        assert response.status_code == 200, url
    for user in (AnonymousUser(), world["buitenstaander"]):
        for word in [WOORD, *KANARIE.values()]:
            assert service.search(word, user, per_pagina=50).totaal == 0
    # The portal has no sitemap and no feed; were one added, this test must cover it.
    assert not [route for route in _routes() if any(word in route for word in ("sitemap", "feed", "rss", "atom"))]


def _routes(patterns=None, prefix=""):
    from django.urls import URLResolver, get_resolver

    routes = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        routes.append(route)
        if isinstance(pattern, URLResolver):
            routes += _routes(pattern.url_patterns, route)
    return routes


MELDINGEN_QUERY = "query { meldingen { id samenvatting } }"


def _graphql(client, query):
    client.get("/graphql/", HTTP_ACCEPT="text/html")
    response = client.post(
        "/graphql/",
        json.dumps({"query": query}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )
    return response


def test_the_public_api_holds_no_report(world):
    from portal.schema import schema

    fields = schema.graphql_schema.query_type.fields
    for role in (None, "buitenstaander"):
        client = Client()
        if role:
            client.force_login(world[role])
        if "meldingen" in fields:
            data = _graphql(client, MELDINGEN_QUERY).json()
            assert not (data.get("data") or {}).get("meldingen")
        for word in KANARIE.values():
            response = _graphql(client, f'query {{ zoeken(zoekterm: "{word}", eerste: 50) {{ totaal }} }}')
            assert response.json()["data"]["zoeken"]["totaal"] == 0
    if "meldingen" not in fields:
        # No public path: no type of the schema is the report's.
        assert not any(name.lower().startswith(("melding", "zelfonderzoek")) for name in schema.graphql_schema.type_map)
