import pytest

ZOEKEN = """query($q: String!, $eerste: Int, $pagina: Int, $filters: ZoekFilters) {
  zoeken(zoekterm: $q, eerste: $eerste, pagina: $pagina, filters: $filters) {
    totaal facetten { naam waarden { waarde aantal } }
    resultaten { titel url soort fragment }
  }
}"""


def test_search_page_shows_results_facets_and_marks(backend, client, seeded):
    response = client.get("/zoeken/", {"q": "calamiteiten melden"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>" in html and "Melden calamiteiten jeugdzorg" in html
    assert "<legend>Soort</legend>" in html and "<legend>Jaar</legend>" in html
    assert response["Cache-Control"].startswith("private") or "private" in response["Cache-Control"]


def test_empty_search_page_invites_a_query(client, seeded):
    assert client.get("/zoeken/").status_code == 200
    response = client.get("/zoeken/", {"q": "   "})
    assert response.status_code == 200
    assert "Vul een zoekterm in." in response.content.decode()


def test_did_you_mean_is_a_link(client, seeded):
    html = client.get("/zoeken/", {"q": "calamiteten"}).content.decode()
    assert "Bedoelde u:" in html and "?q=calamiteiten" in html


def test_page_out_of_range_shows_last_page_with_notice(client, seeded):
    response = client.get("/zoeken/", {"q": "aanbieder", "pagina": "999"})
    assert response.status_code == 200
    assert "Pagina 999 bestaat niet" in response.content.decode()


@pytest.mark.parametrize(
    "params,message",
    [
        ({"q": "x" * 501}, "te lang"),
        ({"q": "meld\x00code"}, "tekens die niet gezocht kunnen worden"),
        ({"q": "wmo", "pagina": "twee"}, "moet een getal zijn"),
        ({"q": "wmo", "pagina": "0"}, "1 of hoger"),
        ({"q": "wmo", "soort": "geheim"}, "Onbekende waarde voor soort"),
        ({"q": "wmo", "jaar": "1800"}, "Onbekende waarde voor jaar"),
        ({"q": "\"'()*:-+"}, "geen woorden om op te zoeken"),
    ],
)
def test_bad_input_gives_a_dutch_page(client, seeded, params, message):
    response = client.get("/zoeken/", params)
    assert response.status_code in (200, 400)
    assert message in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"onafgesloten citaat',
        "calamiteit' OR 1=1 --",
        "title:(igj AND wmo)^3 ~2 *",
        "'; DROP TABLE search_searchdocument; --",
        "{{ 7*7 }} <b>vet</b>",
        "a" * 500,
    ],
)
def test_syntax_is_searched_as_text(backend, client, query):
    response = client.get("/zoeken/", {"q": query})
    assert response.status_code == 200
    assert "&lt;b&gt;" in response.content.decode() or "<b>vet" not in response.content.decode()


def test_graphql_search(backend, graphql):
    data = graphql(ZOEKEN, {"q": "verscherpt toezicht", "eerste": 3})["data"]["zoeken"]
    assert data["totaal"] > 0 and len(data["resultaten"]) <= 3
    first = data["resultaten"][0]
    assert first["titel"] == "Verscherpt toezicht" and first["soort"] == "handhavingsmaatregel"
    assert first["url"].startswith("http://testserver/")
    assert {f["naam"] for f in data["facetten"]} >= {"soort", "organisatie"}


def test_graphql_filters(backend, graphql):
    data = graphql(ZOEKEN, {"q": "calamiteit", "eerste": 50, "filters": {"soort": ["norm"]}})["data"]["zoeken"]
    assert data["totaal"] and {r["soort"] for r in data["resultaten"]} == {"norm"}


@pytest.mark.parametrize(
    "variables,message",
    [
        ({"q": ""}, "Vul een zoekterm in"),
        ({"q": "x" * 501}, "te lang"),
        ({"q": "wmo", "eerste": 0}, "'eerste' moet tussen 1 en"),
        ({"q": "wmo", "eerste": 1000}, "'eerste' moet tussen 1 en"),
        ({"q": "wmo", "pagina": 500}, "bestaat niet"),
        ({"q": "wmo", "filters": {"wet": ["verzonnen-wet"]}}, "Onbekende waarde voor wet"),
    ],
)
def test_graphql_bad_input_gives_dutch_errors(graphql, seeded, variables, message):
    result = graphql(ZOEKEN, variables)
    assert result["data"]["zoeken"] is None
    assert message in result["errors"][0]["message"]


def test_autocomplete_endpoint(client, seeded):
    response = client.get("/zoeken/suggesties/", {"q": "Veilig"})
    assert response.status_code == 200
    titles = [item["titel"] for item in response.json()["resultaten"]]
    assert "Veilig Thuis" in titles and all(t.lower().startswith("veilig") for t in titles[:5])
    assert client.get("/zoeken/suggesties/", {"q": ""}).status_code == 400


def test_a_norm_code_is_not_shown_twice(client, seeded):
    html = client.get("/zoeken/", {"q": "2.2.4"}).content.decode()
    assert "2.2.4 De aanbieder heeft passend beleid" in html
    assert '<span class="portal-code">2.2.4</span>' not in html
    part = client.get("/zoeken/", {"q": "Professionaliteit"}).content.decode()
    assert '<span class="portal-code">3</span>Professionaliteit' in part


def test_every_hit_links_its_own_page(backend, graphql, seeded):
    """Four page types have a field "url" (their external link) that hides Wagtail's page.url:
    a hit of such a page links the page in the portal, never nothing and never off-site."""
    from wagtail.models import Page

    data = graphql(ZOEKEN, {"q": "toezicht", "eerste": 100})["data"]["zoeken"]
    soorten = {r["soort"] for r in data["resultaten"]}
    assert {"kennisbron", "publicatie"} & soorten
    paginas = {}
    for page in Page.objects.live().specific():
        paginas.setdefault(page.title, set()).add(page.get_url())
    for hit in data["resultaten"]:
        assert hit["url"].startswith("http://testserver/"), hit
        if hit["soort"] in {"kennisbron", "publicatie", "handreiking", "artikel"}:
            assert hit["url"].removeprefix("http://testserver") in paginas[hit["titel"]], hit
