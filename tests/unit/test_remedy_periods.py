"""Secondary deadlines on the real calendar; expected dates counted by hand from STATUTE.md §8."""
from __future__ import annotations

from datetime import date

import pytest

from rules.calendar import load_calendar
from rules.clock import correction_notice_due as reexported
from rules.remedy_periods import (
    FEE_PAYMENT_DAYS, add_months, consultee_due, correction_notice_due, direct_suit_deadline, fee_payment_due,
    reconsideration_deadline, suit_after_reconsideration_deadline,
)

D = date


@pytest.fixture(scope="module")
def cal():
    return load_calendar()


def test_correction_notice_is_due_seven_working_days_after_receipt(cal):
    # T0 9/28: 9/29=1, 9/30=2, 10/8=3, 10/9=4, Sat 10/10=5, 10/12=6, 10/13=7
    assert correction_notice_due(cal, D(2026, 9, 28)) == D(2026, 10, 13)
    assert reexported is correction_notice_due


def test_a_consultee_has_fifteen_working_days_from_receiving_the_letter(cal):
    # Letter received Thu 2/12: 2/13=1, Sat 2/14=2, 2/15–2/23 off, 2/24–27=3..6, Sat 2/28=7,
    # 3/2–6=8..12, 3/9=13, 3/10=14, 3/11=15
    assert consultee_due(cal, D(2026, 2, 12)) == D(2026, 3, 11)


def test_fee_payment_window_defaults_to_twenty_working_days_and_is_configurable(cal):
    # Notice received Thu 4/30; 5/1–5/5 off; 5/6–8=1..3, Sat 5/9=4, 5/11–15=5..9, 5/18–22=10..14,
    # 5/25–29=15..19, 6/1=20
    assert FEE_PAYMENT_DAYS == 20
    assert fee_payment_due(cal, D(2026, 4, 30)) == D(2026, 6, 1)
    assert fee_payment_due(cal, D(2026, 4, 30), days=10) == D(2026, 5, 18)
    with pytest.raises(ValueError):
        fee_payment_due(cal, D(2026, 4, 30), days=0)


@pytest.mark.parametrize("served, expected", [
    (D(2026, 6, 1), D(2026, 7, 31)),  # 6/1 + 60 = Fri 7/31, a working day
    (D(2026, 8, 5), D(2026, 10, 8)),  # + 60 = Sun 10/4 (国庆) -> first working day after: Thu 10/8
    (D(2025, 12, 20), D(2026, 2, 24)),  # + 60 = Wed 2/18 (春节 2/15–2/23) -> Tue 2/24
    (D(2026, 3, 2), D(2026, 5, 6)),  # + 60 = Fri 5/1 (劳动节 5/1–5/5) -> Wed 5/6
    (D(2026, 8, 11), D(2026, 10, 10)),  # + 60 = Sat 10/10, a 调休 working day: not a day off, stays
    (D(2026, 7, 7), D(2026, 9, 7)),  # + 60 = Sat 9/5, an ordinary weekend -> Mon 9/7
])
def test_reconsideration_period_is_sixty_days_moving_off_a_day_off(cal, served, expected):
    assert reconsideration_deadline(cal, served) == expected


@pytest.mark.parametrize("served, expected", [
    (D(2026, 3, 15), D(2026, 9, 15)),  # corresponding day, Tue 9/15
    (D(2026, 3, 31), D(2026, 9, 30)),  # September has no 31st -> month end, Wed 9/30
    (D(2023, 8, 31), D(2024, 2, 29)),  # leap year month end, Thu 2/29 (working)
    (D(2026, 8, 31), D(2027, 3, 1)),  # -> 2027-02-28, a Sunday -> Mon 3/1 (provisional 2027)
    (D(2026, 4, 3), D(2026, 10, 8)),  # -> Sat 10/3 (国庆) -> Thu 10/8
])
def test_direct_suit_period_is_six_months_with_month_end_clamping(cal, served, expected):
    assert direct_suit_deadline(cal, served) == expected


def test_add_months_crosses_years_and_clamps(cal):
    assert add_months(D(2026, 12, 31), 2) == D(2027, 2, 28)
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 11, 30), 6) == D(2027, 5, 30)


def test_suit_after_reconsideration_is_fifteen_days_from_the_decision(cal):
    assert suit_after_reconsideration_deadline(cal, D(2026, 11, 2)) == D(2026, 11, 17)  # Tue, working
    # Received Sun 9/20 (a 调休 working day): + 15 = Mon 10/5 (国庆) -> Thu 10/8
    assert suit_after_reconsideration_deadline(cal, D(2026, 9, 20)) == D(2026, 10, 8)
