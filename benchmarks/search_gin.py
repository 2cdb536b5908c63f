"""PostgreSQL only: what the GIN pending list costs the search, and what each setting costs a write.

    DATABASE_URL="postgres:///toezicht?host=/var/run/postgresql" .venv/bin/python benchmarks/search_gin.py

Builds 20,000 generated documents (as benchmarks/search.py does), then for each setting of
the search's two GIN indexes writes documents one at a time (as the spaces do, each in its
own transaction) and runs the same searches after them:

- the PostgreSQL default (pending list up to 4 MB): the list fills with the writes, and a
  search reads all of it;
- the portal's setting (search/migrations/0010): a pending list of at most 64 kB;
- no pending list (`fastupdate = off`).

The default is also measured once its list is emptied (`gin_clean_pending_list`), the state
right after a vacuum: the baseline of the run. Prints the median and p95 of the searches and
the median write time per setting, and the ratios against the baseline; asserts nothing.
"""

import argparse
import importlib.util
import random
import time
from pathlib import Path

from common import setup_django, summary

INDEXES = ("search_document_zoekvector", "search_document_titelvector")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=20000)
    parser.add_argument("--writes", type=int, default=1500, help="documents written per setting")
    parser.add_argument("--queries", type=int, default=150)
    args = parser.parse_args()
    setup_django("benchmark-search-gin")

    from django.contrib.auth.models import AnonymousUser
    from django.db import connection, transaction

    from search import service
    from search.indexing import bulk_write, write_document

    if connection.vendor != "postgresql":
        raise SystemExit("Alleen voor PostgreSQL: zet DATABASE_URL op een PostgreSQL-database.")
    # benchmarks/search.py, by path: on sys.path its name is the search app's.
    spec = importlib.util.spec_from_file_location("benchmark_search", Path(__file__).with_name("search.py"))
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    corpus, generate, queries = bench.corpus, bench.generate, bench.queries

    rng = random.Random(20261202)
    sentences, titles, codes = corpus()
    with transaction.atomic():
        bulk_write(generate(args.documents, 0, rng, sentences, titles, codes))

    def execute(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)

    execute("VACUUM ANALYZE search_searchdocument")
    items = queries(rng, args.queries, titles, codes)
    user = AnonymousUser()
    documents = generate(10**6, 10**7, rng, sentences, titles, codes)

    def searches():
        samples = []
        for text, filters, _signed_in in items:
            start = time.perf_counter()
            service.search(text, user, filters)
            samples.append(time.perf_counter() - start)
        return summary(samples)

    def writes(count):
        samples = []
        for _ in range(count):
            key, doc = next(documents)
            start = time.perf_counter()
            with transaction.atomic():
                write_document(key, doc)
            samples.append(time.perf_counter() - start)
        return summary(samples)

    settings = {
        "standaard (4 MB)": ["RESET (gin_pending_list_limit)", "SET (fastupdate = on)"],
        "portaal (64 kB)": ["SET (gin_pending_list_limit = 64)", "SET (fastupdate = on)"],
        "geen lijst (fastupdate off)": ["SET (fastupdate = off)"],
    }
    rows = []
    searches()
    for label, statements in settings.items():
        for index in INDEXES:
            for statement in statements:
                execute(f"ALTER INDEX {index} {statement}")
            execute(f"SELECT gin_clean_pending_list('{index}'::regclass)")
        written = writes(args.writes)
        rows.append((label, searches(), written))
        if label.startswith("standaard"):
            for index in INDEXES:
                execute(f"SELECT gin_clean_pending_list('{index}'::regclass)")
            rows.append(("standaard, lijst geleegd (basis)", searches(), None))
    base = next(r for r in rows if "basis" in r[0])[1]
    print(f"{args.documents} documenten; {args.writes} schrijfacties per instelling; {args.queries} zoekvragen")
    print(f"{'instelling':<36}{'zoeken mediaan':>16}{'p95':>9}{'x basis p95':>13}{'schrijven mediaan':>19}")
    for label, found, written in rows:
        write = f"{written['median_ms']:.1f} ms" if written else "-"
        print(
            f"{label:<36}{found['median_ms']:>13.1f} ms{found['p95_ms']:>6.1f} ms"
            f"{found['p95_ms'] / base['p95_ms']:>13.2f}{write:>19}"
        )


if __name__ == "__main__":
    main()
