"""答复书 for every category: text read back from the .docx carries the articles and the right remedy clause."""
from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import docx
import pytest

from rules.agencies import AgencyInfo, AgencyKind
from rules.calendar import load_calendar
from rules.replies import catalog
from rules.replies.remedies import remedy_clause
from rules.replies.review import CheckStatus, ReviewInput, run_checks
from tests.unit.test_replies_samples import SAMPLE_FIELDS
from workflow.documents import (CaseFacts, PartKind, ReplyInput, build_reply, chinese_date, render_docx,
                                reply_number)

HOUSING = AgencyInfo("某市某区住房和城乡建设局", AgencyKind.DEPARTMENT, government="某市某区人民政府",
                     court="某市某区人民法院")
TAX = AgencyInfo("国家税务总局某市某区税务局", AgencyKind.VERTICAL, superior_department="国家税务总局某市税务局")
JUSTICE = AgencyInfo("某市某区司法局", AgencyKind.JUSTICE_ADMINISTRATION, government="某市某区人民政府",
                     superior_department="某市司法局")
CASE = CaseFacts(HOUSING, "某住建", "王某", "YSQ-2026-0015", "K7P3QX", date(2026, 9, 1), "某小区加装电梯的批复", "网络")
REPLY_CODES = [c.code for c in catalog.all_categories("reply")]
REFUSALS = [c for c in REPLY_CODES if c.startswith("withhold_")]


def reply(code: str, case: CaseFacts = CASE, **changes) -> ReplyInput:
    data = ReplyInput(case, code, SAMPLE_FIELDS[code], reply_number("某住建", 2026, 15), date(2026, 9, 28))
    return replace(data, **changes)


def docx_paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


# Written by hand from STATUTE.md §7.3 (the 条例's own 条/款/项 wording), not derived from the catalog.
ARTICLES = {
    "already_public": ["第三十六条第（一）项"], "disclose": ["第三十六条第（二）项"],
    "partial": ["第十五条", "第三十六条第（二）项、第（三）项、第三十七条"],
    "withhold_secret": ["第十四条、第三十六条第（三）项"],
    "withhold_law": ["第十四条、第三十六条第（三）项和《中华人民共和国统计法》第三十九条"],
    "withhold_security": ["第十四条、第三十六条第（三）项"],
    "withhold_third_party": ["第十五条、第三十二条、第三十六条第（三）项"],
    "withhold_internal": ["第十六条第一款、第三十六条第（三）项"],
    "withhold_process": ["第十六条第二款、第三十六条第（三）项"],
    "withhold_case_file": ["第十六条第二款、第三十六条第（三）项"],
    "special_query": ["第三十六条第（七）项"], "not_exist": ["第三十六条第（四）项"], "not_ours": ["第三十六条第（五）项"],
    "needs_creation": ["第三十八条"], "unclear_after_correction": ["第三十条"], "petition": ["第三十九条第一款"],
    "duplicate": ["第三十六条第（六）项"], "publication": ["第三十九条第二款"], "excessive": ["第三十五条"],
    "confirm_existing": ["第二条、第三十八条"],  # practice (no specific article): the reviewer confirms
}


@pytest.mark.parametrize("code", REPLY_CODES)
def test_every_category_reply_read_back_from_docx_cites_its_articles(code):
    paragraphs = docx_paragraphs(render_docx(build_reply(reply(code))))
    basis = [p for p in paragraphs if p.startswith("根据《中华人民共和国政府信息公开条例》")]
    assert len(basis) == (1 if ARTICLES[code] else 0)
    for article in ARTICLES[code]:
        assert article in basis[0]
    assert catalog.expected_refs(code, SAMPLE_FIELDS[code]) <= catalog.cited_refs("\n".join(paragraphs))


@pytest.mark.parametrize("code", REPLY_CODES)
def test_every_category_reply_read_back_from_docx_has_the_right_remedy_naming_the_reconsideration_body(code):
    paragraphs = docx_paragraphs(render_docx(build_reply(reply(code))))
    assert remedy_clause(code, HOUSING) in paragraphs
    remedy = paragraphs[-4]  # then 印章, agency, date
    assert "六十日内向某市某区人民政府申请行政复议" in remedy
    review_first = "第二十三条" in remedy and "应当先" in remedy
    assert review_first == (code in REFUSALS or code == "partial")
    assert ("六个月内向某市某区人民法院提起行政诉讼" in remedy) == (code not in REFUSALS)


def review_generated(code: str, remedy_text: str | None = None) -> ReviewInput:
    """Review input read off the generated reply's parts (legal basis and remedy paragraphs)."""
    paragraphs = build_reply(reply(code)).texts(PartKind.PARAGRAPH)
    basis = next((p for p in paragraphs if p.startswith("根据《")), "")
    return ReviewInput(
        category_code=code, fields=SAMPLE_FIELDS[code], cited_articles=basis,
        remedy_text=paragraphs[-1] if remedy_text is None else remedy_text, agency=HOUSING,
        first_received_on=CASE.received_on, correction_received=None, cited_receipt_date=date(2026, 9, 1),
        cited_correction_date=None, planned_issue_date=date(2026, 9, 28), due_date=date(2026, 9, 29),
        calendar=load_calendar(), consultation_on_record=True, drafter_id="clerk", reviewer_id="reviewer")


@pytest.mark.parametrize("code", REPLY_CODES)
def test_every_generated_reply_passes_the_legal_review_checks(code):
    checklist = run_checks(review_generated(code))
    assert not checklist.blocking, checklist.failures


@pytest.mark.parametrize("code", REFUSALS)
def test_a_refusal_reply_whose_clause_lacks_review_first_wording_fails_review(code):
    checklist = run_checks(review_generated(code, remedy_text=remedy_clause("disclose", HOUSING)))
    assert checklist.result("remedy").status is CheckStatus.FAIL


def test_a_partial_disclosure_reply_carries_both_clauses():
    text = "\n".join(docx_paragraphs(render_docx(build_reply(reply("partial")))))
    assert "如对本答复中予以公开的部分不服" in text and "六个月内" in text
    assert "如对本答复中不予公开的决定不服" in text and "应当先自收到本答复书之日起六十日内" in text and "十五日内" in text


@pytest.mark.parametrize("code", ["withhold_secret", "not_exist"])
def test_the_same_reply_from_a_tax_bureau_names_its_superior_department(code):
    tax_case = replace(CASE, agency=TAX)
    text = "\n".join(docx_paragraphs(render_docx(build_reply(reply(code, tax_case)))))
    assert "六十日内向国家税务总局某市税务局申请行政复议" in text
    assert "人民政府申请行政复议" not in text


def test_a_reply_from_a_justice_department_names_both_reconsideration_bodies():
    justice_case = replace(CASE, agency=JUSTICE)
    text = "\n".join(docx_paragraphs(render_docx(build_reply(reply("withhold_process", justice_case)))))
    assert "六十日内向某市某区人民政府或者某市司法局申请行政复议" in text


def test_the_reply_parts_come_in_the_statutory_order():
    case = replace(CASE, correction_received_on=date(2026, 9, 8), extension_notified_on=date(2026, 10, 9))
    document = build_reply(reply("not_exist", case, issued_on=date(2026, 11, 2)))
    assert [p.kind for p in document.parts][:3] == [PartKind.TITLE, PartKind.NUMBER, PartKind.SALUTATION]
    assert document.texts()[:7] == [
        "某市某区住房和城乡建设局政府信息公开申请答复书",
        "某住建依申请公开〔2026〕第15号",
        "王某：",
        "本机关于2026年9月1日收到您（通过网络）提交的政府信息公开申请，申请获取“某小区加装电梯的批复”的政府信息。",
        "经补正，本机关于2026年9月8日收到补正后的申请。",
        "本机关已于2026年10月9日告知延期答复。",
        "经研究，现答复如下：",
    ]
    assert document.texts()[-2:] == ["某市某区住房和城乡建设局", "2026年11月2日"]


def test_without_correction_or_extension_those_sentences_are_absent():
    text = build_reply(reply("disclose")).plain_text
    assert "经补正" not in text and "延期答复" not in text


def test_the_drafters_own_content_follows_the_statutory_sentence_and_never_replaces_it():
    document = build_reply(reply("not_exist", content=("另查明，该项目由市级部门审批。", "特此说明。")))
    texts = document.texts()
    statutory = next(i for i, text in enumerate(texts) if "进行了检索" in text)
    assert texts[statutory + 1:statutory + 3] == ["另查明，该项目由市级部门审批。", "特此说明。"]


def test_an_empty_field_shows_its_label_in_the_draft():
    assert "〔检索关键词〕" in build_reply(reply("not_exist", fields={})).plain_text


def test_a_reply_cannot_be_built_for_an_outcome():
    with pytest.raises(ValueError, match="办理结果"):
        build_reply(reply("lapsed_correction"))


def test_chinese_dates_and_reply_numbers_have_no_leading_zeros():
    assert chinese_date(date(2026, 11, 21)) == "2026年11月21日"
    assert chinese_date(date(2026, 1, 5)) == "2026年1月5日"
    assert reply_number("某住建", 2026, 7) == "某住建依申请公开〔2026〕第7号"
