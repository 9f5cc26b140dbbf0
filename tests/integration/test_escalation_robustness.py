"""The escalation job under trouble (issue 10, "Robustness"): a crash half-way, a corrupt case, two runs at
the same moment, a dry run."""
from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import func, select, update

from tests.integration.test_concurrency_and_atomicity import _race
from tests.support.escalation import NOW, admin_fixture, alerts, due_cases_fixture  # noqa: F401 (fixtures)
from tests.support.factories import snapshot
from workflow.jobs.escalation import ANOTHER_RUN, escalate
from workflow.models import Alert, AlertRecipient, Application, JobRun

EXPECTED = 6  # the due deadlines of the due_cases fixture on NOW


class Crash(Exception):
    pass


def _crash_after(n: int):
    def hook(done: int) -> None:
        if done == n:
            raise Crash(f"injected after {n} cases")
    return hook


def _keys_and_recipients(sf) -> tuple[list[str], int]:
    with sf() as session:
        keys = sorted(session.scalars(select(Alert.dedupe_key)))
        return keys, session.scalar(select(func.count()).select_from(AlertRecipient))


def test_a_crash_half_way_keeps_the_committed_batches_and_the_rerun_completes_the_rest(
        session_factory, due_cases):
    planned = escalate(session_factory, NOW, dry_run=True).created
    with pytest.raises(Crash):
        escalate(session_factory, NOW, batch_size=2, after_case=_crash_after(4))
    assert len(alerts(session_factory)) == 2  # the first batch; the second was being planned
    with session_factory() as session:
        crashed = session.scalars(select(JobRun)).one()
    assert crashed.status == "failed" and "injected after 4 cases" in crashed.summary["error"]
    rerun = escalate(session_factory, NOW, batch_size=2)
    assert len(rerun.created) == EXPECTED - 2 and rerun.examined == EXPECTED - 2
    assert _keys_and_recipients(session_factory) == (sorted(p.dedupe_key for p in planned),
                                                     sum(len(p.recipients) for p in planned))


def test_a_run_left_running_by_a_dead_process_is_marked_interrupted_by_the_next(session_factory, due_cases):
    from datetime import timedelta

    from workflow.jobs.escalation.store import ABANDONED, ABANDONED_AFTER
    from workflow.models import utcnow
    started = {"old": utcnow() - ABANDONED_AFTER - timedelta(minutes=1), "recent": utcnow()}
    with session_factory.begin() as session:
        for name, at in started.items():
            session.add(JobRun(job="escalate", legal_date=NOW.date(), status="running", started_at=at,
                               summary={"name": name}))
    escalate(session_factory, NOW)
    with session_factory() as session:
        runs = {r.summary.get("name"): r for r in session.scalars(select(JobRun))}
    assert runs["old"].status == "failed" and runs["old"].summary["error"] == ABANDONED
    assert runs["old"].finished_at is not None
    # PostgreSQL: the run lock proves every other running row dead; SQLite has no such lock (age only)
    expected_recent = "failed" if session_factory.kw["bind"].dialect.name == "postgresql" else "running"
    assert runs["recent"].status == expected_recent and runs[None].status == "completed"


def test_one_corrupt_case_is_reported_and_skipped_and_the_others_are_alerted(session_factory, due_cases):
    with session_factory.begin() as session:  # a due date before any loaded calendar year
        session.execute(update(Application).where(Application.id == due_cases["overdue"])
                        .values(due_date=date(2001, 1, 5)))
    result = escalate(session_factory, NOW)
    assert [f.case_id for f in result.failures] == [due_cases["overdue"]]
    assert "2001-01-05" in result.failures[0].reason and "日历" in result.failures[0].reason
    assert len(result.created) == EXPECTED - 1
    with session_factory() as session:
        run = session.get(JobRun, result.job_run_id)
    assert run.status == "completed" and run.summary["failure_count"] == 1
    assert run.summary["failures"][0]["case_id"] == due_cases["overdue"]


def test_a_dry_run_writes_nothing_not_even_its_run(session_factory, due_cases):
    before = snapshot(session_factory)
    result = escalate(session_factory, NOW, dry_run=True)
    assert len(result.created) == EXPECTED and result.job_run_id is None
    assert snapshot(session_factory) == before
    escalate(session_factory, NOW)
    assert escalate(session_factory, NOW, dry_run=True).created == []


def test_two_runs_at_the_same_moment_create_no_duplicates_and_both_finish(
        database_url, session_factory, due_cases):
    results = _race(*[lambda: escalate(session_factory, NOW, batch_size=2)] * 2)
    assert not [r for r in results if isinstance(r, Exception)], results
    keys, _ = _keys_and_recipients(session_factory)
    assert len(keys) == len(set(keys)) == EXPECTED
    assert sum(len(r.created) for r in results) == EXPECTED
    with session_factory() as session:
        per_alert = session.execute(select(AlertRecipient.alert_id, AlertRecipient.user_id)).all()
    assert len(per_alert) == len(set(per_alert))


def test_on_postgresql_the_second_run_sees_the_first_and_stops(database_url, session_factory, due_cases):
    if database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL advisory lock; SQLite relies on the unique key (test above)")
    loser_done = threading.Event()

    def hold_until_the_loser_is_done(done: int) -> None:
        if done == 1:
            assert loser_done.wait(60)

    def winner():
        return escalate(session_factory, NOW, after_case=hold_until_the_loser_is_done)

    def loser():
        try:
            while not _running(session_factory):
                threading.Event().wait(0.01)
            return escalate(session_factory, NOW)
        finally:
            loser_done.set()
    won, lost = _race(winner, loser)
    assert not isinstance(won, Exception) and not isinstance(lost, Exception), (won, lost)
    assert lost.skipped == ANOTHER_RUN and lost.created == []
    assert len(won.created) == EXPECTED
    with session_factory() as session:
        statuses = sorted(session.scalars(select(JobRun.status)))
    assert statuses == ["completed", "skipped"]


def test_a_dry_run_in_progress_does_not_make_the_real_run_skip_the_day(session_factory, due_cases):
    real_done = threading.Event()

    def dry_run():  # holds still half-way until the real run is over
        return escalate(session_factory, NOW, dry_run=True,
                        after_case=lambda done: done == 1 and real_done.wait(60) and None)

    def real_run():
        try:
            threading.Event().wait(0.2)  # the dry run is under way
            return escalate(session_factory, NOW)
        finally:
            real_done.set()
    tried, real = _race(dry_run, real_run)
    assert not isinstance(tried, Exception) and not isinstance(real, Exception), (tried, real)
    assert real.skipped is None and len(real.created) == EXPECTED


def _running(sf) -> bool:
    with sf() as session:
        return session.scalar(select(func.count()).select_from(JobRun).where(JobRun.status == "running")) > 0
