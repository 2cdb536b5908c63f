"""benchmarks/onderzoek.py runs on a tiny dataset and prints a line per page, so it cannot rot.
Times are not checked: they say nothing on a shared machine. A page not merged yet prints
"ontbreekt"; every other page prints its figures."""

import re
import subprocess
import sys
from pathlib import Path

from django.urls import NoReverseMatch, reverse

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PAGES = {
    "bevindingenmatrix": "samenwerking:onderzoek_matrix",
    "Mijn samenwerking": "samenwerking:overzicht",
    "open aanbevelingen": "samenwerking:aanbevelingen",
    "jaarrapportage": "samenwerking:jaarrapportage",
}
FIGURES = re.compile(
    r"^(.+?)\s+(\d+\.\d\d)\s+(\d+\.\d\d)\s+(\d+\.\d\d)\s+(\d+\.\d\d)\s+(\d+)\s+(\d+)\s+(binnen doel|BOVEN DOEL)$"
)
MISSING = re.compile(r"^(.+?)\s+ontbreekt\s+\(")


def _resolves(name):
    try:
        reverse(name, args=[1, 1]) if name.endswith("_matrix") else reverse(name)
    except NoReverseMatch:
        return False
    return True


def test_onderzoek_benchmark_prints_a_line_per_page():
    result = subprocess.run(
        [sys.executable, "benchmarks/onderzoek.py", "--quick", "--repeat", "2", "--rounds", "1"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "29 normen x 10 aanbieders" in result.stdout
    measured, missing = {}, set()
    for line in result.stdout.splitlines():
        if row := FIGURES.match(line):
            measured[row.group(1).strip()] = row.groups()[1:]
        elif row := MISSING.match(line):
            missing.add(row.group(1).strip())
    assert sorted(measured) == sorted(label for label, name in PAGES.items() if _resolves(name))
    assert missing == {label for label, name in PAGES.items() if not _resolves(name)}
    for median, p95, cpu_median, cpu_p95, queries, _target, _verdict in measured.values():
        assert float(median) > 0 and float(p95) > 0 and int(queries) > 0
        assert float(cpu_median) > 0 and float(cpu_p95) > 0
