"""One behavioural suite, run against every backend (see the `backend` fixture)."""

from django.contrib.auth.models import Group

import pytest
from wagtail.models import PageViewRestriction

from kennisbank.models import KennisbronPage, NormPage
from search import service

from .conftest import titles


def _restrict(page, group, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.set([group])
    return restriction


@pytest.mark.parametrize(
    "query,expected",
    [
        ("calamiteit", "calamiteiten"),
        ("toezichthouders", "toezichthouder"),
        ("client", "cliënt"),
        ("geimplementeerd", "geïmplementeerd"),
    ],
)
def test_word_forms_and_spelling_variants(backend, search_as, query, expected):
    outcome = search_as(query)
    assert outcome.totaal > 0
    assert any(
        expected.lower() in r.fragment.lower() or expected.lower() in r.titel.lower() for r in outcome.resultaten
    )


@pytest.mark.parametrize(
    "short,full",
    [
        ("IGJ", "Inspectie Gezondheidszorg en Jeugd"),
        ("Wmo", "Wet maatschappelijke ondersteuning"),
        ("pgb", "persoonsgebonden budget"),
        ("Awb", "Algemene wet bestuursrecht"),
        ("Woo", "Wet open overheid"),
    ],
)
def test_abbreviation_and_full_name_find_each_other(backend, search_as, short, full):
    by_short = {r.key for r in search_as(short, per_pagina=100).resultaten}
    by_full = {r.key for r in search_as(full, per_pagina=100).resultaten}
    assert by_short and by_full
    assert len(by_short & by_full) >= min(len(by_short), len(by_full)) // 2


def test_english_query_finds_dutch_text_through_synonyms(backend, search_as):
    assert "Algemene wet bestuursrecht" in titles(search_as("General Administrative Law Act"), 5)


def test_exact_code_comes_first(backend, search_as):
    outcome = search_as("2.2.2")
    assert outcome.resultaten[0].code == "2.2.2"


def test_exact_phrase_and_title_come_first(backend, search_as):
    outcome = search_as("verscherpt toezicht")
    assert outcome.resultaten[0].titel == "Verscherpt toezicht"


def test_facets_count_the_results(backend, search_as):
    outcome = search_as("calamiteit", per_pagina=100)
    soort = next(f for f in outcome.facetten if f.naam == "soort")
    assert sum(w.aantal for w in soort.waarden) == outcome.totaal
    assert {f.naam for f in outcome.facetten} >= {"soort", "wet", "domein", "doelgroep", "organisatie", "jaar"}


def test_facet_filter_narrows_and_counts(backend, search_as):
    outcome = search_as("calamiteit", filters={"soort": ["kennisbron"]}, per_pagina=100)
    assert outcome.totaal and all(r.soort == "kennisbron" for r in outcome.resultaten)
    soort = next(f for f in outcome.facetten if f.naam == "soort")
    assert [(w.waarde, w.aantal, w.gekozen) for w in soort.waarden] == [("kennisbron", outcome.totaal, True)]


def test_pagination_splits_without_overlap(backend, search_as):
    first = search_as("aanbieder", per_pagina=5)
    second = search_as("aanbieder", per_pagina=5, pagina=2)
    assert first.totaal == second.totaal > 10
    assert not {r.key for r in first.resultaten} & {r.key for r in second.resultaten}
    with pytest.raises(service.PaginaBestaatNiet):
        search_as("aanbieder", per_pagina=5, pagina=first.aantal_paginas + 1)


def test_fragment_is_escaped_then_marked(backend, search_as, django_capture_on_commit_callbacks):
    page = KennisbronPage.objects.get(title="Veilig Thuis")
    page.samenvatting = "<script>alert('x')</script> Zwaluwstaartcontrole & meer"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    fragment = search_as("zwaluwstaartcontrole").resultaten[0].fragment
    assert "<script>" not in fragment and "&lt;script&gt;" in fragment
    assert "<mark>Zwaluwstaartcontrole</mark>" in fragment


def test_did_you_mean(backend, search_as):
    outcome = search_as("calamiteten")
    assert outcome.suggestie == "calamiteiten"


def test_autocomplete_on_titles(backend, rf):
    from django.contrib.auth.models import AnonymousUser

    items = service.autocomplete("verscherpt", AnonymousUser())
    assert items[0]["titel"] == "Verscherpt toezicht"


def test_group_restricted_page_only_for_the_group(backend, search_as, demo_user, django_capture_on_commit_callbacks):
    norm = NormPage.objects.get(code="2.2.2")
    group = Group.objects.get(name="Toezichthouder")
    _restrict(norm, group, django_capture_on_commit_callbacks)
    anonymous = search_as("meldcode huiselijk geweld kindermishandeling", per_pagina=100)
    assert "2.2.2" not in [r.code for r in anonymous.resultaten]
    allowed = search_as(
        "meldcode huiselijk geweld kindermishandeling", per_pagina=100, user=demo_user("toezichthouder")
    )
    assert "2.2.2" in [r.code for r in allowed.resultaten]
    assert allowed.totaal == anonymous.totaal + 1
    other = search_as("meldcode huiselijk geweld kindermishandeling", per_pagina=100, user=demo_user("gemeente"))
    assert other.totaal == anonymous.totaal
    by_code = search_as("2.2.2")
    assert "2.2.2" not in [r.code for r in by_code.resultaten]
    norm_facet = [w.aantal for f in anonymous.facetten if f.naam == "soort" for w in f.waarden if w.waarde == "norm"]
    allowed_facet = [w.aantal for f in allowed.facetten if f.naam == "soort" for w in f.waarden if w.waarde == "norm"]
    assert allowed_facet[0] == (norm_facet[0] if norm_facet else 0) + 1


def test_login_restricted_page_for_signed_in_users(backend, search_as, demo_user, django_capture_on_commit_callbacks):
    page = KennisbronPage.objects.get(title="Veiligheidshuizen")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert "Veiligheidshuizen" not in titles(search_as("veiligheidshuizen"))
    assert "Veiligheidshuizen" in titles(search_as("veiligheidshuizen", user=demo_user("professional")))


@pytest.mark.parametrize(
    "query,suggestion",
    [
        ("calamitiet", "calamiteit"),
        ("medicatieveilighied", "medicatieveiligheid"),
        ("bestuurlijke boete", ""),
    ],
)
def test_did_you_mean_corrects_typing_errors_only(backend, search_as, query, suggestion):
    assert search_as(query).suggestie == suggestion


def test_jeugdhulp_and_jeugdzorg_find_each_other(backend, search_as):
    assert "Toezicht in jeugdzorg" in titles(search_as("jeugdhulp"))
