"""benchmarks/permissions.py runs on a tiny dataset and prints its figures, so it cannot rot.
Times are not checked: they say nothing on a shared machine."""

import re
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
MEASURES = ["Mijn samenwerking", "documentenlijst", "download", "zoeken"]
ROW = re.compile(r"^\s+(\d+)\s+(\d+\.\d\d)\s+(\d+\.\d\d)\s+(\d+\.\d)x\s+(\d+)\s+(\d+\.\d\d)\s+(\d+\.\d\d)")


def test_permissions_benchmark_prints_a_table_per_measure():
    result = subprocess.run(
        [
            sys.executable,
            "benchmarks/permissions.py",
            "--quick",
            *("--users", "40", "--organisations", "3", "--spaces", "55", "--objects", "400"),
            *("--repeat", "2", "--rounds", "1"),
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "40 gebruikers, 3 organisaties" in result.stdout
    tables = {}
    current = None
    for line in result.stdout.splitlines():
        if line in MEASURES:
            current = tables.setdefault(line, [])
        elif current is not None and (row := ROW.match(line)):
            current.append(row.groups())
        elif line.startswith("groei 1→50 ruimtes"):
            current = None
    assert list(tables) == MEASURES
    for rows in tables.values():
        assert [int(r[0]) for r in rows] == [1, 5, 10, 25, 50]
        assert all(float(r[1]) > 0 and float(r[2]) > 0 and int(r[4]) > 0 and float(r[5]) > 0 for r in rows)
    assert result.stdout.count("groei 1→50 ruimtes") == len(MEASURES)
