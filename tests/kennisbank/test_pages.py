import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from kennisbank.models import (
    ArtikelPage,
    HandreikingPage,
    KaderOnderdeelPage,
    KennisbankIndexPage,
    NormPage,
    ToezichtkaderPage,
)
from portal.models import HomePage

pytestmark = pytest.mark.django_db


def norm(kader, code):
    return NormPage.objects.get(toezichtkader__slug=kader, code=code)


class TestPageTree(WagtailPageTestCase):
    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(KennisbankIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(NormPage, {ToezichtkaderPage, KaderOnderdeelPage})
        self.assertAllowedParentPageTypes(KaderOnderdeelPage, {ToezichtkaderPage, KaderOnderdeelPage})
        self.assertAllowedSubpageTypes(NormPage, set())
        self.assertCanNotCreateAt(HomePage, NormPage)
        self.assertCanNotCreateAt(KennisbankIndexPage, NormPage)
        self.assertCanCreateAt(KennisbankIndexPage, ToezichtkaderPage)
        self.assertCanCreateAt(KaderOnderdeelPage, NormPage)


def test_home_and_kennisbank_are_dutch_and_link_the_frameworks(client, seeded):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "Direct naar de inhoud" in html
    assert "Toezichtskader Toezicht Wmo GGD Rotterdam-Rijnmond 2025" in html
    response = client.get("/kennisbank/")
    assert response.status_code == 200
    assert "Toezichtkader Stelseltoezicht Volwassenen in het Sociaal Domein" in response.content.decode()


def test_framework_page_shows_tree_version_and_glossary(client, seeded):
    tsd = seeded["tsd-stelseltoezicht-volwassenen"]
    html = client.get(tsd.url).content.decode()
    for code in ["1.1", "1.5", "2.3", "3.4"]:
        assert f'<span class="portal-code">{code}</span>' in html
    assert "Geldig vanaf" in html and "2016" in html
    assert "Zelfredzaamheid" in html


def test_norm_page_shows_statement_checks_why_and_law(client, seeded):
    page = norm("tsd-stelseltoezicht-volwassenen", "1.1")
    html = client.get(page.url).content.decode()
    assert "Eigen kracht en het vermogen eigen regie te voeren staan centraal." in html
    assert "Waaraan kun je dat zien?" in html
    assert "Waarom is dit belangrijk?" in html
    rr = norm("rotterdam-rijnmond-2025", "1.1.1")
    html = client.get(rr.url).content.decode()
    assert "De toezichthouder toetst onder meer" in html
    assert "https://wetten.overheid.nl/jci1.3:c:BWBR0035362&amp;artikel=" in html
    assert "Onderdeel van Toezichtskader Toezicht Wmo GGD Rotterdam-Rijnmond 2025" in html
    assert "geldig vanaf" in html


def test_norm_page_shows_counterparts_both_ways(client, seeded):
    from kennisbank.models import NormKoppeling

    koppeling = NormKoppeling.objects.select_related("norm", "tegenhanger").first()
    html = client.get(koppeling.norm.url).content.decode()
    assert "Dezelfde norm in een ander kader" in html
    assert koppeling.tegenhanger.url in html
    html = client.get(koppeling.tegenhanger.url).content.decode()
    assert koppeling.norm.url in html


def test_old_version_stays_readable_and_points_to_successor(client, seeded):
    rr = seeded["rotterdam-rijnmond-2025"]
    index = KennisbankIndexPage.objects.get()
    nieuw = ToezichtkaderPage(
        title="Toezichtskader Toezicht Wmo GGD Rotterdam-Rijnmond 2027",
        slug="rotterdam-rijnmond-2027",
        uitgever=rr.uitgever,
        geldig_vanaf=datetime.date(2027, 1, 1),
        versie="2027",
    )
    index.add_child(instance=nieuw)
    nieuw.save_revision().publish()
    rr.opvolger = nieuw
    rr.save_revision().publish()
    html = client.get(rr.url).content.decode()
    assert "Deze versie is vervangen." in html and nieuw.url in html
    assert "1 januari 2027" in html
    norm_html = client.get(norm("rotterdam-rijnmond-2025", "2.2.2").url).content.decode()
    assert "vervangen versie" in norm_html
    assert "1 januari 2027" in norm_html


@pytest.mark.parametrize(
    "params, expected, absent",
    [
        ("soort=handreiking", HandreikingPage, ToezichtkaderPage),
        ("soort=artikel", ArtikelPage, HandreikingPage),
        ("wet=jeugdwet", None, None),
        ("doelgroep=gemeente", ToezichtkaderPage, None),
    ],
)
def test_kennisbank_filters(client, seeded, params, expected, absent):
    response = client.get(f"/kennisbank/?{params}")
    assert response.status_code == 200
    items = list(response.context["resultaten"])
    assert items
    if expected:
        assert any(item.specific_class is expected for item in items)
    if absent:
        assert not any(item.specific_class is absent for item in items)
    if params == "wet=jeugdwet":
        assert all("jeugdwet" in [wet.slug for wet in item.specific.wetten()] for item in items)


@pytest.mark.parametrize(
    "params",
    [
        "soort=bestaat-niet",
        "wet=%27%3B%20DROP%20TABLE",
        "doelgroep=" + "x" * 600,
        "pagina=abc",
        "pagina=-1",
        "domein=%00",
    ],
)
def test_kennisbank_bad_filters_give_a_dutch_400(client, seeded, params):
    response = client.get(f"/kennisbank/?{params}")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert any(word in html for word in ("bestaat niet", "Onbekende soort", "getal", "1 of hoger", "niet toegestaan"))


def test_page_out_of_range_shows_last_page(client, seeded):
    response = client.get("/kennisbank/?pagina=999")
    assert response.status_code == 200
    assert "bestaat niet" in response.content.decode()


def test_not_found_page_is_dutch(client, seeded):
    response = client.get("/kennisbank/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_page_query_counts(client, seeded):
    urls = ["/", "/kennisbank/", seeded["rotterdam-rijnmond-2025"].url, norm("rotterdam-rijnmond-2025", "2.2.2").url]
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        # Page privacy reads the restrictions and the unpublished pages once per request.
        assert len(queries.captured_queries) <= 22, (url, len(queries.captured_queries))


def test_security_headers(client, seeded):
    response = client.get("/kennisbank/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_live_pages_only(client, seeded):
    page = norm("rotterdam-rijnmond-2025", "2.2.2")
    page.unpublish()
    assert client.get(page.url).status_code == 404
    assert Page.objects.filter(pk=page.pk, live=False).exists()
