"""Procedural documents: 受理回执, 补正告知书, 征求意见书, 延期答复告知书, 收费通知书, 不再处理告知书."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from rules.agencies import AgencyInfo, AgencyKind
from rules.replies.fees import compute_fee
from workflow.documents import (CaseFacts, ConsultationInput, CorrectionNoticeInput, ExtensionNoticeInput,
                                FeeNoticeInput, LapseNoticeInput, PartKind, ReceiptInput,
                                build_consultation_letter, build_correction_notice, build_extension_notice,
                                build_fee_notice, build_lapse_notice, build_receipt)

AGENCY = AgencyInfo("某市某区住房和城乡建设局", AgencyKind.DEPARTMENT, government="某市某区人民政府")
CASE = CaseFacts(AGENCY, "某住建", "王某", "YSQ-2026-0015", "K7P3QX", date(2026, 9, 1), "某小区加装电梯的批复")


def test_the_receipt_gives_the_tracking_number_query_code_and_due_date():
    document = build_receipt(ReceiptInput(CASE, date(2026, 9, 1), due_date=date(2026, 9, 29)))
    assert document.title == "某市某区住房和城乡建设局政府信息公开申请受理回执"
    assert "受理编号：YSQ-2026-0015" in document.texts() and "查询码：K7P3QX" in document.texts()
    assert "于2026年9月29日前予以答复" in document.plain_text


def test_the_correction_notice_lists_every_item_once_with_a_deadline_and_the_consequences():
    items = ("请提供身份证明", "请写明所需政府信息的名称或文号")
    notice = CorrectionNoticeInput(CASE, items, deadline=date(2026, 9, 22), issued_on=date(2026, 9, 8))
    document = build_correction_notice(notice)
    texts = document.texts(PartKind.PARAGRAPH)
    assert "1. 请提供身份证明" in texts and "2. 请写明所需政府信息的名称或文号" in texts
    assert "第三十条" in document.plain_text and "请于2026年9月22日前" in document.plain_text
    assert "答复期限自本机关收到补正的申请之日起计算" in document.plain_text
    assert "视为放弃申请，本机关不再处理" in document.plain_text


def test_a_third_party_consultation_gives_fifteen_working_days_and_says_the_agency_decides_on_silence():
    letter = ConsultationInput(CASE, "某建设有限公司", "third_party", "施工合同", date(2026, 9, 10))
    document = build_consultation_letter(letter)
    assert document.texts(PartKind.SALUTATION) == ["某建设有限公司："]
    assert "第三十二条" in document.plain_text and "15个工作日内" in document.plain_text
    assert "逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开" in document.plain_text
    assert "王某" not in document.plain_text  # the applicant's identity is not disclosed to the third party


def test_a_co_producer_consultation_treats_silence_as_consent():
    letter = ConsultationInput(CASE, "某市某区自然资源局", "co_producer", "联合发文", date(2026, 9, 10))
    document = build_consultation_letter(letter)
    assert "第三十四条" in document.plain_text and "逾期未提出意见的，视为同意公开" in document.plain_text


def test_an_unknown_consultee_kind_is_refused():
    with pytest.raises(ValueError, match="third_party 或 co_producer"):
        build_consultation_letter(ConsultationInput(CASE, "某人", "neighbour", "x", date(2026, 9, 10)))


def test_the_extension_notice_states_the_approval_the_days_and_the_new_due_date():
    document = build_extension_notice(ExtensionNoticeInput(CASE, 20, date(2026, 11, 3), date(2026, 9, 28)))
    text = document.plain_text
    assert "经本机关政府信息公开工作机构负责人同意" in text and "第三十三条第二款" in text
    assert "答复期限延长20个工作日，本机关将于2026年11月3日前作出答复" in text


def test_an_extension_over_twenty_working_days_is_refused():
    with pytest.raises(ValueError, match="1至20个工作日"):
        build_extension_notice(ExtensionNoticeInput(CASE, 21, date(2026, 11, 4), date(2026, 9, 28)))


def test_the_fee_notice_charges_by_piece_with_its_brackets_and_a_configurable_window():
    fee = compute_fee("per_item", 5, earlier_pieces_this_month=28)
    document = build_fee_notice(FeeNoticeInput(CASE, fee, date(2026, 9, 10), "银行转账",
                                               payment_window_working_days=15,
                                               payment_deadline=date(2026, 10, 9)))
    text = document.plain_text
    assert "按件计收信息处理费，计费数量5件" in text and "按量" not in text
    assert "第29至第30件：每件100元，计200元" in text and "第31至第33件：每件200元，计600元" in text
    assert "应缴纳信息处理费合计800元。" in text
    assert "请自收到本通知书之日起15个工作日内（即2026年10月9日前）通过银行转账缴纳" in text
    assert "国办函〔2020〕109号" in text


def test_the_fee_notice_charges_by_page_without_mentioning_pieces():
    document = build_fee_notice(FeeNoticeInput(CASE, compute_fee("per_page", 101), date(2026, 9, 10), "银行转账"))
    text = document.plain_text
    assert "按量计收" in text and "按件" not in text and "合计720元" in text
    assert "第101页：每页20元，计20元" in text and "20个工作日内" in text


def test_the_lapse_notice_for_a_missed_correction_cites_article_thirty():
    fields = {"correction_notice_date": "2026-09-08", "correction_deadline": "2026-09-22"}
    document = build_lapse_notice(LapseNoticeInput(CASE, "lapsed_correction", date(2026, 9, 25), fields))
    assert document.title == "某市某区住房和城乡建设局政府信息公开申请不再处理告知书"
    assert "补正期限（2026年9月22日）" in document.plain_text
    assert "根据《中华人民共和国政府信息公开条例》第三十条的规定" in document.plain_text


def test_the_lapse_notice_for_an_unpaid_fee_cites_article_forty_two_and_the_fee_measures():
    document = build_lapse_notice(LapseNoticeInput(CASE, "lapsed_fee", date(2026, 10, 12)))
    assert "第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）" in document.plain_text
    assert "〔收费通知书日期〕" in document.plain_text  # optional dates not recorded: placeholder shows


def test_a_lapse_notice_is_only_for_the_two_lapse_outcomes():
    with pytest.raises(ValueError, match="逾期不补正或逾期未缴费"):
        build_lapse_notice(LapseNoticeInput(CASE, "other", date(2026, 10, 12)))


def test_notices_after_a_correction_mention_the_corrected_application():
    case = replace(CASE, correction_received_on=date(2026, 9, 8), extension_notified_on=date(2026, 9, 28))
    notice = ExtensionNoticeInput(case, 10, new_due_date=date(2026, 10, 20), issued_on=date(2026, 9, 28))
    text = build_extension_notice(notice).plain_text
    assert "经补正，本机关于2026年9月8日收到补正后的申请。" in text
    assert "已于2026年9月28日告知延期答复" not in text  # the extension notice does not cite itself
