"""The individual legal-review checks (DOMAIN.md §5). Each takes a ReviewInput and returns a CheckResult, or
None when it does not apply to the draft's category."""
from __future__ import annotations

import re

from rules.calendar import CalendarYearMissing
from rules.replies.articles import ArticleRef
from rules.replies.catalog import (all_categories, cited_refs, discloses_third_party_information,
                                   expected_refs, get_category, invalid_fields, law_titles, missing_fields,
                                   names_prohibiting_law)
from rules.replies.errors import RemedyConfigError
from rules.replies.remedies import STATE_COUNCIL_RULING_KINDS, reconsideration_bodies
from rules.replies.review_model import CheckResult, CheckStatus, ReviewInput

PASS, FAIL, WARN = CheckStatus.PASS, CheckStatus.FAIL, CheckStatus.WARN
_SIXTY_DAYS = re.compile(r"六十日|60日")
_SIX_MONTHS = re.compile(r"六个月|6个月")
_FIFTEEN_DAYS = re.compile(r"十五日|15日")
_REVIEW_FIRST = re.compile(r"第二十三条.*应当先|应当先.*申请行政复议")
_STATE_COUNCIL_RULING = re.compile(r"第二十六条.*国务院申请裁决")


def _ref_text(ref: ArticleRef) -> str:
    return law_titles().get(ref.law, f"《{ref.law}》") + ref.text()


def check_articles(data: ReviewInput) -> CheckResult:
    """Category ↔ cited articles (条例第三十六条: each reply type has its basis; 条例14–16 for refusals)."""
    code, category = "articles", get_category(data.category_code)
    expected = expected_refs(data.category_code, data.fields)
    if not expected:
        cited = data.cited_articles or "（未引用）"
        return CheckResult(code, WARN, f"「{category.label}」没有经核实的条文依据，请人工确认所引条款：{cited}")
    cited = cited_refs(data.cited_articles)
    missing = sorted(expected - cited)
    problems = [f"未引用{_ref_text(r)}" for r in missing]
    law_name = str(data.fields.get("law_name") or "").strip("《》 ")
    if names_prohibiting_law(data.category_code, data.fields) and (
            not law_name or law_name not in data.cited_articles):
        problems.append(f"未引用禁止公开的《{law_name}》" if law_name else "未写明禁止公开的法律或行政法规")
    if problems:
        return CheckResult(code, FAIL, f"「{category.label}」的法律依据不完整：" + "、".join(problems), "条例第三十六条")
    extra = sorted(r for r in cited - expected - set(category.optional_basis) if r.law == "tiaoli")
    if extra:
        return CheckResult(code, WARN, f"引用了「{category.label}」通常不引用的条款："
                           + "、".join(_ref_text(r) for r in extra) + "，请确认", "条例第三十六条")
    return CheckResult(code, PASS, f"引用条款与「{category.label}」相符", "条例第三十六条")


def check_remedy(data: ReviewInput) -> CheckResult | None:
    """Remedy clause: right variant, the agency's 复议机关, 六十日 / 六个月 / 复议前置 + 十五日 (STATUTE §4.5)."""
    code, category = "remedy", get_category(data.category_code)
    if category.remedy == "none":
        return None
    try:
        bodies = reconsideration_bodies(data.agency)
    except RemedyConfigError as exc:
        return CheckResult(code, FAIL, str(exc), "行政复议法第二十四条至第二十八条")
    text = data.remedy_text or ""
    problems = [f"未写明行政复议机关「{b}」" for b in bodies if b not in text]
    if not _SIXTY_DAYS.search(text):
        problems.append("未写明六十日的行政复议申请期限")
    problems += _variant_problems(category.remedy, text)
    if data.agency.kind in STATE_COUNCIL_RULING_KINDS and not _STATE_COUNCIL_RULING.search(text):
        problems.append(f"{data.agency.kind.label}的答复须告知可向国务院申请裁决（行政复议法第二十六条）")
    if problems:
        return CheckResult(code, FAIL, "救济途径告知有误：" + "；".join(problems), "行政复议法第二十条、第二十三条、第二十六条")
    return CheckResult(code, PASS, f"救济途径（{category.remedy}）告知完整，复议机关：{'或者'.join(bodies)}",
                       "行政复议法第二十条、第二十三条")


def _variant_problems(variant: str, text: str) -> list[str]:
    review_first = bool(_REVIEW_FIRST.search(text))
    problems = []
    if "A" in variant and not _SIX_MONTHS.search(text):
        problems.append("未写明六个月的起诉期限（行政诉讼法第四十六条）")
    if "B" in variant and not review_first:
        problems.append("不予公开的决定须告知先申请行政复议（行政复议法第二十三条第一款第（四）项、第二款）")
    if "B" in variant and not _FIFTEEN_DAYS.search(text):
        problems.append("未写明收到行政复议决定书之日起十五日内的起诉期限")
    if variant == "B" and _SIX_MONTHS.search(text):
        problems.append("不予公开的决定属于复议前置，不得告知可直接提起行政诉讼")
    if variant == "A" and review_first:
        problems.append("该答复不属于复议前置，不得要求先申请行政复议（法释〔2025〕8号第一条）")
    return problems


def check_fields(data: ReviewInput) -> CheckResult:
    """Every field the category requires is present, and choices are valid (DOMAIN §4)."""
    missing = missing_fields(data.category_code, data.fields)
    problems = [f"缺少：{'、'.join(missing)}"] if missing else []
    problems += invalid_fields(data.category_code, data.fields)
    if problems:
        return CheckResult("fields", FAIL, "必填事项不完整：" + "；".join(problems))
    return CheckResult("fields", PASS, "必填事项齐全")


def check_receipt_dates(data: ReviewInput) -> CheckResult:
    """The receipt date cited equals T0 (条例第三十一条), and the correction date when there was one (条例第三十条)."""
    problems = []
    if data.cited_receipt_date != data.first_received_on:
        problems.append(f"引用的收到申请日期{_day(data.cited_receipt_date)}与登记的收到日期{_day(data.first_received_on)}不一致")
    if data.correction_received is not None and data.cited_correction_date != data.correction_received:
        problems.append(f"引用的收到补正日期{_day(data.cited_correction_date)}与登记的{_day(data.correction_received)}不一致")
    if data.correction_received is None and data.cited_correction_date is not None:
        problems.append(f"未发生补正，却引用了补正日期{_day(data.cited_correction_date)}")
    if problems:
        return CheckResult("receipt_dates", FAIL, "；".join(problems), "条例第三十条、第三十一条")
    return CheckResult("receipt_dates", PASS, "引用的收到申请日期正确", "条例第三十条、第三十一条")


def _day(value) -> str:
    return f"（{value.isoformat()}）" if value else "（未引用）"


def check_issue_date(data: ReviewInput) -> CheckResult:
    """Planned issue date on or before the due date (条例第三十三条), else a warning counting working days late."""
    code, article = "issue_date", "条例第三十三条"
    if data.planned_issue_date <= data.due_date:
        return CheckResult(code, PASS, f"计划签发日期 {data.planned_issue_date} 在答复期限 {data.due_date} 之内", article)
    try:
        late = data.calendar.working_days_between(data.due_date, data.planned_issue_date)
        count = f"逾期 {late} 个工作日"
    except CalendarYearMissing:
        count = "逾期工作日数无法计算（缺少该年度的工作日历）"
    return CheckResult(code, WARN, f"计划签发日期 {data.planned_issue_date} 晚于答复期限 {data.due_date}，{count}",
                       article)


def check_consultation(data: ReviewInput) -> CheckResult | None:
    """A third-party refusal needs the 条例第三十二条 consultation on record (or a stated reason none was needed)."""
    ground = data.fields.get("exemption_ground") if data.category_code == "partial" else data.category_code
    if ground not in {c.code for c in _consulting_categories()}:
        return None
    code, article = "consultation", "条例第十五条、第三十二条"
    if data.consultation_on_record:
        return CheckResult(code, PASS, "已有书面征求第三方意见的记录", article)
    reason = str(data.fields.get("no_consultation_reason") or "").strip()
    if reason:
        return CheckResult(code, WARN, f"未书面征求第三方意见，理由为「{reason}」，请确认", article)
    return CheckResult(code, FAIL, "以保护第三方合法权益为由不予公开，但没有书面征求第三方意见的记录", article)


def check_third_party_notice(data: ReviewInput) -> CheckResult | None:
    """条例第三十二条: disclosing over a third party's objection needs the public-interest reasons, which the
    依申请公开告知书 to each objecting third party states (issued on approval, before the reply discloses)."""
    if not data.objecting_third_parties or not discloses_third_party_information(data.category_code,
                                                                                  data.fields):
        return None
    code, article, names = "third_party_notice", "条例第三十二条", "、".join(data.objecting_third_parties)
    if not str(data.fields.get("public_interest_reason") or "").strip():
        return CheckResult(code, FAIL, f"第三方{names}不同意公开，决定公开须填写「决定公开的理由（第三方不同意公开时）」"
                           "（不公开可能对公共利益造成重大影响的理由），以便书面告知第三方", article)
    return CheckResult(code, PASS, f"审核通过时将向{names}出具依申请公开告知书，书面告知决定公开的内容和理由", article)


def _consulting_categories():
    return [c for c in all_categories() if "needs_consultation" in c.flags]


def check_search_record(data: ReviewInput) -> CheckResult | None:
    """信息不存在 needs the search record (keywords, systems, departments, date, staff; 指导案例101号)."""
    category = get_category(data.category_code)
    if "needs_search_record" not in category.flags:
        return None
    search = [f for f in category.fields if f.name.startswith("search_")]
    missing = [f.label for f in search if not str(data.fields.get(f.name) or "").strip()]
    if missing:
        return CheckResult("search_record", FAIL, "信息不存在的答复缺少检索记录：" + "、".join(missing), "条例第三十六条第（四）项")
    return CheckResult("search_record", PASS, "检索记录完整", "条例第三十六条第（四）项")


_FLAG_NOTES = {
    "special_query": "行政查询事项（条例第三十六条第（七）项）是否适用复议前置尚无定论，请法制审核人员确认救济途径",
    "confirm_existing": "要求确认或重新出具已获取信息没有明确的条文依据，所引条例第二条、第三十八条系实务做法，"
                        "请法制审核人员确认",
}


def check_flagged(data: ReviewInput) -> CheckResult | None:
    """Categories the catalog flags for review need the reviewer's explicit look (STATUTE §4.2(a), §6.5)."""
    if "flag_for_review" not in get_category(data.category_code).flags:
        return None
    return CheckResult("flagged", WARN, _FLAG_NOTES.get(data.category_code, "该类别须法制审核人员特别确认"))


def check_reviewer(data: ReviewInput) -> CheckResult:
    """The reviewer neither drafted nor edited the draft (DOMAIN §1: never approves a draft they wrote)."""
    if data.reviewer_id is None:
        return CheckResult("reviewer", WARN, "尚未确定审核人")
    if data.reviewer_id == data.drafter_id:
        return CheckResult("reviewer", FAIL, "审核人与起草人为同一人，须由其他法制审核人员审核")
    if data.reviewer_id in data.editor_ids:
        return CheckResult("reviewer", FAIL, "审核人修改或提交过本答复，须由其他法制审核人员审核")
    return CheckResult("reviewer", PASS, "审核人与起草人不同")


CHECKS = (check_articles, check_remedy, check_fields, check_receipt_dates, check_issue_date,
          check_consultation, check_third_party_notice, check_search_record, check_flagged, check_reviewer)
