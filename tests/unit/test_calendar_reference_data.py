"""The calendar agrees, day by day, with two independent public datasets and with the reference CSV."""
from __future__ import annotations

import bisect
import csv
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import holidays
import pytest

from rules.calendar import load_calendar

FIRST, LAST = date(2018, 1, 1), date(2026, 12, 31)
ALL_DAYS = [FIRST + timedelta(days=i) for i in range((LAST - FIRST).days + 1)]
# The official rows 2018-2026, sources named in the file's header; part of the repository, so never skipped.
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "calendar"
REFERENCE_CSV = FIXTURES / "cn-official-calendar-2018-2026.csv"


def _chinese_calendar_is_working(day: date) -> bool:
    return chinese_calendar.is_workday(day)


_HOLIDAYS_CN = holidays.China(years=range(2018, 2027))


def _holidays_is_working(day: date) -> bool:
    return _HOLIDAYS_CN.is_working_day(day)


@pytest.fixture(scope="module")
def cal():
    return load_calendar()


@pytest.mark.parametrize("reference", [_chinese_calendar_is_working, _holidays_is_working],
                         ids=["chinese-calendar", "holidays"])
def test_every_day_2018_to_2026_has_the_same_working_status_as_the_reference(cal, reference):
    mismatches = [d for d in ALL_DAYS if cal.is_working_day(d) != reference(d)]
    assert mismatches == []


@pytest.mark.parametrize("reference", [_chinese_calendar_is_working, _holidays_is_working],
                         ids=["chinese-calendar", "holidays"])
def test_twenty_working_days_after_every_day_matches_the_reference(cal, reference):
    reference_workdays = [d for d in ALL_DAYS if reference(d)]
    checked = mismatches = 0
    for day in ALL_DAYS:
        index = bisect.bisect_right(reference_workdays, day) + 19
        if index >= len(reference_workdays):
            break  # the reference datasets end with 2026
        checked += 1
        if cal.add_working_days(day, 20) != reference_workdays[index]:
            mismatches += 1
    assert checked > 3000
    assert mismatches == 0


def test_working_days_between_agrees_with_add_working_days(cal):
    for day in ALL_DAYS[::7]:
        for n in (1, 7, 15, 20, 40):
            assert cal.working_days_between(day, cal.add_working_days(day, n)) == n


def test_data_files_hold_exactly_the_rows_of_the_reference_csv(cal):
    with REFERENCE_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    expected = {date.fromisoformat(r["date"]): r["kind"] == "work" for r in rows}
    loaded = {r.day: r.working for y in cal.official_years for r in cal.files[y].days}
    assert loaded == expected


def test_workalendar_holiday_listing_is_fed_from_our_data(cal):
    listed = {d for d, _ in cal.holidays(2026)}
    assert date(2026, 2, 23) in listed and date(2026, 10, 7) in listed
    assert not any(cal.is_working_day(d) for d in listed)
    assert all(d.year == 2026 for d in listed)
