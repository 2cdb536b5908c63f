import json

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query, fragment",
    [
        ('{ norm(code: "") { code } }', "geldige normcode"),
        ('{ norm(code: "' + "9" * 300 + '") { code } }', "geldige normcode"),
        ('{ norm(code: "1.1", toezichtkader: "bestaat-niet") { code } }', "bestaat niet"),
        ('{ norm(code: "1.1") { code } }', "meer dan één toezichtkader"),
    ],
)
def test_norm_argument_errors_are_dutch(graphql, seeded, query, fragment):
    data = graphql(query)
    assert data["errors"] and fragment in data["errors"][0]["message"]


def test_norm_lookup(graphql, seeded):
    data = graphql('{ norm(code: "2.2.2") { code titel toezichtkader { titel } wettelijkeGrondslag { artikel url } } }')
    norm = data["data"]["norm"]
    assert norm["code"] == "2.2.2"
    assert norm["toezichtkader"]["titel"].startswith("Toezichtskader Toezicht Wmo GGD")
    # The two besluiten the norm cites have no checked BWB id: they show without a link.
    urls = [a["url"] for a in norm["wettelijkeGrondslag"]]
    assert urls.count("") == 2
    assert all(u.startswith("https://wetten.overheid.nl/") for u in urls if u)
    assert graphql('{ norm(code: "8.8.8") { code } }')["data"]["norm"] is None


def test_lists(graphql, seeded):
    data = graphql(
        "{ begrippen { term definitie bron } toezichtsvormen { titel aanleiding } "
        "handreikingen { titel url } publicaties { titel jaar gemeenten } }"
    )["data"]
    assert any(b["term"].lower() == "calamiteit" for b in data["begrippen"])
    assert len(data["toezichtsvormen"]) == 6
    assert data["handreikingen"]
    assert any(p["gemeenten"] for p in data["publicaties"])


def test_depth_limit(graphql, seeded):
    deep = (
        "{ toezichtkaders { opvolger { opvolger { opvolger { opvolger { opvolger { opvolger "
        "{ opvolger { opvolger { titel } } } } } } } } } }"
    )
    data = graphql(deep, status=400)
    assert "te diep genest" in data["errors"][0]["message"]


def test_csrf_is_required_for_sessions(client, demo_user, seeded):
    client = client.__class__(enforce_csrf_checks=True)
    client.force_login(demo_user("toezichthouder"))
    response = client.post("/graphql/", json.dumps({"query": "{ wetten { naam } }"}), content_type="application/json")
    assert response.status_code == 403


@pytest.mark.parametrize("body", [b"{not json", b"\xff\xfe", b'{"query": 12}'])
def test_malformed_requests_do_not_crash(client, seeded, body):
    client.get("/graphql/")
    response = client.post(
        "/graphql/", body, content_type="application/json", HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"]


def test_syntax_error_is_reported(graphql, seeded):
    data = graphql("{ toezichtkaders { titel ", status=400)
    assert data["errors"]


def test_other_systems_post_without_session_or_csrf(seeded):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/graphql/", json.dumps({"query": "{ toezichtkaders { titel } }"}), content_type="application/json"
    )
    assert response.status_code == 200
    assert len(response.json()["data"]["toezichtkaders"]) == 2
