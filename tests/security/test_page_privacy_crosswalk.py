"""Probe of issue 8: a crosswalk counterpart ("Dezelfde norm in een ander kader") that is a
live norm under an UNPUBLISHED framework is listed to nobody, and neither its framework's
title nor its own text reaches any response; counterparts behind a login or a group show
to exactly who may see them. Both directions of the crosswalk are probed."""

import re

import pytest
from wagtail.models import PageViewRestriction

from kennisbank.models import NormKoppeling
from tests.kennisbank.factories import NormPageFactory, ToezichtkaderPageFactory

from .every_role import IN_GROUP, SIGNED_IN, for_every_role, restricting_group, role_of

pytestmark = pytest.mark.django_db

CONCEPT = "kanariekruistabelconcept"
GROUP = "kanariekruistabelgroep"
LOGIN = "kanariekruistabellogin"
SECTION = re.compile(r'<section aria-labelledby="tegenhangers-kop".*?</section>', re.S)
HREF = re.compile(r'href="([^"]+)"')


def _publish(*pages):
    for page in pages:
        page.save_revision().publish()


@pytest.fixture
def crosswalk(seeded, canaries):
    group = restricting_group()
    kader = ToezichtkaderPageFactory(title="Kader van de kruistabelproef")
    norm = NormPageFactory(parent=kader, code="8.1.1", stelling="Norm van de kruistabelproef")
    open_kader = ToezichtkaderPageFactory(title="Tweede kader van de kruistabelproef")
    open_twin = NormPageFactory(parent=open_kader, code="8.2.1", stelling="Open tegenhanger van de proef")
    # The unpublished framework's norms are live themselves: only the ancestor hides them.
    concept_kader = ToezichtkaderPageFactory(title=f"Conceptkader {CONCEPT}", concept=True)
    concept_twin = NormPageFactory(parent=concept_kader, code="8.3.1", stelling=f"Tegenhanger {CONCEPT} heen")
    concept_back = NormPageFactory(parent=concept_kader, code="8.3.2", stelling=f"Tegenhanger {CONCEPT} terug")
    group_kader = ToezichtkaderPageFactory(title=f"Groepskader {GROUP}")
    group_twin = NormPageFactory(parent=group_kader, code="8.4.1", stelling=f"Tegenhanger {GROUP}")
    login_kader = ToezichtkaderPageFactory(title=f"Inlogkader {LOGIN}")
    login_back = NormPageFactory(parent=login_kader, code="8.5.1", stelling=f"Tegenhanger {LOGIN} terug")
    _publish(kader, norm, open_kader, open_twin, concept_twin, concept_back, group_kader, group_twin)
    _publish(login_kader, login_back)
    # After publishing: a published revision would replace the crosswalk rows with its own.
    for twin in (open_twin, concept_twin, group_twin):
        NormKoppeling.objects.create(norm=norm, tegenhanger=twin)
    for back in (concept_back, login_back):
        NormKoppeling.objects.create(norm=back, tegenhanger=norm)
    restriction = PageViewRestriction.objects.create(page=group_kader, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    PageViewRestriction.objects.create(page=login_kader, restriction_type=PageViewRestriction.LOGIN)

    canaries.register(CONCEPT, lambda user: False)
    canaries.register(GROUP, lambda user: role_of(user) in IN_GROUP)
    canaries.register(LOGIN, lambda user: role_of(user) in SIGNED_IN)
    return {
        "norm": norm,
        "open_twin": open_twin,
        "concept_twin": concept_twin,
        "concept_back": concept_back,
        "group_twin": group_twin,
        "login_back": login_back,
    }


def expected_counterparts(role):
    names = {"open_twin"}
    if role in SIGNED_IN:
        names.add("login_back")
    if role in IN_GROUP:
        names.add("group_twin")
    return names


def _names(crosswalk, pages):
    by_pk = {page.pk: name for name, page in crosswalk.items()}
    return {by_pk[page.pk] for page in pages}


@for_every_role
def test_counterparts_are_exactly_those_the_user_may_see(crosswalk, demo_user, role, user):
    counterparts = crosswalk["norm"].tegenhangers().viewable_by_user(user)
    assert _names(crosswalk, counterparts) == expected_counterparts(role)


@for_every_role
def test_the_norm_page_lists_no_counterpart_under_an_unpublished_framework(client, crosswalk, demo_user, role, user):
    response = client.get(crosswalk["norm"].url)
    assert response.status_code == 200
    html = response.content.decode()
    section = SECTION.search(html)
    assert section is not None
    by_url = {page.url: name for name, page in crosswalk.items()}
    listed = {by_url.get(href, href) for href in HREF.findall(section.group())}
    assert listed == expected_counterparts(role)
    for hidden in ("concept_twin", "concept_back"):
        assert crosswalk[hidden].url not in html
    # The canaries (checked in every response) cover the titles; the codes are only ours too.
    assert "8.3.1" not in html and "8.3.2" not in html


@for_every_role
def test_the_open_counterpart_links_back_and_nothing_more(client, crosswalk, demo_user, role, user):
    html = client.get(crosswalk["open_twin"].url).content.decode()
    section = SECTION.search(html)
    assert section is not None
    assert HREF.findall(section.group()) == [crosswalk["norm"].url]
