"""Permission checks of the samenwerkingsruimtes as a user's number of spaces grows.

    .venv/bin/python benchmarks/permissions.py [--repeat 30] [--rounds 3] [--quick]
    DATABASE_URL="postgres:///permbench?host=/var/run/postgresql" .venv/bin/python ...

Generates (bulk inserts, beside the seed content, in a throwaway copy of the seeded
database) users, organisations with their groups, spaces with members through users and
through organisations, the guardian permission rows the app grants for those memberships
(samenwerking/permissions.py: one row per permission of the membership's role), and
objects spread over the spaces: documents with versions, messages and tasks. Then rebuilds
the search index the way `rebuild_search_index` does, so whatever the apps register for
the search (pages, and space content once it is registered) is in it.

For benchmark users who are in 1, 5, 10, 25 and 50 spaces (half of them directly, half
through their organisation) it measures "Mijn samenwerking", a space's document list, a
document download (the view up to its file response, of a real small file) and a
permission-filtered search of the portal's search service, a word that occurs in space
content and in the kennisbank's pages. Prints per measure: median and p95 time (median
over rounds), the SQL queries of one request, and the growth from 1 to 50 spaces; a
trivial Django view measured in the same run is the baseline. Asserts nothing.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import setup_django, summary

LEVELS = (1, 5, 10, 25, 50)
WORD = "calamiteiten"
FULL = {"users": 2000, "organisations": 60, "spaces": 1000, "objects": 100_000}
QUICK = {"users": 200, "organisations": 12, "spaces": 80, "objects": 4000}

SENTENCES = [
    "De toezichthouder bespreekt de bevindingen met de aanbieder.",
    "Het onderzoek naar de calamiteiten bij de zorgaanbieder loopt nog.",
    "Graag uw reactie op het conceptrapport voor vrijdag.",
    "De gemeente heeft aanvullende informatie over de cliënt gestuurd.",
    "Wij plannen een gezamenlijk bezoek aan de locatie in het voorjaar.",
    "De meldingen van calamiteiten zijn verwerkt in het overzicht.",
    "Het verslag van het overleg staat bij de documenten.",
    "De inspectie deelt de normen waarop zij toetst.",
]


def parse():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small dataset, for a quick look or a smoke test")
    parser.add_argument("--users", type=int)
    parser.add_argument("--organisations", type=int)
    parser.add_argument("--spaces", type=int)
    parser.add_argument("--objects", type=int)
    parser.add_argument("--repeat", type=int, default=30, help="requests per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url", help="PostgreSQL to work in (a copy is made); SQLite by default")
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()
    sizes = dict(QUICK if args.quick else FULL)
    for key in sizes:
        if getattr(args, key) is not None:
            sizes[key] = getattr(args, key)
    if sizes["spaces"] < max(LEVELS) or sizes["users"] < len(LEVELS) + 10:
        parser.error(f"Minstens {max(LEVELS)} ruimtes en {len(LEVELS) + 10} gebruikers nodig.")
    return args, sizes


def bulk(model, objects):
    return model.objects.bulk_create(objects, batch_size=2000)


def generate(sizes, rng):
    """The dataset; returns the benchmark users as {spaces: (user, [space ids])}."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group, Permission
    from django.db import transaction

    from portal.models import Organisatie, User
    from samenwerking.models import (
        Bericht,
        Document,
        DocumentVersie,
        Lidmaatschap,
        Samenwerkingsruimte,
        SamenwerkingsruimteGroupObjectPermission,
        SamenwerkingsruimteUserObjectPermission,
        Taak,
    )
    from samenwerking.models.ruimte import PERMISSIONS_BY_ROLE

    Rol = Lidmaatschap.Rol
    permission = {p.codename: p for p in Permission.objects.filter(content_type__app_label="samenwerking")}
    password = make_password(None)
    with transaction.atomic():
        names = [f"Organisatie: Benchmarkorganisatie {i}" for i in range(sizes["organisations"] + len(LEVELS))]
        groups = bulk(Group, [Group(name=name) for name in names])
        organisations = bulk(
            Organisatie,
            [
                Organisatie(naam=group.name.removeprefix("Organisatie: "), soort=Organisatie.Soort.ANDERS, groep=group)
                for group in groups
            ],
        )
        own_orgs, organisations = organisations[: len(LEVELS)], organisations[len(LEVELS) :]
        users = []
        for i in range(sizes["users"]):
            email = f"gebruiker{i}@benchmark.example.org"
            org = own_orgs[i] if i < len(LEVELS) else (rng.choice(organisations) if rng.random() < 0.4 else None)
            users.append(
                User(
                    email=email,
                    username=email,
                    first_name="Gebruiker",
                    last_name=str(i),
                    password=password,
                    organisatie=org,
                )
            )
        users = bulk(User, users)
        bulk(
            User.groups.through,
            [User.groups.through(user_id=u.pk, group_id=u.organisatie.groep_id) for u in users if u.organisatie_id],
        )
        bench_users, population = users[: len(LEVELS)], users[len(LEVELS) :]
        spaces = bulk(
            Samenwerkingsruimte,
            [
                Samenwerkingsruimte(
                    titel=f"Benchmarkruimte {i}",
                    doel=rng.choice(SENTENCES),
                    soort=rng.choice(Samenwerkingsruimte.Soort.values),
                    status=rng.choices(Samenwerkingsruimte.Status.values[:2], [0.85, 0.15])[0],
                    aangemaakt_door=rng.choice(population),
                )
                for i in range(sizes["spaces"])
            ],
        )
        memberships, members_of = [], {}
        for space in spaces:
            chosen = rng.sample(population, k=min(len(population), rng.randint(3, 9)))
            members_of[space.pk] = chosen
            for n, user in enumerate(chosen):
                rol = Rol.COORDINATOR if n == 0 else rng.choice([Rol.DEELNEMER, Rol.DEELNEMER, Rol.MEELEZER])
                memberships.append(Lidmaatschap(ruimte=space, gebruiker=user, rol=rol))
            for org in rng.sample(organisations, k=rng.choice([0, 0, 1, 2])):
                rol = rng.choice([Rol.DEELNEMER, Rol.MEELEZER])
                memberships.append(Lidmaatschap(ruimte=space, organisatie=org, rol=rol))
        bench = {}
        for level, user, org in zip(LEVELS, bench_users, own_orgs, strict=True):
            chosen = rng.sample(spaces, k=level)
            bench[level] = (user, [s.pk for s in chosen])
            for n, space in enumerate(chosen):
                members_of[space.pk].append(user)
                # The first space directly as coordinator; then alternately through the
                # organisation and directly, with the three roles mixed.
                rol = Rol.COORDINATOR if n == 0 else [Rol.DEELNEMER, Rol.MEELEZER, Rol.COORDINATOR][n % 3]
                if n % 2 == 1:
                    memberships.append(Lidmaatschap(ruimte=space, organisatie=org, rol=rol))
                else:
                    memberships.append(Lidmaatschap(ruimte=space, gebruiker=user, rol=rol))
        bulk(Lidmaatschap, memberships)
        # The rows sync_principal grants: each permission of the membership's role, to the
        # user or to the organisation's group, on the space.
        bulk(
            SamenwerkingsruimteUserObjectPermission,
            [
                SamenwerkingsruimteUserObjectPermission(
                    content_object=m.ruimte, user=m.gebruiker, permission=permission[c]
                )
                for m in memberships
                if m.gebruiker is not None
                for c in PERMISSIONS_BY_ROLE[m.rol]
            ],
        )
        bulk(
            SamenwerkingsruimteGroupObjectPermission,
            [
                SamenwerkingsruimteGroupObjectPermission(
                    content_object=m.ruimte, group_id=m.organisatie.groep_id, permission=permission[c]
                )
                for m in memberships
                if m.organisatie is not None
                for c in PERMISSIONS_BY_ROLE[m.rol]
            ],
        )

        # Objects: a quarter documents, three eighths their versions (one or two each), a
        # quarter messages (a fifth of them replies), an eighth tasks. Spaces differ in size.
        total = sizes["objects"]
        weights = [rng.uniform(0.2, 1.8) for _ in spaces]
        documents = bulk(
            Document,
            [
                Document(
                    ruimte=space,
                    naam=f"Document {i}",
                    vertrouwelijkheid=(
                        Document.Vertrouwelijkheid.ALLEEN_COORDINATOREN
                        if rng.random() < 0.1
                        else Document.Vertrouwelijkheid.HELE_RUIMTE
                    ),
                    aangemaakt_door=rng.choice(members_of[space.pk]),
                )
                for i, space in enumerate(rng.choices(spaces, weights, k=total // 4))
            ],
        )
        numbers = {d.pk: 1 for d in documents}
        for d in rng.sample(documents, k=min(len(documents), total * 3 // 8 - len(documents))):
            numbers[d.pk] = 2
        bulk(
            DocumentVersie,
            [
                DocumentVersie(
                    document=d,
                    nummer=n,
                    bestand=f"ruimte-{d.ruimte_id}/benchmark-{d.pk}-{n}",
                    bestandsnaam=f"document-{d.pk}-v{n}.txt",
                    mime_type="text/plain",
                    grootte=120,
                    tekst=" ".join(rng.sample(SENTENCES, k=3)),
                    geupload_door=d.aangemaakt_door,
                )
                for d in documents
                for n in range(1, numbers[d.pk] + 1)
            ],
        )
        message_spaces = rng.choices(spaces, weights, k=total // 4)
        threads = bulk(
            Bericht,
            [
                Bericht(ruimte=s, auteur=rng.choice(members_of[s.pk]), tekst=" ".join(rng.sample(SENTENCES, k=2)))
                for s in message_spaces[: len(message_spaces) * 4 // 5]
            ],
        )
        bulk(
            Bericht,
            [
                Bericht(
                    ruimte=t.ruimte,
                    auteur=rng.choice(members_of[t.ruimte_id]),
                    tekst=rng.choice(SENTENCES),
                    antwoord_op=t,
                )
                for t in rng.choices(threads, k=len(message_spaces) - len(threads))
            ],
        )
        tasks = [
            Taak(
                ruimte=s,
                titel=f"Taak {i}",
                omschrijving=rng.choice(SENTENCES),
                toegewezen_aan=rng.choice(members_of[s.pk]),
                gedaan=rng.random() < 0.4,
            )
            for i, s in enumerate(rng.choices(spaces, weights, k=total - total // 4 - total * 3 // 8 - total // 4))
        ]
        # Every benchmark user has an open task in each of their spaces.
        tasks += [
            Taak(ruimte_id=pk, titel=f"Taak voor {user.email}", toegewezen_aan=user)
            for user, space_ids in bench.values()
            for pk in space_ids
        ]
        bulk(Taak, tasks)
    return bench


def target_document(user, space_ids, files_dir):
    """The space with the median number of documents among the user's, and one of its
    documents the whole space may read, with a real small file behind its latest version."""
    from django.db.models import Count

    from samenwerking.models import Document, DocumentVersie, Samenwerkingsruimte

    spaces = list(
        Samenwerkingsruimte.objects.filter(pk__in=space_ids)
        .annotate(n=Count("documenten"))
        .filter(n__gt=0)
        .order_by("n", "pk")
    )
    space = spaces[len(spaces) // 2]
    document = Document.objects.filter(ruimte=space, vertrouwelijkheid=Document.Vertrouwelijkheid.HELE_RUIMTE).first()
    versie = DocumentVersie.objects.filter(document=document).order_by("-nummer").first()
    path = Path(files_dir) / versie.bestand.name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("Fictief benchmarkdocument.\n" * 4, encoding="utf-8")
    return space, document, versie


def measure(call, repeat, rounds):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()
    figures = []
    for _round in range(rounds):
        wall, cpu = [], []
        for _ in range(repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            call()
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        figures.append({**summary(wall), **{f"cpu_{k}": v for k, v in summary(cpu).items()}})
    with CaptureQueriesContext(connection) as queries:
        call()
    keys = ("median_ms", "p95_ms", "cpu_median_ms", "cpu_p95_ms")
    return {**{k: statistics.median(f[k] for f in figures) for k in keys}, "queries": len(queries.captured_queries)}


def fetch(client, url):
    def call():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: status {response.status_code}")
        # The test client closes a response itself, a streamed one once it is read.
        if response.streaming:
            b"".join(response.streaming_content)

    return call


def run(args, sizes):
    from django.db import connection
    from django.test import Client, override_settings
    from django.urls import reverse

    from samenwerking.models import Bericht, Document, DocumentVersie, Samenwerkingsruimte, Taak
    from samenwerking.storage import PrivateFileSystemStorage
    from search import service
    from search.models import SearchDocument
    from search.rebuild import rebuild

    rng = random.Random(args.seed)
    files_dir = tempfile.mkdtemp(prefix="permbench-")
    # The versions' storage was resolved when the model was defined: point it at a
    # throwaway directory, so the benchmark's files land nowhere else.
    DocumentVersie._meta.get_field("bestand").storage = PrivateFileSystemStorage(location=files_dir)

    started = time.perf_counter()
    bench = generate(sizes, rng)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    index = rebuild()
    indexed = time.perf_counter() - started
    objects = {
        "documenten": Document.objects.count(),
        "versies": DocumentVersie.objects.count(),
        "berichten": Bericht.objects.count(),
        "taken": Taak.objects.count(),
    }
    print(
        f"{connection.vendor}: {sizes['users']} gebruikers, {sizes['organisations']} organisaties, "
        f"{Samenwerkingsruimte.objects.count()} ruimtes, {sum(objects.values())} objecten "
        f"({', '.join(f'{v} {k}' for k, v in objects.items())}); gegenereerd in {generated:.1f} s"
    )
    print(
        f"zoekindex: {index['documenten']} documenten in {indexed:.1f} s, waarvan "
        f"{SearchDocument.objects.filter(principals__naam__startswith='ruimte:').distinct().count()} "
        "uit ruimtes"
    )

    results = {name: {} for name in ("Mijn samenwerking", "documentenlijst", "download", "zoeken")}
    details = {}
    with override_settings(ROOT_URLCONF="urls", DEBUG=False):
        baseline = measure(fetch(Client(), "/__trivial__/"), args.repeat, args.rounds)
        for level, (user, space_ids) in bench.items():
            client = Client()
            client.force_login(user)
            space, document, versie = target_document(user, space_ids, files_dir)
            details[level] = {"documenten": Document.objects.viewable_by_user(user).filter(ruimte=space).count()}
            results["Mijn samenwerking"][level] = measure(
                fetch(client, reverse("samenwerking:overzicht")), args.repeat, args.rounds
            )
            results["documentenlijst"][level] = measure(
                fetch(client, reverse("samenwerking:documenten", args=[space.pk])), args.repeat, args.rounds
            )
            results["download"][level] = measure(
                fetch(client, reverse("samenwerking:download", args=[space.pk, document.pk, versie.nummer])),
                args.repeat,
                args.rounds,
            )
            hits = service.search(WORD, user)
            details[level]["treffers"] = hits.totaal
            results["zoeken"][level] = measure(lambda u=user: service.search(WORD, u), args.repeat, args.rounds)

    print(
        f"\nBasislijn: triviale Django-view {baseline['median_ms']:.2f} ms mediaan, "
        f"{baseline['p95_ms']:.2f} ms p95, {baseline['queries']} SQL"
    )
    notes = {
        "documentenlijst": lambda level: f"{details[level]['documenten']} doc.",
        "zoeken": lambda level: f"{details[level]['treffers']} treffers",
    }
    first, last = LEVELS[0], LEVELS[-1]
    for name, rows in results.items():
        print(f"\n{name}")
        print(
            f"{'ruimtes':>8}{'mediaan ms':>12}{'p95 ms':>10}{'vs triviaal':>13}{'SQL':>6}"
            f"{'cpu mediaan':>13}{'cpu p95':>9}"
        )
        for level, row in rows.items():
            note = notes[name](level) if name in notes else ""
            print(
                f"{level:>8}{row['median_ms']:>12.2f}{row['p95_ms']:>10.2f}"
                f"{row['median_ms'] / baseline['median_ms']:>12.1f}x{row['queries']:>6}"
                f"{row['cpu_median_ms']:>13.2f}{row['cpu_p95_ms']:>9.2f}  {note}"
            )
        print(
            f"groei {first}→{last} ruimtes: mediaan {rows[last]['median_ms'] / rows[first]['median_ms']:.2f}x, "
            f"p95 {rows[last]['p95_ms'] / rows[first]['p95_ms']:.2f}x, "
            f"SQL {rows[first]['queries']}→{rows[last]['queries']}"
        )
    print(
        f"\n({args.repeat} verzoeken per ronde, mediaan van {args.rounds} rondes; "
        f"SQL = queries van één verzoek; cpu = processortijd van dit proces, zonder het wachten op een kern "
        f"of op een PostgreSQL-server; zoekwoord '{WORD}')"
    )
    return files_dir


def main():
    args, sizes = parse()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    name = f"permissions-{os.getpid()}"
    setup_django(name)
    import shutil

    from django.conf import settings
    from django.db import connections

    files_dir = None
    try:
        files_dir = run(args, sizes)
    finally:
        connections.close_all()
        if files_dir:
            shutil.rmtree(files_dir, ignore_errors=True)
        db = settings.DATABASES["default"]
        if db["ENGINE"].endswith("sqlite3"):
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(str(db["NAME"]) + suffix).unlink(missing_ok=True)
        else:
            import psycopg

            from tests.dbtemplate import _pg_dsn

            with psycopg.connect(_pg_dsn(db, "postgres"), autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{db["NAME"]}"')


if __name__ == "__main__":
    sys.exit(main())
