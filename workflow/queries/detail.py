"""``case_detail``: one case as the case page shows it, read with explicit eager loading (no lazy load)."""
from __future__ import annotations

from datetime import date
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, raiseload, selectinload

from rules.calendar import CalendarError
from rules.clock import ClockError, Deadline
from rules.replies.catalog import get_category
from rules.replies.errors import UnknownCategory
from workflow import deadlines
from workflow.errors import CalendarDataMissing
from workflow.models import (
    DOCUMENT_KIND_LABELS, Application, ClockStatus, DocumentKind, History, IssuedDocument, User,
)
from workflow.models.enums import (
    APPLICANT_TYPE_LABELS, CHANNEL_LABELS, STAGE_LABELS, SUB_STEP_LABELS, ApplicantType, Channel, Stage,
    SubStep,
)
from workflow.queries import views as v
from workflow.queries.common import SessionFactory, actor_name, agency_calendar, load_reader, not_found
from workflow.queries.inbox import ALERT_KIND_LABELS, ALERT_LEVEL_LABELS, case_alerts
from workflow.queries.levels import DUE_SOON_DAYS, URGENT_DAYS, Cutoffs, level_of
from workflow.queries.proposals import pending_proposals
from workflow.queries.triggers import state_key, triggers_for
from workflow.transitions_table import trigger_label

_CASE_OPTIONS = (
    joinedload(Application.agency), joinedload(Application.handler), selectinload(Application.clock_events),
    selectinload(Application.corrections), selectinload(Application.consultations),
    selectinload(Application.fee_notices), selectinload(Application.replies),
    selectinload(Application.remedies),
    raiseload("*"),
)


def case_detail(session_factory: SessionFactory, case_id: int, *, actor_id: int, today: date,
                due_soon_days: int = DUE_SOON_DAYS, urgent_days: int = URGENT_DAYS) -> v.CaseDetail:
    """The case ``case_id`` for the user ``actor_id``, its deadline computed for ``today`` (its level with the
    installation's 临期 / 紧急 thresholds).

    Raises PermissionDenied (unknown, disabled or system user), NotFound (no such case, or another agency's:
    the same answer, so that other agencies' ids cannot be discovered).
    """
    with session_factory() as session:
        reader = load_reader(session, actor_id)
        case = session.scalars(select(Application).where(Application.id == case_id,
                                                         Application.agency_id == reader.agency_id)
                               .options(*_CASE_OPTIONS)).one_or_none()
        if case is None:
            raise not_found(case_id)
        deadline, problem = _deadline(case, today, due_soon_days, urgent_days)
        documents = _documents(session, case.id)
        alerts = case_alerts(session, case.id, case.agency_id)
        return v.CaseDetail(
            id=case.id, version=case.version, agency_id=case.agency_id, agency_name=case.agency.name,
            tracking_number=case.tracking_number, stage=case.stage.value,
            stage_label=STAGE_LABELS[case.stage],
            sub_step=case.sub_step.value, sub_step_label=SUB_STEP_LABELS[case.sub_step],
            clock_status=ClockStatus(case.clock_status).value, clock_round=case.clock_round,
            outcome=case.outcome, outcome_label=_category_label(case.outcome), closed_on=case.closed_on,
            handler_id=case.handler_id, handler_name=case.handler.name if case.handler else None,
            applicant=_applicant(case), request=_request(case), due_date=case.due_date,
            due_provisional=case.due_provisional, deadline=deadline, deadline_problem=problem,
            timeline=_timeline(session, case.id, documents), documents=documents,
            comments=_comments(session, case), consultations=_consultations(case),
            corrections=tuple(v.CorrectionView(c.id, tuple(c.items or ()), c.sent_on, c.due_on, c.received_on)
                              for c in case.corrections),
            fee_notices=tuple(v.FeeNoticeView(f.id, f.method.value, f.quantity, f.amount, f.sent_on, f.due_on,
                                              f.paid_on, f.lapsed) for f in case.fee_notices),
            remedies=tuple(v.RemedyView(r.id, r.kind.value, r.filed_on, r.result.value, r.closed_on)
                           for r in case.remedies),
            current_reply=_reply(case),
            available_triggers=tuple(v.TriggerView(t, trigger_label(t)) for t in triggers_for(
                state_key(case.stage, case.sub_step), reader.roles)),
            alerts=tuple(_alert_entry(a) for a in alerts),
            proposals=pending_proposals(case, alerts, reader.roles))


def _category_label(code: Optional[str]) -> Optional[str]:
    if not code:
        return None
    try:
        return get_category(code).label
    except UnknownCategory:
        return code


def _applicant(case: Application) -> v.Applicant:
    kind = ApplicantType(case.applicant_type)
    return v.Applicant(kind.value, APPLICANT_TYPE_LABELS[kind], case.applicant_name, case.id_document_type,
                       case.id_document_number, case.contact_phone, case.contact_address, case.contact_email)


def _request(case: Application) -> v.RequestView:
    channel = Channel(case.channel)
    return v.RequestView(case.description, case.form_requested, tuple(case.missing_items or ()),
                         channel.value, CHANNEL_LABELS[channel], case.received_on, case.confirmed_on)


def _deadline(case: Application, today: date, due_soon_days: int,
              urgent_days: int) -> tuple[Optional[v.DeadlineView], Optional[str]]:
    """The live deadline (as the next action would compute it), or None and why it cannot be computed."""
    try:
        calendar = agency_calendar(case.agency.region_code)
        computed: Deadline = deadlines.deadline_of(case, calendar, today)
        cutoffs = Cutoffs.of(calendar, today, due_soon_days=due_soon_days, urgent_days=urgent_days)
    except CalendarDataMissing as exc:  # the page still shows the rest of the case
        return None, exc.message
    except (ClockError, CalendarError) as exc:
        return None, f"无法计算答复期限：{exc}"
    status = ClockStatus.CLOSED if case.stage is Stage.ARCHIVE else ClockStatus(computed.status)
    level = level_of(status, computed.due_date, cutoffs)
    return v.DeadlineView(
        computed.status, computed.t0, computed.limit_days, computed.due_date, computed.early_warning_date,
        computed.used, computed.left, computed.paused, computed.provisional, computed.late,
        computed.answered_on, level.value, level.label, computed.explanation), None


def _documents(session: Session, case_id: int) -> tuple[v.DocumentRef, ...]:
    """The case's issued documents, columns only (the .docx bytes stay in the database)."""
    d = IssuedDocument
    rows = session.execute(select(d.id, d.kind, d.number, d.title, d.addressee, d.issued_on, d.sha256,
                                  d.html_sha256, d.history_id)
                           .where(d.application_id == case_id).order_by(d.id))
    return tuple(v.DocumentRef(r.id, DocumentKind(r.kind).value, DOCUMENT_KIND_LABELS[DocumentKind(r.kind)],
                               r.number, r.title, r.addressee, r.issued_on, r.sha256, r.html_sha256,
                               r.history_id) for r in rows)


def _state_label(stage: Stage, sub_step: SubStep) -> str:
    return f"{STAGE_LABELS[Stage(stage)]}·{SUB_STEP_LABELS[SubStep(sub_step)]}"


def _timeline(session: Session, case_id: int,
              documents: tuple[v.DocumentRef, ...]) -> tuple[v.TimelineEntry, ...]:
    """History rows, oldest first, with the actor's name and the documents each row issued."""
    rows = session.execute(select(History, User.name, User.is_system)
                           .outerjoin(User, User.id == History.actor_id)
                           .where(History.application_id == case_id).order_by(History.id))
    entries = []
    for row, name, is_system in rows:
        entries.append(v.TimelineEntry(
            row.id, row.trigger, _trigger_label(row.trigger),
            state_key(row.from_stage, row.from_sub_step) if row.from_stage else None,
            state_key(row.to_stage, row.to_sub_step), _state_label(row.to_stage, row.to_sub_step),
            row.actor_id, actor_name(name, is_system), row.legal_date, row.recorded_at,
            dict(row.payload or {}), row.due_before, row.due_after,
            tuple(d for d in documents if d.history_id == row.id)))
    return tuple(entries)


def _trigger_label(trigger: str) -> str:
    try:
        return trigger_label(trigger)
    except KeyError:  # rows written by jobs, e.g. recompute_deadline
        return {"recompute_deadline": "重新计算答复期限"}.get(trigger, trigger)


def _alert_entry(alert) -> v.AlertEntry:
    return v.AlertEntry(alert.id, alert.kind, ALERT_KIND_LABELS.get(alert.kind, alert.kind), alert.subject,
                        alert.level, ALERT_LEVEL_LABELS.get(alert.level, alert.level), alert.due_on,
                        alert.working_days_left, alert.message, alert.legal_date, alert.created_at,
                        alert.proposal)


def _comments(session: Session, case: Application) -> tuple[v.CommentView, ...]:
    """Every review comment on every reply of the case, oldest first; authors' names from one query."""
    comments = [(reply.clock_round, c) for reply in case.replies for c in (reply.review_comments or [])]
    authors = {c["by"] for _, c in comments}
    names = dict(session.execute(select(User.id, User.name).where(User.id.in_(authors))).all())
    return tuple(v.CommentView(clock_round, c["by"], names.get(c["by"], f"未知用户（编号 {c['by']}）"),
                               date.fromisoformat(c["on"]), c["text"], c["trigger"])
                 for clock_round, c in comments)


def _consultations(case: Application) -> tuple[v.ConsultationView, ...]:
    return tuple(v.ConsultationView(c.id, c.kind.value, c.consultee_name, c.consultee_contact, c.sent_on,
                                    c.received_on, c.due_on, c.opinion.value if c.opinion else None,
                                    c.opinion_received_on, c.reason, c.ended) for c in case.consultations)


def _reply(case: Application) -> Optional[v.ReplyView]:
    reply = case.current_reply
    if reply is None:
        return None
    return v.ReplyView(reply.id, reply.clock_round, reply.category, _category_label(reply.category),
                       dict(reply.fields or {}), reply.content, reply.drafter_id, reply.reviewer_id,
                       reply.planned_issue_on, reply.issued_on, reply.delivery_method, reply.delivery_proof,
                       reply.document_number)
