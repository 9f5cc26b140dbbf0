"""``compute_deadline(..., explain=False)`` (what the recompute job uses) gives the same dates and flags as
the full computation, only without the explanation text."""
from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from rules.calendar import load_calendar
from rules.clock import ClockEvent, EventKind, compute_deadline


def _random_clock(rng: random.Random) -> list[ClockEvent]:
    t0 = date(2025, 1, 1) + timedelta(days=rng.randrange(700))
    events = [ClockEvent(EventKind.RECEIVED, t0)]
    if rng.random() < 0.4:
        sent = t0 + timedelta(days=rng.randrange(1, 15))
        events.append(ClockEvent(EventKind.PAUSE_STARTED, sent, ref="consultation:1"))
        if rng.random() < 0.6:
            events.append(ClockEvent(EventKind.PAUSE_ENDED, sent + timedelta(days=rng.randrange(1, 30)),
                                     ref="consultation:1"))
    if rng.random() < 0.3:
        events.append(ClockEvent(EventKind.EXTENDED, t0 + timedelta(days=20), days=rng.randrange(1, 21)))
    if rng.random() < 0.2:
        last = max(event.day for event in events)
        events.append(ClockEvent(EventKind.ANSWERED, last + timedelta(days=rng.randrange(1, 40))))
    return events


def test_without_the_explanation_every_date_and_flag_is_the_same():
    calendar, rng = load_calendar(), random.Random(8)
    for _ in range(500):
        events = _random_clock(rng)
        today = events[0].day + timedelta(days=rng.randrange(0, 90))
        full = compute_deadline(calendar, events, today)
        quick = compute_deadline(calendar, events, today, explain=False)
        assert quick.explanation == () and replace(full, explanation=()) == quick
