"""Investigations stay in their space: every role against every page and export of an
investigation, with canaries in its title, findings, evidence and the provider's reaction; and
a report reaches the public only through an editor's approval."""

import io
from datetime import date

from django.contrib.auth.models import Group
from django.test import Client

import pytest

from portal.roles import TOEZICHTHOUDER
from samenwerking import procedure
from samenwerking.models import AuditLogEntry, Onderzoek
from tests import canary
from tests.samenwerking.factories import (
    AanbiederFactory,
    BevindingFactory,
    DocumentFactory,
    LidmaatschapFactory,
    OnderzoekFactory,
    RuimteFactory,
    UserFactory,
    seeded_normen,
    version,
)

pytestmark = pytest.mark.django_db

C = {
    "titel": "KANARIE-o1-titel-onderzoek",
    "aanleiding": "KANARIE-o2-aanleiding",
    "toelichting": "KANARIE-o3-toelichting-bevinding",
    "bewijs": "KANARIE-o4-bewijs-coordinatoren",
    "reactie": "KANARIE-o5-reactie-aanbieder",
}
MEMBER = {"titel", "aanleiding", "toelichting", "reactie"}
COORDINATOR = MEMBER | {"bewijs"}


def _toezichthouder():
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=TOEZICHTHOUDER)[0])
    return user


@pytest.fixture
def wereld():
    ruimte = RuimteFactory()
    andere = RuimteFactory()
    users = {"anoniem": None, "buitenstaander": _toezichthouder(), "lid_andere_ruimte": _toezichthouder()}
    LidmaatschapFactory(ruimte=andere, gebruiker=users["lid_andere_ruimte"], coordinator=True)
    for rol in ("coordinator", "deelnemer", "meelezer"):
        users[rol] = _toezichthouder()
        LidmaatschapFactory(ruimte=ruimte, gebruiker=users[rol], rol=rol)
    a = AanbiederFactory(naam="Aanbieder Privacy B.V.")
    onderzoek = OnderzoekFactory(
        ruimte=ruimte, titel=C["titel"], aanleiding=C["aanleiding"], normen=2, met_aanbieders=[a]
    )
    Onderzoek.objects.filter(pk=onderzoek.pk).update(reactie_aanbieder=C["reactie"])
    geheim = DocumentFactory(ruimte=ruimte, naam=C["bewijs"], alleen_coordinatoren=True)
    bevinding = BevindingFactory(
        onderzoek=onderzoek, norm=seeded_normen(aantal=1)[0], aanbieder=a, toelichting=C["toelichting"]
    )
    bevinding.bewijs.add(geheim)
    may = {
        "coordinator": COORDINATOR,
        "deelnemer": MEMBER,
        "meelezer": MEMBER,
    }

    def may_see(key):
        allowed = {users[rol].pk for rol, keys in may.items() if key in keys}
        return lambda user: user is not None and user.is_authenticated and user.pk in allowed

    for key, word in C.items():
        canary.register(word, may_see(key))
    return ruimte, onderzoek, users, a


def _urls(ruimte, onderzoek, aanbieder):
    item = f"/samenwerking/{ruimte.pk}/onderzoeken/{onderzoek.pk}/"
    return [
        f"/samenwerking/{ruimte.pk}/onderzoeken/",
        item,
        f"{item}bevindingen/?aanbieder={aanbieder.pk}",
        f"{item}matrix/",
        f"{item}matrix.csv",
        f"{item}matrix.pdf",
        f"{item}rapport/",
    ]


ROLLEN = ["anoniem", "buitenstaander", "lid_andere_ruimte", "coordinator", "deelnemer", "meelezer"]


@pytest.mark.parametrize("rol", ROLLEN)
def test_every_role_on_every_page_and_export(wereld, rol):
    from pypdf import PdfReader

    ruimte, onderzoek, users, aanbieder = wereld
    client = Client()
    if users[rol] is not None:
        client.force_login(users[rol])
    lid = rol in ("coordinator", "deelnemer", "meelezer")
    for url in _urls(ruimte, onderzoek, aanbieder):
        response = client.get(url)
        if rol == "anoniem":
            assert response.status_code == 302, url
            assert "/account/" in response["Location"], url
            continue
        assert response.status_code == (200 if lid else 404), (url, response.status_code)
        if url.endswith(".pdf") and lid:
            text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
            assert C["bewijs"] not in text
    if not lid and rol != "anoniem":
        refused = AuditLogEntry.objects.filter(gebruiker=users[rol], actie="geweigerd", ruimte=ruimte)
        assert refused.count() == len(_urls(ruimte, onderzoek, aanbieder))


def test_the_evidence_list_offers_only_documents_the_member_may_see(wereld):
    ruimte, onderzoek, users, aanbieder = wereld
    client = Client()
    client.force_login(users["deelnemer"])
    page = client.get(f"/samenwerking/{ruimte.pk}/onderzoeken/{onderzoek.pk}/bevindingen/?aanbieder={aanbieder.pk}")
    assert page.status_code == 200
    assert C["bewijs"] not in page.content.decode()
    bevinding = onderzoek.bevindingen.get()
    geheim = list(bevinding.bewijs.all())
    prefix = f"n{bevinding.norm_id}-a{aanbieder.pk}"
    response = client.post(
        f"/samenwerking/{ruimte.pk}/onderzoeken/{onderzoek.pk}/bevindingen/",
        {
            "aanbieder": aanbieder.pk,
            f"{prefix}-oordeel": "voldoet_niet",
            f"{prefix}-toelichting": "Gewijzigd.",
            f"n{seeded_normen(aantal=2)[1].pk}-a{aanbieder.pk}-oordeel": "niet_getoetst",
        },
    )
    assert response.status_code == 302
    bevinding.refresh_from_db()
    assert (bevinding.oordeel, list(bevinding.bewijs.all())) == ("voldoet_niet", geheim)


def test_a_report_offered_for_publication_is_not_public_until_an_editor_approves(wereld):
    ruimte, onderzoek, users, _ = wereld
    user = users["coordinator"]
    concept = DocumentFactory(ruimte=ruimte, naam="Concept")
    version(concept, content=b"Concept (fictief)\n", naam="concept.txt")
    definitief = DocumentFactory(ruimte=ruimte, naam="Definitief")
    version(definitief, content=b"Openbare tekst van het rapport (fictief).\n", naam="rapport.txt")
    Onderzoek.objects.filter(pk=onderzoek.pk).update(rapport_concept=concept, titel="Openbaar rapport (fictief)")
    onderzoek.refresh_from_db()
    kanaal = AuditLogEntry.Kanaal.PAGINA
    procedure.start(user, onderzoek, date(2026, 4, 13), kanaal)
    procedure.afronden(user, onderzoek, 1, kanaal, datum=date(2026, 4, 20))
    procedure.afronden(user, onderzoek, 2, kanaal, datum=date(2026, 4, 24), document=definitief)
    procedure.afronden(user, onderzoek, 3, kanaal, datum=date(2026, 4, 30), reactie="Wij herkennen ons in het rapport.")
    procedure.afronden(user, onderzoek, 4, kanaal, datum=date(2026, 5, 18), geen=True)
    procedure.afronden(user, onderzoek, 5, kanaal, datum=date(2026, 5, 19))
    page = procedure.publiceer(user, onderzoek, kanaal, vandaag=date(2026, 6, 2))
    assert not page.live and page.workflow_in_progress
    anonymous = Client()
    assert anonymous.get(page.get_url()).status_code == 404
    assert "Wij herkennen ons" not in anonymous.get("/zoeken/", {"q": "herkennen"}).content.decode()
    assert "Openbaar rapport (fictief)" not in anonymous.get("/zoeken/", {"q": "Openbaar rapport"}).content.decode()
