"""Domain errors: every refusal of the workflow carries a Chinese message fit to show the user.

Every error a caller of ``workflow/`` can meet is one of these (STYLE 16). ``http_status`` is what the web layer
and the API answer with; :data:`ERROR_TABLE` lists them all (docs/calling-workflow.md prints it).
Infrastructure failures (database unreachable, not migrated, busy) are domain errors too.
"""
from __future__ import annotations

from typing import Optional


class DomainError(Exception):
    """Base of every workflow refusal; ``message`` is Simplified Chinese and says what to do."""

    default_message = "操作未能完成"
    http_status = 422

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class TransitionNotAllowed(DomainError):
    """The trigger does not apply to the case's current stage (or does not exist)."""

    default_message = "当前办理阶段不允许此操作"
    http_status = 409


class PermissionDenied(DomainError):
    """The actor lacks the role, is inactive, or belongs to another agency."""

    default_message = "您没有执行此操作的权限"
    http_status = 403


class GuardFailed(DomainError):
    """The trigger applies, but a condition of DOMAIN.md §2 is not met."""

    default_message = "办理条件不满足"
    http_status = 422


class InvalidInput(DomainError):
    """A value entered by the caller is malformed: wrong type, too long, unknown choice, unprintable text.

    ``field`` is the command field's name (``None`` for the whole input), ``label`` its Chinese label, so that
    a form can show the message next to the field.
    """

    default_message = "输入内容有误"
    http_status = 422

    def __init__(self, message: str | None = None, *, field: Optional[str] = None,
                 label: Optional[str] = None) -> None:
        super().__init__(message)
        self.field = field
        self.label = label


class ConcurrentModification(DomainError):
    """Someone else changed the case since it was loaded."""

    default_message = "案件已被他人修改，请刷新"
    http_status = 409


class NotFound(DomainError):
    """The case (or a record named in the request) does not exist — or belongs to another agency."""

    default_message = "未找到该记录"
    http_status = 404


class CalendarDataMissing(DomainError):
    """A date the deadline needs lies beyond the loaded holiday calendar (no official or provisional year)."""

    default_message = "所需年份的节假日安排尚未载入，无法计算期限，请联系管理员载入该年份的日历数据"
    http_status = 503


class DatabaseBusy(DomainError):
    """The database lock could not be had in time (another long write holds it); retrying later may work."""

    default_message = "系统繁忙，请稍后重试"
    http_status = 503


class DatabaseUnavailable(DomainError):
    """The database cannot be used: unreachable, not a database, not migrated to the current version,
    read-only. The message says which and what to do."""

    default_message = "数据库无法使用，请联系管理员"
    http_status = 503


# error class → HTTP status, in the order the web layer should test them (subclasses first).
ERROR_TABLE: tuple[tuple[type[DomainError], int], ...] = tuple(
    (cls, cls.http_status) for cls in (
        InvalidInput, GuardFailed, TransitionNotAllowed, ConcurrentModification, PermissionDenied, NotFound,
        CalendarDataMissing, DatabaseBusy, DatabaseUnavailable, DomainError))


def http_status_of(error: DomainError) -> int:
    """The HTTP status for ``error`` (from :data:`ERROR_TABLE`)."""
    return next(status for cls, status in ERROR_TABLE if isinstance(error, cls))
