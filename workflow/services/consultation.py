"""征求意见: consulting third parties (条例第三十二条) and co-producing agencies (条例第三十四条).

The time from the letters to the last answer (or the last consultee deadline) is not counted (条例第三十三条第三款).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional, Sequence

from rules.clock import consultee_due
from workflow.guards import guard
from workflow.models import Application, Consultation, ConsultationKind, Opinion
from workflow.services.engine import Action, SessionFactory, perform


@dataclass(frozen=True)
class Consultee:
    kind: ConsultationKind
    name: str
    contact: Optional[str] = None
    received_on: Optional[date] = None  # when the consultee received the letter, if known


def _open(case: Application) -> list[Consultation]:
    return [c for c in case.consultations if not c.ended]


def _pause_ref(case: Application) -> str:
    return f"consultation:{len(_consultation_refs(case)) + 1}"


def _consultation_refs(case: Application) -> list[str]:
    return [e.ref for e in case.clock_events
            if e.kind == "pause_started" and (e.ref or "").startswith("consultation:")]


@guard("consultees_given")
def _consultees_given(action: Action) -> str | None:
    consultees, sent_on = action.params["consultees"], action.params["sent_on"]
    if not consultees:
        return "至少需要一个征求意见对象（第三方或共同制作机关）"
    if any(not c.name.strip() for c in consultees):
        return "征求意见对象须填写名称"
    if sent_on > action.today or any(c.received_on and c.received_on < sent_on for c in consultees):
        return "征求意见书发出日期不能晚于今天，且早于对方收到日期"
    if any(c.received_on and c.received_on > action.today for c in consultees):
        return "对方收到征求意见书的日期不能晚于今天"
    return None


def _send_letters(action: Action) -> None:
    sent_on = action.params["sent_on"]
    for consultee in action.params["consultees"]:
        received = consultee.received_on or sent_on
        action.case.consultations.append(Consultation(
            kind=ConsultationKind(consultee.kind), consultee_name=consultee.name,
            consultee_contact=consultee.contact, sent_on=sent_on, received_on=consultee.received_on,
            due_on=consultee_due(action.calendar, received)))  # 条例第三十二条、第三十四条: 15个工作日
    action.add_clock_event("pause_started", sent_on, ref=_pause_ref(action.case))  # 条例第三十三条第三款


def start_consultation(session_factory: SessionFactory, actor_id: int, case_id: int,
                       expected_version: int, *, consultees: Sequence[Consultee], today: date,
                       sent_on: date | None = None) -> Application:
    """Send 征求意见书 to ``consultees`` (sent ``sent_on``, default today); the reply clock pauses.

    Raises TransitionNotAllowed, PermissionDenied, GuardFailed (no consultee, unnamed consultee, bad dates).
    """
    return perform(session_factory, "start_consultation", actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today,
                   params={"consultees": list(consultees), "sent_on": sent_on or today}, mutate=_send_letters)


def _consultation(action: Action) -> Consultation | None:
    wanted = action.params["consultation_id"]
    return next((c for c in _open(action.case) if c.id == wanted), None)


def _pending_consultee_problem(action: Action, dated: str) -> str | None:
    """Why ``params["consultation_id"]`` is not an unanswered consultee of the case, or why the date
    ``params["received_on"]`` (what ``dated`` names) is not between the sending date and today."""
    consultation = _consultation(action)
    if consultation is None:
        return "本案没有该征求意见对象"
    if consultation.answered:
        return f"{consultation.consultee_name} 的意见已登记"
    if not consultation.sent_on <= action.params["received_on"] <= action.today:
        return f"{dated}应在征求意见书发出之日与今天之间"
    return None


@guard("consultee_pending")
def _consultee_pending(action: Action) -> str | None:
    return _pending_consultee_problem(action, "意见收到日期")


def _record(action: Action) -> None:
    consultation = _consultation(action)
    consultation.opinion = Opinion(action.params["opinion"])
    consultation.opinion_received_on = action.params["received_on"]
    consultation.reason = action.params.get("reason")


def record_opinion(session_factory: SessionFactory, actor_id: int, case_id: int, expected_version: int,
                   *, consultation_id: int, opinion: Opinion, received_on: date, today: date,
                   reason: str | None = None) -> Application:
    """Record a consultee's answer. Raises TransitionNotAllowed, PermissionDenied, GuardFailed."""
    return perform(session_factory, "record_opinion", actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today,
                   params={"consultation_id": consultation_id, "opinion": opinion, "received_on": received_on,
                           "reason": reason}, mutate=_record)


@guard("letter_receipt_valid")
def _letter_receipt_valid(action: Action) -> str | None:
    return _pending_consultee_problem(action, "对方收到征求意见书的日期")


def _record_receipt(action: Action) -> None:
    consultation, received_on = _consultation(action), action.params["received_on"]
    action.payload["previous_received_on"] = consultation.received_on
    consultation.received_on = received_on
    consultation.due_on = consultee_due(action.calendar, received_on)  # 条例第三十二条、第三十四条: 15个工作日
    action.payload.update(consultee=consultation.consultee_name, due_on=consultation.due_on)


def record_letter_receipt(session_factory: SessionFactory, actor_id: int, case_id: int,
                          expected_version: int, *, consultation_id: int, received_on: date,
                          today: date) -> Application:
    """Record the day the consultee received the 征求意见书; its 15 working days (条例第三十二条、第三十四条)
    then run from that day (until now they ran from the sending date). The history keeps the previous date.

    Raises TransitionNotAllowed, PermissionDenied, GuardFailed (not a pending consultee of the case, date
    outside sending date → today).
    """
    return perform(session_factory, "record_letter_receipt", actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today,
                   params={"consultation_id": consultation_id, "received_on": received_on},
                   mutate=_record_receipt)


@guard("consultation_finished")
def _consultation_finished(action: Action) -> str | None:
    silent = [c for c in _open(action.case) if not c.answered]
    waiting = [c.consultee_name for c in silent if action.today <= c.due_on]
    if waiting:
        return "以下对象尚未答复且答复期限未届满：" + "、".join(waiting)
    unknown = [c.consultee_name for c in silent if c.received_on is None]
    if unknown:  # 条例第三十二条、第三十四条: the 15 WD run from receipt; silence cannot count before they end
        return ("以下对象未答复，且收到征求意见书的日期未登记，无法确定其答复期限是否届满，请先登记收到日期："
                + "、".join(unknown))
    return None


def _end(action: Action) -> None:
    consultations = _open(action.case)
    ended_on = max(c.opinion_received_on if c.answered else c.due_on for c in consultations)
    silent = {}
    for c in consultations:
        c.ended = True
        if not c.answered:  # 条例第三十四条: 逾期未答复视为同意; 条例第三十二条: 由行政机关依法决定
            silent[c.consultee_name] = ("视为同意" if c.kind is ConsultationKind.CO_PRODUCER else "由本机关依法决定")
    action.payload.update(ended_on=ended_on, silent=silent)
    action.add_clock_event("pause_ended", ended_on, ref=_consultation_refs(action.case)[-1])


def end_consultation(session_factory: SessionFactory, actor_id: int, case_id: int,
                     expected_version: int, *, today: date) -> Application:
    """Close the consultation once every consultee answered or its 15 WD passed; the clock resumes.

    The pause ends on the last answer date, or the last consultee deadline for silent consultees.
    Raises TransitionNotAllowed, PermissionDenied, GuardFailed (someone may still answer).
    """
    return perform(session_factory, "end_consultation", actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_end)
