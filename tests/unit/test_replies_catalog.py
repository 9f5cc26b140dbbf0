"""The reply-category catalog: data integrity, required fields, citations and 表三 rows."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rules.replies import catalog
from rules.replies.articles import ArticleRef, chinese_number, parse_chinese_number
from rules.replies.errors import CatalogDataError, UnknownCategory
from rules.replies.report_rows import REPORT_COLUMNS, REPORT_ROWS, leaf_row_keys, row_label

DOMAIN_TABLE = {  # DOMAIN.md §4, copied by hand: code -> (表三 row, remedy)
    "already_public": ("三(一)", "A"), "disclose": ("三(一)", "A"), "partial": ("三(二)", "A+B"),
    "withhold_secret": ("三(三)1", "B"), "withhold_law": ("三(三)2", "B"), "withhold_security": ("三(三)3", "B"),
    "withhold_third_party": ("三(三)4", "B"), "withhold_internal": ("三(三)5", "B"),
    "withhold_process": ("三(三)6", "B"), "withhold_case_file": ("三(三)7", "B"),
    "special_query": ("三(三)8", "A"), "not_exist": ("三(四)1", "A"), "not_ours": ("三(四)1", "A"),
    "needs_creation": ("三(四)2", "A"), "unclear_after_correction": ("三(四)3", "A"),
    "petition": ("三(五)1", "A"), "duplicate": ("三(五)2", "A"), "publication": ("三(五)3", "A"),
    "excessive": ("三(五)4", "A"), "confirm_existing": ("三(五)5", "A"),
    # DOMAIN §4 lists no remedy for the two 不再处理 outcomes; we print variant A on their notice on purpose
    # (法释〔2025〕8号第一条第（一）项; 行政复议法第二十条第三款) — see categories.toml
    "lapsed_correction": ("三(六)1", "A"), "lapsed_fee": ("三(六)2", "A"), "other": ("三(六)3", "none"),
}
TIAOLI = "《中华人民共和国政府信息公开条例》"


def test_the_catalog_holds_exactly_the_twenty_categories_and_three_outcomes_of_the_domain_table():
    assert {c.code: (c.report_row, c.remedy) for c in catalog.all_categories()} == DOMAIN_TABLE
    assert len(catalog.all_categories("reply")) == 20
    assert [c.code for c in catalog.all_categories("outcome")] == ["lapsed_correction", "lapsed_fee", "other"]


@pytest.mark.parametrize("code, expected", [
    ("withhold_secret", TIAOLI + "第十四条、第三十六条第（三）项"),
    ("withhold_internal", TIAOLI + "第十六条第一款、第三十六条第（三）项"),
    ("withhold_third_party", TIAOLI + "第十五条、第三十六条第（三）项"),  # no consultation recorded: no 第三十二条
    ("petition", TIAOLI + "第三十九条第一款"),
    ("publication", TIAOLI + "第三十九条第二款"),
    ("not_exist", TIAOLI + "第三十六条第（四）项"),
    ("partial", TIAOLI + "第三十六条第（二）项、第（三）项、第三十七条"),
    ("lapsed_fee", TIAOLI + "第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"),
    ("confirm_existing", TIAOLI + "第二条、第三十八条"),
])
def test_citation_text_names_the_articles_paragraphs_and_items_of_the_category(code, expected):
    assert catalog.citation_text(code) == expected


def test_a_partial_disclosure_cites_the_exemption_article_of_its_chosen_ground():
    text = catalog.citation_text("partial", {"exemption_ground": "withhold_process"})
    assert text == TIAOLI + "第十六条第二款、第三十六条第（二）项、第（三）项、第三十七条"


def test_a_refusal_by_another_law_cites_that_law_and_article_after_the_regulation():
    text = catalog.citation_text("withhold_law", {"law_name": "《中华人民共和国统计法》", "law_article": "第三十九条"})
    assert text == TIAOLI + "第十四条、第三十六条第（三）项和《中华人民共和国统计法》第三十九条"


def test_missing_fields_lists_the_chinese_labels_of_blank_required_fields():
    assert catalog.missing_fields("duplicate", {"earlier_reply_number": "  "}) == ["前次答复文号", "前次答复日期"]
    complete = {"earlier_reply_number": "甲", "earlier_reply_date": "2026-05-08"}
    assert catalog.missing_fields("duplicate", complete) == []


def test_a_reason_for_not_consulting_stands_in_for_the_consultation_record():
    base = {"third_party_interest": "商业秘密"}
    assert catalog.missing_fields("withhold_third_party", base) == ["征求第三方意见记录"]
    with_reason = {**base, "no_consultation_reason": "第三方已书面同意"}
    assert catalog.missing_fields("withhold_third_party", with_reason) == []


def test_not_exist_requires_every_part_of_the_search_record():
    assert catalog.missing_fields("not_exist", {}) == ["检索关键词", "检索的系统或档案", "核查的科室", "检索日期", "检索人员"]


def test_not_ours_requires_the_responsible_agency_and_its_contact():
    assert catalog.missing_fields("not_ours", {"reasons": "由市局制作"}) == ["负责公开的行政机关", "负责公开机关的联系方式"]


def test_choice_fields_reject_values_outside_their_choices():
    assert catalog.invalid_fields("withhold_internal", {"internal_kind": "人事管理"}) == []
    assert "内部事务信息的类别" in catalog.invalid_fields("withhold_internal", {"internal_kind": "财务"})[0]
    assert catalog.invalid_fields("partial", {"exemption_ground": "not_exist"})


def test_an_unknown_code_raises_a_chinese_error_listing_the_valid_codes():
    with pytest.raises(UnknownCategory, match="未知的答复类别「nope」.*not_exist"):
        catalog.get_category("nope")


def test_refusals_and_partial_disclosure_are_the_only_categories_with_review_first_remedy():
    refusals = {c.code for c in catalog.all_categories() if c.is_refusal}
    assert refusals == {"partial"} | {code for code in DOMAIN_TABLE if code.startswith("withhold_")}


def test_special_query_is_flagged_for_legal_review_and_unverified_rows_are_marked():
    assert "flag_for_review" in catalog.get_category("special_query").flags
    unverified = {c.code for c in catalog.all_categories() if "row_unverified" in c.flags}
    assert unverified == {"already_public", "special_query", "not_exist", "not_ours", "other"}


def test_cited_refs_reads_articles_items_and_other_laws_from_a_draft():
    refs = catalog.cited_refs("根据《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（二）项、第（三）项"
                              "和《中华人民共和国统计法》第39条")
    assert refs == {ArticleRef("tiaoli", 16, 2), ArticleRef("tiaoli", 36, None, 2),
                    ArticleRef("tiaoli", 36, None, 3), ArticleRef("中华人民共和国统计法", 39)}


def test_half_width_parentheses_and_arabic_numbers_are_read_too():
    assert catalog.cited_refs("依据条例第36条第(三)项") == {ArticleRef("tiaoli", 36, None, 3)}


def test_the_pure_reply_rules_import_no_document_web_or_workflow_code():
    code = ("import sys, rules.replies.review, rules.replies.fees; "
            "print(sorted(m for m in ('docx', 'flask', 'workflow', 'web', 'sqlalchemy') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("number, text", [(1, "一"), (10, "十"), (14, "十四"), (20, "二十"), (36, "三十六"),
                                          (105, "一百零五"), (110, "一百一十")])
def test_chinese_numbers_round_trip(number, text):
    assert chinese_number(number) == text
    assert parse_chinese_number(text) == number


def test_report_rows_follow_the_2021_format_exactly():
    assert len(REPORT_ROWS) == 30
    assert row_label("三(六)2") == "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    assert row_label("三(二)") == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert REPORT_COLUMNS == ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
    assert len(leaf_row_keys()) == 21 and "三(三)" not in leaf_row_keys()


def _write(tmp_path, text):
    path = tmp_path / "categories.toml"
    path.write_text('[laws.tiaoli]\ntitle = "条例"\n' + text, encoding="utf-8")
    return path


def test_bad_catalog_data_is_refused_with_the_file_named(tmp_path):
    path = _write(tmp_path, '[[category]]\ncode = "x"\nlabel = "X"\nkind = "reply"\nreport_row = "三(九)"\n'
                            'basis = []\nremedy = "A"\n')
    with pytest.raises(CatalogDataError, match=r"categories\.toml.*表三行「三\(九\)」"):
        catalog.load_catalog(path)


def test_a_catalog_entry_missing_its_remedy_is_refused(tmp_path):
    path = _write(tmp_path, '[[category]]\ncode = "x"\nlabel = "X"\nkind = "reply"\n'
                            'report_row = "三(一)"\nbasis = []\n')
    with pytest.raises(CatalogDataError, match="第1个类别（x）：缺少或错误的项"):
        catalog.load_catalog(path)


def test_an_outcome_with_the_refusal_remedy_variant_is_refused(tmp_path):
    path = _write(tmp_path, '[[category]]\ncode = "x"\nlabel = "X"\nkind = "outcome"\nreport_row = "三(六)3"\n'
                            'basis = []\nremedy = "B"\n')
    with pytest.raises(CatalogDataError, match="结果类只能为 none 或 A"):
        catalog.load_catalog(path)
