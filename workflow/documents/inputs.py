"""Plain frozen inputs of the document builders (no database objects)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Mapping

from rules.agencies import AgencyInfo
from rules.replies.fees import DEFAULT_PAYMENT_WINDOW_WORKING_DAYS, Fee


@dataclass(frozen=True)
class CaseFacts:
    """What every document about one application may mention.

    received_on: 收到申请之日 (条例第三十一条); correction_received_on: 收到补正申请之日 (条例第三十条);
    extension_notified_on: the day the 延期答复告知书 went out (条例第三十三条第二款).
    channel: how it came in, printed as 「（通过网络）」 when given; request_summary: the information asked for.
    """

    agency: AgencyInfo
    doc_code: str
    applicant_name: str
    tracking_number: str
    query_code: str
    received_on: date
    request_summary: str = ""
    channel: str = ""
    correction_received_on: date | None = None
    extension_notified_on: date | None = None


@dataclass(frozen=True)
class ReceiptInput:
    """受理回执: tracking number and query code; due_date printed when known."""

    case: CaseFacts
    issued_on: date
    due_date: date | None = None
    query_url: str = ""


@dataclass(frozen=True)
class CorrectionNoticeInput:
    """补正告知书 (条例第三十条): every item to correct, once, and a reasonable deadline."""

    case: CaseFacts
    items: tuple[str, ...]
    deadline: date
    issued_on: date
    number: str = ""


@dataclass(frozen=True)
class ConsultationInput:
    """征求意见书: ``consultee_kind`` "third_party" (条例第三十二条) or "co_producer" (条例第三十四条)."""

    case: CaseFacts
    consultee_name: str
    consultee_kind: str
    information: str
    issued_on: date
    contact: str = ""
    number: str = ""


@dataclass(frozen=True)
class ExtensionNoticeInput:
    """延期答复告知书 (条例第三十三条第二款): extension of ``extension_days`` working days for ``reason``, new
    due date. ``paused_for``: the kinds of pause still open ("consultation", "fee"): no fixed date then."""

    case: CaseFacts
    extension_days: int
    new_due_date: date
    issued_on: date
    number: str = ""
    paused_for: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class DelayedPeriodNoticeInput:
    """延迟答复告知书 (条例第三十五条): the reasonable delayed period ``due_on`` and why it was set."""

    case: CaseFacts
    due_on: date
    reason: str
    issued_on: date
    number: str = ""


@dataclass(frozen=True)
class DisclosureNoticeInput:
    """依申请公开告知书 to a third party that objected (条例第三十二条): what will be disclosed, the public-interest
    reasons, the day of disclosure. The applicant is not named."""

    case: CaseFacts
    third_party: str
    consulted_on: date
    information: str
    reasons: str
    disclosure_on: date
    issued_on: date
    number: str = ""


@dataclass(frozen=True)
class FeeNoticeInput:
    """收费通知书: one computed ``Fee`` (按件 or 按量, never both). The payment window is UNVERIFIED
    (STATUTE §3) and comes from configuration; ``payment_deadline`` is printed when the caller computed it."""

    case: CaseFacts
    fee: Fee
    issued_on: date
    payment_method: str
    payment_window_working_days: int = DEFAULT_PAYMENT_WINDOW_WORKING_DAYS
    payment_deadline: date | None = None
    number: str = ""


@dataclass(frozen=True)
class ReplyInput:
    """答复书 of any category. ``content``: the drafter's own paragraphs; empty → the category's skeleton
    (STATUTE §7.3) filled from ``fields``."""

    case: CaseFacts
    category_code: str
    fields: Mapping[str, Any]
    number: str
    issued_on: date
    content: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class LapseNoticeInput:
    """不再处理告知书 for ``outcome_code`` "lapsed_correction" (条例第三十条) or "lapsed_fee" (条例第四十二条)."""

    case: CaseFacts
    outcome_code: str
    issued_on: date
    fields: Mapping[str, Any] = field(default_factory=dict)
    number: str = ""
