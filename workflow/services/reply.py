"""答复: drafting, legal review, issuing and archiving the reply (条例第三十三条, 第三十六条…)."""
from __future__ import annotations

from datetime import date
from typing import Iterable, Optional

from workflow.guards import guard, review_checks
from workflow.models import Application, Reply
from workflow.services.engine import Action, SessionFactory, perform
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
    return None if (action.params.get("comment") or "").strip() else "退回修改须填写审核意见"


def approval_date(case: Application) -> Optional[date]:
    """The legal date of the current reply's approval: the last ``approve_reply`` history row (None when the
    case was never approved)."""
    return next((row.legal_date for row in reversed(case.history) if row.trigger == "approve_reply"), None)


@guard("planned_issue_not_past")
def _planned_issue_not_past(action: Action) -> Optional[str]:
    planned = action.params.get("planned_issue_on")
    if planned is not None and planned < action.today:
        return f"拟出具日期（{planned.isoformat()}）不能早于审核通过之日（{action.today.isoformat()}）"
    return None


@guard("issue_details_given")
def _issue_details_given(action: Action) -> Optional[str]:
    if not (action.params.get("delivery_method") or "").strip():
        return "请填写送达方式"
    issued_on, approved_on = action.params["issued_on"], approval_date(action.case)
    if issued_on > action.today:
        return "出具日期不能晚于今天"
    if approved_on is not None and issued_on < approved_on:  # an answer cannot predate its approval
        return (f"出具日期（{issued_on.isoformat()}）不能早于答复审核通过之日（{approved_on.isoformat()}），"
                "请按实际出具日期登记")
    return None


@guard("delivery_proof_recorded")
def _delivery_proof_recorded(action: Action) -> Optional[str]:
    reply = action.case.current_reply
    if not (action.params.get("delivery_proof") or (reply and reply.delivery_proof)):
        return "归档前须登记送达凭证"
    return None


def _apply_edits(action: Action) -> Reply:
    reply = action.case.current_reply
    for name in DRAFT_FIELDS:
        if action.params.get(name) is not None:
            setattr(reply, name, action.params[name])
    return reply


def _start_draft(action: Action) -> None:
    action.case.replies.append(Reply(clock_round=action.case.clock_round, drafter_id=action.actor.id,
                                     fields={}, content="", review_comments=[]))
    _apply_edits(action)


def _perform(session_factory, trigger, actor_id, case_id, expected_version, today, params, mutate):
    return perform(session_factory, trigger, actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, params=params, mutate=mutate)


def draft_reply(session_factory: SessionFactory, actor_id: int, case_id: int, expected_version: int, *,
                today: date, category: str | None = None, fields: dict | None = None,
                content: str | None = None) -> Application:
    """Start drafting the reply (the actor is the drafter). Raises TransitionNotAllowed, GuardFailed
    (art. 29 items still missing), PermissionDenied."""
    return _perform(session_factory, "draft_reply", actor_id, case_id, expected_version, today,
                    {"category": category, "fields": fields, "content": content}, _start_draft)


def submit_review(session_factory: SessionFactory, actor_id: int, case_id: int, expected_version: int, *,
                  today: date, category: str | None = None, fields: dict | None = None,
                  content: str | None = None) -> Application:
    """Save the draft's edits and send it to legal review. The category must be a reply category of the
    catalog with every required field filled and valid (review check ``draft_complete``).

    Raises TransitionNotAllowed, PermissionDenied, GuardFailed (listing the missing field labels).
    """
    return _perform(session_factory, "submit_review", actor_id, case_id, expected_version, today,
                    {"category": category, "fields": fields, "content": content}, _apply_edits)


def _approve(action: Action) -> None:
    reply = action.case.current_reply
    reply.reviewer_id = action.actor.id
    reply.planned_issue_on = action.params.get("planned_issue_on") or action.today
    if action.params.get("comment"):
        reply.review_comments = [*reply.review_comments, _comment(action)]


def _comment(action: Action) -> dict:
    return {"by": action.actor.id, "on": action.today.isoformat(), "text": action.params["comment"],
            "trigger": action.trigger}


def approve_reply(session_factory: SessionFactory, actor_id: int, case_id: int, expected_version: int, *,
                  today: date, planned_issue_on: date | None = None, comment: str | None = None,
                  acknowledged_warnings: Iterable[str] = ()) -> Application:
    """Approve the draft: the reviewer is not the drafter and the legal-review checklist (DOMAIN §5, review
    check ``legal_checklist``) has no failing check, computed for ``planned_issue_on`` (default ``today``).

    ``acknowledged_warnings``: codes of the checklist's warnings the reviewer confirmed (e.g. ``issue_date``);
    every warning must be acknowledged; the history keeps them. Raises TransitionNotAllowed, PermissionDenied
    (not a reviewer), GuardFailed (the failing checks with their articles, or the unacknowledged warnings).
    """
    return _perform(session_factory, "approve_reply", actor_id, case_id, expected_version, today,
                    {"planned_issue_on": planned_issue_on, "comment": comment,
                     "acknowledged_warnings": sorted(set(acknowledged_warnings))}, _approve)


def _return(action: Action) -> None:
    reply = action.case.current_reply
    reply.reviewer_id = action.actor.id
    reply.review_comments = [*reply.review_comments, _comment(action)]


def return_reply(session_factory: SessionFactory, actor_id: int, case_id: int, expected_version: int, *,
                 comment: str, today: date) -> Application:
    """Return the draft to drafting with a comment.

    Raises TransitionNotAllowed, PermissionDenied (not a reviewer), GuardFailed (no comment).
    """
    return _perform(session_factory, "return_reply", actor_id, case_id, expected_version, today,
                    {"comment": comment}, _return)


def _issue(action: Action) -> None:
    reply, params = action.case.current_reply, action.params
    reply.issued_on, reply.delivery_method = params["issued_on"], params["delivery_method"]
    due = action.case.due_date
    action.payload["late"] = bool(due and params["issued_on"] > due)
    action.add_clock_event("answered", params["issued_on"])  # the clock stops on the issue date
    number_reply(action)  # the next 〔代字〕依申请公开〔年〕第N号; the 答复书 is issued with it (side_effects)


def issue_reply(session_factory: SessionFactory, actor_id: int, case_id: int, expected_version: int, *,
                issued_on: date, delivery_method: str, today: date) -> Application:
    """Issue and serve the approved reply: the clock stops (answered on ``issued_on``; late if after due),
    the reply is numbered from the agency's counter (never typed) and the 答复书 bearing that number is
    issued and stored (declared in :mod:`workflow.side_effects`).

    Raises TransitionNotAllowed, PermissionDenied, GuardFailed (no delivery method, date in the future or
    before the approval date).
    """
    return _perform(session_factory, "issue_reply", actor_id, case_id, expected_version, today,
                    {"issued_on": issued_on, "delivery_method": delivery_method}, _issue)


def _archive(action: Action) -> None:
    reply = action.case.current_reply
    if action.params.get("delivery_proof"):
        reply.delivery_proof = action.params["delivery_proof"]
    action.case.outcome = reply.category


def archive_case(session_factory: SessionFactory, actor_id: int, case_id: int, expected_version: int, *,
                 today: date, delivery_proof: str | None = None) -> Application:
    """Close the case with the reply's category as outcome; needs the delivery proof (here or recorded).

    Raises TransitionNotAllowed, PermissionDenied, GuardFailed.
    """
    return _perform(session_factory, "archive_case", actor_id, case_id, expected_version, today,
                    {"delivery_proof": delivery_proof}, _archive)
