"""Documents built from a case's stored data (DOMAIN.md §6): one function per document kind, each
returning the :class:`Draft` documents (not stored). Each takes the case, the day, and the payload of the
trigger that issues it (what its history row records: e.g. the 延期 reason, the fee's earlier pieces) —
the current trigger's when issuing (:mod:`workflow.services.issuing`), the latest stored one for previews
(:func:`stored_payload`, :mod:`workflow.services.documents`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Mapping, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from rules.art29 import ART29_ITEMS
from rules.remedy_periods import FEE_PAYMENT_DAYS
from rules.replies.catalog import discloses_third_party_information, disclosed_information
from rules.replies.fees import compute_fee
from workflow.documents import (
    CaseFacts, ConsultationInput, CorrectionNoticeInput, DelayedPeriodNoticeInput, DisclosureNoticeInput,
    ExtensionNoticeInput, FeeNoticeInput, GeneratedDocument, LapseNoticeInput, ReceiptInput, ReplyInput,
    build_consultation_letter, build_correction_notice, build_delayed_period_notice, build_disclosure_notice,
    build_extension_notice, build_fee_notice, build_lapse_notice, build_receipt, build_reply,
)
from workflow import deadlines
from workflow.errors import GuardFailed, NotFound
from workflow.models import (
    LAPSED_CORRECTION, LAPSED_FEE, Application, Channel, Consultation, ConsultationKind, DocumentKind,
    History, Opinion,
)

DEFAULT_PAYMENT_METHOD = "本机关指定的方式"
Payload = Mapping[str, Any]  # the issuing trigger's history payload
_CHANNEL_TEXT = {Channel.IN_PERSON: "", Channel.REGISTERED_MAIL: "邮寄", Channel.ORDINARY_MAIL: "信函",
                 Channel.ONLINE: "互联网", Channel.FAX: "传真"}


@dataclass(frozen=True)
class Draft:
    """A document built from case data, not stored (yet): what it is, to whom, dated when, numbered how."""

    kind: DocumentKind
    document: GeneratedDocument
    addressee: str
    issued_on: date
    number: Optional[str] = None


def _round_days(case: Application, kind: str) -> list[date]:
    return [e.day for e in case.clock_events if e.clock_round == case.clock_round and e.kind == kind]


def case_facts(case: Application) -> CaseFacts:
    """What every document says about ``case``: receipt date (the confirmed date for 信函/网络/传真, 条例第三十一条),
    and the corrected application's date (条例第三十条) and extension date (条例第三十三条第二款) of the current
    clock round, from its recorded clock events."""
    extended = _round_days(case, "extended")  # an extension belongs to its own clock round
    agency = case.agency
    return CaseFacts(
        agency=agency.info(), doc_code=agency.doc_code or agency.name, applicant_name=case.applicant_name,
        tracking_number=case.tracking_number, query_code=case.query_code,
        received_on=deadlines.printed_receipt_date(case), request_summary=case.description,
        channel=_CHANNEL_TEXT[Channel(case.channel)],
        correction_received_on=deadlines.corrected_receipt_date(case),
        extension_notified_on=extended[-1] if extended else None)


def _open_pauses(case: Application) -> tuple[str, ...]:
    """The kinds of pause of the reply clock open right now ("consultation", "fee"), from their refs."""
    events = [e for e in case.clock_events if e.clock_round == case.clock_round]
    started = {e.ref for e in events if e.kind == "pause_started"}
    open_refs = started - {e.ref for e in events if e.kind == "pause_ended"}
    return tuple(sorted({ref.split(":", 1)[0] for ref in open_refs}))


def _applicant_draft(kind: DocumentKind, document: GeneratedDocument, case: Application, issued_on: date,
                     number: Optional[str] = None) -> list[Draft]:
    return [Draft(kind, document, case.applicant_name, issued_on, number)]


def _receipt(case: Application, today: date, _payload: Payload) -> list[Draft]:
    data = ReceiptInput(case_facts(case), issued_on=today, due_date=case.due_date)
    return _applicant_draft(DocumentKind.RECEIPT, build_receipt(data), case, today)


def _correction_notice(case: Application, _today: date, _payload: Payload) -> list[Draft]:
    if not case.corrections:
        raise NotFound("本案没有补正告知书")
    request = case.corrections[-1]
    items = tuple(ART29_ITEMS.get(item, item) for item in request.items)
    data = CorrectionNoticeInput(case_facts(case), items, deadline=request.due_on, issued_on=request.sent_on)
    document = build_correction_notice(data)
    return _applicant_draft(DocumentKind.CORRECTION_NOTICE, document, case, request.sent_on)


def _consultation_letters(case: Application, _today: date, _payload: Payload,
                          wanted: Optional[int] = None) -> list[Draft]:
    """The letters of the latest letter batch (the one being sent), or of consultation ``wanted``."""
    latest = case.consultations[-1].pause_ref if case.consultations else None
    chosen = [c for c in case.consultations
              if (c.id == wanted if wanted is not None else c.pause_ref == latest)]
    if not chosen:
        raise NotFound("本案没有该征求意见对象")
    facts = case_facts(case)
    return [Draft(DocumentKind.CONSULTATION_LETTER, build_consultation_letter(ConsultationInput(
        facts, c.consultee_name, c.kind.value, information=case.description, issued_on=c.sent_on)),
        c.consultee_name, c.sent_on) for c in chosen]


def _extension_notice(case: Application, _today: date, payload: Payload) -> list[Draft]:
    events = [e for e in case.clock_events if e.clock_round == case.clock_round and e.kind == "extended"]
    if not events:
        raise NotFound("本案未延期答复")
    data = ExtensionNoticeInput(case_facts(case), events[-1].days, new_due_date=case.due_date,
                                issued_on=events[-1].day, paused_for=_open_pauses(case),
                                reason=str(payload.get("reason") or ""))
    return _applicant_draft(DocumentKind.EXTENSION_NOTICE, build_extension_notice(data), case, events[-1].day)


def _fee_notice(case: Application, _today: date, payload: Payload) -> list[Draft]:
    """The latest 收费通知书, with the amount the case recorded (one method: 按件 or 按量)."""
    if not case.fee_notices:
        raise NotFound("本案没有收费通知")
    notice = case.fee_notices[-1]
    earlier = int(payload.get("earlier_pieces") or 0)
    fee = compute_fee(notice.method.value, notice.quantity, earlier_pieces_this_month=earlier)
    if fee.amount != notice.amount:
        raise GuardFailed(f"收费通知书金额（{fee.amount}元）与案件记录的金额（{notice.amount}元）不一致")
    data = FeeNoticeInput(case_facts(case), fee, issued_on=notice.sent_on,
                          payment_method=DEFAULT_PAYMENT_METHOD,
                          payment_window_working_days=FEE_PAYMENT_DAYS,
                          payment_deadline=notice.due_on if notice.received_on else None)  # else provisional
    return _applicant_draft(DocumentKind.FEE_NOTICE, build_fee_notice(data), case, notice.sent_on)


def stored_payload(session: Session, case: Application, triggers: tuple[str, ...]) -> dict:
    """The payload of the case's latest stored history row of one of ``triggers`` ({} when none)."""
    query = (select(History.payload).where(History.application_id == case.id, History.trigger.in_(triggers))
             .order_by(History.id.desc()).limit(1))
    return session.scalar(query) or {}


def _reply(case: Application, today: date, _payload: Payload) -> list[Draft]:
    """The 答复书 of the current reply: its number and issue date once issued; unnumbered while a draft."""
    reply = case.current_reply
    if reply is None or not reply.category:
        raise NotFound("本案尚无选定答复类型的答复书草稿")
    issued_on = reply.issued_on or reply.planned_issue_on or today
    paragraphs = tuple(line.strip() for line in (reply.content or "").splitlines() if line.strip())
    data = ReplyInput(case_facts(case), reply.category, dict(reply.fields or {}), reply.document_number or "",
                      issued_on, paragraphs)
    return _applicant_draft(DocumentKind.REPLY, build_reply(data), case, issued_on, reply.document_number)


def objecting_third_parties(case: Application) -> list[Consultation]:
    """The third parties consulted under 条例第三十二条 that did not agree to disclosure."""
    return [c for c in case.consultations
            if ConsultationKind(c.kind) is ConsultationKind.THIRD_PARTY and c.opinion is Opinion.DISAGREE]


def disclosed_over_objection(case: Application) -> bool:
    """The current reply discloses information a consulted third party objected to (条例第三十二条)."""
    reply = case.current_reply
    return bool(reply and reply.category and objecting_third_parties(case)
                and discloses_third_party_information(reply.category, reply.fields or {}))


def _disclosure_notices(case: Application, today: date, _payload: Payload) -> list[Draft]:
    """One 依申请公开告知书 per objecting third party (条例第三十二条), issued on approval (``today``), naming the
    planned day of disclosure."""
    if not disclosed_over_objection(case):
        raise NotFound("本案没有须书面告知第三方的公开决定")
    reply, facts = case.current_reply, case_facts(case)
    fields = reply.fields or {}
    information = disclosed_information(reply.category, fields) or "〔决定公开的政府信息〕"
    reasons = str(fields.get("public_interest_reason") or "").strip() or "〔决定公开的理由〕"
    return [Draft(DocumentKind.DISCLOSURE_NOTICE, build_disclosure_notice(DisclosureNoticeInput(
        facts, c.consultee_name, c.sent_on, information, reasons, reply.planned_issue_on or today, today)),
        c.consultee_name, today) for c in objecting_third_parties(case)]


def _delayed_period_notice(case: Application, _today: date, payload: Payload) -> list[Draft]:
    """延迟答复告知书 (条例第三十五条) of the current round's delayed period, with the recorded reason."""
    events = [e for e in case.clock_events
              if e.clock_round == case.clock_round and e.kind == "delayed_period_set"]
    if not events:
        raise NotFound("本案未确定延迟答复期限")
    data = DelayedPeriodNoticeInput(case_facts(case), events[-1].due, str(payload.get("reason") or ""),
                                    issued_on=events[-1].day)
    return _applicant_draft(DocumentKind.DELAYED_PERIOD_NOTICE, build_delayed_period_notice(data), case,
                            events[-1].day)


def _lapse_notice(case: Application, today: date, _payload: Payload) -> list[Draft]:
    """不再处理告知书 for a case closed as 逾期不补正 (条例第三十条) or 逾期未缴费 (条例第四十二条)."""
    if case.outcome == LAPSED_CORRECTION and case.corrections:
        request = case.corrections[-1]
        fields = {"correction_notice_date": request.sent_on, "correction_deadline": request.due_on}
    elif case.outcome == LAPSED_FEE and case.fee_notices:
        notice = case.fee_notices[-1]
        fields = {"fee_notice_date": notice.sent_on, "payment_deadline": notice.due_on}
    else:
        raise NotFound("本案未因逾期不补正或逾期未缴费而终止")
    data = LapseNoticeInput(case_facts(case), case.outcome, issued_on=today, fields=fields)
    return _applicant_draft(DocumentKind.LAPSE_NOTICE, build_lapse_notice(data), case, today)


BUILDERS: dict[DocumentKind, Callable[[Application, date, Payload], list[Draft]]] = {
    DocumentKind.RECEIPT: _receipt, DocumentKind.CORRECTION_NOTICE: _correction_notice,
    DocumentKind.CONSULTATION_LETTER: _consultation_letters, DocumentKind.EXTENSION_NOTICE: _extension_notice,
    DocumentKind.FEE_NOTICE: _fee_notice, DocumentKind.REPLY: _reply,
    DocumentKind.LAPSE_NOTICE: _lapse_notice, DocumentKind.DELAYED_PERIOD_NOTICE: _delayed_period_notice,
    DocumentKind.DISCLOSURE_NOTICE: _disclosure_notices,
}
