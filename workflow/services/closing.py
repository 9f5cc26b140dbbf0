"""Closing and after closing: withdrawal, remedies (复议/诉讼, 表四) and reopening after a remedy decision."""
from __future__ import annotations

from datetime import date
from typing import Optional

from workflow.guards import guard
from workflow.models import OUTCOME_OTHER, Application, Remedy, RemedyKind, RemedyResult
from workflow.services.engine import Action, SessionFactory, perform


@guard("withdrawal_recorded")
def _withdrawal_recorded(action: Action) -> Optional[str]:
    return None if (action.params.get("reason") or "").strip() else "请记录申请人撤回申请的情况"


def _withdraw(action: Action) -> None:
    action.case.outcome = OUTCOME_OTHER  # 表三 三(六)3 其他


def withdraw(session_factory: SessionFactory, actor_id: int, case_id: int, expected_version: int, *,
             reason: str, today: date) -> Application:
    """Close an open case (not yet answered) because the applicant withdrew; outcome ``other``.

    Raises TransitionNotAllowed (archived or already issued), PermissionDenied, GuardFailed (no reason).
    """
    return perform(session_factory, "withdraw", actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, params={"reason": reason},
                   mutate=_withdraw)


def _remedy(action: Action) -> Optional[Remedy]:
    wanted = action.params.get("remedy_id")
    return next((r for r in action.case.remedies if r.id == wanted), None)


@guard("reopen_ordered")
def _reopen_ordered(action: Action) -> Optional[str]:
    remedy, params = _remedy(action), action.params
    if remedy is None or remedy.result is not RemedyResult.CORRECTED:
        return "重新办理须依据本案已登记的、结果为纠错的复议决定或判决"
    if any(e.ref == _reopen_ref(remedy.id) for e in action.case.clock_events):
        return "本案已依据该决定重新办理过"
    if params["decision_on"] > action.today:
        return "决定收到日期不能晚于今天"
    if params.get("due_on") is not None and params["due_on"] <= params["decision_on"]:
        return "重新答复期限应晚于决定收到日期"
    return None


def _reopen_ref(remedy_id: int) -> str:
    return f"reopen:remedy-{remedy_id}"


def _reopen(action: Action) -> None:
    case, params = action.case, action.params
    case.outcome = None
    case.clock_round += 1
    ref = _reopen_ref(params["remedy_id"])
    action.add_clock_event("received", params["decision_on"], ref=ref)
    if params.get("due_on") is not None:
        action.add_clock_event("delayed_period_set", params["decision_on"], ref=ref, due=params["due_on"])


def reopen(session_factory: SessionFactory, actor_id: int, case_id: int, expected_version: int, *,
           remedy_id: int, decision_on: date, today: date, due_on: date | None = None) -> Application:
    """Reopen a closed case that a 复议决定/判决 ordered to answer again; a new clock round starts on
    ``decision_on`` (20 WD, or ``due_on`` when the decision set the period). Supervisor only.

    Raises TransitionNotAllowed, PermissionDenied, GuardFailed (no corrective remedy recorded, bad dates).
    """
    return perform(session_factory, "reopen", actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today,
                   params={"remedy_id": remedy_id, "decision_on": decision_on, "due_on": due_on},
                   mutate=_reopen)


@guard("remedy_details_valid")
def _remedy_details_valid(action: Action) -> Optional[str]:
    params = action.params
    if params.get("remedy_id") is not None and _remedy(action) is None:
        return "本案没有该复议/诉讼记录"
    if params["filed_on"] > action.today:
        return "申请（起诉）日期不能晚于今天"
    closed_on, result = params.get("closed_on"), RemedyResult(params["result"])
    if (closed_on is None) != (result is RemedyResult.PENDING):
        return "审结日期与结果须同时填写（未审结时结果为「尚未审结」）"
    if closed_on is not None and not params["filed_on"] <= closed_on <= action.today:
        return "审结日期应在申请日期与今天之间"
    return None


def _record_remedy(action: Action) -> None:
    params = action.params
    remedy = _remedy(action)
    if remedy is None:
        remedy = Remedy()
        action.case.remedies.append(remedy)
    remedy.kind, remedy.filed_on = RemedyKind(params["kind"]), params["filed_on"]
    remedy.result, remedy.closed_on = RemedyResult(params["result"]), params.get("closed_on")


def record_remedy(session_factory: SessionFactory, actor_id: int, case_id: int, expected_version: int, *,
                  kind: RemedyKind, filed_on: date, today: date, result: RemedyResult = RemedyResult.PENDING,
                  closed_on: date | None = None, remedy_id: int | None = None) -> Application:
    """Record (or, with ``remedy_id``, update) a 复议 or 诉讼 against the closed case's reply (表四).

    Raises TransitionNotAllowed (case not archived), PermissionDenied, GuardFailed.
    """
    return perform(session_factory, "record_remedy", actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today,
                   params={"kind": kind, "filed_on": filed_on, "result": result, "closed_on": closed_on,
                           "remedy_id": remedy_id}, mutate=_record_remedy)
