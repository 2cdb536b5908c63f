"""The data files load faithfully, twice without change, and refuse malformed entries."""

from io import StringIO
from pathlib import Path

import pytest
import yaml

from portal.seeding import SeedError
from visual import seed
from visual.models import OverzichtPage, Toezichthouder, Toezichtsgebied

pytestmark = pytest.mark.django_db


class Command:
    def __init__(self):
        self.out = StringIO()

    def report(self, message):
        self.out.write(message)


def test_seeded_data(seeded):
    assert Toezichthouder.objects.count() == 14
    ggd = Toezichtsgebied.objects.get(slug="ggd-rotterdam-rijnmond-wmo-kwaliteit")
    assert sorted(g.naam for g in ggd.gemeenten.all()) == sorted(
        [
            "Albrandswaard",
            "Barendrecht",
            "Capelle aan den IJssel",
            "Goeree-Overflakkee",
            "Krimpen aan den IJssel",
            "Maassluis",
            "Nissewaard",
            "Ridderkerk",
            "Rotterdam",
            "Schiedam",
            "Vlaardingen",
            "Voorne aan Zee",
        ]
    )
    assert "Lansingerland" not in [g.naam for g in ggd.gemeenten.all()]
    page = OverzichtPage.objects.get()
    assert page.live and page.show_in_menus


def test_second_run_changes_nothing(seeded):
    before = list(Toezichtsgebied.objects.values_list("pk", "slug", "rol"))
    seed.load(Command())
    assert list(Toezichtsgebied.objects.values_list("pk", "slug", "rol")) == before
    assert OverzichtPage.objects.count() == 1


@pytest.mark.parametrize(
    "change, fragment",
    [
        (lambda d: d["toezichtsgebieden"][0].update(gemeenten=["Atlantis"]), "onbekende gemeente"),
        (lambda d: d["toezichtsgebieden"][0].update(aspect="alles"), "'aspect' moet een van"),
        (lambda d: d["toezichtsgebieden"][0].update(wet="ruimtevaartwet"), "onbekende wet"),
        (lambda d: d["toezichtsgebieden"][0].pop("bron"), "verplichte velden ontbreken: bron"),
        (
            lambda d: d["toezichthouders"][0].update(geldig_tot="2001-01-01", geldig_vanaf="2002-01-01"),
            "geldig_tot ligt voor geldig_vanaf",
        ),
        (lambda d: d["toezichtsgebieden"][0].update(kennisbank=["bestaat-niet"]), "onbekende kennisbankpagina"),
        (lambda d: d["toezichtsgebieden"][0].update(voorzieningen=["zwembad"]), "onbekende soort voorziening"),
        (
            lambda d: d["aanwijzingen_uit_kaders"][0].update(gemeenten="alle"),
            "'gemeenten' moet de gemeenten noemen, niet 'alle' of een regio",
        ),
        (lambda d: d["aanwijzingen_uit_kaders"][1].pop("bron"), "verplichte velden ontbreken: bron"),
    ],
)
def test_malformed_data_names_file_and_entry(seeded, tmp_path, change, fragment):
    data = yaml.safe_load((Path(seed.DATA_DIR) / "toezicht.yaml").read_text(encoding="utf-8"))
    change(data)
    (tmp_path / "toezicht.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    Toezichthouder.objects.all().delete()
    with pytest.raises(SeedError) as exc:
        seed.load(Command(), data_dir=tmp_path)
    assert exc.value.bestand == "toezicht.yaml"
    assert fragment in exc.value.message
