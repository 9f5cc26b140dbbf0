"""Changing the reply deadline: extension (条例第三十三条第二款) and a delayed period (条例第三十五条).

Recomputing every open case after calendar data changed is a job: :mod:`workflow.jobs.recompute`."""
from __future__ import annotations

from datetime import date

from rules.clock import ClockError, extension_refusal
from workflow import deadlines
from workflow.guards import guard
from workflow.models import Application
from workflow.services.engine import Action, SessionFactory, perform

MAX_EXTENSION_DAYS = 20  # 条例第三十三条第二款: 延长的期限最长不得超过20个工作日


@guard("extension_allowed")
def _extension_allowed(action: Action) -> str | None:
    case, days = action.case, action.params["days"]
    try:  # the rule the clock applies: once per period, none after a 条例第三十五条 period
        refusal = extension_refusal(deadlines.to_clock_events(case.clock_events, case.clock_round))
        due = deadlines.deadline_of(case, action.calendar, action.today).due_date  # live, not the stored copy
    except ClockError as exc:
        return str(exc)
    if refusal:
        return refusal
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        return f"延长期限应为 1 至 {MAX_EXTENSION_DAYS} 个工作日"
    if due is None:
        return "答复期限尚未开始计算，无法延期"
    if action.today > due:
        return f"延期须在答复期限届满前决定（截止日期为{due.isoformat()}）"
    if not (action.params.get("reason") or "").strip():
        return "请填写延期理由"
    return None


def _extend(action: Action) -> None:
    action.add_clock_event("extended", action.today, days=action.params["days"])
    action.payload["notice_to_applicant"] = "延期答复告知书"


def extend_deadline(session_factory: SessionFactory, actor_id: int, case_id: int, expected_version: int,
                    *, days: int, reason: str, today: date) -> Application:
    """Extend the reply limit by ``days`` working days (supervisor only): ≤20, before the deadline computed
    for ``today`` expires, once per reply period and not after a 条例第三十五条 delayed period (as the clock counts).

    Raises TransitionNotAllowed, PermissionDenied (not a supervisor), GuardFailed.
    """
    return perform(session_factory, "extend_deadline", actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, params={"days": days, "reason": reason},
                   mutate=_extend)


@guard("delayed_period_valid")
def _delayed_period_valid(action: Action) -> str | None:
    due_on = action.params["due_on"]
    current = deadlines.deadline_of(action.case, action.calendar, action.today).due_date  # live, as for extensions
    if not (action.params.get("reason") or "").strip():
        return "请记录确定延迟答复期限的理由（条例第三十五条）"
    if due_on <= action.today or (current is not None and due_on <= current):
        return "合理的延迟答复期限应晚于今天和现有答复期限"
    return None


def _set_period(action: Action) -> None:
    action.add_clock_event("delayed_period_set", action.today, due=action.params["due_on"])


def set_delayed_period(session_factory: SessionFactory, actor_id: int, case_id: int,
                       expected_version: int, *, due_on: date, reason: str, today: date) -> Application:
    """Set an 条例第三十五条 reasonable delayed period: the due date becomes ``due_on``; supervisor only.

    Raises TransitionNotAllowed, PermissionDenied, GuardFailed (no reason, date not later).
    """
    return perform(session_factory, "set_delayed_period", actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today,
                   params={"due_on": due_on, "reason": reason},
                   mutate=_set_period)
