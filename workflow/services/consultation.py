"""征求意见: consulting third parties (条例第三十二条) and co-producing agencies (条例第三十四条).

The time from the letters to the last answer (or the last consultee deadline) is not counted (条例第三十三条第三款).
"""
from __future__ import annotations

from datetime import date

from rules.clock import EventKind, consultee_due
from workflow import deadlines
from workflow.commands import (  # noqa: F401  (Consultee: importable from here too)
    Consultee, EndConsultation, RecordLetterReceipt, RecordOpinion, StartConsultation,
)
from workflow.guards import guard
from workflow.models import Application, Consultation, ConsultationKind, Stage
from workflow.services.engine import Action, CaseRef, SessionFactory, perform, typed


def _open(case: Application) -> list[Consultation]:
    """Consultees not ended yet whose letter batch still pauses the current clock round (a consultation left
    open by a withdrawal stays behind when the case is reopened in a new round)."""
    events = [e for e in case.clock_events if e.clock_round == case.clock_round]
    started = {e.ref for e in events if e.kind == EventKind.PAUSE_STARTED.value}
    paused = started - {e.ref for e in events if e.kind == EventKind.PAUSE_ENDED.value}
    return [c for c in case.consultations if not c.ended and c.pause_ref in paused]


def _pause_ref(case: Application) -> str:
    """The next letter batch's pause, numbered over every round of the case."""
    started = [e for e in case.clock_events
               if e.kind == EventKind.PAUSE_STARTED.value and (e.ref or "").startswith("consultation:")]
    return f"consultation:{len(started) + 1}"


def _sent_on(action: Action) -> date:
    """The letters' date: the command's ``sent_on``, or today."""
    return action.command.sent_on or action.today


@guard("consultees_given")
def _consultees_given(action: Action) -> str | None:
    consultees, sent_on = action.command.consultees, _sent_on(action)
    if not consultees:
        return "至少需要一个征求意见对象（第三方或共同制作机关）"
    if any(not c.name.strip() for c in consultees):
        return "征求意见对象须填写名称"
    if sent_on > action.today or any(c.received_on and c.received_on < sent_on for c in consultees):
        return "征求意见书发出日期不能晚于今天，且早于对方收到日期"
    if any(c.received_on and c.received_on > action.today for c in consultees):
        return "对方收到征求意见书的日期不能晚于今天"
    return None


def _entered_consultation_on(case: Application) -> date | None:
    """The letter date of the start_consultation that brought the case into its current consultation stage."""
    entering = [row for row in case.history
                if row.to_stage == Stage.CONSULTATION and row.from_stage != Stage.CONSULTATION]
    return date.fromisoformat(entering[-1].payload["sent_on"]) if entering else None


@guard("letter_date_valid")
def _letter_date_valid(action: Action) -> str | None:
    """A letter cannot be dated before T0, nor — a further letter — before the case entered consultation."""
    sent_on, case = _sent_on(action), action.case
    t0 = deadlines.deadline_of(case, action.calendar, action.today).t0
    if t0 is not None and sent_on < t0:
        return f"征求意见书发出日期（{sent_on.isoformat()}）不能早于收到申请之日（{t0.isoformat()}）"
    entered = _entered_consultation_on(case) if case.stage == Stage.CONSULTATION else None
    if entered is not None and sent_on < entered:
        return (f"追加的征求意见书发出日期（{sent_on.isoformat()}）不能早于本案开始征求意见之日"
                f"（{entered.isoformat()}）")
    return None


def _late_letter_breach(action: Action) -> dict | None:
    """A breach record when the letter goes out after the reply due date (as of its sending day)."""
    sent_on = _sent_on(action)
    deadline = deadlines.deadline_of(action.case, action.calendar, sent_on)
    if deadline.due_date is None or sent_on <= deadline.due_date:
        return None
    due = deadline.due_date.isoformat()
    return {"rule": "条例第三十三条", "due_on": due,
            "message": f"征求意见书于 {sent_on.isoformat()} 发出，答复期限已于 {due} 届满；"
                       "期限届满后征求意见，其时间不能使已逾期的答复期限中止计算"}


def _send_letters(action: Action) -> None:
    sent_on, ref = _sent_on(action), _pause_ref(action.case)
    breach = _late_letter_breach(action)
    if breach:  # 条例第三十三条: warned and recorded, not refused (the letter may still be needed)
        action.payload["breach"] = breach
    for consultee in action.command.consultees:
        received = consultee.received_on or sent_on
        action.case.consultations.append(Consultation(
            kind=ConsultationKind(consultee.kind), consultee_name=consultee.name,
            consultee_contact=consultee.contact, sent_on=sent_on, received_on=consultee.received_on,
            due_on=consultee_due(action.calendar, received),  # 条例第三十二条、第三十四条: 15个工作日
            pause_ref=ref))
    action.payload.update(pause_ref=ref, sent_on=sent_on)  # the letter date (the command may omit it)
    action.add_clock_event(EventKind.PAUSE_STARTED, sent_on, ref=ref)  # 条例第三十三条第三款


def start_consultation(session_factory: SessionFactory, command: StartConsultation, *, actor_id: int,
                       case_id: int, expected_version: int, today: date) -> CaseRef:
    """Send 征求意见书 to ``consultees`` (sent ``sent_on``, default today); the reply clock pauses from that
    day for this letter batch (its own pause ``consultation:N``). From the consultation stage this adds
    consultees to the ones still open (e.g. a co-producing agency after a third party): each keeps its own
    letter date, receipt date and 15 WD, and the clock counts the union of the pauses once.

    A letter sent after the reply due date is accepted and recorded as ``payload.breach`` (条例第三十三条).
    Raises TransitionNotAllowed, PermissionDenied, GuardFailed (no consultee, unnamed consultee, letter
    after today or after a receipt date, before T0, or — a further letter — before the case entered the
    consultation stage).
    """
    return perform(session_factory, typed(command, StartConsultation), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_send_letters)


def _consultation(action: Action) -> Consultation | None:
    wanted = action.command.consultation_id
    return next((c for c in _open(action.case) if c.id == wanted), None)


def _pending_consultee_problem(action: Action, dated: str) -> str | None:
    """Why the command's ``consultation_id`` is not an unanswered consultee of the case, or why its date
    ``received_on`` (what ``dated`` names) is not between the sending date and today."""
    consultation = _consultation(action)
    if consultation is None:
        return "本案没有该征求意见对象"
    if consultation.answered:
        return f"{consultation.consultee_name} 的意见已登记"
    if not consultation.sent_on <= action.command.received_on <= action.today:
        return f"{dated}应在征求意见书发出之日与今天之间"
    return None


@guard("consultee_pending")
def _consultee_pending(action: Action) -> str | None:
    return _pending_consultee_problem(action, "意见收到日期")


def _record(action: Action) -> None:
    consultation = _consultation(action)
    consultation.opinion = action.command.opinion
    consultation.opinion_received_on = action.command.received_on
    consultation.reason = action.command.reason


def record_opinion(session_factory: SessionFactory, command: RecordOpinion, *, actor_id: int,
                   case_id: int, expected_version: int, today: date) -> CaseRef:
    """Record a consultee's answer. Raises TransitionNotAllowed, PermissionDenied, GuardFailed."""
    return perform(session_factory, typed(command, RecordOpinion), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_record)


@guard("letter_receipt_valid")
def _letter_receipt_valid(action: Action) -> str | None:
    return _pending_consultee_problem(action, "对方收到征求意见书的日期")


def _record_receipt(action: Action) -> None:
    consultation, received_on = _consultation(action), action.command.received_on
    action.payload["previous_received_on"] = consultation.received_on
    consultation.received_on = received_on
    consultation.due_on = consultee_due(action.calendar, received_on)  # 条例第三十二条、第三十四条: 15个工作日
    action.payload.update(consultee=consultation.consultee_name, due_on=consultation.due_on)


def record_letter_receipt(session_factory: SessionFactory, command: RecordLetterReceipt, *, actor_id: int,
                          case_id: int, expected_version: int, today: date) -> CaseRef:
    """Record the day the consultee received the 征求意见书; its 15 working days (条例第三十二条、第三十四条)
    then run from that day (until now they ran from the sending date). The history keeps the previous date.

    Raises TransitionNotAllowed, PermissionDenied, GuardFailed (not a pending consultee of the case, date
    outside sending date → today).
    """
    return perform(session_factory, typed(command, RecordLetterReceipt), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_record_receipt)


def _finished(consultation: Consultation, today: date) -> bool:
    """Answered, or silent with a known receipt date and its 15 WD over (条例第三十二条、第三十四条)."""
    return consultation.answered or (consultation.received_on is not None and today > consultation.due_on)


def _unfinished_problem(action: Action) -> str | None:
    """Why some open consultee cannot be ended yet (who may still answer, whose receipt is unknown)."""
    silent = [c for c in _open(action.case) if not _finished(c, action.today)]
    waiting = [c.consultee_name for c in silent if action.today <= c.due_on]
    if waiting:
        return "以下对象尚未答复且答复期限未届满：" + "、".join(waiting)
    unknown = [c.consultee_name for c in silent if c.received_on is None]
    if unknown:  # 条例第三十二条、第三十四条: the 15 WD run from receipt; silence cannot count before they end
        return ("以下对象未答复，且收到征求意见书的日期未登记，无法确定其答复期限是否届满，请先登记收到日期："
                + "、".join(unknown))
    return None


@guard("every_consultee_finished")
def _every_consultee_finished(action: Action) -> str | None:
    return _unfinished_problem(action)


@guard("some_consultee_finished")
def _some_consultee_finished(action: Action) -> str | None:
    if any(_finished(c, action.today) for c in _open(action.case)):
        return None
    return _unfinished_problem(action)


def _pause_end(consultation: Consultation) -> date:
    return consultation.opinion_received_on if consultation.answered else consultation.due_on


def _end(action: Action) -> None:
    case, today = action.case, action.today
    finished = [c for c in _open(case) if _finished(c, today)]
    silent = {}
    for c in finished:
        c.ended = True
        if not c.answered:  # 条例第三十四条: 逾期未答复视为同意; 条例第三十二条: 由行政机关依法决定
            silent[c.consultee_name] = ("视为同意" if c.kind is ConsultationKind.CO_PRODUCER else "由本机关依法决定")
    for ref in dict.fromkeys(c.pause_ref for c in finished):  # a batch's pause ends with its last consultee
        batch = [c for c in case.consultations if c.pause_ref == ref]
        if all(c.ended for c in batch):
            action.add_clock_event(EventKind.PAUSE_ENDED, max(map(_pause_end, batch)), ref=ref)
    waiting = [c.consultee_name for c in _open(case) if not c.ended]
    action.payload.update(ended_on=max(map(_pause_end, finished), default=None), silent=silent,
                          waiting=waiting)


def end_consultation(session_factory: SessionFactory, command: EndConsultation, *, actor_id: int,
                     case_id: int, expected_version: int, today: date) -> CaseRef:
    """End the consultation for every open consultee that is finished — answered, or silent with a recorded
    receipt date and its 15 WD passed. A letter batch's pause ends on its last answer date, or its last
    consultee deadline for silent consultees. When no consultee is left open the case returns to
    registration.processing and the clock resumes; otherwise it stays in consultation for the others
    (``payload.waiting`` names them).

    Raises TransitionNotAllowed, PermissionDenied, GuardFailed (no consultee finished: who may still answer,
    whose receipt date is unknown).
    """
    return perform(session_factory, typed(command, EndConsultation), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_end)
