"""Every (state, trigger) pair: allowed ones refuse users without the role (and other agencies) and then reach
the table's destination; the others raise TransitionNotAllowed. Refusals leave every table untouched."""
from datetime import date

import pytest

from tests.support.factories import DAY1, STATES, load, snapshot
from workflow import commands as cmd
from workflow import services as sv
from workflow.errors import PermissionDenied, TransitionNotAllowed
from workflow.models import ConsultationKind, FeeMethod, Opinion, RemedyKind, Role
from workflow.transitions_table import SAME, TRANSITIONS, expand_sources

LATER = date(2026, 3, 4)


def _first_open_consultation(sf, case):
    return next((c.id for c in load(sf, case.id).consultations if not c.ended), 999_999)


def _corrective_remedy(sf, case):
    return next((r.id for r in load(sf, case.id).remedies), 999_999)


def _consultee():
    return [sv.Consultee(ConsultationKind.CO_PRODUCER, "某市财政局")]


# trigger -> (actor attribute, call(sf, actor, case) with arguments that satisfy the guards)
CALLS = {
    "confirm_receipt": ("clerk", lambda sf, a, c: sv.confirm_receipt(
        sf, cmd.ConfirmReceipt(confirmed_on=DAY1), actor_id=a, case_id=c.id, expected_version=c.version,
        today=LATER)),
    "request_correction": ("clerk", lambda sf, a, c: sv.request_correction(
        sf, cmd.RequestCorrection(items=["form"], due_on=date(2026, 3, 20)), actor_id=a, case_id=c.id,
        expected_version=c.version, today=LATER)),
    "receive_correction": ("clerk", lambda sf, a, c: sv.receive_correction(
        sf, cmd.ReceiveCorrection(received_on=LATER), actor_id=a, case_id=c.id, expected_version=c.version,
        today=LATER)),
    "lapse_correction": ("clerk", lambda sf, a, c: sv.lapse_correction(
        sf, cmd.LapseCorrection(), actor_id=a, case_id=c.id, expected_version=c.version,
        today=date(2026, 3, 20))),
    "start_consultation": ("clerk", lambda sf, a, c: sv.start_consultation(
        sf, cmd.StartConsultation(consultees=_consultee()), actor_id=a, case_id=c.id,
        expected_version=c.version, today=LATER)),
    "record_opinion": ("clerk", lambda sf, a, c: sv.record_opinion(
        sf,
        cmd.RecordOpinion(consultation_id=_first_open_consultation(sf, c), opinion=Opinion.AGREE,
                          received_on=LATER),
        actor_id=a, case_id=c.id, expected_version=c.version, today=LATER)),
    "record_letter_receipt": ("clerk", lambda sf, a, c: sv.record_letter_receipt(
        sf, cmd.RecordLetterReceipt(consultation_id=_first_open_consultation(sf, c), received_on=LATER),
        actor_id=a, case_id=c.id, expected_version=c.version, today=LATER)),
    "end_consultation": ("clerk", lambda sf, a, c: sv.end_consultation(
        sf, cmd.EndConsultation(), actor_id=a, case_id=c.id, expected_version=c.version,
        today=date(2026, 3, 30))),
    "request_fee": ("supervisor", lambda sf, a, c: sv.request_fee(
        sf, cmd.RequestFee(method=FeeMethod.PER_ITEM, quantity=12), actor_id=a, case_id=c.id,
        expected_version=c.version, today=LATER)),
    "record_fee_notice_receipt": ("clerk", lambda sf, a, c: sv.record_fee_notice_receipt(
        sf, cmd.RecordFeeNoticeReceipt(received_on=LATER), actor_id=a, case_id=c.id,
        expected_version=c.version, today=LATER)),
    "record_payment": ("clerk", lambda sf, a, c: sv.record_payment(
        sf, cmd.RecordPayment(paid_on=LATER), actor_id=a, case_id=c.id, expected_version=c.version,
        today=LATER)),
    "lapse_fee": ("clerk", lambda sf, a, c: sv.lapse_fee(
        sf, cmd.LapseFee(), actor_id=a, case_id=c.id, expected_version=c.version, today=date(2026, 4, 10))),
    "extend_deadline": ("supervisor", lambda sf, a, c: sv.extend_deadline(
        sf, cmd.ExtendDeadline(days=10, reason="需调取档案"), actor_id=a, case_id=c.id, expected_version=c.version,
        today=LATER)),
    "set_delayed_period": ("supervisor", lambda sf, a, c: sv.set_delayed_period(
        sf, cmd.SetDelayedPeriod(due_on=date(2026, 5, 29), reason="申请数量明显超出合理范围"), actor_id=a, case_id=c.id,
        expected_version=c.version, today=LATER)),
    "draft_reply": ("clerk", lambda sf, a, c: sv.draft_reply(
        sf, cmd.DraftReply(), actor_id=a, case_id=c.id, expected_version=c.version, today=LATER)),
    "submit_review": ("clerk", lambda sf, a, c: sv.submit_review(
        sf, cmd.SubmitReview(category="disclose"), actor_id=a, case_id=c.id, expected_version=c.version,
        today=LATER)),
    "approve_reply": ("reviewer", lambda sf, a, c: sv.approve_reply(
        sf, cmd.ApproveReply(), actor_id=a, case_id=c.id, expected_version=c.version, today=LATER)),
    "return_reply": ("reviewer", lambda sf, a, c: sv.return_reply(
        sf, cmd.ReturnReply(comment="依据条款有误"), actor_id=a, case_id=c.id, expected_version=c.version,
        today=LATER)),
    "issue_reply": ("clerk", lambda sf, a, c: sv.issue_reply(
        sf, cmd.IssueReply(issued_on=LATER, delivery_method="当面领取"), actor_id=a, case_id=c.id,
        expected_version=c.version, today=LATER)),
    "archive_case": ("clerk", lambda sf, a, c: sv.archive_case(
        sf, cmd.ArchiveCase(delivery_proof="签收单"), actor_id=a, case_id=c.id, expected_version=c.version,
        today=LATER)),
    "withdraw": ("clerk", lambda sf, a, c: sv.withdraw(
        sf, cmd.Withdraw(reason="申请人书面撤回"), actor_id=a, case_id=c.id, expected_version=c.version,
        today=LATER)),
    "reopen": ("supervisor", lambda sf, a, c: sv.reopen(
        sf, cmd.Reopen(remedy_id=_corrective_remedy(sf, c), decision_on=date(2026, 3, 25)), actor_id=a,
        case_id=c.id, expected_version=c.version, today=date(2026, 3, 25))),
    "record_remedy": ("clerk", lambda sf, a, c: sv.record_remedy(
        sf, cmd.RecordRemedy(kind=RemedyKind.DIRECT_SUIT, filed_on=date(2026, 3, 21)), actor_id=a,
        case_id=c.id, expected_version=c.version, today=date(2026, 3, 25))),
}


def test_every_trigger_of_the_table_has_a_call_in_this_test():
    assert set(CALLS) == {rule.trigger for rule in TRANSITIONS} - {"register"}


CONSULTING, PROCESSING = "consultation.awaiting_opinions", "registration.processing"
AWAITING_FEE = "registration.awaiting_fee"
# The consultation and fee rows pinned by hand (trigger, from, to, guards): changing one must change this.
PINNED_ROWS = [
    ("start_consultation", (PROCESSING,), CONSULTING, ("consultees_given", "letter_date_valid")),
    ("start_consultation", (CONSULTING,), SAME, ("consultees_given", "letter_date_valid")),  # one more letter
    ("record_letter_receipt", (CONSULTING,), SAME, ("letter_receipt_valid",)),
    ("record_opinion", (CONSULTING,), SAME, ("consultee_pending",)),
    ("end_consultation", (CONSULTING,), PROCESSING, ("every_consultee_finished",)),
    ("end_consultation", (CONSULTING,), SAME, ("some_consultee_finished",)),  # others stay open
    ("request_fee", (PROCESSING,), AWAITING_FEE, ("fee_matches_brackets", "fee_notice_receipt_valid")),
    ("record_fee_notice_receipt", (AWAITING_FEE,), SAME, ("fee_notice_receipt_recordable",)),
    ("record_payment", (AWAITING_FEE,), PROCESSING, ("payment_date_valid",)),
    ("lapse_fee", (AWAITING_FEE,), "archive.closed", ("fee_period_passed",)),
]


def test_the_consultation_and_fee_rows_are_the_pinned_ones():
    triggers = {row[0] for row in PINNED_ROWS}
    assert [(r.trigger, expand_sources(r), r.dest, r.guards) for r in TRANSITIONS
            if r.trigger in triggers] == PINNED_ROWS


def test_end_consultation_with_a_consultee_still_waiting_takes_its_second_row_and_stays(
        session_factory, people, create_case):
    case = create_case(CONSULTING)  # a third party, letter received 03-03, due 03-24
    case = sv.start_consultation(
        session_factory, cmd.StartConsultation(consultees=_consultee()), actor_id=people.clerk,
        case_id=case.id, expected_version=case.version, today=LATER)
    assert sv.state_of(case) == CONSULTING
    case = sv.end_consultation(
        session_factory, cmd.EndConsultation(), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=date(2026, 3, 25))
    assert sv.state_of(case) == CONSULTING  # the co-producer's receipt is unknown: it stays open
    assert [c.ended for c in load(session_factory, case.id).consultations] == [True, False]


def _destination(trigger, state):
    rule = next(r for r in TRANSITIONS if r.trigger == trigger and state in expand_sources(r))
    return state if rule.dest == SAME else rule.dest


def _assert_other_roles_are_refused(session_factory, people, trigger, state, call, case):
    roles = next(r.roles for r in TRANSITIONS if r.trigger == trigger and state in expand_sources(r))
    stranger = next(name for name in ("clerk", "reviewer", "supervisor") if Role(name) not in roles)
    before = snapshot(session_factory)
    with pytest.raises(PermissionDenied):
        call(session_factory, getattr(people, stranger), case)
    with pytest.raises(PermissionDenied):
        call(session_factory, people.outsider, case)
    assert snapshot(session_factory) == before, trigger


@pytest.mark.parametrize("state", STATES)
def test_allowed_triggers_reach_their_destination_and_others_change_nothing(
        session_factory, people, create_case, state):
    for trigger, (who, call) in CALLS.items():
        case = create_case(state)
        allowed = any(state in expand_sources(r) for r in TRANSITIONS if r.trigger == trigger)
        if allowed:
            _assert_other_roles_are_refused(session_factory, people, trigger, state, call, case)
            after = call(session_factory, getattr(people, who), case)
            assert sv.state_of(after) == _destination(trigger, state), trigger
            assert after.version == case.version + 1, trigger
        else:
            before = snapshot(session_factory)
            with pytest.raises(TransitionNotAllowed):
                call(session_factory, getattr(people, who), case)
            assert snapshot(session_factory) == before, trigger
