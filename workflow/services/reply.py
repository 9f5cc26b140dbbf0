"""答复: drafting, legal review, issuing and archiving the reply (条例第三十三条, 第三十六条…)."""
from __future__ import annotations

from datetime import date
from typing import Optional

from rules.clock import EventKind
from workflow.commands import ApproveReply, ArchiveCase, DraftReply, IssueReply, ReturnReply, SubmitReview
from workflow.guards import guard, review_checks
from workflow.models import Application, Reply
from workflow.services.engine import Action, CaseRef, SessionFactory, perform, typed
from workflow.services.issuing import number_reply
from workflow.services.review import DRAFT_FIELDS, reply_editors

# The review checks ``draft_complete`` and ``legal_checklist`` register in workflow.services.review.


@guard("reply_ready_for_review")
def _reply_ready_for_review(action: Action) -> Optional[str]:
    failures = [message for _, check in review_checks() if (message := check(action))]
    return "；".join(failures) or None


@guard("no_missing_items")
def _no_missing_items(action: Action) -> Optional[str]:
    if action.case.missing_items:
        return "申请内容尚有缺项，须先发出补正告知书并收到补正材料"
    return None


@guard("reviewer_is_not_drafter")
def _reviewer_is_not_drafter(action: Action) -> Optional[str]:
    if action.actor.id in reply_editors(action.case):  # whoever drafted, edited or submitted it
        return "审核人不能审核自己起草、修改或提交的答复，须由其他法制审核人员审核"
    return None


@guard("comment_given")
def _comment_given(action: Action) -> Optional[str]:
    return None if action.command.comment.strip() else "退回修改须填写审核意见"


def approval_date(case: Application) -> Optional[date]:
    """The legal date of the current reply's approval: the last ``approve_reply`` history row (None when the
    case was never approved)."""
    return next((row.legal_date for row in reversed(case.history) if row.trigger == "approve_reply"), None)


@guard("planned_issue_not_past")
def _planned_issue_not_past(action: Action) -> Optional[str]:
    planned = action.command.planned_issue_on
    if planned is not None and planned < action.today:
        return f"拟出具日期（{planned.isoformat()}）不能早于审核通过之日（{action.today.isoformat()}）"
    return None


@guard("issue_details_given")
def _issue_details_given(action: Action) -> Optional[str]:
    issued_on, approved_on = action.command.issued_on, approval_date(action.case)
    if issued_on > action.today:
        return "出具日期不能晚于今天"
    if approved_on is not None and issued_on < approved_on:  # an answer cannot predate its approval
        return (f"出具日期（{issued_on.isoformat()}）不能早于答复审核通过之日（{approved_on.isoformat()}），"
                "请按实际出具日期登记")
    return None


@guard("delivery_proof_recorded")
def _delivery_proof_recorded(action: Action) -> Optional[str]:
    reply = action.case.current_reply
    if not (action.command.delivery_proof or (reply and reply.delivery_proof)):
        return "归档前须登记送达凭证"
    return None


def _apply_edits(action: Action) -> Reply:
    reply = action.case.current_reply
    for name in DRAFT_FIELDS:
        value = getattr(action.command, name)
        if value is not None:
            setattr(reply, name, dict(value) if name == "fields" else value)
    return reply


def _start_draft(action: Action) -> None:
    action.case.replies.append(Reply(clock_round=action.case.clock_round, drafter_id=action.actor.id,
                                     fields={}, content="", review_comments=[]))
    _apply_edits(action)


def draft_reply(session_factory: SessionFactory, command: DraftReply, *, actor_id: int, case_id: int,
                expected_version: int, today: date) -> CaseRef:
    """Start drafting the reply (the actor is the drafter). Raises TransitionNotAllowed, GuardFailed
    (art. 29 items still missing), PermissionDenied."""
    return perform(session_factory, typed(command, DraftReply), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_start_draft)


def submit_review(session_factory: SessionFactory, command: SubmitReview, *, actor_id: int, case_id: int,
                  expected_version: int, today: date) -> CaseRef:
    """Save the draft's edits and send it to legal review. The category must be a reply category of the
    catalog with every required field filled and valid (review check ``draft_complete``).

    Raises TransitionNotAllowed, PermissionDenied, GuardFailed (listing the missing field labels).
    """
    return perform(session_factory, typed(command, SubmitReview), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_apply_edits)


def _comment(action: Action) -> dict:
    return {"by": action.actor.id, "on": action.today.isoformat(), "text": action.command.comment,
            "trigger": action.trigger}


def _approve(action: Action) -> None:
    reply = action.case.current_reply
    reply.reviewer_id = action.actor.id
    reply.planned_issue_on = action.command.planned_issue_on or action.today
    if action.command.comment:
        reply.review_comments = [*reply.review_comments, _comment(action)]


def approve_reply(session_factory: SessionFactory, command: ApproveReply, *, actor_id: int, case_id: int,
                  expected_version: int, today: date) -> CaseRef:
    """Approve the draft: the reviewer is not the drafter and the legal-review checklist (DOMAIN §5, review
    check ``legal_checklist``) has no failing check, computed for ``planned_issue_on`` (default ``today``).

    ``acknowledged_warnings``: codes of the checklist's warnings the reviewer confirmed (e.g. ``issue_date``);
    every warning must be acknowledged; the history keeps them. Raises TransitionNotAllowed, PermissionDenied
    (not a reviewer), GuardFailed (the failing checks with their articles, or the unacknowledged warnings).
    """
    return perform(session_factory, typed(command, ApproveReply), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_approve)


def _return(action: Action) -> None:
    reply = action.case.current_reply
    reply.reviewer_id = action.actor.id
    reply.review_comments = [*reply.review_comments, _comment(action)]


def return_reply(session_factory: SessionFactory, command: ReturnReply, *, actor_id: int, case_id: int,
                 expected_version: int, today: date) -> CaseRef:
    """Return the draft to drafting with a comment.

    Raises InvalidInput (no comment), TransitionNotAllowed, PermissionDenied (not a reviewer).
    """
    return perform(session_factory, typed(command, ReturnReply), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_return)


def _issue(action: Action) -> None:
    reply, command = action.case.current_reply, action.command
    reply.issued_on, reply.delivery_method = command.issued_on, command.delivery_method
    due = action.case.due_date
    action.payload["late"] = bool(due and command.issued_on > due)
    action.add_clock_event(EventKind.ANSWERED, command.issued_on)  # the clock stops on the issue date
    number_reply(action)  # the next 〔代字〕依申请公开〔年〕第N号; the 答复书 is issued with it (side_effects)


def issue_reply(session_factory: SessionFactory, command: IssueReply, *, actor_id: int, case_id: int,
                expected_version: int, today: date) -> CaseRef:
    """Issue and serve the approved reply: the clock stops (answered on ``issued_on``; late if after due),
    the reply is numbered from the agency's counter (never typed) and the 答复书 bearing that number is
    issued and stored (declared in :mod:`workflow.side_effects`).

    Raises InvalidInput (no delivery method), TransitionNotAllowed, PermissionDenied, GuardFailed (date in
    the future or before the approval date).
    """
    return perform(session_factory, typed(command, IssueReply), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_issue)


def _archive(action: Action) -> None:
    reply = action.case.current_reply
    if action.command.delivery_proof:
        reply.delivery_proof = action.command.delivery_proof
    action.case.outcome = reply.category


def archive_case(session_factory: SessionFactory, command: ArchiveCase, *, actor_id: int, case_id: int,
                 expected_version: int, today: date) -> CaseRef:
    """Close the case with the reply's category as outcome; needs the delivery proof (here or recorded).

    Raises TransitionNotAllowed, PermissionDenied, GuardFailed.
    """
    return perform(session_factory, typed(command, ArchiveCase), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_archive)
