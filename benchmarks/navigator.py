"""Server time of the navigator over every municipality x situation, and of the overview
page per municipality.

    .venv/bin/python benchmarks/navigator.py [--gemeenten N]

Runs in-process through Django's test client on a copy of the seeded database (so it
measures the portal, not a network), signed out, with the page cache off so that every
request is computed. Prints the median and p95 per kind of request, and the number of SQL
queries of one request. Targets: navigator p95 under 20 ms, overview page under 100 ms.
"""

import argparse
import time

from common import setup_django, summary


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gemeenten", type=int, default=0, help="only the first N (0: all)")
    args = parser.parse_args()
    setup_django()

    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from portal.models import Gemeente
    from visual.models import OverzichtPage, Situatie

    codes = list(Gemeente.objects.values_list("cbs_code", flat=True))
    if args.gemeenten:
        codes = codes[:args.gemeenten]
    situaties = list(Situatie.objects.values_list("slug", flat=True))
    overzicht = OverzichtPage.objects.live().get().url
    client = Client()
    runs = {
        "navigator (gemeente x situatie)": [
            f"/wie-houdt-toezicht/?gemeente={c}&situatie={s}" for c in codes for s in situaties],
        "navigator (alleen gemeente)": [f"/wie-houdt-toezicht/?gemeente={c}" for c in codes],
        "overzichtspagina per gemeente": [f"{overzicht}?gemeente={c}" for c in codes],
    }
    with override_settings(ROOT_URLCONF="urls", DEBUG=False, PAGE_CACHE_SECONDS=0):
        print(f"{'verzoek':<34}{'aantal':>8}{'mediaan ms':>12}{'p95 ms':>10}{'max ms':>10}{'SQL':>6}")
        for label, urls in runs.items():
            client.get(urls[0])
            samples = []
            for url in urls:
                start = time.perf_counter()
                response = client.get(url)
                samples.append(time.perf_counter() - start)
                assert response.status_code == 200, url
            with CaptureQueriesContext(connection) as queries:
                client.get(urls[0])
            result = summary(samples)
            print(f"{label:<34}{len(urls):>8}{result['median_ms']:>12.2f}{result['p95_ms']:>10.2f}"
                  f"{max(samples) * 1000:>10.2f}{len(queries.captured_queries):>6}")
    print("\nDoelen: navigator p95 < 20 ms, overzichtspagina < 100 ms.")


if __name__ == "__main__":
    main()
