"""Dates recorded after the fact: a corrected application after its period (条例第三十条: 逾期视为放弃申请) needs
a good reason and is recorded as a breach; receipt dates of notices and letters lie between sending and today.

Hand-checked dates: the 补正告知书 of ``correction.awaiting_applicant`` is sent 2026-03-03 with period to 03-10.
"""
from datetime import date

import pytest

from tests.support.factories import DAY1, load, snapshot
from workflow import commands as cmd
from workflow import services as sv
from workflow.errors import GuardFailed
from workflow.models import ConsultationKind, FeeMethod

LATE = date(2026, 3, 12)


def test_a_correction_received_after_its_period_needs_a_reason(session_factory, people, create_case):
    case = create_case("correction.awaiting_applicant")
    before = snapshot(session_factory)
    with pytest.raises(GuardFailed) as refused:
        sv.receive_correction(
            session_factory, cmd.ReceiveCorrection(received_on=LATE), actor_id=people.clerk, case_id=case.id,
            expected_version=case.version, today=LATE)
    assert refused.value.message == ("补正材料在补正期限（2026-03-10）届满后才收到，依条例第三十条视为放弃申请；"
                                     "如有正当理由继续办理，请填写理由")
    assert snapshot(session_factory) == before


def test_a_late_correction_accepted_for_a_reason_is_recorded_as_a_breach(session_factory, people,
                                                                         create_case):
    case = create_case("correction.awaiting_applicant")
    case = sv.receive_correction(
        session_factory, cmd.ReceiveCorrection(received_on=LATE, reason="邮政延误，申请人已于期限内寄出（有邮戳）"),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=LATE)
    payload = load(session_factory, case.id).history[-1].payload
    assert payload["breach"] == {"rule": "条例第三十条", "due_on": "2026-03-10",
                                 "message": "补正期限 2026-03-10 届满后才收到补正材料"}
    assert payload["reason"] == "邮政延误，申请人已于期限内寄出（有邮戳）"
    assert sv.state_of(case) == "registration.processing"


def test_a_correction_within_its_period_records_no_breach(session_factory, people, create_case):
    case = create_case("correction.awaiting_applicant")
    case = sv.receive_correction(
        session_factory, cmd.ReceiveCorrection(received_on=date(2026, 3, 10)), actor_id=people.clerk,
        case_id=case.id, expected_version=case.version, today=LATE)
    assert "breach" not in load(session_factory, case.id).history[-1].payload


@pytest.mark.parametrize("received_on", [date(2026, 3, 2), date(2026, 3, 4)])
def test_a_fee_notice_cannot_be_received_before_it_is_sent_or_after_today(session_factory, people,
                                                                          create_case, received_on):
    case = create_case()
    before = snapshot(session_factory)
    with pytest.raises(GuardFailed, match="申请人收到收费通知的日期不能早于发出之日（今天），也不能晚于今天"):
        sv.request_fee(
            session_factory,
            cmd.RequestFee(method=FeeMethod.PER_PAGE, quantity=150, notice_received_on=received_on),
            actor_id=people.supervisor, case_id=case.id, expected_version=case.version, today=DAY1)
    assert snapshot(session_factory) == before
    case = sv.request_fee(
        session_factory, cmd.RequestFee(method=FeeMethod.PER_PAGE, quantity=150, notice_received_on=DAY1),
        actor_id=people.supervisor, case_id=case.id, expected_version=case.version, today=DAY1)
    assert load(session_factory, case.id).fee_notices[0].due_on == date(2026, 3, 31)  # 20 WD after 03-03


def test_a_consultee_cannot_have_received_the_letter_after_today(session_factory, people, create_case):
    case = create_case()
    with pytest.raises(GuardFailed, match="对方收到征求意见书的日期不能晚于今天"):
        sv.start_consultation(
            session_factory,
            cmd.StartConsultation(consultees=[
                sv.Consultee(ConsultationKind.THIRD_PARTY, "某建设公司", received_on=date(2026, 3, 4))]),
            actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=DAY1)
