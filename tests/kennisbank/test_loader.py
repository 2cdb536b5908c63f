import shutil
from io import StringIO

from django.core.management import CommandError, call_command

import pytest
from wagtail.models import Page, Revision

from kennisbank.models import (
    Begrip,
    Handhavingsmaatregel,
    KaderOnderdeelPage,
    KennisbronPage,
    NormKoppeling,
    NormPage,
    ProcedurePage,
    PublicatiePage,
    ToezichtkaderPage,
    ToezichtsvormPage,
    Voorzieningsoort,
)
from kennisbank.seed import CONTENT_DIR
from portal.models import Gemeente, User

pytestmark = pytest.mark.django_db


def _counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "norms": NormPage.objects.count(),
        "begrippen": Begrip.objects.count(),
        "koppelingen": NormKoppeling.objects.count(),
        "users": User.objects.count(),
        "gemeenten": Gemeente.objects.count(),
    }


def test_seed_counts(seeded):
    tsd = seeded["tsd-stelseltoezicht-volwassenen"]
    rr = seeded["rotterdam-rijnmond-2025"]
    tsd_themes = KaderOnderdeelPage.objects.child_of(tsd)
    assert [t.title for t in tsd_themes.order_by("path")] == ["Op maat", "Signaleren en handelen", "Lokale samenhang"]
    assert NormPage.objects.filter(toezichtkader=tsd).count() == 12
    assert Begrip.objects.filter(kader=tsd).count() == 10

    aanbieders, gemeenten = KaderOnderdeelPage.objects.child_of(rr).order_by("path")
    assert KaderOnderdeelPage.objects.child_of(aanbieders).count() == 3
    assert KaderOnderdeelPage.objects.descendant_of(aanbieders).filter(depth=aanbieders.depth + 2).count() == 10
    aanbieder_normen = NormPage.objects.descendant_of(aanbieders)
    assert aanbieder_normen.count() == 29
    codes = list(aanbieder_normen.order_by("path").values_list("code", flat=True))
    assert codes[0] == "1.1.1" and codes[-1] == "3.2.2"
    assert KaderOnderdeelPage.objects.child_of(gemeenten).count() == 5
    assert NormPage.objects.descendant_of(gemeenten).count() == 32

    assert Voorzieningsoort.objects.count() == 14
    assert ToezichtsvormPage.objects.filter(kader=rr).count() == 6
    assert Handhavingsmaatregel.objects.filter(door="toezichthouder").exists()
    assert Handhavingsmaatregel.objects.filter(door="gemeente").exists()
    procedure = ProcedurePage.objects.get(slug="openbaarmaking-rotterdam-rijnmond")
    assert procedure.stappen.count() >= 5 and procedure.vormen.count() == 2
    assert {"calamiteit", "geweld bij de verstrekking van een voorziening"} <= {
        b.term.lower() for b in Begrip.objects.all()
    }
    assert KennisbronPage.objects.count() >= 10
    assert PublicatiePage.objects.filter(gemeenten__isnull=False).distinct().count() >= 5
    assert Gemeente.objects.count() == 342


def test_every_norm_has_code_statement_and_a_check(seeded):
    for norm in NormPage.objects.prefetch_related("toetspunten"):
        assert norm.code, norm.pk
        assert norm.stelling.strip(), norm.code
        assert norm.toetspunten.count() >= 1, norm.code
        assert norm.toezichtkader_id is not None, norm.code


def test_wmo_definitions_are_faithful(seeded):
    calamiteit = Begrip.objects.get(term__iexact="calamiteit")
    assert "niet-beoogde of onverwachte gebeurtenis" in calamiteit.definitie
    artikel = calamiteit.wettelijke_grondslag.get()
    assert artikel.artikel == "1.1.1" and artikel.wet.slug == "wmo-2015"
    assert artikel.url.startswith("https://wetten.overheid.nl/jci1.3:c:BWBR0035362&artikel=1.1.1")


def test_loader_is_idempotent(seeded):
    before = _counts()
    call_command("load_seed_content", stdout=StringIO())
    assert _counts() == before


def test_loader_restores_a_page_deleted_in_the_admin(seeded, tmp_path):
    NormPage.objects.get(toezichtkader__slug="rotterdam-rijnmond-2025", code="2.2.2").delete()
    from portal.models import SeedRecord

    SeedRecord.objects.filter(sleutel="toezichtkader:rotterdam-rijnmond-2025").delete()
    # The laws and the framework's own files are what the framework needs; the other files
    # would only be loaded again unchanged.
    for name in ("10-wetten.yaml", "30-rotterdam-rijnmond-2025.yaml", "31-rotterdam-rijnmond-2025-normen.yaml"):
        shutil.copy(CONTENT_DIR / name, tmp_path / name)
    call_command("load_seed_content", content_dir=str(tmp_path), stdout=StringIO())
    assert NormPage.objects.filter(toezichtkader__slug="rotterdam-rijnmond-2025", code="2.2.2").exists()


@pytest.mark.parametrize(
    "broken, entry",
    [
        ("toezichtkaders:\n  - slug: kapot\n    titel: Kapot kader\n    uitgever: X\n", "toezichtkader kapot"),
        (
            "toezichtkaders:\n  - slug: kapot\n    titel: K\n    uitgever: X\n    geldig_vanaf: 2020-01-01\n"
            "    onderdelen:\n      - code: '1'\n        titel: Thema\n        normen:\n"
            "          - code: '1.1'\n            titel: Zonder toetspunten\n",
            "norm 1.1",
        ),
        ("publicaties:\n  - slug: p\n    titel: P\n    gemeenten: [Atlantis]\n", "publicatie p"),
        ("begrippen:\n  - term: X\n    definitie: Y\n    wettelijke_grondslag: [{wet: onbekend, artikel: '1'}]\n", "X"),
        ("wetten: [unclosed\n", "regel"),
    ],
)
def test_malformed_file_rolls_back_and_names_file_and_entry(seeded, tmp_path, broken, entry):
    # The laws and one framework (whose norm 1.1.1 the loader overwrites before it reaches the
    # broken file) are enough to show the rollback; all files would only make it slower.
    for name in ("10-wetten.yaml", "20-tsd-stelseltoezicht-volwassenen.yaml"):
        shutil.copy(CONTENT_DIR / name, tmp_path / name)
    (tmp_path / "99-kapot.yaml").write_text(broken, encoding="utf-8")
    NormPage.objects.filter(code="1.1.1").update(stelling="Door een redacteur gewijzigd")
    from portal.models import SeedRecord

    SeedRecord.objects.all().delete()
    before = _counts()
    with pytest.raises(CommandError) as error:
        call_command("load_seed_content", content_dir=str(tmp_path), stdout=StringIO())
    message = str(error.value)
    assert "99-kapot.yaml" in message
    assert entry in message
    assert "ongewijzigd" in message
    assert _counts() == before
    assert NormPage.objects.filter(stelling="Door een redacteur gewijzigd").exists()


def test_crosswalk_links_rotterdam_criteria_to_tsd(seeded):
    assert (
        NormKoppeling.objects.filter(
            norm__toezichtkader__slug="rotterdam-rijnmond-2025",
            tegenhanger__toezichtkader__slug="tsd-stelseltoezicht-volwassenen",
        ).count()
        >= 5
    )


def test_framework_versions(seeded):
    rr = ToezichtkaderPage.objects.get(slug="rotterdam-rijnmond-2025")
    assert rr.geldig_vanaf.year == 2025 and rr.versie == "2025"
    assert rr.opvolger is None and rr.geldig_tot is None
