"""The recompute job: every open case's due date again, e.g. after calendar data changed (STYLE 9).

Idempotent: a second run finds nothing to change. The open cases are read outside any write lock,
``read_size`` at a time (one query for the cases, one for their clock events of the current round), their
deadlines computed without the explanation text, and only the changed ones written — ``batch_size`` cases per
short transaction (one locking read of their versions, one bulk UPDATE, one bulk INSERT of
``recompute_deadline`` history rows old → new), so that users' writes interleave with the job. Per case, a
user's action wins: a case whose version moved since it was read is skipped (that action stored its own
deadline) and the job goes on.
"""
from __future__ import annotations

import gc
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterator, Optional

from sqlalchemy import Row, bindparam, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from rules.calendar import CalendarError, load_calendar
from rules.clock import ClockError, Deadline, compute_deadline
from workflow.boundary import domain_errors
from workflow.deadlines import to_clock_events
from workflow.errors import DomainError, InvalidInput
from workflow.legal_time import legal_today
from workflow.models import Agency, Application, ClockEventRecord, History, Stage, utcnow
from workflow.models.chain import chained_rows, lock_chains
from workflow.services.setup import system_actor_id
from workflow.uow import unit_of_work

TRIGGER = "recompute_deadline"
DEFAULT_BATCH_SIZE = 200  # changed cases per write transaction: small enough that a user's write soon gets in
DEFAULT_READ_SIZE = 5_000  # open cases per read (two queries)
# SQLite has one write lock and no queue: a waiting writer retries at intervals (1, 2, 5 … 100 ms), so after
# each batch the job leaves the lock free this long, or a user would seldom hit the moment between batches.
SQLITE_PAUSE_SECONDS = 0.005
_CASES, _EVENTS, _HISTORY = Application.__table__, ClockEventRecord.__table__, History.__table__


@dataclass(frozen=True)
class DeadlineChange:
    case_id: int
    old_due: Optional[date]
    new_due: Optional[date]
    old_provisional: bool
    new_provisional: bool


@dataclass(frozen=True)
class RecomputeFailure:
    case_id: int
    reason: str  # Chinese, from the clock or the calendar


@dataclass
class RecomputeResult:
    """What one run did: cases examined, due dates changed (written unless a dry run), failures, and the
    cases a user changed while the job ran (skipped: their action stored the deadline)."""
    examined: int = 0
    changes: list[DeadlineChange] = field(default_factory=list)
    failures: list[RecomputeFailure] = field(default_factory=list)
    conflicts: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class _Pending:
    """A change still to be written, with the case as it was read."""
    case: Row
    change: DeadlineChange


def recompute_open_deadlines(session_factory: sessionmaker[Session], today: date, *,
                             calendar_loader: Callable = load_calendar, batch_size: int = DEFAULT_BATCH_SIZE,
                             read_size: int = DEFAULT_READ_SIZE, dry_run: bool = False,
                             real_today: Optional[date] = None) -> RecomputeResult:
    """Recompute the due date of every open (not archived) case as of ``today``; write and log each change.

    Cases with an open pause are left alone: their due date is an estimate that moves every day until the
    action ending the pause stores the real one. A case whose clock or calendar fails is reported in
    ``failures`` and the others go on. With ``dry_run`` nothing is written. Raises InvalidInput when ``today``
    is later than the real legal today (``real_today``, default :func:`legal_today`) and this is not a dry run
    (the history rows would be dated in the future); the unit of work's lock error when a batch cannot get the
    write lock in time.
    """
    _refuse_future(today, real_today or legal_today(), dry_run)
    clocks = _Clocks(calendar_loader, today)
    result, pending = RecomputeResult(), []
    with without_cycle_collection():
        for cases, events in _open_cases(session_factory, read_size):
            result.examined += len(cases)
            for case in cases:
                change = _recompute_case(case, events[case.id], clocks, result)
                if change is not None:
                    pending.append(_Pending(case, change))
                if len(pending) >= batch_size:
                    _settle(session_factory, pending, today, dry_run, result)
                    pending = []
        _settle(session_factory, pending, today, dry_run, result)
    return result


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """The job allocates millions of short-lived objects that form no cycles (rows, events, tuples); the cycle
    collector's full passes over a growing heap made it ~30 % slower per case at 100,000 cases than at 10,000
    (benchmarks/bench_recompute.py). Reference counting still frees them; collection resumes afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _refuse_future(today: date, real_today: date, dry_run: bool) -> None:
    if today > real_today and not dry_run:
        raise InvalidInput(f"不能按晚于今天（{real_today.isoformat()}）的日期 {today.isoformat()} 重算并写入期限："
                           "变更会以该日期永久记入案件历史。请去掉该日期，或加 --dry-run 只试算。", field="today")


class _Clocks:
    """Deadlines as of ``today`` by (region, clock events). The clock is a pure function of these, so cases
    with the same events (received the same day, nothing else yet) are computed once per run."""

    def __init__(self, loader: Callable, today: date) -> None:
        self.loader, self.today = loader, today
        self.calendars: dict[Optional[str], object] = {}
        self.known: dict[tuple, tuple | str] = {}

    def outcome(self, region: Optional[str], records: list[Row], clock_round: int) -> tuple | str:
        """(due date, provisional, paused), or the Chinese reason it cannot be computed."""
        key = (region, tuple((r.kind, r.day, r.ref, r.days, r.due) for r in records))
        if key not in self.known:
            self.known[key] = self._compute(region, records, clock_round)
        return self.known[key]

    def _compute(self, region: Optional[str], records: list[Row], clock_round: int) -> tuple | str:
        try:
            if region not in self.calendars:
                self.calendars[region] = self.loader(region=region)
            events = to_clock_events(records, clock_round)
            deadline: Deadline = compute_deadline(self.calendars[region], events, self.today, explain=False)
        except (ClockError, CalendarError, DomainError) as exc:  # one broken case must not stop the others
            return str(exc)
        return deadline.due_date, bool(deadline.provisional), deadline.paused


def _open_cases(session_factory: sessionmaker[Session], read_size: int) -> Iterator[tuple[list, dict]]:
    """Chunks of open cases in id order with their current-round clock events (two queries per chunk, each
    chunk in its own short read transaction). Database failures leave as domain errors."""
    last_id = 0
    while True:
        with domain_errors(), session_factory() as session:
            cases = session.execute(
                select(_CASES.c.id, _CASES.c.version, _CASES.c.stage, _CASES.c.sub_step, _CASES.c.clock_round,
                       _CASES.c.due_date, _CASES.c.due_provisional, Agency.region_code)
                .join(Agency, Agency.id == _CASES.c.agency_id)
                .where(_CASES.c.stage != Stage.ARCHIVE, _CASES.c.id > last_id)
                .order_by(_CASES.c.id).limit(read_size)).all()
            if not cases:
                return
            events = _events_of(session, cases[0].id, cases[-1].id)
        last_id = cases[-1].id
        yield cases, events


def _events_of(session: Session, first_id: int, last_id: int) -> dict[int, list[Row]]:
    """The current-round clock events of the open cases with ids first_id..last_id, in recording order."""
    rows = session.execute(
        select(_EVENTS.c.application_id, _EVENTS.c.clock_round, _EVENTS.c.kind, _EVENTS.c.day, _EVENTS.c.ref,
               _EVENTS.c.days, _EVENTS.c.due)
        .join(_CASES, (_CASES.c.id == _EVENTS.c.application_id)
              & (_CASES.c.clock_round == _EVENTS.c.clock_round))
        .where(_CASES.c.id.between(first_id, last_id), _CASES.c.stage != Stage.ARCHIVE)
        .order_by(_EVENTS.c.application_id, _EVENTS.c.id))
    events: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        events[row.application_id].append(row)
    return events


def _recompute_case(case: Row, records: list[Row], clocks: _Clocks,
                    result: RecomputeResult) -> Optional[DeadlineChange]:
    """The change of one case's stored due date, or None (unchanged, open pause, or failed: then recorded)."""
    outcome = clocks.outcome(case.region_code, records, case.clock_round)
    if isinstance(outcome, str):
        result.failures.append(RecomputeFailure(case.id, outcome))
        return None
    due, provisional, paused = outcome
    if paused:
        return None  # an open pause: the action ending it stores the real date (a daily log would lie)
    if (case.due_date, bool(case.due_provisional)) == (due, provisional):
        return None
    return DeadlineChange(case.id, case.due_date, due, bool(case.due_provisional), provisional)


def _settle(session_factory: sessionmaker[Session], pending: list[_Pending], today: date, dry_run: bool,
            result: RecomputeResult) -> None:
    """Write one batch of changes (or, in a dry run, only report them)."""
    if not pending:
        return
    if dry_run:
        result.changes.extend(p.change for p in pending)
        return
    with unit_of_work(session_factory) as session:
        written = _write_batch(session, pending, today)
        sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite:
        time.sleep(SQLITE_PAUSE_SECONDS)
    result.changes.extend(p.change for p in written)
    stored = {p.case.id for p in written}
    result.conflicts.extend(p.case.id for p in pending if p.case.id not in stored)


def _write_batch(session: Session, pending: list[_Pending], today: date) -> list[_Pending]:
    """Lock the batch's cases, drop those a user changed since they were read or is changing now (PostgreSQL:
    rows another transaction holds are skipped, not waited for), store and log the rest."""
    conn = session.connection()
    lock_chains(session, [p.case.id for p in pending])  # before the case rows, as users do (no deadlock)
    versions = dict(conn.execute(select(_CASES.c.id, _CASES.c.version)
                                 .where(_CASES.c.id.in_([p.case.id for p in pending]))
                                 .order_by(_CASES.c.id).with_for_update(skip_locked=True)).all())
    fresh = [p for p in pending if versions.get(p.case.id) == p.case.version]
    if not fresh:
        return fresh
    conn.execute(update(_CASES).where(_CASES.c.id == bindparam("case_id"),
                                      _CASES.c.version == bindparam("read_version"))
                 .values(due_date=bindparam("new_due"), due_provisional=bindparam("new_provisional"),
                         version=_CASES.c.version + 1),
                 [{"case_id": p.case.id, "read_version": p.case.version, "new_due": p.change.new_due,
                   "new_provisional": p.change.new_provisional} for p in fresh])
    recorded_at, actor_id = utcnow(), system_actor_id(session)  # the job acts as 「系统」
    rows = [_history_row(p, today, recorded_at, actor_id) for p in fresh]
    conn.execute(insert(_HISTORY), chained_rows(session, History, rows))  # each row joins its agency's chain
    return fresh


def _history_row(pending: _Pending, today: date, recorded_at, actor_id: int) -> dict:
    case, change = pending.case, pending.change
    return dict(application_id=case.id, trigger=TRIGGER, from_stage=case.stage, from_sub_step=case.sub_step,
                to_stage=case.stage, to_sub_step=case.sub_step, actor_id=actor_id, legal_date=today,
                recorded_at=recorded_at, due_before=change.old_due, due_after=change.new_due,
                payload={"provisional_before": change.old_provisional,
                         "provisional_after": change.new_provisional})
