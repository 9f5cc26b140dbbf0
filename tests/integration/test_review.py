"""Legal review in the workflow: submit_review needs a complete draft; approve_reply runs the DOMAIN §5
checklist on the stored case and refuses — changing nothing — while a check fails or a warning is pending.

Hand-checked dates (2026 official calendar): T0 = 2026-03-02 (Mon), due 20 WD later = 2026-03-30.
"""
from datetime import date

import pytest

from tests.support.factories import (
    DAY1, SEARCH, T0, drafted, in_review, load, registration_data, snapshot,
)
from workflow import commands as cmd
from workflow import services as sv
from workflow.errors import GuardFailed, InvalidInput
from workflow.models import Application, ConsultationKind, Opinion, Role, Stage, SubStep, User

THIRD_PARTY = {"third_party_interest": "某建设公司的商业秘密（成本明细）",
               "consultation_record": "已书面征求意见，第三方不同意公开"}


def test_a_not_exist_reply_without_its_search_record_reaches_review_and_cannot_be_approved(
        session_factory, people):
    # the search record is evidence the reviewer judges (指导案例101号): the drafter may submit without it, the
    # reviewer sees the failing check and returns the draft (docs/replies.md)
    case = in_review(session_factory, people, "not_exist", {"search_keywords": "道路养护"})
    before = snapshot(session_factory)
    with pytest.raises(GuardFailed) as refused:
        sv.approve_reply(session_factory, cmd.ApproveReply(), actor_id=people.reviewer, case_id=case.id,
                         expected_version=case.version, today=DAY1)
    assert "信息不存在的答复缺少检索记录：检索的系统或档案、核查的科室、检索日期、检索人员" in refused.value.message
    assert snapshot(session_factory) == before


def test_a_not_ours_reply_must_name_the_responsible_agency(session_factory, people):
    case = drafted(session_factory, people, "not_ours", {"reasons": "该信息由某市财政局制作",
                                                         "responsible_contact": "无法确定"})
    with pytest.raises(GuardFailed) as refused:
        sv.submit_review(
            session_factory, cmd.SubmitReview(), actor_id=people.clerk, case_id=case.id,
            expected_version=case.version, today=DAY1)
    assert refused.value.message == "「非本机关负责公开」的答复尚缺必填事项：负责公开的行政机关"
    case = sv.submit_review(
        session_factory,
        cmd.SubmitReview(fields={"reasons": "该信息由某市财政局制作", "responsible_agency": "某市财政局",
                                 "responsible_contact": "无法确定"}),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=DAY1)
    assert (case.stage, case.sub_step) == (Stage.REPLY, SubStep.IN_REVIEW)


@pytest.mark.parametrize("category, fields, message", [
    (None, {}, "请选择答复类型"),
    ("withhold_internal", {"internal_kind": "财务管理"}, "「内部事务信息的类别」的值「财务管理」不在可选范围内"),
])
def test_a_draft_without_a_valid_reply_category_cannot_go_to_review(session_factory, people, category, fields,
                                                                    message):
    case = drafted(session_factory, people, category, fields)
    with pytest.raises(GuardFailed, match=message):
        sv.submit_review(
            session_factory, cmd.SubmitReview(), actor_id=people.clerk, case_id=case.id,
            expected_version=case.version, today=DAY1)


@pytest.mark.parametrize("category", ["refuse_everything", "lapsed_correction"])
def test_a_draft_of_an_unknown_category_or_an_outcome_is_refused_when_the_command_is_built(category):
    with pytest.raises(InvalidInput, match=f"「答复类型」的值「{category}」不在可选范围内") as refused:
        cmd.DraftReply(category=category)
    assert (refused.value.field, refused.value.label) == ("category", "答复类型")


def test_a_third_party_refusal_without_a_consultation_on_record_is_not_approved(session_factory, people):
    # The draft claims a consultation, but the case has none on record and gives no reason.
    case = in_review(session_factory, people, "withhold_third_party", THIRD_PARTY)
    before = snapshot(session_factory)
    with pytest.raises(GuardFailed) as refused:
        sv.approve_reply(
            session_factory, cmd.ApproveReply(acknowledged_warnings={"consultation"}),
            actor_id=people.reviewer, case_id=case.id, expected_version=case.version, today=DAY1)
    assert refused.value.message == ("审核检查未通过，不能批准：以保护第三方合法权益为由不予公开，但没有书面征求第三方意见的记录"
                                     "（条例第十五条、第三十二条）")
    assert snapshot(session_factory) == before


def test_a_third_party_refusal_after_the_consultation_is_approved(session_factory, people):
    case = sv.register_application(session_factory, registration_data(), actor_id=people.clerk, today=T0)
    case = sv.start_consultation(
        session_factory,
        cmd.StartConsultation(consultees=[sv.Consultee(ConsultationKind.THIRD_PARTY, "某建设公司")]),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=DAY1)
    consultation_id = load(session_factory, case.id).consultations[0].id
    case = sv.record_opinion(
        session_factory,
        cmd.RecordOpinion(consultation_id=consultation_id, opinion=Opinion.DISAGREE,
                          received_on=date(2026, 3, 9), reason="涉及商业秘密"),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=date(2026, 3, 9))
    case = sv.end_consultation(
        session_factory, cmd.EndConsultation(), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=date(2026, 3, 9))
    case = sv.draft_reply(
        session_factory, cmd.DraftReply(category="withhold_third_party", fields=THIRD_PARTY),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=date(2026, 3, 10))
    case = sv.submit_review(
        session_factory, cmd.SubmitReview(), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=date(2026, 3, 10))
    case = sv.approve_reply(
        session_factory, cmd.ApproveReply(), actor_id=people.reviewer, case_id=case.id,
        expected_version=case.version, today=date(2026, 3, 10))
    assert case.sub_step is SubStep.APPROVED


def test_a_refusal_without_consultation_but_with_a_reason_needs_the_warning_acknowledged(
        session_factory, people):
    fields = {"third_party_interest": "个人隐私", "no_consultation_reason": "第三方下落不明，无法征求意见"}
    case = in_review(session_factory, people, "withhold_third_party", fields)
    expected = "理由为「第三方下落不明，无法征求意见」，请确认（条例第十五条、第三十二条）〔确认代码 consultation〕"
    with pytest.raises(GuardFailed, match=expected):
        sv.approve_reply(
            session_factory, cmd.ApproveReply(), actor_id=people.reviewer, case_id=case.id,
            expected_version=case.version, today=DAY1)
    case = sv.approve_reply(
        session_factory, cmd.ApproveReply(acknowledged_warnings={"consultation"}), actor_id=people.reviewer,
        case_id=case.id, expected_version=case.version, today=DAY1)
    assert load(session_factory, case.id).history[-1].payload["acknowledged_warnings"] == ["consultation"]


def test_approval_is_refused_while_the_agency_has_no_reconsideration_body(session_factory, people):
    case = in_review(session_factory, people, "disclose", {"documents": "x", "form": "纸质", "delivery": "邮寄"})
    with session_factory.begin() as session:
        session.get(Application, case.id).agency.government = None
    before = snapshot(session_factory)
    with pytest.raises(GuardFailed) as refused:
        sv.approve_reply(
            session_factory, cmd.ApproveReply(), actor_id=people.reviewer, case_id=case.id,
            expected_version=case.version, today=DAY1)
    assert refused.value.message == (
        "审核检查未通过，不能批准：机关「某市交通运输局」（政府工作部门）未登记本级人民政府的名称，无法确定行政复议机关"
        "（行政复议法第二十四条第一款第（一）项）；请管理员在机关信息中补充。（行政复议法第二十四条至第二十八条）")
    assert snapshot(session_factory) == before


def test_a_late_reply_is_approved_only_with_the_issue_date_warning_acknowledged(session_factory, people):
    # Due 2026-03-30. Planned 2026-04-08: working days after the due date are 03-31, 04-01, 04-02, 04-03,
    # 04-07 and 04-08 (清明 04-04..04-06 off) = 6, although 7 weekdays have passed.
    case = in_review(session_factory, people, "not_exist", SEARCH)
    late = date(2026, 4, 8)
    with pytest.raises(GuardFailed) as refused:
        sv.approve_reply(
            session_factory, cmd.ApproveReply(acknowledged_warnings={"flagged"}), actor_id=people.reviewer,
            case_id=case.id, expected_version=case.version, today=late)
    assert refused.value.message == ("以下提示须逐项确认后方可批准：计划签发日期 2026-04-08 晚于答复期限 2026-03-30，"
                                     "逾期 6 个工作日（条例第三十三条）〔确认代码 issue_date〕")
    case = sv.approve_reply(
        session_factory, cmd.ApproveReply(acknowledged_warnings={"issue_date"}), actor_id=people.reviewer,
        case_id=case.id, expected_version=case.version, today=late)
    reply = load(session_factory, case.id).current_reply
    assert (case.sub_step, reply.planned_issue_on) == (SubStep.APPROVED, late)


def test_a_planned_issue_date_after_the_due_date_is_late_even_when_approved_early(session_factory, people):
    case = in_review(session_factory, people, "not_exist", SEARCH)
    with pytest.raises(GuardFailed, match="逾期 1 个工作日"):
        sv.approve_reply(
            session_factory, cmd.ApproveReply(planned_issue_on=date(2026, 3, 31)), actor_id=people.reviewer,
            case_id=case.id, expected_version=case.version, today=DAY1)


def test_a_flagged_category_needs_the_reviewers_explicit_confirmation(session_factory, people):
    case = in_review(session_factory, people, "special_query", {"special_law": "不动产登记暂行条例",
                                                                "apply_where": "某市不动产登记中心"})
    with pytest.raises(GuardFailed, match="〔确认代码 flagged〕"):
        sv.approve_reply(
            session_factory, cmd.ApproveReply(), actor_id=people.reviewer, case_id=case.id,
            expected_version=case.version, today=DAY1)
    case = sv.approve_reply(
        session_factory, cmd.ApproveReply(acknowledged_warnings={"flagged"}), actor_id=people.reviewer,
        case_id=case.id, expected_version=case.version, today=DAY1)
    assert case.sub_step is SubStep.APPROVED


def test_a_reviewer_cannot_approve_a_reply_they_drafted(session_factory, people):
    with session_factory.begin() as session:
        session.get(User, people.reviewer).roles.append(Role.CLERK)
    case = sv.register_application(session_factory, registration_data(), actor_id=people.reviewer, today=T0)
    case = sv.draft_reply(
        session_factory, cmd.DraftReply(category="not_exist", fields=SEARCH), actor_id=people.reviewer,
        case_id=case.id, expected_version=case.version, today=DAY1)
    case = sv.submit_review(
        session_factory, cmd.SubmitReview(), actor_id=people.reviewer, case_id=case.id,
        expected_version=case.version, today=DAY1)
    before = snapshot(session_factory)
    with pytest.raises(GuardFailed) as refused:
        sv.approve_reply(
            session_factory, cmd.ApproveReply(), actor_id=people.reviewer, case_id=case.id,
            expected_version=case.version, today=DAY1)
    assert refused.value.message == "审核人不能审核自己起草、修改或提交的答复，须由其他法制审核人员审核"
    assert snapshot(session_factory) == before


def test_the_receipt_dates_are_those_of_the_clock_including_the_corrected_application(session_factory,
                                                                                     people):
    case = sv.register_application(session_factory, registration_data(), actor_id=people.clerk, today=T0)
    case = sv.request_correction(
        session_factory, cmd.RequestCorrection(items=["description"], due_on=date(2026, 3, 16)),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=DAY1)
    case = sv.receive_correction(
        session_factory, cmd.ReceiveCorrection(received_on=date(2026, 3, 9)), actor_id=people.clerk,
        case_id=case.id, expected_version=case.version, today=date(2026, 3, 9))
    case = sv.draft_reply(
        session_factory, cmd.DraftReply(category="not_exist", fields=SEARCH), actor_id=people.clerk,
        case_id=case.id, expected_version=case.version, today=date(2026, 3, 10))
    case = sv.submit_review(
        session_factory, cmd.SubmitReview(), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=date(2026, 3, 10))
    sheet = sv.review_checklist(session_factory, people.reviewer, case.id, today=date(2026, 3, 10))
    assert sheet.checklist.result("receipt_dates").status.value == "pass"
    with session_factory.begin() as session:  # a receipt date edited behind the clock's back is caught
        session.get(Application, case.id).received_on = date(2026, 2, 27)
    sheet = sv.review_checklist(session_factory, people.reviewer, case.id, today=date(2026, 3, 10))
    assert sheet.checklist.result("receipt_dates").message == (
        "引用的收到申请日期（2026-02-27）与登记的收到日期（2026-03-02）不一致")
    with pytest.raises(GuardFailed, match="条例第三十条、第三十一条"):
        sv.approve_reply(
            session_factory, cmd.ApproveReply(), actor_id=people.reviewer, case_id=case.id,
            expected_version=case.version, today=date(2026, 3, 10))
