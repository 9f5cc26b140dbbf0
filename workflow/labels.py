"""Chinese labels of the choice values the commands accept (shown in forms and read models), declared once."""
from __future__ import annotations

from workflow.models.enums import ConsultationKind, Opinion, RemedyKind, RemedyResult

CHOICE_LABELS: dict[str, dict[str, str]] = {
    "ConsultationKind": {ConsultationKind.THIRD_PARTY.value: "第三方（条例第三十二条）",
                         ConsultationKind.CO_PRODUCER.value: "共同制作机关（条例第三十四条）"},
    "Opinion": {Opinion.AGREE.value: "同意公开", Opinion.DISAGREE.value: "不同意公开",
                Opinion.NONE.value: "未表明意见"},
    "RemedyKind": {RemedyKind.RECONSIDERATION.value: "行政复议", RemedyKind.DIRECT_SUIT.value: "直接提起行政诉讼",
                   RemedyKind.SUIT_AFTER_RECONSIDERATION.value: "复议后提起行政诉讼"},
    "RemedyResult": {RemedyResult.MAINTAINED.value: "维持", RemedyResult.CORRECTED.value: "纠错",
                     RemedyResult.OTHER.value: "其他", RemedyResult.PENDING.value: "尚未审结"},
    "FeeMethod": {"per_item": "按件计收", "per_page": "按量计收"},
}


def choice_label(value: str) -> str:
    """The Chinese label of a choice value (the value itself when none is declared)."""
    from rules.replies.catalog import all_categories
    from workflow.commands import ART29_ITEMS
    from workflow.models.enums import APPLICANT_TYPE_LABELS, CHANNEL_LABELS

    for labels in CHOICE_LABELS.values():
        if value in labels:
            return labels[value]
    for enum_labels in (CHANNEL_LABELS, APPLICANT_TYPE_LABELS):
        for member, label in enum_labels.items():
            if member.value == value:
                return label
    categories = {c.code: c.label for c in all_categories()}
    return categories.get(value) or ART29_ITEMS.get(value) or value


