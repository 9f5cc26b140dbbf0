"""``escalate``: the scheduled escalation job (DOMAIN §7, STYLE 9) — alerts for every open case's deadlines
at 临期 / 紧急 / 逾期, the proposals a person confirms, and the calendar alerts. Idempotent: each alert has a
unique ``dedupe_key``, so a second run (or a rerun after a crash) writes only what is missing."""
from __future__ import annotations

from contextlib import nullcontext, suppress
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Callable, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from rules.calendar import load_calendar
from workflow.boundary import domain_errors
from workflow.errors import DomainError, InvalidInput, NotFound
from workflow.jobs.escalation import calendar as cal
from workflow.jobs.escalation.plan import PlannedAlert, Staff, dedupe_key, load_staff, plan_case_alert
from workflow.jobs.escalation.store import (
    chunks, close_abandoned_runs, existing_keys, finish_run, single_run, start_run, write_alerts,
)
from workflow.jobs.recompute import without_cycle_collection
from workflow.legal_time import LEGAL_TZ
from workflow.models import Agency
from workflow.queries.due import DueFailure, DueItem, scan_due
from workflow.queries.levels import DUE_SOON_DAYS, URGENT_DAYS

DEFAULT_BATCH_SIZE = 500  # alerts per write transaction (and keys per existence check)
FAILURES_KEPT = 100  # failures listed in the JobRun summary (all are counted)
ANOTHER_RUN = "另一个提醒任务正在运行，本次未运行（稍后由下一次定时任务补齐）。"


@dataclass
class EscalationResult:
    """What one run did (or, with ``dry_run``, would do): the alerts created, the cases skipped and why;
    ``skipped`` says why nothing ran (a day off, another run). Deadlines already alerted at their level are
    left out by the database; ``already_fired`` counts the few found written meanwhile (another run)."""

    legal_date: date
    dry_run: bool = False
    skipped: Optional[str] = None
    examined: int = 0  # due deadlines found without their alert
    created: list[PlannedAlert] = field(default_factory=list)
    already_fired: int = 0
    failures: list[DueFailure] = field(default_factory=list)
    recomputed: Optional[int] = None  # due dates changed by the recompute after a calendar year was loaded
    job_run_id: Optional[int] = None

    @property
    def recipients(self) -> int:
        """Inbox rows created (one per alert and user)."""
        return sum(len(alert.recipients) for alert in self.created)

    def summary(self) -> dict:
        """The JobRun summary: counts and the first failures."""
        return {"examined": self.examined, "created": len(self.created), "already_fired": self.already_fired,
                "recipients": self.recipients, "recomputed": self.recomputed,
                "failure_count": len(self.failures), "skipped": self.skipped,
                "failures": [{"agency_id": f.agency_id, "case_id": f.case_id, "reason": f.reason}
                             for f in self.failures[:FAILURES_KEPT]]}


@dataclass(frozen=True)
class _Run:
    session_factory: sessionmaker[Session]
    today: date
    dry_run: bool
    batch_size: int
    calendar_loader: Callable
    after_case: Optional[Callable[[int], None]]


def escalate(session_factory: sessionmaker[Session], now: datetime, *, dry_run: bool = False,
             agency_id: Optional[int] = None, force: bool = False, due_soon_days: int = DUE_SOON_DAYS,
             urgent_days: int = URGENT_DAYS, batch_size: int = DEFAULT_BATCH_SIZE,
             calendar_loader: Callable = load_calendar, real_now: Optional[datetime] = None,
             after_case: Optional[Callable[[int], None]] = None) -> EscalationResult:
    """Run the escalation job as of ``now`` (its legal date in Asia/Shanghai; a naive ``now`` is Beijing time)
    for every agency or ``agency_id``; record the run in a JobRun row. With ``dry_run`` nothing is written,
    not even the JobRun. On a day that is not a working day nothing runs unless ``force``; on PostgreSQL a run
    that finds another one running stops (``skipped``). A case whose deadline cannot be counted is reported in
    ``failures`` and skipped. ``after_case(n)`` is called after the n-th due deadline is planned (tests inject
    a crash there).

    Raises NotFound for an unknown ``agency_id``; InvalidInput when ``now`` is later than the real now
    (``real_now``) and this is not a dry run (the alerts would be dated ahead of time, for good), or for
    thresholds out of order; CalendarDataMissing when the national calendar does not cover the day; the
    database's domain errors.
    """
    today = _refuse_future(now, real_now or datetime.now(timezone.utc), dry_run)
    _refuse_unknown_agency(session_factory, agency_id)
    if not 0 <= urgent_days <= due_soon_days:
        raise InvalidInput("紧急天数应不大于临期天数", field="urgent_days", label="紧急天数")
    run = _Run(session_factory, today, dry_run, batch_size, calendar_loader, after_case)
    result = EscalationResult(today, dry_run)
    with domain_errors():
        working = calendar_loader().is_working_day(today)
    if not working and not force:
        return _skip(run, result, f"{today.isoformat()} 不是工作日，提醒任务未运行（如确需运行请加 --force）。")
    # a dry run writes nothing, so it needs no run lock (holding it would make the real run skip the day)
    with (nullcontext(True) if dry_run else single_run(session_factory)) as alone:
        if not alone:
            return _skip(run, result, ANOTHER_RUN)
        if not dry_run:
            close_abandoned_runs(session_factory)
            result.job_run_id = start_run(session_factory, today)
        try:
            with without_cycle_collection():  # ~100,000 short-lived rows and items, no cycles
                _calendar_alerts(run, agency_id, result)
                _case_alerts(run, agency_id, due_soon_days, urgent_days, result)
        except BaseException as exc:
            _record_failure(run, result, exc)
            raise
        if not dry_run:
            finish_run(session_factory, result.job_run_id, "completed", result.summary())
    return result


def legal_date_of(now: datetime | date) -> date:
    """The legal date (Asia/Shanghai) of ``now``; a naive datetime is taken as Beijing time."""
    if not isinstance(now, datetime):
        return now
    aware = now if now.tzinfo is not None else now.replace(tzinfo=LEGAL_TZ)
    return aware.astimezone(LEGAL_TZ).date()


def _refuse_future(now: datetime | date, real_now: datetime, dry_run: bool) -> date:
    moment = now if isinstance(now, datetime) else datetime(now.year, now.month, now.day)
    moment = moment if moment.tzinfo is not None else moment.replace(tzinfo=LEGAL_TZ)
    if moment > real_now and not dry_run:
        shown = real_now.astimezone(LEGAL_TZ).strftime("%Y-%m-%d %H:%M")
        raise InvalidInput(f"不能按晚于现在（{shown}）的时间 {moment.astimezone(LEGAL_TZ):%Y-%m-%d %H:%M} 发出提醒："
                           "提醒会以该日期永久保存。请去掉 --now，或加 --dry-run 只试运行。", field="now")
    return legal_date_of(moment)


def _refuse_unknown_agency(session_factory: sessionmaker[Session], agency_id: Optional[int]) -> None:
    if agency_id is None:
        return
    with session_factory() as session:
        if session.get(Agency, agency_id) is None:
            raise NotFound(f"机关 {agency_id} 不存在（可用 xxgk agencies list 查看机关编号）")


def _skip(run: _Run, result: EscalationResult, reason: str) -> EscalationResult:
    result.skipped = reason
    if not run.dry_run:
        result.job_run_id = start_run(run.session_factory, run.today, "skipped", result.summary())
    return result


def _record_failure(run: _Run, result: EscalationResult, exc: BaseException) -> None:
    """Mark the run failed (what was written stays: the next run completes the rest)."""
    if run.dry_run or result.job_run_id is None:
        return
    summary = result.summary() | {"error": getattr(exc, "message", None) or repr(exc)}
    with suppress(DomainError):  # the database itself may be what failed; the exception says so
        finish_run(run.session_factory, result.job_run_id, "failed", summary)


def _agency_ids(run: _Run, agency_id: Optional[int]) -> list[int]:
    query = select(Agency.id).order_by(Agency.id)
    if agency_id is not None:
        query = query.where(Agency.id == agency_id)
    with run.session_factory() as session:
        return list(session.scalars(query))


def _calendar_alerts(run: _Run, agency_id: Optional[int], result: EscalationResult) -> None:
    """First the calendar: a year just loaded recomputes the deadlines the case alerts then read."""
    agency_ids = _agency_ids(run, agency_id)
    with domain_errors():
        calendar = run.calendar_loader()
        years = cal.years_to_warn(calendar, run.today)
    with run.session_factory() as session:
        staff = load_staff(session)
        waiting = cal.loaded_years(session, calendar, agency_ids)
        stale = not waiting and cal.stale_provisional(session, calendar, run.today)
    planned = cal.missing_alerts(years, agency_ids, staff, run.today)
    if waiting:
        loaded, result.recomputed = cal.loaded_alerts(
            run.session_factory, waiting, staff, run.today, dry_run=run.dry_run,
            calendar_loader=run.calendar_loader)
        planned += loaded
    elif stale:  # a year installed whose recompute did not finish: finish it
        result.recomputed = cal.recompute_stale(run.session_factory, run.today, dry_run=run.dry_run,
                                                calendar_loader=run.calendar_loader)
    _store(run, planned, result)


def _case_alerts(run: _Run, agency_id: Optional[int], due_soon_days: int, urgent_days: int,
                 result: EscalationResult) -> None:
    scan = scan_due(run.session_factory, today=run.today, within=due_soon_days, agency_id=agency_id,
                    due_soon_days=due_soon_days, urgent_days=urgent_days, unalerted=True)
    result.failures.extend(scan.failures)
    with run.session_factory() as session:
        staff = load_staff(session)
    # in key order: each batch's inserts extend the unique index instead of landing all over it
    for batch in chunks(sorted(scan.items, key=dedupe_key), run.batch_size):
        result.examined += len(batch)
        _store(run, _plan_batch(run, batch, staff, result), result)


def _plan_batch(run: _Run, batch: list[DueItem], staff: Staff,
                result: EscalationResult) -> list[PlannedAlert]:
    """The alerts of the batch that have not fired yet (one existence check for the whole batch)."""
    keys = [dedupe_key(item) for item in batch]
    fired = existing_keys(run.session_factory, keys)
    planned = []
    for n, (item, key) in enumerate(zip(batch, keys), start=result.examined - len(batch) + 1):
        if key in fired:
            result.already_fired += 1
        else:
            try:
                planned.append(plan_case_alert(item, staff))
            except (ValueError, LookupError) as exc:  # a corrupt row (e.g. an unknown level): skip, report
                result.failures.append(DueFailure(item.agency_id, item.case_id, f"无法生成提醒：{exc!r}"))
        if run.after_case is not None:
            run.after_case(n)
    return planned


def _store(run: _Run, planned: list[PlannedAlert], result: EscalationResult) -> None:
    if run.dry_run:
        fired = existing_keys(run.session_factory, [p.dedupe_key for p in planned])
        result.created.extend(p for p in planned if p.dedupe_key not in fired)
        return
    written = write_alerts(run.session_factory, planned, run.today, result.job_run_id)
    result.created.extend(written)
    result.already_fired += len(planned) - len(written)
