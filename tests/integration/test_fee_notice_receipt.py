"""信息处理费: the payment window (UNVERIFIED, STATUTE.md §3: 20 WD) runs from the day the applicant received the
收费通知书, recorded like a consultee's receipt of its letter; lapse_fee waits for that window. A quantity beyond
the configured maximum is refused at once (it used to loop page by page inside the write lock).

Hand-checked dates (2026 official calendar; 清明 4–6 April off): the notice is sent 2026-03-03; 20 WD after
03-03 is 03-31; after 03-09 is 04-07 (03-10..13, 16..20, 23..27, 30..04-03 are 19, then 04-07).
"""
from datetime import date

import pytest
from sqlalchemy import event

from rules.replies.fees import compute_fee
from tests.support.factories import DAY1, load, snapshot
from tests.support.timing import at_most
from workflow import commands as cmd
from workflow import services as sv
from workflow.errors import GuardFailed
from workflow.models import FeeMethod
from workflow.services import fee


def _posted_notice(session_factory, people, create_case):
    case = create_case()
    return sv.request_fee(
        session_factory, cmd.RequestFee(method=FeeMethod.PER_PAGE, quantity=150), actor_id=people.supervisor,
        case_id=case.id, expected_version=case.version, today=DAY1)


def test_a_fee_cannot_lapse_while_the_applicants_receipt_of_the_notice_is_unknown(session_factory, people,
                                                                                  create_case):
    case = _posted_notice(session_factory, people, create_case)
    before = snapshot(session_factory)
    with pytest.raises(GuardFailed) as refused:  # long after 03-31, the window counted from sending
        sv.lapse_fee(
            session_factory, cmd.LapseFee(), actor_id=people.clerk, case_id=case.id,
            expected_version=case.version, today=date(2026, 5, 6))
    assert refused.value.message == ("申请人收到收费通知书的日期未登记，无法确定缴费期限是否届满，"
                                     "请先登记申请人收到收费通知书的日期")
    assert snapshot(session_factory) == before


def test_the_payment_window_runs_from_the_recorded_receipt_of_the_notice(session_factory, people,
                                                                         create_case):
    case = _posted_notice(session_factory, people, create_case)
    case = sv.record_fee_notice_receipt(
        session_factory, cmd.RecordFeeNoticeReceipt(received_on=date(2026, 3, 9)), actor_id=people.clerk,
        case_id=case.id, expected_version=case.version, today=date(2026, 3, 10))
    stored = load(session_factory, case.id)
    notice = stored.fee_notices[0]
    assert (notice.sent_on, notice.received_on, notice.due_on) == (DAY1, date(2026, 3, 9), date(2026, 4, 7))
    assert sv.state_of(stored) == "registration.awaiting_fee"
    assert stored.history[-1].payload == {"received_on": "2026-03-09", "previous_received_on": None,
                                          "previous_due_on": "2026-03-31", "due_on": "2026-04-07"}
    with pytest.raises(GuardFailed, match="缴费期限（2026-04-07）尚未届满"):
        sv.lapse_fee(
            session_factory, cmd.LapseFee(), actor_id=people.clerk, case_id=case.id,
            expected_version=case.version, today=date(2026, 4, 7))
    case = sv.lapse_fee(
        session_factory, cmd.LapseFee(), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=date(2026, 4, 8))
    assert (sv.state_of(case), load(session_factory, case.id).outcome) == ("archive.closed", "lapsed_fee")


@pytest.mark.parametrize("received_on, today", [(date(2026, 3, 2), date(2026, 3, 5)),
                                                (date(2026, 3, 6), date(2026, 3, 5))])
def test_a_notice_receipt_before_sending_or_after_today_is_refused(session_factory, people, create_case,
                                                                   received_on, today):
    case = _posted_notice(session_factory, people, create_case)
    before = snapshot(session_factory)
    with pytest.raises(GuardFailed, match="申请人收到收费通知书的日期应在通知书发出之日与今天之间"):
        sv.record_fee_notice_receipt(
            session_factory, cmd.RecordFeeNoticeReceipt(received_on=received_on), actor_id=people.clerk,
            case_id=case.id, expected_version=case.version, today=today)
    assert snapshot(session_factory) == before


@pytest.mark.parametrize("method, message", [
    (FeeMethod.PER_PAGE, "计费页数 1000000000000000 超过系统允许的上限 100000 页"),
    (FeeMethod.PER_ITEM, "本月累计件数 1000000000000000（此前 0 件，本次 1000000000000000 件）"
                         "超过系统允许的上限 1000 件"),
])
def test_a_huge_quantity_is_refused_at_once_with_the_limit_named(session_factory, people, create_case,
                                                                 method, message):
    case = create_case()
    before = snapshot(session_factory)
    with at_most(5), pytest.raises(GuardFailed, match=message):
        sv.request_fee(
            session_factory, cmd.RequestFee(method=method, quantity=10**15), actor_id=people.supervisor,
            case_id=case.id, expected_version=case.version, today=DAY1)
    assert snapshot(session_factory) == before


def test_request_fee_computes_the_fee_once_and_queries_the_months_earlier_pieces_once(
        engine, session_factory, people, create_case, monkeypatch):
    # the guard's fee and earlier pieces are handed to the mutator (action.derive): not recomputed
    case = create_case()
    computed, statements = [], []
    monkeypatch.setattr(fee, "compute_fee", lambda *a, **k: computed.append(a) or compute_fee(*a, **k))
    listener = lambda conn, cursor, statement, *rest: statements.append(statement)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        sv.request_fee(session_factory, cmd.RequestFee(method=FeeMethod.PER_ITEM, quantity=12),
                       actor_id=people.supervisor, case_id=case.id, expected_version=case.version, today=DAY1)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(computed) == 1
    assert sum("max(fee_notice.quantity)" in s.lower() for s in statements) == 1
    assert load(session_factory, case.id).history[-1].payload["earlier_pieces"] == 0
