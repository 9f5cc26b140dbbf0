"""The side effects of each trigger, declared beside the transition table (STYLE.md 17): which documents it
issues (DOMAIN.md §6).

The engine issues exactly these, in the trigger's transaction, after its mutator and the deadline recompute
and before its history row is written (the row records each document's hashes):
:func:`workflow.services.issuing.issue_documents`. ``when`` names a condition there; without one the document
is always issued. A trigger not listed issues nothing.
"""
from __future__ import annotations

from dataclasses import dataclass

from workflow.models.documents import DocumentKind

K = DocumentKind


@dataclass(frozen=True)
class Issues:
    """One kind of document a trigger issues (one per addressee: each consultee gets its own letter)."""

    kind: DocumentKind
    when: str = ""  # a condition of workflow.services.issuing.CONDITIONS; "" = always


ISSUED_DOCUMENTS: dict[str, tuple[Issues, ...]] = {
    # 条例第三十一条: the 受理回执 states the receipt date, known at once only for 当面 and 邮寄签收
    "register": (Issues(K.RECEIPT, when="receipt_date_known"),),
    "confirm_receipt": (Issues(K.RECEIPT),),  # 平常信函、网络、传真: the day both sides confirm
    "request_correction": (Issues(K.CORRECTION_NOTICE),),  # 条例第三十条
    "start_consultation": (Issues(K.CONSULTATION_LETTER),),  # 条例第三十二条、第三十四条: one per consultee
    "extend_deadline": (Issues(K.EXTENSION_NOTICE),),  # 条例第三十三条第二款: 告知申请人
    "set_delayed_period": (Issues(K.DELAYED_PERIOD_NOTICE),),  # 条例第三十五条: 确定延迟答复的合理期限并告知申请人
    "request_fee": (Issues(K.FEE_NOTICE),),  # 条例第四十二条, 国办函〔2020〕109号
    # 条例第三十二条: disclosing over a third party's objection → the content and reasons go to it in writing
    # before the disclosure: on approval, one notice per objecting third party; the reply is issued later
    "approve_reply": (Issues(K.DISCLOSURE_NOTICE, when="disclosed_over_objection"),),
    "issue_reply": (Issues(K.REPLY),),  # numbered by issue_reply itself (〔代字〕依申请公开〔年〕第N号)
    "lapse_correction": (Issues(K.LAPSE_NOTICE),),  # 条例第三十条: 不再处理
    "lapse_fee": (Issues(K.LAPSE_NOTICE),),  # 条例第四十二条, 109号: 不再处理
}


def documents_issued_by(trigger: str) -> tuple[Issues, ...]:
    """What ``trigger`` issues (empty for a trigger that issues nothing)."""
    return ISSUED_DOCUMENTS.get(trigger, ())


def triggers_issuing(kind: DocumentKind) -> tuple[str, ...]:
    """The triggers that issue documents of ``kind``, in declaration order."""
    return tuple(trigger for trigger, issues in ISSUED_DOCUMENTS.items()
                 if any(issues_one.kind is kind for issues_one in issues))
