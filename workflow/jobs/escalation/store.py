"""Where the escalation job reads and writes: which alerts exist already, a batch of new alerts with their
recipients (one short transaction), and the job's JobRun row."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date, timedelta
from typing import Iterable, Iterator, Optional

from sqlalchemy import insert, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from workflow.boundary import domain_errors
from workflow.jobs.escalation.plan import PlannedAlert
from workflow.models import Alert, AlertRecipient, JobRun, utcnow
from workflow.services.calendar_install import JOB as UPLOAD_JOB
from workflow.uow import unit_of_work

JOB = "escalate"
# pg_try_advisory_lock key of the escalation job ("xxgk" in ASCII): one run at a time per database.
ADVISORY_LOCK_KEY = 0x78786B67
_ALERTS, _RECIPIENTS = Alert.__table__, AlertRecipient.__table__
# SQLite has no run lock: a run still 'running' after this long is a dead process's (100,000 cases take
# seconds, benchmarks/bench_escalate.py), not one running beside us.
ABANDONED_AFTER = timedelta(hours=1)
ABANDONED = "运行中断（进程被终止或断电）：已写入的提醒保留，其余由之后的运行补齐。"


def existing_keys(session_factory: sessionmaker[Session], keys: list[str]) -> set[str]:
    """Those of ``keys`` that an alert already has (one indexed read, no lock)."""
    if not keys:
        return set()
    with session_factory() as session:
        return set(session.scalars(select(Alert.dedupe_key).where(Alert.dedupe_key.in_(keys))))


def write_alerts(session_factory: sessionmaker[Session], planned: list[PlannedAlert], legal_date: date,
                 job_run_id: Optional[int]) -> list[PlannedAlert]:
    """Insert the alerts and their recipients in one transaction; an alert whose key another run stored in
    the meantime is skipped by the database (ON CONFLICT DO NOTHING), recipients and all. Returns those
    written. Raises the unit of work's domain errors (e.g. DatabaseBusy)."""
    if not planned:
        return []
    created_at = utcnow()
    with unit_of_work(session_factory) as session:
        conn = session.connection()
        stored = dict(conn.execute(
            _insert_ignoring_duplicates(conn.dialect.name).returning(_ALERTS.c.dedupe_key, _ALERTS.c.id),
            [_alert_row(p, legal_date, job_run_id, created_at) for p in planned]).all())
        rows = [{"alert_id": stored[p.dedupe_key], "user_id": user_id}
                for p in planned if p.dedupe_key in stored for user_id in p.recipients]
        if rows:
            conn.execute(insert(_RECIPIENTS), rows)
    return [p for p in planned if p.dedupe_key in stored]


def _insert_ignoring_duplicates(dialect: str):
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(_ALERTS).on_conflict_do_nothing(index_elements=["dedupe_key"])


def _alert_row(p: PlannedAlert, legal_date: date, job_run_id: Optional[int], created_at) -> dict:
    return dict(agency_id=p.agency_id, application_id=p.application_id, kind=p.kind, record_id=p.record_id,
                subject=p.subject, due_on=p.due_on, level=p.level, working_days_left=p.working_days_left,
                proposal=p.proposal, message=p.message, legal_date=legal_date, created_at=created_at,
                dedupe_key=p.dedupe_key, job_run_id=job_run_id)


def start_run(session_factory: sessionmaker[Session], legal_date: date, status: str = "running",
              summary: Optional[dict] = None) -> int:
    """Record a run of the job (committed at once, so that admins see it while it runs); its id."""
    with unit_of_work(session_factory) as session:
        run = JobRun(job=JOB, legal_date=legal_date, status=status, summary=summary or {})
        if status != "running":
            run.finished_at = utcnow()
        session.add(run)
        session.flush()
        return run.id


def close_abandoned_runs(session_factory: sessionmaker[Session]) -> int:
    """Mark as failed the earlier runs left 'running' by a process that died (kill -9, power loss), so that
    admins do not see them running for good. Called while holding the run lock: on PostgreSQL every other
    'running' escalation row is then dead; on SQLite only those started :data:`ABANDONED_AFTER` ago — and
    calendar uploads (``calendar_upload``) of that age on both. Returns how many."""
    stale = JobRun.started_at < utcnow() - ABANDONED_AFTER
    with unit_of_work(session_factory) as session:
        ours = JobRun.job == JOB
        if session.get_bind().dialect.name != "postgresql":
            ours = ours & stale
        # a calendar upload runs in one web request (seconds): after an hour its worker is gone
        runs = session.scalars(select(JobRun).where(
            JobRun.status == "running", ours | ((JobRun.job == UPLOAD_JOB) & stale))).all()
        for run in runs:
            run.status, run.finished_at = "failed", utcnow()
            run.summary = {**(run.summary or {}), "error": ABANDONED}
        return len(runs)


def finish_run(session_factory: sessionmaker[Session], run_id: int, status: str, summary: dict) -> None:
    """Close the run's row with its outcome and counts."""
    with unit_of_work(session_factory) as session:
        run = session.get(JobRun, run_id)
        run.status, run.summary, run.finished_at = status, summary, utcnow()


@contextmanager
def single_run(session_factory: sessionmaker[Session]) -> Iterator[bool]:
    """True inside the block when this is the only escalation run on the database. PostgreSQL: a session
    advisory lock, held on its own connection for the whole run (the loser gets False at once, never
    waits). SQLite: always True — one writer at a time and the unique key keep two runs from duplicating."""
    engine = session_factory.kw["bind"]
    if engine.dialect.name != "postgresql":
        yield True
        return
    with domain_errors():
        conn = engine.connect()
        got = bool(conn.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY}))
        conn.commit()
    try:
        yield got
    finally:
        with domain_errors():
            if got:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
                conn.commit()
            conn.close()


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of at most ``size`` items."""
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
