"""Wagtail page privacy holds on every channel of the kennisbank: page, listing, framework
tree, counterparts and GraphQL. Lists are checked by their exact contents; the canary is
registered with the suite-wide check (tests/canary.py), so every response is searched for it."""

from django.contrib.auth.models import Group

import pytest
from wagtail.models import PageViewRestriction

from kennisbank.models import NormPage, ToezichtkaderPage

pytestmark = pytest.mark.django_db

CANARY = "KANARIE-7f3a-vertrouwelijke-norm"
NORMEN = "{ toezichtkaders { titel normen { code titel } } }"


def _in_the_group(user):
    return bool(
        user is not None
        and user.is_authenticated
        and (user.is_superuser or user.groups.filter(name="Toezichthouder").exists())
    )


@pytest.fixture
def restricted(seeded, canaries):
    """Norm 2.2.2 of Rotterdam-Rijnmond visible to the Toezichthouder group only, and the
    whole TSD framework behind a login."""
    canaries.register(CANARY, _in_the_group)
    norm = NormPage.objects.get(toezichtkader__slug="rotterdam-rijnmond-2025", code="2.2.2")
    norm.stelling = f"{CANARY} {norm.stelling}"
    norm.save_revision().publish()
    restriction = PageViewRestriction.objects.create(page=norm, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Toezichthouder"))
    tsd = ToezichtkaderPage.objects.get(slug="tsd-stelseltoezicht-volwassenen")
    PageViewRestriction.objects.create(page=tsd, restriction_type=PageViewRestriction.LOGIN)
    return norm, tsd


def _codes(data, titel_start):
    for kader in data["data"]["toezichtkaders"]:
        if kader["titel"].startswith(titel_start):
            return [n["code"] for n in kader["normen"]]
    return None


@pytest.mark.parametrize(
    "role, sees_norm, sees_tsd",
    [
        (None, False, False),
        ("professional", False, True),
        ("gemeente", False, True),
        ("toezichthouder", True, True),
        ("inspecteur", True, True),
        ("beheerder", True, True),
    ],
)
def test_matrix_over_channels(client, graphql, demo_user, restricted, role, sees_norm, sees_tsd):
    norm, tsd = restricted
    user = demo_user(role) if role else None
    if user:
        client.force_login(user)

    # The page itself.
    response = client.get(norm.url)
    if sees_norm:
        assert response.status_code == 200 and CANARY in response.content.decode()
    else:
        assert CANARY not in response.content.decode()
        assert response.status_code in (302, 403, 404)

    # The framework tree, the section page and the kennisbank listing.
    rr = norm.toezichtkader
    for url in (rr.url, norm.get_parent().url, "/kennisbank/?soort=toezichtkader", "/"):
        html = client.get(url).content.decode()
        assert (norm.url in html) == (sees_norm and url != "/" and "soort" not in url), url
        assert CANARY not in html or sees_norm
    listing = client.get("/kennisbank/").content.decode()
    assert (tsd.url in listing) == sees_tsd

    # GraphQL: exact contents of the list, and the single-norm lookup.
    data = graphql(NORMEN)
    rr_codes = _codes(data, "Toezichtskader Toezicht Wmo GGD")
    assert ("2.2.2" in rr_codes) == sees_norm
    assert len(rr_codes) == (61 if sees_norm else 60)
    assert (_codes(data, "Toezichtkader Stelseltoezicht") is not None) == sees_tsd
    single = graphql('{ norm(code: "2.2.2", toezichtkader: "rotterdam-rijnmond-2025") { titel } }')
    assert (single["data"]["norm"] is not None) == sees_norm
    assert (CANARY in str(single)) == sees_norm


def test_counterparts_do_not_leak_restricted_norms(client, restricted, seeded):
    from kennisbank.models import NormKoppeling

    koppeling = (
        NormKoppeling.objects.select_related("norm", "tegenhanger")
        .filter(tegenhanger__toezichtkader__slug="tsd-stelseltoezicht-volwassenen")
        .first()
    )
    html = client.get(koppeling.norm.url).content.decode()
    assert koppeling.tegenhanger.url not in html


def test_drafts_never_show(client, graphql, seeded, canaries):
    canaries.register(CANARY, lambda user: False)
    norm = NormPage.objects.get(toezichtkader__slug="rotterdam-rijnmond-2025", code="1.1.1")
    norm.stelling = CANARY
    norm.save_revision()
    assert CANARY not in client.get(norm.url).content.decode()
    assert CANARY not in str(graphql(NORMEN))
    norm.unpublish()
    assert "1.1.1" not in _codes(graphql(NORMEN), "Toezichtskader Toezicht Wmo GGD")
