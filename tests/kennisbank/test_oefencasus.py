"""The practice case: its plain-Python API, the demo case in the seed, playing alone, search
and page privacy."""

import re

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import Client

import pytest
from wagtail.models import PageViewRestriction

from kennisbank.models import (
    MAX_ANTWOORD,
    KaderOnderdeelPage,
    NormPage,
    OefencasusPage,
    OefencasusVoortgang,
    Optie,
    Perspectief,
    PublicatiePage,
)
from kennisbank.models.oefencasus import HoofdstukBlock, VraagBlock
from kennisbank.oefencasus_spel import SESSIE_SLEUTEL
from portal.seeding import SeedError

from .factories import (
    HandreikingPageFactory,
    OefencasusPageFactory,
    hoofdstuk,
    optie,
    perspectief,
    thema,
)

pytestmark = pytest.mark.django_db

DEMO_SLUG = "oefencasus-gezin-baars"


def demo():
    return OefencasusPage.objects.get(slug=DEMO_SLUG)


def speel(page, perspectief_slug, nummer):
    return f"{page.url}speel/{perspectief_slug}/{nummer}/"


def tijdlijn(page, perspectief_slug):
    return f"{page.url}speel/{perspectief_slug}/tijdlijn/"


def errors(html):
    return re.findall(r'<p class="portal-fout" id="[^"]+">([^<]+)</p>', html)


# --- the plain-Python API ----------------------------------------------------------


def test_chapters_are_numbered_with_their_perspectives_and_questions(seeded):
    page = OefencasusPageFactory()
    eerste, tweede = page.hoofdstuk_lijst()
    assert (eerste.nummer, eerste.titel, eerste.moment, eerste.verhaal) == (
        1,
        "Het begin",
        "Maart 2023",
        "Een moeder komt bij de huisarts.",
    )
    assert eerste.perspectieven == {
        "huisarts": Perspectief(
            "huisarts", "Huisarts", "Een moeder die slecht slaapt.", "Twee kinderen.", "Recept.", ""
        ),
        "kinderopvang": Perspectief(
            "kinderopvang", "Kinderopvang", "Een blauwe plek.", "", "", "Dat moeder bij de huisarts was."
        ),
    }
    assert [(v.id, v.tekst, v.soort) for v in eerste.vragen] == [
        ("v-1-1", "Wat doet u?", "meerkeuze"),
        ("v-1-2", "Welke signalen ziet u?", "open"),
    ]
    assert eerste.vragen[0].opties == [
        Optie(1, "Afwachten", "Dat is te laat.", "Niemand deed iets."),
        Optie(2, "Vastleggen en overleggen", "Stap 1 en 2 van de meldcode.", "Er kwam een gesprek."),
    ]
    assert eerste.vragen[1].opties == []
    assert (tweede.nummer, list(tweede.perspectieven), [v.id for v in tweede.vragen]) == (2, ["onderwijs"], ["v-2-1"])


def test_perspective_choices_are_those_in_the_case_in_the_fixed_order(seeded):
    page = OefencasusPageFactory()
    assert page.perspectief_keuzes() == [
        ("huisarts", "Huisarts"),
        ("kinderopvang", "Kinderopvang"),
        ("onderwijs", "Onderwijs"),
    ]


def test_question_by_id(seeded):
    page = OefencasusPageFactory()
    found_hoofdstuk, found_vraag = page.vraag("v-2-1")
    assert (found_hoofdstuk.nummer, found_vraag.tekst) == (2, "Wie neemt de regie?")
    assert page.vraag("bestaat-niet") is None


def test_discussion_themes_show_only_pages_the_user_may_see(seeded, demo_user):
    openbaar = NormPage.objects.get(toezichtkader__slug="tsd-stelseltoezicht-volwassenen", code="2.3")
    besloten = HandreikingPageFactory(title="Besloten handreiking")
    groep = Group.objects.create(name="Casusgroep")
    restriction = PageViewRestriction.objects.create(page=besloten, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([groep])
    concept = HandreikingPageFactory(title="Concept", live=False)
    page = OefencasusPageFactory(
        nabespreking=[thema("Veiligheid", gespreksvragen=["Wie wist wat?"], criteria=[openbaar, besloten, concept])]
    )
    (anoniem,) = page.nabespreking_themas(None)
    assert (anoniem.titel, anoniem.gespreksvragen, [c.pk for c in anoniem.criteria]) == (
        "Veiligheid",
        ["Wie wist wat?"],
        [openbaar.pk],
    )
    lid = demo_user("professional")
    lid.groups.add(groep)
    (als_lid,) = page.nabespreking_themas(lid)
    assert [c.pk for c in als_lid.criteria] == [openbaar.pk, besloten.pk]


def test_multiple_choice_needs_two_options_and_open_questions_none():
    block = VraagBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"vraag": "Wat doet u?", "soort": "meerkeuze", "opties": [optie("Alleen deze")]}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"vraag": "Wat doet u?", "soort": "open", "opties": [optie("Een"), optie("Twee")]}))
    value = block.clean(block.to_python({"vraag": "Wat doet u?", "soort": "open", "opties": []}))
    assert value["vraag"] == "Wat doet u?"


def test_a_perspective_occurs_once_per_chapter():
    block = HoofdstukBlock()
    data = hoofdstuk("Twee keer", perspectieven=[perspectief("huisarts"), perspectief("huisarts")])["value"]
    with pytest.raises(ValidationError):
        block.clean(block.to_python(data))


# --- the demo case in the seed ---------------------------------------------------


def test_demo_case_is_loaded_fictional_and_complete(seeded):
    page = demo()
    assert page.live and page.fictief
    hoofdstukken = page.hoofdstuk_lijst()
    assert [h.moment for h in hoofdstukken] == [
        "September 2023",
        "November 2023",
        "Februari 2024",
        "April 2024",
        "Juni 2024",
        "Juli 2024",
    ]
    assert [slug for slug, _label in page.perspectief_keuzes()] == [
        "huisarts",
        "kinderopvang",
        "ggz",
        "onderwijs",
        "wijkteam",
        "jgz",
        "veilig-thuis",
        "jeugdbescherming",
        "politie",
        "woningcorporatie",
    ]
    for h in hoofdstukken:
        meerkeuze = [v for v in h.vragen if v.meerkeuze]
        assert meerkeuze, f"hoofdstuk {h.nummer} heeft geen meerkeuzevraag"
        assert all(o.feedback and o.vervolg for v in meerkeuze for o in v.opties), h.nummer
        assert any(not v.meerkeuze for v in h.vragen), h.nummer
        assert len(h.perspectieven) >= 3, h.nummer


def test_demo_case_guide_links_the_real_criteria_and_jaarbeeld_pages(seeded):
    page = demo()
    raw = [(b.value["titel"], list(b.value["criteria"])) for b in page.nabespreking]
    for _titel, criteria in raw:
        for linked in criteria:
            assert linked is not None and linked.live, _titel

    def naam(p):
        p = p.specific
        if isinstance(p, NormPage):
            return f"{p.toezichtkader.slug} {p.code}"
        if isinstance(p, KaderOnderdeelPage):
            return f"{p.toezichtkader.slug} onderdeel {p.code}"
        assert isinstance(p, PublicatiePage)
        return p.slug

    tsd = "tsd-stelseltoezicht-volwassenen"
    assert [(titel, [naam(p) for p in criteria]) for titel, criteria in raw] == [
        (
            "Vroegsignalering als kindsignalen ontbreken",
            [
                f"{tsd} 2.1",
                f"{tsd} onderdeel 2",
                "jaarbeeld-2016-beleid-in-de-praktijk",
                "samenvattend-rapport-signaleren-van-onveiligheid",
                "calamiteit-rotterdam-borgen-van-veiligheid-van-kwetsbare-gezinnen",
            ],
        ),
        (
            "Eigen kracht en zorgmijding",
            [
                f"{tsd} 1.1",
                f"{tsd} 1.4",
                f"{tsd} 2.2",
                "leren-van-calamiteiten-2",
                "calamiteit-heerlen-borgen-van-veiligheid-van-kwetsbare-gezinnen",
                "handreiking-randvoorwaarden-veiligheid-jeugdigen-toegang-jeugdhulp",
            ],
        ),
        (
            "Veiligheid, afschalen en informatie delen",
            [
                f"{tsd} 2.3",
                "rotterdam-rijnmond-2025 2.2.2",
                "rotterdam-rijnmond-2025 3.6",
                "calamiteit-zoetermeer-borgen-van-veiligheid-van-kwetsbare-gezinnen",
                "overall-rapportage-kwetsbare-jongeren-op-weg-naar-zelfstandigheid",
            ],
        ),
        (
            "Regie en doorzettingsmacht",
            [f"{tsd} 3.1", f"{tsd} 3.2", f"{tsd} onderdeel 3", "leren-van-calamiteiten-2"],
        ),
    ]
    # Every link also resolves for an anonymous reader: the guide is public like the case.
    assert [len(t.criteria) for t in page.nabespreking_themas(None)] == [5, 6, 5, 4]
    client = Client()
    for t in page.nabespreking_themas(None):
        for linked in t.criteria:
            assert client.get(linked.url).status_code == 200, linked.url


def test_demo_case_names_its_sources_as_readers_cite_them(client, seeded):
    html = client.get(demo().url).content.decode()
    assert (
        "Toezicht Sociaal Domein / Samenwerkend Toezicht Jeugd (TSD/STJ), Jaarbeeld 2016: Beleid in de praktijk, 2017"
        in html
    )
    assert (
        "Toezicht Sociaal Domein (TSD), Toezichtkader Stelseltoezicht Volwassenen in het Sociaal Domein, 2016" in html
    )
    besluit = "Besluit verplichte meldcode huiselijk geweld en kindermishandeling"
    assert f"{besluit} (Staatsblad 2013, 142), artikel 2" in html
    assert "Toezichtskader Toezicht Wmo GGD Rotterdam-Rijnmond 2025, toetsingscriterium 3.6" in html
    # The wording of the steps is the editors' own, and says so.
    assert (
        "Samenvatting van de redactie, op basis van artikel 2 van het Besluit verplichte meldcode huiselijk geweld"
        " en kindermishandeling (BWBR0033776)" in html
    )
    assert "seed" not in html.lower()
    guide = {t.titel: str(t.toelichting) for t in demo().nabespreking_themas(None)}
    assert (
        "(Besluit verplichte meldcode huiselijk geweld en kindermishandeling, artikel 2; Basismodel meldcode"
        " huiselijk geweld en kindermishandeling, 2018)" in guide["Veiligheid, afschalen en informatie delen"]
    )


def test_loader_gives_questions_stable_ids():
    from kennisbank.seed_oefencasus import hoofdstukken

    entry = [
        {
            "titel": "Een",
            "moment": "Mei",
            "verhaal": "Tekst.",
            "perspectieven": {"huisarts": {"zag": "x"}},
            "vragen": [{"vraag": "Wat?", "soort": "meerkeuze", "opties": [{"tekst": "a", "feedback": "f"}] * 2}],
        }
    ]
    first = hoofdstukken("t.yaml", "casus", "slug-a", entry)
    second = hoofdstukken("t.yaml", "casus", "slug-a", entry)
    other = hoofdstukken("t.yaml", "casus", "slug-b", entry)
    vraag_id = first[0]["value"]["vragen"][0]["id"]
    assert vraag_id == second[0]["value"]["vragen"][0]["id"]
    assert vraag_id != other[0]["value"]["vragen"][0]["id"]


@pytest.mark.parametrize(
    "entry,message",
    [
        ({"perspectieven": {"tandarts": {}}}, "onbekende perspectieven: tandarts"),
        (
            {"vragen": [{"vraag": "Wat?", "soort": "meerkeuze", "opties": [{"tekst": "a", "feedback": "f"}]}]},
            "minstens twee",
        ),
        ({"vragen": [{"vraag": "Wat?", "soort": "quiz"}]}, "onbekende soort vraag 'quiz'"),
    ],
)
def test_loader_refuses_a_malformed_chapter(entry, message):
    from kennisbank.seed_oefencasus import hoofdstukken

    with pytest.raises(SeedError) as exc:
        hoofdstukken("70-casus.yaml", "oefencasus x", "x", [{"titel": "Een", "moment": "Mei", "verhaal": "T", **entry}])
    assert message in exc.value.message
    assert exc.value.bestand == "70-casus.yaml"


def test_loader_refuses_an_unknown_criterion(seeded):
    from kennisbank.models import KennisbankIndexPage
    from kennisbank.seed_oefencasus import criterium

    index = KennisbankIndexPage.objects.get()
    with pytest.raises(SeedError) as exc:
        criterium("70-casus.yaml", "thema 1", {"kader": "tsd-stelseltoezicht-volwassenen", "code": "9.9"}, index)
    assert "onbekend criterium 9.9" in exc.value.message
    with pytest.raises(SeedError):
        criterium("70-casus.yaml", "thema 1", {"pagina": "bestaat-niet"}, index)
    found = criterium("70-casus.yaml", "t", {"pagina": "leren-van-calamiteiten-2"}, index)
    assert found.slug == "leren-van-calamiteiten-2"


# --- playing alone ---------------------------------------------------------------


def test_every_step_shows_the_fictional_case_banner(client, seeded):
    page = demo()
    for url in (page.url, speel(page, "wijkteam", 1), tijdlijn(page, "wijkteam")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<strong>Fictieve casus</strong>" in response.content.decode(), url


def test_the_introduction_offers_every_perspective(client, seeded):
    page = OefencasusPageFactory()
    html = client.get(page.url).content.decode()
    assert re.findall(r'<li><a class="utrecht-link" href="([^"]+)">([^<]+)</a>', html) == [
        (speel(page, "huisarts", 1), "Huisarts"),
        (speel(page, "kinderopvang", 1), "Kinderopvang"),
        (speel(page, "onderwijs", 1), "Onderwijs"),
    ]


def test_a_chapter_shows_the_story_and_only_the_own_perspective(client, seeded):
    page = OefencasusPageFactory()
    html = client.get(speel(page, "huisarts", 1)).content.decode()
    assert "Een moeder komt bij de huisarts." in html
    assert "Een moeder die slecht slaapt." in html
    assert "Een blauwe plek." not in html
    assert "Dat moeder bij de huisarts was." not in html
    html = client.get(speel(page, "huisarts", 2)).content.decode()
    assert "In dit hoofdstuk bent u niet bij het gezin betrokken." in html
    assert f'href="{speel(page, "huisarts", 1)}">Vorig hoofdstuk' in html
    assert f'href="{tijdlijn(page, "huisarts")}">Naar de tijdlijn' in html


def test_anonymous_player_answers_sees_feedback_and_the_branch_kept_in_the_session(client, seeded):
    page = OefencasusPageFactory()
    url = speel(page, "huisarts", 1)
    response = client.post(url, {"vraag-v-1-1": "2", "vraag-v-1-2": "  Een blauwe plek en een moe kind.  "})
    assert response.status_code == 302
    assert response["Location"] == url + "#antwoorden"
    assert client.session[SESSIE_SLEUTEL] == {
        str(page.pk): {
            "huisarts": {"v-1-1": {"optie": 2}, "v-1-2": {"tekst": "Een blauwe plek en een moe kind."}},
        }
    }
    html = client.get(url).content.decode()
    assert "<strong>Uw keuze:</strong> Vastleggen en overleggen" in html
    assert "Stap 1 en 2 van de meldcode." in html
    assert "<strong>Wat er daarna gebeurde:</strong> Er kwam een gesprek." in html
    assert "Niemand deed iets." not in html
    assert re.search(r'<input type="radio" name="vraag-v-1-1" value="2"[^>]*checked', html)
    assert not OefencasusVoortgang.objects.filter(page=page).exists()


def test_signed_in_player_progress_is_kept_per_perspective(client, seeded, demo_user):
    user = demo_user("professional")
    client.force_login(user)
    page = OefencasusPageFactory()
    assert client.post(speel(page, "onderwijs", 1), {"vraag-v-1-1": "1", "vraag-v-1-2": "Geen"}).status_code == 302
    assert client.post(speel(page, "onderwijs", 2), {"vraag-v-2-1": "2"}).status_code == 302
    assert client.post(speel(page, "onderwijs", 1), {"vraag-v-1-1": "2", "vraag-v-1-2": "Toch wel"}).status_code == 302
    voortgang = OefencasusVoortgang.objects.get(user=user, page=page)
    assert voortgang.perspectief == "onderwijs"
    assert voortgang.antwoorden == {
        "v-1-1": {"optie": 2},
        "v-1-2": {"tekst": "Toch wel"},
        "v-2-1": {"optie": 2},
    }
    assert SESSIE_SLEUTEL not in client.session
    html = client.get(page.url).content.decode()
    assert 'Onderwijs</a> <span class="portal-meta">(u bent hier al mee bezig)</span>' in html


@pytest.mark.parametrize(
    "path",
    ["speel/tandarts/1/", "speel/veilig-thuis/1/", "speel/huisarts/0/", "speel/huisarts/3/", "speel/huisarts/tien/"],
)
def test_unknown_perspective_or_chapter_is_404(client, seeded, path):
    page = OefencasusPageFactory()
    assert client.get(page.url + path).status_code == 404
    assert client.post(page.url + path, {"vraag-v-1-1": "1"}).status_code == 404
    assert client.get(page.url + "speel/tandarts/tijdlijn/").status_code == 404


@pytest.mark.parametrize(
    "data,message",
    [
        ({"vraag-v-1-1": "1", "vraag-v-1-2": "   "}, "Schrijf een antwoord bij deze vraag."),
        ({"vraag-v-1-2": "Iets"}, "Kies een van de antwoorden bij deze vraag."),
        (
            {"vraag-v-1-1": "3", "vraag-v-1-2": "Iets"},
            "Dit antwoord bestaat niet. Kies een van de antwoorden bij de vraag.",
        ),
        (
            {"vraag-v-1-1": "<script>", "vraag-v-1-2": "Iets"},
            "Dit antwoord bestaat niet. Kies een van de antwoorden bij de vraag.",
        ),
        (
            {"vraag-v-1-1": "1", "vraag-v-1-2": "x" * (MAX_ANTWOORD + 1)},
            f"Uw antwoord is te lang: hoogstens {MAX_ANTWOORD} tekens, u schreef er {MAX_ANTWOORD + 1}.",
        ),
    ],
)
def test_bad_answers_are_refused_in_dutch_and_nothing_is_saved(client, seeded, demo_user, data, message):
    page = OefencasusPageFactory()
    url = speel(page, "huisarts", 1)
    response = client.post(url, data)
    assert response.status_code == 400
    assert errors(response.content.decode()) == [message]
    assert SESSIE_SLEUTEL not in client.session
    client.force_login(demo_user("professional"))
    assert client.post(url, data).status_code == 400
    assert not OefencasusVoortgang.objects.filter(page=page).exists()


def test_an_answer_of_exactly_the_maximum_length_is_kept(client, seeded):
    page = OefencasusPageFactory()
    antwoord = "x" * MAX_ANTWOORD
    assert client.post(speel(page, "huisarts", 1), {"vraag-v-1-1": "1", "vraag-v-1-2": antwoord}).status_code == 302
    assert client.session[SESSIE_SLEUTEL][str(page.pk)]["huisarts"]["v-1-2"] == {"tekst": antwoord}


def test_html_in_an_answer_is_shown_as_text(client, seeded):
    page = OefencasusPageFactory()
    url = speel(page, "huisarts", 1)
    client.post(url, {"vraag-v-1-1": "1", "vraag-v-1-2": "<script>alert(1)</script>"})
    for html in (client.get(url).content.decode(), client.get(tijdlijn(page, "huisarts")).content.decode()):
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_answering_needs_the_csrf_token(seeded):
    page = OefencasusPageFactory()
    client = Client(enforce_csrf_checks=True)
    assert client.post(speel(page, "huisarts", 1), {"vraag-v-1-1": "1", "vraag-v-1-2": "Iets"}).status_code == 403
    assert SESSIE_SLEUTEL not in client.session


def test_the_timeline_shows_all_perspectives_side_by_side_answers_and_the_guide(client, seeded):
    norm = NormPage.objects.get(toezichtkader__slug="tsd-stelseltoezicht-volwassenen", code="3.1")
    page = OefencasusPageFactory(
        nabespreking=[thema("Regie", toelichting="Wie had de regie?", gespreksvragen=["Wie?"], criteria=[norm])]
    )
    client.post(speel(page, "kinderopvang", 1), {"vraag-v-1-1": "1", "vraag-v-1-2": "Honger"})
    html = client.get(tijdlijn(page, "kinderopvang")).content.decode()
    table = html[html.index('<table class="portal-table utrecht-table portal-oefencasus-tijdlijn">') :]
    table = table[: table.index("</table>")]
    koppen = [th.strip() for th in re.findall(r'<th scope="col"[^>]*>([^<]+)', table)]
    assert koppen == ["Hoofdstuk", "Huisarts", "Kinderopvang", "Onderwijs"]
    assert re.findall(r'<th scope="row">(\d\. [^<]+)', table) == ["1. Het begin", "2. Het vervolg"]
    assert "<dt>Wist niet</dt><dd>Dat moeder bij de huisarts was.</dd>" in table
    assert table.count("niet betrokken") == 3
    antwoorden = html[html.index('id="mijn-antwoorden-kop"') :]
    assert "<td>Afwachten</td>" in antwoorden
    assert "<td>Dat is te laat.<p><strong>Wat er daarna gebeurde:</strong> Niemand deed iets.</p></td>" in antwoorden
    assert "<td>Honger</td>" in antwoorden
    assert antwoorden.count("niet beantwoord") == 1
    assert "<h3>Regie</h3>" in html and "<li>Wie?</li>" in html
    assert f'href="{norm.url}">3.1 Volwassenen krijgen samenhangende zorg en ondersteuning.</a>' in html


def test_starting_again_clears_the_answers(client, seeded, demo_user):
    page = OefencasusPageFactory()
    client.post(speel(page, "huisarts", 2), {"vraag-v-2-1": "1"})
    response = client.post(tijdlijn(page, "huisarts"))
    assert response.status_code == 302 and response["Location"] == speel(page, "huisarts", 1)
    assert client.session[SESSIE_SLEUTEL] == {str(page.pk): {}}
    client.force_login(demo_user("professional"))
    client.post(speel(page, "huisarts", 2), {"vraag-v-2-1": "1"})
    client.post(speel(page, "onderwijs", 2), {"vraag-v-2-1": "2"})
    client.post(tijdlijn(page, "huisarts"))
    assert list(OefencasusVoortgang.objects.filter(page=page).values_list("perspectief", flat=True)) == ["onderwijs"]


def test_answers_to_removed_questions_are_left_out(client, seeded, demo_user):
    user = demo_user("professional")
    page = OefencasusPageFactory()
    OefencasusVoortgang.objects.create(
        user=user, page=page, perspectief="huisarts", antwoorden={"weg": {"optie": 1}, "v-2-1": {"optie": 1}}
    )
    from kennisbank.oefencasus_spel import lees_antwoorden

    class Request:
        pass

    request = Request()
    request.user = user
    assert lees_antwoorden(request, page, "huisarts") == {"v-2-1": {"optie": 1}}


# --- privacy and search --------------------------------------------------------------


def test_a_restricted_case_is_not_playable_without_access(client, seeded, demo_user):
    page = OefencasusPageFactory()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    for url in (page.url, speel(page, "huisarts", 1), tijdlijn(page, "huisarts")):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response["Location"], url
    assert client.post(speel(page, "huisarts", 1), {"vraag-v-1-1": "1", "vraag-v-1-2": "x"}).status_code == 302
    assert SESSIE_SLEUTEL not in client.session
    client.force_login(demo_user("professional"))
    assert client.get(speel(page, "huisarts", 1)).status_code == 200


def test_an_unpublished_case_is_not_found(client, seeded):
    page = OefencasusPageFactory(live=False)
    assert client.get(speel(page, "huisarts", 1)).status_code == 404


def test_the_demo_case_is_in_the_search_index(settings, seeded):
    from django.contrib.auth.models import AnonymousUser

    from search import service

    settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "BACKEND": "database", "ELASTICSEARCH_URL": ""}
    outcome = service.search("doorzettingsmacht gezin Baars", AnonymousUser())
    hits = [(r.titel, r.url) for r in outcome.resultaten if r.titel == "Oefencasus: het gezin Baars"]
    assert hits == [("Oefencasus: het gezin Baars", demo().url)]


def test_a_restricted_case_is_searchable_only_by_those_who_may_see_it(
    settings, seeded, demo_user, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import AnonymousUser

    from search import service

    settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "BACKEND": "database", "ELASTICSEARCH_URL": ""}
    with django_capture_on_commit_callbacks(execute=True):
        page = OefencasusPageFactory(title="Casus Zeldzaamwoord", inleiding="Het zeldzaamwoord staat hier.")
        page.save_revision().publish()
    assert [r.titel for r in service.search("zeldzaamwoord", AnonymousUser()).resultaten] == ["Casus Zeldzaamwoord"]
    groep = Group.objects.create(name="Oefengroep")
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.set([groep])
    assert [r.titel for r in service.search("zeldzaamwoord", AnonymousUser()).resultaten] == []
    lid = demo_user("professional")
    lid.groups.add(groep)
    assert [r.titel for r in service.search("zeldzaamwoord", lid).resultaten] == ["Casus Zeldzaamwoord"]
