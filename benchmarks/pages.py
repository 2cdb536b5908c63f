"""Server time of the kennisbank's main pages against a trivial Django view, same run.

    .venv/bin/python benchmarks/pages.py [--requests 50] [--rounds 3]

Prints, per page: the median server time of N requests (median over rounds), the
requests per second, that throughput as a share of the trivial view's, and the number
of SQL queries; once rendered every time for a signed-in user (the page cache serves
anonymous visitors only) and once as an anonymous visitor gets it from the public page
cache (portal/pagecache.py). An information page and the kennisbank's filtered listing
are measured beside the kennisbank's own pages. Runs in-process through Django's test
client on a copy of the seeded database, so it measures the portal, not a network or a
web server.
"""

import argparse
import statistics

from common import setup_django, summary, timed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    setup_django()

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from kennisbank.models import NormPage, ToezichtkaderPage
    from portal.models import InformatiePage

    kader = ToezichtkaderPage.objects.get(slug="rotterdam-rijnmond-2025")
    norm = NormPage.objects.get(toezichtkader=kader, code="2.2.2")
    informatie = InformatiePage.objects.live().first()
    pages = [
        ("triviale Django-view", "/__trivial__/"),
        ("informatiepagina", informatie.url),
        ("kennisbank-index", "/kennisbank/"),
        ("kennisbank gefilterd", "/kennisbank/?wet=jeugdwet&domein=jeugd"),
        ("toezichtkader", kader.url),
        ("norm", norm.url),
    ]
    from django.core.cache import caches

    user = get_user_model().objects.create_user("benchmark", "benchmark@example.org")
    signed_in = Client()
    signed_in.force_login(user)
    for title, client in (
        ("Ingelogde gebruiker (zonder paginacache)", signed_in),
        ("Met paginacache (anonieme bezoeker)", Client()),
    ):
        caches["pages"].clear()
        results = {}
        with override_settings(ROOT_URLCONF="urls", DEBUG=False, PAGE_CACHE_SECONDS=300):
            for label, url in pages:
                assert client.get(url).status_code == 200, url
                rounds = [summary(timed(lambda u=url, c=client: c.get(u), args.requests)) for _ in range(args.rounds)]
                with CaptureQueriesContext(connection) as cached_queries:
                    client.get(url)
                results[label] = {
                    "median_ms": statistics.median(r["median_ms"] for r in rounds),
                    "p95_ms": statistics.median(r["p95_ms"] for r in rounds),
                    "rps": statistics.median(r["rps"] for r in rounds),
                    "queries": len(cached_queries.captured_queries),
                }
        base = results["triviale Django-view"]["rps"]
        print(f"\n{title}")
        print(f"{'pagina':<22}{'mediaan ms':>12}{'p95 ms':>10}{'req/s':>10}{'vs triviaal':>13}{'SQL':>6}")
        for label, row in results.items():
            print(
                f"{label:<22}{row['median_ms']:>12.2f}{row['p95_ms']:>10.2f}{row['rps']:>10.1f}"
                f"{row['rps'] / base:>12.0%}{row['queries']:>6}"
            )
    print(
        f"\n({args.requests} verzoeken per ronde, mediaan van {args.rounds} rondes; SQL = queries per herhaald verzoek)"
    )


if __name__ == "__main__":
    main()
