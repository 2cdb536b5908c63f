"""A page per supervisor: its remits with coverage, legal basis and sources, its history,
the municipalities that designated it; and the supervisors in the search."""

from django.contrib.auth.models import AnonymousUser, Group

import pytest
from wagtail.models import Page, PageViewRestriction

from search import service
from visual.models import Toezichtsgebied

pytestmark = pytest.mark.django_db

LIJST = "/wie-houdt-toezicht/toezichthouders/"
GGD = f"{LIJST}toezicht-wmo-ggd-rotterdam-rijnmond/"


def test_the_list_has_every_supervisor_by_level(client, seeded):
    html = client.get(LIJST).content.decode()
    for kop in ("<h2>Lokaal</h2>", "<h2>Regionaal</h2>", "<h2>Rijk</h2>"):
        assert kop in html
    assert f'href="{GGD}"' in html
    assert "Beëindigd op 30 september 2017; opgevolgd door" in html


def test_the_ggd_page_shows_remits_coverage_basis_and_terms(client, seeded):
    html = client.get(GGD).content.decode()
    assert "<h1>Toezicht Wmo GGD Rotterdam-Rijnmond" in html
    assert "12 gemeenten: Albrandswaard, Barendrecht" in html
    assert "2 gemeenten: Hoeksche Waard, Lansingerland" in html
    assert "binnen 3 werkdagen" in html
    assert "https://wetten.overheid.nl/jci1.3:c:" in html
    assert 'href="/kennisbank/rotterdam-rijnmond-2025/"' in html


def test_a_former_inspectorate_points_to_its_successor(client, seeded):
    html = client.get(f"{LIJST}inspectie-jeugdzorg/").content.decode()
    assert "bestaat sinds 30 september 2017 niet meer" in html
    assert f'href="{LIJST}igj/"' in html
    igj = client.get(f"{LIJST}igj/").content.decode()
    assert "Voortgekomen uit" in igj and "Inspectie Jeugdzorg" in igj


def test_an_unknown_supervisor_is_a_dutch_404(client, seeded):
    response = client.get(f"{LIJST}bestaat-niet/")
    assert response.status_code == 404
    assert "niet gevonden" in response.content.decode().lower()


def test_restricted_kennisbank_pages_stay_hidden(client, seeded, demo_user):
    kader = Page.objects.get(slug="rotterdam-rijnmond-2025")
    restriction = PageViewRestriction.objects.create(page=kader, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Toezichthouder")])
    assert 'href="/kennisbank/rotterdam-rijnmond-2025/"' not in client.get(GGD).content.decode()
    client.force_login(demo_user("gemeente"))
    assert 'href="/kennisbank/rotterdam-rijnmond-2025/"' not in client.get(GGD).content.decode()
    client.force_login(demo_user("toezichthouder"))
    assert 'href="/kennisbank/rotterdam-rijnmond-2025/"' in client.get(GGD).content.decode()


def test_the_navigator_links_to_the_supervisor(client, seeded):
    html = client.get("/wie-houdt-toezicht/?gemeente=Rotterdam&situatie=calamiteit").content.decode()
    assert f'<a href="{GGD}">Toezicht Wmo GGD Rotterdam-Rijnmond</a>' in html


def _titels(query):
    return [r.titel for r in service.search(query, AnonymousUser()).resultaten]


def test_supervisors_are_found_by_abbreviation_and_by_what_they_do(seeded):
    assert _titels("IGJ")[0] == "Inspectie Gezondheidszorg en Jeugd (IGJ)"
    assert "Inspectie Gezondheidszorg en Jeugd (IGJ)" in _titels("meldpunt calamiteiten jeugd")
    former = service.search("Inspectie Jeugdzorg", AnonymousUser()).resultaten[0]
    assert former.titel == "Inspectie Jeugdzorg (IJZ)" and "bestond tot" in former.context


def test_editing_a_remit_updates_its_supervisor_in_the_search(seeded, django_capture_on_commit_callbacks):
    assert "Rekenkamer van de gemeente" not in _titels("doelmatigheidsonderzoek")
    gebied = Toezichtsgebied.objects.get(slug="rekenkamer-onderzoek")
    gebied.rol += " Bijvoorbeeld een doelmatigheidsonderzoek naar de Wmo."
    with django_capture_on_commit_callbacks(execute=True):
        gebied.save()
    assert "Rekenkamer van de gemeente" in _titels("doelmatigheidsonderzoek")
