"""An investigation set up against a framework version that was restricted afterwards.

The investigation, its norms' codes, its findings and its procedure stay the space's. What the
kennisbank pages say (the framework's, the form of supervision's, the norms' and the procedure
page's titles, links and text) shows only to a member who may see those pages (portal/privacy.py);
to another member the norm's code and "(niet zichtbaar)", and for the procedure page a neutral
line. Every title carries a canary that the suite looks for in every response.
"""

import csv
import io
import re
from datetime import date

from django.contrib.auth.models import Group

import pytest
from wagtail.models import Page, PageViewRestriction

from kennisbank.models import KennisbankIndexPage, KennisbronPage, ProcedurePage
from portal.roles import TOEZICHTHOUDER
from samenwerking import procedure
from samenwerking.models import AuditLogEntry, Leerpunt

from .factories import (
    AanbiederFactory,
    BevindingFactory,
    DocumentFactory,
    LeerpuntFactory,
    LidmaatschapFactory,
    OnderzoekFactory,
    RuimteFactory,
    UserFactory,
    seeded_kader,
    seeded_normen,
    seeded_toezichtsvorm,
    version,
)

pytestmark = pytest.mark.django_db
PAGINA = AuditLogEntry.Kanaal.PAGINA
NIET = "(niet zichtbaar)"
K = {
    "kader": "KANARIE-kz1-kader",
    "norm0": "KANARIE-kz3-norm",
    "norm1": "KANARIE-kz4-norm",
    "procedure": "KANARIE-kz5-procedure",
    "leerpunt": "KANARIE-kz6-leerpuntpagina",
}
# The procedure page's own text, quoted on the decision form.
GRONDSLAG = "onderzoeksresultaten in principe worden gepubliceerd, tenzij er zwaarwegende redenen zijn"
STAP = "Op basis van deze beoordeling wordt een beslissing genomen over het al dan niet openbaar maken"


def _rename(page, canary):
    Page.objects.filter(pk=page.pk).update(title=f"{canary} {page.title}")


def _restrict(page, group):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)


@pytest.fixture
def wereld(canaries):
    kader = seeded_kader()
    vorm = seeded_toezichtsvorm()
    normen = seeded_normen(kader, 2)
    procedurepagina = ProcedurePage.objects.get(kader=kader)
    leerpuntpagina = KennisbankIndexPage.objects.get().add_child(
        instance=KennisbronPage(title="Leerpunt in de kennisbank", slug="leerpunt-kz")
    )

    toezicht = Group.objects.get_or_create(name=TOEZICHTHOUDER)[0]
    lezers = Group.objects.create(name="Lezers van het kader (test)")
    lezer, lid = UserFactory(), UserFactory()
    for user in (lezer, lid):
        user.groups.add(toezicht)
    lezer.groups.add(lezers)

    ruimte = RuimteFactory()
    for user in (lezer, lid):
        LidmaatschapFactory(ruimte=ruimte, gebruiker=user)
    aanbieder = AanbiederFactory(naam="Aanbieder Kader B.V.")
    concept = DocumentFactory(ruimte=ruimte, naam="Conceptrapport")
    version(concept, content=b"Concept (fictief)\n", naam="concept.txt")
    definitief = DocumentFactory(ruimte=ruimte, naam="Definitief rapport")
    version(definitief, content=b"Rapport (fictief).\n", naam="rapport.txt")
    onderzoek = OnderzoekFactory(
        ruimte=ruimte,
        kader=kader,
        toezichtsvorm=vorm,
        normen=normen,
        met_aanbieders=[aanbieder],
        rapport_concept=concept,
    )
    BevindingFactory(onderzoek=onderzoek, norm=normen[0], aanbieder=aanbieder, oordeel="voldoet_niet")
    # The procedure up to its decision, while every page was still public.
    procedure.start(lezer, onderzoek, date(2026, 4, 13), PAGINA)
    procedure.afronden(lezer, onderzoek, 1, PAGINA, datum=date(2026, 4, 20))
    procedure.afronden(lezer, onderzoek, 2, PAGINA, datum=date(2026, 4, 24), document=definitief)
    procedure.afronden(lezer, onderzoek, 3, PAGINA, datum=date(2026, 4, 30))
    procedure.afronden(lezer, onderzoek, 4, PAGINA, datum=date(2026, 5, 18), geen=True)
    leerpunt = LeerpuntFactory(ruimte=ruimte, onderzoek=onderzoek)
    leerpunt.normen.set(normen)
    Leerpunt.objects.filter(pk=leerpunt.pk).update(reikwijdte="openbaar", pagina=leerpuntpagina)

    # Afterwards every page is restricted to one group, and renamed with its canary; not the
    # form of supervision, whose title the procedure page names (procedure.publicerende_vormen).
    for page, key in [
        (kader, "kader"),
        (normen[0], "norm0"),
        (normen[1], "norm1"),
        (procedurepagina, "procedure"),
        (leerpuntpagina, "leerpunt"),
    ]:
        _rename(page, K[key])
    for page in (kader, vorm, procedurepagina, leerpuntpagina):
        _restrict(page, lezers)
    for word in K.values():
        canaries.register(word, lambda user: getattr(user, "pk", None) == lezer.pk)
    return {
        "lezer": lezer,
        "lid": lid,
        "ruimte": ruimte,
        "onderzoek": onderzoek,
        "aanbieder": aanbieder,
        "normen": [Page.objects.get(pk=n.pk).specific for n in normen],
        "kader": Page.objects.get(pk=kader.pk).specific,
        "vorm": Page.objects.get(pk=vorm.pk).specific,
        "procedurepagina": Page.objects.get(pk=procedurepagina.pk).specific,
        "leerpunt": leerpunt,
        "leerpuntpagina": Page.objects.get(pk=leerpuntpagina.pk),
    }


def _url(w, tail=""):
    return f"/samenwerking/{w['ruimte'].pk}/onderzoeken/{w['onderzoek'].pk}/{tail}"


def _normlijst(html):
    lijst = re.search(r"Toetsingskader: 2 normen</h2>\s*<ul>(.*?)</ul>", html, re.S).group(1)
    return re.findall(r"<li>(.*?)</li>", lijst)


def _expected(w, ziet):
    normen = [f"{n.code} {n.title if ziet else NIET}" for n in w["normen"]]
    kader = w["kader"].title + (f" ({w['kader'].versie})" if w["kader"].versie else "")
    return normen, kader if ziet else NIET, w["vorm"].title if ziet else NIET


@pytest.mark.parametrize("wie, ziet", [("lid", False), ("lezer", True)])
def test_the_investigation_pages_name_pages_only_for_who_may_see_them(client, wereld, wie, ziet):
    w = wereld
    client.force_login(w[wie])
    normen, kader, vorm = _expected(w, ziet)

    detail = client.get(_url(w)).content.decode()
    assert _normlijst(detail) == normen
    assert f"<dt>Toetsingskader</dt><dd>{kader}</dd>" in detail
    assert f"<dt>Toezichtsvorm</dt><dd>{vorm}</dd>" in detail

    matrix = client.get(_url(w, "matrix/")).content.decode()
    matrix = re.search(r'<table class="portal-table" id="matrix">(.*?)</table>', matrix, re.S).group(1)
    assert re.findall(r'<tr><th scope="row">(.*?)</th>', matrix) == normen

    export = client.get(_url(w, "matrix.csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(export), delimiter=";"))
    assert [row[:2] for row in rows[1:]] == [[n.code, n.title if ziet else NIET] for n in w["normen"]]

    bevindingen = client.get(_url(w, f"bevindingen/?aanbieder={w['aanbieder'].pk}")).content.decode()
    rijen = re.findall(r'<th scope="row" id="rij-[^"]*">(.*?)<', bevindingen, re.S)
    assert [rij.strip() for rij in rijen] == normen

    lijst = client.get(_url(w).rsplit("/", 2)[0] + "/").content.decode()
    assert f"<td>{vorm}</td>" in lijst

    aanbieder = client.get(f"/samenwerking/aanbieders/{w['aanbieder'].pk}/").content.decode()
    assert re.findall(r'<th scope="row"><a href="[^"]*">(.*?)</a></th>', aanbieder) == normen[:1]
    assert f"· {vorm} ·" in aanbieder


@pytest.mark.parametrize("wie, ziet", [("lid", False), ("lezer", True)])
def test_the_decision_quotes_the_procedure_page_only_for_who_may_see_it(client, wereld, wie, ziet):
    w = wereld
    client.force_login(w[wie])
    page = client.get(_url(w, "rapport/")).content.decode()
    # The procedure itself goes on: the decision is on the form for every member.
    assert 'name="stap5-besluit" value="niet_openbaar"' in page
    neutral = (
        "Wat het toezichtskader over dit besluit zegt, staat in een deel van de kennisbank "
        "dat voor u niet zichtbaar is."
    )
    assert (neutral in page) == (not ziet)
    for text in (GRONDSLAG, STAP, f'href="{w["procedurepagina"].url}"', w["procedurepagina"].title):
        assert (text in page) == ziet, text


@pytest.mark.parametrize("wie, ziet", [("lid", False), ("lezer", True)])
def test_graphql_names_pages_only_for_who_may_see_them(graphql, wereld, wie, ziet):
    w = wereld
    normen, kader, vorm = _expected(w, ziet)
    data = graphql(
        "query($o: ID!, $l: ID!) { onderzoek(id: $o) { kader toezichtsvorm normen bevindingen { norm } } "
        "leerpunt(id: $l) { normen } }",
        {"o": str(w["onderzoek"].pk), "l": str(w["leerpunt"].pk)},
        user=w[wie],
    )
    assert data == {
        "data": {
            "onderzoek": {
                "kader": w["kader"].title if ziet else NIET,
                "toezichtsvorm": vorm,
                "normen": normen,
                "bevindingen": [{"norm": normen[0]}],
            },
            "leerpunt": {"normen": normen if ziet else []},
        }
    }


@pytest.mark.parametrize("wie, ziet", [("lid", False), ("lezer", True)])
def test_a_learning_links_its_page_and_names_its_norms_only_for_who_may_see_them(client, wereld, wie, ziet):
    w = wereld
    client.force_login(w[wie])
    page = client.get(f"/samenwerking/leerpunten/{w['leerpunt'].pk}/").content.decode()
    assert (f'href="{w["leerpuntpagina"].url}"' in page) == ziet
    assert ("Gepubliceerd in een deel van de kennisbank dat voor u niet zichtbaar is." in page) == (not ziet)
    normen = re.search(r"<dt>Normen</dt><dd>(.*?)</dd>", page)
    assert (normen.group(1).split("; ") if normen else []) == ([n.title for n in w["normen"]] if ziet else [])


def test_the_search_documents_of_an_investigation_and_its_findings_name_no_kennisbank_page(wereld):
    """The space's search documents are read by every member, and are not written again when a
    page's privacy changes: they name norms by code and carry no page's title."""
    from samenwerking.search import build_finding, build_investigation

    onderzoek = wereld["onderzoek"]
    onderzoek.refresh_from_db()
    documenten = [build_investigation(onderzoek)] + [build_finding(b) for b in onderzoek.bevindingen.all()]
    teksten = [" ".join((d.titel, d.tekst, d.context)) for d in documenten]
    assert [d.titel for d in documenten[1:]] == [f"Norm {wereld['normen'][0].code}: Aanbieder Kader B.V."]
    for tekst in teksten:
        assert not [k for k in K.values() if k in tekst], tekst
        assert wereld["vorm"].title not in tekst
