"""``case_board``: the deadline board — one agency's open cases, filtered, searched, sorted and paged in SQL.

Fast at 100,000 open cases: the level and the default order use only stored columns (``clock_status``,
``due_date``, maintained by every action) and the index ``ix_application_board`` (agency, clock status, due
date, id). The default order — running cases by least time left, then paused, stopped (补正), answered and
not started cases — is read group by group, each an index range in order; working days left are computed only
for the rows of the page. Cases are counted per clock status, each count stopping at ``COUNT_LIMIT`` (or at
the end of the page asked for, when deeper): the page says 「共 1000+ 件」 rather than count 100,000 index
entries on every request. The search is workflow/queries/board_search.py. See docs/web.md, "Benchmark".
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from sqlalchemy import and_, exists, false, func, select
from sqlalchemy.orm import Session

from workflow.errors import InvalidInput
from workflow.models import Agency, Application, Channel, ClockStatus, Reply, Role, Stage, SubStep, User
from workflow.models.enums import STAGE_LABELS, SUB_STEP_LABELS
from workflow.queries.board_search import search_condition, window_if_exceeded
from workflow.queries.common import Reader, SessionFactory, agency_calendar, calendar_data, load_reader
from workflow.queries.levels import (
    DUE_SOON_DAYS, URGENT_DAYS, Cutoffs, Level, level_condition, level_of, working_days_left,
)

SUMMARY_LENGTH = 40  # characters of the request text shown on the board
MAX_PER_PAGE = 200
MAX_SEARCH_LENGTH = 100
COUNT_LIMIT = 1000  # matching cases counted exactly up to this; beyond it the board shows 「1000+」
GROUP_ORDER = (ClockStatus.RUNNING, ClockStatus.PAUSED, ClockStatus.STOPPED, ClockStatus.ANSWERED,
               ClockStatus.NOT_STARTED)


class BoardSort(str, enum.Enum):
    DUE = "due"  # least time left first, paused after running (default)
    RECEIVED = "received"  # newest application first
    TRACKING_NUMBER = "tracking_number"


@dataclass(frozen=True)
class BoardFilters:
    """Every filter is optional; they combine with AND. ``search`` finds a tracking number by its beginning,
    and tracking number, applicant name and request text containing it (case-insensitive) among the most
    recent open cases (workflow/queries/board_search.py)."""

    stage: Optional[Stage] = None
    level: Optional[Level] = None
    handler_id: Optional[int] = None
    channel: Optional[Channel] = None
    received_from: Optional[date] = None
    received_to: Optional[date] = None
    mine: bool = False  # cases the reader handles
    awaiting_my_review: bool = False  # in 法制审核, drafted by someone else, and the reader is a reviewer
    provisional: Optional[bool] = None  # due date on a provisional calendar year (暂定日期)
    search: Optional[str] = None


@dataclass(frozen=True)
class BoardRow:
    id: int
    version: int
    tracking_number: str
    applicant_name: str
    request_summary: str
    stage: str
    stage_label: str
    sub_step: str
    sub_step_label: str
    handler_id: Optional[int]
    handler_name: Optional[str]
    received_on: date
    due_date: Optional[date]
    provisional: bool
    working_days_left: Optional[int]  # only while the clock runs; negative when overdue
    level: str
    level_label: str


@dataclass(frozen=True)
class BoardPage:
    rows: tuple[BoardRow, ...]
    total: int  # matching open cases, all pages — at most COUNT_LIMIT (then ``total_capped``)
    total_capped: bool  # more than ``total`` cases match: not counted further
    has_next: bool  # a page after this one has rows
    page: int
    per_page: int
    sort: str
    today: date
    filters: BoardFilters = field(default_factory=BoardFilters)
    search_window: Optional[int] = None  # a search read names and texts of only this many newest open cases

    @property
    def pages(self) -> Optional[int]:
        """The number of pages; None when the total is capped (unknown)."""
        return None if self.total_capped else max(1, -(-self.total // self.per_page))


def case_board(session_factory: SessionFactory, *, actor_id: int, today: date,
               filters: BoardFilters = BoardFilters(), sort: BoardSort | str = BoardSort.DUE, page: int = 1,
               per_page: int = 50, due_soon_days: int = DUE_SOON_DAYS,
               urgent_days: int = URGENT_DAYS) -> BoardPage:
    """One page of the reader's agency's open cases with their number (exact up to COUNT_LIMIT, else capped)
    and whether a next page exists; levels as of ``today`` with the installation's thresholds (working
    days left for 临期 and 紧急; the escalation job uses the same settings).

    Raises PermissionDenied (unknown, disabled or system user), InvalidInput (page, page size, search text,
    date range, sort), CalendarDataMissing (no calendar for today).
    """
    sort = _checked(filters, sort, page, per_page)
    with session_factory() as session:
        reader = load_reader(session, actor_id)
        region = session.scalar(select(Agency.region_code).where(Agency.id == reader.agency_id))
        calendar = agency_calendar(region)
        with calendar_data():
            cutoffs = Cutoffs.of(calendar, today, due_soon_days=due_soon_days, urgent_days=urgent_days)
        conditions = _conditions(reader, filters, cutoffs)
        offset = (page - 1) * per_page
        counts = _group_sizes(session, conditions, max(COUNT_LIMIT, offset + per_page) + 1)
        if sort is BoardSort.DUE:
            rows = _by_due(session, conditions, counts, offset, per_page)
        else:
            order = ((Application.received_on.desc(), Application.id.desc()) if sort is BoardSort.RECEIVED
                     else (Application.tracking_number,))
            query = _rows().where(*conditions).order_by(*order).offset(offset).limit(per_page)
            rows = session.execute(query).all()
        with calendar_data():
            page_rows = tuple(_row(r, calendar, cutoffs) for r in rows)
        counted = sum(counts.values())
        window = window_if_exceeded(session, reader.agency_id) if (filters.search or "").strip() else None
        return BoardPage(page_rows, min(counted, COUNT_LIMIT), counted > COUNT_LIMIT,
                         counted > offset + per_page, page, per_page, sort.value, today, filters, window)


def _checked(filters: BoardFilters, sort, page: int, per_page: int) -> BoardSort:
    if isinstance(page, bool) or not isinstance(page, int) or page < 1:
        raise InvalidInput("页码应为正整数", field="page", label="页码")
    if isinstance(per_page, bool) or not isinstance(per_page, int) or not 1 <= per_page <= MAX_PER_PAGE:
        raise InvalidInput(f"每页条数应为 1 至 {MAX_PER_PAGE}", field="per_page", label="每页条数")
    if filters.search is not None and len(filters.search) > MAX_SEARCH_LENGTH:
        raise InvalidInput(f"搜索内容不能超过 {MAX_SEARCH_LENGTH} 个字", field="search", label="搜索")
    if filters.received_from and filters.received_to and filters.received_from > filters.received_to:
        raise InvalidInput("收到日期的起始日不能晚于截止日", field="received_from", label="收到日期")
    try:
        return BoardSort(sort)
    except ValueError as exc:
        raise InvalidInput(f"不支持的排序方式「{sort}」", field="sort", label="排序") from exc


def _conditions(reader: Reader, f: BoardFilters, cutoffs: Cutoffs) -> list:
    """The WHERE clause: the reader's agency, open cases, then each given filter."""
    a = Application
    conditions = [a.agency_id == reader.agency_id, a.clock_status != ClockStatus.CLOSED]
    optional = [
        (f.stage, lambda: a.stage == Stage(f.stage)),
        (f.level, lambda: level_condition(Level(f.level), cutoffs)),
        (f.handler_id, lambda: a.handler_id == f.handler_id),
        (f.channel, lambda: a.channel == Channel(f.channel)),
        (f.received_from, lambda: a.received_on >= f.received_from),
        (f.received_to, lambda: a.received_on <= f.received_to), (f.mine, lambda: a.handler_id == reader.id),
        (f.awaiting_my_review, lambda: _awaiting_review_of(reader)),
        (f.provisional is not None, lambda: a.due_provisional.is_(bool(f.provisional))),
        ((f.search or "").strip(), lambda: search_condition(reader.agency_id, f.search.strip())),
    ]
    return conditions + [build() for given, build in optional if given]


def _awaiting_review_of(reader: Reader):
    """In 法制审核 and drafted by someone else (a reviewer never approves his own draft); none for
    non-reviewers."""
    if Role.REVIEWER not in reader.roles:
        return false()
    drafted_by_other = exists(select(Reply.id).where(
        Reply.application_id == Application.id, Reply.clock_round == Application.clock_round,
        Reply.drafter_id != reader.id))
    return and_(Application.sub_step == SubStep.IN_REVIEW, drafted_by_other)


def _rows():
    a = Application
    return (select(a.id, a.version, a.tracking_number, a.applicant_name,
                   func.substr(a.description, 1, SUMMARY_LENGTH + 1).label("summary"), a.stage, a.sub_step,
                   a.handler_id, User.name.label("handler_name"), a.received_on, a.due_date,
                   a.due_provisional, a.clock_status)
            .outerjoin(User, User.id == a.handler_id))


def _group_sizes(session: Session, conditions: list, bound: int) -> dict:
    """The matching cases of each clock status, each counted up to ``bound`` only (one statement; each count
    an index range of ``ix_application_board`` that stops at ``bound``). A group smaller than ``bound`` is
    counted exactly, so the pages before it can be skipped; ``bound`` is past the page asked for."""
    def capped(status):
        matching = (select(Application.id).where(*conditions, Application.clock_status == status)
                    .limit(bound).subquery())
        return select(func.count()).select_from(matching).scalar_subquery()
    sizes = session.execute(select(*(capped(status) for status in GROUP_ORDER))).one()
    return dict(zip(GROUP_ORDER, sizes))


def _by_due(session: Session, conditions: list, counts: dict, offset: int, limit: int) -> list:
    """The page in the default order, reading each clock-status group in index order (due date, id)."""
    rows: list = []
    for status in GROUP_ORDER:
        size = counts.get(status, 0)
        if offset >= size:
            offset -= size
            continue
        query = (_rows().where(*conditions, Application.clock_status == status)
                 .order_by(Application.due_date, Application.id).offset(offset).limit(limit - len(rows)))
        rows.extend(session.execute(query).all())
        offset = 0
        if len(rows) >= limit:
            break
    return rows


def _row(r, calendar, cutoffs: Cutoffs) -> BoardRow:
    status = ClockStatus(r.clock_status)
    level = level_of(status, r.due_date, cutoffs)
    left = (working_days_left(calendar, cutoffs.today, r.due_date)
            if status is ClockStatus.RUNNING and r.due_date else None)
    summary = r.summary if len(r.summary) <= SUMMARY_LENGTH else r.summary[:SUMMARY_LENGTH] + "…"
    return BoardRow(r.id, r.version, r.tracking_number, r.applicant_name, summary, r.stage.value,
                    STAGE_LABELS[r.stage], r.sub_step.value, SUB_STEP_LABELS[r.sub_step], r.handler_id,
                    r.handler_name, r.received_on, r.due_date, r.due_provisional, left, level.value,
                    level.label)
