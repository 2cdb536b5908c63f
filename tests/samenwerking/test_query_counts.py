"""The number of SQL queries of the spaces' pages and of the policy does not grow with the
number of spaces a user is in or the number of objects in a space (benchmarks/permissions.py
measures the times)."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from samenwerking.models import Lidmaatschap
from samenwerking.policy import policy
from search import service

from .factories import (
    BerichtFactory,
    DocumentFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
    RuimteFactory,
    TaakFactory,
    UserFactory,
    version,
)

pytestmark = pytest.mark.django_db


def _member_of(count):
    """A user in `count` spaces, alternately directly and through their organisation, each
    space with a document (with two versions), a message with a reply and a task for them."""
    organisatie = OrganisatieFactory()
    user = UserFactory(organisatie=organisatie)
    spaces = []
    for n in range(count):
        ruimte = RuimteFactory()
        LidmaatschapFactory(ruimte=ruimte, coordinator=True)
        if n % 2:
            Lidmaatschap.objects.create(ruimte=ruimte, organisatie=organisatie, rol=Lidmaatschap.Rol.DEELNEMER)
        else:
            LidmaatschapFactory(ruimte=ruimte, gebruiker=user, rol=Lidmaatschap.Rol.COORDINATOR)
        document = DocumentFactory(ruimte=ruimte, naam=f"Calamiteitenverslag {n}")
        version(document)
        version(document, naam="verslag-2.pdf")
        bericht = BerichtFactory(ruimte=ruimte, auteur=UserFactory())
        BerichtFactory(ruimte=ruimte, auteur=UserFactory(), antwoord_op=bericht)
        TaakFactory(ruimte=ruimte, toegewezen_aan=user)
        spaces.append(ruimte)
    return user, spaces


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    if response.streaming:
        b"".join(response.streaming_content)


def _queries(client, url):
    """Queries of a request after a first one has filled the process's caches (the site root,
    the synonyms), as every later request finds them."""
    _get(client, url)
    with CaptureQueriesContext(connection) as queries:
        _get(client, url)
    return len(queries.captured_queries)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_mijn_samenwerking_queries_do_not_grow_with_the_spaces():
    one, _spaces = _member_of(1)
    ten, _spaces = _member_of(10)
    counts = [_queries(_client(user), "/samenwerking/") for user in (one, ten)]
    assert counts[0] == counts[1]


def test_document_list_queries_do_not_grow_with_the_documents():
    user, (ruimte,) = _member_of(1)
    few = _queries(_client(user), f"/samenwerking/{ruimte.pk}/documenten/")
    for n in range(9):
        version(DocumentFactory(ruimte=ruimte, naam=f"Bijlage {n}"))
    many = _queries(_client(user), f"/samenwerking/{ruimte.pk}/documenten/")
    assert few == many


def test_space_pages_and_download_queries_do_not_grow_with_the_spaces():
    counts = {}
    for size in (1, 10):
        user, spaces = _member_of(size)
        ruimte = spaces[0]
        document = ruimte.documenten.get()
        client = _client(user)
        counts[size] = [
            _queries(client, f"/samenwerking/{ruimte.pk}/"),
            _queries(client, f"/samenwerking/{ruimte.pk}/documenten/"),
            _queries(client, f"/samenwerking/{ruimte.pk}/documenten/{document.pk}/"),
            _queries(client, f"/samenwerking/{ruimte.pk}/documenten/{document.pk}/versies/2/download/"),
            _queries(client, f"/samenwerking/{ruimte.pk}/berichten/"),
            _queries(client, f"/samenwerking/{ruimte.pk}/taken/"),
            _queries(client, f"/samenwerking/{ruimte.pk}/leden/"),
        ]
    assert counts[1] == counts[10]


def test_the_actions_on_a_space_come_from_one_query(django_assert_num_queries):
    user, spaces = _member_of(2)
    direct, through_organisation = spaces
    with django_assert_num_queries(1):
        assert policy.actions_for(user, direct) == {"view", "contribute", "manage"}
    with django_assert_num_queries(1):
        assert policy.actions_for(user, through_organisation) == {"view", "contribute"}
    through_organisation.status = through_organisation.Status.GESLOTEN
    through_organisation.save()
    with django_assert_num_queries(1):
        assert policy.actions_for(user, through_organisation) == {"view"}
    outsider = UserFactory()
    with django_assert_num_queries(1):
        assert policy.actions_for(outsider, direct) == set()


def test_a_permission_filtered_search_does_not_grow_with_the_spaces():
    counts = []
    for size in (1, 10):
        user, _spaces = _member_of(size)
        service.search("calamiteiten", user)
        with CaptureQueriesContext(connection) as queries:
            service.search("calamiteiten", user)
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
