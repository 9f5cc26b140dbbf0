"""The staff inbox (DOMAIN §7, "Delivery"): a user's escalation alerts, the unread count in the header, and a
case's pending proposals.

Every query reads only the reader's own ``alert_recipient`` rows, joined to alerts of the reader's agency.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from typing import Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session, raiseload, selectinload

from workflow.errors import InvalidInput
from workflow.models import Alert, AlertRecipient, Application
from workflow.queries.common import Reader, SessionFactory, load_reader, not_found
from workflow.queries.due import DUE_KIND_LABELS
from workflow.queries.levels import LEVEL_LABELS, Level
from workflow.queries.proposals import ProposalView, pending_proposals
from workflow.transitions_table import trigger_label

MAX_PER_PAGE = 200
ALERT_LEVEL_LABELS = {Level.DUE_SOON.value: LEVEL_LABELS[Level.DUE_SOON],
                      Level.URGENT.value: LEVEL_LABELS[Level.URGENT],
                      Level.OVERDUE.value: LEVEL_LABELS[Level.OVERDUE], "info": "通知"}
ALERT_KIND_LABELS = {**{kind.value: label for kind, label in DUE_KIND_LABELS.items()},
                     "calendar_missing": "节假日安排缺失", "calendar_loaded": "节假日安排已导入"}
# the case's relations the pending-proposal rules read (workflow.queries.proposals)
PROPOSAL_OPTIONS = (selectinload(Application.consultations), selectinload(Application.corrections),
                    selectinload(Application.fee_notices), raiseload("*"))


class InboxLevel(str, enum.Enum):
    DUE_SOON = "due_soon"
    URGENT = "urgent"
    OVERDUE = "overdue"
    INFO = "info"


@dataclass(frozen=True)
class InboxRow:
    """One alert as its recipient sees it. ``proposal_pending``: the proposed trigger still waits for a
    person; ``proposal_allowed``: the reader may perform it (the case page's button)."""

    recipient_id: int
    alert_id: int
    case_id: Optional[int]  # None: a calendar alert
    case_version: Optional[int]
    tracking_number: Optional[str]
    kind: str
    kind_label: str
    subject: Optional[str]
    due_on: Optional[date]
    level: str
    level_label: str
    working_days_left: Optional[int]
    message: str
    legal_date: date
    created_at: datetime
    read_at: Optional[datetime]
    proposal: Optional[str]
    proposal_label: Optional[str]
    proposal_pending: bool
    proposal_allowed: bool


@dataclass(frozen=True)
class InboxPage:
    rows: tuple[InboxRow, ...]
    total: int  # matching rows, all pages
    unread: int  # the reader's unread rows, whatever the filters
    page: int
    per_page: int
    level: Optional[str]
    unread_only: bool

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def unread_count(session_factory: SessionFactory, user_id: int) -> int:
    """How many of ``user_id``'s inbox rows are unread: one COUNT on the index (user, read_at, alert)."""
    with session_factory() as session:
        return _unread(session, user_id)


def _unread(session: Session, user_id: int) -> int:
    r = AlertRecipient
    return session.scalar(select(func.count(r.id)).where(r.user_id == user_id, r.read_at.is_(None))) or 0


def inbox(session_factory: SessionFactory, *, actor_id: int, level: Optional[str] = None,
          unread_only: bool = False, page: int = 1, per_page: int = 50) -> InboxPage:
    """One page of ``actor_id``'s alerts, newest first, optionally only one level and only unread ones.

    Raises PermissionDenied (unknown, disabled or system user), InvalidInput (level, page, page size).
    """
    level = _checked(level, page, per_page)
    with session_factory() as session:
        reader = load_reader(session, actor_id)
        r, a = AlertRecipient, Alert
        conditions = [r.user_id == reader.id, a.agency_id == reader.agency_id]
        if level is not None:
            conditions.append(a.level == level)
        if unread_only:
            conditions.append(r.read_at.is_(None))
        total = session.scalar(select(func.count(r.id)).join(a, a.id == r.alert_id).where(*conditions)) or 0
        rows = session.execute(
            select(r.id.label("recipient_id"), r.read_at, a, Application.version, Application.tracking_number)
            .join(a, a.id == r.alert_id).outerjoin(Application, Application.id == a.application_id)
            .where(*conditions).order_by(r.alert_id.desc())  # newest first: ids grow as the job writes them
            .offset((page - 1) * per_page).limit(per_page).options(raiseload("*"))).all()
        proposals = _pending_by_alert(session, reader, [row.Alert for row in rows if row.Alert.proposal])
        return InboxPage(tuple(_row(row, proposals) for row in rows), total, _unread(session, reader.id),
                         page, per_page, level, unread_only)


def _checked(level: Optional[str], page: int, per_page: int) -> Optional[str]:
    if isinstance(page, bool) or not isinstance(page, int) or page < 1:
        raise InvalidInput("页码应为正整数", field="page", label="页码")
    if isinstance(per_page, bool) or not isinstance(per_page, int) or not 1 <= per_page <= MAX_PER_PAGE:
        raise InvalidInput(f"每页条数应为 1 至 {MAX_PER_PAGE}", field="per_page", label="每页条数")
    if level is None:
        return None
    try:
        return InboxLevel(level).value
    except ValueError as exc:
        raise InvalidInput(f"提醒级别「{str(level)[:20]}」无效", field="level", label="提醒级别") from exc


def _pending_by_alert(session: Session, reader: Reader, alerts: list[Alert]) -> dict[int, ProposalView]:
    """alert id → its pending proposal, for the alerts of the page that propose something."""
    case_ids = {alert.application_id for alert in alerts if alert.application_id is not None}
    if not case_ids:
        return {}
    cases = session.scalars(select(Application).where(Application.id.in_(case_ids),
                                                      Application.agency_id == reader.agency_id)
                            .options(*PROPOSAL_OPTIONS)).all()
    found = {}
    for case in cases:
        own = [alert for alert in alerts if alert.application_id == case.id]
        for proposal in pending_proposals(case, own, reader.roles):
            found.update(dict.fromkeys(proposal.alert_ids, proposal))
    return found


def _row(row, proposals: dict[int, ProposalView]) -> InboxRow:
    alert: Alert = row.Alert
    proposal = proposals.get(alert.id)
    return InboxRow(
        row.recipient_id, alert.id, alert.application_id, row.version, row.tracking_number, alert.kind,
        ALERT_KIND_LABELS.get(alert.kind, alert.kind), alert.subject, alert.due_on, alert.level,
        ALERT_LEVEL_LABELS.get(alert.level, alert.level), alert.working_days_left, alert.message,
        alert.legal_date, alert.created_at, row.read_at, alert.proposal,
        _trigger_label(alert.proposal), proposal is not None, proposal is not None and proposal.allowed)


def _trigger_label(trigger: Optional[str]) -> Optional[str]:
    if not trigger:
        return None
    try:
        return trigger_label(trigger)
    except KeyError:
        return trigger


def open_proposals(session_factory: SessionFactory, case_id: int, agency_id: int, *,
                   actor_id: Optional[int] = None) -> tuple[ProposalView, ...]:
    """The pending proposals of case ``case_id`` of agency ``agency_id``: one per trigger still open in the
    case's data and offered by the transition table from its state. With ``actor_id``, ``allowed`` says
    whether that user's roles may perform it (else: whether any role may).

    Raises NotFound (no such case in that agency), PermissionDenied (``actor_id`` unknown, disabled, system
    or of another agency).
    """
    with session_factory() as session:
        reader = load_reader(session, actor_id) if actor_id is not None else None
        if reader is not None and reader.agency_id != agency_id:
            raise not_found(case_id)
        case = session.scalars(select(Application).where(Application.id == case_id,
                                                         Application.agency_id == agency_id)
                               .options(*PROPOSAL_OPTIONS)).one_or_none()
        if case is None:
            raise not_found(case_id)
        return pending_proposals(case, case_alerts(session, case.id, agency_id, proposals_only=True),
                                 reader.roles if reader else None)


def case_alerts(session: Session, case_id: int, agency_id: int, *,
                proposals_only: bool = False) -> list[Alert]:
    """The alerts of one case (once each, whatever the recipients), oldest first. Used in a query's session
    only: the rows never leave it."""
    query = (select(Alert).where(Alert.application_id == case_id, Alert.agency_id == agency_id)
             .order_by(Alert.created_at, Alert.id).options(raiseload("*")))
    if proposals_only:
        query = query.where(Alert.proposal.is_not(None))
    return list(session.scalars(query))
