"""The one permission path: memberships become guardian object permissions on the space, and
every model's `viewable_by_user` follows them, read from the database on every call."""

import pytest
from guardian.shortcuts import get_perms

from samenwerking.models import (
    Bericht,
    Document,
    Lidmaatschap,
    Samenwerkingsruimte,
    SamenwerkingsruimteGroupObjectPermission,
    SamenwerkingsruimteUserObjectPermission,
    Taak,
)
from samenwerking.policy import policy

from .factories import (
    BerichtFactory,
    DocumentFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
    RuimteFactory,
    TaakFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_roles_give_exactly_their_permissions():
    ruimte = RuimteFactory()
    coordinator = LidmaatschapFactory(ruimte=ruimte, coordinator=True).gebruiker
    deelnemer = LidmaatschapFactory(ruimte=ruimte).gebruiker
    meelezer = LidmaatschapFactory(ruimte=ruimte, meelezer=True).gebruiker
    assert sorted(get_perms(coordinator, ruimte)) == [
        "contribute_samenwerkingsruimte",
        "manage_samenwerkingsruimte",
        "view_samenwerkingsruimte",
    ]
    assert sorted(get_perms(deelnemer, ruimte)) == ["contribute_samenwerkingsruimte", "view_samenwerkingsruimte"]
    assert get_perms(meelezer, ruimte) == ["view_samenwerkingsruimte"]
    assert policy.actions_for(meelezer, ruimte) == {"view"}
    assert policy.actions_for(coordinator, ruimte) == {"view", "contribute", "manage"}


def test_permissions_follow_role_changes_and_removal_at_once():
    lid = LidmaatschapFactory(meelezer=True)
    user, ruimte = lid.gebruiker, lid.ruimte
    assert policy.actions_for(user, ruimte) == {"view"}
    lid.rol = Lidmaatschap.Rol.COORDINATOR
    lid.save()
    assert policy.actions_for(user, ruimte) == {"view", "contribute", "manage"}
    lid.delete()
    assert policy.actions_for(user, ruimte) == set()
    assert list(Samenwerkingsruimte.objects.viewable_by_user(user)) == []


def test_organisation_membership_admits_its_staff_and_new_colleagues():
    organisatie = OrganisatieFactory()
    ruimte = RuimteFactory()
    LidmaatschapFactory(ruimte=ruimte, gebruiker=None, organisatie=organisatie)
    medewerker = UserFactory(organisatie=organisatie)
    nieuwe_collega = UserFactory(organisatie=organisatie)
    assert list(Samenwerkingsruimte.objects.viewable_by_user(medewerker)) == [ruimte]
    assert list(Samenwerkingsruimte.objects.viewable_by_user(nieuwe_collega)) == [ruimte]
    assert SamenwerkingsruimteGroupObjectPermission.objects.filter(group=organisatie.groep).count() == 2
    nieuwe_collega.groups.remove(organisatie.groep)
    assert list(Samenwerkingsruimte.objects.viewable_by_user(nieuwe_collega)) == []


def test_children_follow_the_space_and_coordinator_documents_the_coordinators():
    ruimte, andere = RuimteFactory(), RuimteFactory()
    coordinator = LidmaatschapFactory(ruimte=ruimte, coordinator=True).gebruiker
    deelnemer = LidmaatschapFactory(ruimte=ruimte).gebruiker
    open_doc = DocumentFactory(ruimte=ruimte)
    geheim = DocumentFactory(ruimte=ruimte, alleen_coordinatoren=True)
    DocumentFactory(ruimte=andere)
    bericht = BerichtFactory(ruimte=ruimte)
    BerichtFactory(ruimte=andere)
    taak = TaakFactory(ruimte=ruimte)
    TaakFactory(ruimte=andere)
    assert set(Document.objects.viewable_by_user(coordinator)) == {open_doc, geheim}
    assert list(Document.objects.viewable_by_user(deelnemer)) == [open_doc]
    assert list(Bericht.objects.viewable_by_user(deelnemer)) == [bericht]
    assert list(Taak.objects.viewable_by_user(deelnemer)) == [taak]


def test_superuser_and_inactive_user_are_not_members():
    ruimte = RuimteFactory()
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert list(Samenwerkingsruimte.objects.viewable_by_user(superuser)) == []
    assert list(policy.spaces_needing_administrator(superuser)) == [ruimte]
    lid = LidmaatschapFactory(ruimte=ruimte, coordinator=True)
    assert list(policy.spaces_needing_administrator(superuser)) == []
    lid.gebruiker.is_active = False
    lid.gebruiker.save()
    assert list(Samenwerkingsruimte.objects.viewable_by_user(lid.gebruiker)) == []
    assert list(policy.spaces_needing_administrator(superuser)) == [ruimte]


def test_permissions_are_deleted_with_the_space_so_a_new_space_with_its_pk_starts_empty():
    lid = LidmaatschapFactory(coordinator=True)
    pk, user = lid.ruimte.pk, lid.gebruiker
    lid.ruimte.delete()
    assert not SamenwerkingsruimteUserObjectPermission.objects.filter(content_object_id=pk).exists()
    nieuw = Samenwerkingsruimte.objects.create(pk=pk, titel="Opnieuw", soort="netwerk")
    assert list(Samenwerkingsruimte.objects.viewable_by_user(user)) == []
    assert policy.actions_for(user, nieuw) == set()


def test_closed_space_is_read_not_written():
    lid = LidmaatschapFactory()
    ruimte = lid.ruimte
    ruimte.status = Samenwerkingsruimte.Status.GESLOTEN
    ruimte.save()
    assert policy.actions_for(lid.gebruiker, ruimte) == {"view"}
