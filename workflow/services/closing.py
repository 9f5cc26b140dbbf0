"""Closing and after closing: withdrawal, remedies (复议/诉讼, 表四) and reopening after a remedy decision."""
from __future__ import annotations

from datetime import date
from typing import Optional

from rules.clock import EventKind
from workflow.commands import RecordRemedy, Reopen, Withdraw
from workflow.guards import guard
from workflow.models import OUTCOME_OTHER, Remedy, RemedyResult
from workflow.services.engine import Action, CaseRef, SessionFactory, perform, typed


@guard("withdrawal_recorded")
def _withdrawal_recorded(action: Action) -> Optional[str]:
    return None if action.command.reason.strip() else "请记录申请人撤回申请的情况"


def _withdraw(action: Action) -> None:
    action.case.outcome = OUTCOME_OTHER  # 表三 三(六)3 其他


def withdraw(session_factory: SessionFactory, command: Withdraw, *, actor_id: int, case_id: int,
             expected_version: int, today: date) -> CaseRef:
    """Close an open case (not yet answered) because the applicant withdrew; outcome ``other``.

    Raises InvalidInput (no reason), TransitionNotAllowed (archived or already issued), PermissionDenied.
    """
    return perform(session_factory, typed(command, Withdraw), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_withdraw)


def _remedy(action: Action) -> Optional[Remedy]:
    wanted = action.command.remedy_id
    return next((r for r in action.case.remedies if r.id == wanted), None)


@guard("reopen_ordered")
def _reopen_ordered(action: Action) -> Optional[str]:
    remedy, command = _remedy(action), action.command
    if remedy is None or remedy.result is not RemedyResult.CORRECTED:
        return "重新办理须依据本案已登记的、结果为纠错的复议决定或判决"
    if any(e.ref == _reopen_ref(remedy.id) for e in action.case.clock_events):
        return "本案已依据该决定重新办理过"
    if command.decision_on > action.today:
        return "决定收到日期不能晚于今天"
    if command.due_on is not None and command.due_on <= command.decision_on:
        return "重新答复期限应晚于决定收到日期"
    return None


def _reopen_ref(remedy_id: int) -> str:
    return f"reopen:remedy-{remedy_id}"


def _reopen(action: Action) -> None:
    case, command = action.case, action.command
    case.outcome = None
    case.clock_round += 1
    ref = _reopen_ref(command.remedy_id)
    action.add_clock_event(EventKind.RECEIVED, command.decision_on, ref=ref)
    if command.due_on is not None:
        action.add_clock_event(EventKind.DELAYED_PERIOD_SET, command.decision_on, ref=ref, due=command.due_on)


def reopen(session_factory: SessionFactory, command: Reopen, *, actor_id: int, case_id: int,
           expected_version: int, today: date) -> CaseRef:
    """Reopen a closed case that a 复议决定/判决 ordered to answer again; a new clock round starts on
    ``decision_on`` (20 WD, or ``due_on`` when the decision set the period). Supervisor only.

    Raises TransitionNotAllowed, PermissionDenied, GuardFailed (no corrective remedy recorded, bad dates).
    """
    return perform(session_factory, typed(command, Reopen), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_reopen)


@guard("remedy_details_valid")
def _remedy_details_valid(action: Action) -> Optional[str]:
    command = action.command
    if command.remedy_id is not None and _remedy(action) is None:
        return "本案没有该复议/诉讼记录"
    if command.filed_on > action.today:
        return "申请（起诉）日期不能晚于今天"
    if (command.closed_on is None) != (command.result is RemedyResult.PENDING):
        return "审结日期与结果须同时填写（未审结时结果为「尚未审结」）"
    if command.closed_on is not None and not command.filed_on <= command.closed_on <= action.today:
        return "审结日期应在申请日期与今天之间"
    return None


def _record_remedy(action: Action) -> None:
    command, remedy = action.command, _remedy(action)
    if remedy is None:
        remedy = Remedy()
        action.case.remedies.append(remedy)
    remedy.kind, remedy.filed_on = command.kind, command.filed_on
    remedy.result, remedy.closed_on = command.result, command.closed_on


def record_remedy(session_factory: SessionFactory, command: RecordRemedy, *, actor_id: int, case_id: int,
                  expected_version: int, today: date) -> CaseRef:
    """Record (or, with ``remedy_id``, update) a 复议 or 诉讼 against the closed case's reply (表四).

    Raises TransitionNotAllowed (case not archived), PermissionDenied, GuardFailed.
    """
    return perform(session_factory, typed(command, RecordRemedy), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_record_remedy)
