"""Search latency, index build time and memory, at 2,000 and 20,000 generated documents.

    .venv/bin/python benchmarks/search.py [--queries 200] [--sizes 2000 20000]

Generates documents in the style of the seed content (sentences of the real kennisbank,
norm codes, laws, organisations, years, a share of them restricted to a group) beside the
real content, then runs the same mixed queries (one to six words, codes, abbreviations,
with and without a facet filter, anonymous and signed in) on every available backend: the
database backend, and Elasticsearch through the osmem stand-in when it is installed (an
in-memory test server, so its figures say little about a real cluster). Prints figures;
asserts nothing.
"""

import argparse
import os
import random
import re
import resource
import statistics
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
        sentences += [s.strip() for s in re.split(r"(?<=[.!?;])\s+|\n", doc.tekst)
                      if len(s.split()) > 4]
        titles.append(doc.titel)
        if any(c.isdigit() for c in doc.code):
            codes.append(doc.code)
    return sentences, titles, codes


def generate(n, start, rng, sentences, titles, codes):
    from search.registry import IndexDocument, organisation

    soorten = [("norm", "Norm"), ("handreiking", "Handreiking"), ("publicatie", "Publicatie"),
               ("kennisbron", "Kennisbron"), ("onderdeel", "Onderdeel")]
    wetten = [("wmo-2015", "Wmo 2015"), ("jeugdwet", "Jeugdwet"), ("awb", "Awb"),
              ("woo", "Woo"), ("participatiewet", "Participatiewet")]
    organisaties = ["Toezicht Wmo GGD Rotterdam-Rijnmond", "Toezicht Sociaal Domein (TSD)",
                    "Inspectie Gezondheidszorg en Jeugd (IGJ)", "Gemeente Utrecht",
                    "Vereniging van Nederlandse Gemeenten"]
    for i in range(start, start + n):
        soort, label = rng.choice(soorten)
        code = f"{rng.randint(1, 9)}.{rng.randint(1, 9)}.{rng.randint(1, 20)}" if (
            soort == "norm") else ""
        principals = ["public"] if rng.random() < 0.85 else [f"groep:{rng.randint(1, 5)}"]
        yield f"bench:{i}", IndexDocument(
            soort=soort, soort_label=label, titel=f"{rng.choice(titles)} ({i})", url=f"/b/{i}/",
            tekst="\n".join(rng.sample(sentences, k=min(len(sentences), rng.randint(3, 12)))),
            code=code, context=rng.choice(organisaties), principals=principals,
            facetten={"wet": rng.sample(wetten, k=rng.randint(0, 2)),
                      "organisatie": organisation(rng.choice(organisaties))},
            jaar=rng.choice([2016, 2017, 2020, 2023, 2025]),
        )


def queries(rng, count, titles, codes):
    from search.analysis import STOPWORDS, words

    vocabulary = sorted({w for t in titles for w in words(t) if w.isalpha() and len(w) > 3
                         and w not in STOPWORDS})
    fixed = ["IGJ", "Wmo", "calamiteiten melden", "cliënt", "toezichthouders", "pgb",
             "Inspectie Gezondheidszorg en Jeugd", "meldcode huiselijk geweld"]
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


def run_queries(items, users, cold=False):
    """Figures of the queries; cold: each as the first search after the index changed, when
    the database backend reads everything it needs from the tables."""
    from search import service, snapshot

    samples = []
    for text, filters, signed_in in items:
        user = users[1] if signed_in else users[0]
        if cold:
            snapshot.forget()
        start = time.perf_counter()
        service.search(text, user, filters)
        samples.append(time.perf_counter() - start)
    return summary(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    args = parser.parse_args()
    sys.path.insert(0, str(BASE_DIR))
    setup_django("benchmark-search")

    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection, transaction

    from portal.models import User
    from search import engine
    from search.indexing import bulk_write
    from search.models import SearchDocument

    rng = random.Random(20260101)
    sentences, titles, codes = corpus()
    real = SearchDocument.objects.count()
    users = [AnonymousUser(), User.objects.filter(is_superuser=False).first()]
    items = queries(rng, args.queries, titles, codes)
    server = None
    try:
        from osmem_server import OsmemServer

        server = OsmemServer.start(freeze=False, japanese=False)
    except Exception as exc:  # noqa: BLE001 - the benchmark reports what it could measure
        print(f"Elasticsearch (osmem) niet beschikbaar: {exc}")

    print(f"Database: {connection.vendor}; echte documenten: {real}; zoekvragen: {len(items)}")
    generated = 0
    figures = {}
    for size in args.sizes:
        start = time.perf_counter()
        with transaction.atomic():
            bulk_write(generate(size - generated, generated, rng, sentences, titles, codes))
        build_db = time.perf_counter() - start
        generated = size
        total = SearchDocument.objects.count()
        settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "BACKEND": "database",
                                  "ELASTICSEARCH_URL": ""}
        cold = run_queries(items[:60], users, cold=True)
        run_queries(items[:20], users)
        first = run_queries(items, users)
        again = [run_queries(items, users) for _round in range(3)]
        repeated = {k: statistics.median(r[k] for r in again) for k in again[0]}
        figures.setdefault("database", {})[size] = first
        size_mb = database_size_mb(connection, settings.DATABASES["default"]["NAME"])
        print(f"\n== {size} gegenereerde + {real} echte documenten ({total} in de index)")
        print(f"database   : index bijgebouwd in {build_db:.1f} s; "
              f"databasebestand {size_mb:.0f} MB; geheugen proces {rss_mb():.0f} MB "
              f"(piek {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")
        print(f"  200 vragen, eerste keer  : mediaan {first['median_ms']:.1f} ms, "
              f"p95 {first['p95_ms']:.1f} ms")
        print(f"  dezelfde vragen, 3 rondes: mediaan {repeated['median_ms']:.1f} ms, "
              f"p95 {repeated['p95_ms']:.1f} ms (mediaan van de rondes)")
        print(f"  koud (eerste zoekvraag na een wijziging, 60 vragen): mediaan "
              f"{cold['median_ms']:.1f} ms, p95 {cold['p95_ms']:.1f} ms")
        if server is not None:
            settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "BACKEND": "elasticsearch",
                                      "ELASTICSEARCH_URL": server.url,
                                      "ELASTICSEARCH_INDEX": f"bench-{size}"}
            es = engine.engine()
            start = time.perf_counter()
            es.rebuild()
            build_es = time.perf_counter() - start
            run_queries(items[:20], users)
            es_figures = run_queries(items, users)
            figures.setdefault("osmem", {})[size] = es_figures
            print(f"osmem (ES) : index gebouwd in {build_es:.1f} s; "
                  f"mediaan {es_figures['median_ms']:.1f} ms, p95 {es_figures['p95_ms']:.1f} ms;"
                  f" geheugen osmem {rss_mb(server.pid):.0f} MB")
            es.client.indices.delete(index=es.index_name, ignore_unavailable=True)
    if server is not None:
        server.close()
    if len(args.sizes) > 1:
        low, high = min(args.sizes), max(args.sizes)
        print(f"\nGroei van {low} naar {high} documenten (p95 en mediaan, eerste keer):")
        for name, by_size in figures.items():
            print(f"  {name:9}: p95 x{by_size[high]['p95_ms'] / by_size[low]['p95_ms']:.2f}, "
                  f"mediaan x{by_size[high]['median_ms'] / by_size[low]['median_ms']:.2f}")


if __name__ == "__main__":
    main()
