"""The official working-day calendar: workalendar's Chinese calendar fed with our own data.

Working day = Monday–Friday, minus the days off of the 国务院办公厅 notice, plus its 调休 working weekends
(STATUTE.md §8); optionally a regional overlay on top. Counting follows 民事诉讼法第八十五条: the day an
event happens is not counted, so "N working days from X" is the N-th working day strictly after X.

Lookups never walk day by day: a cumulative index over the whole covered range answers in O(1).
"""
from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import Iterable

from workalendar.core import ChineseNewYearCalendar

from rules.calendar.datafiles import CalendarFile, Notice
from rules.calendar.errors import CalendarYearMissing
from rules.calendar.provisional import statutory_holidays


@dataclass(frozen=True)
class DayInfo:
    day: date
    working: bool
    weekend: bool
    holiday: str | None  # name of the holiday when the day is off (or a 调休 working weekend)
    official: bool


class OfficialCalendar(ChineseNewYearCalendar):
    """China's official working-day calendar built from data files; see :func:`rules.calendar.load_calendar`."""

    # Late December can still be changed by the next year's notice (a cross-year 元旦: the 2019 notice made
    # 2018-12-29 a working Saturday and 12-30/31 days off). From this day on, a day of the last official year is
    # official only once the next year's notice is loaded.
    NEXT_NOTICE_REACH = (12, 20)

    def __init__(self, years: dict[int, CalendarFile], overlays: Iterable[CalendarFile] = (),
                 provisional_years: int = 3, region: str | None = None) -> None:
        super().__init__()
        if not years:
            raise ValueError("至少需要一个年度数据文件")
        self.region = region
        self.files = MappingProxyType(dict(sorted(years.items())))
        self.overlays = tuple(overlays)
        self.official_years = tuple(self.files)
        self.first_year = self.official_years[0]
        self.last_year = self.official_years[-1] + provisional_years
        self._rules = self._merge_rules()
        self._build_index()

    # --- data -------------------------------------------------------------------------------------------
    def _merge_rules(self) -> dict[date, tuple[bool, str]]:
        """date -> (working?, holiday name); national first, then each overlay (broadest first) overrides."""
        rules: dict[date, tuple[bool, str]] = {}
        for year in range(self.first_year, self.last_year + 1):
            if year in self.files:
                rules.update({r.day: (r.working, r.name) for r in self.files[year].days})
            else:
                rules.update({day: (False, name) for day, name in statutory_holidays(year)})
        for overlay in self.overlays:
            rules.update({r.day: (r.working, r.name) for r in overlay.days})
        return rules

    def _build_index(self) -> None:
        start = date(self.first_year, 1, 1)
        end = date(self.last_year, 12, 31)
        self._base = start.toordinal()
        self._end = end.toordinal()
        count = 0
        cumulative: list[int] = []
        workdays: list[int] = []
        for ordinal in range(self._base, self._end + 1):
            if self._compute_working(date.fromordinal(ordinal)):
                count += 1
                workdays.append(ordinal)
            cumulative.append(count)
        self._cumulative = cumulative  # working days x with start <= x <= day
        self._workdays = workdays  # ordinals of working days, ascending

    def _compute_working(self, day: date) -> bool:
        rule = self._rules.get(day)
        if rule is not None:
            return rule[0]
        return day.weekday() not in self.get_weekend_days()

    def _missing(self, day: date) -> CalendarYearMissing:
        return CalendarYearMissing(day, self.official_years, self.last_year)

    def _offset(self, day: date) -> int:
        ordinal = day.toordinal()
        if not self._base <= ordinal <= self._end:
            raise self._missing(day)
        return ordinal - self._base

    def _count_upto(self, day: date) -> int:
        """Working days x with first covered day <= x <= day (the day before the range counts 0)."""
        if day.toordinal() == self._base - 1:
            return 0
        return self._cumulative[self._offset(day)]

    # --- workalendar interface ----------------------------------------------------------------------------
    def get_calendar_holidays(self, year: int) -> list[tuple[date, str]]:
        """Days off other than ordinary weekends (workalendar's hook; our data, never its China tables)."""
        if not self.first_year <= year <= self.last_year:
            raise self._missing(date(year, 1, 1))
        return sorted((d, name) for d, (working, name) in self._rules.items() if d.year == year and not working)

    def get_working_weekends(self, year: int) -> list[tuple[date, str]]:
        """调休 working weekends of ``year``, as (date, holiday name)."""
        return sorted((d, name) for d, (working, name) in self._rules.items() if d.year == year and working)

    def holidays(self, year: int | None = None):
        if year is None:  # workalendar would read today's date: rules never read the clock
            raise TypeError("holidays() 须指定年份")
        return super().holidays(year)

    # --- public API ---------------------------------------------------------------------------------------
    def is_working_day(self, day, extra_working_days=None, extra_holidays=None) -> bool:
        """Whether ``day`` is a working day (weekday not off, or a 调休 working weekend)."""
        _no_extras(extra_working_days, extra_holidays)
        offset = self._offset(day)
        previous = self._cumulative[offset - 1] if offset else 0
        return self._cumulative[offset] != previous

    def add_working_days(self, day, delta, extra_working_days=None, extra_holidays=None, keep_datetime=False):
        """The ``delta``-th working day strictly after ``day`` (``day`` itself never counts), ``delta`` >= 1."""
        _no_extras(extra_working_days, extra_holidays, keep_datetime)
        if operator.index(delta) < 1:
            raise ValueError("add_working_days 只接受 n >= 1")
        target = self._count_upto(day) + delta - 1
        if target >= len(self._workdays):
            raise self._missing(date(self.last_year + 1, 1, 1))
        return date.fromordinal(self._workdays[target])

    def sub_working_days(self, day, delta, extra_working_days=None, extra_holidays=None, keep_datetime=False):
        """The ``delta``-th working day strictly before ``day``, ``delta`` >= 1."""
        _no_extras(extra_working_days, extra_holidays, keep_datetime)
        if operator.index(delta) < 1:
            raise ValueError("sub_working_days 只接受 n >= 1")
        target = self._count_upto(day - timedelta(days=1)) - delta
        if target < 0:
            raise self._missing(date(self.first_year - 1, 12, 31))
        return date.fromordinal(self._workdays[target])

    def find_following_working_day(self, day: date) -> date:
        """``day`` if it is a working day, else the next one (workalendar's version ignores holidays)."""
        return day if self.is_working_day(day) else self.add_working_days(day, 1)

    def working_days_between(self, a: date, b: date) -> int:
        """Number of working days x with a < x <= b (0 when a == b); requires a <= b."""
        if b < a:
            raise ValueError(f"working_days_between 要求 a <= b（{a} > {b}）")
        return self._count_upto(b) - self._count_upto(a)

    def is_official(self, day: date) -> bool:
        """True when ``day`` is settled by a loaded official notice (False: provisional).

        Late December of the last official year stays provisional until the next year's notice is loaded.
        """
        self._offset(day)
        if day.year not in self.files:
            return False
        return day.year + 1 in self.files or (day.month, day.day) < self.NEXT_NOTICE_REACH

    def missing_notices(self, first: date, last: date) -> tuple[int, ...]:
        """The years whose 国务院办公厅 notice is not loaded although it decides a day in [first, last]: the
        day's own year, or — for late December of the last loaded year — the next year's (a cross-year 元旦).
        Empty when every day of the range is official. Raises CalendarYearMissing for an uncovered end.
        """
        self._offset(first)
        self._offset(last)
        missing = set()
        for year in range(first.year, last.year + 1):
            if year not in self.files:
                missing.add(year)
            elif year + 1 not in self.files and last >= date(year, *self.NEXT_NOTICE_REACH):
                missing.add(year + 1)
        return tuple(sorted(missing))

    def notices(self, year: int) -> tuple[Notice, ...]:
        """The official notices behind ``year`` (empty for a provisional year)."""
        return self.files[year].notices if year in self.files else ()

    def day_info(self, day: date) -> DayInfo:
        """What a person needs to know about one day (used for explanations, not for arithmetic)."""
        working = self.is_working_day(day)
        rule = self._rules.get(day)
        weekend = day.weekday() in self.get_weekend_days()
        return DayInfo(day, working, weekend, rule[1] if rule else None, self.is_official(day))

    def days(self, start: date, end: date) -> list[DayInfo]:
        """Every day in [start, end] with its status."""
        return [self.day_info(start + timedelta(days=i)) for i in range((end - start).days + 1)]


def _no_extras(*extras) -> None:
    """workalendar's per-call extras would bypass the index (and lose 调休): refuse them."""
    if any(extras):
        raise TypeError("本日历不支持 extra_working_days / extra_holidays / keep_datetime 参数")
