"""Saving, publishing, unpublishing, moving and deleting keep the index current."""

from django.core.management import call_command

from wagtail.models import Page

from kennisbank.models import Begrip, KennisbankIndexPage, KennisbronPage, NormPage
from search.models import SearchDocument, Synoniem


def keys(backend_search, query):
    return [r.titel for r in backend_search(query, per_pagina=50).resultaten]


def test_publish_updates_the_index(backend, search_as, django_capture_on_commit_callbacks):
    page = KennisbronPage.objects.get(title="Veiligheidshuizen")
    page.title = "Veiligheidshuizen en ketenkwartier"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert "Veiligheidshuizen en ketenkwartier" in keys(search_as, "ketenkwartier")


def test_new_page_is_found_after_publishing(backend, search_as, django_capture_on_commit_callbacks):
    index = KennisbankIndexPage.objects.get()
    page = KennisbronPage(title="Wijkteamkompas", slug="wijkteamkompas", samenvatting="Een kompas voor wijkteams.")
    index.add_child(instance=page)
    assert keys(search_as, "wijkteamkompas") == []
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert keys(search_as, "wijkteamkompas") == ["Wijkteamkompas"]


def test_unpublish_removes_page(backend, search_as, django_capture_on_commit_callbacks):
    page = KennisbronPage.objects.get(title="Veiligheidshuizen")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert "Veiligheidshuizen" not in keys(search_as, "veiligheidshuizen")


def test_delete_removes_page(backend, search_as, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        KennisbronPage.objects.get(title="Veiligheidshuizen").delete()
    assert "Veiligheidshuizen" not in keys(search_as, "veiligheidshuizen")
    assert not SearchDocument.objects.filter(titel="Veiligheidshuizen").exists()


def test_move_updates_urls_of_the_subtree(seeded, django_capture_on_commit_callbacks):
    part = Page.objects.get(title="Medicatieveiligheid").specific
    norm = NormPage.objects.child_of(part).first()
    target = Page.objects.get(title="Professionaliteit").specific
    with django_capture_on_commit_callbacks(execute=True):
        part.move(target, pos="last-child")
    norm.refresh_from_db()
    stored = SearchDocument.objects.get(key=f"page:{norm.pk}")
    assert stored.url == norm.url and "professionaliteit/" in stored.url


def test_snippet_save_and_delete(backend, search_as, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        begrip = Begrip.objects.create(term="Mantelzorgboekje", definitie="Een boekje.")
    assert keys(search_as, "mantelzorgboekje") == ["Mantelzorgboekje"]
    with django_capture_on_commit_callbacks(execute=True):
        begrip.delete()
    # Other documents may still match its parts (compounds); the snippet itself is gone.
    assert "Mantelzorgboekje" not in keys(search_as, "mantelzorgboekje")


def test_editor_synonym_is_used_after_saving(seeded, search_as, django_capture_on_commit_callbacks):
    assert "Veilig Thuis" not in keys(search_as, "SHG")
    with django_capture_on_commit_callbacks(execute=True):
        Synoniem.objects.create(term="SHG", varianten="Veilig Thuis\nSteunpunt Huiselijk Geweld")
    assert "Veilig Thuis" in keys(search_as, "SHG")


def test_rebuild_command_reports_progress_and_summary(seeded, capsys):
    SearchDocument.objects.all().delete()
    call_command("rebuild_search_index")
    out = capsys.readouterr().out
    assert "Zoekindex opgebouwd:" in out and "Norm: 73" in out and "] " in out
    assert SearchDocument.objects.filter(soort="norm").count() == 73
