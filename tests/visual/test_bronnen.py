"""Sources a reader can find: no "seed" anywhere a user sees, every source named as a
reader cites it and linked to its kennisbank page where the portal has one, and the
editors' own knowledge marked as such."""

import re

import pytest

from visual.models import OverzichtPage, Situatie, Toezichthouder, Toezichtsgebied

pytestmark = pytest.mark.django_db

GEMEENTEN = ["GM0599", "GM1621", "GM1963", "GM0228"]  # Rotterdam, Lansingerland, Hoeksche Waard, Ede
UITGEVERS = (
    'Move professionals, "Kwaliteit, veiligheid en toezicht in sociaal domein"',
    "Toezicht Wmo GGD Rotterdam-Rijnmond, Toezichtskader Toezicht Wmo GGD Rotterdam-Rijnmond 2025",
    'Toezicht Sociaal Domein/Samenwerkend Toezicht Jeugd, "Jaarbeeld 2016: Beleid in de praktijk" (2017)',
    "Wet maatschappelijke ondersteuning 2015, art. 6.1 lid 1",
    "Redactie, op basis van ",
)
SEED = re.compile(r"\bseeds?\b", re.IGNORECASE)


def zichtbare_tekst(html):
    """The text a visitor reads: without scripts, styles and tag attributes."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_no_page_a_user_sees_calls_a_document_a_seed(client, seeded):
    urls = ["/wie-houdt-toezicht/", "/wie-houdt-toezicht/toezichthouders/"]
    urls += [f"/wie-houdt-toezicht/toezichthouders/{t.slug}/" for t in Toezichthouder.objects.all()]
    overzicht = OverzichtPage.objects.live().get().url
    for code in GEMEENTEN:
        urls.append(f"{overzicht}?gemeente={code}")
        urls.append(f"{overzicht}?gemeente={code}&peildatum=2016-06-01")
        urls.append(f"/wie-houdt-toezicht/?gemeente={code}")
        urls += [f"/wie-houdt-toezicht/?gemeente={code}&situatie={s.slug}" for s in Situatie.objects.all()]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not SEED.search(zichtbare_tekst(response.content.decode())), url
    svg = client.get("/wie-houdt-toezicht/overzicht.svg?gemeente=GM0599").content.decode()
    assert not SEED.search(zichtbare_tekst(svg))


def test_every_source_is_named_as_a_reader_cites_it(seeded):
    for item in [*Toezichtsgebied.objects.all(), *Toezichthouder.objects.all()]:
        assert item.bron.startswith(UITGEVERS), (item.slug, item.bron)
        assert not SEED.search(item.bron)
    for situatie in Situatie.objects.exclude(eerste_stap=""):
        assert situatie.eerste_stap_bron.startswith(UITGEVERS[1]), situatie.slug


def test_sources_link_to_their_kennisbank_page(client, seeded):
    gebied = Toezichtsgebied.objects.get(slug="ggd-rotterdam-rijnmond-wmo-meldingen")
    assert gebied.bron_pagina.slug == "toezicht-op-calamiteiten-en-geweld"
    html = client.get("/wie-houdt-toezicht/?gemeente=Rotterdam&wet=wmo-2015&situatie=calamiteit").content.decode()
    assert f'<a href="{gebied.bron_pagina.url}">{gebied.bron}</a>' in html
    # Every remit whose source the kennisbank holds links to it.
    zonder = sorted(g.slug for g in Toezichtsgebied.objects.filter(bron_pagina__isnull=True))
    assert zonder == []


@pytest.mark.parametrize(
    "slug, wat",
    [
        ("inspectie-jenv-toezicht", "website van de Inspectie Justitie en Veiligheid"),
        ("inspectie-onderwijs-passend-onderwijs", "onderdeel Toezicht Sociaal Domein (TSD)"),
        ("nla-participatiewet", "Kamerstuk 35570-XV nr. 86"),
        ("igj-jeugdwet-meldingen", "Jeugdwet art. 4.1.8 lid 1"),
        ("inspectie-jeugdzorg-jeugdwet-meldingen", "Jeugdwet art. 4.1.8 lid 1"),
        ("igj-zvw", "paragraaf 2.5"),
        ("igj-wfz", "Wet forensische zorg"),
    ],
)
def test_the_editors_own_knowledge_says_so_with_its_public_source(seeded, slug, wat):
    bron = Toezichtsgebied.objects.get(slug=slug).bron
    assert bron.startswith("Redactie, op basis van ") and wat in bron


@pytest.mark.parametrize("slug", ["igj", "inspectie-justitie-en-veiligheid", "nederlandse-arbeidsinspectie"])
def test_start_dates_that_are_no_seeds_are_marked_as_the_editors(seeded, slug):
    assert "redactie, op basis van" in Toezichthouder.objects.get(slug=slug).bron
