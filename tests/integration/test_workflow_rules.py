"""Roles, agencies, guards and the deadline the services store (hand-checked dates, 2026 official
calendar)."""
from datetime import date

import pytest

from rules.calendar import load_calendar
from rules.clock import compute_deadline
from tests.support.factories import DAY1, T0, load, registration_data, snapshot
from workflow import commands as cmd
from workflow import services as sv
from workflow.deadlines import to_clock_events
from workflow.errors import (
    ConcurrentModification, GuardFailed, InvalidInput, NotFound, PermissionDenied, TransitionNotAllowed,
)
from workflow.models import (
    Channel, ConsultationKind, FeeMethod, History, Opinion, RemedyKind, RemedyResult, Role, Stage, User,
)


def _stored_deadline(session_factory, case_id, today):
    case = load(session_factory, case_id)
    deadline = compute_deadline(load_calendar(), to_clock_events(case.clock_events, case.clock_round), today)
    return case, deadline


def test_registration_numbers_cases_sequentially_per_agency_and_year(session_factory, people):
    first = sv.register_application(session_factory, registration_data(), actor_id=people.clerk, today=T0)
    second = sv.register_application(session_factory, registration_data(), actor_id=people.clerk, today=T0)
    other = sv.register_application(session_factory, registration_data(), actor_id=people.outsider, today=T0)
    numbers = (first.tracking_number, second.tracking_number, other.tracking_number)
    assert numbers == ("2026-0001", "2026-0002", "2026-0001")
    first_code, second_code = (load(session_factory, c.id).query_code for c in (first, second))
    assert len(first_code) == 10 and first_code != second_code
    assert not set(first_code) & set("01OIL")


def test_an_in_person_case_is_due_20_working_days_after_receipt(session_factory, create_case):
    case = create_case()
    stored, deadline = _stored_deadline(session_factory, case.id, DAY1)
    assert stored.due_date == deadline.due_date == date(2026, 3, 30)
    assert stored.history[0].trigger == "register" and stored.history[0].due_after == date(2026, 3, 30)


def test_an_online_case_has_no_due_date_until_receipt_is_confirmed(session_factory, people, create_case):
    case = create_case("registration.awaiting_confirmation")
    assert case.due_date is None
    case = sv.confirm_receipt(
        session_factory, cmd.ConfirmReceipt(confirmed_on=DAY1), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=DAY1)
    assert case.due_date == date(2026, 3, 31)


def test_unmarked_missing_article_29_items_refuse_registration(session_factory, people):
    before = snapshot(session_factory)
    with pytest.raises(GuardFailed, match="申请人的联系方式"):
        sv.register_application(
            session_factory, registration_data(contact_phone=None), actor_id=people.clerk, today=T0)
    assert snapshot(session_factory) == before
    case = sv.register_application(
        session_factory, registration_data(contact_phone=None, missing_items=["contact"]),
        actor_id=people.clerk, today=T0)
    with pytest.raises(GuardFailed, match="须先发出补正告知书"):
        sv.draft_reply(
            session_factory, cmd.DraftReply(), actor_id=people.clerk, case_id=case.id,
            expected_version=case.version, today=DAY1)


def test_correction_stops_the_clock_and_restarts_it_from_the_corrected_receipt(
        session_factory, people, create_case):
    case = create_case("correction.awaiting_applicant")
    assert case.due_date is None
    case = sv.receive_correction(
        session_factory, cmd.ReceiveCorrection(received_on=date(2026, 3, 9)), actor_id=people.clerk,
        case_id=case.id, expected_version=case.version, today=date(2026, 3, 9))
    stored, deadline = _stored_deadline(session_factory, case.id, date(2026, 3, 9))
    assert stored.due_date == deadline.due_date == date(2026, 4, 7)  # 清明 2026-04-04..06 off


def test_a_late_correction_notice_is_recorded_as_a_breach_not_refused(session_factory, people, create_case):
    case = create_case()
    case = sv.request_correction(
        session_factory, cmd.RequestCorrection(items=["description"], due_on=date(2026, 3, 31)),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=date(2026, 3, 12))
    payload = load(session_factory, case.id).history[-1].payload
    assert payload["breach"]["notice_due"] == "2026-03-11"  # 7 WD after 2026-03-02


def test_the_same_defect_cannot_be_asked_for_twice(session_factory, people, create_case):
    case = create_case("correction.awaiting_applicant")
    case = sv.receive_correction(
        session_factory, cmd.ReceiveCorrection(received_on=DAY1), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=DAY1)
    with pytest.raises(GuardFailed, match="description"):
        sv.request_correction(
            session_factory, cmd.RequestCorrection(items=["description", "form"], due_on=date(2026, 3, 20)),
            actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=DAY1)


def test_consultation_pause_and_extension_move_the_stored_due_date(session_factory, people, create_case):
    case = create_case("consultation.awaiting_opinions")  # letter sent 2026-03-03
    case = sv.extend_deadline(
        session_factory, cmd.ExtendDeadline(days=10, reason="复杂"), actor_id=people.supervisor,
        case_id=case.id, expected_version=case.version, today=date(2026, 3, 5))
    consultation_id = load(session_factory, case.id).consultations[0].id
    case = sv.record_opinion(
        session_factory,
        cmd.RecordOpinion(consultation_id=consultation_id, opinion=Opinion.DISAGREE,
                          received_on=date(2026, 3, 10)),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=date(2026, 3, 10))
    case = sv.end_consultation(
        session_factory, cmd.EndConsultation(), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=date(2026, 3, 10))
    stored, deadline = _stored_deadline(session_factory, case.id, date(2026, 3, 10))
    # 30 WD after 03-02 is 04-14; the pause (03-03, 03-10] removes 5 WD → 04-21
    assert stored.due_date == deadline.due_date == date(2026, 4, 21)
    assert [h.trigger for h in stored.history][-1] == "end_consultation"


def test_a_silent_co_producer_is_deemed_to_consent(session_factory, people, create_case):
    case = create_case()
    case = sv.start_consultation(
        session_factory,
        cmd.StartConsultation(
            consultees=[sv.Consultee(ConsultationKind.CO_PRODUCER, "某市财政局", received_on=DAY1)]),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=DAY1)
    with pytest.raises(GuardFailed, match="某市财政局"):
        sv.end_consultation(
            session_factory, cmd.EndConsultation(), actor_id=people.clerk, case_id=case.id,
            expected_version=case.version, today=date(2026, 3, 24))
    case = sv.end_consultation(
        session_factory, cmd.EndConsultation(), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=date(2026, 3, 25))
    payload = load(session_factory, case.id).history[-1].payload
    assert payload == {"ended_on": "2026-03-24", "silent": {"某市财政局": "视为同意"}, "waiting": []}


def test_a_fee_notice_is_sent_only_by_a_supervisor_never_by_a_clerk_naming_one(session_factory, people,
                                                                               create_case):
    case = create_case()
    before = snapshot(session_factory)
    with pytest.raises(PermissionDenied, match="您的角色不能执行「发出收费通知」"):
        sv.request_fee(
            session_factory, cmd.RequestFee(method=FeeMethod.PER_PAGE, quantity=150), actor_id=people.clerk,
            case_id=case.id, expected_version=case.version, today=DAY1)
    with pytest.raises(TypeError):  # no approver can be named on someone else's behalf
        sv.request_fee(
            session_factory,
            cmd.RequestFee(method=FeeMethod.PER_PAGE, quantity=150, approved_by=people.supervisor),
            actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=DAY1)
    assert snapshot(session_factory) == before


def test_extension_is_once_at_most_20_days_and_only_by_a_supervisor(session_factory, people, create_case):
    case = create_case()
    with pytest.raises(PermissionDenied):
        sv.extend_deadline(
            session_factory, cmd.ExtendDeadline(days=5, reason="r"), actor_id=people.clerk, case_id=case.id,
            expected_version=case.version, today=DAY1)
    with pytest.raises(InvalidInput, match="「延长的工作日数」应在 1 至 20 之间"):
        cmd.ExtendDeadline(days=21, reason="r")
    with pytest.raises(GuardFailed, match="届满前"):
        sv.extend_deadline(
            session_factory, cmd.ExtendDeadline(days=5, reason="r"), actor_id=people.supervisor,
            case_id=case.id, expected_version=case.version, today=date(2026, 3, 31))
    case = sv.extend_deadline(
        session_factory, cmd.ExtendDeadline(days=20, reason="r"), actor_id=people.supervisor, case_id=case.id,
        expected_version=case.version, today=date(2026, 3, 30))
    assert case.due_date == date(2026, 4, 28)
    with pytest.raises(GuardFailed, match="已延期一次"):
        sv.extend_deadline(
            session_factory, cmd.ExtendDeadline(days=1, reason="r"), actor_id=people.supervisor,
            case_id=case.id, expected_version=case.version, today=DAY1)


def test_the_fee_follows_the_109_brackets_and_lapses_only_after_its_period(
        session_factory, people, create_case):
    case = create_case()
    with pytest.raises(GuardFailed, match="未达收费起点"):
        sv.request_fee(
            session_factory, cmd.RequestFee(method=FeeMethod.PER_PAGE, quantity=30),
            actor_id=people.supervisor, case_id=case.id, expected_version=case.version, today=DAY1)
    case = sv.request_fee(
        session_factory, cmd.RequestFee(method=FeeMethod.PER_PAGE, quantity=150, notice_received_on=DAY1),
        actor_id=people.supervisor, case_id=case.id, expected_version=case.version, today=DAY1)
    notice = load(session_factory, case.id).fee_notices[0]
    assert notice.amount == 70 * 10 + 50 * 20 and notice.due_on == date(2026, 3, 31)
    assert notice.approved_by_id == people.supervisor
    with pytest.raises(GuardFailed, match="尚未届满"):
        sv.lapse_fee(
            session_factory, cmd.LapseFee(), actor_id=people.clerk, case_id=case.id,
            expected_version=case.version, today=date(2026, 3, 31))
    case = sv.lapse_fee(
        session_factory, cmd.LapseFee(), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=date(2026, 4, 1))
    assert (case.stage, load(session_factory, case.id).outcome) == (Stage.ARCHIVE, "lapsed_fee")


def test_pieces_count_on_from_the_same_applicants_earlier_applications_this_month(session_factory, people):
    # 办法第四条第二款: cumulative per applicant and calendar month. Earlier this month: one application charged
    # 12 pieces (11th and 12th: 200元) and one uncharged application (one piece) → 13 earlier pieces; this
    # one's 5 pieces are the 14th–18th: 5 × 100 = 500元. Another applicant's and last month's do not count.
    charged = sv.register_application(session_factory, registration_data(), actor_id=people.clerk, today=T0)
    charged = sv.request_fee(
        session_factory, cmd.RequestFee(method=FeeMethod.PER_ITEM, quantity=12), actor_id=people.supervisor,
        case_id=charged.id, expected_version=charged.version, today=DAY1)
    sv.register_application(session_factory, registration_data(), actor_id=people.clerk, today=T0)
    sv.register_application(
        session_factory, registration_data(applicant_name="钱七", id_document_number="110101199202021234"),
        actor_id=people.clerk, today=T0)
    sv.register_application(
        session_factory, registration_data(received_on=date(2026, 2, 27)), actor_id=people.clerk, today=T0)
    later = date(2026, 3, 5)
    case = sv.register_application(
        session_factory, registration_data(received_on=later), actor_id=people.clerk, today=later)
    case = sv.request_fee(
        session_factory, cmd.RequestFee(method=FeeMethod.PER_ITEM, quantity=5), actor_id=people.supervisor,
        case_id=case.id, expected_version=case.version, today=later)
    assert load(session_factory, charged.id).fee_notices[0].amount == 200
    notice = load(session_factory, case.id).fee_notices[0]
    assert notice.amount == 500
    assert load(session_factory, case.id).history[-1].payload["lines"] == [[14, 18, 100, 500]]


def test_a_return_needs_a_comment(session_factory, people, create_case):
    case = create_case("reply.in_review")
    with pytest.raises(InvalidInput, match="请填写「审核意见」"):
        cmd.ReturnReply(comment=" ")
    case = sv.return_reply(
        session_factory, cmd.ReturnReply(comment="理由不充分"), actor_id=people.reviewer, case_id=case.id,
        expected_version=case.version, today=DAY1)
    assert load(session_factory, case.id).current_reply.review_comments[0]["text"] == "理由不充分"


def test_users_of_another_agency_are_refused_and_nothing_changes(session_factory, people, create_case):
    case = create_case()
    before = snapshot(session_factory)
    with pytest.raises(PermissionDenied, match="本机关"):
        sv.withdraw(
            session_factory, cmd.Withdraw(reason="x"), actor_id=people.outsider, case_id=case.id,
            expected_version=case.version, today=DAY1)
    assert snapshot(session_factory) == before


def test_a_stale_version_and_a_missing_case_are_refused(session_factory, people, create_case):
    case = create_case()
    with pytest.raises(ConcurrentModification, match="^案件已被他人修改，请刷新$"):
        sv.withdraw(
            session_factory, cmd.Withdraw(reason="x"), actor_id=people.clerk, case_id=case.id,
            expected_version=case.version - 1, today=DAY1)
    with pytest.raises(NotFound):
        sv.withdraw(
            session_factory, cmd.Withdraw(reason="x"), actor_id=people.clerk, case_id=case.id + 99,
            expected_version=1, today=DAY1)


def test_reopen_starts_a_new_clock_from_the_decision(session_factory, people, create_case):
    case = create_case("archive.closed")
    remedy_id = load(session_factory, case.id).remedies[0].id
    case = sv.reopen(
        session_factory, cmd.Reopen(remedy_id=remedy_id, decision_on=date(2026, 3, 25)),
        actor_id=people.supervisor, case_id=case.id, expected_version=case.version, today=date(2026, 3, 25))
    stored = load(session_factory, case.id)
    assert (case.stage, stored.outcome, stored.clock_round) == (Stage.REGISTRATION, None, 2)
    assert case.due_date == date(2026, 4, 23)  # 20 WD after 03-25, 清明 04-06 off


def test_every_transition_appends_one_history_row_with_actor_and_dates(session_factory, create_case):
    case = create_case("archive.closed")
    rows = load(session_factory, case.id).history
    assert [r.trigger for r in rows] == ["register", "draft_reply", "submit_review", "approve_reply",
                                         "issue_reply",
                                         "archive_case", "record_remedy"]
    assert all(isinstance(r, History) and r.actor_id and r.recorded_at and r.legal_date for r in rows)
    assert rows[4].payload["late"] is False


def test_channels_needing_confirmation_cannot_be_confirmed_twice(session_factory, people):
    case = sv.register_application(
        session_factory, registration_data(Channel.FAX), actor_id=people.clerk, today=T0)
    case = sv.confirm_receipt(
        session_factory, cmd.ConfirmReceipt(confirmed_on=T0), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=T0)
    with pytest.raises(TransitionNotAllowed):
        sv.confirm_receipt(
            session_factory, cmd.ConfirmReceipt(confirmed_on=T0), actor_id=people.clerk, case_id=case.id,
            expected_version=case.version, today=T0)


def test_one_remedy_decision_reopens_a_case_only_once(session_factory, people, create_case):
    case = create_case("archive.closed")
    remedy_id = load(session_factory, case.id).remedies[0].id
    case = sv.reopen(
        session_factory, cmd.Reopen(remedy_id=remedy_id, decision_on=date(2026, 3, 25)),
        actor_id=people.supervisor, case_id=case.id, expected_version=case.version, today=date(2026, 3, 25))
    case = sv.withdraw(
        session_factory, cmd.Withdraw(reason="撤回"), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=date(2026, 3, 26))
    with pytest.raises(GuardFailed, match="已依据该决定重新办理过"):
        sv.reopen(
            session_factory, cmd.Reopen(remedy_id=remedy_id, decision_on=date(2026, 3, 25)),
            actor_id=people.supervisor, case_id=case.id, expected_version=case.version,
            today=date(2026, 3, 27))


def test_a_remedy_can_be_recorded_pending_and_closed_later(session_factory, people, create_case):
    case = create_case("archive.closed")
    case = sv.record_remedy(
        session_factory, cmd.RecordRemedy(kind=RemedyKind.DIRECT_SUIT, filed_on=date(2026, 3, 21)),
        actor_id=people.reviewer, case_id=case.id, expected_version=case.version, today=date(2026, 3, 21))
    remedy = load(session_factory, case.id).remedies[-1]
    assert (remedy.result, remedy.closed_on) == (RemedyResult.PENDING, None)
    with pytest.raises(GuardFailed, match="同时填写"):
        sv.record_remedy(
            session_factory,
            cmd.RecordRemedy(kind=RemedyKind.DIRECT_SUIT, filed_on=date(2026, 3, 21),
                             result=RemedyResult.MAINTAINED, remedy_id=remedy.id),
            actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=date(2026, 6, 1))
    case = sv.record_remedy(
        session_factory,
        cmd.RecordRemedy(kind=RemedyKind.DIRECT_SUIT, filed_on=date(2026, 3, 21),
                         result=RemedyResult.MAINTAINED, closed_on=date(2026, 6, 1), remedy_id=remedy.id),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=date(2026, 6, 1))
    stored = load(session_factory, case.id)
    assert len(stored.remedies) == 2 and stored.remedies[-1].result is RemedyResult.MAINTAINED


def test_a_future_receipt_date_is_refused_with_one_clear_message(session_factory, people):
    with pytest.raises(GuardFailed) as refused:
        sv.register_application(
            session_factory, registration_data(received_on=date(2026, 3, 3)), actor_id=people.clerk, today=T0)
    assert refused.value.message == "收到日期不能晚于今天"


def test_ordinary_mail_waits_for_a_confirmation_date_between_receipt_and_today(session_factory, people):
    case = sv.register_application(
        session_factory, registration_data(Channel.ORDINARY_MAIL), actor_id=people.clerk, today=T0)
    assert (sv.state_of(case), case.due_date) == ("registration.awaiting_confirmation", None)
    with pytest.raises(GuardFailed, match="确认日期"):
        sv.confirm_receipt(
            session_factory, cmd.ConfirmReceipt(confirmed_on=date(2026, 3, 1)), actor_id=people.clerk,
            case_id=case.id, expected_version=case.version, today=DAY1)


def test_a_deactivated_user_can_no_longer_act(session_factory, people, create_case):
    case = create_case()
    with session_factory.begin() as session:
        session.get(User, people.clerk).active = False
    with pytest.raises(PermissionDenied, match="停用"):
        sv.withdraw(
            session_factory, cmd.Withdraw(reason="撤回"), actor_id=people.clerk, case_id=case.id,
            expected_version=case.version, today=DAY1)


def test_a_plugged_in_review_check_blocks_approval_until_its_warning_is_acknowledged(
        session_factory, people, create_case):
    from workflow.guards import register_review_check, unregister_review_check

    def issue_date_warning(action):
        if action.trigger == "approve_reply" and "issue_date" not in action.command.acknowledged_warnings:
            return "计划出具日期晚于答复期限，请确认"
        return None

    case = create_case("reply.in_review")
    register_review_check("issue_date", issue_date_warning)
    try:
        with pytest.raises(GuardFailed, match="请确认"):
            sv.approve_reply(
                session_factory, cmd.ApproveReply(), actor_id=people.reviewer, case_id=case.id,
                expected_version=case.version, today=DAY1)
        case = sv.approve_reply(
            session_factory, cmd.ApproveReply(acknowledged_warnings={"issue_date"}), actor_id=people.reviewer,
            case_id=case.id, expected_version=case.version, today=DAY1)
    finally:
        unregister_review_check("issue_date")
    assert load(session_factory, case.id).history[-1].payload["acknowledged_warnings"] == ["issue_date"]
