"""Search latency, index build time and memory, at 2,000 and 20,000 generated documents.

    .venv/bin/python benchmarks/search.py [--queries 200] [--rounds 3] [--sizes 2000 20000]
    DATABASE_URL="postgres:///toezicht_bench?host=/var/run/postgresql" .venv/bin/python ...

Generates documents in the style of the seed content (sentences of the real kennisbank,
norm codes, laws, organisations, years, a share of them restricted to a group) beside the
real content, then runs the same mixed queries (one to six words, codes, abbreviations,
with and without a facet filter, anonymous and signed in) on the database backend, in two
modes: (a) searches alone, (b) with one document written per ten searches by another
process (a writer started from this script, as the collaboration spaces will write), each
for several rounds (median of the rounds' figures). Prints figures; asserts nothing.
"""

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time

from common import BASE_DIR, setup_django, summary


def rss_mb(pid="self"):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return float("nan")
    return float("nan")


def database_size_mb(connection, name):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0] / 2**20
    return os.path.getsize(name) / 2**20 if os.path.exists(str(name)) else 0


def corpus():
    from search.models import SearchDocument

    sentences, titles, codes = [], [], []
    for doc in SearchDocument.objects.order_by("key"):
        sentences += [s.strip() for s in re.split(r"(?<=[.!?;])\s+|\n", doc.tekst) if len(s.split()) > 4]
        titles.append(doc.titel)
        if any(c.isdigit() for c in doc.code):
            codes.append(doc.code)
    return sentences, titles, codes


def generate(n, start, rng, sentences, titles, codes):
    from search.registry import IndexDocument, organisation

    soorten = [
        ("norm", "Norm"),
        ("handreiking", "Handreiking"),
        ("publicatie", "Publicatie"),
        ("kennisbron", "Kennisbron"),
        ("onderdeel", "Onderdeel"),
    ]
    wetten = [
        ("wmo-2015", "Wmo 2015"),
        ("jeugdwet", "Jeugdwet"),
        ("awb", "Awb"),
        ("woo", "Woo"),
        ("participatiewet", "Participatiewet"),
    ]
    organisaties = [
        "Toezicht Wmo GGD Rotterdam-Rijnmond",
        "Toezicht Sociaal Domein (TSD)",
        "Inspectie Gezondheidszorg en Jeugd (IGJ)",
        "Gemeente Utrecht",
        "Vereniging van Nederlandse Gemeenten",
    ]
    for i in range(start, start + n):
        soort, label = rng.choice(soorten)
        code = f"{rng.randint(1, 9)}.{rng.randint(1, 9)}.{rng.randint(1, 20)}" if (soort == "norm") else ""
        principals = ["public"] if rng.random() < 0.85 else [f"groep:{rng.randint(1, 5)}"]
        yield (
            f"bench:{i}",
            IndexDocument(
                soort=soort,
                soort_label=label,
                titel=f"{rng.choice(titles)} ({i})",
                url=f"/b/{i}/",
                tekst="\n".join(rng.sample(sentences, k=min(len(sentences), rng.randint(3, 12)))),
                code=code,
                context=rng.choice(organisaties),
                principals=principals,
                facetten={
                    "wet": rng.sample(wetten, k=rng.randint(0, 2)),
                    "organisatie": organisation(rng.choice(organisaties)),
                },
                jaar=rng.choice([2016, 2017, 2020, 2023, 2025]),
            ),
        )


def queries(rng, count, titles, codes):
    from search.analysis import STOPWORDS, words

    vocabulary = sorted({w for t in titles for w in words(t) if w.isalpha() and len(w) > 3 and w not in STOPWORDS})
    fixed = [
        "IGJ",
        "Wmo",
        "calamiteiten melden",
        "cliënt",
        "toezichthouders",
        "pgb",
        "Inspectie Gezondheidszorg en Jeugd",
        "meldcode huiselijk geweld",
    ]
    result = []
    for i in range(count):
        kind = i % 5
        if kind == 0:
            text = rng.choice(fixed)
        elif kind == 1 and codes:
            text = rng.choice(codes)
        else:
            text = " ".join(rng.sample(vocabulary, k=rng.randint(1, 6)))
        filters = {"soort": ["norm"]} if i % 7 == 0 else {}
        result.append((text, filters, i % 3 == 0))
    return result


def run_queries(items, users, writer=None, slow=None):
    """Figures of the queries; with a writer, one document written per ten searches.
    With `slow` (a dict), each query's slowest time is kept in it."""
    from search import service

    samples, cpu = [], []
    for number, (text, filters, signed_in) in enumerate(items):
        if writer is not None and number % 10 == 0:
            writer.stdin.write("w\n")
            writer.stdin.flush()
        user = users[1] if signed_in else users[0]
        start, start_cpu = time.perf_counter(), time.process_time()
        service.search(text, user, filters)
        elapsed = time.perf_counter() - start
        samples.append(elapsed)
        if slow is not None:
            key = (text, json.dumps(filters, sort_keys=True), signed_in)
            slow[key] = max(slow.get(key, 0.0), elapsed)
        cpu.append(time.process_time() - start_cpu)
    figures = summary(samples)
    # CPU time of this process per search: on a machine shared with other work the wall
    # clock also counts waiting for a core (SQLite's engine runs in this process; a
    # PostgreSQL server's time is not in it).
    cpu_figures = summary(cpu)
    figures["cpu_median_ms"] = cpu_figures["median_ms"]
    figures["cpu_p95_ms"] = cpu_figures["p95_ms"]
    return figures


def rounds(count, items, users, writer=None, slow=None):
    figures = [run_queries(items, users, writer, slow) for _round in range(count)]
    return {k: statistics.median(f[k] for f in figures) for k in figures[0]}


def writer_main():
    """The other process: writes one generated document for every line on stdin."""
    import django

    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    django.setup()
    from django.db import transaction

    from search.indexing import write_document

    rng = random.Random(7)
    sentences, titles, codes = corpus()
    documents = generate(10**6, 10**7, rng, sentences, titles, codes)
    written, spent = 0, 0.0
    for line in sys.stdin:
        if line.strip() != "w":
            break
        key, doc = next(documents)
        start = time.perf_counter()
        with transaction.atomic():
            write_document(key, doc)
        spent += time.perf_counter() - start
        written += 1
    print(json.dumps({"written": written, "write_ms": spent * 1000 / max(written, 1), "rss_mb": rss_mb()}), flush=True)


def start_writer():
    return subprocess.Popen(
        [sys.executable, __file__, "--writer"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
        cwd=str(BASE_DIR),
    )


def stop_writer(writer):
    writer.stdin.write("stop\n")
    writer.stdin.flush()
    out, _err = writer.communicate(timeout=600)
    return json.loads(out.strip().splitlines()[-1])


def line(name, figures):
    return (
        f"  {name:38}: mediaan {figures['median_ms']:6.1f} ms, "
        f"p95 {figures['p95_ms']:6.1f} ms (CPU van het proces: mediaan "
        f"{figures['cpu_median_ms']:.1f} ms, p95 {figures['cpu_p95_ms']:.1f} ms)"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--slowest", type=int, default=0, help="print the N slowest queries per size")
    parser.add_argument("--copy", default="benchmark-search", help="name of the database copy the benchmark works in")
    parser.add_argument("--writer", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.writer:
        writer_main()
        return
    sys.path.insert(0, str(BASE_DIR))
    setup_django(args.copy)

    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection, transaction

    from portal.models import User
    from search.indexing import bulk_write
    from search.models import SearchDocument

    settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "BACKEND": "database", "ELASTICSEARCH_URL": ""}
    rng = random.Random(20260101)
    sentences, titles, codes = corpus()
    real = SearchDocument.objects.count()
    users = [AnonymousUser(), User.objects.filter(is_superuser=False).first()]
    items = queries(rng, args.queries, titles, codes)
    print(f"Database: {connection.vendor}; echte documenten: {real}; zoekvragen: {len(items)}; rondes: {args.rounds}")
    generated = 0
    figures = {}
    for size in args.sizes:
        start = time.perf_counter()
        with transaction.atomic():
            bulk_write(generate(size - generated, generated, rng, sentences, titles, codes))
        build_db = time.perf_counter() - start
        generated = size
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        run_queries(items[:20], users)
        slow = {}
        alone = rounds(args.rounds, items, users, slow=slow)
        writer = start_writer()
        run_queries(items[:10], users, writer)
        writing = rounds(args.rounds, items, users, writer, slow)
        written = stop_writer(writer)
        figures[size] = {"alone": alone, "writing": writing}
        total = SearchDocument.objects.count()
        size_mb = database_size_mb(connection, settings.DATABASES["default"]["NAME"])
        print(f"\n== {size} gegenereerde + {real} echte documenten ({total} in de index na de schrijfronde)")
        print(f"  index bijgebouwd in {build_db:.1f} s (tot {size} gegenereerde documenten); database {size_mb:.0f} MB")
        print(line("(a) alleen zoeken", alone))
        print(line("(b) 1 document geschreven per 10 vragen", writing))
        print(
            f"  schrijver (ander proces): {written['written']} documenten, "
            f"{written['write_ms']:.1f} ms per document, geheugen {written['rss_mb']:.0f} MB"
        )
        print(f"  belasting van de machine (load average, 1 min): {os.getloadavg()[0]:.1f}")
        print(
            f"  geheugen zoekproces {rss_mb():.0f} MB "
            f"(piek {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)"
        )
        if args.slowest:
            print(f"  de {args.slowest} traagste zoekvragen (traagste keer, beide modi):")
            for (text, filters, signed_in), elapsed in sorted(slow.items(), key=lambda kv: -kv[1])[: args.slowest]:
                who = "ingelogd" if signed_in else "anoniem"
                print(f"    {elapsed * 1000:7.1f} ms  {text!r} {filters} {who}")
    if len(args.sizes) > 1:
        low, high = min(args.sizes), max(args.sizes)
        print(f"\nGroei van {low} naar {high} documenten:")
        for mode in ("alone", "writing"):
            a, b = figures[low][mode], figures[high][mode]
            print(f"  {mode:8}: p95 x{b['p95_ms'] / a['p95_ms']:.2f}, mediaan x{b['median_ms'] / a['median_ms']:.2f}")


if __name__ == "__main__":
    main()
