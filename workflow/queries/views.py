"""The frozen read models of one case (``case_detail``): plain data, usable as API response shapes."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, ClassVar, Optional

from workflow.queries.proposals import ProposalView


@dataclass(frozen=True)
class Applicant:
    """条例第二十九条(一): who asks, and how to reach them."""

    type: str
    type_label: str
    name: str
    id_document_type: Optional[str]
    id_document_number: Optional[str]
    phone: Optional[str]
    address: Optional[str]
    email: Optional[str]


@dataclass(frozen=True)
class RequestView:
    """条例第二十九条(二)(三) and how the application arrived (条例第三十一条)."""

    description: str
    form_requested: Optional[str]
    missing_items: tuple[str, ...]
    channel: str
    channel_label: str
    received_on: date
    confirmed_on: Optional[date]


@dataclass(frozen=True)
class DeadlineView:
    """The reply deadline computed for ``today`` from the clock events (``rules.clock.compute_deadline``)."""

    status: str
    t0: Optional[date]
    limit_days: int
    due_date: Optional[date]
    early_warning_date: Optional[date]
    used: int
    left: int
    paused: bool
    provisional: bool
    late: bool
    answered_on: Optional[date]
    level: str
    level_label: str
    explanation: tuple[str, ...]  # "how was this computed", Chinese sentences with their articles


@dataclass(frozen=True)
class DocumentRef:
    """An issued document, without its bytes (download them with ``export_document``)."""

    id: int
    kind: str
    kind_label: str
    number: Optional[str]
    title: str
    addressee: str
    issued_on: date
    sha256: str
    html_sha256: str
    history_id: int


@dataclass(frozen=True)
class TimelineEntry:
    """One history row: who did what, on which legal date, when it was recorded, and what it issued."""

    history_id: int
    trigger: str
    label: str
    from_state: Optional[str]
    to_state: str
    to_label: str
    actor_id: Optional[int]
    actor_name: str  # 「系统」 for the system actor and for jobs without an actor
    legal_date: date
    recorded_at: datetime
    payload: dict[str, Any]
    due_before: Optional[date]
    due_after: Optional[date]
    documents: tuple[DocumentRef, ...]
    entry_kind: ClassVar[str] = "history"


@dataclass(frozen=True)
class AlertEntry:
    """An escalation alert of the case in its timeline (once per alert, whoever was told)."""

    alert_id: int
    kind: str
    kind_label: str
    subject: Optional[str]
    level: str
    level_label: str
    due_on: Optional[date]
    working_days_left: Optional[int]
    message: str
    legal_date: date
    recorded_at: datetime
    proposal: Optional[str]
    entry_kind: ClassVar[str] = "alert"


@dataclass(frozen=True)
class CommentView:
    """A reviewer's comment (退回修改 or 审核通过) on a reply of the case."""

    clock_round: int
    author_id: int
    author_name: str
    on: date
    text: str
    trigger: str


@dataclass(frozen=True)
class ConsultationView:
    id: int
    kind: str
    consultee_name: str
    consultee_contact: Optional[str]
    sent_on: date
    received_on: Optional[date]
    due_on: date
    opinion: Optional[str]
    opinion_received_on: Optional[date]
    reason: Optional[str]
    ended: bool


@dataclass(frozen=True)
class CorrectionView:
    id: int
    items: tuple[str, ...]
    sent_on: date
    due_on: date
    received_on: Optional[date]


@dataclass(frozen=True)
class FeeNoticeView:
    id: int
    method: str
    quantity: int
    amount: Decimal
    sent_on: date
    due_on: date
    paid_on: Optional[date]
    lapsed: bool


@dataclass(frozen=True)
class ReplyView:
    """The reply of the current clock round."""

    id: int
    clock_round: int
    category: Optional[str]
    category_label: Optional[str]
    fields: dict[str, Any]
    content: str
    drafter_id: int
    reviewer_id: Optional[int]
    planned_issue_on: Optional[date]
    issued_on: Optional[date]
    delivery_method: Optional[str]
    delivery_proof: Optional[str]
    document_number: Optional[str]


@dataclass(frozen=True)
class RemedyView:
    id: int
    kind: str
    filed_on: date
    result: str
    closed_on: Optional[date]


@dataclass(frozen=True)
class TriggerView:
    """An action the reader may attempt now (its guards run when it is attempted)."""

    trigger: str
    label: str


@dataclass(frozen=True)
class CaseDetail:
    """Everything the case page shows."""

    id: int
    version: int
    agency_id: int
    agency_name: str
    tracking_number: str
    stage: str
    stage_label: str
    sub_step: str
    sub_step_label: str
    clock_status: str
    clock_round: int
    outcome: Optional[str]
    outcome_label: Optional[str]
    closed_on: Optional[date]
    handler_id: Optional[int]
    handler_name: Optional[str]
    applicant: Applicant
    request: RequestView
    due_date: Optional[date]  # as stored at the last action
    due_provisional: bool
    deadline: Optional[DeadlineView]  # computed for today; None when it cannot be (see deadline_problem)
    deadline_problem: Optional[str]
    timeline: tuple[TimelineEntry, ...]
    documents: tuple[DocumentRef, ...]
    comments: tuple[CommentView, ...]
    consultations: tuple[ConsultationView, ...]
    corrections: tuple[CorrectionView, ...]
    fee_notices: tuple[FeeNoticeView, ...]
    remedies: tuple[RemedyView, ...]
    current_reply: Optional[ReplyView]
    available_triggers: tuple[TriggerView, ...]
    alerts: tuple[AlertEntry, ...] = ()  # the escalation job's alerts of the case, oldest first
    proposals: tuple[ProposalView, ...] = ()  # pending proposals (workflow.queries.proposals)

    def entries(self) -> list[TimelineEntry | AlertEntry]:
        """History rows and alerts together, newest first (by the moment each was recorded)."""
        return sorted((*self.timeline, *self.alerts), key=_recorded, reverse=True)


def _recorded(entry: TimelineEntry | AlertEntry) -> tuple[datetime, int, int]:
    moment = entry.recorded_at if entry.recorded_at.tzinfo else entry.recorded_at.replace(tzinfo=timezone.utc)
    if isinstance(entry, AlertEntry):
        return moment, 1, entry.alert_id
    return moment, 0, entry.history_id
