"""Several consultees open at once (条例第三十二条 third party, 第三十四条 co-producing agency): each letter batch has
its own date, receipt and 15 WD and its own clock pause; the clock counts the union of the pauses once
(条例第三十三条第三款). end_consultation ends the finished consultees and leaves the stage when none is left.

Hand-checked dates (2026 official calendar; 清明 4–6 April off): T0 2026-03-02 (Mon), due 20 WD later 03-30.
A pause (a, b] leaves a counted. 15 WD after 03-03 is 03-24, after 03-10 is 03-31.
"""
from datetime import date

import pytest
from sqlalchemy import select

from tests.support.factories import DAY1, load, snapshot
from workflow import commands as cmd
from workflow import services as sv
from workflow.errors import GuardFailed
from workflow.models import (
    ConsultationKind, DocumentKind, IssuedDocument, Opinion, RemedyKind, RemedyResult,
)

THIRD_PARTY = sv.Consultee(ConsultationKind.THIRD_PARTY, "某建设公司", received_on=DAY1)


def _co_producer(received_on=None):
    return sv.Consultee(ConsultationKind.CO_PRODUCER, "某市财政局", received_on=received_on)


def _third_party_consulted(session_factory, people, create_case):
    """A case whose third party got its letter on 03-03 (received the same day)."""
    case = create_case()
    return sv.start_consultation(
        session_factory, cmd.StartConsultation(consultees=[THIRD_PARTY]), actor_id=people.clerk,
        case_id=case.id, expected_version=case.version, today=DAY1)


def _both_sent(session_factory, people, create_case, *, second_on, second_received=None):
    """The third party's letter on 03-03 (received the same day), the co-producer's on ``second_on``."""
    case = _third_party_consulted(session_factory, people, create_case)
    case = sv.start_consultation(
        session_factory, cmd.StartConsultation(sent_on=second_on, consultees=[_co_producer(second_received)]),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version,
        today=second_received or second_on)
    third, co = load(session_factory, case.id).consultations
    return case, third.id, co.id


def _opinion(session_factory, people, case, consultation_id, on):
    return sv.record_opinion(
        session_factory,
        cmd.RecordOpinion(consultation_id=consultation_id, opinion=Opinion.AGREE, received_on=on),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=on)


def test_a_second_consultee_can_be_sent_a_letter_while_the_first_is_open(session_factory, people,
                                                                         create_case):
    case, third, co = _both_sent(session_factory, people, create_case, second_on=date(2026, 3, 9),
                                 second_received=date(2026, 3, 10))
    stored = load(session_factory, case.id)
    assert sv.state_of(stored) == "consultation.awaiting_opinions"
    assert [(c.sent_on, c.received_on, c.due_on, c.pause_ref) for c in stored.consultations] == [
        (date(2026, 3, 3), date(2026, 3, 3), date(2026, 3, 24), "consultation:1"),
        (date(2026, 3, 9), date(2026, 3, 10), date(2026, 3, 31), "consultation:2")]
    with session_factory() as session:  # each letter issued once: the second call does not reissue the first
        letters = session.scalars(select(IssuedDocument.addressee).where(
            IssuedDocument.kind == DocumentKind.CONSULTATION_LETTER).order_by(IssuedDocument.id)).all()
    assert letters == ["某建设公司", "某市财政局"]


def test_overlapping_pauses_count_once_and_each_consultee_keeps_its_own_15_days(session_factory, people,
                                                                                create_case):
    case, third, co = _both_sent(session_factory, people, create_case, second_on=date(2026, 3, 9),
                                 second_received=date(2026, 3, 10))
    case = _opinion(session_factory, people, case, third, date(2026, 3, 12))
    case = sv.end_consultation(
        session_factory, cmd.EndConsultation(), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=date(2026, 3, 12))
    stored = load(session_factory, case.id)
    # the third party is ended, the co-producer still has until 03-31: the case stays in consultation
    assert sv.state_of(stored) == "consultation.awaiting_opinions"
    assert [c.ended for c in stored.consultations] == [True, False]
    assert stored.history[-1].payload == {"ended_on": "2026-03-12", "silent": {}, "waiting": ["某市财政局"]}
    with pytest.raises(GuardFailed, match="以下对象尚未答复且答复期限未届满：某市财政局"):
        sv.end_consultation(
            session_factory, cmd.EndConsultation(), actor_id=people.clerk, case_id=case.id,
            expected_version=case.version, today=date(2026, 3, 31))
    case = sv.end_consultation(
        session_factory, cmd.EndConsultation(), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=date(2026, 4, 1))
    stored = load(session_factory, case.id)
    assert sv.state_of(stored) == "registration.processing"
    assert stored.history[-1].payload == {"ended_on": "2026-03-31", "silent": {"某市财政局": "视为同意"},
                                          "waiting": []}
    # pauses (03-03, 03-12] ∪ (03-09, 03-31] = (03-03, 03-31]: 03-03 counts (1), then 19 WD after 03-31:
    # 04-01..03 (3), 04-07..10 (7), 04-13..17 (12), 04-20..24 (17), 04-27, 04-28 (19)
    assert stored.due_date == date(2026, 4, 28)


def test_the_time_between_two_separate_pauses_is_counted(session_factory, people, create_case):
    case = _third_party_consulted(session_factory, people, create_case)
    third = load(session_factory, case.id).consultations[0].id
    case = _opinion(session_factory, people, case, third, date(2026, 3, 5))  # answered, not ended yet
    case = sv.start_consultation(
        session_factory, cmd.StartConsultation(consultees=[_co_producer(date(2026, 3, 9))]),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=date(2026, 3, 9))
    co = load(session_factory, case.id).consultations[1].id
    case = _opinion(session_factory, people, case, co, date(2026, 3, 20))
    case = sv.end_consultation(
        session_factory, cmd.EndConsultation(), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=date(2026, 3, 20))
    stored = load(session_factory, case.id)
    assert sv.state_of(stored) == "registration.processing"
    pauses = [(e.kind, e.day, e.ref) for e in stored.clock_events if e.ref]
    assert pauses == [("pause_started", date(2026, 3, 3), "consultation:1"),
                      ("pause_started", date(2026, 3, 9), "consultation:2"),
                      ("pause_ended", date(2026, 3, 5), "consultation:1"),
                      ("pause_ended", date(2026, 3, 20), "consultation:2")]
    # (03-03, 03-05] and (03-09, 03-20]: 03-03, 03-06, 03-09 count (3), then 17 WD after 03-20:
    # 03-23..27 (5), 03-30..04-03 (10), 04-07..10 (14), 04-13..15 (17)
    assert stored.due_date == date(2026, 4, 15)


def test_ending_is_refused_while_no_consultee_is_finished_and_names_them(session_factory, people,
                                                                         create_case):
    case, _, _ = _both_sent(session_factory, people, create_case, second_on=date(2026, 3, 9))
    before = snapshot(session_factory)
    with pytest.raises(GuardFailed) as refused:
        sv.end_consultation(
            session_factory, cmd.EndConsultation(), actor_id=people.clerk, case_id=case.id,
            expected_version=case.version, today=date(2026, 3, 20))
    assert refused.value.message == "以下对象尚未答复且答复期限未届满：某建设公司、某市财政局"
    assert snapshot(session_factory) == before


def test_a_silent_consultee_with_an_unknown_receipt_stays_open_when_another_is_ended(
        session_factory, people, create_case):
    case, third, co = _both_sent(session_factory, people, create_case, second_on=date(2026, 3, 9))
    case = sv.end_consultation(
        session_factory, cmd.EndConsultation(), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=date(2026, 4, 1))
    stored = load(session_factory, case.id)  # the third party's 15 WD ran to 03-24; the co-producer's receipt
    assert sv.state_of(stored) == "consultation.awaiting_opinions"  # is unknown: its silence cannot count
    assert stored.history[-1].payload == {"ended_on": "2026-03-24", "silent": {"某建设公司": "由本机关依法决定"},
                                          "waiting": ["某市财政局"]}


@pytest.mark.parametrize("sent_on, message", [
    (date(2026, 3, 2), "追加的征求意见书发出日期（2026-03-02）不能早于本案开始征求意见之日（2026-03-03）"),
    (date(2026, 3, 10), "征求意见书发出日期不能晚于今天"),
])
def test_a_further_letter_cannot_be_backdated_before_the_consultation_began_nor_dated_after_today(
        session_factory, people, create_case, sent_on, message):
    case = _third_party_consulted(session_factory, people, create_case)
    before = snapshot(session_factory)
    with pytest.raises(GuardFailed, match=message):
        sv.start_consultation(
            session_factory, cmd.StartConsultation(sent_on=sent_on, consultees=[_co_producer()]),
            actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=date(2026, 3, 9))
    assert snapshot(session_factory) == before


def test_a_first_letter_cannot_be_dated_before_the_application_was_received(session_factory, people,
                                                                             create_case):
    case = create_case()
    with pytest.raises(GuardFailed, match="征求意见书发出日期（2026-03-01）不能早于收到申请之日（2026-03-02）"):
        sv.start_consultation(
            session_factory, cmd.StartConsultation(sent_on=date(2026, 3, 1), consultees=[THIRD_PARTY]),
            actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=DAY1)


def test_a_consultation_started_after_the_due_date_is_accepted_and_recorded_as_a_breach(
        session_factory, people, create_case):
    case = create_case()  # due 2026-03-30
    case = sv.start_consultation(
        session_factory, cmd.StartConsultation(consultees=[_co_producer(date(2026, 3, 31))]),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=date(2026, 3, 31))
    stored = load(session_factory, case.id)
    assert sv.state_of(stored) == "consultation.awaiting_opinions"
    assert stored.history[-1].payload["breach"] == {
        "rule": "条例第三十三条", "due_on": "2026-03-30",
        "message": "征求意见书于 2026-03-31 发出，答复期限已于 2026-03-30 届满；"
                   "期限届满后征求意见，其时间不能使已逾期的答复期限中止计算"}
    assert stored.due_date == date(2026, 3, 30)  # a pause after the due date moves nothing


def test_a_consultation_started_on_the_due_date_records_no_breach(session_factory, people, create_case):
    case = create_case()
    case = sv.start_consultation(
        session_factory, cmd.StartConsultation(consultees=[_co_producer()]), actor_id=people.clerk,
        case_id=case.id, expected_version=case.version, today=date(2026, 3, 30))
    assert "breach" not in load(session_factory, case.id).history[-1].payload


def test_a_consultee_left_open_by_a_withdrawal_does_not_hold_up_the_reopened_case(session_factory, people,
                                                                                  create_case):
    case = _third_party_consulted(session_factory, people, create_case)  # the third party never answers
    case = sv.withdraw(
        session_factory, cmd.Withdraw(reason="申请人书面撤回"), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=DAY1)
    case = sv.record_remedy(
        session_factory,
        cmd.RecordRemedy(kind=RemedyKind.RECONSIDERATION, filed_on=date(2026, 3, 10), result=RemedyResult.CORRECTED, closed_on=date(2026, 3, 20)),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=date(2026, 3, 20))
    remedy_id = load(session_factory, case.id).remedies[0].id
    case = sv.reopen(
        session_factory, cmd.Reopen(remedy_id=remedy_id, decision_on=date(2026, 3, 25)),
        actor_id=people.supervisor, case_id=case.id, expected_version=case.version, today=date(2026, 3, 25))
    case = sv.start_consultation(
        session_factory, cmd.StartConsultation(consultees=[_co_producer(date(2026, 3, 26))]),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=date(2026, 3, 26))
    co = load(session_factory, case.id).consultations[1]
    assert co.pause_ref == "consultation:2"  # refs are numbered over every round of the case
    case = _opinion(session_factory, people, case, co.id, date(2026, 3, 27))
    case = sv.end_consultation(
        session_factory, cmd.EndConsultation(), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=date(2026, 3, 27))
    assert sv.state_of(case) == "registration.processing"
    assert load(session_factory, case.id).history[-1].payload["waiting"] == []
