"""The core sentence of a reply per category (STATUTE.md §7.3 skeletons, filled from the category's fields).

Templates are plain ``str.format`` strings over the category's field names. A field left empty prints as
「〔label〕」 so that an incomplete draft shows what is missing. The search record's date and staff, and the
定密 evidence reference, are internal evidence and are not printed. The wording is a synthesis, UNVERIFIED as
"official template" text (STATUTE §7.1).
"""
from __future__ import annotations

from typing import Any, Mapping

from rules.replies.catalog import get_category, names_prohibiting_law
from workflow.documents.model import chinese_date_or_text

CONTENT_TEMPLATES: dict[str, str] = {
    # 条例第三十六条第（一）项
    "already_public": "您申请获取的政府信息已于{publication_date}主动公开，您可通过{publication_channel}获取。",
    # 条例第三十六条第（二）项、第四十条
    "disclose": "经审查，您申请获取的政府信息属于公开范围，现以{form}形式提供给您：{documents}。提供方式：{delivery}。",
    # 条例第三十七条
    "partial": "经审查，您申请获取的政府信息中，{disclosed_part}可以公开，现提供给您；{withheld_part}属于不予公开的"
               "“{ground_label}”情形（{exemption_reason}）{prohibiting_law}，不予公开。",
    # 条例第十四条
    "withhold_secret": "经审查，{reasons}，不予公开。",
    "withhold_law": "经审查，根据《{law_name}》{law_article}的规定，您申请获取的政府信息属于法律、行政法规禁止公开的"
                    "政府信息，不予公开。",
    "withhold_security": "经审查，{reasons}，不予公开。",
    # 条例第十五条、第三十二条
    "withhold_third_party": "经审查，您申请获取的政府信息涉及{third_party_interest}，公开会损害第三方合法权益。"
                            "{consultation}本机关决定不予公开。",
    # 条例第十六条
    "withhold_internal": "经审查，您申请获取的政府信息属于本机关{internal_kind}方面的内部事务信息，不予公开。",
    "withhold_process": "经审查，您申请获取的政府信息属于本机关在履行行政管理职能过程中形成的{process_kind}等过程性信息，"
                        "不予公开。",
    "withhold_case_file": "经审查，您申请获取的政府信息属于行政执法案卷信息（{reasons}），不予公开。",
    # 条例第三十六条第（七）项
    "special_query": "经审查，您申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的情形，请依照《{special_law}》"
                     "等规定向{apply_where}申请查询。",
    # 条例第三十六条第（四）项 (search record: 指导案例101号)
    "not_exist": "本机关以“{search_keywords}”为关键词在{search_systems}中进行了检索，并经{search_departments}核查，"
                 "本机关未制作或获取该政府信息，该政府信息不存在。",
    # 条例第三十六条第（五）项
    "not_ours": "经审查，您申请获取的政府信息不属于本机关负责公开，理由是：{reasons}。负责公开该政府信息的行政机关为"
                "{responsible_agency}，联系方式：{responsible_contact}。",
    "needs_creation": "经审查，您申请的内容需要本机关对现有政府信息进行加工、分析（{reasons}），本机关不予提供。",  # 第三十八条
    "unclear_after_correction": "经补正，您的申请内容仍不明确（{correction_history}），本机关无法确定您所需的政府信息。",  # 第三十条
    "petition": "经审查，您的申请属于信访、投诉、举报等事项，不作为政府信息公开申请处理，您可以通过{proper_channel}提出。",
    "duplicate": "本机关已于{earlier_reply_date}就相同政府信息作出答复（{earlier_reply_number}），对本次重复申请不予重复处理。",
    "publication": "您申请获取的是公开出版物，您可以通过{obtain_where}获取。",  # 第三十九条第二款
    "excessive": "本机关已要求您说明理由（{reasons_request}）。经审查，{finding}，本机关认为申请理由不合理，决定不予处理。",
    "confirm_existing": "经审查，{reasons}。您的申请系要求本机关确认或重新出具已获取的信息，本机关不予处理。",
    # 条例第三十条
    "lapsed_correction": "本机关已于{correction_notice_date}向您发出补正告知书，您未在补正期限（{correction_deadline}）内补正，"
                         "且无正当理由，视为放弃申请，本机关不再处理该政府信息公开申请。",
    # 条例第四十二条、国办函〔2020〕109号
    "lapsed_fee": "本机关已于{fee_notice_date}向您发出收费通知书，您未在规定期限（{payment_deadline}）内缴纳信息处理费，"
                  "本机关不再处理该政府信息公开申请。",
    "other": "{reason}。",
}
_GROUND_LABELS = {  # 部分公开: the withheld part's ground, from the refusal categories' labels
    code: get_category(code).label.split("·")[-1]
    for code in ("withhold_secret", "withhold_law", "withhold_security", "withhold_third_party",
                 "withhold_internal", "withhold_process", "withhold_case_file")
}
_DATE_FIELDS = {"publication_date", "earlier_reply_date", "correction_notice_date", "correction_deadline",
                "fee_notice_date", "payment_deadline"}


class _Filled(dict):
    """Field values for ``str.format_map``; a missing one prints as 「〔label〕」."""

    def __init__(self, code: str, fields: Mapping[str, Any]):
        category = get_category(code)
        super().__init__({k: str(v).strip() for k, v in fields.items() if v is not None and str(v).strip()})
        self.labels = {f.name: f.label for f in category.fields} | {"ground_label": "不予公开的理由类别"}
        for name in _DATE_FIELDS & set(self):
            self[name] = chinese_date_or_text(self[name])

    def __missing__(self, key: str) -> str:
        return f"〔{self.labels.get(key, key)}〕"


def content_sentence(code: str, fields: Mapping[str, Any]) -> str:
    """The category's core sentence, filled from ``fields``; raises UnknownCategory for ``code``."""
    values = _Filled(code, fields)
    for name in {"law_name", "special_law"} & set(values):
        values[name] = values[name].strip("《》")
    if code == "partial":
        if values.get("exemption_ground") in _GROUND_LABELS:
            values["ground_label"] = _GROUND_LABELS[values["exemption_ground"]]
        values["prohibiting_law"] = ""
        if names_prohibiting_law(code, values):  # 条例第十四条: name the law that prohibits it
            values["prohibiting_law"] = "，根据《{law_name}》{law_article}的规定禁止公开".format_map(values)
    if code == "withhold_third_party":
        values["consultation"] = _consultation_sentence(values)
    return CONTENT_TEMPLATES[code].format_map(values)


def _consultation_sentence(values: Mapping[str, str]) -> str:
    if "consultation_record" in values:  # 条例第三十二条: written consultation
        return f"本机关已书面征求第三方意见（{values['consultation_record']}）。"
    return f"{values['no_consultation_reason']}。" if "no_consultation_reason" in values else ""
