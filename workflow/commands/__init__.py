"""Typed commands: one frozen dataclass per trigger of :mod:`workflow.transitions_table`, validated once.

    from workflow.commands import ConfirmReceipt, describe
    command = ConfirmReceipt(confirmed_on=date(2026, 3, 2))    # raises InvalidInput when a value is wrong
    services.execute(session_factory, command, actor_id=…, case_id=…, expected_version=…, today=…)
    describe(ConfirmReceipt)   # the fields (name, label, type, required, max_length, choices) for forms/APIs

Each field carries its Chinese label and limits (:func:`field`); text limits are the database column lengths.
"""
from workflow.commands.base import COMMANDS, Command, Record, command, command_class, record
from workflow.commands.fields import FieldInfo, describe, field
from workflow.commands.intake import (
    ART29_ITEMS, ConfirmReceipt, LapseCorrection, ReceiveCorrection, Register, RequestCorrection,
)
from workflow.commands.interruptions import (
    Consultee, EndConsultation, ExtendDeadline, LapseFee, RecordFeeNoticeReceipt, RecordLetterReceipt,
    RecordOpinion, RecordPayment, RequestFee, SetDelayedPeriod, StartConsultation,
)
from workflow.commands.replies import (
    ApproveReply, ArchiveCase, DraftReply, IssueReply, RecordRemedy, Reopen, ReturnReply, SubmitReview,
    Withdraw,
)
from workflow.commands.validation import check_text, validate

__all__ = [
    "ART29_ITEMS", "COMMANDS", "ApproveReply", "ArchiveCase", "Command", "ConfirmReceipt", "Consultee",
    "DraftReply", "EndConsultation", "ExtendDeadline", "FieldInfo", "IssueReply", "LapseCorrection",
    "LapseFee", "ReceiveCorrection", "Record", "RecordFeeNoticeReceipt", "RecordLetterReceipt",
    "RecordOpinion", "RecordPayment", "RecordRemedy",
    "Register", "Reopen", "RequestCorrection", "RequestFee", "ReturnReply", "SetDelayedPeriod",
    "StartConsultation", "SubmitReview", "Withdraw", "check_text", "command", "command_class", "describe",
    "field", "record", "validate",
]
