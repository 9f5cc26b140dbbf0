"""The escalation job (DOMAIN §7): ``escalate(session_factory, now, ...)``; see docs/escalation.md."""
from workflow.jobs.escalation.plan import PROPOSALS, PlannedAlert
from workflow.jobs.escalation.run import (
    ANOTHER_RUN, DEFAULT_BATCH_SIZE, EscalationResult, escalate, legal_date_of,
)

__all__ = ["ANOTHER_RUN", "DEFAULT_BATCH_SIZE", "EscalationResult", "PROPOSALS", "PlannedAlert", "escalate",
           "legal_date_of"]
