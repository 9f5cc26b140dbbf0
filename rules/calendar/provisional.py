"""Statutory holidays for a year with no official notice loaded (a *provisional* year).

《全国年节及纪念日放假办法》 fixes which days are holidays; the yearly 国务院办公厅 notice then arranges the
调休. Without the notice we count weekends plus the statutory holidays only, with no 调休, and mark every
deadline that depends on such a year as provisional.
"""
from __future__ import annotations

from datetime import date, timedelta

from lunardate import LunarDate
from workalendar.astronomy import solar_term

# 《全国年节及纪念日放假办法》第二条 — (first year in force, {holiday: days}).
# 2013 revision (国务院令第644号): 春节 初一至初三, 劳动节 1 day.
# 2024 revision (国务院令第795号, in force from 2025): 春节 除夕至初三, 劳动节 5/1–5/2.
STATUTORY_RULES: tuple[tuple[int, dict[str, int]], ...] = (
    (2014, {"元旦": 1, "春节": 3, "春节含除夕": 0, "清明节": 1, "劳动节": 1, "端午节": 1, "中秋节": 1, "国庆节": 3}),
    (2025, {"元旦": 1, "春节": 3, "春节含除夕": 1, "清明节": 1, "劳动节": 2, "端午节": 1, "中秋节": 1, "国庆节": 3}),
)
# Beijing time is UTC+8; workalendar precomputes solar terms for Asia/Hong_Kong (also UTC+8).
SOLAR_TERM_TZ = "Asia/Hong_Kong"
QINGMING_LONGITUDE = 15  # 清明: the sun at 15° ecliptic longitude


def _rule_for(year: int) -> dict[str, int]:
    applicable = [rule for first, rule in STATUTORY_RULES if first <= year]
    return applicable[-1] if applicable else STATUTORY_RULES[0][1]


def _run(start: date, days: int) -> list[date]:
    return [start + timedelta(days=i) for i in range(days)]


def _statutory_runs(year: int) -> list[tuple[str, list[date]]]:
    """Each statutory holiday of ``year`` with its days (《全国年节及纪念日放假办法》第二条)."""
    rule = _rule_for(year)

    def lunar(y: int, m: int, d: int) -> date:
        return LunarDate(y, m, d).to_solar_date()

    eve = rule["春节含除夕"]
    return [
        ("元旦", _run(date(year, 1, 1), rule["元旦"])),
        ("春节", _run(lunar(year, 1, 1) - timedelta(days=eve), rule["春节"] + eve)),
        ("清明节", _run(solar_term(year, QINGMING_LONGITUDE, SOLAR_TERM_TZ), rule["清明节"])),
        ("劳动节", _run(date(year, 5, 1), rule["劳动节"])),
        ("端午节", _run(lunar(year, 5, 5), rule["端午节"])),
        ("中秋节", _run(lunar(year, 8, 15), rule["中秋节"])),
        ("国庆节", _run(date(year, 10, 1), rule["国庆节"])),
    ]


def statutory_holidays(year: int) -> list[tuple[date, str]]:
    """The days off of ``year`` without a notice (weekends not included), as (date, holiday name).

    《全国年节及纪念日放假办法》第六条: a holiday for all citizens that falls on a Saturday or Sunday is made up
    (补假) on a working day — here the first free weekdays after the holiday. A day claimed by two holidays
    (中秋 inside 国庆) is made up the same way, as the yearly notices have done (2020, 2023, 2025).
    """
    days: dict[date, str] = {}
    for name, run in _statutory_runs(year):
        lost = 0
        for day in run:
            lost += day.weekday() >= 5 or day in days
            days.setdefault(day, name)
        candidate = run[-1]
        while lost:
            candidate += timedelta(days=1)
            if candidate.weekday() < 5 and candidate not in days:
                days[candidate] = f"{name}（补假）"
                lost -= 1
    return sorted(days.items())
