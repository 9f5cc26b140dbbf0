"""What the escalation job would write for one due deadline (DOMAIN §7): its alert, who receives it, and the
trigger a person is asked to confirm — pure functions of a :class:`DueItem` and the agency's staff."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from workflow.models import Role, User, UserRole
from workflow.queries.due import DueItem, DueKind
from workflow.queries.levels import LEVEL_LABELS, Level

# An overdue secondary deadline whose statutory consequence a person confirms (the job never performs it).
PROPOSALS = {
    DueKind.CONSULTEE.value: "end_consultation",  # 条例第三十二条: 逾期未提出意见的，由行政机关决定
    DueKind.CORRECTION_PERIOD.value: "lapse_correction",  # 条例第三十条: 逾期不补正的，视为放弃申请
    DueKind.FEE_PAYMENT.value: "lapse_fee",  # 国办函〔2020〕109号: 逾期未缴纳的，视为放弃申请
}
_CONFIRM = "请在案件页或待办中确认后办理。"
# kind -> (advice before the date, advice once overdue)
ADVICE = {
    DueKind.REPLY.value: ("请抓紧办理，按期作出答复（条例第三十三条）。",
                          "已超过法定答复期限，请立即作出答复并向负责人报告。"),
    DueKind.DELAYED_PERIOD.value: ("请在延迟答复期限内作出答复（条例第三十五条）。",
                                   "已超过延迟答复期限，请立即作出答复并向负责人报告。"),
    DueKind.CORRECTION_NOTICE.value: ("请在期限内一次性告知申请人需要补正的事项（条例第三十条）。",
                                      "已超过补正告知期限，请立即告知申请人补正事项或继续办理。"),
    DueKind.CORRECTION_PERIOD.value: ("请留意申请人的补正材料。",
                                      "申请人逾期未补正，可按「视为放弃申请」结束（条例第三十条）。" + _CONFIRM),
    DueKind.CONSULTEE.value: ("请提醒被征求意见方按期提出意见。",
                              "被征求意见方逾期未提出意见，可结束征求意见、继续办理（条例第三十二条）。" + _CONFIRM),
    DueKind.FEE_PAYMENT.value: ("请留意申请人的缴费情况。",
                                "申请人逾期未缴费，可按「视为放弃申请」结束（国办函〔2020〕109号）。" + _CONFIRM),
}


@dataclass(frozen=True)
class PlannedAlert:
    """One alert to write (or, in a dry run, that would be written), with its recipients' user ids.
    Calendar alerts have no case; their ``record_id`` is the calendar year."""

    agency_id: int
    kind: str
    level: str
    message: str
    dedupe_key: str
    recipients: tuple[int, ...]
    application_id: Optional[int] = None
    tracking_number: Optional[str] = None
    record_id: Optional[int] = None
    subject: Optional[str] = None
    due_on: Optional[date] = None
    working_days_left: Optional[int] = None
    proposal: Optional[str] = None


@dataclass
class Staff:
    """The active staff of the agencies, by role: who an alert may go to (never the system actor)."""

    agency_of: dict[int, int] = field(default_factory=dict)  # user id -> agency id
    by_role: dict[tuple[int, Role], list[int]] = field(default_factory=lambda: defaultdict(list))

    def of(self, agency_id: int, role: Role) -> list[int]:
        """The active users of ``agency_id`` holding ``role``, by id."""
        return self.by_role.get((agency_id, role), [])


def load_staff(session: Session) -> Staff:
    """Every active, non-system user with an agency, and their roles."""
    staff = Staff()
    rows = session.execute(
        select(User.id, User.agency_id, UserRole.role).outerjoin(UserRole, UserRole.user_id == User.id)
        .where(User.active.is_(True), User.is_system.is_(False), User.agency_id.is_not(None))
        .order_by(User.id))
    for user_id, agency_id, role in rows:
        staff.agency_of[user_id] = agency_id
        if role is not None:
            staff.by_role[(agency_id, Role(role))].append(user_id)
    return staff


def dedupe_key(item: DueItem) -> str:
    """Once per (case, deadline kind, record, due date, level): a moved due date is a new key. Ids are
    zero-padded so that the keys sort as (kind, case, record, date, level)."""
    record = item.record_id or 0
    return f"{item.kind}:{item.case_id:010d}:{record:010d}:{item.due_on.isoformat()}:{item.level}"


def recipients(level: str, agency_id: int, handler_id: Optional[int], staff: Staff) -> tuple[int, ...]:
    """The case's handler (if active and of the case's agency); at 紧急 also the supervisors, at 逾期 the
    supervisors and the admins. Without a handler the supervisors receive the 临期 alert too."""
    handler = handler_id if handler_id is not None and staff.agency_of.get(handler_id) == agency_id else None
    ids = [handler] if handler is not None else []
    if handler is None or level in (Level.URGENT.value, Level.OVERDUE.value):
        ids += staff.of(agency_id, Role.SUPERVISOR)
    if level == Level.OVERDUE.value:
        ids += staff.of(agency_id, Role.ADMIN)
    return tuple(dict.fromkeys(ids))


def plan_case_alert(item: DueItem, staff: Staff) -> PlannedAlert:
    """The alert of one due deadline, its message in Chinese and, when overdue, its proposal."""
    proposal = PROPOSALS.get(item.kind) if item.level == Level.OVERDUE.value else None
    return PlannedAlert(
        agency_id=item.agency_id, kind=item.kind, level=item.level, message=case_message(item),
        dedupe_key=dedupe_key(item),
        recipients=recipients(item.level, item.agency_id, item.handler_id, staff),
        application_id=item.case_id, tracking_number=item.tracking_number, record_id=item.record_id,
        subject=item.subject, due_on=item.due_on, working_days_left=item.working_days_left, proposal=proposal)


def case_message(item: DueItem) -> str:
    """E.g. 「案件 2026-0012 的答复期限为 2026-03-30，还剩 2 个工作日（紧急）。请抓紧办理，…」."""
    what = f"{item.kind_label}（{item.subject}）" if item.subject else item.kind_label
    left = item.working_days_left
    state = (f"已逾期 {-left} 个工作日" if left < 0 else "今天到期" if left == 0 else f"还剩 {left} 个工作日")
    before, after = ADVICE[item.kind]
    advice = after if left < 0 else before
    level = "" if left < 0 else f"（{LEVEL_LABELS[Level(item.level)]}）"
    return f"案件 {item.tracking_number} 的{what}为 {item.due_on.isoformat()}，{state}{level}。{advice}"
