"""The shared taxonomies (law, domain, audience, topic): one set of tables for every page
type, filtered with met_taxonomie, shown on pages and the listing, edited in the admin."""

from django.utils.html import escape

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from kennisbank.models import (
    ArtikelPage,
    HandreikingPage,
    KennisbankIndexPage,
    PaginaWet,
    ToezichtkaderPage,
    Wet,
)
from kennisbank.querysets import KennisbankPageQuerySet
from kennisbank.search import build_with_uitgever

from .factories import (
    TAXONOMY_FACTORIES,
    ArtikelPageFactory,
    HandreikingPageFactory,
    KennisbronPageFactory,
    ToezichtkaderPageFactory,
    WetFactory,
)

pytestmark = pytest.mark.django_db

NAMES = list(TAXONOMY_FACTORIES)
CHILD_RELATIONS = {
    "wet": "indeling_wetten",
    "domein": "indeling_domeinen",
    "doelgroep": "indeling_doelgroepen",
    "onderwerp": "indeling_onderwerpen",
}


@pytest.fixture
def world():
    """Per taxonomy two values x and y; pages of several types labelled x, y, both or none."""
    x = {name: factory() for name, factory in TAXONOMY_FACTORIES.items()}
    y = {name: factory() for name, factory in TAXONOMY_FACTORIES.items()}
    pages = {
        "kader_x": ToezichtkaderPageFactory(title="Kader x", taxonomie={n: [x[n]] for n in NAMES}),
        "handreiking_y": HandreikingPageFactory(title="Handreiking y", taxonomie={n: [y[n]] for n in NAMES}),
        "artikel_yx": ArtikelPageFactory(title="Artikel y en x", taxonomie={n: [y[n], x[n]] for n in NAMES}),
        "kennisbron_wet_x_domein_y": KennisbronPageFactory(
            title="Kennisbron wet x, domein y", taxonomie={"wet": [x["wet"]], "domein": [y["domein"]]}
        ),
        "handreiking_leeg": HandreikingPageFactory(title="Handreiking zonder indeling"),
        "concept_x": HandreikingPageFactory(title="Concept x", concept=True, taxonomie={n: [x[n]] for n in NAMES}),
    }
    return x, y, pages


def _pks(queryset):
    return list(queryset.order_by("pk").values_list("pk", flat=True))


def _expected(pages, *keys):
    return sorted(pages[key].pk for key in keys)


def _pages():
    return KennisbankPageQuerySet(Page)


@pytest.mark.parametrize("name", NAMES)
def test_one_value_finds_exactly_the_pages_labelled_with_it(world, name):
    x, y, pages = world
    extra_x = ["kennisbron_wet_x_domein_y"] if name == "wet" else []
    extra_y = ["kennisbron_wet_x_domein_y"] if name == "domein" else []
    assert _pks(_pages().met_taxonomie(**{name: [x[name]]})) == _expected(
        pages, "kader_x", "artikel_yx", "concept_x", *extra_x
    )
    assert _pks(_pages().met_taxonomie(**{name: y[name]})) == _expected(pages, "handreiking_y", "artikel_yx", *extra_y)


@pytest.mark.parametrize("name", NAMES)
def test_several_values_of_one_taxonomy_find_pages_with_any_of_them_once(world, name):
    x, y, pages = world
    extra = ["kennisbron_wet_x_domein_y"] if name in ("wet", "domein") else []
    found = _pks(_pages().live().met_taxonomie(**{name: [x[name], y[name]]}))
    assert found == _expected(pages, "kader_x", "handreiking_y", "artikel_yx", *extra)


@pytest.mark.parametrize("name", NAMES)
def test_filter_works_on_each_specific_page_type(world, name):
    x, y, pages = world
    handreikingen = HandreikingPage.objects.met_taxonomie(**{name: [y[name]]})
    assert list(handreikingen) == [pages["handreiking_y"]]
    assert all(type(page) is HandreikingPage for page in handreikingen)
    assert _pks(ToezichtkaderPage.objects.met_taxonomie(**{name: x[name]})) == _expected(pages, "kader_x")
    assert _pks(ArtikelPage.objects.met_taxonomie(**{name: x[name]})) == _expected(pages, "artikel_yx")


def test_a_value_may_be_a_snippet_its_id_its_slug_or_a_queryset(world):
    x, _y, pages = world
    wet = x["wet"]
    expected = _expected(pages, "kader_x", "artikel_yx", "kennisbron_wet_x_domein_y", "concept_x")
    for value in (wet, wet.pk, wet.slug, [wet.slug], [wet.pk], Wet.objects.filter(pk=wet.pk)):
        assert _pks(_pages().met_taxonomie(wet=value)) == expected, value


def test_taxonomies_combine_and_none_leaves_one_out(world):
    x, y, pages = world
    assert _pks(_pages().met_taxonomie(wet=x["wet"], domein=y["domein"])) == _expected(
        pages, "artikel_yx", "kennisbron_wet_x_domein_y"
    )
    assert _pks(
        _pages()
        .live()
        .met_taxonomie(wet=x["wet"], domein=x["domein"], doelgroep=x["doelgroep"], onderwerp=x["onderwerp"])
    ) == _expected(pages, "kader_x", "artikel_yx")
    assert _pks(_pages().met_taxonomie(wet=x["wet"], domein=None)) == _pks(_pages().met_taxonomie(wet=x["wet"]))
    assert _pks(_pages().met_taxonomie(wet=[])) == []
    index = KennisbankIndexPage.objects.get()
    everything = _pages().child_of(index)
    assert _pks(everything.met_taxonomie()) == _pks(everything)


def test_a_page_keeps_the_editors_order_in_one_query_per_taxonomy(world, django_assert_num_queries):
    x, y, pages = world
    artikel = ArtikelPage.objects.get(pk=pages["artikel_yx"].pk)
    with django_assert_num_queries(4):
        assert artikel.wetten() == [y["wet"], x["wet"]]
        assert artikel.domeinen() == [y["domein"], x["domein"]]
        assert artikel.doelgroepen() == [y["doelgroep"], x["doelgroep"]]
        assert artikel.onderwerpen() == [y["onderwerp"], x["onderwerp"]]
    assert pages["handreiking_leeg"].wetten() == []


def test_the_page_shows_its_taxonomies_as_links_to_the_listing(client, world):
    x, y, pages = world
    # Pages with a publisher have a field "url" (the external link), so ask Wagtail.
    html = client.get(pages["artikel_yx"].get_url()).content.decode()
    for name in NAMES:
        first = html.index(f"/kennisbank/?{name}={y[name].slug}")
        assert first < html.index(f"/kennisbank/?{name}={x[name].slug}")


def test_search_facets_come_from_the_taxonomies(world):
    x, y, pages = world
    facetten = build_with_uitgever(pages["artikel_yx"]).facetten
    for name in ("wet", "domein", "doelgroep"):
        assert facetten[name] == [(y[name].slug, str(y[name])), (x[name].slug, str(x[name]))]
    assert build_with_uitgever(pages["handreiking_leeg"]).facetten["wet"] == []


def _listing(client, **params):
    response = client.get("/kennisbank/", params)
    assert response.status_code == 200
    context = response.context
    return (
        [page.title for page in context["resultaten"]],
        {key: n for key, _label, n in context["soort_tellingen"] if n},
        context["aantal"],
    )


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("name", NAMES)
def test_listing_filters_by_each_taxonomy(client, demo_user, world, name, signed_in):
    x, y, _pages = world
    if signed_in:
        client.force_login(demo_user("redacteur"))
    extra = ["Kennisbron wet x, domein y"] if name == "wet" else []
    titles, counts, total = _listing(client, **{name: x[name].slug})
    # Frameworks first, then the other kinds in the order of the kinds filter.
    assert titles == ["Kader x", *extra, "Artikel y en x"]
    assert counts == {"toezichtkader": 1, "artikel": 1, **({"kennisbron": 1} if extra else {})}
    assert total == len(titles)


def test_listing_combines_filters_and_kind(client, world):
    x, y, _pages = world
    titles, counts, total = _listing(client, wet=x["wet"].slug, domein=y["domein"].slug)
    assert titles == ["Kennisbron wet x, domein y", "Artikel y en x"]
    assert counts == {"kennisbron": 1, "artikel": 1}
    titles, counts, total = _listing(client, wet=x["wet"].slug, soort="artikel")
    assert titles == ["Artikel y en x"]
    assert counts == {"toezichtkader": 1, "kennisbron": 1, "artikel": 1}
    assert total == 1


def test_listing_refuses_an_unknown_value_in_dutch(client, world):
    response = client.get("/kennisbank/", {"onderwerp": "bestaat-niet-xyz"})
    assert response.status_code == 400
    assert "Deze keuze bestaat niet" in response.content.decode()


def test_seeded_pages_have_their_taxonomies_in_the_order_of_the_content(seeded):
    kader = seeded["tsd-stelseltoezicht-volwassenen"]
    expected = {
        "wet": ["wmo-2015", "participatiewet", "jeugdwet"],
        "domein": ["wmo", "participatie", "veiligheid"],
        "doelgroep": ["toezichthouder", "gemeente", "aanbieder", "professional"],
        "onderwerp": [
            "stelseltoezicht",
            "kwetsbare-volwassenen",
            "eigen-regie",
            "participatie",
            "veiligheid",
            "samenwerking",
        ],
    }
    methods = {"wet": "wetten", "domein": "domeinen", "doelgroep": "doelgroepen", "onderwerp": "onderwerpen"}
    latest = kader.get_latest_revision_as_object()
    for name, slugs in expected.items():
        assert [value.slug for value in getattr(kader, methods[name])()] == slugs
        # The editor opens the latest revision: it carries the same taxonomies.
        assert [value.slug for value in getattr(latest, methods[name])()] == slugs


# --- the admin --------------------------------------------------------------------------


def _handreiking_form(title, wetten=(), domeinen=(), initial_wetten=0, initial_domeinen=0, **overrides):
    """The admin's form as a browser sends it: every existing row again, with its id."""
    data = {
        "title": title,
        "slug": "handreiking-uit-de-admin",
        "samenvatting": "Een handreiking die een redacteur maakt.",
        "body": streamfield([]),
        "uitgever": "Inspectie",
        "jaar": "2025",
        "datum": "",
        "url": "",
        "seo_title": "",
        "search_description": "",
        "indeling_wetten": inline_formset(list(wetten), initial=initial_wetten),
        "indeling_domeinen": inline_formset(list(domeinen), initial=initial_domeinen),
        "indeling_doelgroepen": inline_formset([]),
        "indeling_onderwerpen": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_creates_and_edits_a_page_with_taxonomies_in_the_admin(admin_client):
    wet_a, wet_b, wet_c = WetFactory(), WetFactory(), WetFactory()
    domein = TAXONOMY_FACTORIES["domein"]()
    index = KennisbankIndexPage.objects.get()
    response = admin_client.post(
        f"/admin/pages/add/kennisbank/handreikingpage/{index.pk}/",
        _handreiking_form(
            "Handreiking uit de admin",
            [{"wet": wet_b.pk}, {"wet": wet_a.pk}],
            [{"domein": domein.pk}],
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302, response.content[:3000]
    page = HandreikingPage.objects.get(slug="handreiking-uit-de-admin")
    assert page.live
    assert page.wetten() == [wet_b, wet_a]
    assert page.domeinen() == [domein]
    assert _pks(_pages().met_taxonomie(wet=wet_a)) == [page.pk]

    # A draft changes the latest revision and the preview, not the live page.
    rows = list(PaginaWet.objects.filter(page=page).order_by("sort_order"))
    domein_row = page.indeling_domeinen.get()
    edit = _handreiking_form(
        "Handreiking uit de admin",
        [{"id": rows[0].pk, "wet": wet_b.pk, "DELETE": "1"}, {"id": rows[1].pk, "wet": wet_a.pk}, {"wet": wet_c.pk}],
        [{"id": domein_row.pk, "domein": domein.pk}],
        initial_wetten=2,
        initial_domeinen=1,
    )
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", edit)
    assert response.status_code == 302, response.content[:3000]
    page.refresh_from_db()
    assert page.wetten() == [wet_b, wet_a]
    assert page.get_latest_revision_as_object().wetten() == [wet_a, wet_c]
    preview_url = f"/admin/pages/{page.pk}/edit/preview/"
    assert admin_client.post(preview_url, edit).json()["is_valid"]
    preview = admin_client.get(preview_url).content.decode()
    assert f"?wet={wet_c.slug}" in preview and f"?wet={wet_b.slug}" not in preview

    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", {**edit, "action-publish": "1"})
    assert response.status_code == 302
    page = HandreikingPage.objects.get(pk=page.pk)
    assert page.wetten() == [wet_a, wet_c]
    assert page.domeinen() == [domein]
    assert _pks(_pages().met_taxonomie(wet=wet_b)) == []
    assert _pks(_pages().met_taxonomie(wet=wet_c)) == [page.pk]


def test_the_same_law_twice_is_a_form_error_and_nothing_is_saved(admin_client):
    wet = WetFactory()
    index = KennisbankIndexPage.objects.get()
    response = admin_client.post(
        f"/admin/pages/add/kennisbank/handreikingpage/{index.pk}/",
        _handreiking_form("Dubbele wet", [{"wet": wet.pk}, {"wet": wet.pk}], **{"action-publish": "1"}),
    )
    assert response.status_code == 200
    assert not HandreikingPage.objects.filter(slug="handreiking-uit-de-admin").exists()
    assert not PaginaWet.objects.filter(wet=wet).exists()


def test_removing_a_law_and_adding_it_again_in_one_edit_keeps_it_once(admin_client):
    wet = WetFactory()
    page = HandreikingPageFactory(slug="handreiking-uit-de-admin", taxonomie={"wet": [wet]})
    row = page.indeling_wetten.get()
    response = admin_client.post(
        f"/admin/pages/{page.pk}/edit/",
        _handreiking_form(
            page.title,
            [{"id": row.pk, "wet": wet.pk, "DELETE": "1"}, {"wet": wet.pk}],
            initial_wetten=1,
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302
    assert HandreikingPage.objects.get(pk=page.pk).wetten() == [wet]
    assert PaginaWet.objects.filter(wet=wet).count() == 1


def test_listing_shows_kind_link_and_summary_of_each_result(client, world):
    x, _y, pages = world
    html = client.get("/kennisbank/", {"wet": x["wet"].slug, "soort": "kennisbron"}).content.decode()
    kennisbron = pages["kennisbron_wet_x_domein_y"]
    item = html[
        html.index('<ul class="portal-results"') : html.index("</ul>", html.index('<ul class="portal-results"'))
    ]
    assert '<span class="portal-badge">Kennisbron</span>' in item
    assert f'href="{kennisbron.get_url()}"' in item
    assert f"<p>{escape(kennisbron.samenvatting)}</p>" in item
