"""Changing the reply deadline: extension (条例第三十三条第二款), a delayed period (条例第三十五条), and recomputing
every open case after the calendar data changed."""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Callable, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.exc import StaleDataError

from rules.calendar import CalendarError, load_calendar
from rules.clock import ClockError, EventKind, extension_refusal
from workflow import deadlines
from workflow.guards import guard
from workflow.models import Application, ClockEventRecord, History, Stage, utcnow
from workflow.commands import ExtendDeadline, SetDelayedPeriod
from workflow.services.engine import Action, CaseRef, SessionFactory, perform, typed
from workflow.uow import unit_of_work

log = logging.getLogger(__name__)


@guard("extension_allowed")
def _extension_allowed(action: Action) -> str | None:
    case = action.case
    try:  # the rule the clock applies: once per period, none after a 条例第三十五条 period
        refusal = extension_refusal(deadlines.to_clock_events(case.clock_events, case.clock_round))
        due = deadlines.deadline_of(case, action.calendar, action.today).due_date  # live, not the stored copy
    except ClockError as exc:
        return str(exc)
    if refusal:
        return refusal
    if due is None:
        return "答复期限尚未开始计算，无法延期"
    if action.today > due:
        return f"延期须在答复期限届满前决定（截止日期为{due.isoformat()}）"
    return None


def _extend(action: Action) -> None:
    action.add_clock_event(EventKind.EXTENDED, action.today, days=action.command.days)
    action.payload["notice_to_applicant"] = "延期答复告知书"


def extend_deadline(session_factory: SessionFactory, command: ExtendDeadline, *, actor_id: int, case_id: int,
                    expected_version: int, today: date) -> CaseRef:
    """Extend the reply limit by ``days`` working days (supervisor only): ≤20 (the command refuses more),
    before the deadline computed for ``today`` expires, once per reply period and not after a 条例第三十五条
    delayed period (as the clock counts).

    Raises InvalidInput, TransitionNotAllowed, PermissionDenied (not a supervisor), GuardFailed.
    """
    return perform(session_factory, typed(command, ExtendDeadline), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_extend)


@guard("delayed_period_valid")
def _delayed_period_valid(action: Action) -> str | None:
    due_on = action.command.due_on
    current = deadlines.deadline_of(action.case, action.calendar, action.today).due_date  # live, as for extensions
    if due_on <= action.today or (current is not None and due_on <= current):
        return "合理的延迟答复期限应晚于今天和现有答复期限"
    return None


def _set_period(action: Action) -> None:
    action.add_clock_event(EventKind.DELAYED_PERIOD_SET, action.today, due=action.command.due_on)


def set_delayed_period(session_factory: SessionFactory, command: SetDelayedPeriod, *, actor_id: int,
                       case_id: int, expected_version: int, today: date) -> CaseRef:
    """Set an 条例第三十五条 reasonable delayed period: the due date becomes ``due_on``; supervisor only.

    Raises InvalidInput (no reason), TransitionNotAllowed, PermissionDenied, GuardFailed (date not later).
    """
    return perform(session_factory, typed(command, SetDelayedPeriod), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_set_period)


@dataclass(frozen=True)
class DeadlineChange:
    case_id: int
    old_due: Optional[date]
    new_due: Optional[date]
    old_provisional: bool
    new_provisional: bool


def _log_change(session: Session, case: Application, today: date, old: tuple) -> DeadlineChange:
    session.add(History(application_id=case.id, trigger="recompute_deadline", from_stage=case.stage,
                        from_sub_step=case.sub_step, to_stage=case.stage, to_sub_step=case.sub_step,
                        actor_id=None, legal_date=today, recorded_at=utcnow(), due_before=old[0],
                        due_after=case.due_date, payload={"provisional_before": old[1],
                                                          "provisional_after": case.due_provisional}))
    log.info("case %s: due %s → %s", case.id, old[0], case.due_date)
    return DeadlineChange(case.id, old[0], case.due_date, old[1], case.due_provisional)


def _recompute_batch(session: Session, cases: list[Application], today: date, calendars: Callable) -> list:
    ids = [case.id for case in cases]
    records: dict[int, list[ClockEventRecord]] = defaultdict(list)
    for record in session.scalars(select(ClockEventRecord).where(ClockEventRecord.application_id.in_(ids))
                                  .order_by(ClockEventRecord.id)):
        records[record.application_id].append(record)
    changes = []
    for case in cases:
        old = (case.due_date, case.due_provisional)
        try:
            deadline = deadlines.deadline_of(case, calendars(case.agency.region_code), today, records[case.id])
        except (ClockError, CalendarError) as exc:  # one broken case must not stop the others
            log.warning("case %s: deadline not recomputed: %s", case.id, exc)
            continue
        if deadline.paused:
            # An open pause has no fixed due date (the estimate moves every day); the action that ends the
            # pause stores the real one. Logging it here would record daily "changes" no calendar caused.
            continue
        if old == (deadline.due_date, bool(deadline.provisional)):
            continue  # unchanged: no write, no savepoint
        try:
            with session.begin_nested():  # a user who changed this case meanwhile wins; skip it, keep the rest
                deadlines.store_deadline(case, deadline)
                case.version += 1
                session.flush()
                changes.append(_log_change(session, case, today, old))
        except StaleDataError:
            log.info("case %s: changed by a user during the recompute; its own action stored its deadline", case.id)
    return changes


def recompute_open_deadlines(session_factory: SessionFactory, today: date,
                             calendar_loader: Callable = load_calendar, batch_size: int = 500,
                             dry_run: bool = False) -> list[DeadlineChange]:
    """Recompute the due date of every open case (e.g. after calendar data changed); one commit per batch.

    Each change is logged as a ``recompute_deadline`` history row (old → new). Queries per batch are constant.
    With ``dry_run`` the changes are computed and returned but every batch is rolled back.
    """
    calendar_cache: dict[Optional[str], object] = {}

    def calendars(region: Optional[str]):
        if region not in calendar_cache:
            calendar_cache[region] = calendar_loader(region=region)
        return calendar_cache[region]

    changes: list[DeadlineChange] = []
    last_id = 0
    while True:
        with unit_of_work(session_factory) as session:
            cases = list(session.scalars(
                select(Application).options(joinedload(Application.agency))
                .where(Application.stage != Stage.ARCHIVE, Application.id > last_id)
                .order_by(Application.id).limit(batch_size)))
            if not cases:
                return changes
            changes.extend(_recompute_batch(session, cases, today, calendars))
            last_id = cases[-1].id
            if dry_run:  # report what would change; write nothing
                session.rollback()
