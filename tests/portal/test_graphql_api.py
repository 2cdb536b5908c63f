"""The GraphQL endpoint as a client meets it: graphql-core's standard validation, the limits
before execution, Dutch messages for every error, and links from the configured base URL."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from django.test import Client, override_settings

import pytest

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[2] / "docs"
NORMEN_BLOK = "toezichtkaders { normen { code titel toetspunten } }"


def post(body, content_type="application/json", client=None):
    client = client or Client()
    if not isinstance(body, bytes | str):
        body = json.dumps(body)
    return client.post("/graphql/", body, content_type=content_type)


def messages(response):
    return [error["message"] for error in response.json()["errors"]]


def aliases(count, selection):
    return "{ " + " ".join(f"a{i}: {selection}" for i in range(count)) + " }"


# graphql-core's standard rules, which the depth limit once replaced.
@pytest.mark.parametrize(
    "query, message",
    [
        ("{ bestaatNiet }", "Het veld 'bestaatNiet' bestaat niet op type 'Query'."),
        ("{ wetten { naam bestaatNiet } }", "Het veld 'bestaatNiet' bestaat niet op type 'Wet'."),
        ("{ wetten(soort: 1) { naam } }", "Onbekend argument 'soort' bij veld 'Query.wetten'."),
        (
            "{ wetten { naam: afkorting naam } }",
            "Velden met de naam 'naam' botsen: 'afkorting' en 'naam' zijn verschillende velden. "
            "Geef ze verschillende aliassen.",
        ),
        ("{ norm { code } }", "Bij veld 'norm' is argument 'code' (type 'String!') verplicht, maar het ontbreekt."),
        (
            "{ wetten }",
            "Veld 'wetten' (type '[Wet!]!') vraagt om onderliggende velden tussen { }. Bedoelde u 'wetten { ... }'?",
        ),
        ("{ wetten { naam { x } } }", "Veld 'naam' heeft geen onderliggende velden (type 'String!'); laat { … } weg."),
        (
            "fragment A on Toezichtkader { opvolger { ...B } } "
            "fragment B on Toezichtkader { opvolger { ...A } } { toezichtkaders { ...A } }",
            "Fragment 'A' verwijst via 'B' naar zichzelf.",
        ),
        ("fragment A on Toezichtkader { ...A } { toezichtkaders { ...A } }", "Fragment 'A' verwijst naar zichzelf."),
        ("{ wetten { ...X } }", "Onbekend fragment 'X'."),
        ("query($x: String) { wetten { naam } }", "Variabele '$x' wordt niet gebruikt."),
        ("{ norm(code: $y) { code } }", "Variabele '$y' is niet gedeclareerd."),
        ("mutation { x }", "Het veld 'x' bestaat niet op type 'Mutation'."),
        (
            "query A { wetten { naam } } query B { wetten { naam } }",
            "De vraag bevat meer operaties: geef operationName op.",
        ),
        # Arguments of the wrong type: graphql-core refuses them before a resolver runs.
        ("{ norm(code: 12) { code } }", "Een tekst (String) wordt verwacht, niet 12."),
        ("{ toezichtkader(id: 1.5) { titel } }", "Een id (tekst of geheel getal) wordt verwacht, niet 1.5."),
        ('{ zoeken(zoekterm: "wmo", eerste: "x") { totaal } }', 'Een geheel getal (Int) wordt verwacht, niet "x".'),
        (
            '{ zoeken(zoekterm: "wmo", eerste: 99999999999) { totaal } }',
            "Het getal 99999999999 is te groot of te klein (Int, 32 bits).",
        ),
        (
            '{ zoeken(zoekterm: "wmo", filters: {bla: ["x"]}) { totaal } }',
            "Veld 'bla' bestaat niet in type 'ZoekFilters'.",
        ),
        ('{ toezichthouders(actueel: "ja") { naam } }', 'true of false (Boolean) wordt verwacht, niet "ja".'),
        # Syntax errors, with where they are.
        (
            "{ toezichtkaders { titel ",
            "Syntaxisfout in de vraag (regel 1, kolom 26). Een naam verwacht, maar het einde van de vraag gevonden.",
        ),
        ("{ wetten { naam } } }", "Syntaxisfout in de vraag (regel 1, kolom 21). Onverwacht: '}'."),
        (
            '{ wetten { naam "',
            "Syntaxisfout in de vraag (regel 1, kolom 18). Een tekst tussen aanhalingstekens is niet afgesloten.",
        ),
        ("{ wetten { naam % } }", "Syntaxisfout in de vraag (regel 1, kolom 17). Onverwacht teken '%'."),
    ],
)
def test_invalid_documents_are_refused_in_dutch(seeded, query, message):
    response = post({"query": query})
    assert response.status_code == 400
    assert messages(response)[0] == message
    assert "data" not in response.json()


@pytest.mark.parametrize(
    "query, variables, message",
    [
        (
            "query($x: String!) { norm(code: $x) { code } }",
            {},
            "Variabele '$x' (type 'String!') is verplicht, maar ontbreekt.",
        ),
        (
            "query($x: String!) { norm(code: $x) { code } }",
            {"x": 12},
            "Variabele '$x' heeft een ongeldige waarde 12: Een tekst (String) wordt verwacht, niet 12.",
        ),
        (
            "query($x: String!) { norm(code: $x) { code } }",
            {"x": None},
            "Variabele '$x' (type 'String!') mag niet leeg (null) zijn.",
        ),
        (
            'query($x: Int) { zoeken(zoekterm: "a", eerste: $x) { totaal } }',
            {"x": "a"},
            "Variabele '$x' heeft een ongeldige waarde 'a': Een geheel getal (Int) wordt verwacht, niet 'a'.",
        ),
        (
            'query($f: ZoekFilters) { zoeken(zoekterm: "a", filters: $f) { totaal } }',
            {"f": {"jaar": ["x"]}},
            "Variabele '$f' heeft een ongeldige waarde 'x' bij 'f.jaar[0]': Een geheel getal (Int) "
            "wordt verwacht, niet 'x'.",
        ),
        (
            'query($f: ZoekFilters) { zoeken(zoekterm: "a", filters: $f) { totaal } }',
            {"f": "x"},
            "Variabele '$f' heeft een ongeldige waarde 'x': Type 'ZoekFilters' verwacht een object { … }.",
        ),
    ],
)
def test_variable_errors_are_dutch(seeded, query, variables, message):
    response = post({"query": query, "variables": variables})
    assert response.status_code == 400
    assert messages(response) == [message]


@pytest.mark.parametrize("value", ["²", "99999999999999999999999", "12abc", "-1"])
def test_odd_ids_find_nothing_without_python_errors(graphql, seeded, value):
    """ "²" is a digit to str.isdigit() but not to int(): once "invalid literal for int()"."""
    data = graphql("query($id: ID!) { toezichtkader(id: $id) { titel } }", {"id": value})
    assert data == {"data": {"toezichtkader": None}}


@pytest.mark.parametrize(
    "body, content_type, status, message",
    [
        (b"{not json", "application/json", 400, "Het verzoek is geen geldige JSON."),
        (b"\xff\xfe", "application/json", 400, "Het verzoek is geen geldige JSON."),
        (b"[1]", "application/json", 400, 'Het verzoek moet een JSON-object met het veld "query" zijn.'),
        # Once "object of type 'int' has no len()".
        (b'{"query": 12}', "application/json", 400, 'Het veld "query" moet een tekst zijn.'),
        (
            b'{"query": "{ wetten { naam } }", "variables": "{x"}',
            "application/json",
            400,
            "De variabelen zijn geen geldige JSON.",
        ),
        (
            b'{"query": "{ wetten { naam } }", "variables": [1]}',
            "application/json",
            400,
            'Het veld "variables" moet een JSON-object zijn.',
        ),
        (
            b'{"query": "{ wetten { naam } }", "operationName": 3}',
            "application/json",
            400,
            'Het veld "operationName" moet een tekst zijn.',
        ),
        (b'{"query": "{ wetten { naam } }", "operationName": "X"}', "application/json", 400, "Onbekende operatie 'X'."),
        (b"{}", "application/json", 400, 'Geef een vraag op: een JSON-object met het veld "query".'),
        (b"{ wetten { naam } }", "text/plain", 415, "Stuur de vraag als JSON (Content-Type: application/json)."),
    ],
)
def test_malformed_requests_answer_dutch_json(seeded, body, content_type, status, message):
    response = post(body, content_type)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert messages(response) == [message]


def test_get_with_a_mutation_and_other_methods(seeded):
    client = Client()
    response = client.get("/graphql/", {"query": "mutation { x }"})
    assert response.status_code == 405
    assert messages(response) == ["Een mutation kan alleen met een POST-verzoek."]
    response = client.put("/graphql/", b"{}", content_type="application/json")
    assert response.status_code == 405
    assert messages(response) == ["Dit adres kent alleen GET- en POST-verzoeken."]


def test_csrf_failure_answers_json(client, demo_user, seeded):
    client = Client(enforce_csrf_checks=True)
    client.force_login(demo_user("toezichthouder"))
    response = post({"query": "{ wetten { naam } }"}, client=client)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert messages(response) == [
        "De CSRF-controle is mislukt: stuur bij een sessie het token uit de cookie 'csrftoken' "
        "mee in de header X-CSRFToken."
    ]
    # The site's own forms keep Django's page.
    page = client.post("/account/inloggen/", {"username": "x", "password": "y"})
    assert page.status_code == 403 and page["Content-Type"].startswith("text/html")


# The limits, refused before execution.
def test_alias_attack_is_refused(seeded):
    query = aliases(50, NORMEN_BLOK)
    response = post({"query": query})
    assert response.status_code == 400
    assert messages(response) == ["De vraag gebruikt 50 aliassen; het maximum is 15."]


def test_cost_limit_refuses_a_few_expensive_aliases(seeded):
    response = post({"query": aliases(4, NORMEN_BLOK)})
    assert response.status_code == 400
    assert messages(response) == [
        "De vraag is te groot: geschatte kosten 26.024, het maximum is 25.000. Vraag minder velden of lijsten tegelijk."
    ]
    assert post({"query": aliases(3, NORMEN_BLOK)}).status_code == 200


def test_cost_counts_fragments_spread_many_times(seeded):
    """Each fragment spreads the next one ten times: 10^5 times two leaves from a small document
    (without aliases, which are counted per spread and would be refused first)."""
    bodies = [" ".join(f"...F{i + 1}" for _ in range(10)) for i in range(5)] + ["naam afkorting"]
    fragments = "".join(f"fragment F{i} on Wet {{ {body} }} " for i, body in enumerate(bodies))
    response = post({"query": "{ wetten { ...F0 } } " + fragments})
    assert response.status_code == 400
    assert messages(response)[0].startswith("De vraag is te groot")


def test_aliases_count_once_for_each_spread_of_their_fragment(seeded):
    fragment = "fragment F on Wet { a: naam b: naam c: naam d: naam } "
    response = post({"query": fragment + aliases(4, "wetten { ...F }").replace("a0: ", "")})
    assert response.status_code == 400
    # 4 aliases in the fragment, spread 4 times, and 3 aliases of `wetten`.
    assert messages(response) == ["De vraag gebruikt 19 aliassen; het maximum is 15."]
    assert post({"query": fragment + "{ wetten { ...F } x: wetten { ...F } }"}).status_code == 200


INTROSPECTION_OPTIONS = {
    "descriptions": True,
    "specified_by_url": True,
    "directive_is_repeatable": True,
    "schema_description": True,
    "input_value_deprecation": True,
}


@pytest.mark.parametrize("options", [{}, INTROSPECTION_OPTIONS], ids=["default", "every-option"])
def test_the_standard_introspection_query_is_answered(seeded, options):
    from graphql import get_introspection_query, graphql_sync

    from portal.schema import schema

    query = get_introspection_query(**options)
    response = post({"query": query})
    assert response.status_code == 200
    # The whole answer, as graphql-core gives it without the endpoint's limits.
    assert response.json() == {"data": graphql_sync(schema.graphql_schema, query).data}


def _nested(selection, times, leaf="name"):
    return "{ __schema { types { fields { type { " + f"{selection} {{ " * times + leaf + " }" * times + " } } } } }"


def test_introspection_deeper_than_the_standard_query_is_refused(seeded):
    # The standard query's `ofType` chain under a field's argument reaches depth 14.
    assert post({"query": _nested("ofType", 10)}).status_code == 200
    response = post({"query": _nested("ofType", 11)})
    assert response.status_code == 400
    assert messages(response) == ["De vraag is te diep genest (maximaal 14 niveaus voor introspectie)."]
    response = post({"query": '{ __type(name: "Query") { ' + "ofType { " * 15 + "name" + " }" * 17})
    assert response.status_code == 400
    assert messages(response) == ["De vraag is te diep genest (maximaal 14 niveaus voor introspectie)."]


def test_introspection_costlier_than_the_standard_query_is_refused(seeded):
    from graphql import get_introspection_query

    # Each `fields { type { … } }` multiplies the answer by the number of fields of a type.
    response = post({"query": "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"})
    assert response.status_code == 400
    (message,) = messages(response)
    refused = re.fullmatch(
        r"De vraag is te groot: geschatte kosten ([\d.]+), het maximum is ([\d.]+) voor introspectie\. "
        r"Vraag minder velden of lijsten tegelijk\.",
        message,
    )
    assert refused, message
    cost, maximum = (int(figure.replace(".", "")) for figure in refused.groups())
    assert cost > maximum
    # The standard query is the most an introspection may ask: with one more list it is refused.
    standard = get_introspection_query(**INTROSPECTION_OPTIONS)
    more = standard.replace("  __schema {", "  extra: __schema { types { name } }\n  __schema {", 1)
    response = post({"query": more})
    assert response.status_code == 400
    assert " voor introspectie. " in messages(response)[0]


def test_wetten_attack_in_a_megabyte_is_refused(seeded):
    query = "{" + "".join(f"w{i}:wetten{{naam}}" for i in range(50_000)) + "}"
    response = post({"query": query})
    assert response.status_code == 400
    assert messages(response) == ["Het verzoek is te groot (maximaal 100000 bytes)."]


def test_token_and_length_limits(seeded):
    many_tokens = "{ wetten { " + "n " * 2100 + "} }"
    response = post({"query": many_tokens})
    assert response.status_code == 400
    assert messages(response) == ["De vraag is te lang: meer dan 2000 onderdelen (tokens)."]
    long_query = "{ wetten { naam } }" + " " * 10_000
    response = post({"query": long_query})
    assert response.status_code == 400
    assert messages(response) == ["De vraag is te lang (maximaal 10000 tekens)."]


def test_recursive_fragments_do_not_exhaust_the_depth_rule(seeded):
    query = (
        "fragment A on Toezichtkader { titel opvolger { ...B } } "
        "fragment B on Toezichtkader { opvolger { ...A } } { toezichtkaders { ...A } }"
    )
    response = post({"query": query})
    assert response.status_code == 400
    assert messages(response) == ["Fragment 'A' verwijst via 'B' naar zichzelf."]


def _documented_queries():
    for name in ("api.md", "search.md", "visual.md"):
        for query in re.findall(r"```graphql\n(.*?)```", (DOCS / name).read_text(), re.DOTALL):
            yield pytest.param(query, id=name)


@pytest.mark.parametrize("query", list(_documented_queries()))
def test_documented_queries_pass_the_limits(graphql, seeded, query):
    data = graphql(query)
    assert "errors" not in data, data.get("errors")


# Links from the configured base URL, not the request's Host or the Wagtail Site.
@override_settings(PORTAL_BASE_URL="https://toezicht.example.nl")
def test_urls_come_from_the_base_url(graphql, seeded):
    data = graphql("""{ toezichtkaders { url normen { url } }
      handreikingen { url }
      zoeken(zoekterm: "calamiteit") { resultaten { url } }
      wieHoudtToezicht(gemeente: "Rotterdam", situatie: "calamiteit") { kaders { url } } }""")["data"]
    urls = [k["url"] for k in data["toezichtkaders"]]
    urls += [n["url"] for k in data["toezichtkaders"] for n in k["normen"]]
    urls += [h["url"] for h in data["handreikingen"]]
    # Search results of sources without a page of their own have no link at all.
    urls += [r["url"] for r in data["zoeken"]["resultaten"] if r["url"]]
    urls += [k["url"] for k in data["wieHoudtToezicht"]["kaders"]]
    assert data["wieHoudtToezicht"]["kaders"] and data["zoeken"]["resultaten"]
    assert [url for url in urls if not url.startswith("https://toezicht.example.nl/")] == []
    rr = next(k for k in data["toezichtkaders"] if "rotterdam" in k["url"])
    assert rr["url"] == "https://toezicht.example.nl" + seeded["rotterdam-rijnmond-2025"].url


def test_default_base_url_is_where_make_run_serves():
    env = {k: v for k, v in os.environ.items() if k not in ("PORTAL_BASE_URL", "WAGTAILADMIN_BASE_URL")}
    result = subprocess.run(
        [sys.executable, "-c", "import portal.settings.base as b; print(b.PORTAL_BASE_URL)"],
        cwd=DOCS.parent,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "http://127.0.0.1:8000"
