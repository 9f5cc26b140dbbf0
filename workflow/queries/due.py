"""``cases_due``: every deadline of open cases due within N working days or already overdue — the reply
deadline and the secondary ones — shared by the board and the escalation job (which reads them through
``scan_due``: the same items, a case the calendar cannot count reported instead of raised)."""
from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Callable, Optional, TypeVar

from sqlalchemy import case, exists, func, null, select
from sqlalchemy.orm import Session

from rules.calendar import load_calendar
from rules.remedy_periods import correction_notice_due
from workflow.errors import CalendarDataMissing, InvalidInput
from workflow.models import (
    Agency, Alert, Application, ClockEventRecord, ClockStatus, Consultation, CorrectionRequest, FeeNotice,
    Stage, SubStep,
)
from workflow.queries.common import SessionFactory, calendar_data
from workflow.queries.levels import DUE_SOON_DAYS, URGENT_DAYS, Cutoffs, Level, working_days_left

T = TypeVar("T")


class DueKind(str, enum.Enum):
    """Which deadline; the Chinese text is :attr:`label`."""

    REPLY = "reply"  # 答复期限 (条例第三十三条)
    DELAYED_PERIOD = "delayed_period"  # the reasonable delayed period set under 条例第三十五条
    CORRECTION_NOTICE = "correction_notice"  # 补正告知: within 7 WD of receipt (条例第三十条)
    CORRECTION_PERIOD = "correction_period"  # the applicant's 补正 period (条例第三十条)
    CONSULTEE = "consultee"  # a consultee's 15 WD (条例第三十二条、第三十四条)
    FEE_PAYMENT = "fee_payment"  # the applicant's payment window (国办函〔2020〕109号)

    @property
    def label(self) -> str:
        return DUE_KIND_LABELS[self]


DUE_KIND_LABELS = {DueKind.REPLY: "答复期限", DueKind.DELAYED_PERIOD: "延迟答复期限（条例第三十五条）",
                   DueKind.CORRECTION_NOTICE: "补正告知期限", DueKind.CORRECTION_PERIOD: "申请人补正期限",
                   DueKind.CONSULTEE: "征求意见答复期限", DueKind.FEE_PAYMENT: "缴费期限"}


@dataclass(frozen=True)
class DueItem:
    case_id: int
    agency_id: int
    tracking_number: str
    kind: str
    kind_label: str
    due_on: date
    working_days_left: int  # negative: overdue by that many working days
    level: str  # overdue / urgent / due_soon / normal
    level_label: str
    record_id: Optional[int] = None  # the consultation, correction request or fee notice
    subject: Optional[str] = None  # e.g. the consultee's name
    handler_id: Optional[int] = None  # the case's 承办人


@dataclass(frozen=True)
class DueFailure:
    """A case (``case_id`` None: a whole agency) whose deadlines could not be counted, and why (Chinese)."""

    agency_id: int
    case_id: Optional[int]
    reason: str


@dataclass(frozen=True)
class DueScan:
    items: tuple[DueItem, ...]
    failures: tuple[DueFailure, ...]


def cases_due(session_factory: SessionFactory, *, today: date, within: int, agency_id: Optional[int] = None,
              due_soon_days: int = DUE_SOON_DAYS, urgent_days: int = URGENT_DAYS) -> tuple[DueItem, ...]:
    """Deadlines of open cases (of ``agency_id``, or of every agency) with at most ``within`` working days
    left on ``today``, overdue ones included; earliest first. Each agency's own calendar counts its days.

    Raises InvalidInput (``within`` or thresholds negative or out of order), CalendarDataMissing.
    """
    return _scan(session_factory, today, within, agency_id, due_soon_days, urgent_days, None).items


def scan_due(session_factory: SessionFactory, *, today: date, within: int, agency_id: Optional[int] = None,
             due_soon_days: int = DUE_SOON_DAYS, urgent_days: int = URGENT_DAYS,
             unalerted: bool = False) -> DueScan:
    """What :func:`cases_due` finds, except that a deadline the calendar cannot count (a date beyond the
    loaded years, an agency whose region has no calendar) is reported in ``failures`` and skipped — for the
    escalation job, where one broken case must not stop the others. With ``unalerted`` the database leaves
    out the deadlines that already have an alert for their kind, record, due date and level (the
    补正告知 deadline, computed here, is always returned). Raises InvalidInput like cases_due."""
    return _scan(session_factory, today, within, agency_id, due_soon_days, urgent_days, [], unalerted)


@dataclass(frozen=True)
class _Scope:
    """One region's agencies and what the queries need: its calendar, the first date not due, the levels'
    cutoffs, where failures go (None: raise), and whether deadlines already alerted are left out."""

    agency_ids: list[int]
    calendar: object
    before: date
    cutoffs: Cutoffs
    failures: Optional[list[DueFailure]]
    unalerted: bool


def _scan(session_factory: SessionFactory, today: date, within: int, agency_id: Optional[int],
          due_soon_days: int, urgent_days: int, failures: Optional[list[DueFailure]],
          unalerted: bool = False) -> DueScan:
    """Raise the first calendar failure as CalendarDataMissing when ``failures`` is None, else collect."""
    if isinstance(within, bool) or not isinstance(within, int) or within < 0:
        raise InvalidInput("天数应为不小于 0 的整数", field="within", label="工作日数")
    if not 0 <= urgent_days <= due_soon_days:
        raise InvalidInput("紧急天数应不大于临期天数", field="urgent_days", label="紧急天数")
    items: list[DueItem] = []
    with session_factory() as session:
        for region, agency_ids in _agencies_by_region(session, agency_id).items():
            try:
                with calendar_data():
                    calendar = load_calendar(region=region)
                    cutoffs = Cutoffs.of(calendar, today, due_soon_days=due_soon_days,
                                         urgent_days=urgent_days)
                    before = calendar.add_working_days(today, within + 1)
            except CalendarDataMissing as exc:
                if failures is None:
                    raise
                failures.extend(DueFailure(id_, None, exc.message) for id_ in agency_ids)
                continue
            scope = _Scope(agency_ids, calendar, before, cutoffs, failures, unalerted)
            for row, kind, due in _found(session, scope):
                item = _counted(failures, row, f"{kind.label} {due.isoformat()}",
                                partial(_item, row, kind, due, calendar, cutoffs))
                if item is not None:
                    items.append(item)
    ordered = sorted(items, key=lambda item: (item.due_on, item.case_id, item.kind))
    return DueScan(tuple(ordered), tuple(failures or ()))


def _counted(failures: Optional[list[DueFailure]], row, label: str, compute: Callable[[], T]) -> Optional[T]:
    """``compute()`` for one case; a calendar failure raises (``failures`` None) or is recorded (None)."""
    try:
        with calendar_data():
            return compute()
    except CalendarDataMissing as exc:
        if failures is None:
            raise
        failures.append(DueFailure(row.agency_id, row.case_id, f"{label}：{exc.message}"))
        return None


def _agencies_by_region(session: Session, agency_id: Optional[int]) -> dict[Optional[str], list[int]]:
    query = select(Agency.id, Agency.region_code)
    if agency_id is not None:
        query = query.where(Agency.id == agency_id)
    groups: dict[Optional[str], list[int]] = defaultdict(list)
    for id_, region in session.execute(query):
        groups[region].append(id_)
    return groups


def _case_columns():
    return (Application.id.label("case_id"), Application.agency_id, Application.tracking_number,
            Application.handler_id)


def _found(session: Session, scope: _Scope) -> list[tuple]:
    """(row, kind, due date) of every deadline of the scope's open cases due before ``scope.before``."""
    a, in_agencies = Application, Application.agency_id.in_(scope.agency_ids)
    # "+ 0": not by the agency index, which walks every case the agency ever had (archived ones too) — SQLite,
    # without statistics, otherwise prefers it to the few consultation / correction / fee rows
    in_agencies_unindexed = (Application.agency_id + 0).in_(scope.agency_ids)
    delayed = exists(select(ClockEventRecord.id).where(
        ClockEventRecord.application_id == a.id, ClockEventRecord.clock_round == a.clock_round,
        ClockEventRecord.kind == "delayed_period_set"))
    # either kind: working out which one again per row (the EXISTS above) doubled the cost of a second run;
    # a delayed period due the same day at the same level as the reply deadline it replaced was told already
    reply_kinds = (DueKind.REPLY.value, DueKind.DELAYED_PERIOD.value)
    query = (select(*_case_columns(), null().label("record_id"), a.due_date.label("due_on"),
                    null().label("subject"), delayed.label("delayed"))
             .where(in_agencies, a.clock_status == ClockStatus.RUNNING, a.due_date < scope.before))
    found = [(r, DueKind.DELAYED_PERIOD if r.delayed else DueKind.REPLY, r.due_on) for r in session.execute(
        _unalerted(query, scope, reply_kinds, a.due_date, None))]
    secondary = [
        (DueKind.CORRECTION_PERIOD, CorrectionRequest, None, (
            a.stage == Stage.CORRECTION, CorrectionRequest.received_on.is_(None))),
        (DueKind.CONSULTEE, Consultation, Consultation.consultee_name, (
            a.stage == Stage.CONSULTATION, Consultation.opinion_received_on.is_(None),
            Consultation.ended.is_(False))),
        (DueKind.FEE_PAYMENT, FeeNotice, None, (
            a.sub_step == SubStep.AWAITING_FEE, FeeNotice.paid_on.is_(None), FeeNotice.lapsed.is_(False))),
    ]
    for kind, model, subject, conditions in secondary:
        query = (select(*_case_columns(), model.id.label("record_id"), model.due_on,
                        (subject if subject is not None else null()).label("subject"))
                 .join(model, model.application_id == a.id)
                 .where(in_agencies_unindexed, model.due_on < scope.before, *conditions))
        found.extend((r, kind, r.due_on) for r in session.execute(
            _unalerted(query, scope, (kind.value,), model.due_on, model.id)))
    return found + _correction_notices(session, in_agencies_unindexed, scope)


def _unalerted(query, scope: _Scope, kinds: tuple[str, ...], due, record):
    """``query`` without the deadlines whose alert (kind, record, due date, level) exists, when asked: the
    alert's own columns, probed by its (application_id, …) index — a second run of the job reads no rows."""
    if not scope.unalerted:
        return query
    cutoffs = scope.cutoffs
    level = case((due < cutoffs.today, Level.OVERDUE.value), (due < cutoffs.urgent, Level.URGENT.value),
                 (due < cutoffs.due_soon, Level.DUE_SOON.value), else_=Level.NORMAL.value)
    same_record = Alert.record_id.is_(None) if record is None else Alert.record_id == record
    return query.where(~exists(select(Alert.id).where(
        Alert.application_id == Application.id, Alert.kind.in_(kinds), Alert.due_on == due,
        Alert.level == level, same_record)))


def _correction_notices(session: Session, in_agencies, scope: _Scope) -> list[tuple]:
    """Cases registered with missing 条例29 items and no 补正 notice yet: the notice is due 7 WD after T0."""
    a = Application
    asked = exists(select(CorrectionRequest.id).where(CorrectionRequest.application_id == a.id))
    rows = session.execute(select(*_case_columns(), null().label("record_id"), null().label("subject"),
                                  func.coalesce(a.confirmed_on, a.received_on).label("t0"))
                           .where(in_agencies, a.stage == Stage.REGISTRATION,
                                  a.sub_step == SubStep.PROCESSING, a.clock_round == 1,
                                  func.json_array_length(a.missing_items) > 0, ~asked))
    kind, calendar = DueKind.CORRECTION_NOTICE, scope.calendar
    found = [(r, kind, _counted(scope.failures, r, kind.label,
                                partial(correction_notice_due, calendar, r.t0))) for r in rows]
    return [item for item in found if item[2] is not None and item[2] < scope.before]


def _item(row, kind: DueKind, due: date, calendar, cutoffs: Cutoffs) -> DueItem:
    level = cutoffs.level_of_due(due)
    return DueItem(row.case_id, row.agency_id, row.tracking_number, kind.value, kind.label, due,
                   working_days_left(calendar, cutoffs.today, due), level.value, level.label,
                   row.record_id, row.subject, row.handler_id)
