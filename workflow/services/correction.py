"""补正: asking the applicant to correct the application, receiving it, or closing when it lapses (条例第三十条)."""
from __future__ import annotations

from datetime import date
from typing import Sequence

from rules.clock import correction_notice_due
from workflow.guards import guard
from workflow.models import LAPSED_CORRECTION, Application, CorrectionRequest
from workflow.services.engine import Action, SessionFactory, perform


def _open_request(case: Application) -> CorrectionRequest | None:
    pending = [c for c in case.corrections if c.received_on is None]
    return pending[-1] if pending else None


def _t0(case: Application) -> date | None:
    received = [e.day for e in case.clock_events
                if e.clock_round == case.clock_round and e.kind in ("received", "correction_received")]
    return received[-1] if received else None


@guard("correction_notice_valid")
def _correction_notice_valid(action: Action) -> str | None:
    items, due_on = action.params["items"], action.params["due_on"]
    if not items:
        return "补正告知书须一次性列明需要补正的事项（条例第三十条）"
    if due_on <= action.today:
        return "补正期限应晚于告知书发出之日"
    return None


@guard("defects_not_corrected_before")
def _defects_not_corrected_before(action: Action) -> str | None:
    earlier = {item for request in action.case.corrections for item in request.items}
    repeated = sorted(set(action.params["items"]) & earlier)
    if repeated:
        return "以下事项已要求补正过，不得就同一事项再次要求补正：" + "、".join(repeated)
    return None


def _send_notice(action: Action) -> None:
    case, today = action.case, action.today
    t0 = _t0(case)
    notice_due = correction_notice_due(action.calendar, t0)  # 条例第三十条: 收到申请之日起7个工作日内
    if today > notice_due:
        action.payload["breach"] = {"rule": "条例第三十条", "notice_due": notice_due.isoformat(),
                                    "message": f"补正告知书应于 {notice_due.isoformat()} 前发出，已逾期"}
    case.corrections.append(CorrectionRequest(items=list(action.params["items"]), sent_on=today,
                                              due_on=action.params["due_on"]))
    action.add_clock_event("correction_requested", today, due=action.params["due_on"])


def request_correction(session_factory: SessionFactory, actor_id: int, case_id: int,
                       expected_version: int, *, items: Sequence[str], due_on: date,
                       today: date) -> Application:
    """Send one consolidated 补正告知书 listing ``items`` with the period ending ``due_on``; stops the clock.

    Sending later than 7 working days after T0 is recorded as a breach in the history payload, not refused.
    Raises TransitionNotAllowed, PermissionDenied, GuardFailed (no items, period not in the future, an item
    already corrected once).
    """
    return perform(session_factory, "request_correction", actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today,
                   params={"items": list(items), "due_on": due_on}, mutate=_send_notice)


@guard("correction_date_valid")
def _correction_date_valid(action: Action) -> str | None:
    request = _open_request(action.case)
    received_on = action.params["received_on"]
    if request is None:
        return "没有待补正的告知书"
    if received_on < request.sent_on or received_on > action.today:
        return "补正材料收到日期应在告知书发出之日与今天之间"
    if received_on > request.due_on and not (action.params.get("reason") or "").strip():
        return (f"补正材料在补正期限（{request.due_on.isoformat()}）届满后才收到，依条例第三十条视为放弃申请；"
                "如有正当理由继续办理，请填写理由")
    return None


def _receive(action: Action) -> None:
    received_on, request = action.params["received_on"], _open_request(action.case)
    if received_on > request.due_on:  # 条例第三十条: 逾期视为放弃申请 — continued only for a stated good reason
        action.payload["breach"] = {"rule": "条例第三十条", "due_on": request.due_on.isoformat(),
                                    "message": f"补正期限 {request.due_on.isoformat()} 届满后才收到补正材料"}
    request.received_on = received_on
    action.case.missing_items = []
    action.add_clock_event("correction_received", received_on)  # 条例第三十条: 自收到补正后的申请之日起计算


def receive_correction(session_factory: SessionFactory, actor_id: int, case_id: int,
                       expected_version: int, *, received_on: date, today: date,
                       reason: str | None = None) -> Application:
    """Log the corrected application; the clock restarts from zero with T0 := ``received_on`` (条例第三十条).
    After the correction period the application counts as abandoned unless there is a good ``reason``
    (required then); the late receipt is recorded as ``payload.breach``.

    Raises TransitionNotAllowed, PermissionDenied, GuardFailed (date outside notice → today, late without a
    reason).
    """
    return perform(session_factory, "receive_correction", actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today,
                   params={"received_on": received_on, "reason": reason}, mutate=_receive)


@guard("correction_period_passed")
def _correction_period_passed(action: Action) -> str | None:
    request = _open_request(action.case)
    if request is not None and action.today <= request.due_on:
        return f"补正期限（{request.due_on.isoformat()}）尚未届满"
    return None


def _lapse(action: Action) -> None:
    action.case.outcome = LAPSED_CORRECTION  # 条例第三十条: 视为放弃申请 → 表三 三(六)1


def lapse_correction(session_factory: SessionFactory, actor_id: int, case_id: int,
                     expected_version: int, *, today: date) -> Application:
    """Close the case because the correction period passed without a corrected application (三(六)1).

    Raises TransitionNotAllowed, PermissionDenied, GuardFailed (period not yet over).
    """
    return perform(session_factory, "lapse_correction", actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_lapse)
