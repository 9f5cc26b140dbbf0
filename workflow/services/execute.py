"""One entry point for every trigger: :func:`execute` runs a typed command through its service."""
from __future__ import annotations

from datetime import date
from typing import Callable, Optional

from workflow.commands import Command, Register
from workflow.services import closing, consultation, correction, extension, fee, registration, reply
from workflow.services.engine import CaseRef, SessionFactory, typed

# trigger → the service running its command (each takes session_factory, command, actor_id, case_id, …)
SERVICES: dict[str, Callable[..., CaseRef]] = {
    "confirm_receipt": registration.confirm_receipt,
    "request_correction": correction.request_correction,
    "receive_correction": correction.receive_correction,
    "lapse_correction": correction.lapse_correction,
    "start_consultation": consultation.start_consultation,
    "record_letter_receipt": consultation.record_letter_receipt,
    "record_opinion": consultation.record_opinion,
    "end_consultation": consultation.end_consultation,
    "request_fee": fee.request_fee,
    "record_fee_notice_receipt": fee.record_fee_notice_receipt,
    "record_payment": fee.record_payment,
    "lapse_fee": fee.lapse_fee,
    "extend_deadline": extension.extend_deadline,
    "set_delayed_period": extension.set_delayed_period,
    "draft_reply": reply.draft_reply,
    "submit_review": reply.submit_review,
    "approve_reply": reply.approve_reply,
    "return_reply": reply.return_reply,
    "issue_reply": reply.issue_reply,
    "archive_case": reply.archive_case,
    "withdraw": closing.withdraw,
    "reopen": closing.reopen,
    "record_remedy": closing.record_remedy,
}


def execute(session_factory: SessionFactory, command: Command, *, actor_id: int, case_id: Optional[int],
            expected_version: Optional[int], today: date) -> CaseRef:
    """Run ``command`` with the service of its trigger and return the case's new :class:`CaseRef`.
    ``register`` creates a case: pass ``case_id=None`` and ``expected_version=None``.

    Raises TypeError (not a command, or a case given to ``register``), and the domain errors of the service:
    InvalidInput, NotFound, ConcurrentModification, PermissionDenied, TransitionNotAllowed, GuardFailed.
    """
    typed(command, Command)
    if isinstance(command, Register):
        if case_id is not None or expected_version is not None:
            raise TypeError("register creates a new case: case_id and expected_version must be None")
        return registration.register_application(session_factory, command, actor_id=actor_id, today=today)
    return SERVICES[command.trigger](session_factory, command, actor_id=actor_id, case_id=case_id,
                                     expected_version=expected_version, today=today)
