"""The two notices issue 7 found missing: the 依申请公开告知书 to an objecting third party (条例第三十二条) and
the 延迟答复告知书 of a 条例第三十五条 delayed period — issued by their triggers, read back from the .docx."""
from __future__ import annotations

from datetime import date

import pytest

from tests.support.factories import DAY1, DISCLOSE_FIELDS, load
from tests.integration.test_documents import docx_text, kinds, only
from workflow import commands as cmd
from workflow import services as sv
from workflow.errors import GuardFailed
from workflow.models import ConsultationKind, DocumentKind, Opinion

AGENCY = "某市交通运输局"
OPENED = date(2026, 3, 4)  # the consultees received the letters on DAY1; opinions came back the next day
DAY = date(2026, 3, 9)
REASON = "该路段养护资金使用情况涉及公共财政支出，不公开将影响公众监督，对公共利益造成重大影响"


def consulted(sf, people, create_case, opinions):
    """A case whose consultation of ``opinions`` (name → Opinion) has ended; back in registration."""
    case = create_case()
    case = sv.start_consultation(
        sf,
        cmd.StartConsultation(consultees=[ sv.Consultee(ConsultationKind.THIRD_PARTY, name, received_on=DAY1) for name in opinions]),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=DAY1)
    ids = {c.consultee_name: c.id for c in load(sf, case.id).consultations}
    for name, opinion in opinions.items():
        case = sv.record_opinion(
            sf,
            cmd.RecordOpinion(consultation_id=ids[name], opinion=opinion, received_on=OPENED, reason="涉及本企业商业秘密" if opinion is Opinion.DISAGREE else None),
            actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=OPENED)
    return sv.end_consultation(
        sf, cmd.EndConsultation(), actor_id=people.clerk, case_id=case.id, expected_version=case.version,
        today=OPENED)


def in_review(sf, people, case, category="disclose", fields=DISCLOSE_FIELDS):
    case = sv.draft_reply(
        sf, cmd.DraftReply(category=category, fields=fields), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=DAY)
    return sv.submit_review(
        sf, cmd.SubmitReview(), actor_id=people.clerk, case_id=case.id, expected_version=case.version,
        today=DAY)


def approve(sf, people, case):
    return sv.approve_reply(
        sf, cmd.ApproveReply(planned_issue_on=date(2026, 3, 12)), actor_id=people.reviewer, case_id=case.id,
        expected_version=case.version, today=DAY)


def test_disclosing_over_an_objection_needs_the_public_interest_reasons_before_approval(
        session_factory, people, create_case):
    case = in_review(session_factory, people, consulted(session_factory, people, create_case,
                                                        {"某建设公司": Opinion.DISAGREE}))
    with pytest.raises(GuardFailed, match="第三方某建设公司不同意公开.*决定公开的理由.*条例第三十二条"):
        approve(session_factory, people, case)
    sheet = sv.review_checklist(session_factory, people.reviewer, case.id, today=DAY)
    assert sheet.checklist.result("third_party_notice").message.startswith("第三方某建设公司不同意公开")


def test_approving_a_disclosure_over_objections_issues_a_notice_to_each_objecting_third_party_first(
        session_factory, people, create_case):
    case = consulted(session_factory, people, create_case,
                     {"某建设公司": Opinion.DISAGREE, "某监理公司": Opinion.AGREE, "某设计院": Opinion.DISAGREE})
    case = in_review(session_factory, people, case,
                     fields={**DISCLOSE_FIELDS, "public_interest_reason": REASON})
    case = approve(session_factory, people, case)
    notices = [d for d in sv.list_documents(session_factory, case.id)
               if d.kind is DocumentKind.DISCLOSURE_NOTICE]
    assert sorted(d.addressee for d in notices) == ["某建设公司", "某设计院"]
    for notice in notices:
        assert notice.trigger == "approve_reply" and notice.issued_on == DAY
        assert notice.title == f"{AGENCY}依申请公开告知书"
        text = docx_text(notice.docx)
        assert text.splitlines()[1] == f"{notice.addressee}："
        assert "本机关已于2026年3月3日书面征求您的意见，您不同意公开" in text
        assert f"本机关认为不公开可能对公共利益造成重大影响，理由是：{REASON}。" in text
        assert "第十五条、第三十二条" in text and "决定公开的政府信息：《2025年道路养护资金使用情况表》" in text
        assert "本机关拟于2026年3月12日向申请人提供上述政府信息" in text
        assert "可以自收到本告知书之日起六十日内向某市人民政府申请行政复议" in text
        assert "赵六" not in text  # the applicant is not named to the third party
    sv.issue_reply(
        session_factory, cmd.IssueReply(issued_on=date(2026, 3, 12), delivery_method="邮寄"),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=date(2026, 3, 12))
    issued = kinds(session_factory, case.id)
    assert issued.index(DocumentKind.DISCLOSURE_NOTICE) < issued.index(DocumentKind.REPLY)


@pytest.mark.parametrize("opinion, category, fields", [
    (Opinion.AGREE, "disclose", DISCLOSE_FIELDS),
    (Opinion.DISAGREE, "partial", {"disclosed_part": "资金总表", "withheld_part": "该公司的报价明细",
                                   "exemption_ground": "withhold_third_party", "exemption_reason": "商业秘密",
                                   "consultation_record": "2026-03-03 书面征求意见，第三方不同意公开"}),
])
def test_no_notice_goes_to_a_third_party_that_agreed_or_whose_information_is_withheld(
        session_factory, people, create_case, opinion, category, fields):
    case = consulted(session_factory, people, create_case, {"某建设公司": opinion})
    case = approve(session_factory, people, in_review(session_factory, people, case, category, fields))
    assert DocumentKind.DISCLOSURE_NOTICE not in kinds(session_factory, case.id)


def test_setting_a_delayed_period_issues_a_notice_with_the_period_and_the_reason(session_factory, people,
                                                                                 create_case):
    case = create_case()
    case = sv.set_delayed_period(
        session_factory, cmd.SetDelayedPeriod(due_on=date(2026, 5, 29), reason="申请涉及2019年以来全部审批档案共三百余件"),
        actor_id=people.supervisor, case_id=case.id, expected_version=case.version, today=DAY1)
    assert kinds(session_factory, case.id) == [DocumentKind.RECEIPT, DocumentKind.DELAYED_PERIOD_NOTICE]
    notice = only(session_factory, case.id, DocumentKind.DELAYED_PERIOD_NOTICE)
    assert notice.title == f"{AGENCY}政府信息公开申请延迟答复告知书" and notice.issued_on == DAY1
    assert notice.addressee == "赵六" and notice.trigger == "set_delayed_period"
    text = docx_text(notice.docx)
    assert "第三十五条" in text and "将于2026年5月29日前作出答复" in text
    assert "理由是：申请涉及2019年以来全部审批档案共三百余件。" in text
    preview = sv.preview_document(session_factory, people.clerk, case.id, DocumentKind.DELAYED_PERIOD_NOTICE,
                                  today=DAY1)
    assert "理由是：申请涉及2019年以来全部审批档案共三百余件。" in docx_text(preview.docx)
