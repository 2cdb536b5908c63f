"""Server time of GraphQL requests: the examples of docs/api.md and the two alias attacks of
issue 8 (50 aliases of frameworks with their norms in ~5 KB; 50,000 `wetten` aliases in
1 MB), which the limits must refuse before execution.

    .venv/bin/python benchmarks/api.py [--repeat N]

Runs in-process through Django's test client on a copy of the seeded database, signed out.
Prints per request the median and p95, the status, the response size and the estimated cost.
"""

import argparse
import json

from common import setup_django, summary, timed

KADERS = (
    "toezichtkaders { id titel url uitgever versie geldigVanaf geldigTot "
    "normen { code titel url toetspunten waarom "
    "wettelijkeGrondslag { artikel lid sub url wet { naam afkorting } } "
    "toezichtkader { titel } } }"
)
ATTACK_NORMEN = "toezichtkaders {\n    normen {\n      code\n      titel\n      toetspunten\n    }\n  }"


def queries():
    alias_attack = "{ " + "\n".join(f"  k{i}: {ATTACK_NORMEN}" for i in range(50)) + " }"
    wetten_attack = "{" + "".join(f"w{i}:wetten{{naam}}" for i in range(50_000)) + "}"
    return {
        "docs/api.md: toezichtkaders met normen": "{ " + KADERS + " }",
        "een alias-blok (toezichtkaders, normen)": "{ " + ATTACK_NORMEN + " }",
        "docs/api.md: lijsten": (
            "{ begrippen { term definitie bron } toezichtsvormen { titel } "
            "handreikingen { titel url } publicaties { titel soort jaar "
            "gemeenten } wetten { naam afkorting url } "
            "gemeenten { code naam ggdRegio } }"
        ),
        "drie alias-blokken (binnen de kosten)": "{ " + "\n".join(f"  k{i}: {ATTACK_NORMEN}" for i in range(3)) + " }",
        "vier alias-blokken (boven de kosten)": "{ " + "\n".join(f"  k{i}: {ATTACK_NORMEN}" for i in range(4)) + " }",
        f"aanval: 50 aliassen, {len(alias_attack):,} bytes": alias_attack,
        f"aanval: 50.000 aliassen wetten, {len(wetten_attack):,} bytes": wetten_attack,
    }


def costliest_admitted(client):
    """The slowest document the limits admit for an anonymous visitor, as far as a greedy
    search finds it: each root field that needs no argument, with every field below it to the
    depth limit; for each, as many copies under aliases as the cost and alias limits allow, then
    the other blocks, slowest first, in what is left. The slowest of those is timed below: what
    a worker may have to answer at most, measured rather than estimated."""
    from django.conf import settings

    from graphql import GraphQLNonNull, parse

    from portal.graphql_limits import check_limits
    from portal.schema import schema
    from tests.graphql_selection import selection

    def admitted(blocks):
        return not check_limits(schema.graphql_schema, parse("{ " + "\n".join(blocks) + " }"))

    def median_ms(blocks):
        body = json.dumps({"query": "{ " + "\n".join(blocks) + " }"})
        return summary(timed(lambda: client.post("/graphql/", body, content_type="application/json"), 3))["median_ms"]

    def fill(chosen, block):
        while admitted([*chosen, f"a{len(chosen)}: {block}"]):
            chosen = [*chosen, f"a{len(chosen)}: {block}"]
        return chosen

    blocks = []
    for name, field in schema.graphql_schema.query_type.fields.items():
        if name.startswith("__") or any(isinstance(a.type, GraphQLNonNull) for a in field.args.values()):
            continue
        for depth in range(settings.GRAPHQL_MAX_DEPTH - 1, -1, -1):
            block = f"{name} {selection(field.type, max_depth=depth)}".strip()
            if admitted([block]):
                blocks.append((median_ms([block]), block))
                break
    blocks.sort(reverse=True)
    slowest, slowest_ms = [], 0.0
    for _ms, first in blocks:
        chosen = fill([], first)
        for _other_ms, other in blocks:
            chosen = fill(chosen, other)
        ms = median_ms(chosen)
        if ms > slowest_ms:
            slowest, slowest_ms = chosen, ms
    return "{ " + "\n".join(slowest) + " }", len(slowest)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    setup_django("benchmark-graphql")

    from django.test import Client

    from graphql import parse

    from portal.graphql_limits import measure_document
    from portal.schema import schema

    client = Client()
    cases = queries()
    worst, aliases = costliest_admitted(client)
    fields = sorted({line.split(":")[1].split()[0] for line in worst.strip("{} ").split("\n")})
    cases[f"de traagste toegelaten vraag ({aliases} aliassen van {', '.join(fields)}; {len(worst):,} bytes)"] = worst
    for name, query in cases.items():
        body = json.dumps({"query": query})
        responses = []

        def post(body=body, responses=responses):
            responses.append(client.post("/graphql/", body, content_type="application/json"))

        samples = timed(post, args.repeat)
        figures = summary(samples)
        response = responses[-1]
        try:
            cost = measure_document(schema.graphql_schema, parse(query))[0].cost
        except Exception:  # noqa: BLE001 - a document over the token limit has no cost
            cost = "-"
        message = response.json().get("errors", [{}])[0].get("message", "")
        print(
            f"{name}: median {figures['median_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms, "
            f"status {response.status_code}, {len(response.content):,} bytes, cost {cost}"
            + (f"\n    {message}" if message else "")
        )


if __name__ == "__main__":
    main()
