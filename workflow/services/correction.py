"""补正: asking the applicant to correct the application, receiving it, or closing when it lapses (条例第三十条)."""
from __future__ import annotations

from datetime import date

from rules.clock import EventKind, correction_notice_due
from workflow import deadlines
from workflow.commands import LapseCorrection, ReceiveCorrection, RequestCorrection
from workflow.guards import guard
from workflow.models import LAPSED_CORRECTION, Application, CorrectionRequest
from workflow.services.engine import Action, CaseRef, SessionFactory, perform, typed


def _open_request(case: Application) -> CorrectionRequest | None:
    pending = [c for c in case.corrections if c.received_on is None]
    return pending[-1] if pending else None


@guard("correction_notice_valid")
def _correction_notice_valid(action: Action) -> str | None:
    if not action.command.items:
        return "补正告知书须一次性列明需要补正的事项（条例第三十条）"
    if action.command.due_on <= action.today:
        return "补正期限应晚于告知书发出之日"
    return None


@guard("defects_not_corrected_before")
def _defects_not_corrected_before(action: Action) -> str | None:
    earlier = {item for request in action.case.corrections for item in request.items}
    repeated = sorted(set(action.command.items) & earlier)
    if repeated:
        return "以下事项已要求补正过，不得就同一事项再次要求补正：" + "、".join(repeated)
    return None


def _send_notice(action: Action) -> None:
    case, today, command = action.case, action.today, action.command
    t0 = deadlines.deadline_of(case, action.calendar, today).t0  # the clock's T0 (条例第三十条、第三十一条)
    notice_due = correction_notice_due(action.calendar, t0)  # 条例第三十条: 收到申请之日起7个工作日内
    if today > notice_due:
        action.payload["breach"] = {"rule": "条例第三十条", "notice_due": notice_due.isoformat(),
                                    "message": f"补正告知书应于 {notice_due.isoformat()} 前发出，已逾期"}
    case.corrections.append(CorrectionRequest(items=list(command.items), sent_on=today,
                                              due_on=command.due_on))
    action.add_clock_event(EventKind.CORRECTION_REQUESTED, today, due=command.due_on)


def request_correction(session_factory: SessionFactory, command: RequestCorrection, *, actor_id: int,
                       case_id: int, expected_version: int, today: date) -> CaseRef:
    """Send one consolidated 补正告知书 listing the command's items with the period ending ``due_on``; stops
    the clock. Sending later than 7 working days after T0 is recorded as a breach in the history payload, not
    refused. Raises TransitionNotAllowed, PermissionDenied, GuardFailed (no items, period not in the future,
    an item already corrected once).
    """
    return perform(session_factory, typed(command, RequestCorrection), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_send_notice)


@guard("correction_date_valid")
def _correction_date_valid(action: Action) -> str | None:
    request, received_on = _open_request(action.case), action.command.received_on
    if request is None:
        return "没有待补正的告知书"
    if received_on < request.sent_on or received_on > action.today:
        return "补正材料收到日期应在告知书发出之日与今天之间"
    if received_on > request.due_on and not (action.command.reason or "").strip():
        return (f"补正材料在补正期限（{request.due_on.isoformat()}）届满后才收到，依条例第三十条视为放弃申请；"
                "如有正当理由继续办理，请填写理由")
    return None


def _receive(action: Action) -> None:
    received_on, request = action.command.received_on, _open_request(action.case)
    if received_on > request.due_on:  # 条例第三十条: 逾期视为放弃申请 — continued only for a stated good reason
        action.payload["breach"] = {"rule": "条例第三十条", "due_on": request.due_on.isoformat(),
                                    "message": f"补正期限 {request.due_on.isoformat()} 届满后才收到补正材料"}
    request.received_on = received_on
    action.case.missing_items = []
    # 条例第三十条: 自收到补正后的申请之日起计算
    action.add_clock_event(EventKind.CORRECTION_RECEIVED, received_on)


def receive_correction(session_factory: SessionFactory, command: ReceiveCorrection, *, actor_id: int,
                       case_id: int, expected_version: int, today: date) -> CaseRef:
    """Log the corrected application; the clock restarts from zero with T0 := ``received_on`` (条例第三十条).
    After the correction period the application counts as abandoned unless there is a good ``reason``
    (required then); the late receipt is recorded as ``payload.breach``.

    Raises TransitionNotAllowed, PermissionDenied, GuardFailed (date outside notice → today, late without a
    reason).
    """
    return perform(session_factory, typed(command, ReceiveCorrection), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_receive)


@guard("correction_period_passed")
def _correction_period_passed(action: Action) -> str | None:
    request = _open_request(action.case)
    if request is not None and action.today <= request.due_on:
        return f"补正期限（{request.due_on.isoformat()}）尚未届满"
    return None


def _lapse(action: Action) -> None:
    action.case.outcome = LAPSED_CORRECTION  # 条例第三十条: 视为放弃申请 → 表三 三(六)1


def lapse_correction(session_factory: SessionFactory, command: LapseCorrection, *, actor_id: int,
                     case_id: int, expected_version: int, today: date) -> CaseRef:
    """Close the case because the correction period passed without a corrected application (三(六)1).

    Raises TransitionNotAllowed, PermissionDenied, GuardFailed (period not yet over).
    """
    return perform(session_factory, typed(command, LapseCorrection), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_lapse)
