"""A report's text is never published, not even pasted into a learning (found by the state
machine, tests/security/test_toezicht_state_machine.py): a learning whose title, text,
recommendations or notes take over a passage of a report's own texts, or of the documents of a
report of its space, is not widened; nor is such a text added once it is wider. A retold lesson
and the phrases every text shares pass."""

from datetime import date

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

import pytest

from kennisbank.models import ArtikelPage
from portal.roles import TOEZICHTHOUDER
from samenwerking import leerpunten
from samenwerking.models import Aanbeveling, Leerpunt, LeerpuntVerruiming, MeldingBrief, Zelfonderzoek
from samenwerking.passages import Passages

from .factories import (
    AanbevelingFactory,
    DocumentFactory,
    LeerpuntFactory,
    LidmaatschapFactory,
    MeldingFactory,
    OrganisatieFactory,
    RuimteFactory,
    UserFactory,
    version,
)
from .test_leerpunten import _verruim_post

pytestmark = pytest.mark.django_db

SAMENVATTING = (
    "Op 3 november viel een bewoner van de beschermde woonvorm in de nacht van de trap, "
    "omdat de nachtdienst alleen stond en de alarmknop niet werkte."
)
EIGEN_WOORDEN = "Zorg dat een nachtdienst nooit alleen staat en dat alarmknoppen regelmatig worden getest."
EERSTE_TWAALF = "op 3 november viel een bewoner van de beschermde woonvorm in de"
WEIGERING = "neemt letterlijk tekst over uit een melding"


@pytest.fixture
def ruimte():
    return RuimteFactory()


@pytest.fixture
def coordinator(ruimte):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=TOEZICHTHOUDER))
    LidmaatschapFactory(ruimte=ruimte, gebruiker=user, coordinator=True)
    return user


def _verruim(coordinator, leerpunt, naar="toezichthouders", **extra):
    arguments = {"tekst": leerpunt.tekst, **extra}
    signalen = leerpunten.signalen_voor(leerpunt, arguments["tekst"])
    return leerpunten.verruim_leerpunt(
        coordinator,
        leerpunt,
        "pagina",
        naar=naar,
        reden="Leerzaam voor de regio.",
        bevestigde_signalen=[s.fragment for s in signalen],
        **arguments,
    )


def _state(leerpunt):
    leerpunt.refresh_from_db()
    return leerpunt.reikwijdte, leerpunt.tekst, LeerpuntVerruiming.objects.filter(leerpunt=leerpunt).count()


def test_passages_are_runs_of_twelve_words_or_a_short_text_taken_over_whole():
    # Case and punctuation aside; the first run of the source that the learning holds.
    passages = Passages([f"Leerpunt: {SAMENVATTING.upper()} Meer niet."])
    assert passages.uit(SAMENVATTING) == EERSTE_TWAALF
    # Eleven words in a row are no passage; six words taken over whole are.
    elf = "de nachtdienst alleen stond en de alarmknop niet werkte die nacht"
    assert Passages([elf]).uit(elf + " in de woonvorm aan de rand van het dorp") is None
    assert Passages(["Zij schreef: cliënt viel van de trap, zonder hulp."]).uit(
        "Cliënt viel van de trap zonder hulp"
    ) == ("cliënt viel van de trap zonder hulp")
    assert Passages(["geen bijzonderheden gemeld"]).uit("Geen bijzonderheden gemeld.") is None


@pytest.mark.parametrize("eigen_ruimte", [True, False])
def test_a_learning_that_pastes_a_reports_summary_is_not_widened(ruimte, coordinator, eigen_ruimte):
    # A member of two spaces may paste from a report of the other one: every report counts.
    MeldingFactory(ruimte=ruimte if eigen_ruimte else RuimteFactory(), samenvatting=SAMENVATTING)
    leerpunt = LeerpuntFactory(ruimte=ruimte, tekst=f"{EIGEN_WOORDEN}\n\n{SAMENVATTING}")
    voor = _state(leerpunt)
    with pytest.raises(ValidationError) as exc:
        _verruim(coordinator, leerpunt)
    assert WEIGERING in exc.value.messages[0]
    # The message names the learning's own words, nothing of the report beyond them.
    assert f"„{EERSTE_TWAALF}”" in exc.value.messages[0]
    assert _state(leerpunt) == voor


def test_a_text_edited_in_the_widening_is_checked_and_nothing_is_saved(ruimte, coordinator):
    melding = MeldingFactory(ruimte=ruimte, beoordeling_toelichting=SAMENVATTING)
    leerpunt = LeerpuntFactory(ruimte=ruimte, tekst=EIGEN_WOORDEN, melding=melding)
    leerpunt.verruim("toezichthouders", door=coordinator, reden="Delen")
    paginas = ArtikelPage.objects.count()
    with pytest.raises(ValidationError, match=WEIGERING):
        _verruim(coordinator, leerpunt, naar="openbaar", tekst=f"{EIGEN_WOORDEN} {SAMENVATTING}")
    assert _state(leerpunt) == ("toezichthouders", EIGEN_WOORDEN, 1)
    assert ArtikelPage.objects.count() == paginas


@pytest.mark.parametrize("bron", ["zelfonderzoek", "brief", "document"])
def test_the_self_investigation_letters_and_documents_of_the_spaces_reports_count(ruimte, coordinator, bron):
    melding = MeldingFactory(ruimte=ruimte)
    if bron == "zelfonderzoek":
        Zelfonderzoek.objects.create(melding=melding, ontvangen_op=date(2026, 11, 20), toelichting=SAMENVATTING)
    elif bron == "brief":
        MeldingBrief.objects.create(
            melding=melding, soort="afsluiting", verzonden_op=date(2026, 11, 25), toelichting=SAMENVATTING
        )
    else:
        document = DocumentFactory(ruimte=ruimte)
        version(document, content=f"Zelfonderzoek (fictief)\n\n{SAMENVATTING}\n".encode(), naam="zelfonderzoek.txt")
        melding.documenten.add(document)
    leerpunt = LeerpuntFactory(ruimte=ruimte, titel="Nachtdiensten", tekst=SAMENVATTING)
    with pytest.raises(ValidationError, match=WEIGERING):
        _verruim(coordinator, leerpunt)
    assert Leerpunt.objects.get(pk=leerpunt.pk).reikwijdte == "ruimte"


def test_a_recommendation_that_pastes_a_report_is_refused_on_a_wide_learning(ruimte, coordinator):
    MeldingFactory(ruimte=ruimte, samenvatting=SAMENVATTING)
    leerpunt = LeerpuntFactory(ruimte=ruimte, tekst=EIGEN_WOORDEN)
    AanbevelingFactory(leerpunt=leerpunt, tekst=SAMENVATTING)
    with pytest.raises(ValidationError, match=WEIGERING):
        _verruim(coordinator, leerpunt)
    Aanbeveling.objects.filter(leerpunt=leerpunt).delete()
    _verruim(coordinator, leerpunt)
    organisatie = OrganisatieFactory()
    with pytest.raises(ValidationError) as exc:
        leerpunten.add_aanbeveling(coordinator, leerpunt, "pagina", SAMENVATTING, [organisatie])
    assert WEIGERING in exc.value.message_dict["tekst"][0]
    assert not leerpunt.aanbevelingen.exists()


def test_a_lesson_in_its_own_words_is_widened(ruimte, coordinator):
    MeldingFactory(ruimte=ruimte, samenvatting=SAMENVATTING)
    leerpunt = LeerpuntFactory(ruimte=ruimte, tekst=EIGEN_WOORDEN)
    _verruim(coordinator, leerpunt)
    assert _state(leerpunt)[0] == "toezichthouders"


def test_the_page_shows_the_refusal_and_widens_nothing(client, ruimte, coordinator):
    MeldingFactory(ruimte=ruimte, samenvatting=SAMENVATTING)
    leerpunt = LeerpuntFactory(ruimte=ruimte, tekst=SAMENVATTING)
    client.force_login(coordinator)
    response = _verruim_post(client, leerpunt, "toezichthouders")
    assert response.status_code == 400
    assert WEIGERING in response.content.decode()
    assert _state(leerpunt)[0] == "ruimte"
