"""Defects a legal review found in the letters (issue 7), each checked on the text read back from .docx."""
from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import docx
import pytest

from rules.agencies import AgencyInfo, AgencyKind
from rules.replies import catalog
from rules.replies.remedies import remedy_clause
from rules.replies.review import CheckStatus, run_checks
from tests.unit.test_documents_reply import CASE, HOUSING, reply
from tests.unit.test_replies_review import draft
from workflow.documents import (ExtensionNoticeInput, LapseNoticeInput, build_extension_notice,
                                build_lapse_notice, build_reply, render_docx)

PROVINCE = AgencyInfo("某省人民政府", AgencyKind.PROVINCIAL_GOVERNMENT, court="某省某市中级人民法院")
MINISTRY = AgencyInfo("中华人民共和国某部", AgencyKind.STATE_COUNCIL_DEPARTMENT)
RULING = "根据《中华人民共和国行政复议法》第二十六条的规定向国务院申请裁决"


def docx_text(document) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(render_docx(document))).paragraphs)


def extension(paused_for=(), reason="") -> str:
    notice = ExtensionNoticeInput(CASE, 10, new_due_date=date(2026, 10, 20), issued_on=date(2026, 9, 28),
                                  paused_for=paused_for, reason=reason)
    return docx_text(build_extension_notice(notice))


def test_an_extension_during_a_fee_pause_does_not_cite_article_33_3_which_covers_only_consultations():
    text = extension(paused_for=("fee",))
    assert "第三十三条第三款" not in text
    assert "自发出收费通知书至缴纳信息处理费的期间不计算在答复期限内" in text
    assert "本机关将在缴纳信息处理费结束后，于剩余答复期限内作出答复" in text


def test_an_extension_during_a_consultation_cites_article_33_3_for_the_consultation_only():
    text = extension(paused_for=("consultation", "fee"))
    assert "征求第三方和其他机关意见所需时间不计算在答复期限内（条例第三十三条第三款）" in text
    assert "缴纳信息处理费的期间不计算在答复期限内，" in text  # no article after the fee sentence


def test_the_extension_notice_states_the_reason():
    text = extension(reason="涉及档案查找，需调取多个科室存档资料。")
    assert "因涉及档案查找，需调取多个科室存档资料，需要延长答复期限，经本机关政府信息公开工作机构负责人同意" in text


@pytest.mark.parametrize("outcome, fields", [
    ("lapsed_correction", {"correction_notice_date": date(2026, 9, 8),
                           "correction_deadline": date(2026, 9, 22)}),
    ("lapsed_fee", {"fee_notice_date": date(2026, 9, 8), "payment_deadline": date(2026, 10, 9)}),
])
def test_the_no_further_handling_notice_counts_the_remedy_periods_from_itself(outcome, fields):
    text = docx_text(build_lapse_notice(LapseNoticeInput(CASE, outcome, date(2026, 10, 12), fields)))
    assert "如对本告知不服，可以自收到本告知书之日起六十日内向某市某区人民政府申请行政复议" in text
    assert "自收到本告知书之日起六个月内" in text
    assert "本答复书" not in text


@pytest.mark.parametrize("agency", [PROVINCE, MINISTRY])
@pytest.mark.parametrize("code", ["disclose", "withhold_secret", "partial"])
def test_a_provincial_government_or_state_council_department_offers_the_state_council_ruling(agency, code):
    case = replace(CASE, agency=agency)
    text = docx_text(build_reply(reply(code, case)))
    assert RULING in text and "国务院依法作出最终裁决" in text
    assert f"六十日内向{agency.name}申请行政复议" in text


@pytest.mark.parametrize("code", ["disclose", "withhold_secret"])
def test_other_agencies_do_not_offer_the_state_council_ruling(code):
    assert "第二十六条" not in docx_text(build_reply(reply(code)))


def test_the_review_fails_a_provincial_reply_without_the_state_council_ruling():
    clause = remedy_clause("disclose", HOUSING).replace(HOUSING.government, PROVINCE.name)
    result = run_checks(draft("disclose", agency=PROVINCE, remedy_text=clause)).result("remedy")
    assert result.status is CheckStatus.FAIL and "行政复议法第二十六条" in result.message
    passing = run_checks(draft("disclose", agency=PROVINCE, remedy_text=remedy_clause("disclose", PROVINCE)))
    assert passing.result("remedy").status is CheckStatus.PASS


@pytest.mark.parametrize("document", [
    build_reply(reply("disclose")),
    build_lapse_notice(LapseNoticeInput(CASE, "lapsed_correction", date(2026, 10, 12))),
])
def test_every_letter_has_a_seal_line_above_the_agency_name(document):
    lines = docx_text(document).splitlines()
    assert lines[-3:] == ["（印章）", HOUSING.name, "2026年9月28日" if document.kind == "reply" else "2026年10月12日"]


def test_a_third_party_refusal_without_a_consultation_does_not_cite_article_32():
    fields = {"third_party_interest": "某公司的商业秘密", "no_consultation_reason": "该公司已注销，无法征求意见"}
    text = docx_text(build_reply(reply("withhold_third_party", fields=fields)))
    assert "第十五条、第三十六条第（三）项的规定" in text and "第三十二条" not in text
    consulted = {**fields, "consultation_record": "2026-09-10 书面征求意见，第三方不同意公开"}
    assert "第十五条、第三十二条、第三十六条第（三）项" in docx_text(build_reply(reply("withhold_third_party",
                                                                                     fields=consulted)))


LAW_GROUND = {"disclosed_part": "统计汇总表", "withheld_part": "单个调查对象的原始数据",
              "exemption_ground": "withhold_law", "exemption_reason": "属于能够识别单个统计调查对象的资料",
              "law_name": "中华人民共和国统计法", "law_article": "第三十九条"}


def test_a_partial_disclosure_on_the_prohibiting_law_ground_names_and_cites_the_law():
    text = docx_text(build_reply(reply("partial", fields=LAW_GROUND)))
    assert "根据《中华人民共和国统计法》第三十九条的规定禁止公开" in text
    assert "第十四条、第三十六条第（二）项、第（三）项、第三十七条和《中华人民共和国统计法》第三十九条" in text


def test_a_partial_disclosure_on_the_prohibiting_law_ground_requires_the_law():
    fields = {k: v for k, v in LAW_GROUND.items() if k not in ("law_name", "law_article")}
    assert catalog.missing_fields("partial", fields) == ["禁止公开的法律或行政法规", "禁止公开的条款"]
    assert catalog.missing_fields("partial", {**fields, "exemption_ground": "withhold_process"}) == []
    checks = run_checks(draft("partial", fields=fields))
    assert checks.result("fields").status is CheckStatus.FAIL
    assert "未写明禁止公开的法律或行政法规" in checks.result("articles").message


def test_a_confirm_existing_reply_cites_articles_2_and_38_and_stays_flagged_for_review():
    text = docx_text(build_reply(reply("confirm_existing")))
    assert "根据《中华人民共和国政府信息公开条例》第二条、第三十八条的规定，特此告知。" in text
    checks = run_checks(draft("confirm_existing"))
    assert checks.result("articles").status is CheckStatus.PASS
    assert checks.result("flagged").status is CheckStatus.WARN
