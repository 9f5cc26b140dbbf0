"""Who hears 行政复议 against an agency's reply, and the remedy clause of the reply (STATUTE.md §4.3, §4.5).

Variant A (all replies except refusals under 条例14/15/16): 复议 within 六十日 (行政复议法第二十条) or suit within
六个月 (行政诉讼法第四十六条). Variant B (refusals, and the withheld part of a 部分公开): 复议前置 — 行政复议法
第二十三条第一款第（四）项 and 第二款 oblige the agency to tell the applicant to apply for 复议 first; suit within
十五日 of the 复议决定 (行政诉讼法第四十五条).
"""
from __future__ import annotations

from rules.agencies import AgencyInfo, AgencyKind
from rules.replies.catalog import get_category
from rules.replies.errors import RemedyConfigError

DEFAULT_COURT = "有管辖权的人民法院"

# Which AgencyInfo attributes name the 复议机关, per kind, with the article that says so.
_BODIES: dict[AgencyKind, tuple[tuple[str, ...], str]] = {
    AgencyKind.DEPARTMENT: (("government",), "行政复议法第二十四条第一款第（一）项"),  # 本级人民政府
    AgencyKind.VERTICAL: (("superior_department",), "行政复议法第二十七条"),  # 上一级主管部门
    AgencyKind.PEOPLES_GOVERNMENT: (("government",), "行政复议法第二十四条第一款第（二）项"),  # 上一级人民政府
    AgencyKind.JUSTICE_ADMINISTRATION: (("government", "superior_department"), "行政复议法第二十八条"),  # either
    AgencyKind.DISPATCHED_ORGAN: (("government",), "行政复议法第二十四条第一款第（三）项"),  # 设立它的人民政府
    AgencyKind.PROVINCIAL_GOVERNMENT: (("name",), "行政复议法第二十四条第二款"),  # itself
    AgencyKind.STATE_COUNCIL_DEPARTMENT: (("name",), "行政复议法第二十五条第（一）项"),  # itself
}
_ATTRIBUTE_LABELS = {
    "government": {AgencyKind.PEOPLES_GOVERNMENT: "上一级人民政府", AgencyKind.DISPATCHED_ORGAN: "设立该派出机关的人民政府"},
    "superior_department": {AgencyKind.JUSTICE_ADMINISTRATION: "上一级司法行政部门"},
}
_DEFAULT_LABELS = {"government": "本级人民政府", "superior_department": "上一级主管部门", "name": "机关名称"}


def reconsideration_bodies(agency: AgencyInfo) -> tuple[str, ...]:
    """The 复议机关 for replies of ``agency`` (two for a 司法行政部门, which the applicant may choose between).

    Raises RemedyConfigError naming the agency, the missing name and the article when AgencyInfo lacks it.
    """
    attributes, article = _BODIES[agency.kind]
    bodies = []
    for attribute in attributes:
        value = (getattr(agency, attribute) or "").strip()
        if not value:
            label = _ATTRIBUTE_LABELS.get(attribute, {}).get(agency.kind, _DEFAULT_LABELS[attribute])
            raise RemedyConfigError(
                f"机关「{agency.name}」（{agency.kind.label}）未登记{label}的名称，无法确定行政复议机关（{article}）；"
                "请管理员在机关信息中补充。")
        bodies.append(value)
    return tuple(bodies)


def bodies_text(agency: AgencyInfo) -> str:
    """「某区人民政府」 or 「某区人民政府或者某市司法局」 (行政复议法第二十八条 lets the applicant choose)."""
    return "或者".join(reconsideration_bodies(agency))


# 行政复议法第二十六条: after the 复议决定 of a 省级人民政府 (第二十四条第二款) or a 国务院部门 (第二十五条第（一）项) on
# its own act, the applicant may sue or apply to the 国务院 for a final 裁决. (Text of 第二十六条 not quoted in
# STATUTE.md; its table §4.3 cites it for these two kinds.)
STATE_COUNCIL_RULING_KINDS = frozenset({AgencyKind.PROVINCIAL_GOVERNMENT,
                                        AgencyKind.STATE_COUNCIL_DEPARTMENT})
STATE_COUNCIL_RULING = "也可以根据《中华人民共和国行政复议法》第二十六条的规定向国务院申请裁决，国务院依法作出最终裁决"


def variant_a(agency: AgencyInfo, subject: str = "本答复", document: str = "本答复书") -> str:
    """Variant A: 复议 within 六十日 (复议法20) or suit within 六个月 (行诉法46) of receiving ``document``;
    for a 省级人民政府 or 国务院部门 also the 国务院裁决 after its 复议决定 (复议法26)."""
    court = (agency.court or "").strip() or DEFAULT_COURT
    clause = (f"如对{subject}不服，可以自收到{document}之日起六十日内向{bodies_text(agency)}申请行政复议，"
              f"也可以自收到{document}之日起六个月内向{court}提起行政诉讼。")
    if agency.kind in STATE_COUNCIL_RULING_KINDS:
        clause += f"对行政复议决定不服的，可以依法向人民法院提起行政诉讼，{STATE_COUNCIL_RULING}。"
    return clause


def variant_b(agency: AgencyInfo, document: str = "本答复书") -> str:
    """Variant B: 复议前置 (复议法23①(四), 23②), then suit within 十五日 of the 复议决定 (行诉法45); for a
    省级人民政府 or 国务院部门 also the 国务院裁决 (复议法26)."""
    ruling = f"，{STATE_COUNCIL_RULING}" if agency.kind in STATE_COUNCIL_RULING_KINDS else ""
    return (f"如对本答复中不予公开的决定不服，根据《中华人民共和国行政复议法》第二十三条的规定，应当先自收到{document}之日起"
            f"六十日内向{bodies_text(agency)}申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内"
            f"依法向人民法院提起行政诉讼{ruling}。")


def remedy_clause(category_code: str, agency: AgencyInfo, document: str = "本答复书") -> str:
    """The 救济途径 sentence(s) for a letter of ``category_code`` by ``agency``: variant A, B, or A for the
    disclosed part followed by B for the withheld part (部分公开); "" for a category without remedy.
    ``document`` names the letter the periods run from (「本告知书」 for a 不再处理告知书).

    Raises UnknownCategory, RemedyConfigError."""
    variant = get_category(category_code).remedy
    subject = document.removesuffix("书")  # 本答复 / 本告知
    if variant == "A":
        return variant_a(agency, subject, document)
    if variant == "B":
        return variant_b(agency, document)
    if variant == "A+B":
        return variant_a(agency, f"{subject}中予以公开的部分", document) + variant_b(agency, document)
    return ""
