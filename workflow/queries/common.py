"""What every query shares: the reading actor, the agency calendar, the system actor's display name."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Optional

from sqlalchemy.orm import Session, sessionmaker

from rules.calendar import CalendarError, load_calendar
from workflow.errors import CalendarDataMissing, NotFound, PermissionDenied
from workflow.models import Role, User

SessionFactory = sessionmaker[Session]
SYSTEM_NAME = "系统"  # how the system actor (and history written by a job without an actor) is shown


@dataclass(frozen=True)
class Reader:
    """The user a query runs for: only its agency's cases are visible."""

    id: int
    agency_id: int
    roles: frozenset[Role]


def load_reader(session: Session, actor_id: int) -> Reader:
    """The active staff user ``actor_id``; raises PermissionDenied for an unknown, disabled or system user."""
    user = session.get(User, actor_id)
    if user is None or not user.active or user.is_system or user.agency_id is None:
        raise PermissionDenied("用户不存在或已停用")
    return Reader(user.id, user.agency_id, frozenset(Role(r) for r in user.roles))


def not_found(case_id: object) -> NotFound:
    """The one answer for a missing case and for another agency's (so that ids cannot be discovered)."""
    return NotFound(f"案件 {case_id} 不存在")


@contextmanager
def calendar_data() -> Iterator[None]:
    """Turn a calendar failure inside the block (a year not loaded, an unknown region) into
    CalendarDataMissing, naming the cause."""
    try:
        yield
    except CalendarError as exc:
        raise CalendarDataMissing(f"{CalendarDataMissing.default_message}（{exc}）") from exc


def agency_calendar(region_code: Optional[str]):
    """The working-day calendar of an agency's region; raises CalendarDataMissing when it cannot be had."""
    with calendar_data():
        return load_calendar(region=region_code)


def actor_name(name: Optional[str], is_system: Optional[bool]) -> str:
    """The display name of a history or document actor: 「系统」 for the system actor and for no actor."""
    if name is None or is_system:
        return SYSTEM_NAME
    return name
