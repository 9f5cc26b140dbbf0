"""Changing the reply deadline: extension (条例第三十三条第二款) and a 条例第三十五条 delayed period.

(The deadline itself is computed in :mod:`workflow.deadlines`; recomputing every open case after calendar
data changed is a job: :mod:`workflow.jobs.recompute`.)"""
from __future__ import annotations

from datetime import date

from rules.clock import ClockError, EventKind, extension_refusal
from workflow import deadlines
from workflow.commands import ExtendDeadline, SetDelayedPeriod
from workflow.guards import guard
from workflow.services.engine import Action, CaseRef, SessionFactory, perform, typed


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
    current = deadlines.deadline_of(action.case, action.calendar, action.today).due_date  # live, as above
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
