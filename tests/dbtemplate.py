"""One seeded database for the whole test run.

Migrating a Wagtail site and loading the seed content takes about half a minute, so it is
done once into a template (an SQLite file, or a PostgreSQL template database) whose name
carries a hash of the migrations, seed data and loaders. Each xdist worker and the browser
tests' server get a copy of it.
"""

import fcntl
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR = BASE_DIR / "var"
INPUT_GLOBS = [
    "*/migrations/*.py",
    "kennisbank/content/*.yaml",
    "*/data/*",
    "*/seed.py",
    "*/seed_*.py",
    "*/seeding.py",
    "portal/roles.py",
    "*/models.py",
    "*/models/*.py",
    # The seeded database holds the search index, built by these.
    "*/search.py",
    "search/*.py",
]


def fingerprint():
    digest = hashlib.sha256()
    for pattern in INPUT_GLOBS:
        for path in sorted(BASE_DIR.glob(pattern)):
            if "node_modules" in path.parts or not path.is_file():
                continue
            digest.update(str(path.relative_to(BASE_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _manage(env, *args):
    subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _build_env(database_url):
    env = dict(os.environ)
    env.update({"DJANGO_SETTINGS_MODULE": "portal.settings.test", "DATABASE_URL": database_url})
    return env


def _locked(name):
    VAR.mkdir(exist_ok=True)
    handle = open(VAR / f"{name}.lock", "w")  # noqa: SIM115
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def sqlite_template():
    """Path of the seeded SQLite template, built if it is missing."""
    path = VAR / f"test-template-{fingerprint()}.sqlite3"
    with _locked("sqlite-template"):
        if not path.exists():
            for old in VAR.glob("test-template-*.sqlite3"):
                old.unlink()
            building = path.with_suffix(".building")
            building.unlink(missing_ok=True)
            env = _build_env(f"sqlite:///{building}")
            _manage(env, "migrate", "--no-input", "-v0")
            _manage(env, "load_seed_content", "-v0")
            _single_file(building)
            building.rename(path)
    return path


def _single_file(path):
    """Fold the write-ahead log into the database and leave WAL mode, so that the template is
    one self-contained file (the settings put every connection in WAL mode again)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()


def copy_sqlite(source, target):
    """Copy an SQLite database with its backup API: a plain file copy would miss whatever is
    still in a -wal file next to it."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def sqlite_copy(name):
    return copy_sqlite(sqlite_template(), VAR / f"{name}.sqlite3")


def postgres_template(db_settings):
    """Name of the seeded PostgreSQL template database, built if it is missing."""
    import psycopg

    # Per checkout: a second worktree on the same server builds and drops only its own templates,
    # never the one another checkout's run is copying from.
    checkout = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:6]
    name = f"toezicht_tpl_{checkout}_{fingerprint()}"
    dsn = _pg_dsn(db_settings, "postgres")
    with _locked("pg-template"):
        with psycopg.connect(dsn, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                for (old,) in conn.execute(
                    "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"toezicht_tpl_{checkout}_%"]
                ).fetchall():
                    conn.execute(f'DROP DATABASE IF EXISTS "{old}"')
                conn.execute(f'CREATE DATABASE "{name}_bld"')
                env = _build_env(_pg_url(db_settings, f"{name}_bld"))
                try:
                    _manage(env, "migrate", "--no-input", "-v0")
                    _manage(env, "load_seed_content", "-v0")
                except subprocess.CalledProcessError:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}_bld"')
                    raise
                conn.execute(f'ALTER DATABASE "{name}_bld" RENAME TO "{name}"')
    return name


def postgres_copy(db_settings, name):
    import psycopg

    template = postgres_template(db_settings)
    with psycopg.connect(_pg_dsn(db_settings, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return name


def _pg_dsn(db_settings, dbname):
    parts = [f"dbname={dbname}"]
    for key, option in (("HOST", "host"), ("PORT", "port"), ("USER", "user"), ("PASSWORD", "password")):
        if db_settings.get(key):
            parts.append(f"{option}={db_settings[key]}")
    return " ".join(parts)


def _pg_url(db_settings, dbname):
    user = db_settings.get("USER") or ""
    password = f":{db_settings['PASSWORD']}" if db_settings.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    host = db_settings.get("HOST") or ""
    port = f":{db_settings['PORT']}" if db_settings.get("PORT") else ""
    if host.startswith("/"):
        return f"postgres://{auth}/{dbname}?host={host}"
    return f"postgres://{auth}{host}{port}/{dbname}"
