"""One service per trigger (DOMAIN.md §2). Each takes the trigger's typed command (:mod:`workflow.commands`),
runs in one unit of work, commits once and returns a :class:`CaseRef`; :func:`execute` runs any command."""
from workflow.services.closing import record_remedy, reopen, withdraw
from workflow.services.consultation import (
    Consultee, end_consultation, record_letter_receipt, record_opinion, start_consultation,
)
from workflow.services.correction import lapse_correction, receive_correction, request_correction
from workflow.services.extension import extend_deadline, set_delayed_period
from workflow.services.documents import (
    export_document, get_document, list_documents, preview_document,
)
from workflow.services.engine import Action, CaseRef, perform, state_of
from workflow.services.execute import SERVICES, execute
from workflow.services.fee import (
    lapse_fee, record_fee_notice_receipt, record_payment, request_fee,
)
from workflow.services.queries import available_triggers
from workflow.services.registration import confirm_receipt, register_application
from workflow.services.reply import (
    approve_reply, archive_case, draft_reply, issue_reply, return_reply, submit_review,
)
from workflow.services.review import ReviewComment, ReviewSheet, reply_comments, review_checklist

__all__ = [
    "Action", "CaseRef", "Consultee", "ReviewComment", "ReviewSheet", "SERVICES",
    "approve_reply", "archive_case", "available_triggers", "confirm_receipt", "draft_reply",
    "end_consultation", "execute", "export_document", "extend_deadline", "get_document", "issue_reply",
    "lapse_correction",
    "lapse_fee", "list_documents", "perform", "preview_document", "receive_correction",
    "record_fee_notice_receipt", "record_letter_receipt", "record_opinion", "record_payment",
    "record_remedy",
    "register_application", "reopen", "reply_comments", "request_correction", "request_fee", "return_reply",
    "review_checklist", "set_delayed_period", "start_consultation", "state_of", "submit_review", "withdraw",
]
