"""What the reviewer and the drafter read: the checklist with the generated legal basis and remedy clause
(review_checklist) and every review comment (reply_comments); a vertical (税务) agency's 复议机关."""
from datetime import date

import pytest
from sqlalchemy import event

from rules.agencies import AgencyKind
from tests.support.factories import DAY1, SEARCH, T0, in_review, load, registration_data, snapshot
from workflow import commands as cmd
from workflow import services as sv
from workflow.errors import GuardFailed, NotFound, PermissionDenied
from workflow.models import Agency, Reply, Role, SubStep, User

REMEDY_B = ("如对本答复中不予公开的决定不服，根据《中华人民共和国行政复议法》第二十三条的规定，应当先自收到本答复书之日起六十日内"
            "向{body}申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼。")


def _statuses(sheet):
    return [(r.code, r.status.value) for r in sheet.checklist.results]


def test_the_checklist_shows_every_check_that_applies_with_the_generated_texts(session_factory, people):
    case = in_review(session_factory, people, "not_exist", SEARCH)
    before = snapshot(session_factory)
    sheet = sv.review_checklist(session_factory, people.reviewer, case.id, today=DAY1)
    assert snapshot(session_factory) == before
    assert (sheet.category, sheet.category_label) == ("not_exist", "信息不存在")
    assert _statuses(sheet) == [("articles", "pass"), ("remedy", "pass"), ("fields", "pass"),
                                ("receipt_dates", "pass"), ("issue_date", "pass"), ("search_record", "pass"),
                                ("reviewer", "pass")]
    assert sheet.legal_basis == "《中华人民共和国政府信息公开条例》第三十六条第（四）项"
    assert sheet.remedy_clause == ("如对本答复不服，可以自收到本答复书之日起六十日内向某市人民政府申请行政复议，"
                                   "也可以自收到本答复书之日起六个月内向有管辖权的人民法院提起行政诉讼。")
    issue_date = sheet.checklist.result("issue_date")
    assert (issue_date.message, issue_date.article) == (
        "计划签发日期 2026-03-03 在答复期限 2026-03-30 之内", "条例第三十三条")


def test_the_checklist_of_a_third_party_refusal_shows_the_missing_consultation(session_factory, people):
    fields = {"third_party_interest": "商业秘密", "consultation_record": "已征求意见"}
    case = in_review(session_factory, people, "withhold_third_party", fields)
    sheet = sv.review_checklist(session_factory, people.reviewer, case.id, today=DAY1,
                                planned_issue_on=date(2026, 4, 1))
    assert _statuses(sheet) == [("articles", "pass"), ("remedy", "pass"), ("fields", "pass"),
                                ("receipt_dates", "pass"), ("issue_date", "warn"), ("consultation", "fail"),
                                ("reviewer", "pass")]
    assert sheet.checklist.result("issue_date").message.endswith("逾期 2 个工作日")  # 03-31, 04-01
    assert sheet.legal_basis == "《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项"
    assert sheet.remedy_clause == REMEDY_B.format(body="某市人民政府")


def test_a_flagged_category_shows_its_warning_in_the_checklist(session_factory, people):
    case = in_review(session_factory, people, "confirm_existing", {"reasons": "已于2026年1月获取"})
    sheet = sv.review_checklist(session_factory, people.reviewer, case.id, today=DAY1)
    assert _statuses(sheet) == [("articles", "pass"), ("remedy", "pass"), ("fields", "pass"),
                                ("receipt_dates", "pass"), ("issue_date", "pass"), ("flagged", "warn"),
                                ("reviewer", "pass")]
    # practice (no specific article): 第二条、第三十八条 are cited; the reviewer confirms (flagged)
    assert sheet.legal_basis == "《中华人民共和国政府信息公开条例》第二条、第三十八条"


def test_only_reviewers_of_the_agency_see_the_checklist(session_factory, people, create_case):
    case = in_review(session_factory, people, "not_exist", SEARCH)
    with pytest.raises(PermissionDenied, match="只有法制审核人员"):
        sv.review_checklist(session_factory, people.clerk, case.id, today=DAY1)
    with pytest.raises(PermissionDenied, match="本机关"):
        sv.review_checklist(session_factory, people.outsider, case.id, today=DAY1)
    fresh = create_case()
    with pytest.raises(NotFound, match="尚无"):
        sv.review_checklist(session_factory, people.reviewer, fresh.id, today=DAY1)


def test_the_drafter_reads_every_review_comment_on_the_case(session_factory, people):
    case = in_review(session_factory, people, "disclose", {"documents": "x", "form": "纸质", "delivery": "邮寄"})
    case = sv.return_reply(
        session_factory, cmd.ReturnReply(comment="请写明文件文号"), actor_id=people.reviewer, case_id=case.id,
        expected_version=case.version, today=DAY1)
    case = sv.submit_review(
        session_factory,
        cmd.SubmitReview(fields={"documents": "某交通〔2025〕3号", "form": "纸质", "delivery": "邮寄"}),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=date(2026, 3, 4))
    case = sv.approve_reply(
        session_factory, cmd.ApproveReply(comment="同意"), actor_id=people.reviewer, case_id=case.id,
        expected_version=case.version, today=date(2026, 3, 5))
    comments = sv.reply_comments(session_factory, people.clerk, case.id)
    assert [(c.clock_round, c.author_id, c.author_name, c.on, c.text, c.trigger) for c in comments] == [
        (1, people.reviewer, "reviewer", DAY1, "请写明文件文号", "return_reply"),
        (1, people.reviewer, "reviewer", date(2026, 3, 5), "同意", "approve_reply")]
    assert sv.reply_comments(session_factory, people.clerk2, case.id) == comments
    with pytest.raises(PermissionDenied, match="本机关"):
        sv.reply_comments(session_factory, people.outsider, case.id)


def _tax_office(session_factory, superior):
    """A 税务 agency (vertically led): its 复议机关 is the 上一级主管部门 (行政复议法第二十七条)."""
    with session_factory.begin() as session:
        agency = Agency(name="国家税务总局某市某区税务局", kind=AgencyKind.VERTICAL, government="某区人民政府",
                        superior_department=superior)
        session.add(agency)
        session.flush()
        users = []
        for username, role in (("tax.clerk", Role.CLERK), ("tax.reviewer", Role.REVIEWER)):
            user = User(name=username, username=username, agency_id=agency.id)
            user.roles.append(role)
            session.add(user)
            session.flush()
            users.append(user.id)
        return users


def _tax_case_in_review(session_factory, clerk):
    case = sv.register_application(session_factory, registration_data(), actor_id=clerk, today=T0)
    case = sv.draft_reply(
        session_factory, cmd.DraftReply(category="withhold_internal", fields={"internal_kind": "人事管理"}),
        actor_id=clerk, case_id=case.id, expected_version=case.version, today=DAY1)
    return sv.submit_review(
        session_factory, cmd.SubmitReview(), actor_id=clerk, case_id=case.id, expected_version=case.version,
        today=DAY1)


def test_a_tax_offices_reply_names_its_superior_department_as_reconsideration_body(session_factory, people):
    clerk, reviewer = _tax_office(session_factory, "国家税务总局某市税务局")
    case = _tax_case_in_review(session_factory, clerk)
    sheet = sv.review_checklist(session_factory, reviewer, case.id, today=DAY1)
    assert sheet.remedy_clause == REMEDY_B.format(body="国家税务总局某市税务局")
    remedy = sheet.checklist.result("remedy")
    assert (remedy.status.value, remedy.message) == ("pass", "救济途径（B）告知完整，复议机关：国家税务总局某市税务局")
    case = sv.approve_reply(
        session_factory, cmd.ApproveReply(), actor_id=reviewer, case_id=case.id,
        expected_version=case.version, today=DAY1)
    assert case.sub_step is SubStep.APPROVED


def test_a_tax_office_without_its_superior_department_cannot_approve_replies(session_factory, people):
    clerk, reviewer = _tax_office(session_factory, None)
    case = _tax_case_in_review(session_factory, clerk)
    sheet = sv.review_checklist(session_factory, reviewer, case.id, today=DAY1)
    assert sheet.remedy_clause == ""
    with pytest.raises(GuardFailed, match="未登记上一级主管部门的名称，无法确定行政复议机关（行政复议法第二十七条）"):
        sv.approve_reply(
            session_factory, cmd.ApproveReply(), actor_id=reviewer, case_id=case.id,
            expected_version=case.version, today=DAY1)



def test_comment_authors_are_named_in_one_query_and_a_missing_author_does_not_break_the_list(
        session_factory, engine, people):
    case = in_review(session_factory, people, "not_exist", SEARCH)
    case = sv.return_reply(
        session_factory, cmd.ReturnReply(comment="请补充检索人员"), actor_id=people.reviewer, case_id=case.id,
        expected_version=case.version, today=DAY1)
    reply_id = load(session_factory, case.id).current_reply.id
    with session_factory.begin() as session:  # a comment whose author is no longer on record
        reply = session.get(Reply, reply_id)
        reply.review_comments = [*reply.review_comments, {"by": 999999, "on": "2026-03-04", "text": "旧意见",
                                                          "trigger": "return_reply"}]
    user_queries = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if "FROM app_user" in statement:
            user_queries.append(statement)
    event.listen(engine, "before_cursor_execute", count)
    try:
        comments = sv.reply_comments(session_factory, people.clerk, case.id)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert [(c.author_id, c.author_name, c.text) for c in comments] == [
        (people.reviewer, "reviewer", "请补充检索人员"), (999999, "未知用户（编号 999999）", "旧意见")]
    assert len(user_queries) == 2  # the reader, then every author at once
