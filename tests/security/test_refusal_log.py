"""A refusal stays in the audit log when the atomic block it ends is rolled back, on the pages
(a view that runs several actions in one transaction) as anywhere else."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import path

import pytest

from samenwerking import actions, refusals
from samenwerking.models import AuditLogEntry, Bericht, Samenwerkingsruimte
from tests.samenwerking.factories import LidmaatschapFactory, RuimteFactory

pytestmark = pytest.mark.django_db

PAGINA = AuditLogEntry.Kanaal.PAGINA


def _post_then_rename(request, pk):
    """A page that posts a message and renames the space in one transaction: all or nothing."""
    ruimte = Samenwerkingsruimte.objects.get(pk=pk)
    with transaction.atomic():
        actions.post_message(request.user, ruimte, PAGINA, "Eerst een bericht")
        actions.update_space(request.user, ruimte, PAGINA, titel="Nieuwe titel")
    return HttpResponse("bewaard")


urlpatterns = [path("poging/<int:pk>/", _post_then_rename)]


def _refusals(user):
    return list(
        AuditLogEntry.objects.filter(gebruiker=user, actie=AuditLogEntry.Actie.GEWEIGERD).values_list(
            "ruimte", "kanaal", "toelichting"
        )
    )


@pytest.mark.urls(__name__)
def test_a_refused_page_action_keeps_its_refusal_and_loses_its_writes():
    ruimte = RuimteFactory(titel="Oude titel")
    deelnemer = LidmaatschapFactory(ruimte=ruimte).gebruiker
    client = Client()
    client.force_login(deelnemer)
    response = client.post(f"/poging/{ruimte.pk}/")
    assert response.status_code == 403
    assert list(Bericht.objects.filter(ruimte=ruimte)) == []
    assert Samenwerkingsruimte.objects.get(pk=ruimte.pk).titel == "Oude titel"
    assert _refusals(deelnemer) == [(ruimte.pk, PAGINA, "manage")]


def test_a_refusal_inside_a_rolled_back_block_is_written_once_the_block_is_left():
    ruimte = RuimteFactory()
    meelezer = LidmaatschapFactory(ruimte=ruimte, meelezer=True).gebruiker
    with pytest.raises(PermissionDenied), transaction.atomic():
        actions.require(meelezer, "contribute", ruimte, PAGINA)
    refusals.flush()
    assert _refusals(meelezer) == [(ruimte.pk, PAGINA, "contribute")]
    refusals.flush()
    assert _refusals(meelezer) == [(ruimte.pk, PAGINA, "contribute")], "Written twice"


def test_a_refusal_is_not_written_while_the_block_is_still_open():
    ruimte = RuimteFactory()
    meelezer = LidmaatschapFactory(ruimte=ruimte, meelezer=True).gebruiker
    with transaction.atomic():
        with pytest.raises(PermissionDenied):
            actions.require(meelezer, "contribute", ruimte, PAGINA)
        refusals.flush()
        assert _refusals(meelezer) == []
    refusals.flush()
    assert _refusals(meelezer) == [(ruimte.pk, PAGINA, "contribute")]


def test_a_refusal_outside_any_block_is_written_at_once():
    ruimte = RuimteFactory()
    meelezer = LidmaatschapFactory(ruimte=ruimte, meelezer=True).gebruiker
    with pytest.raises(PermissionDenied):
        actions.require(meelezer, "contribute", ruimte, PAGINA)
    assert _refusals(meelezer) == [(ruimte.pk, PAGINA, "contribute")]
