"""Server time of the navigator over every municipality x situation, and of the overview
page per municipality.

    .venv/bin/python benchmarks/navigator.py [--gemeenten N]

Runs in-process through Django's test client on a copy of the seeded database (so it
measures the portal, not a network), signed out, with the page cache off so that every
request is computed. Prints the median and p95 per kind of request, the median as a multiple
of a trivial Django view's measured in the same run, and the number of SQL queries of one
request; and the navigator "cold": the first request after a change to the reference data,
which each process then reads again (visual/gegevens.py). Targets: navigator p95 under
20 ms, overview page (per municipality and the national picture) under 100 ms.
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

    from portal import versies
    from portal.models import Gemeente
    from visual.gegevens import VERSIE
    from visual.models import OverzichtPage, Situatie

    codes = list(Gemeente.objects.values_list("cbs_code", flat=True))
    if args.gemeenten:
        codes = codes[: args.gemeenten]
    situaties = list(Situatie.objects.values_list("slug", flat=True))
    overzicht = OverzichtPage.objects.live().get().url
    client = Client()
    runs = {
        "triviale Django-view (basis)": ["/__trivial__/"] * 500,
        "navigator (gemeente x situatie)": [
            f"/wie-houdt-toezicht/?gemeente={c}&situatie={s}" for c in codes for s in situaties
        ],
        "navigator (alleen gemeente)": [f"/wie-houdt-toezicht/?gemeente={c}" for c in codes],
        "navigator, koud (na een wijziging)": [
            f"/wie-houdt-toezicht/?gemeente={c}&situatie={s}" for c in codes[:20] for s in situaties[:3]
        ],
        "overzichtspagina per gemeente": [f"{overzicht}?gemeente={c}" for c in codes],
        "overzichtspagina, heel Nederland": [overzicht] * 200,
    }
    with override_settings(ROOT_URLCONF="urls", DEBUG=False, PAGE_CACHE_SECONDS=0):
        print(f"{'verzoek':<36}{'aantal':>7}{'mediaan ms':>12}{'p95 ms':>9}{'max ms':>9}{'x basis':>9}{'SQL':>5}")
        base = None
        for label, urls in runs.items():
            cold = "koud" in label
            client.get(urls[0])
            samples = []
            for url in urls:
                if cold:
                    # What the first request after an edit pays: reading the remits again.
                    versies.vernieuw(VERSIE)
                start = time.perf_counter()
                response = client.get(url)
                samples.append(time.perf_counter() - start)
                assert response.status_code == 200, url
            with CaptureQueriesContext(connection) as queries:
                client.get(urls[0])
            result = summary(samples)
            base = base or result["median_ms"]
            print(
                f"{label:<36}{len(urls):>7}{result['median_ms']:>12.2f}{result['p95_ms']:>9.2f}"
                f"{max(samples) * 1000:>9.2f}{result['median_ms'] / base:>9.0f}"
                f"{len(queries.captured_queries):>5}"
            )
    print("\nDoelen: navigator p95 < 20 ms, overzichtspagina < 100 ms.")


if __name__ == "__main__":
    main()
