"""Sources a reader can find: no "seed" anywhere a user sees, every source named as a
reader cites it and linked to its kennisbank page where the portal has one, and the
editors' own knowledge marked as such."""

import re
from datetime import date
from pathlib import Path

import pytest

from kennisbank.models import ToezichtkaderPage
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
# The source documents the remits quote (tests/visual/bronteksten, see its README), by the
# title a remit's source names them with.
SEEDS = Path(__file__).resolve().parent / "bronteksten"
BRONNEN = {
    "Kwaliteit, veiligheid en toezicht in sociaal domein": "000_ef2dd14dacbe6312.txt",
    "Toezichtkader Stelseltoezicht Volwassenen in het Sociaal Domein": "001_ba98291907da8ecb.txt",
    "Jaarbeeld 2016: Beleid in de praktijk": "003_53819922da4e75cf.txt",
    "Toezichtskader Toezicht Wmo GGD Rotterdam-Rijnmond 2025": "004_cd2cc81aae3f4b40.txt",
}
MAANDEN = "januari februari maart april mei juni juli augustus september oktober november december".split()


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


def _woorden(tekst):
    return " ".join(tekst.split())


def _datum(d):
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def _noemt_wet(tekst, wet):
    namen = {wet.naam, wet.afkorting, re.sub(r"\s+\d{4}$", "", wet.afkorting)} - {""}
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", tekst, re.IGNORECASE) for n in namen)


def test_every_date_and_law_is_in_the_cited_passage_or_the_editors_own(seeded):
    """A remit's pairing of supervisor and law and its dates either stand in the passage of
    the source it cites, word for word, or are marked as the editors' own."""
    assert SEEDS.is_dir(), f"de brondocumenten ontbreken: {SEEDS}"
    teksten = {titel: _woorden((SEEDS / naam).read_text(encoding="utf-8")) for titel, naam in BRONNEN.items()}
    for gebied in Toezichtsgebied.objects.select_related("wet"):
        geciteerd = [tekst for titel, tekst in teksten.items() if titel in gebied.bron]
        delen = [d.strip() for d in gebied.bron_citaat.split("…") if d.strip()]
        for deel in delen:
            assert any(_woorden(deel) in tekst for tekst in geciteerd), (gebied.slug, deel)
        citaat = " ".join(delen)
        if "wet" not in gebied.redactie:
            assert _noemt_wet(citaat, gebied.wet), (gebied.slug, gebied.wet)
        for onderdeel, datum in (("begindatum", gebied.geldig_vanaf), ("einddatum", gebied.geldig_tot)):
            if datum and onderdeel not in gebied.redactie:
                assert _datum(datum) in citaat, (gebied.slug, onderdeel, datum)
        assert bool(gebied.redactie) == ("redactie, op basis van" in gebied.bron.casefold()), gebied.slug


@pytest.mark.parametrize(
    "slug, redactie, wat",
    [
        # The source has no date: the act came into force on 1 August 2014.
        ("inspectie-onderwijs-passend-onderwijs", ["wet", "begindatum"], "op 1 augustus 2014"),
        # Adopted on 28 October 2025, in force the day after the gemeenteblad: that date is not given.
        ("ggd-rotterdam-rijnmond-wmo-kwaliteit-mo-bw", ["begindatum"], "28 oktober 2025, artikel 2"),
        ("ggd-rotterdam-rijnmond-wmo-signalen-mo-bw", ["begindatum"], "28 oktober 2025, artikel 2"),
        ("ggd-rotterdam-rijnmond-wmo-meldingen-mo-bw", ["begindatum"], "28 oktober 2025, artikel 2"),
        # "Vanaf 2016" is a year; the framework for adults came in the summer.
        ("tsd-stelsel-wmo", ["begindatum"], "gebruikt vanaf de zomer van 2016"),
        ("tsd-stelsel-participatiewet", ["begindatum"], "gebruikt vanaf de zomer van 2016"),
        ("tsd-stelsel-jeugdwet", ["begindatum"], '("Vanaf 2016 …"), gelezen als 1 januari 2016'),
        ("tsd-stelsel-passend-onderwijs", ["begindatum"], '("Vanaf 2016 …"), gelezen als 1 januari 2016'),
        # Seed 004, 2.5 names the municipal audit offices, not the Gemeentewet.
        ("rekenkamer-onderzoek", ["wet"], "wet redactie, op basis van de Gemeentewet, hoofdstuk IVa"),
    ],
)
def test_the_editors_dates_and_laws_name_their_basis(seeded, slug, redactie, wat):
    gebied = Toezichtsgebied.objects.get(slug=slug)
    assert gebied.redactie == redactie
    assert wat in gebied.bron


def test_the_tsd_remits_and_the_framework_page_agree(seeded):
    kader = ToezichtkaderPage.objects.get(slug="tsd-stelseltoezicht-volwassenen")
    assert kader.geldig_vanaf == date(2016, 9, 1)
    for slug in ("tsd-stelsel-wmo", "tsd-stelsel-participatiewet"):
        gebied = Toezichtsgebied.objects.get(slug=slug)
        assert gebied.geldig_vanaf == date(2016, 1, 1) < kader.geldig_vanaf
        assert "Toezichtkader Stelseltoezicht Volwassenen in het Sociaal Domein (2016) (gebruikt vanaf de zomer" in (
            gebied.bron
        )


def test_the_editors_marking_is_shown_with_the_source(client, seeded):
    html = client.get("/wie-houdt-toezicht/?gemeente=Lansingerland&voorziening=beschermd-wonen").content.decode()
    assert "begindatum redactie, op basis van het besluit tot vaststelling van 28 oktober 2025" in html


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
        ("inspectie-jeugdzorg-jeugdwet-meldingen", "Jeugdwet art. 4.1.8 lid 1"),
        ("igj-zvw", "paragraaf 2.5"),
        ("igj-wfz", "Wet forensische zorg"),
    ],
)
def test_the_editors_own_knowledge_says_so_with_its_public_source(seeded, slug, wat):
    bron = Toezichtsgebied.objects.get(slug=slug).bron
    assert bron.startswith("Redactie, op basis van ") and wat in bron


def test_the_jeugdwet_report_desk_cites_the_source_and_marks_the_article_as_the_editors(seeded):
    gebied = Toezichtsgebied.objects.get(slug="igj-jeugdwet-meldingen")
    assert gebied.redactie == ["begindatum", "rol"]
    assert gebied.bron.startswith(UITGEVERS[0]) and "melders redactie, op basis van Jeugdwet art. 4.1.8 lid 1" in (
        gebied.bron
    )


@pytest.mark.parametrize(
    "slug", ["igj", "inspectie-justitie-en-veiligheid", "nederlandse-arbeidsinspectie", "toezicht-sociaal-domein"]
)
def test_start_dates_that_are_no_seeds_are_marked_as_the_editors(seeded, slug):
    assert "redactie, op basis van" in Toezichthouder.objects.get(slug=slug).bron
