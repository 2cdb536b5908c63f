"""Shared set-up of the benchmarks: Django on a copy of the seeded test database."""

import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def setup_django(name="benchmark"):
    """Django on a fresh copy of the seeded test database: SQLite, or PostgreSQL when
    DATABASE_URL names one (the benchmark then works in a copy, never in that database)."""
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    from tests import dbtemplate

    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import dj_database_url

        db_settings = dj_database_url.parse(url)
        copy = dbtemplate.postgres_copy(db_settings, f"toezicht_{name.replace('-', '_')}")
        os.environ["DATABASE_URL"] = dbtemplate._pg_url(db_settings, copy)
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{dbtemplate.sqlite_copy(name)}"
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
