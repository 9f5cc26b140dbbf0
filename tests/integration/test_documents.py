"""Every issuing trigger stores exactly its documents, with the right kind, title, date and text."""
from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from tests.support.factories import DAY1, T0, load, registration_data
from workflow import commands as cmd
from workflow import services as sv
from workflow.documents import document_hash
from workflow.models import Channel, ConsultationKind, DocumentKind, FeeMethod, History
from workflow.side_effects import documents_issued_by

AGENCY = "某市交通运输局"
KINDS = DocumentKind


def docx_text(data: bytes) -> str:
    """The paragraphs of a .docx file, one per line."""
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def documents(session_factory, case_id):
    return sv.list_documents(session_factory, case_id)


def kinds(session_factory, case_id):
    return [d.kind for d in documents(session_factory, case_id)]


def only(session_factory, case_id, kind):
    found = [d for d in documents(session_factory, case_id) if d.kind is kind]
    assert len(found) == 1, found
    return found[0]


EXPECTED = {  # state reached through tests/support/factories.PATHS → documents stored on the way
    "registration.awaiting_confirmation": [],
    "registration.processing": [KINDS.RECEIPT],
    "registration.awaiting_fee": [KINDS.RECEIPT, KINDS.FEE_NOTICE],
    "correction.awaiting_applicant": [KINDS.RECEIPT, KINDS.CORRECTION_NOTICE],
    "consultation.awaiting_opinions": [KINDS.RECEIPT, KINDS.CONSULTATION_LETTER],
    "reply.drafting": [KINDS.RECEIPT],
    "reply.in_review": [KINDS.RECEIPT],
    "reply.approved": [KINDS.RECEIPT],
    "reply.issued": [KINDS.RECEIPT, KINDS.REPLY],
    "archive.closed": [KINDS.RECEIPT, KINDS.REPLY],
}
TITLES = {KINDS.RECEIPT: "申请受理回执", KINDS.FEE_NOTICE: "信息处理费收费通知书", KINDS.CORRECTION_NOTICE: "申请补正告知书",
          KINDS.CONSULTATION_LETTER: "征求意见书", KINDS.REPLY: "申请答复书"}


@pytest.mark.parametrize("state", list(EXPECTED))
def test_each_state_holds_exactly_the_documents_its_triggers_issued(session_factory, create_case, state):
    case = create_case(state)
    stored = documents(session_factory, case.id)
    assert [d.kind for d in stored] == EXPECTED[state]
    for doc in stored:
        assert doc.kind in {issues.kind for issues in documents_issued_by(doc.trigger)}  # as declared
        assert doc.title == f"{AGENCY}政府信息公开{TITLES[doc.kind]}"
        assert doc.sha256 == document_hash(doc.docx)
        assert doc.title in docx_text(doc.docx) and doc.title in doc.html
        assert '<html lang="zh-CN">' in doc.html and "size: A4" in doc.html


def test_an_in_person_registration_stores_a_receipt_with_tracking_number_query_code_and_due_date(
        session_factory, people, create_case):
    case = create_case()
    receipt = only(session_factory, case.id, KINDS.RECEIPT)
    text = docx_text(receipt.docx)
    assert "本机关于2026年3月2日收到您提交的政府信息公开申请，申请获取“2025年道路养护资金使用情况”的政府信息。" in text
    assert "受理编号：2026-0001" in text and f"查询码：{load(session_factory, case.id).query_code}" in text
    assert "于2026年3月30日前予以答复" in text  # 20 working days after 2 March 2026
    assert (receipt.issued_on, receipt.trigger) == (T0, "register")
    assert (receipt.actor_id, receipt.addressee) == (people.clerk, "赵六")
    assert receipt.number is None
    with session_factory() as session:
        assert session.get(History, receipt.history_id).trigger == "register"


def test_an_online_application_gets_its_receipt_when_the_receipt_date_is_confirmed(session_factory, people):
    case = sv.register_application(
        session_factory, registration_data(Channel.ONLINE), actor_id=people.clerk, today=T0)
    assert documents(session_factory, case.id) == []
    sv.confirm_receipt(
        session_factory, cmd.ConfirmReceipt(confirmed_on=date(2026, 3, 4)), actor_id=people.clerk,
        case_id=case.id, expected_version=case.version, today=date(2026, 3, 4))
    assert kinds(session_factory, case.id) == [KINDS.RECEIPT]
    receipt = only(session_factory, case.id, KINDS.RECEIPT)
    text = docx_text(receipt.docx)
    assert "本机关于2026年3月4日收到您（通过互联网）提交的政府信息公开申请" in text  # 条例第三十一条: the confirmed date
    assert "于2026年4月1日前予以答复" in text
    assert (receipt.trigger, receipt.issued_on) == ("confirm_receipt", date(2026, 3, 4))


def test_a_correction_request_stores_a_notice_listing_the_items_and_the_period(session_factory, people,
                                                                               create_case):
    case = create_case()
    sv.request_correction(
        session_factory, cmd.RequestCorrection(items=["description", "请注明所需信息的年度"], due_on=date(2026, 3, 10)),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=DAY1)
    assert kinds(session_factory, case.id) == [KINDS.RECEIPT, KINDS.CORRECTION_NOTICE]
    notice = only(session_factory, case.id, KINDS.CORRECTION_NOTICE)
    text = docx_text(notice.docx)
    assert "1. 申请公开的政府信息的名称、文号或者便于查询的其他特征性描述\n2. 请注明所需信息的年度" in text
    assert "请于2026年3月10日前将补正后的申请提交本机关" in text and "第三十条" in text
    assert (notice.issued_on, notice.trigger) == (DAY1, "request_correction")


def test_a_consultation_stores_one_letter_per_consultee_citing_its_article(session_factory, people,
                                                                           create_case):
    case = create_case()
    sv.start_consultation(
        session_factory,
        cmd.StartConsultation(consultees=[sv.Consultee(ConsultationKind.THIRD_PARTY, "某建设公司"),
                                          sv.Consultee(ConsultationKind.CO_PRODUCER, "某市财政局")]),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=DAY1)
    assert kinds(session_factory, case.id) == [KINDS.RECEIPT] + [KINDS.CONSULTATION_LETTER] * 2
    letters = [d for d in documents(session_factory, case.id) if d.kind is KINDS.CONSULTATION_LETTER]
    assert [d.addressee for d in letters] == ["某建设公司", "某市财政局"]
    third_party, co_producer = (docx_text(d.docx) for d in letters)
    assert "某建设公司：" in third_party and "第三十二条" in third_party and "15个工作日" in third_party
    assert "某市财政局：" in co_producer and "第三十四条" in co_producer and "视为同意公开" in co_producer
    assert "赵六" not in third_party + co_producer  # the applicant is not named to consultees
    assert {d.issued_on for d in letters} == {DAY1}


def test_an_extension_stores_a_notice_with_the_new_due_date(session_factory, people, create_case):
    case = create_case()
    extended = sv.extend_deadline(
        session_factory, cmd.ExtendDeadline(days=10, reason="需调取档案"), actor_id=people.supervisor,
        case_id=case.id, expected_version=case.version, today=DAY1)
    assert extended.due_date == date(2026, 4, 14)  # 30 March + 10 WD, skipping 清明 (4–6 April)
    assert kinds(session_factory, case.id) == [KINDS.RECEIPT, KINDS.EXTENSION_NOTICE]
    notice = only(session_factory, case.id, KINDS.EXTENSION_NOTICE)
    assert notice.title == f"{AGENCY}政府信息公开申请延期答复告知书" and notice.issued_on == DAY1
    text = docx_text(notice.docx)
    assert "答复期限延长10个工作日，本机关将于2026年4月14日前作出答复" in text and "第三十三条第二款" in text
    assert "因需调取档案，需要延长答复期限" in text  # the reason recorded with the extension


def test_an_extension_during_a_fee_pause_cites_no_consultation_article(session_factory, people, create_case):
    case = create_case("registration.awaiting_fee")
    sv.extend_deadline(
        session_factory, cmd.ExtendDeadline(days=5, reason="材料较多"), actor_id=people.supervisor,
        case_id=case.id, expected_version=case.version, today=DAY1)
    text = docx_text(only(session_factory, case.id, KINDS.EXTENSION_NOTICE).docx)
    assert "第三十三条第三款" not in text and "缴纳信息处理费的期间不计算在答复期限内" in text
    assert "因材料较多，需要延长答复期限" in text


@pytest.mark.parametrize("method,quantity,line,amount,other", [
    (FeeMethod.PER_PAGE, 50, "第31至第50页：每页10元，计200元", "200", "按件"),  # 109号第五条: pages 31–100 10元
    (FeeMethod.PER_ITEM, 15, "第11至第15件：每件100元，计500元", "500", "按量"),  # 109号第四条: pieces 11–30 100元
])
def test_a_fee_request_stores_a_notice_with_the_recorded_amount_by_one_method_only(
        session_factory, people, create_case, method, quantity, line, amount, other):
    case = create_case()
    sv.request_fee(
        session_factory, cmd.RequestFee(method=method, quantity=quantity, notice_received_on=DAY1),
        actor_id=people.supervisor, case_id=case.id, expected_version=case.version,
        today=DAY1)  # handed over on DAY1
    text = docx_text(only(session_factory, case.id, KINDS.FEE_NOTICE).docx)
    assert line in text and f"应缴纳信息处理费合计{amount}元" in text
    assert other not in text
    assert "20个工作日内（即2026年3月31日前）" in text


def test_a_fee_notice_whose_receipt_date_is_unknown_prints_no_payment_date(session_factory, people,
                                                                          create_case):
    # the window runs from the applicant's receipt (unknown when the notice is posted): no date to promise
    case = create_case()
    sv.request_fee(
        session_factory, cmd.RequestFee(method=FeeMethod.PER_PAGE, quantity=50), actor_id=people.supervisor,
        case_id=case.id, expected_version=case.version, today=DAY1)
    text = docx_text(only(session_factory, case.id, KINDS.FEE_NOTICE).docx)
    assert "请自收到本通知书之日起20个工作日内通过" in text and "（即" not in text


def test_a_lapsed_correction_stores_a_no_further_handling_notice(session_factory, people, create_case):
    case = create_case("correction.awaiting_applicant")
    sv.lapse_correction(
        session_factory, cmd.LapseCorrection(), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=date(2026, 3, 11))
    assert kinds(session_factory, case.id) == [KINDS.RECEIPT, KINDS.CORRECTION_NOTICE, KINDS.LAPSE_NOTICE]
    notice = only(session_factory, case.id, KINDS.LAPSE_NOTICE)
    text = docx_text(notice.docx)
    assert notice.title == f"{AGENCY}政府信息公开申请不再处理告知书"
    assert "本机关已于2026年3月3日向您发出补正告知书，您未在补正期限（2026年3月10日）内补正" in text
    assert "第三十条" in text and notice.issued_on == date(2026, 3, 11)
    # the notice can be challenged: it states the 复议 route and periods (variant A, not 复议前置)
    assert "六十日内" in text and "申请行政复议" in text and "六个月内" in text and "应当先" not in text


def test_a_lapsed_fee_stores_a_no_further_handling_notice(session_factory, people, create_case):
    case = create_case("registration.awaiting_fee")
    sv.lapse_fee(
        session_factory, cmd.LapseFee(), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=date(2026, 4, 1))
    assert kinds(session_factory, case.id) == [KINDS.RECEIPT, KINDS.FEE_NOTICE, KINDS.LAPSE_NOTICE]
    text = docx_text(only(session_factory, case.id, KINDS.LAPSE_NOTICE).docx)
    assert "本机关已于2026年3月3日向您发出收费通知书，您未在规定期限（2026年3月31日）内缴纳信息处理费" in text
    assert "第四十二条" in text and "申请行政复议" in text


def test_an_extension_during_a_consultation_promises_no_fixed_date(session_factory, people, create_case):
    case = create_case("consultation.awaiting_opinions")
    sv.extend_deadline(
        session_factory, cmd.ExtendDeadline(days=10, reason="材料较多"), actor_id=people.supervisor,
        case_id=case.id, expected_version=case.version, today=DAY1)
    text = docx_text(only(session_factory, case.id, KINDS.EXTENSION_NOTICE).docx)
    assert "答复期限延长10个工作日" in text and "征求第三方和其他机关意见所需时间不计算在答复期限内（条例第三十三条第三款）" in text
    assert "前作出答复" not in text


@pytest.mark.parametrize("state,steps,expected", [
    ("correction.awaiting_applicant", ["receive_correction", "withdraw"], [KINDS.CORRECTION_NOTICE]),
    ("registration.awaiting_fee", ["record_payment"], [KINDS.FEE_NOTICE]),
    ("consultation.awaiting_opinions", ["end_consultation"], [KINDS.CONSULTATION_LETTER]),
])
def test_triggers_without_a_document_store_none(session_factory, people, create_case, state, steps, expected):
    day = date(2026, 3, 25)  # after the consultee's 15 working days (3 March → 24 March)
    calls = {
        "receive_correction": lambda c: sv.receive_correction(
            session_factory, cmd.ReceiveCorrection(received_on=date(2026, 3, 5)), actor_id=people.clerk,
            case_id=c.id, expected_version=c.version, today=day),
        "withdraw": lambda c: sv.withdraw(
            session_factory, cmd.Withdraw(reason="撤回"), actor_id=people.clerk, case_id=c.id,
            expected_version=c.version, today=day),
        "record_payment": lambda c: sv.record_payment(
            session_factory, cmd.RecordPayment(paid_on=date(2026, 3, 5)), actor_id=people.clerk, case_id=c.id,
            expected_version=c.version, today=day),
        "set_delayed_period": lambda c: sv.set_delayed_period(
            session_factory, cmd.SetDelayedPeriod(due_on=date(2026, 6, 1), reason="条例第三十五条"),
            actor_id=people.supervisor, case_id=c.id, expected_version=c.version, today=day),
        "end_consultation": lambda c: sv.end_consultation(
            session_factory, cmd.EndConsultation(), actor_id=people.clerk, case_id=c.id,
            expected_version=c.version, today=day),
    }
    case = create_case(state)
    for step in steps:
        case = calls[step](case)
    assert kinds(session_factory, case.id) == [KINDS.RECEIPT, *expected]
