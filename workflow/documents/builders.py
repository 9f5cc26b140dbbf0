"""Builders: case data → the parts of each document (DOMAIN.md §6, STATUTE.md §7). Pure; no rendering here."""
from __future__ import annotations

from rules.replies.catalog import citation_text, get_category
from rules.replies.fees import FeeMethod
from rules.replies.remedies import remedy_clause, variant_a
from workflow.documents.inputs import (CaseFacts, ConsultationInput, CorrectionNoticeInput,
                                       DelayedPeriodNoticeInput, DisclosureNoticeInput, ExtensionNoticeInput,
                                       FeeNoticeInput, LapseNoticeInput, ReceiptInput, ReplyInput)
from workflow.documents.model import GeneratedDocument, Part, PartKind, chinese_date
from workflow.documents.reply_content import content_sentence

P = PartKind
SEAL_PLACEHOLDER = "（印章）"  # STATUTE §7.2 item 9: 落款 with the agency's seal or 政府信息公开专用章
# What an open pause means for the reply period, per kind of pause (the prefix of its clock-event ref).
PAUSE_SENTENCES = {
    # 条例第三十三条第三款 covers only consulting third parties and other agencies
    "consultation": "征求第三方和其他机关意见所需时间不计算在答复期限内（条例第三十三条第三款）",
    # 国办函〔2020〕109号: that fee time is not counted is UNVERIFIED (STATUTE §3), so no article is cited
    "fee": "自发出收费通知书至缴纳信息处理费的期间不计算在答复期限内",
}
PAUSE_LABELS = {"consultation": "征求意见", "fee": "缴纳信息处理费"}


def _letter(kind: str, title: str, number: str, addressee: str, body: list[str], case: CaseFacts,
            issued_on) -> GeneratedDocument:
    """Title, number (when given), 「addressee：」, body paragraphs, the 印章 placeholder, agency, date."""
    parts = [Part(P.TITLE, title)]
    if number:
        parts.append(Part(P.NUMBER, number))
    parts.append(Part(P.SALUTATION, f"{addressee}："))
    parts += [Part(P.PARAGRAPH, text) for text in body if text]
    parts += [Part(P.SEAL, SEAL_PLACEHOLDER), Part(P.SIGNATURE, case.agency.name),
              Part(P.DATE, chinese_date(issued_on))]
    return GeneratedDocument(kind, tuple(parts))


def receipt_sentence(case: CaseFacts) -> str:
    """「本机关于2026年9月1日收到您（通过网络）提交的政府信息公开申请，申请获取“……”的政府信息。」 (条例第三十一条)."""
    channel = f"（通过{case.channel}）" if case.channel else ""
    asked = f"，申请获取“{case.request_summary}”的政府信息" if case.request_summary else ""
    return f"本机关于{chinese_date(case.received_on)}收到您{channel}提交的政府信息公开申请{asked}。"


def received_sentences(case: CaseFacts) -> list[str]:
    """The receipt sentence, plus the correction sentence when a corrected application came in (条例第三十条)."""
    sentences = [receipt_sentence(case)]
    if case.correction_received_on:
        sentences.append(f"经补正，本机关于{chinese_date(case.correction_received_on)}收到补正后的申请。")
    return sentences


def history_sentences(case: CaseFacts) -> list[str]:
    """:func:`received_sentences` plus the extension sentence when the reply was extended (条例第三十三条第二款)."""
    sentences = received_sentences(case)
    if case.extension_notified_on:
        sentences.append(f"本机关已于{chinese_date(case.extension_notified_on)}告知延期答复。")
    return sentences


def build_receipt(data: ReceiptInput) -> GeneratedDocument:
    """受理回执: receipt date, tracking number and query code (and the due date when known)."""
    case = data.case
    body = [receipt_sentence(case) + "现予登记。",
            f"受理编号：{case.tracking_number}", f"查询码：{case.query_code}"]
    if data.query_url:
        body.append(f"您可凭受理编号和查询码在{data.query_url}查询办理进度。")
    if data.due_date:
        body.append(f"本机关将依照《中华人民共和国政府信息公开条例》第三十三条的规定，于{chinese_date(data.due_date)}前"
                    "予以答复；依法补正、征求意见、延期的，答复期限相应调整。")
    return _letter("receipt", f"{case.agency.name}政府信息公开申请受理回执", "", case.applicant_name, body, case,
                   data.issued_on)


def build_correction_notice(data: CorrectionNoticeInput) -> GeneratedDocument:
    """补正告知书 (条例第三十条): all items at once, a reasonable deadline, the restart and lapse consequences."""
    case = data.case
    items = [f"{i}. {item}" for i, item in enumerate(data.items, start=1)]
    body = [receipt_sentence(case),
            "经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，请您对以下事项作出补正：",
            *items,
            f"请于{chinese_date(data.deadline)}前将补正后的申请提交本机关。答复期限自本机关收到补正的申请之日起计算。"
            "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"]
    return _letter("correction_notice", f"{case.agency.name}政府信息公开申请补正告知书", data.number,
                   case.applicant_name, body, case, data.issued_on)


_CONSULTATION = {
    # 条例第三十二条: third party; silence → the agency decides under the 条例.
    "third_party": ("本机关收到的政府信息公开申请所涉政府信息，公开可能损害您的合法权益。根据《中华人民共和国政府信息公开条例》"
                    "第三十二条的规定，现书面征求您的意见。",
                    "请您自收到本征求意见书之日起15个工作日内提出是否同意公开的书面意见；不同意公开的，请说明理由。"
                    "逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。"),
    # 条例第三十四条: co-producing agency; silence = consent.
    "co_producer": ("本机关收到的政府信息公开申请所涉政府信息，系由本机关与贵机关共同制作。根据《中华人民共和国政府信息公开条例》"
                    "第三十四条的规定，现征求贵机关的意见。",
                    "请贵机关自收到本征求意见书之日起15个工作日内提出意见；逾期未提出意见的，视为同意公开。"),
}


def build_consultation_letter(data: ConsultationInput) -> GeneratedDocument:
    """征求意见书 to a third party (条例第三十二条) or a co-producing agency (条例第三十四条).
    Raises ValueError for another ``consultee_kind``. The applicant is not named (their privacy)."""
    if data.consultee_kind not in _CONSULTATION:
        raise ValueError(f"征求意见对象类型应为 third_party 或 co_producer：{data.consultee_kind}")
    opening, deadline = _CONSULTATION[data.consultee_kind]
    body = [opening, f"所涉政府信息：{data.information}", deadline,
            f"联系方式：{data.contact}" if data.contact else ""]
    return _letter("consultation_letter", f"{data.case.agency.name}政府信息公开征求意见书", data.number,
                   data.consultee_name, body, data.case, data.issued_on)


def build_extension_notice(data: ExtensionNoticeInput) -> GeneratedDocument:
    """延期答复告知书 (条例第三十三条第二款): the reason, ≤20 working days, approved by the 工作机构负责人;
    raises ValueError. While a pause is open no fixed date is promised."""
    if not 1 <= data.extension_days <= 20:
        raise ValueError(f"延长答复期限应为1至20个工作日（条例第三十三条第二款）：{data.extension_days}")
    case = data.case
    reason = data.reason.strip().rstrip("。；，")
    because = f"因{reason}，需要延长答复期限" if reason else "因需要延长答复期限"
    extended = (f"{because}，经本机关政府信息公开工作机构负责人同意，根据《中华人民共和国政府信息公开条例》"
                f"第三十三条第二款的规定，答复期限延长{data.extension_days}个工作日，")
    paused = [kind for kind in PAUSE_SENTENCES if kind in data.paused_for]
    if paused:  # the pause still runs, so the final date is not known yet
        labels = "、".join(PAUSE_LABELS[kind] for kind in paused)
        ending = ("；".join(PAUSE_SENTENCES[kind] for kind in paused)
                  + f"，本机关将在{labels}结束后，于剩余答复期限内作出答复。")
    else:
        ending = f"本机关将于{chinese_date(data.new_due_date)}前作出答复。"
    body = [*received_sentences(case), extended + ending]
    return _letter("extension_notice", f"{case.agency.name}政府信息公开申请延期答复告知书", data.number,
                   case.applicant_name, body, case, data.issued_on)


def build_delayed_period_notice(data: DelayedPeriodNoticeInput) -> GeneratedDocument:
    """延迟答复告知书 (条例第三十五条): the request is reasonable but cannot be answered within the 条例第三十三条
    period, so the agency sets a reasonable delayed period and tells the applicant, with the reason."""
    case = data.case
    reason = data.reason.strip().rstrip("。；，")
    body = [*received_sentences(case),
            "您申请公开政府信息的数量、频次明显超过合理范围。本机关经审查认为申请理由合理，但无法在《中华人民共和国政府信息公开条例》"
            f"第三十三条规定的期限内答复，理由是：{reason}。",
            "根据《中华人民共和国政府信息公开条例》第三十五条的规定，本机关确定延迟答复的合理期限，"
            f"将于{chinese_date(data.due_on)}前作出答复。"]
    return _letter("delayed_period_notice", f"{case.agency.name}政府信息公开申请延迟答复告知书", data.number,
                   case.applicant_name, body, case, data.issued_on)


def build_disclosure_notice(data: DisclosureNoticeInput) -> GeneratedDocument:
    """依申请公开告知书 to a third party that objected (条例第三十二条): the agency finds that not disclosing could
    have a 重大影响 on the public interest, and states the content to be disclosed and the reasons before it
    discloses. The applicant is not named (their privacy). Raises RemedyConfigError (no 复议机关)."""
    case = data.case
    body = ["本机关收到的政府信息公开申请所涉政府信息，公开可能损害您的合法权益。本机关已于"
            f"{chinese_date(data.consulted_on)}书面征求您的意见，您不同意公开。",
            f"经审查，本机关认为不公开可能对公共利益造成重大影响，理由是：{data.reasons.strip().rstrip('。')}。"
            "根据《中华人民共和国政府信息公开条例》第十五条、第三十二条的规定，本机关决定予以公开，现将决定公开的政府信息内容和理由"
            "书面告知您。",
            f"决定公开的政府信息：{data.information}",
            f"本机关拟于{chinese_date(data.disclosure_on)}向申请人提供上述政府信息。",
            variant_a(case.agency, "本机关决定公开上述政府信息", "本告知书")]
    return _letter("disclosure_notice", f"{case.agency.name}依申请公开告知书", data.number, data.third_party, body,
                   case, data.issued_on)


def _fee_lines(data: FeeNoticeInput) -> list[str]:
    unit = "件" if data.fee.method is FeeMethod.PER_ITEM else "页"
    return [f"第{low}至第{high}{unit}：每{unit}{rate}元，计{subtotal}元" if low != high
            else f"第{low}{unit}：每{unit}{rate}元，计{subtotal}元" for low, high, rate, subtotal in data.fee.lines]


def build_fee_notice(data: FeeNoticeInput) -> GeneratedDocument:
    """收费通知书 (条例第四十二条, 国办函〔2020〕109号): one method (按件 or 按量), the brackets, amount and window."""
    case, fee = data.case, data.fee
    deadline = f"（即{chinese_date(data.payment_deadline)}前）" if data.payment_deadline else ""
    unit = "件" if fee.method is FeeMethod.PER_ITEM else "页"
    body = [*received_sentences(case),
            "您申请公开政府信息的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第四十二条和"
            f"《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关对该申请{fee.method.label}"
            f"信息处理费，计费数量{fee.quantity}{unit}：",
            *_fee_lines(data),
            f"应缴纳信息处理费合计{fee.amount}元。",
            f"请自收到本通知书之日起{data.payment_window_working_days}个工作日内{deadline}通过{data.payment_method}缴纳。"
            "逾期未缴纳的，本机关不再处理该政府信息公开申请。"]
    return _letter("fee_notice", f"{case.agency.name}政府信息公开信息处理费收费通知书", data.number,
                   case.applicant_name, body, case, data.issued_on)


def build_reply(data: ReplyInput) -> GeneratedDocument:
    """答复书 of any reply category (STATUTE §7.2): history, content, legal basis, remedy clause.
    Raises UnknownCategory, ValueError for an outcome code, RemedyConfigError when the 复议机关 is unknown."""
    category = get_category(data.category_code)
    if category.is_outcome:
        raise ValueError(f"「{category.label}」是办理结果，请使用不再处理告知书")
    citation = citation_text(data.category_code, data.fields)
    # the statutory sentence always comes from the category's fields (条例第三十六条 etc.); the drafter's own
    # paragraphs follow it as further explanation, never replace it
    body = [*history_sentences(data.case), "经研究，现答复如下：",
            content_sentence(data.category_code, data.fields), *data.content,
            f"根据{citation}的规定，特此告知。" if citation else "",
            remedy_clause(data.category_code, data.case.agency)]
    return _letter("reply", f"{data.case.agency.name}政府信息公开申请答复书", data.number,
                   data.case.applicant_name, body, data.case, data.issued_on)


def build_lapse_notice(data: LapseNoticeInput) -> GeneratedDocument:
    """不再处理告知书 for 逾期不补正 (条例第三十条) or 逾期未缴费 (条例第四十二条); raises ValueError otherwise."""
    if data.outcome_code not in ("lapsed_correction", "lapsed_fee"):
        raise ValueError(f"不再处理告知书只用于逾期不补正或逾期未缴费：{data.outcome_code}")
    body = [receipt_sentence(data.case), content_sentence(data.outcome_code, data.fields),
            f"根据{citation_text(data.outcome_code)}的规定，特此告知。",
            remedy_clause(data.outcome_code, data.case.agency, document="本告知书")]
    return _letter("lapse_notice", f"{data.case.agency.name}政府信息公开申请不再处理告知书", data.number,
                   data.case.applicant_name, body, data.case, data.issued_on)
