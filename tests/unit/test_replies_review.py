"""The automatic legal-review checklist: each check's pass and fail path, on the real 2026 calendar."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from rules.agencies import AgencyInfo, AgencyKind
from rules.calendar import load_calendar
from rules.replies import catalog
from rules.replies.remedies import remedy_clause
from rules.replies.review import CheckStatus, ReviewInput, approval_refusal, run_checks
from tests.unit.test_replies_samples import SAMPLE_FIELDS

HOUSING = AgencyInfo("某市某区住房和城乡建设局", AgencyKind.DEPARTMENT, government="某市某区人民政府")
T0 = date(2026, 9, 1)
CONSULTED = {"withhold_third_party", "partial"}  # the partial sample withholds on third-party grounds
DUE = date(2026, 9, 29)  # 20 WD after 2026-09-01: 9/20 调休 counts, 中秋 9/25 does not (checked by hand)


def draft(code: str, **changes) -> ReviewInput:
    """A correct draft of ``code`` by user 1 for reviewer 2, issued on time."""
    base = ReviewInput(
        category_code=code, fields=SAMPLE_FIELDS[code],
        cited_articles="根据" + catalog.citation_text(code, SAMPLE_FIELDS[code]) + "的规定",
        remedy_text=remedy_clause(code, HOUSING), agency=HOUSING, first_received_on=T0,
        correction_received=None,
        cited_receipt_date=T0, cited_correction_date=None, planned_issue_date=date(2026, 9, 28), due_date=DUE,
        calendar=load_calendar(), consultation_on_record=code in CONSULTED, drafter_id=1, reviewer_id=2)
    return replace(base, **changes)


def statuses(data: ReviewInput) -> dict[str, CheckStatus]:
    return {r.code: r.status for r in run_checks(data).results}


REPLY_CODES = [c.code for c in catalog.all_categories("reply")]
FLAGGED = {"special_query", "confirm_existing"}


@pytest.mark.parametrize("code", REPLY_CODES)
def test_a_correct_draft_of_every_category_passes_every_check(code):
    results = statuses(draft(code))
    expected_warnings = {"flagged"} if code in FLAGGED else set()
    assert {c for c, s in results.items() if s is CheckStatus.WARN} == expected_warnings
    assert CheckStatus.FAIL not in results.values()


def test_a_draft_missing_an_article_of_its_category_fails():
    result = run_checks(draft("withhold_internal", cited_articles="根据条例第三十六条第（三）项")).result("articles")
    assert result.status is CheckStatus.FAIL
    assert "未引用《中华人民共和国政府信息公开条例》第十六条第一款" in result.message


def test_citing_article_sixteen_without_its_paragraph_is_not_enough():
    cited = "根据《中华人民共和国政府信息公开条例》第十六条、第三十六条第（三）项"
    assert statuses(draft("withhold_process", cited_articles=cited))["articles"] is CheckStatus.FAIL


def test_a_refusal_by_another_law_must_name_that_law():
    cited = "根据《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项"
    result = run_checks(draft("withhold_law", cited_articles=cited)).result("articles")
    assert result.status is CheckStatus.FAIL and "《中华人民共和国统计法》" in result.message


def test_an_unusual_extra_article_only_warns():
    cited = "根据《中华人民共和国政府信息公开条例》第十四条、第三十六条第（四）项"
    result = run_checks(draft("not_exist", cited_articles=cited)).result("articles")
    assert result.status is CheckStatus.WARN and "第十四条" in result.message


@pytest.mark.parametrize("code", [c for c in REPLY_CODES if c.startswith("withhold_")])
def test_a_refusal_whose_clause_lacks_review_first_wording_fails(code):
    result = run_checks(draft(code, remedy_text=remedy_clause("not_exist", HOUSING))).result("remedy")
    assert result.status is CheckStatus.FAIL
    assert "须告知先申请行政复议" in result.message and "不得告知可直接提起行政诉讼" in result.message


def test_a_partial_disclosure_with_only_one_clause_fails_either_way():
    b_clause, a_clause = remedy_clause("withhold_secret", HOUSING), remedy_clause("disclose", HOUSING)
    only_b = run_checks(draft("partial", remedy_text=b_clause)).result("remedy")
    only_a = run_checks(draft("partial", remedy_text=a_clause)).result("remedy")
    assert only_b.status is CheckStatus.FAIL and "六个月" in only_b.message
    assert only_a.status is CheckStatus.FAIL and "先申请行政复议" in only_a.message


def test_a_non_refusal_must_not_demand_reconsideration_first():
    result = run_checks(draft("not_exist", remedy_text=remedy_clause("partial", HOUSING))).result("remedy")
    assert result.status is CheckStatus.FAIL and "不属于复议前置" in result.message


def test_a_clause_naming_the_wrong_reconsideration_body_fails():
    wrong = remedy_clause("disclose", HOUSING).replace("某市某区人民政府", "某市住房和城乡建设局")
    result = run_checks(draft("disclose", remedy_text=wrong)).result("remedy")
    assert result.status is CheckStatus.FAIL and "未写明行政复议机关「某市某区人民政府」" in result.message


def test_a_justice_department_clause_must_name_both_bodies():
    justice = AgencyInfo("某区司法局", AgencyKind.JUSTICE_ADMINISTRATION, government="某区人民政府",
                         superior_department="某市司法局")
    one_body = remedy_clause("disclose", HOUSING).replace("某市某区人民政府", "某区人民政府")
    assert statuses(draft("disclose", agency=justice, remedy_text=one_body))["remedy"] is CheckStatus.FAIL
    both = remedy_clause("disclose", justice)
    assert statuses(draft("disclose", agency=justice, remedy_text=both))["remedy"] is CheckStatus.PASS


def test_an_agency_without_a_reconsideration_body_fails_the_remedy_check():
    bare = AgencyInfo("某局", AgencyKind.DEPARTMENT)
    result = run_checks(draft("disclose", agency=bare)).result("remedy")
    assert result.status is CheckStatus.FAIL and "未登记本级人民政府" in result.message


def test_a_missing_required_field_fails_with_its_label():
    fields = {"earlier_reply_number": "某住建依申请公开〔2026〕第12号"}
    result = run_checks(draft("duplicate", fields=fields)).result("fields")
    assert result.status is CheckStatus.FAIL and "前次答复日期" in result.message


def test_a_not_exist_reply_without_a_search_record_fails_review():
    fields = {**SAMPLE_FIELDS["not_exist"], "search_systems": "", "search_staff": " "}
    checklist = run_checks(draft("not_exist", fields=fields))
    assert checklist.result("search_record").status is CheckStatus.FAIL
    assert "检索的系统或档案、检索人员" in checklist.result("search_record").message
    assert checklist.blocking


def test_the_search_record_check_applies_only_to_not_exist():
    assert "search_record" not in statuses(draft("not_ours"))


def test_a_wrong_receipt_date_fails():
    result = run_checks(draft("disclose", cited_receipt_date=date(2026, 9, 2))).result("receipt_dates")
    assert result.status is CheckStatus.FAIL
    assert "2026-09-02" in result.message and "2026-09-01" in result.message


def test_after_a_correction_the_correction_date_must_be_cited_too():
    corrected = date(2026, 9, 8)
    assert statuses(draft("disclose", correction_received=corrected))["receipt_dates"] is CheckStatus.FAIL
    ok = draft("disclose", correction_received=corrected, cited_correction_date=corrected)
    assert statuses(ok)["receipt_dates"] is CheckStatus.PASS


def test_citing_a_correction_that_never_happened_fails():
    phantom = draft("disclose", cited_correction_date=date(2026, 9, 8))
    assert statuses(phantom)["receipt_dates"] is CheckStatus.FAIL


def test_issuing_on_the_due_date_passes():
    assert statuses(draft("disclose", planned_issue_date=DUE))["issue_date"] is CheckStatus.PASS


def test_a_late_issue_warns_with_working_days_counted_across_national_day():
    # After 9/29: 9/30, then 国庆 10/1–10/7 off, 10/8, 10/9, 10/10 (调休 Saturday), 10/12 → 5 working days.
    result = run_checks(draft("disclose", planned_issue_date=date(2026, 10, 12))).result("issue_date")
    assert result.status is CheckStatus.WARN
    assert result.message == "计划签发日期 2026-10-12 晚于答复期限 2026-09-29，逾期 5 个工作日"


def test_a_late_issue_beyond_the_loaded_calendar_still_warns_without_a_count():
    late = draft("disclose", due_date=date(2029, 12, 20), planned_issue_date=date(2030, 1, 10))
    result = run_checks(late).result("issue_date")
    assert result.status is CheckStatus.WARN and "逾期工作日数无法计算" in result.message


def test_a_third_party_refusal_without_consultation_fails_and_a_stated_reason_only_warns():
    unconsulted = draft("withhold_third_party", consultation_on_record=False)
    assert statuses(unconsulted)["consultation"] is CheckStatus.FAIL
    fields = {"third_party_interest": "个人隐私", "no_consultation_reason": "第三方已在申请前书面表示不同意公开"}
    reason = draft("withhold_third_party", fields=fields, consultation_on_record=False)
    assert statuses(reason)["consultation"] is CheckStatus.WARN


def test_a_partial_disclosure_on_third_party_grounds_also_needs_the_consultation():
    assert statuses(draft("partial", consultation_on_record=False))["consultation"] is CheckStatus.FAIL
    assert statuses(draft("partial", consultation_on_record=True))["consultation"] is CheckStatus.PASS


def test_the_reviewer_may_not_be_the_drafter():
    checklist = run_checks(draft("disclose", reviewer_id=1))
    assert checklist.result("reviewer").status is CheckStatus.FAIL
    assert approval_refusal(checklist, set()) == "审核检查未通过，不能批准：审核人与起草人为同一人，须由其他法制审核人员审核"


def test_the_reviewer_may_not_be_anyone_who_edited_or_submitted_the_draft():
    checklist = run_checks(draft("disclose", reviewer_id=3, editor_ids=(1, 3)))
    assert checklist.result("reviewer").message == "审核人修改或提交过本答复，须由其他法制审核人员审核"
    assert checklist.blocking
    assert run_checks(draft("disclose", editor_ids=(1, 3))).result("reviewer").status is CheckStatus.PASS


def test_approval_is_refused_while_a_check_fails_even_with_warnings_acknowledged():
    checklist = run_checks(draft("not_exist", fields={}, planned_issue_date=date(2026, 10, 12)))
    assert checklist.blocking
    assert approval_refusal(checklist, {"issue_date"}).startswith("审核检查未通过")


def test_warnings_need_an_explicit_acknowledgement_before_approval():
    checklist = run_checks(draft("disclose", planned_issue_date=date(2026, 10, 12)))
    assert not checklist.blocking and [w.code for w in checklist.warnings] == ["issue_date"]
    assert "逾期 5 个工作日" in approval_refusal(checklist, set())
    assert approval_refusal(checklist, {"issue_date"}) is None


def test_outcomes_without_a_remedy_variant_have_no_remedy_check():
    assert "remedy" not in statuses(draft("other"))
