"""Editors build a practice case in the Wagtail admin, and it goes through the same review
as every other kennisbank page: an editor submits, a chief editor publishes."""

import pytest
from wagtail.models import WorkflowState
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from kennisbank.models import KennisbankIndexPage, NormPage, OefencasusPage
from portal.models import HomePage, User

pytestmark = pytest.mark.django_db


def listblock(items):
    """A ListBlock's form data: each item with its order, deletion flag and (new: empty) id."""
    data = {str(i): {"value": item, "deleted": "", "order": str(i), "id": ""} for i, item in enumerate(items)}
    data["count"] = str(len(items))
    return data


def casus_form(norm, **overrides):
    data = {
        "title": "Oefencasus van de redactie",
        "slug": "oefencasus-van-de-redactie",
        "fictief": "on",
        "samenvatting": "Een korte casus.",
        "inleiding": "Een verzonnen gezin.",
        "body": streamfield([]),
        "hoofdstukken": streamfield(
            [
                (
                    "hoofdstuk",
                    {
                        "titel": "Het eerste signaal",
                        "moment": "Maart 2023",
                        "verhaal": "De opvang ziet een blauwe plek.",
                        "perspectieven": listblock(
                            [
                                {
                                    "professional": "kinderopvang",
                                    "zag": "Een blauwe plek.",
                                    "wist": "",
                                    "deed": "Legt het vast.",
                                    "wist_niet": "Dat de huisarts zorgen heeft.",
                                },
                                {
                                    "professional": "huisarts",
                                    "zag": "",
                                    "wist": "Slaapproblemen.",
                                    "deed": "",
                                    "wist_niet": "",
                                },
                            ]
                        ),
                        "vragen": listblock(
                            [
                                {
                                    "vraag": "Wat doet u?",
                                    "soort": "meerkeuze",
                                    "opties": listblock(
                                        [
                                            {
                                                "tekst": "Afwachten",
                                                "feedback": "Te laat.",
                                                "vervolg": "Niemand deed iets.",
                                            },
                                            {"tekst": "Overleggen", "feedback": "Stap 2.", "vervolg": ""},
                                        ]
                                    ),
                                },
                                {"vraag": "Wat weet u nog niet?", "soort": "open", "opties": listblock([])},
                            ]
                        ),
                    },
                )
            ]
        ),
        "nabespreking": streamfield(
            [
                (
                    "thema",
                    {
                        "titel": "Vroegsignalering",
                        "toelichting": "Wie zag wat?",
                        "gespreksvragen": listblock(["Wanneer handelt u?"]),
                        "criteria": listblock([str(norm.pk)]),
                    },
                )
            ]
        ),
        "indeling_wetten": inline_formset([]),
        "indeling_domeinen": inline_formset([]),
        "indeling_doelgroepen": inline_formset([]),
        "indeling_onderwerpen": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def tsd_norm(code="2.1"):
    return NormPage.objects.get(toezichtkader__slug="tsd-stelseltoezicht-volwassenen", code=code)


class TestOefencasusInTheAdmin(WagtailPageTestCase):
    def setUp(self):
        self.client.force_login(User.objects.get(email="beheerder@demo.toezichtportaal.nl"))

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(OefencasusPage, {KennisbankIndexPage})
        self.assertAllowedSubpageTypes(OefencasusPage, set())
        self.assertCanCreateAt(KennisbankIndexPage, OefencasusPage)
        self.assertCanNotCreateAt(HomePage, OefencasusPage)
        self.assertCanNotCreateAt(NormPage, OefencasusPage)

    def test_a_case_with_nested_chapters_questions_and_guide_can_be_created(self):
        norm = tsd_norm()
        self.assertCanCreate(KennisbankIndexPage.objects.get(), OefencasusPage, casus_form(norm))
        page = OefencasusPage.objects.get(slug="oefencasus-van-de-redactie")
        (hoofdstuk,) = page.hoofdstuk_lijst()
        assert [(p.slug, p.zag, p.wist_niet) for p in hoofdstuk.perspectieven.values()] == [
            ("kinderopvang", "Een blauwe plek.", "Dat de huisarts zorgen heeft."),
            ("huisarts", "", ""),
        ]
        meerkeuze, open_vraag = hoofdstuk.vragen
        assert [(o.nummer, o.tekst, o.vervolg) for o in meerkeuze.opties] == [
            (1, "Afwachten", "Niemand deed iets."),
            (2, "Overleggen", ""),
        ]
        assert (open_vraag.soort, open_vraag.opties) == ("open", [])
        # The admin gives every new list item an id; the question keeps it from now on.
        assert meerkeuze.id and page.vraag(meerkeuze.id)[1] == meerkeuze
        (thema,) = page.nabespreking_themas(None)
        assert [c.pk for c in thema.criteria] == [norm.pk]
        # The admin's stream editor is drawn by JavaScript, so the preview gets the form data itself.
        self.assertPageIsPreviewable(page, post_data=casus_form(norm))

    def test_a_multiple_choice_question_without_options_is_refused(self):
        data = casus_form(tsd_norm())
        for key in [k for k in data if k.startswith("hoofdstukken-0-value-vragen-0-value-opties-")]:
            del data[key]
        data["hoofdstukken-0-value-vragen-0-value-opties-count"] = "0"
        data["action-publish"] = "action-publish"
        index = KennisbankIndexPage.objects.get()
        response = self.client.post(f"/admin/pages/add/kennisbank/oefencasuspage/{index.pk}/", data)
        assert response.status_code == 200
        assert "Een meerkeuzevraag heeft minstens twee keuzes." in response.content.decode()
        assert not OefencasusPage.objects.filter(slug="oefencasus-van-de-redactie").exists()

    def test_the_demo_case_and_its_steps_are_routable_and_renderable(self):
        page = OefencasusPage.objects.get(slug="oefencasus-gezin-baars")
        for route in ("/", "/speel/wijkteam/1/", "/speel/ggz/6/", "/speel/wijkteam/tijdlijn/"):
            self.assertPageIsRoutable(page, route)
            self.assertPageIsRenderable(page, route)


def test_editor_submits_a_case_and_the_chief_editor_publishes_it(client, demo_user, seeded):
    editor, chief = demo_user("redacteur"), demo_user("hoofdredacteur")
    index = KennisbankIndexPage.objects.get()
    client.force_login(editor)
    url = f"/admin/pages/add/kennisbank/oefencasuspage/{index.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, casus_form(tsd_norm(), **{"action-submit": "1"}))
    assert response.status_code == 302, response.content[:2000]
    page = OefencasusPage.objects.get(slug="oefencasus-van-de-redactie")
    assert not page.live
    assert client.get("/kennisbank/oefencasus-van-de-redactie/speel/kinderopvang/1/").status_code == 404

    client.force_login(chief)
    state = WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{state.current_task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    client.logout()
    html = client.get("/kennisbank/oefencasus-van-de-redactie/speel/kinderopvang/1/").content.decode()
    assert "De opvang ziet een blauwe plek." in html and "<strong>Fictieve casus</strong>" in html


def test_editor_cannot_publish_a_case_directly(client, demo_user, seeded):
    client.force_login(demo_user("redacteur"))
    index = KennisbankIndexPage.objects.get()
    client.post(
        f"/admin/pages/add/kennisbank/oefencasuspage/{index.pk}/",
        casus_form(tsd_norm(), **{"action-publish": "1"}),
    )
    assert not OefencasusPage.objects.filter(slug="oefencasus-van-de-redactie", live=True).exists()
