"""The recompute job commits in small batches, so a user's write gets in while it runs; failed cases are
reported, not hidden; it never writes history dated in the future."""
from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select

from tests.support.factories import DAY1, load
from tests.support.bulk_cases import insert_open_cases
from workflow import commands as cmd
from workflow import services as sv
from workflow.db import SQLITE_BUSY_TIMEOUT_MS
from workflow.errors import InvalidInput
from workflow.jobs.recompute import recompute_open_deadlines
from workflow.models import Application, ClockEventRecord, History

BULK = 4_000


def _wait_for(condition, seconds: float = 60) -> None:
    limit = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < limit, "timed out"
        time.sleep(0.005)


def _history_ids(session_factory, trigger: str) -> list[int]:
    with session_factory() as session:
        return session.scalars(select(History.id).where(History.trigger == trigger)
                               .order_by(History.id)).all()


def test_a_user_action_during_a_long_recompute_gets_in_quickly_and_the_job_goes_on(
        engine, session_factory, people, create_case):
    target = create_case()
    with engine.begin() as conn:  # thousands of open cases with no due date stored yet: every one changes
        insert_open_cases(conn, load(session_factory, target.id).agency_id, BULK, DAY1)
    outcome = {}
    job = threading.Thread(target=lambda: outcome.update(
        result=recompute_open_deadlines(session_factory, DAY1, batch_size=20)))
    job.start()
    try:
        _wait_for(lambda: _history_ids(session_factory, "recompute_deadline"))  # the first batch is committed
        began = time.monotonic()
        sv.extend_deadline(
            session_factory, cmd.ExtendDeadline(days=5, reason="r"), actor_id=people.supervisor,
            case_id=target.id, expected_version=target.version, today=DAY1)
        waited = time.monotonic() - began
    finally:
        job.join(timeout=120)
    assert waited < SQLITE_BUSY_TIMEOUT_MS / 1000 / 2, f"the user waited {waited:.1f} s"
    (user_row,) = _history_ids(session_factory, "extend_deadline")
    job_rows = _history_ids(session_factory, "recompute_deadline")
    assert len(job_rows) == BULK == len(outcome["result"].changes)
    assert job_rows[0] < user_row < job_rows[-1]  # the job wrote before and after the user's action


def test_a_case_whose_clock_fails_is_reported_and_the_others_are_recomputed(
        engine, session_factory, create_case):
    broken, fine = create_case(), create_case()
    with engine.begin() as conn:
        conn.execute(insert(ClockEventRecord).values(application_id=broken.id, clock_round=1, kind="received",
                                                     day=DAY1))  # a second 收到申请: an impossible clock
        conn.execute(Application.__table__.update().values(due_date=None))

    result = recompute_open_deadlines(session_factory, DAY1)

    assert [c.case_id for c in result.changes] == [fine.id]
    assert [f.case_id for f in result.failures] == [broken.id]
    assert "收到申请日已确定" in result.failures[0].reason


def test_a_date_later_than_today_is_refused_unless_it_is_a_dry_run(session_factory, create_case):
    create_case()
    tomorrow = DAY1 + timedelta(days=1)
    with pytest.raises(InvalidInput, match="--dry-run"):
        recompute_open_deadlines(session_factory, tomorrow, real_today=DAY1)
    assert recompute_open_deadlines(session_factory, tomorrow, real_today=DAY1, dry_run=True).failures == []
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(History)
                              .where(History.trigger == "recompute_deadline")) == 0


def test_two_recomputes_at_once_log_each_change_exactly_once(engine, session_factory, people, create_case):
    target = create_case()
    with engine.begin() as conn:
        insert_open_cases(conn, load(session_factory, target.id).agency_id, 600, DAY1)
    barrier, results = threading.Barrier(2), []

    def run():
        barrier.wait()
        results.append(recompute_open_deadlines(session_factory, DAY1, batch_size=25))

    jobs = [threading.Thread(target=run) for _ in range(2)]
    for job in jobs:
        job.start()
    for job in jobs:
        job.join(timeout=120)
    assert sum(len(r.changes) for r in results) == 600  # what one job wrote, the other skipped as changed
    with session_factory() as session:
        per_case = session.execute(select(History.application_id, func.count()).where(
            History.trigger == "recompute_deadline").group_by(History.application_id)).all()
    assert len(per_case) == 600 and {count for _, count in per_case} == {1}
