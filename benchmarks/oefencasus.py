"""A group session of the practice case against a running server (issue 12, "Figures").

    .venv/bin/python benchmarks/oefencasus.py [--deelnemers 30] [--stappen 8]

Starts `manage.py runserver` (threaded, as `make run`) on a copy of the seeded database,
with a three-chapter case and a session. 60 participants first join at once (threads); then
30 participants poll the state endpoint about every 500 ms (jittered by 30 %), as
static/js/oefensessie.js does; a changed state brings their new screen along. Measured:
- from the facilitator's "next" (its POST sent) to each participant's screen with the new
  chapter, over `--stappen` steps: median and p95 over all participants, and per step the
  slowest participant;
- from a participant's answer (its POST sent) to its text appearing in the facilitator's
  answers, which the facilitator's screen polls the same way;
- the server process's CPU time (user + system, from /proc) per answer POST, per poll that
  answers 304, and over the whole answering phase with everyone polling.
Target: p95 under 1 s on this machine.
"""

import argparse
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time

from common import BASE_DIR, setup_django

INTERVAL = 0.5
JITTER = 0.3


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[max(0, int(len(ordered) * fraction + 0.5) - 1)]


def figures(samples):
    return f"median {statistics.median(samples) * 1000:.0f} ms, p95 {percentile(samples, 0.95) * 1000:.0f} ms"


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server(port):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="portal.settings.test")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import requests

    deadline = time.monotonic() + 60
    while True:
        try:
            requests.get(f"http://127.0.0.1:{port}/samenwerking/doe-mee/", timeout=2)
            return server
        except requests.RequestException:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("De server startte niet.") from None
            time.sleep(0.2)


class Participant:
    def __init__(self, base, code):
        import requests

        self.http = requests.Session()
        self.base, self.code = base, code
        self.etag = None
        self.hoofdstuk = 0
        self.seen = {}

    def csrf(self, path):
        self.http.get(self.base + path, timeout=10)
        return self.http.cookies.get("csrftoken", "")

    def join(self, n):
        path = f"/samenwerking/doe-mee/{self.code}/"
        token = self.csrf(path)
        response = self.http.post(
            self.base + path,
            {"csrfmiddlewaretoken": token, "bijnaam": f"Deelnemer {n}", "perspectief": "huisarts"},
            timeout=30,
            allow_redirects=False,
        )
        return response.status_code

    def poll(self):
        headers = {"If-None-Match": self.etag} if self.etag else {}
        response = self.http.get(f"{self.base}/samenwerking/doe-mee/{self.code}/status.json?deel=1", headers=headers)
        if response.status_code == 304:
            return False
        self.etag = response.headers["ETag"]
        screen = response.json()["deel"]
        match = re.search(r"Hoofdstuk (\d+) van", screen)
        self.hoofdstuk = int(match.group(1)) if match else 0
        self.seen.setdefault(self.hoofdstuk, []).append(time.perf_counter())
        return True

    def answer(self, tekst):
        return self.http.post(
            f"{self.base}/samenwerking/doe-mee/{self.code}/antwoord/",
            {"csrfmiddlewaretoken": self.http.cookies.get("csrftoken", ""), "vraag": "open-1", "tekst": tekst},
            allow_redirects=False,
        ).status_code


def poll_loop(participant, stop):
    while not stop.is_set():
        started = time.perf_counter()
        participant.poll()
        wait = INTERVAL * random.uniform(1 - JITTER, 1 + JITTER)
        stop.wait(max(0.0, wait - (time.perf_counter() - started)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--deelnemers", type=int, default=30)
    parser.add_argument("--stappen", type=int, default=8)
    args = parser.parse_args()
    setup_django("benchmark-oefencasus")

    from django.test import Client

    import requests

    from samenwerking.models import Antwoord, Oefensessie
    from tests.samenwerking.factories import UserFactory, oefencasus

    casus = oefencasus(titel="Benchmarkcasus", hoofdstukken=3)
    begeleider = UserFactory()
    sessie = Oefensessie.start(casus, begeleider)
    crowd = Oefensessie.start(casus, begeleider)
    login = Client()
    login.force_login(begeleider)
    from django.db import connections

    connections.close_all()

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = start_server(port)
    try:
        facilitator = requests.Session()
        facilitator.cookies.set("sessionid", login.cookies["sessionid"].value)
        facilitator.get(f"{base}/samenwerking/oefensessies/{sessie.pk}/")
        csrf = facilitator.cookies.get("csrftoken", "")

        def step(actie):
            return facilitator.post(
                f"{base}/samenwerking/oefensessies/{sessie.pk}/stap/",
                {"csrfmiddlewaretoken": csrf, "actie": actie},
                allow_redirects=False,
            ).status_code

        # 60 participants join a session at once.
        crowd_clients = [Participant(base, crowd.code) for _ in range(60)]
        statuses = []
        threads = [
            threading.Thread(target=lambda p=p, n=n: statuses.append(p.join(n))) for n, p in enumerate(crowd_clients)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        joined_in = time.perf_counter() - started
        print(
            f"60 deelnemers tegelijk aangemeld in {joined_in:.2f} s: "
            f"{statuses.count(302)} gelukt, andere statussen {sorted(s for s in statuses if s != 302)}"
        )

        participants = [Participant(base, sessie.code) for _ in range(args.deelnemers)]
        for n, participant in enumerate(participants):
            assert participant.join(n) == 302
            participant.poll()

        # The server's CPU per poll that answers 304 (no one polling but this loop).
        before = cpu_seconds(server.pid)
        polls = 0
        for _ in range(5):
            for participant in participants:
                participant.poll()
                polls += 1
        cpu_poll = (cpu_seconds(server.pid) - before) / polls

        stop = threading.Event()
        pollers = [threading.Thread(target=poll_loop, args=(p, stop), daemon=True) for p in participants]
        for thread in pollers:
            thread.start()
        time.sleep(1.5)

        # From "next" to every participant's screen.
        follow, slowest = [], []
        target = 0
        for n in range(args.stappen):
            actie = "volgende" if target == 0 or (n % 2 == 0 and target < 3) else "vorige"
            target += 1 if actie == "volgende" else -1
            marks = {id(p): len(p.seen.get(target, [])) for p in participants}
            sent = time.perf_counter()
            assert step(actie) == 302
            deadline = sent + 10
            while time.perf_counter() < deadline and not all(
                len(p.seen.get(target, [])) > marks[id(p)] for p in participants
            ):
                time.sleep(0.01)
            delays = [
                p.seen[target][marks[id(p)]] - sent for p in participants if len(p.seen.get(target, [])) > marks[id(p)]
            ]
            if len(delays) < len(participants):
                print(f"stap {n + 1}: {len(participants) - len(delays)} deelnemers volgden niet binnen 10 s")
            follow.extend(delays)
            slowest.append(max(delays))
            time.sleep(random.uniform(0.5, 1.0))
        if target != 1:
            step("vorige" if target > 1 else "volgende")
            time.sleep(1.5)

        # From an answer to the facilitator's screen, which polls as the participants do.
        appeared = {}
        sent_at = {}

        def facilitator_loop():
            etag = None
            while not stop_facilitator.is_set():
                started = time.perf_counter()
                headers = {"If-None-Match": etag} if etag else {}
                response = facilitator.get(
                    f"{base}/samenwerking/oefensessies/{sessie.pk}/status.json?deel=1", headers=headers
                )
                if response.status_code == 200:
                    etag = response.headers["ETag"]
                    fragment = response.json()["deel"]
                    now = time.perf_counter()
                    for tekst in re.findall(r"antwoord-\d+", fragment):
                        appeared.setdefault(tekst, now)
                wait = INTERVAL * random.uniform(1 - JITTER, 1 + JITTER)
                stop_facilitator.wait(max(0.0, wait - (time.perf_counter() - started)))

        stop_facilitator = threading.Event()
        watcher = threading.Thread(target=facilitator_loop, daemon=True)
        watcher.start()
        time.sleep(1.0)
        answer_statuses = []

        def send(participant, n):
            time.sleep(random.uniform(0, 5))
            tekst = f"antwoord-{n}"
            sent_at[tekst] = time.perf_counter()
            answer_statuses.append(participant.answer(tekst))

        before = cpu_seconds(server.pid)
        senders = [threading.Thread(target=send, args=(p, n)) for n, p in enumerate(participants)]
        for thread in senders:
            thread.start()
        for thread in senders:
            thread.join()
        deadline = time.perf_counter() + 10
        while len(appeared) < len(sent_at) and time.perf_counter() < deadline:
            time.sleep(0.05)
        cpu_phase = cpu_seconds(server.pid) - before
        stop_facilitator.set()
        stop.set()
        watcher.join()
        for thread in pollers:
            thread.join()
        shown = [appeared[t] - sent_at[t] for t in sent_at if t in appeared]

        # The server's CPU per answer POST on its own (nobody polling).
        before = cpu_seconds(server.pid)
        for n, participant in enumerate(participants):
            participant.answer(f"nog een antwoord {n}")
        cpu_answer = (cpu_seconds(server.pid) - before) / len(participants)

        print(
            f"{args.deelnemers} deelnemers, {args.stappen} stappen, "
            f"polling om de {INTERVAL * 1000:.0f} ms ± {JITTER * 100:.0f}% "
            f"(runserver, SQLite, 2 kernen gedeeld; belasting van de machine: {os.getloadavg()[0]:.1f})"
        )
        print(f"'volgende' tot het scherm van een deelnemer: {figures(follow)} ({len(follow)} metingen)")
        print(f"'volgende' tot het scherm van de laatste deelnemer, per stap: {figures(slowest)}")
        print(
            f"antwoord tot zichtbaar bij de begeleider: {figures(shown)} "
            f"({len(shown)} van {len(sent_at)} antwoorden; statussen {sorted(set(answer_statuses))})"
        )
        print(f"server-CPU per antwoord (alleen de POST): {cpu_answer * 1000:.1f} ms")
        print(f"server-CPU per poll met 304: {cpu_poll * 1000:.2f} ms")
        print(
            f"server-CPU in de antwoordfase met iedereen aan het pollen: {cpu_phase:.2f} s, "
            f"{cpu_phase / max(1, len(sent_at)) * 1000:.0f} ms per antwoord"
        )
        print(f"antwoorden in de database: {Antwoord.objects.filter(sessie=sessie).count()}")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
