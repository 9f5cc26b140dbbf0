"""法制审核: the legal-review checklist of DOMAIN.md §5 run on the stored case (``rules.replies.review``).

Two review checks plug into :func:`workflow.guards.register_review_check` (the one mechanism both
``submit_review`` and ``approve_reply`` run): ``draft_complete`` refuses a draft sent to review without a
valid category and its required fields; ``legal_checklist`` refuses approval while a check fails or a warning
is not acknowledged. The legal basis and the remedy clause are never typed by the drafter: they are generated
from the catalog and the agency record (:func:`generated_texts`), as the issued 答复书 prints them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Optional

from sqlalchemy import select

from rules.clock import replay
from rules.replies.catalog import citation_text, get_category, invalid_fields, missing_fields
from rules.replies.errors import RemedyConfigError, UnknownCategory
from rules.replies.remedies import remedy_clause
from rules.replies.review import Checklist, CheckResult, ReviewInput, approval_refusal, run_checks
from workflow import deadlines
from workflow.errors import GuardFailed, NotFound, PermissionDenied
from workflow.guards import register_review_check
from workflow.models import Application, ConsultationKind, Reply, Role, User
from workflow.services.document_drafts import objecting_third_parties
from workflow.services.engine import Action, SessionFactory, load_actor, read_case

DRAFT_FIELDS = ("category", "fields", "content")
FIRST_ROUND = 1  # clock round of the original application (reopen starts the next)


@dataclass(frozen=True)
class ReviewSheet:
    """What the reviewer sees: the checklist and the generated legal basis and remedy clause."""

    category: str
    category_label: str
    checklist: Checklist
    legal_basis: str
    remedy_clause: str


def reply_values(action: Action) -> dict[str, Any]:
    """The current reply's category/fields/content as they will be after this action's edits."""
    reply = action.case.current_reply
    values = {name: getattr(reply, name) for name in DRAFT_FIELDS} if reply else {}
    edits = {name: getattr(action.command, name, None) for name in DRAFT_FIELDS}
    values.update({k: v for k, v in edits.items() if v is not None})
    values["drafter_id"] = reply.drafter_id if reply else action.actor.id
    return values


def generated_texts(case: Application, category: str, fields: dict) -> tuple[str, str]:
    """(legal basis, remedy clause) of a reply of ``category`` by the case's agency. The remedy clause is ''
    when the agency record lacks its 复议机关 (the ``remedy`` check then fails with the reason)."""
    try:
        remedy = remedy_clause(category, case.agency.info())
    except RemedyConfigError:
        remedy = ""
    return citation_text(category, fields), remedy


def first_receipt_date(case: Application) -> Optional[date]:
    """The receipt date of 条例第三十一条 as the clock's replay derives it from the first clock round (a
    reopened case keeps it; a 补正 does not change it). None before the receipt is known."""
    return replay(deadlines.to_clock_events(case.clock_events, FIRST_ROUND)).received_on


def reply_editors(case: Application) -> frozenset[int]:
    """Everyone who drafted, edited or submitted the current reply: its drafter and the actors of the
    ``draft_reply`` history row that started it and of every later ``submit_review`` (the round's edits)."""
    rows = list(case.history)
    start = max((i for i, row in enumerate(rows) if row.trigger == "draft_reply"), default=len(rows))
    editors = {row.actor_id for row in rows[start:] if row.trigger in ("draft_reply", "submit_review")}
    if case.current_reply is not None:
        editors.add(case.current_reply.drafter_id)
    return frozenset(editors - {None})


def cited_receipt_dates(case: Application) -> tuple[date, Optional[date]]:
    """The dates the reply's receipt sentence prints — the same functions the 答复书 builder uses."""
    return deadlines.printed_receipt_date(case), deadlines.corrected_receipt_date(case)


def review_input(case: Application, reply: Reply, *, reviewer_id: Any, planned_issue_on: date,
                 calendar) -> ReviewInput:
    """The checklist's input from the stored case: dates, stored due date, consultation, drafter, editors
    (:func:`reply_editors`) and reviewer. Raises GuardFailed when the case has no due date yet."""
    if case.due_date is None:
        raise GuardFailed("答复期限尚未确定（未确认收到申请日期），无法进行法制审核")
    fields = dict(reply.fields or {})
    legal_basis, remedy = generated_texts(case, reply.category, fields)
    cited_receipt, cited_correction = cited_receipt_dates(case)
    return ReviewInput(
        category_code=reply.category, fields=fields, cited_articles=legal_basis, remedy_text=remedy,
        agency=case.agency.info(), first_received_on=first_receipt_date(case),
        correction_received=deadlines.corrected_receipt_date(case),
        cited_receipt_date=cited_receipt, cited_correction_date=cited_correction,
        planned_issue_date=planned_issue_on, due_date=case.due_date, calendar=calendar,
        consultation_on_record=any(c.kind == ConsultationKind.THIRD_PARTY for c in case.consultations),
        drafter_id=reply.drafter_id, reviewer_id=reviewer_id, editor_ids=tuple(sorted(reply_editors(case))),
        objecting_third_parties=tuple(c.consultee_name for c in objecting_third_parties(case)))


def _line(result: CheckResult) -> str:
    return f"{result.message}（{result.article}）" if result.article else result.message


def refusal_message(checklist: Checklist, acknowledged: set[str] | frozenset[str]) -> Optional[str]:
    """Why approval is refused (``rules.replies.review.approval_refusal``), with each check's article; a
    pending warning also names the code the reviewer acknowledges it with. None when approval may proceed."""
    if approval_refusal(checklist, acknowledged) is None:
        return None
    if checklist.blocking:
        return "审核检查未通过，不能批准：" + "；".join(_line(r) for r in checklist.failures)
    pending = [r for r in checklist.warnings if r.code not in acknowledged]
    return "以下提示须逐项确认后方可批准：" + "；".join(f"{_line(r)}〔确认代码 {r.code}〕" for r in pending)


def _draft_complete(action: Action) -> Optional[str]:
    """submit_review: a reply category of the catalog, required fields filled, choices valid (DOMAIN §4)."""
    if action.trigger != "submit_review":
        return None
    values = reply_values(action)
    code, fields = values.get("category"), values.get("fields") or {}
    if not code:
        return "请选择答复类型"
    try:
        category = get_category(code)
    except UnknownCategory as exc:
        return str(exc)
    if category.is_outcome:
        return f"「{category.label}」是办结结果，不是答复类型"
    missing = missing_fields(code, fields)
    problems = [f"「{category.label}」的答复尚缺必填事项：{'、'.join(missing)}"] if missing else []
    return "；".join(problems + invalid_fields(code, fields)) or None


def _legal_checklist(action: Action) -> Optional[str]:
    """approve_reply: every automatic check passes and every warning is acknowledged (DOMAIN §5)."""
    if action.trigger != "approve_reply":
        return None
    planned = action.command.planned_issue_on or action.today
    try:
        data = review_input(action.case, action.case.current_reply, reviewer_id=action.actor.id,
                            planned_issue_on=planned, calendar=action.calendar)
        checklist = run_checks(data)
    except (GuardFailed, UnknownCategory) as exc:
        return str(exc)
    return refusal_message(checklist, action.command.acknowledged_warnings)


register_review_check("draft_complete", _draft_complete)
register_review_check("legal_checklist", _legal_checklist)


def review_checklist(session_factory: SessionFactory, actor_id: int, case_id: int, *, today: date,
                     planned_issue_on: date | None = None) -> ReviewSheet:
    """The checklist of the case's current draft as the reviewer ``actor_id`` would approve it on
    ``planned_issue_on`` (default ``today``), with the generated legal basis and remedy clause. Reads only.

    Raises NotFound (no case, no draft with a category), PermissionDenied (not a reviewer of the case's
    agency), GuardFailed (no due date yet, category no longer in the catalog).
    """
    with session_factory() as session:
        case = read_case(session, case_id)
        actor = load_actor(session, actor_id, case.agency_id)
        if Role.REVIEWER not in actor.roles:
            raise PermissionDenied("只有法制审核人员可以查看审核清单")
        reply = case.current_reply
        if reply is None or not reply.category:
            raise NotFound("该案件尚无已选择答复类型的答复草稿")
        try:
            label = get_category(reply.category).label
        except UnknownCategory as exc:
            raise GuardFailed(str(exc)) from exc
        data = review_input(case, reply, reviewer_id=actor.id, planned_issue_on=planned_issue_on or today,
                            calendar=deadlines.calendar_for(case))
        return ReviewSheet(reply.category, label, run_checks(data), data.cited_articles, data.remedy_text)


@dataclass(frozen=True)
class ReviewComment:
    """One reviewer's comment (退回修改 or 审核通过) on a reply of the case."""

    clock_round: int
    author_id: int
    author_name: str
    on: date
    text: str
    trigger: str


def reply_comments(session_factory: SessionFactory, actor_id: int, case_id: int) -> list[ReviewComment]:
    """Every review comment on every reply of the case, oldest first — what the drafter reads before
    revising. Any active user of the case's agency may read them; authors' names come from one query (an
    author no longer on record shows as 未知用户). Raises NotFound, PermissionDenied."""
    with session_factory() as session:
        case = read_case(session, case_id)
        load_actor(session, actor_id, case.agency_id)
        comments = [(reply.clock_round, c) for reply in case.replies for c in (reply.review_comments or [])]
        authors = {c["by"] for _, c in comments}
        names = {user_id: name for user_id, name in session.execute(
            select(User.id, User.name).where(User.id.in_(authors)))}
        return [ReviewComment(clock_round, c["by"], names.get(c["by"], f"未知用户（编号 {c['by']}）"),
                              date.fromisoformat(c["on"]), c["text"], c["trigger"])
                for clock_round, c in comments]
