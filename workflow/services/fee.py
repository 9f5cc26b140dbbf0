"""信息处理费: fee notice, payment, and closing when it is not paid (条例第四十二条, 国办函〔2020〕109号)."""
from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, func, or_, select

from rules.clock import FEE_PAYMENT_DAYS, EventKind, fee_payment_due
from rules.replies.errors import FeeError
from rules.replies.fees import Fee, compute_fee
from workflow.commands import LapseFee, RecordFeeNoticeReceipt, RecordPayment, RequestFee
from workflow.guards import guard
from workflow.models import LAPSED_FEE, Application, FeeMethod, FeeNotice
from workflow.services.engine import Action, CaseRef, SessionFactory, perform, typed


def _open_notice(case: Application) -> FeeNotice | None:
    notices = [n for n in case.fee_notices if n.paid_on is None and not n.lapsed]
    return notices[-1] if notices else None


def earlier_pieces_this_month(session, case: Application) -> int:
    """Pieces (件) the same applicant filed with the same agency earlier in the calendar month of ``case``'s
    receipt (办法第四条第二款: 同一申请人一个自然月内累计). An earlier application counts as the quantity of its
    按件 fee notice, else as one piece (a split into pieces is only recorded when a 按件 fee was charged).
    The applicant is matched by identity document number when both have one, else by name."""
    first = case.received_on.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    pieces = (select(func.coalesce(func.max(FeeNotice.quantity), 1))
              .where(FeeNotice.application_id == Application.id, FeeNotice.method == FeeMethod.PER_ITEM)
              .scalar_subquery())
    same_applicant = (Application.id_document_number == case.id_document_number if case.id_document_number
                      else Application.applicant_name == case.applicant_name)
    earlier = or_(Application.received_on < case.received_on,
                  and_(Application.received_on == case.received_on, Application.id < case.id))
    rows = session.scalars(select(pieces).where(
        Application.agency_id == case.agency_id, Application.id != case.id, same_applicant, earlier,
        Application.received_on.between(first, last)))
    return sum(rows)


def _earlier_pieces(action: Action) -> int:
    """Pieces this applicant already asked for this month (按件 brackets are cumulative per month); queried
    once per action (the guard's value is handed to the mutator)."""
    if action.command.method is not FeeMethod.PER_ITEM:
        return 0
    return action.derive("earlier_pieces", lambda: earlier_pieces_this_month(action.session, action.case))


def _fee_of(action: Action) -> Fee:
    """The 109号 fee of this request (one method only, 办法第三条), computed once per action; raises FeeError."""
    return action.derive("fee", lambda: compute_fee(action.command.method.value, action.command.quantity,
                                                    earlier_pieces_this_month=_earlier_pieces(action)))


@guard("fee_matches_brackets")
def _fee_matches_brackets(action: Action) -> str | None:
    try:  # the command refuses a quantity that is not a positive int
        fee = _fee_of(action)
    except FeeError as exc:
        return str(exc)
    if fee.amount <= 0:
        return "按国办函〔2020〕109号标准未达收费起点，不应收费"
    return None


@guard("fee_notice_receipt_valid")
def _fee_notice_receipt_valid(action: Action) -> str | None:
    received_on = action.command.notice_received_on
    if received_on is not None and received_on != action.today:  # the notice is sent today
        return "申请人收到收费通知的日期不能早于发出之日（今天），也不能晚于今天"
    return None


def _payment_due(action: Action, counted_from: date) -> date:
    # UNVERIFIED (STATUTE.md §3): the window length is configuration, rules.remedy_periods.FEE_PAYMENT_DAYS
    return fee_payment_due(action.calendar, counted_from, FEE_PAYMENT_DAYS)


def _send_fee_notice(action: Action) -> None:
    command, today = action.command, action.today
    received_on = command.notice_received_on
    due_on = _payment_due(action, received_on or today)  # provisional (from sending) while receipt is unknown
    fee = _fee_of(action)
    action.case.fee_notices.append(FeeNotice(
        method=command.method, quantity=command.quantity, amount=Decimal(fee.amount),
        sent_on=today, received_on=received_on, due_on=due_on,
        approved_by_id=action.actor.id))  # the supervisor who sent it
    action.payload.update(amount=str(fee.amount), due_on=due_on, lines=[list(line) for line in fee.lines],
                          earlier_pieces=_earlier_pieces(action))  # the fee notice prints the same brackets
    # whether this pause counts is the clock's (UNVERIFIED) setting rules.clock.FEE_PAUSES_REPLY_CLOCK
    action.add_clock_event(EventKind.PAUSE_STARTED, today, ref=f"fee:{len(action.case.fee_notices)}")


def request_fee(session_factory: SessionFactory, command: RequestFee, *, actor_id: int,
                case_id: int, expected_version: int, today: date) -> CaseRef:
    """Send a 收费通知书 charging ``quantity`` pieces (按件) or pages (按量) — one method, never both
    (国办函〔2020〕109号第三条) — by ``rules.replies.fees.compute_fee``. 按件 counts on from the
    applicant's earlier pieces this month (:func:`earlier_pieces_this_month`). The actor is the supervisor
    who approves the charge (recorded as the notice's approver). ``notice_received_on`` is today when the
    notice is handed over; otherwise record the receipt later with :func:`record_fee_notice_receipt` — the
    payment window runs from it, and until then its due date is provisional (counted from sending).

    Raises TransitionNotAllowed, PermissionDenied (not a supervisor), GuardFailed (amount would be 0,
    quantity above rules.replies.fees.MAX_PAGES / MAX_PIECES_PER_MONTH, receipt date not today).
    """
    return perform(session_factory, typed(command, RequestFee), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_send_fee_notice)


@guard("fee_notice_receipt_recordable")
def _fee_notice_receipt_recordable(action: Action) -> str | None:
    notice = _open_notice(action.case)
    if notice is None:
        return "本案没有待缴费的收费通知书"
    if not notice.sent_on <= action.command.received_on <= action.today:
        return "申请人收到收费通知书的日期应在通知书发出之日与今天之间"
    return None


def _record_fee_notice_receipt(action: Action) -> None:
    notice, received_on = _open_notice(action.case), action.command.received_on
    action.payload.update(previous_received_on=notice.received_on, previous_due_on=notice.due_on)
    notice.received_on = received_on
    notice.due_on = _payment_due(action, received_on)
    action.payload["due_on"] = notice.due_on


def record_fee_notice_receipt(session_factory: SessionFactory, command: RecordFeeNoticeReceipt, *,
                              actor_id: int, case_id: int, expected_version: int, today: date) -> CaseRef:
    """Record the day the applicant received the open 收费通知书; the payment window (UNVERIFIED,
    rules.remedy_periods.FEE_PAYMENT_DAYS working days) then runs from that day, like a consultee's 15 WD
    from its letter (:func:`workflow.services.consultation.record_letter_receipt`). A later call corrects
    the date; the history keeps the previous date and due date.

    Raises TransitionNotAllowed (not awaiting a fee), PermissionDenied, GuardFailed (date outside sending
    date → today).
    """
    return perform(session_factory, typed(command, RecordFeeNoticeReceipt), actor_id=actor_id,
                   case_id=case_id, expected_version=expected_version, today=today,
                   mutate=_record_fee_notice_receipt)


@guard("payment_date_valid")
def _payment_date_valid(action: Action) -> str | None:
    notice = _open_notice(action.case)
    if notice is None or not notice.sent_on <= action.command.paid_on <= action.today:
        return "缴费日期应在收费通知发出之日与今天之间"
    return None


def _record_payment(action: Action) -> None:
    notice = _open_notice(action.case)
    notice.paid_on = action.command.paid_on
    number = action.case.fee_notices.index(notice) + 1
    action.add_clock_event(EventKind.PAUSE_ENDED, notice.paid_on, ref=f"fee:{number}")


def record_payment(session_factory: SessionFactory, command: RecordPayment, *, actor_id: int,
                   case_id: int, expected_version: int, today: date) -> CaseRef:
    """Record the fee as paid on ``paid_on``; the clock resumes. Raises TransitionNotAllowed, GuardFailed."""
    return perform(session_factory, typed(command, RecordPayment), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_record_payment)


@guard("fee_period_passed")
def _fee_period_passed(action: Action) -> str | None:
    notice = _open_notice(action.case)
    if notice is None:
        return None
    if notice.received_on is None:  # the window runs from receipt: it cannot be known to have passed
        return ("申请人收到收费通知书的日期未登记，无法确定缴费期限是否届满，请先登记申请人收到收费通知书的日期")
    if action.today <= notice.due_on:
        return f"缴费期限（{notice.due_on.isoformat()}）尚未届满"
    return None


def _lapse(action: Action) -> None:
    notice = _open_notice(action.case)
    if notice is not None:
        notice.lapsed = True
    action.case.outcome = LAPSED_FEE  # 表三 三(六)2: 逾期未缴费，不再处理


def lapse_fee(session_factory: SessionFactory, command: LapseFee, *, actor_id: int,
              case_id: int, expected_version: int, today: date) -> CaseRef:
    """Close the case because the fee was not paid in time (三(六)2): only once the payment window ran from
    the recorded day the applicant received the notice.

    Raises TransitionNotAllowed, PermissionDenied, GuardFailed (receipt date not recorded, period not over).
    """
    return perform(session_factory, typed(command, LapseFee), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_lapse)
