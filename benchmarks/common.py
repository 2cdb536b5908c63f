"""Shared set-up of the benchmarks: Django on a copy of the seeded test database."""

import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def setup_django(database=None):
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    if database is None and "DATABASE_URL" not in os.environ:
        from tests import dbtemplate

        database = f"sqlite:///{dbtemplate.sqlite_copy('benchmark')}"
    if database:
        os.environ["DATABASE_URL"] = database
    import django

    django.setup()


def timed(func, repeat):
    """Seconds per call for `repeat` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return samples


def summary(samples):
    ordered = sorted(samples)
    return {
        "median_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000,
        "rps": len(ordered) / sum(ordered),
    }
