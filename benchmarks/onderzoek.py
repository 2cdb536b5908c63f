"""The supervisors' pages of issue 11 with a year of work in the portal.

    .venv/bin/python benchmarks/onderzoek.py [--repeat 30] [--rounds 3] [--quick] [--pagina "open aanbevelingen"]
    DATABASE_URL="postgres:///onderzoekbench?host=/var/run/postgresql" .venv/bin/python ...

Generates (bulk inserts, in a throwaway copy of the seeded database) 500 spaces with their
members and the guardian rows their roles grant, 1,000 investigations on the seeded 2025
framework with a few norms and findings each, 5,000 calamity and violence reports (their
terms computed by samenwerking.termijnen, as Melding.save does), and learnings with
recommendations and their follow-up per organisation. One investigation judges all 29 provider
norms for 10 providers (290 findings). The benchmark user coordinates 25 spaces, in which
reports are nearly due and overdue and recommendations are open.

Measures, through the test client and the URL names of the issue: the findings matrix of the
large investigation, "Mijn samenwerking" with its due items, the open recommendations overview
and the year report of the benchmark user's organisation. Prints per page the median and p95
and the same of this process's processor time (median over rounds), the SQL queries of one
request and its target, and the machine's load average; a page whose URL name
does not resolve yet prints "ontbreekt", one that answers otherwise than 200 prints its status.
Asserts nothing.
"""

import argparse
import random
import statistics
import time
from datetime import date, timedelta

from common import setup_django, summary

FULL = {"spaces": 500, "investigations": 1000, "reports": 5000, "learnings": 1500, "providers": 400}
QUICK = {"spaces": 30, "investigations": 40, "reports": 120, "learnings": 40, "providers": 20}
BENCH_SPACES = 25
MATRIX_PROVIDERS = 10
# name, URL name, arguments (filled in from the dataset), target in ms.
PAGES = [
    ("bevindingenmatrix", "samenwerking:onderzoek_matrix", "matrix", 100),
    ("Mijn samenwerking", "samenwerking:overzicht", None, 100),
    ("open aanbevelingen", "samenwerking:aanbevelingen", None, 100),
    ("jaarrapportage", "samenwerking:jaarrapportage", "jaar", 2000),
]


def parse():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small dataset, for a quick look or a smoke test")
    for key in FULL:
        parser.add_argument(f"--{key}", type=int)
    parser.add_argument("--repeat", type=int, default=30, help="requests per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--pagina",
        action="append",
        choices=[label for label, *_rest in PAGES],
        help="measure only this page (repeatable); all pages by default",
    )
    args = parser.parse_args()
    sizes = dict(QUICK if args.quick else FULL)
    for key in sizes:
        if getattr(args, key) is not None:
            sizes[key] = getattr(args, key)
    if sizes["spaces"] < BENCH_SPACES or sizes["providers"] < MATRIX_PROVIDERS:
        parser.error(f"Minstens {BENCH_SPACES} ruimtes en {MATRIX_PROVIDERS} aanbieders nodig.")
    return args, sizes


def bulk(model, objects):
    return model.objects.bulk_create(objects, batch_size=2000)


def _memberships(spaces, population, bench_user, rng):
    from django.contrib.auth.models import Permission

    from samenwerking.models import Lidmaatschap, SamenwerkingsruimteUserObjectPermission
    from samenwerking.models.ruimte import PERMISSIONS_BY_ROLE

    Rol = Lidmaatschap.Rol
    permission = {p.codename: p for p in Permission.objects.filter(content_type__app_label="samenwerking")}
    memberships = []
    for space in spaces:
        for n, user in enumerate(rng.sample(population, k=min(len(population), rng.randint(3, 7)))):
            rol = Rol.COORDINATOR if n == 0 else rng.choice([Rol.DEELNEMER, Rol.MEELEZER])
            memberships.append(Lidmaatschap(ruimte=space, gebruiker=user, rol=rol))
    for space in spaces[:BENCH_SPACES]:
        memberships.append(Lidmaatschap(ruimte=space, gebruiker=bench_user, rol=Rol.COORDINATOR))
    bulk(Lidmaatschap, memberships)
    bulk(
        SamenwerkingsruimteUserObjectPermission,
        [
            SamenwerkingsruimteUserObjectPermission(content_object=m.ruimte, user=m.gebruiker, permission=permission[c])
            for m in memberships
            for c in PERMISSIONS_BY_ROLE[m.rol]
        ],
    )


def generate(sizes, rng):
    """The dataset; returns the benchmark user, the large investigation and its organisation."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import transaction

    from kennisbank.models import KaderOnderdeelPage, NormPage, ToezichtkaderPage, ToezichtsvormPage
    from portal.models import Gemeente, Organisatie, User
    from portal.roles import TOEZICHTHOUDER
    from samenwerking import termijnen
    from samenwerking.models import (
        Aanbeveling,
        Aanbieder,
        Bevinding,
        Leerpunt,
        Melding,
        Onderzoek,
        OnderzoekNorm,
        Opvolging,
        Samenwerkingsruimte,
    )

    kader = ToezichtkaderPage.objects.get(slug="rotterdam-rijnmond-2025")
    deel = KaderOnderdeelPage.objects.child_of(kader).order_by("path").first()
    normen = list(NormPage.objects.descendant_of(deel).order_by("path"))
    vormen = list(ToezichtsvormPage.objects.all())
    gemeenten = list(Gemeente.objects.all()[:40])
    organisaties = list(Organisatie.objects.filter(soort__in=["regionale_toezichthouder", "rijksinspectie"]))
    ggd = Organisatie.objects.get(naam="Toezicht Wmo GGD Rotterdam-Rijnmond")
    vandaag = date.today()
    with transaction.atomic():
        password = make_password(None)
        population = bulk(
            User,
            [
                User(
                    email=f"toezicht{i}@benchmark.example.org",
                    username=f"toezicht{i}@benchmark.example.org",
                    password=password,
                    organisatie=rng.choice(organisaties),
                )
                for i in range(max(20, sizes["spaces"] // 5))
            ],
        )
        bench_user = User.objects.create_user(
            email="coordinator@benchmark.example.org", password=None, organisatie=ggd, first_name="Bench"
        )
        groep = Group.objects.get(name=TOEZICHTHOUDER)
        members = [*population, bench_user]
        bulk(User.groups.through, [User.groups.through(user_id=u.pk, group_id=groep.pk) for u in members])
        spaces = bulk(
            Samenwerkingsruimte,
            [
                Samenwerkingsruimte(titel=f"Toezichtruimte {i}", doel="Benchmark", soort="gezamenlijk_onderzoek")
                for i in range(sizes["spaces"])
            ],
        )
        _memberships(spaces, population, bench_user, rng)
        aanbieders = bulk(
            Aanbieder, [Aanbieder(naam=f"Benchmarkaanbieder {i}", fictief=True) for i in range(sizes["providers"])]
        )
        onderzoeken = bulk(
            Onderzoek,
            [
                Onderzoek(
                    ruimte=rng.choice(spaces),
                    titel=f"Onderzoek {i}",
                    toezichtsvorm=rng.choice(vormen),
                    kader=kader,
                    coordinerende_organisatie=rng.choice(organisaties),
                    status=rng.choice(Onderzoek.Status.values),
                    werkelijk_begin=vandaag - timedelta(days=rng.randint(0, 360)),
                    fictief=True,
                )
                for i in range(sizes["investigations"])
            ],
        )
        groot = onderzoeken[0]
        groot.ruimte = spaces[0]
        groot.coordinerende_organisatie = ggd
        groot.save(update_fields=["ruimte", "coordinerende_organisatie"])
        toetsnormen, bevindingen, koppelingen = [], [], []
        onderzoek_aanbieders = Onderzoek.aanbieders.through
        for onderzoek in onderzoeken:
            gekozen = normen if onderzoek is groot else rng.sample(normen, k=3)
            providers = aanbieders[:MATRIX_PROVIDERS] if onderzoek is groot else rng.sample(aanbieders, k=2)
            koppelingen += [onderzoek_aanbieders(onderzoek=onderzoek, aanbieder=a) for a in providers]
            toetsnormen += [OnderzoekNorm(onderzoek=onderzoek, norm=n, volgorde=v) for v, n in enumerate(gekozen)]
            bevindingen += [
                Bevinding(
                    onderzoek=onderzoek,
                    norm=n,
                    aanbieder=a,
                    oordeel=rng.choice(Bevinding.Oordeel.values),
                    toelichting="Benchmark: toelichting bij het oordeel.",
                )
                for n in gekozen
                for a in providers
            ]
        bulk(onderzoek_aanbieders, koppelingen)
        bulk(OnderzoekNorm, toetsnormen)
        bulk(Bevinding, bevindingen)
        meldingen = []
        calamiteit = termijnen.calamiteitstermijnen()
        for i in range(sizes["reports"]):
            # The benchmark user's spaces get recent reports, so their terms are near or past.
            space = spaces[i % BENCH_SPACES] if i % 10 == 0 else rng.choice(spaces)
            gemeld = vandaag - timedelta(days=rng.randint(0, 360) if i % 10 else rng.randint(40, 70))
            gebeurtenis = gemeld - timedelta(days=rng.randint(0, 6))
            meldingen.append(
                Melding(
                    ruimte=space,
                    soort=rng.choice(Melding.Soort.values),
                    aanbieder=rng.choice(aanbieders),
                    coordinerende_organisatie=ggd if space in spaces[:BENCH_SPACES] else rng.choice(organisaties),
                    datum_gebeurtenis=gebeurtenis,
                    datum_gemeld=gemeld,
                    tijdig_gemeld=termijnen.binnen_werkdagen(gebeurtenis, gemeld, calamiteit.melden_werkdagen),
                    meldtermijn_werkdagen=calamiteit.melden_werkdagen,
                    zelfonderzoek_uiterlijk=termijnen.zelfonderzoek_uiterlijk(gemeld, calamiteit.zelfonderzoek_weken),
                    samenvatting="Benchmark: vertrouwelijke samenvatting.",
                    status=rng.choice(Melding.Status.values),
                    fictief=True,
                )
            )
        meldingen = bulk(Melding, meldingen)
        melding_gemeenten = Melding.gemeenten.through
        bulk(melding_gemeenten, [melding_gemeenten(melding=m, gemeente=rng.choice(gemeenten)) for m in meldingen])
        leerpunten = bulk(
            Leerpunt,
            [
                Leerpunt(
                    ruimte=spaces[i % BENCH_SPACES] if i % 5 == 0 else rng.choice(spaces),
                    titel=f"Leerpunt {i}",
                    tekst="Benchmark: leg bij het afschalen vast wie de regie houdt.",
                    melding=rng.choice(meldingen) if i % 2 else None,
                    onderzoek=None if i % 2 else rng.choice(onderzoeken),
                    reikwijdte=rng.choice(["ruimte", "ruimte", "toezichthouders"]),
                    fictief=True,
                )
                for i in range(sizes["learnings"])
            ],
        )
        leerpunt_gemeenten = Leerpunt.gemeenten.through
        bulk(leerpunt_gemeenten, [leerpunt_gemeenten(leerpunt=lp, gemeente=rng.choice(gemeenten)) for lp in leerpunten])
        via = Leerpunt.aanbieders.through
        bulk(via, [via(leerpunt=lp, aanbieder=rng.choice(aanbieders)) for lp in leerpunten])
        aanbevelingen = bulk(
            Aanbeveling,
            [Aanbeveling(leerpunt=lp, tekst=f"Aanbeveling {n}") for lp in leerpunten for n in range(rng.randint(1, 3))],
        )
        bulk(
            Opvolging,
            [
                Opvolging(
                    aanbeveling=a,
                    organisatie=org,
                    status=rng.choice(Opvolging.Status.values),
                    datum=vandaag - timedelta(days=rng.randint(0, 200)),
                )
                for a in aanbevelingen
                for org in rng.sample(organisaties, k=min(2, len(organisaties)))
            ],
        )
    return bench_user, groot, ggd


def measure(call, repeat, rounds):
    """Median and p95 of the wall-clock and of this process's processor time per request (the
    median over rounds), and the queries of one request. On a shared machine the wall clock
    includes the wait for a core; the processor time does not."""
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


def load():
    """The machine's load average (1, 5, 15 minutes), printed with the figures."""
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "onbekend"


def url_for(name, kind, groot, organisatie):
    """The page's URL, or None while its URL name does not resolve (not merged yet)."""
    from django.urls import NoReverseMatch, reverse

    try:
        if kind == "matrix":
            return reverse(name, args=[groot.ruimte_id, groot.pk])
        url = reverse(name)
    except NoReverseMatch:
        return None
    if kind == "jaar":
        url += f"?organisatie={organisatie.pk}&jaar={date.today().year}"
    return url


def run(args, sizes):
    from django.db import connection
    from django.test import Client, override_settings

    from samenwerking.models import Aanbeveling, Bevinding, Leerpunt, Melding, Onderzoek, Samenwerkingsruimte

    rng = random.Random(args.seed)
    started = time.perf_counter()
    bench_user, groot, organisatie = generate(sizes, rng)
    generated = time.perf_counter() - started
    print(
        f"{connection.vendor}: {Samenwerkingsruimte.objects.count()} ruimtes, {Onderzoek.objects.count()} onderzoeken, "
        f"{Bevinding.objects.count()} bevindingen, {Melding.objects.count()} meldingen, "
        f"{Leerpunt.objects.count()} leerpunten, {Aanbeveling.objects.count()} aanbevelingen; "
        f"gegenereerd in {generated:.1f} s"
    )
    print(
        f"bevindingenmatrix: {groot.toetsnormen.count()} normen x {groot.aanbieders.count()} aanbieders; "
        f"de gebruiker coördineert {BENCH_SPACES} ruimtes, "
        f"{Melding.objects.viewable_by_user(bench_user).open().count()} open meldingen daarin"
    )
    client = Client()
    client.force_login(bench_user)
    print(f"belasting van de machine (loadavg) bij de start: {load()}")
    print(
        f"\n{'pagina':<20}{'mediaan ms':>12}{'p95 ms':>10}{'cpu mediaan':>13}{'cpu p95':>9}{'SQL':>6}{'doel ms':>9}  "
    )
    with override_settings(DEBUG=False):
        for label, name, kind, target in PAGES:
            if args.pagina and label not in args.pagina:
                continue
            url = url_for(name, kind, groot, organisatie)
            if url is None:
                print(f"{label:<20}{'ontbreekt':>12}  ({name} bestaat nog niet)")
                continue
            status = client.get(url).status_code
            if status != 200:
                print(f"{label:<20}{'status ' + str(status):>12}  ({url})")
                continue
            row = measure(lambda url=url: client.get(url), args.repeat, args.rounds)
            verdict = "binnen doel" if row["p95_ms"] < target else "BOVEN DOEL"
            print(
                f"{label:<20}{row['median_ms']:>12.2f}{row['p95_ms']:>10.2f}{row['cpu_median_ms']:>13.2f}"
                f"{row['cpu_p95_ms']:>9.2f}{row['queries']:>6}{target:>9}  {verdict}"
            )
    print(
        f"\n({args.repeat} verzoeken per ronde, mediaan van {args.rounds} rondes; SQL = queries van één verzoek; "
        "cpu = processortijd van dit proces, zonder het wachten op een kern; het doel geldt de p95; "
        f"loadavg aan het eind: {load()})"
    )


def main():
    args, sizes = parse()
    setup_django("benchmark-onderzoek")
    run(args, sizes)


if __name__ == "__main__":
    main()
