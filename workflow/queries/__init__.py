"""The read side of workflow/ (STYLE 15): explicit ``select()``s with eager loading, returning frozen
dataclasses — never ORM objects. No query writes or commits. See docs/workflow.md, "Read side"."""
from workflow.queries.board import BoardFilters, BoardPage, BoardRow, BoardSort, case_board
from workflow.queries.common import SYSTEM_NAME
from workflow.queries.detail import case_detail
from workflow.queries.due import DueItem, DueKind, cases_due
from workflow.queries.levels import DUE_SOON_DAYS, PROVISIONAL_LABEL, URGENT_DAYS, Level
from workflow.queries.public import PublicStatus, public_status
from workflow.queries.triggers import available_triggers
from workflow.queries.views import (
    Applicant, CaseDetail, CommentView, ConsultationView, CorrectionView, DeadlineView, DocumentRef,
    FeeNoticeView, RemedyView, ReplyView, RequestView, TimelineEntry, TriggerView,
)

__all__ = [
    "Applicant", "BoardFilters", "BoardPage", "BoardRow", "BoardSort", "CaseDetail", "CommentView",
    "ConsultationView", "CorrectionView", "DUE_SOON_DAYS", "DeadlineView", "DocumentRef", "DueItem",
    "DueKind",
    "FeeNoticeView", "Level", "PROVISIONAL_LABEL", "PublicStatus", "RemedyView", "ReplyView", "RequestView",
    "SYSTEM_NAME", "TimelineEntry", "TriggerView", "URGENT_DAYS", "available_triggers", "case_board",
    "case_detail", "cases_due", "public_status",
]
