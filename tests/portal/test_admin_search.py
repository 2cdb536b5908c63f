"""The search boxes of the Wagtail admin, as an editor uses them."""

import re

from django.urls import reverse

import pytest
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from kennisbank.models import Begrip
from portal.models import HomePage, InformatiePage

pytestmark = pytest.mark.django_db


def _listed(response, model):
    assert response.status_code == 200
    meta = model._meta
    pattern = rf"/admin/snippets/{meta.app_label}/{meta.model_name}/edit/(\d+)/"
    return {int(pk) for pk in re.findall(pattern, response.content.decode())}


def _value(obj, path):
    for part in path.split("__"):
        obj = getattr(obj, part) if obj is not None else None
    return str(obj or "")


def _query_for(model, fields):
    """A word from one object's fields that only some of the objects contain; where every
    word is shared by all of them (a register of two entries), a word they all contain."""
    objects = list(model.objects.all())
    shared = None
    for obj in objects:
        for field in fields:
            for word in re.findall(r"\w{4,}", _value(obj, field)):
                matching = {o.pk for o in objects if any(word.lower() in _value(o, f).lower() for f in fields)}
                if len(matching) < min(len(objects), 20) or len(objects) == 1:
                    return word, matching
                shared = shared or (word, matching)
    if shared is not None:
        return shared
    raise AssertionError(f"Geen zoekwoord gevonden voor {model.__name__}")


def _editor_for(model, demo_user):
    editor = demo_user("redacteur")
    if editor.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
        return editor
    return demo_user("beheerder")


@pytest.mark.parametrize("model", get_snippet_models(), ids=lambda model: model.__name__)
def test_every_snippet_listing_searches_its_fields(client, seeded, demo_user, model):
    fields = model.snippet_viewset.search_fields
    assert fields
    word, expected = _query_for(model, fields)
    client.force_login(_editor_for(model, demo_user))
    url = model.snippet_viewset.get_url_name("list")
    assert _listed(client.get(reverse(url), {"q": word}), model) == expected
    assert _listed(client.get(reverse(url), {"q": word.upper()}), model) == expected
    assert _listed(client.get(reverse(url), {"q": "qzxwvkj"}), model) == set()


def test_glossary_search_finds_part_of_a_term(client, seeded, demo_user):
    Begrip.objects.all().delete()
    overleg = Begrip.objects.create(term="Calamiteitenoverleg", definitie="Overleg na een melding.")
    melding = Begrip.objects.create(term="Melding", definitie="Het melden van een calamiteit.")
    Begrip.objects.create(term="Zorgaanbieder", definitie="Wie zorg verleent.")
    client.force_login(demo_user("redacteur"))
    response = client.get("/admin/snippets/kennisbank/begrip/", {"q": "calamiteit"})
    assert _listed(response, Begrip) == {overleg.pk, melding.pk}


def test_page_search_in_the_admin(client, seeded, demo_user):
    home = HomePage.objects.get()
    for title in ("Kwartelkoning in de wijk", "Kwartelkoning en korhoen"):
        home.add_child(instance=InformatiePage(title=title, body="<p>Tekst.</p>"))
    expected = set(Page.objects.filter(title__contains="Kwartelkoning").values_list("pk", flat=True))
    client.force_login(demo_user("redacteur"))
    response = client.get("/admin/pages/search/", {"q": "kwartelkoning"})
    assert response.status_code == 200
    found = {int(pk) for pk in re.findall(r"/admin/pages/(\d+)/edit/", response.content.decode())}
    assert found == expected
    assert len(expected) == 2
