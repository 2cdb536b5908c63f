"""Editors' paths in the Wagtail admin: create and edit a norm, submit, a chief editor publishes."""

import pytest
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from kennisbank.models import KaderOnderdeelPage, NormPage

pytestmark = pytest.mark.django_db


def _norm_form(**overrides):
    data = {
        "title": "9.9.9 Nieuwe norm",
        "slug": "norm-9-9-9",
        "code": "9.9.9",
        "stelling": "De aanbieder legt de nieuwe afspraken vast.",
        "waarom": "",
        "toelichting": "",
        "toetspunten": inline_formset([{"tekst": "Er is een vastgelegde afspraak.", "subpunten": ""}]),
        "koppelingen": inline_formset([]),
        "body": streamfield([]),
        "samenvatting": "",
        "indeling_wetten": inline_formset([]),
        "indeling_domeinen": inline_formset([]),
        "indeling_doelgroepen": inline_formset([]),
        "indeling_onderwerpen": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_creates_a_norm_and_submits_it(client, demo_user, seeded):
    client.force_login(demo_user("redacteur"))
    section = KaderOnderdeelPage.objects.get(slug__startswith="1-1-doelen")
    url = f"/admin/pages/add/kennisbank/normpage/{section.pk}/"
    assert client.get(url).status_code == 200
    data = _norm_form(**{"action-submit": "1"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    norm = NormPage.objects.get(code="9.9.9")
    assert not norm.live
    assert norm.toezichtkader.slug == "rotterdam-rijnmond-2025"
    state = WorkflowState.objects.get(object_id=str(norm.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_editor_cannot_publish(client, demo_user, seeded):
    client.force_login(demo_user("redacteur"))
    norm = NormPage.objects.get(toezichtkader__slug="rotterdam-rijnmond-2025", code="1.1.1")
    url = f"/admin/pages/{norm.pk}/edit/"
    response = client.post(
        url,
        _norm_form(
            title=norm.title,
            slug=norm.slug,
            code="1.1.1",
            stelling="Gewijzigd door redacteur.",
            **{"action-publish": "1"},
        ),
    )
    norm.refresh_from_db()
    assert norm.stelling != "Gewijzigd door redacteur."
    assert response.status_code in (302, 403)


def test_chief_editor_approves_and_the_change_goes_live(client, demo_user, seeded):
    editor, chief = demo_user("redacteur"), demo_user("hoofdredacteur")
    norm = NormPage.objects.get(toezichtkader__slug="rotterdam-rijnmond-2025", code="1.1.1")
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/{norm.pk}/edit/",
        _norm_form(
            title=norm.title,
            slug=norm.slug,
            code="1.1.1",
            stelling="Aangepaste norm na evaluatie.",
            **{"action-submit": "1"},
        ),
    )
    assert response.status_code == 302
    norm.refresh_from_db()
    assert norm.stelling != "Aangepaste norm na evaluatie."
    assert norm.has_unpublished_changes

    client.force_login(chief)
    state = WorkflowState.objects.get(object_id=str(norm.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    task_state = state.current_task_state
    response = client.post(f"/admin/pages/workflow/action/{norm.pk}/approve/{task_state.pk}/", {"comment": ""})
    assert response.status_code in (200, 302)
    norm.refresh_from_db()
    assert norm.stelling == "Aangepaste norm na evaluatie."
    assert norm.revisions.count() >= 2
    assert client.get(norm.url).content.decode().count("Aangepaste norm na evaluatie.") >= 1


def test_editor_cannot_create_norm_without_a_check(client, demo_user, seeded):
    client.force_login(demo_user("redacteur"))
    section = KaderOnderdeelPage.objects.get(slug__startswith="1-1-doelen")
    data = _norm_form(toetspunten=inline_formset([]))
    response = client.post(
        f"/admin/pages/add/kennisbank/normpage/{section.pk}/",
        nested_form_data(data) if isinstance(data, dict) else data,
    )
    assert response.status_code == 200
    assert not NormPage.objects.filter(code="9.9.9").exists()


def test_public_cannot_reach_the_admin(client, demo_user, seeded):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(demo_user("professional"))
    assert client.get("/admin/").status_code in (302, 403)
    assert Page.objects.filter(depth=2).exists()


def test_rich_text_helper_is_available():
    assert rich_text("<p>x</p>")
