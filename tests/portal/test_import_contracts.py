"""The arrows of DESIGN.md's layout (pyproject.toml, `lint-imports` in `make lint`): the
contracts hold for the code as it is, and a change that breaks one fails the lint."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BASE = Path(__file__).resolve().parents[2]
APPS = ("portal", "kennisbank", "samenwerking", "visual", "search")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


@pytest.fixture
def kopie(tmp_path):
    """The apps' Python modules and the contracts, in a directory of their own."""
    for app in APPS:
        shutil.copytree(BASE / app, tmp_path / app, ignore=shutil.ignore_patterns("*.pyc", "content", "data", "locale"))
    shutil.copy(BASE / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint(directory):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=directory,
        env={"PYTHONPATH": str(directory), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("bestand", "regel", "contract"),
    [
        (
            "kennisbank/models/verboden.py",
            "from kennisbank import views\n",
            "models never import views, forms, schemas, urls or admin hooks BROKEN",
        ),
        (
            "visual/verboden.py",
            "from kennisbank.forms import SOORTEN\n",
            "samenwerking and visual use kennisbank through its models",
        ),
        (
            "samenwerking/verboden.py",
            "from kennisbank.querysets import KennisbankPageQuerySet\n",
            "samenwerking and visual use kennisbank through its models",
        ),
        ("kennisbank/verboden.py", "from samenwerking import models\n", "kennisbank builds on portal only"),
        ("search/verboden.py", "from visual import models\n", "search knows the apps only through"),
        ("portal/verboden.py", "from kennisbank import models\n", "portal composes the apps by name"),
    ],
)
def test_a_module_that_breaks_an_arrow_fails_the_lint(kopie, bestand, regel, contract):
    (kopie / bestand).write_text(regel)
    result = _lint(kopie)
    assert result.returncode != 0, result.stdout
    assert contract in " ".join(result.stdout.split()), result.stdout


def test_the_code_as_it_is_keeps_every_contract(kopie):
    result = _lint(kopie)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
