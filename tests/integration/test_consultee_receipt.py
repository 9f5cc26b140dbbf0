"""征求意见: the consultee's 15 working days (条例第三十二条、第三十四条) run from its receipt of the letter. When that
date is unknown they are only provisional (counted from sending), so silence cannot end the consultation until
``record_letter_receipt`` records it.

Hand-checked dates (2026 official calendar): letter sent 2026-03-03; 15 WD after 03-03 is 03-24, after 03-10
is 03-31; T0 2026-03-02.
"""
from datetime import date

import pytest

from tests.support.factories import DAY1, load, snapshot
from workflow import commands as cmd
from workflow import services as sv
from workflow.errors import GuardFailed
from workflow.models import ConsultationKind


def _consulting_a_co_producer(session_factory, people, create_case):
    case = create_case()
    case = sv.start_consultation(
        session_factory,
        cmd.StartConsultation(consultees=[sv.Consultee(ConsultationKind.CO_PRODUCER, "某市财政局")]),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=DAY1)
    return case, load(session_factory, case.id).consultations[0]


def test_silence_does_not_end_a_consultation_while_the_receipt_date_is_unknown(session_factory, people,
                                                                               create_case):
    case, consultation = _consulting_a_co_producer(session_factory, people, create_case)
    assert consultation.due_on == date(2026, 3, 24)  # provisional: counted from the sending date
    before = snapshot(session_factory)
    with pytest.raises(GuardFailed) as refused:
        sv.end_consultation(
            session_factory, cmd.EndConsultation(), actor_id=people.clerk, case_id=case.id,
            expected_version=case.version, today=date(2026, 3, 25))
    assert refused.value.message == ("以下对象未答复，且收到征求意见书的日期未登记，无法确定其答复期限是否届满，"
                                     "请先登记收到日期：某市财政局")
    assert snapshot(session_factory) == before


def test_the_recorded_receipt_date_starts_the_consultees_15_working_days(session_factory, people,
                                                                         create_case):
    case, consultation = _consulting_a_co_producer(session_factory, people, create_case)
    case = sv.record_letter_receipt(
        session_factory,
        cmd.RecordLetterReceipt(consultation_id=consultation.id, received_on=date(2026, 3, 10)),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=date(2026, 3, 11))
    stored = load(session_factory, case.id)
    assert (stored.consultations[0].received_on, stored.consultations[0].due_on) == (date(2026, 3, 10),
                                                                                     date(2026, 3, 31))
    row = stored.history[-1]
    assert (row.trigger, row.actor_id, sv.state_of(stored)) == ("record_letter_receipt", people.clerk,
                                                                "consultation.awaiting_opinions")
    assert row.payload == {"consultation_id": consultation.id, "received_on": "2026-03-10",
                           "previous_received_on": None, "consultee": "某市财政局", "due_on": "2026-03-31"}
    with pytest.raises(GuardFailed, match="某市财政局"):
        sv.end_consultation(
            session_factory, cmd.EndConsultation(), actor_id=people.clerk, case_id=case.id,
            expected_version=case.version, today=date(2026, 3, 31))
    case = sv.end_consultation(
        session_factory, cmd.EndConsultation(), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=date(2026, 4, 1))
    stored = load(session_factory, case.id)
    assert stored.history[-1].payload == {"ended_on": "2026-03-31", "silent": {"某市财政局": "视为同意"},
                                          "waiting": []}
    # the pause (03-03, 03-31] leaves 03-03 counted; 19 WD after 03-31 (清明 04-06 off) → 04-28
    assert stored.due_date == date(2026, 4, 28)


@pytest.mark.parametrize("received_on, today", [(date(2026, 3, 2), date(2026, 3, 5)),
                                                (date(2026, 3, 6), date(2026, 3, 5))])
def test_a_receipt_date_before_sending_or_after_today_is_refused(session_factory, people, create_case,
                                                                 received_on, today):
    case, consultation = _consulting_a_co_producer(session_factory, people, create_case)
    with pytest.raises(GuardFailed, match="对方收到征求意见书的日期应在征求意见书发出之日与今天之间"):
        sv.record_letter_receipt(
            session_factory,
            cmd.RecordLetterReceipt(consultation_id=consultation.id, received_on=received_on),
            actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=today)
