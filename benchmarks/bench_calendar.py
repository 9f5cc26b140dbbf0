"""add_working_days(d, 20): our indexed calendar vs workalendar's own China calendar, same process, same dates.

Goal (issue 2): at least 100x faster. Dates are drawn from 2019–2023, the years workalendar's China tables cover.
"""
from __future__ import annotations

import random
import time
import warnings
from datetime import date, timedelta

from workalendar.asia import China

from rules.calendar import load_calendar

CALLS = 100_000
GOAL = 100.0


def goal_met(ratio: float) -> bool:
    return ratio >= GOAL


def _dates(count: int, seed: int = 20261121) -> list[date]:
    rng = random.Random(seed)
    start, span = date(2019, 1, 1), (date(2023, 11, 30) - date(2019, 1, 1)).days
    return [start + timedelta(days=rng.randrange(span)) for _ in range(count)]


def _time(func, days: list[date]) -> tuple[float, list[date]]:
    began = time.perf_counter()
    results = [func(d, 20) for d in days]
    return time.perf_counter() - began, results


def _cached_load_microseconds(calls: int = 20_000) -> float:
    """One cached ``load_calendar()`` call (every request makes one: it checks the data folders' files)."""
    load_calendar()
    began = time.perf_counter()
    for _ in range(calls):
        load_calendar()
    return (time.perf_counter() - began) / calls * 1e6


def main() -> float:
    days = _dates(CALLS)
    ours = load_calendar()
    reference = China()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # workalendar's China warns that its tables stop at 2023
        for year in range(2019, 2024):
            reference.holidays(year)  # warm its per-year cache: we compare steady-state lookups
        ours_seconds, ours_results = _time(ours.add_working_days, days)
        ref_seconds, ref_results = _time(reference.add_working_days, days)
    differing = sum(a != b for a, b in zip(ours_results, ref_results))
    ratio = ref_seconds / ours_seconds
    print(f"calls: {CALLS:,} add_working_days(d, 20), d in 2019–2023")
    print(f"xxgk calendar:        {ours_seconds:8.3f} s  ({ours_seconds / CALLS * 1e6:7.2f} µs/call)")
    print(f"workalendar China:    {ref_seconds:8.3f} s  ({ref_seconds / CALLS * 1e6:7.2f} µs/call)")
    print(f"speed-up: {ratio:,.0f}x (goal ≥ {GOAL:.0f}x) — {'met' if ratio >= GOAL else 'NOT met'}")
    print(f"results differing from workalendar: {differing:,} of {CALLS:,} "
          "(workalendar's 2020 data misses the Spring Festival extension)")
    print(f"load_calendar() when cached (checks the data folders): {_cached_load_microseconds():.0f} µs/call")
    return ratio


if __name__ == "__main__":
    raise SystemExit(0 if main() >= GOAL else 1)
