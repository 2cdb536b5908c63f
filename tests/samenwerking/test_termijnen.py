"""The legal terms (samenwerking/termijnen.py) against the Algemene termijnenwet."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samenwerking import termijnen
from samenwerking.termijnen import (
    Calamiteitstermijnen,
    binnen_werkdagen,
    einde_termijn,
    feestdagen,
    is_werkdag,
    plus_werkdagen,
    termijn_in,
    volgende_werkdag,
    werkdagen_tussen,
    zelfonderzoek_uiterlijk,
)

# Art. 3 lid 1 Algemene termijnenwet, worked out per year by hand (Easter from the calendar).
WETTELIJKE_LIJST = {
    2014: [
        date(2014, 1, 1),
        date(2014, 4, 21),  # tweede paasdag
        date(2014, 4, 26),  # Koningsdag: 27 April 2014 was a Sunday
        date(2014, 5, 5),
        date(2014, 5, 29),  # Hemelvaartsdag
        date(2014, 6, 9),  # tweede pinksterdag
        date(2014, 12, 25),
        date(2014, 12, 26),
    ],
    2024: [
        date(2024, 1, 1),
        date(2024, 4, 1),
        date(2024, 4, 27),
        date(2024, 5, 5),
        date(2024, 5, 9),
        date(2024, 5, 20),
        date(2024, 12, 25),
        date(2024, 12, 26),
    ],
    2025: [
        date(2025, 1, 1),
        date(2025, 4, 21),
        date(2025, 4, 26),  # 27 April 2025 was a Sunday
        date(2025, 5, 5),
        date(2025, 5, 29),
        date(2025, 6, 9),
        date(2025, 12, 25),
        date(2025, 12, 26),
    ],
    2026: [
        date(2026, 1, 1),
        date(2026, 4, 6),
        date(2026, 4, 27),
        date(2026, 5, 5),  # the `holidays` library has no Liberation Day in 2026
        date(2026, 5, 14),
        date(2026, 5, 25),
        date(2026, 12, 25),
        date(2026, 12, 26),
    ],
    2027: [
        date(2027, 1, 1),
        date(2027, 3, 29),
        date(2027, 4, 27),
        date(2027, 5, 5),
        date(2027, 5, 6),
        date(2027, 5, 17),
        date(2027, 12, 25),
        date(2027, 12, 26),
    ],
}

GOEDE_VRIJDAG = {2014: date(2014, 4, 18), 2024: date(2024, 3, 29), 2025: date(2025, 4, 18), 2026: date(2026, 4, 3)}


@pytest.mark.parametrize("jaar", sorted(WETTELIJKE_LIJST))
def test_the_recognised_holidays_are_the_laws_list(jaar):
    assert sorted(feestdagen(jaar)) == WETTELIJKE_LIJST[jaar]


@pytest.mark.parametrize("jaar", sorted(GOEDE_VRIJDAG))
def test_good_friday_is_a_working_day(jaar):
    assert GOEDE_VRIJDAG[jaar] not in feestdagen(jaar)
    assert is_werkdag(GOEDE_VRIJDAG[jaar])


def test_liberation_day_counts_every_year_also_when_the_library_has_none():
    import holidays

    assert date(2026, 5, 5) not in holidays.NL(years=2026)
    assert date(2027, 5, 5) not in holidays.NL(years=2027)
    for jaar in range(2010, 2040):
        assert date(jaar, 5, 5) in feestdagen(jaar)


def test_the_kings_birthday_moves_to_saturday_when_27_april_is_a_sunday():
    for jaar in range(2014, 2040):
        koningsdag = [dag for dag, naam in feestdagen(jaar).items() if naam == "Koningsdag"]
        verwacht = date(jaar, 4, 26) if date(jaar, 4, 27).weekday() == 6 else date(jaar, 4, 27)
        assert koningsdag == [verwacht]


def test_a_term_ending_on_a_saturday_sunday_or_holiday_runs_to_the_next_working_day():
    assert einde_termijn(date(2026, 11, 30), dagen=5) == date(2026, 12, 7)  # Sat 5 Dec -> Mon 7 Dec
    assert einde_termijn(date(2026, 11, 29), dagen=7) == date(2026, 12, 7)  # Sun 6 Dec -> Mon
    # Christmas 2026: Friday 25 and Saturday 26 December, then Sunday -> Monday 28 December.
    assert einde_termijn(date(2026, 12, 18), weken=1) == date(2026, 12, 28)
    # Easter Monday 2026 (6 April) -> Tuesday 7 April.
    assert einde_termijn(date(2026, 3, 30), weken=1) == date(2026, 4, 7)
    # Whit Monday 2025 (9 June).
    assert einde_termijn(date(2025, 6, 2), weken=1) == date(2025, 6, 10)
    # Ascension 2026 (Thursday 14 May).
    assert einde_termijn(date(2026, 5, 7), weken=1) == date(2026, 5, 15)
    # 5 May 2026 is a Tuesday and not a working day under this law.
    assert einde_termijn(date(2026, 4, 28), weken=1) == date(2026, 5, 6)
    # Koningsdag 2025 on Saturday 26 April: the weekend rule, then Monday 28 April.
    assert einde_termijn(date(2025, 4, 19), weken=1) == date(2025, 4, 28)
    # New Year 2027 (Friday) -> Monday 4 January.
    assert einde_termijn(date(2026, 12, 25), weken=1) == date(2027, 1, 4)
    # A plain working day stays.
    assert einde_termijn(date(2026, 11, 2), weken=2) == date(2026, 11, 16)


def test_weeks_are_calendar_weeks():
    assert einde_termijn(date(2026, 9, 1), weken=8) == date(2026, 10, 27)
    assert zelfonderzoek_uiterlijk(date(2026, 9, 1), weken=8) == date(2026, 10, 27)
    # Eight weeks from Tuesday 10 March 2026 is Tuesday 5 May: Liberation Day, so Wednesday.
    assert zelfonderzoek_uiterlijk(date(2026, 3, 10), weken=8) == date(2026, 5, 6)


def test_working_days_skip_weekends_and_holidays():
    assert plus_werkdagen(date(2026, 11, 2), 3) == date(2026, 11, 5)  # Mon -> Thu
    assert plus_werkdagen(date(2026, 11, 5), 3) == date(2026, 11, 10)  # Thu -> Tue, over the weekend
    assert plus_werkdagen(date(2026, 12, 23), 3) == date(2026, 12, 29)  # Thu 24, (Christmas, weekend), Mon 28, Tue 29
    assert plus_werkdagen(date(2026, 4, 30), 3) == date(2026, 5, 6)  # Fri 1 May, Mon 4, (Tue 5 May), Wed 6
    assert plus_werkdagen(date(2026, 4, 2), 1) == date(2026, 4, 3)  # Good Friday is a working day
    assert werkdagen_tussen(date(2026, 11, 2), date(2026, 11, 9)) == 5
    assert werkdagen_tussen(date(2026, 12, 24), date(2026, 12, 28)) == 1
    assert werkdagen_tussen(date(2026, 11, 9), date(2026, 11, 2)) == 0


def test_reported_within_three_working_days():
    # Event on Thursday 5 November 2026: Fri, Mon, Tue are the three working days.
    assert binnen_werkdagen(date(2026, 11, 5), date(2026, 11, 10), 3)
    assert not binnen_werkdagen(date(2026, 11, 5), date(2026, 11, 11), 3)
    # Over Christmas: event on Wednesday 23 December, the third working day is Tuesday 29.
    assert binnen_werkdagen(date(2026, 12, 23), date(2026, 12, 29), 3)
    assert not binnen_werkdagen(date(2026, 12, 23), date(2026, 12, 30), 3)
    assert binnen_werkdagen(date(2026, 11, 5), date(2026, 11, 5), 3)


def test_terms_in_the_units_of_the_kennisbank():
    assert termijn_in("weken", 2, date(2026, 11, 2)) == date(2026, 11, 16)
    assert termijn_in("dagen", 5, date(2026, 11, 30)) == date(2026, 12, 7)
    assert termijn_in("werkdagen", 3, date(2026, 11, 5)) == date(2026, 11, 10)
    with pytest.raises(ValueError):
        termijn_in("maanden", 1, date(2026, 11, 2))


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


@settings(max_examples=400, deadline=None)
@given(begin=dates, weken=st.integers(0, 60), dagen=st.integers(0, 30))
def test_a_terms_end_is_a_working_day_never_before_and_at_most_a_few_days_after_the_plain_date(begin, weken, dagen):
    plain = begin + timedelta(weeks=weken, days=dagen)
    eind = einde_termijn(begin, weken=weken, dagen=dagen)
    assert is_werkdag(eind)
    assert eind >= plain
    # The longest run of non-working days: Christmas on Friday and Saturday, then Sunday (or
    # Koningsdag on Saturday, Sunday); never more than four days.
    assert (eind - plain).days <= 4
    assert eind == plain or not is_werkdag(plain)


@settings(max_examples=300, deadline=None)
@given(begin=dates, aantal=st.integers(1, 20))
def test_working_days_count_back_exactly(begin, aantal):
    eind = plus_werkdagen(begin, aantal)
    assert is_werkdag(eind)
    assert werkdagen_tussen(begin, eind) == aantal
    assert werkdagen_tussen(begin, eind - timedelta(days=1)) == aantal - 1
    # At most two weekend days and a few holidays in between per week of working days.
    assert aantal <= (eind - begin).days <= aantal + 2 * (aantal // 5 + 2) + 4


@settings(max_examples=200, deadline=None)
@given(dag=dates)
def test_next_working_day(dag):
    volgende = volgende_werkdag(dag)
    assert is_werkdag(volgende)
    assert all(not is_werkdag(dag + timedelta(days=n)) for n in range((volgende - dag).days))


@pytest.mark.django_db
def test_the_figures_are_those_of_the_kennisbank_text():
    from kennisbank.models import ToezichtsvormPage

    vorm = ToezichtsvormPage.objects.get(title="Toezicht op calamiteiten en geweldsincidenten")
    assert "(binnen 3 werkdagen)" in vorm.aanleiding
    assert "zelfonderzoek binnen 8 weken ter beoordeling" in vorm.werkwijze
    assert termijnen.calamiteitstermijnen() == Calamiteitstermijnen(melden_werkdagen=3, zelfonderzoek_weken=8)
    # The defaults are the page's: 8 weeks from Tuesday 1 September, the third working day.
    assert zelfonderzoek_uiterlijk(date(2026, 9, 1)) == date(2026, 10, 27)
    assert binnen_werkdagen(date(2026, 11, 5), date(2026, 11, 10))
    assert not binnen_werkdagen(date(2026, 11, 5), date(2026, 11, 11))
    vorm.unpublish()
    with pytest.raises(termijnen.TermijnenOntbreken, match="staan niet in de kennisbank"):
        termijnen.calamiteitstermijnen()
