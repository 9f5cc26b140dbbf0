"""The 答复书: numbered per agency and year (also under concurrency), its sentences from the case's history,
generated in the issuing transaction (a failure rolls the trigger back), frozen once issued."""
from __future__ import annotations

from datetime import date

import pytest

from tests.support.factories import DAY1, T0, load, registration_data, snapshot
from tests.integration.test_concurrency_and_atomicity import _race
from tests.integration.test_documents import docx_text, only
from workflow import commands as cmd
from workflow import services as sv
from workflow.documents import document_hash
from workflow.errors import GuardFailed, NotFound, PermissionDenied
from workflow.models import DocumentKind, IssuedDocument, Role, Stage, User
from workflow.services import issuing as issuing_service

FIELDS = {"documents": "《2025年道路养护资金使用情况表》", "form": "纸质复印件", "delivery": "邮寄至申请表所留地址"}
DAY = date(2026, 3, 9)
REMEDY = ("如对本答复不服，可以自收到本答复书之日起六十日内向某市人民政府申请行政复议，"
          "也可以自收到本答复书之日起六个月内向有管辖权的人民法院提起行政诉讼。")


def set_agency(session_factory, user_id, **values):
    with session_factory.begin() as session:
        agency = session.get(User, user_id).agency
        for name, value in values.items():
            setattr(agency, name, value)


def approved(session_factory, clerk, reviewer, case, day=DAY):
    """Draft a 予以公开 reply with every field, submit it and have it approved, all on ``day``."""
    case = sv.draft_reply(
        session_factory, cmd.DraftReply(category="disclose", fields=FIELDS), actor_id=clerk, case_id=case.id,
        expected_version=case.version, today=day)
    case = sv.submit_review(
        session_factory, cmd.SubmitReview(), actor_id=clerk, case_id=case.id, expected_version=case.version,
        today=day)
    return sv.approve_reply(
        session_factory, cmd.ApproveReply(), actor_id=reviewer, case_id=case.id,
        expected_version=case.version, today=day)


def issue(session_factory, clerk, case, day=DAY, **extra):
    return sv.issue_reply(
        session_factory, cmd.IssueReply(issued_on=day, delivery_method="邮寄", **extra), actor_id=clerk,
        case_id=case.id, expected_version=case.version, today=day)


@pytest.fixture
def issued_reply(session_factory, people, create_case):
    """``issued_reply(case=None)``: approve and issue a registered case's reply; returns (case, document)."""
    def make(case=None):
        case = approved(session_factory, people.clerk, people.reviewer, case or create_case())
        case = issue(session_factory, people.clerk, case)
        return case, only(session_factory, case.id, DocumentKind.REPLY)
    return make


def test_the_reply_states_receipt_legal_basis_and_remedy_and_carries_its_number(session_factory, people,
                                                                                issued_reply):
    set_agency(session_factory, people.clerk, doc_code="某交运")
    case, reply = issued_reply()
    text = docx_text(reply.docx)
    assert reply.number == "某交运依申请公开〔2026〕第1号" == load(session_factory, case.id).current_reply.document_number
    assert reply.title == "某市交通运输局政府信息公开申请答复书" and "\n某交运依申请公开〔2026〕第1号\n赵六：\n" in text
    assert "本机关于2026年3月2日收到您提交的政府信息公开申请，申请获取“2025年道路养护资金使用情况”的政府信息。" in text
    assert "经补正" not in text and "延期答复" not in text
    assert "现以纸质复印件形式提供给您：《2025年道路养护资金使用情况表》。提供方式：邮寄至申请表所留地址。" in text
    assert "根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，特此告知。" in text
    assert REMEDY in text
    assert text.endswith("某市交通运输局\n2026年3月9日")
    assert (reply.issued_on, reply.trigger, reply.actor_id) == (DAY, "issue_reply", people.clerk)


def test_the_reply_after_a_correction_cites_the_corrected_application(session_factory, people, create_case,
                                                                      issued_reply):
    case = create_case("correction.awaiting_applicant")
    case = sv.receive_correction(
        session_factory, cmd.ReceiveCorrection(received_on=date(2026, 3, 5)), actor_id=people.clerk,
        case_id=case.id, expected_version=case.version, today=date(2026, 3, 5))
    text = docx_text(issued_reply(case)[1].docx)
    assert "本机关于2026年3月2日收到您提交的政府信息公开申请" in text
    assert "经补正，本机关于2026年3月5日收到补正后的申请。" in text and "延期答复" not in text


def test_a_reply_after_a_reopen_still_cites_the_corrected_application(session_factory, people, create_case,
                                                                      issued_reply):
    from workflow.models import RemedyKind, RemedyResult
    case = create_case("correction.awaiting_applicant")
    case = sv.receive_correction(
        session_factory, cmd.ReceiveCorrection(received_on=date(2026, 3, 5)), actor_id=people.clerk,
        case_id=case.id, expected_version=case.version, today=date(2026, 3, 5))
    case, _first = issued_reply(case)
    case = sv.archive_case(
        session_factory, cmd.ArchiveCase(delivery_proof="EMS 1"), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=date(2026, 3, 10))
    case = sv.record_remedy(
        session_factory,
        cmd.RecordRemedy(kind=RemedyKind.RECONSIDERATION, filed_on=date(2026, 3, 20),
                         result=RemedyResult.CORRECTED, closed_on=date(2026, 4, 20)),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=date(2026, 4, 20))
    case = sv.reopen(
        session_factory,
        cmd.Reopen(remedy_id=load(session_factory, case.id).remedies[-1].id, decision_on=date(2026, 4, 20)),
        actor_id=people.supervisor, case_id=case.id, expected_version=case.version, today=date(2026, 4, 20))
    day = date(2026, 4, 22)
    case = approved(session_factory, people.clerk, people.reviewer, case, day=day)
    case = issue(session_factory, people.clerk, case, day=day)
    second = [d for d in sv.list_documents(session_factory, case.id) if d.kind is DocumentKind.REPLY][-1]
    assert second.number.endswith("第2号")
    assert "经补正，本机关于2026年3月5日收到补正后的申请。" in docx_text(second.docx)


def test_the_reply_after_an_extension_cites_the_extension_notice(session_factory, people, create_case,
                                                                 issued_reply):
    case = create_case()
    case = sv.extend_deadline(
        session_factory, cmd.ExtendDeadline(days=10, reason="需调取档案"), actor_id=people.supervisor,
        case_id=case.id, expected_version=case.version, today=DAY1)
    text = docx_text(issued_reply(case)[1].docx)
    assert "本机关已于2026年3月3日告知延期答复。" in text and "经补正" not in text


def _case_of(session_factory, clerk, received_on=T0):
    return sv.register_application(
        session_factory, registration_data(received_on=received_on), actor_id=clerk, today=received_on)


def test_reply_numbers_run_per_agency_and_per_year(session_factory, people):
    set_agency(session_factory, people.clerk, doc_code="某交运")
    set_agency(session_factory, people.outsider, doc_code="某环")
    with session_factory.begin() as session:  # a reviewer for the other agency (reviewer ≠ drafter)
        reviewer = User(name="r2", username="r2", agency_id=session.get(User, people.outsider).agency_id)
        reviewer.roles.append(Role.REVIEWER)
        session.add(reviewer)
        session.flush()
        other_reviewer = reviewer.id
    numbers = []
    for clerk, reviewer in [(people.clerk, people.reviewer), (people.clerk, people.reviewer),
                            (people.outsider, other_reviewer), (people.clerk, people.reviewer)]:
        case = issue(session_factory, clerk, approved(session_factory, clerk, reviewer,
                                                      _case_of(session_factory, clerk)))
        numbers.append(load(session_factory, case.id).current_reply.document_number)
    december = _case_of(session_factory, people.clerk, received_on=date(2026, 12, 28))
    new_year = date(2027, 1, 4)
    december = approved(session_factory, people.clerk, people.reviewer, december, day=new_year)
    case = issue(session_factory, people.clerk, december, day=new_year)
    numbers.append(load(session_factory, case.id).current_reply.document_number)
    assert numbers == ["某交运依申请公开〔2026〕第1号", "某交运依申请公开〔2026〕第2号", "某环依申请公开〔2026〕第1号",
                       "某交运依申请公开〔2026〕第3号", "某交运依申请公开〔2027〕第1号"]


def test_an_agency_without_a_document_code_numbers_with_its_name(session_factory, issued_reply):
    assert issued_reply()[1].number == "某市交通运输局依申请公开〔2026〕第1号"


def test_two_simultaneous_issues_get_distinct_numbers(session_factory, people, create_case):
    cases = [approved(session_factory, people.clerk, people.reviewer, create_case()) for _ in range(2)]
    results = _race(*[lambda case=case: issue(session_factory, people.clerk, case) for case in cases])
    assert not [r for r in results if isinstance(r, Exception)], results
    numbers = sorted(only(session_factory, case.id, DocumentKind.REPLY).number for case in cases)
    assert numbers == ["某市交通运输局依申请公开〔2026〕第1号", "某市交通运输局依申请公开〔2026〕第2号"]


def test_a_number_cannot_be_given_by_hand(session_factory, people, create_case):
    case = approved(session_factory, people.clerk, people.reviewer, create_case())
    with pytest.raises(TypeError, match="document_number"):
        issue(session_factory, people.clerk, case, document_number="手工〔2026〕第9号")


def test_a_failure_while_generating_the_reply_rolls_the_whole_trigger_back(session_factory, people,
                                                                           create_case, monkeypatch):
    case = approved(session_factory, people.clerk, people.reviewer, create_case())
    before = snapshot(session_factory)

    def broken_renderer(document):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(issuing_service, "render_docx", broken_renderer)
    with pytest.raises(RuntimeError, match="renderer crashed"):
        issue(session_factory, people.clerk, case)
    assert snapshot(session_factory) == before  # no document, no number used, still approved, no history
    assert sv.state_of(load(session_factory, case.id)) == "reply.approved"


def test_an_agency_without_its_reconsideration_body_cannot_issue_and_nothing_changes(session_factory, people,
                                                                                     create_case):
    case = approved(session_factory, people.clerk, people.reviewer, create_case())
    set_agency(session_factory, people.clerk, government=None)
    before = snapshot(session_factory)
    with pytest.raises(GuardFailed, match="未登记本级人民政府的名称，无法确定行政复议机关"):
        issue(session_factory, people.clerk, case)
    assert snapshot(session_factory) == before


def test_an_issued_reply_is_frozen_while_previews_follow_the_case_data(session_factory, people, issued_reply):
    case, reply = issued_reply()
    set_agency(session_factory, people.clerk, name="某市交通运输委员会", government="某市人民政府办公厅")
    preview = sv.preview_document(session_factory, people.clerk, case.id, "reply", today=DAY)
    assert "某市交通运输委员会" in docx_text(preview.docx) and "某市交通运输委员会" in preview.html
    assert preview.number == reply.number and preview.html != reply.html
    stored = sv.get_document(session_factory, reply.id)
    assert stored.docx == reply.docx and stored.html == reply.html and stored.sha256 == reply.sha256
    assert document_hash(stored.docx) == stored.sha256
    assert "某市交通运输委员会" not in docx_text(stored.docx)


@pytest.mark.parametrize("change", ["update", "delete"])
def test_the_orm_refuses_to_change_or_delete_an_issued_document(session_factory, create_case, change):
    case = create_case()
    with session_factory() as session:
        document = session.get(IssuedDocument, only(session_factory, case.id, DocumentKind.RECEIPT).id)
        if change == "update":
            document.docx = b"forged"
        else:
            session.delete(document)
        with pytest.raises(RuntimeError, match="is frozen"):
            session.flush()


def test_a_draft_reply_can_be_previewed_unnumbered_without_storing_anything(session_factory, people,
                                                                            create_case):
    case = create_case()
    case = sv.draft_reply(
        session_factory, cmd.DraftReply(category="disclose", fields=FIELDS), actor_id=people.clerk,
        case_id=case.id, expected_version=case.version, today=DAY)
    before = snapshot(session_factory)
    preview = sv.preview_document(session_factory, people.clerk, case.id, today=DAY)
    text = docx_text(preview.docx)
    assert preview.number is None and "依申请公开〔" not in text
    assert "经研究，现答复如下：" in text and REMEDY in text and text.endswith("2026年3月9日")
    assert snapshot(session_factory) == before
    assert load(session_factory, case.id).stage is Stage.REPLY


def test_previews_are_refused_for_other_agencies_and_missing_documents(session_factory, people, create_case):
    case = create_case()
    with pytest.raises(PermissionDenied):
        sv.preview_document(session_factory, people.outsider, case.id, today=DAY)
    with pytest.raises(NotFound, match="本案尚无选定答复类型的答复书草稿"):
        sv.preview_document(session_factory, people.clerk, case.id, today=DAY)
    with pytest.raises(NotFound, match="案件 9999 不存在"):
        sv.preview_document(session_factory, people.clerk, 9999, today=DAY)
    receipt = sv.preview_document(session_factory, people.clerk, case.id, "receipt", today=DAY)
    assert "受理编号：2026-0001" in docx_text(receipt.docx)
