"""The error boundary of ``workflow/``: what the rules and the database raise, turned into domain errors.

Every session a service opens goes through it — :func:`workflow.uow.unit_of_work` for writes, the session
factory's ``with`` block for reads (:class:`workflow.db.BoundarySession`) — so a caller meets only
:class:`~workflow.errors.DomainError` subclasses (docs/errors.md), never ``CalendarYearMissing`` or a raw
``OperationalError``. Code outside a session (the CLI, jobs) can use :func:`domain_errors` directly.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from rules.calendar.errors import CalendarDataError, CalendarYearMissing, UnknownRegion
from rules.clock_events import ClockError
from rules.replies.errors import (
    CatalogDataError, FeeError, RemedyConfigError, RepliesError, UnknownCategory,
)
from workflow.db_errors import database_error
from workflow.errors import (
    CalendarDataMissing, ConcurrentModification, DomainError, GuardFailed, InvalidInput,
)

CALENDAR_HINT = ("无法计算期限：{problem}请管理员新增该年度的日历数据文件（rules/calendar/data/YYYY.toml），"
                 "然后运行 xxgk deadlines recompute")


def _calendar_missing(exc: CalendarYearMissing) -> DomainError:
    return CalendarDataMissing(CALENDAR_HINT.format(problem=str(exc)))


def _unknown_region(exc: UnknownRegion) -> DomainError:
    return InvalidInput(f"{exc}；请管理员在机关设置中更正行政区划代码", field="region_code", label="行政区划代码")


def _calendar_data(exc: CalendarDataError) -> DomainError:
    return CalendarDataMissing(f"{exc}；请管理员修正该文件后重试")


def _unknown_category(exc: UnknownCategory) -> DomainError:
    return InvalidInput(str(exc), field="category", label="答复类型")


def _fee(exc: FeeError) -> DomainError:
    return InvalidInput(str(exc), field="method", label="计收方式")


def _catalog(exc: CatalogDataError) -> DomainError:
    return GuardFailed(f"{exc}；请联系管理员修正答复类别数据")


# exception class -> translation, most specific first (the first isinstance match wins)
_RULE_ERRORS = (
    (CalendarYearMissing, _calendar_missing),
    (UnknownRegion, _unknown_region),
    (CalendarDataError, _calendar_data),
    (UnknownCategory, _unknown_category),
    (FeeError, _fee),
    (CatalogDataError, _catalog),
    (RemedyConfigError, lambda exc: GuardFailed(str(exc))),
    (RepliesError, lambda exc: GuardFailed(str(exc))),
    (ClockError, lambda exc: GuardFailed(str(exc))),
    (StaleDataError, lambda exc: ConcurrentModification()),
)


def to_domain_error(exc: BaseException) -> DomainError | None:
    """The domain error ``exc`` means to a caller, or None when it is one already or a programming error
    (which must stay loud)."""
    if isinstance(exc, DomainError):
        return None
    if isinstance(exc, DBAPIError):
        return database_error(exc)
    return next((translate(exc) for cls, translate in _RULE_ERRORS if isinstance(exc, cls)), None)


@contextmanager
def domain_errors() -> Iterator[None]:
    """Run the block; re-raise a rules or database exception as its domain error (the original chained)."""
    try:
        yield
    except Exception as exc:
        translated = to_domain_error(exc)
        if translated is None:
            raise
        raise translated from exc
