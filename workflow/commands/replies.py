"""Commands of the reply (答复: drafting, legal review, issue, archive) and of closing and after closing
(withdrawal, 复议/诉讼, reopening)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Mapping, Optional

from rules.replies.catalog import all_categories
from workflow.commands.base import Command, command
from workflow.commands.fields import field
from workflow.commands.intake import REASON_LENGTH
from workflow.models import RemedyKind, RemedyResult, Reply

CONTENT_LENGTH = 20000  # the reply's free text
FIELD_TEXT_LENGTH = 2000  # each fact of a reply category (DOMAIN.md §4)
COMMENT_LENGTH = 2000
DELIVERY_PROOF_LENGTH = 500
REPLY_CATEGORIES = tuple(category.code for category in all_categories("reply"))

_reply = Reply.__table__.c


@dataclass(frozen=True, kw_only=True)
class _Draft(Command):
    """What the drafter edits; ``None`` keeps the stored value."""

    category: Optional[str] = field("答复类型", default=None, choices=REPLY_CATEGORIES,
                                    max_length=_reply.category)
    fields: Optional[Mapping[str, str]] = field("答复事项", default=None, max_length=FIELD_TEXT_LENGTH,
                                                max_items=50, help="所选答复类型要求填写的事项")
    content: Optional[str] = field("答复正文补充内容", default=None, max_length=CONTENT_LENGTH)


@command("draft_reply")
class DraftReply(_Draft):
    pass


@command("submit_review")
class SubmitReview(_Draft):
    pass


@command("approve_reply")
class ApproveReply(Command):
    planned_issue_on: Optional[date] = field("拟出具日期", default=None, help="默认为今天")
    comment: Optional[str] = field("审核意见", default=None, max_length=COMMENT_LENGTH)
    acknowledged_warnings: frozenset[str] = field(
        "已确认的提示", default=frozenset(), max_length=40, max_items=50, help="审核清单中逐项确认的提示代码")


@command("return_reply")
class ReturnReply(Command):
    comment: str = field("审核意见", max_length=COMMENT_LENGTH, help="退回修改须填写")


@command("issue_reply")
class IssueReply(Command):
    issued_on: date = field("出具日期")
    delivery_method: str = field("送达方式", max_length=_reply.delivery_method)


@command("archive_case")
class ArchiveCase(Command):
    delivery_proof: Optional[str] = field("送达凭证", default=None, max_length=DELIVERY_PROOF_LENGTH,
                                          help="尚未登记送达凭证时必填")


@command("withdraw")
class Withdraw(Command):
    reason: str = field("申请人撤回申请的情况", max_length=REASON_LENGTH)


@command("reopen")
class Reopen(Command):
    remedy_id: int = field("依据的复议决定或判决", min_value=1)
    decision_on: date = field("决定收到日期")
    due_on: Optional[date] = field("决定确定的重新答复期限", default=None, help="决定未确定期限时留空（20个工作日）")


@command("record_remedy")
class RecordRemedy(Command):
    kind: RemedyKind = field("救济类型")
    filed_on: date = field("申请（起诉）日期")
    result: RemedyResult = field("结果", default=RemedyResult.PENDING)
    closed_on: Optional[date] = field("审结日期", default=None)
    remedy_id: Optional[int] = field("更新的复议/诉讼记录", default=None, min_value=1)
