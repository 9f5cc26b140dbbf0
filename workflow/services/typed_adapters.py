"""Transitional: the typed face of the consultation and fee services, whose modules still take keyword
parameters (they are converted once their current rework lands). Each function here has the signature of
every typed service: ``(session_factory, command, *, actor_id, case_id, expected_version, today)``."""
from __future__ import annotations

from dataclasses import fields
from datetime import date

from workflow.commands import (
    Command, EndConsultation, LapseFee, RecordLetterReceipt, RecordOpinion, RecordPayment, RequestFee,
    StartConsultation,
)
from workflow.services import consultation, fee
from workflow.services.engine import CaseRef, SessionFactory, typed


def _adapt(service, kind: type[Command]):
    def run(session_factory: SessionFactory, command: Command, *, actor_id: int, case_id: int,
            expected_version: int, today: date) -> CaseRef:
        values = {f.name: getattr(typed(command, kind), f.name) for f in fields(command)}
        return service(session_factory, actor_id, case_id, expected_version, today=today, **values)
    run.__name__, run.__qualname__ = service.__name__, service.__qualname__
    run.__doc__ = service.__doc__
    return run


start_consultation = _adapt(consultation.start_consultation, StartConsultation)
record_letter_receipt = _adapt(consultation.record_letter_receipt, RecordLetterReceipt)
record_opinion = _adapt(consultation.record_opinion, RecordOpinion)
end_consultation = _adapt(consultation.end_consultation, EndConsultation)
request_fee = _adapt(fee.request_fee, RequestFee)
record_payment = _adapt(fee.record_payment, RecordPayment)
lapse_fee = _adapt(fee.lapse_fee, LapseFee)
