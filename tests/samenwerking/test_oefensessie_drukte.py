"""Participants joining at once, from several server processes and threads with their own
connections, on a database file: never a server error, and the join limit stays exact."""

import json
import os
import subprocess
import sys
import time

from django.conf import settings

from tests import dbtemplate

from .test_oefensessie import _database_copy

PROCESSES = 3
JOINS_PER_PROCESS = 20
WRONG_PER_PROCESS = 5
BUSY = "Het is even druk; probeer het over een paar seconden opnieuw."

SETUP = """
from django.test.utils import setup_test_environment
setup_test_environment()
from samenwerking.models import Oefensessie
from tests.samenwerking.factories import UserFactory, oefencasus
print(Oefensessie.start(oefencasus(), UserFactory()).code)
"""

# One server process: its threads join (or try wrong codes) all at once, each through the
# whole request cycle with a database connection of its own.
CROWD = """
import json, threading, time
from pathlib import Path
from django.db import connections
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
code, joins, wrong, ready, go = {code!r}, {joins}, {wrong}, Path({ready!r}), Path({go!r})
barrier = threading.Barrier(joins + wrong)
results = []

def attempt(kind, n):
    address = "10.7.7.7" if kind == "fout" else "192.168.7.%d" % n
    client = Client(REMOTE_ADDR=address, raise_request_exception=False)
    path = "/samenwerking/doe-mee/" + (code + "/" if kind == "mee" else "")
    data = {{"bijnaam": "D%d" % n, "perspectief": "huisarts"}} if kind == "mee" else {{"code": "ZZZZ%04d" % (n + 2)}}
    barrier.wait()
    try:
        response = client.post(path, data)
        results.append([kind, response.status_code, response.headers.get("Retry-After"), response.content.decode()])
    finally:
        connections.close_all()

threads = [threading.Thread(target=attempt, args=("mee", n)) for n in range(joins)]
threads += [threading.Thread(target=attempt, args=("fout", {first_wrong} + n)) for n in range(wrong)]
ready.touch()
while not go.exists():
    time.sleep(0.01)
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps(results))
"""

COUNTS = """
from samenwerking.models import Deelnamepoging, Deelnemer
print(Deelnemer.objects.filter(sessie__code={code!r}).count(), Deelnamepoging.objects.count())
"""


def _env(database_url):
    return dict(os.environ, DJANGO_SETTINGS_MODULE="portal.settings.test", DATABASE_URL=database_url)


def _shell(database_url, script):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=dbtemplate.BASE_DIR,
        env=_env(database_url),
        capture_output=True,
        text=True,
        check=True,
        timeout=180,
    )
    return result.stdout.strip().splitlines()[-1]


def crowd(database_url, code, tmp_path):
    """Results [kind, status, Retry-After, body] of all attempts, started at one moment."""
    go = tmp_path / "go"
    servers = []
    for p in range(PROCESSES):
        script = CROWD.format(
            code=code,
            joins=JOINS_PER_PROCESS,
            wrong=WRONG_PER_PROCESS,
            first_wrong=p * WRONG_PER_PROCESS,
            ready=str(tmp_path / f"ready-{p}"),
            go=str(go),
        )
        servers.append(
            subprocess.Popen(
                [sys.executable, "manage.py", "shell", "-c", script],
                cwd=dbtemplate.BASE_DIR,
                env=_env(database_url),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    # The processes start Django one by one; the crowd goes only when every one is waiting.
    while not all((tmp_path / f"ready-{p}").exists() for p in range(PROCESSES)):
        assert all(server.poll() is None for server in servers), [s.communicate() for s in servers]
        time.sleep(0.05)
    go.touch()
    results = []
    for server in servers:
        out, err = server.communicate(timeout=300)
        assert server.returncode == 0, err[-3000:]
        results += json.loads(out.strip().splitlines()[-1])
    return results


def test_sixty_participants_joining_at_once_from_several_processes_never_get_a_server_error(tmp_path):
    database_url = _database_copy(tmp_path)
    code = _shell(database_url, SETUP)
    results = crowd(database_url, code, tmp_path)

    joins = [r for r in results if r[0] == "mee"]
    wrong = [r for r in results if r[0] == "fout"]
    assert len(joins) == PROCESSES * JOINS_PER_PROCESS
    assert {status for _kind, status, _retry, _body in joins} <= {302, 503}, [r[:2] for r in results]
    assert {status for _kind, status, _retry, _body in wrong} <= {404, 429, 503}, [r[:2] for r in results]
    busy = [r for r in results if r[1] == 503]
    assert all(retry and BUSY in body for _kind, _status, retry, body in busy)

    # Exactly the limit of wrong attempts from one address gets "no such session"; the rest,
    # however many arrive at the same moment, are refused, and each of those counted once.
    limit = settings.OEFENSESSIE_POGINGEN_PER_IP
    counted = sorted(status for _kind, status, _retry, _body in wrong if status != 503)
    assert counted == [404] * limit + [429] * (len(counted) - limit)

    joined, attempts = map(int, _shell(database_url, COUNTS.format(code=code)).split())
    # Nothing half-saved: a participant for every join that was answered with their screen.
    assert joined == sum(1 for r in joins if r[1] == 302)
    assert attempts == limit


# Another process holds SQLite's write lock for longer than this server's (short) timeout.
LOCKED = """
import sqlite3
from django.conf import settings
from django.test import Client
from django.test.utils import setup_test_environment
from samenwerking.models import Deelnemer
setup_test_environment()
holder = sqlite3.connect(settings.DATABASES["default"]["NAME"], isolation_level=None)
holder.execute("BEGIN IMMEDIATE")
response = Client().post("/samenwerking/doe-mee/{code}/", {{"bijnaam": "Kim", "perspectief": "huisarts"}})
holder.execute("ROLLBACK")
holder.close()
print(response.status_code, response.headers.get("Retry-After"), Deelnemer.objects.count(),
      {busy!r} in response.content.decode())
"""


def test_a_join_the_locked_database_cannot_take_answers_503_and_saves_nothing(tmp_path):
    # SQLite's write lock is the embedded default's own failure, so this runs on an SQLite
    # copy whichever database the rest of the suite uses (PostgreSQL waits for its locks).
    target = tmp_path / "vergrendeld.sqlite3"
    dbtemplate.copy_sqlite(dbtemplate.sqlite_template(), target)
    database_url = f"sqlite:///{target}"
    code = _shell(database_url, SETUP)
    before = _shell(database_url, COUNTS.format(code=code))
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", LOCKED.format(code=code, busy=BUSY)],
        cwd=dbtemplate.BASE_DIR,
        env={**_env(database_url), "DATABASE_SQLITE_TIMEOUT": "0.2"},
        capture_output=True,
        text=True,
        check=True,
        timeout=180,
    )
    assert result.stdout.strip().splitlines()[-1].split() == ["503", "5", before.split()[0], "True"]
    assert _shell(database_url, COUNTS.format(code=code)) == before
