"""Recompute and users at the same time: a user's committed action wins, the job goes on with the other cases
(and on PostgreSQL does not wait for a case a user is changing); open pauses are not logged as calendar
changes."""
from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from sqlalchemy import func, select, text

from rules.calendar import load_calendar
from tests.support.factories import DAY1, load
from tests.integration.test_recompute_deadlines import _calendar_with_extra_holiday
from workflow.jobs.recompute import recompute_open_deadlines
from workflow.models import History


def test_a_user_action_committed_during_the_recompute_wins_and_the_job_continues(
        database_url, engine, session_factory, create_case, tmp_path):
    first, second = create_case(), create_case()
    data = _calendar_with_extra_holiday(tmp_path, "2026-03-16")
    raced = []

    def loader_that_lets_a_user_act_first(region=None):
        if not raced:  # called after the job has read the cases: a user commits a change to the first one
            raced.append(True)
            with engine.begin() as conn:
                conn.execute(text("UPDATE application SET version = version + 1, due_date = :due "
                                  "WHERE id = :id"), {"due": date(2026, 4, 30), "id": first.id})
        return load_calendar(region, data_dir=data)

    result = recompute_open_deadlines(session_factory, DAY1,
                                      calendar_loader=loader_that_lets_a_user_act_first)

    assert [c.case_id for c in result.changes] == [second.id] and result.conflicts == [first.id]
    assert load(session_factory, second.id).due_date == date(2026, 3, 31)
    stored = load(session_factory, first.id)
    assert (stored.due_date, stored.version) == (date(2026, 4, 30), first.version + 1)
    assert [h.trigger for h in stored.history].count("recompute_deadline") == 0


def test_an_open_pause_is_not_logged_as_a_calendar_change(session_factory, people, create_case):
    consulting = create_case("consultation.awaiting_opinions")
    for day in (date(2026, 3, 20), date(2026, 3, 23)):  # the paused estimate moves daily; no data changed
        assert recompute_open_deadlines(session_factory, day).changes == []
    with session_factory() as session:
        logged = session.scalar(select(func.count()).select_from(History).where(
            History.trigger == "recompute_deadline", History.application_id == consulting.id))
    assert logged == 0 and load(session_factory, consulting.id).version == consulting.version


def test_a_case_a_user_is_changing_right_now_is_skipped_without_waiting(
        database_url, engine, session_factory, create_case, tmp_path):
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite has one write lock: an open write transaction holds back every writer")
    busy, free = create_case(), create_case()
    data = _calendar_with_extra_holiday(tmp_path, "2026-03-16")
    locked, done = threading.Event(), threading.Event()

    def user_action_in_progress():  # holds the row lock until the job is done (at most 10 s)
        with engine.begin() as user:
            user.execute(text("UPDATE application SET version = version + 1 WHERE id = :id"), {"id": busy.id})
            locked.set()
            done.wait(timeout=10)

    user = threading.Thread(target=user_action_in_progress)
    user.start()
    locked.wait(timeout=30)
    began = time.monotonic()
    try:
        result = recompute_open_deadlines(session_factory, DAY1,
                                          calendar_loader=lambda region: load_calendar(region, data_dir=data))
    finally:
        waited = time.monotonic() - began
        done.set()
        user.join(timeout=30)
    assert [c.case_id for c in result.changes] == [free.id] and result.conflicts == [busy.id]
    assert waited < 5
