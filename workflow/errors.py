"""Domain errors: every refusal of the workflow carries a Chinese message fit to show the user."""
from __future__ import annotations


class DomainError(Exception):
    """Base of every workflow refusal; ``message`` is Simplified Chinese and says what to do."""

    default_message = "操作未能完成"

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class TransitionNotAllowed(DomainError):
    """The trigger does not apply to the case's current stage (or does not exist)."""

    default_message = "当前办理阶段不允许此操作"


class PermissionDenied(DomainError):
    """The actor lacks the role, is inactive, or belongs to another agency."""

    default_message = "您没有执行此操作的权限"


class GuardFailed(DomainError):
    """The trigger applies, but a condition of DOMAIN.md §2 is not met."""

    default_message = "办理条件不满足"


class ConcurrentModification(DomainError):
    """Someone else changed the case since it was loaded."""

    default_message = "案件已被他人修改，请刷新"


class NotFound(DomainError):
    """The case (or a record named in the request) does not exist."""

    default_message = "未找到该记录"
