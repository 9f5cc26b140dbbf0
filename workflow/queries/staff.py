"""``agency_staff``: the reader's colleagues (for handler filters and assignment), as plain data."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from workflow.models import Role, User
from workflow.queries.common import SessionFactory, load_reader


@dataclass(frozen=True)
class StaffMember:
    id: int
    name: str
    username: str
    roles: tuple[str, ...]
    active: bool


def agency_staff(session_factory: SessionFactory, *, actor_id: int,
                 include_disabled: bool = False) -> tuple[StaffMember, ...]:
    """The human users of the reader's agency, by name (never the system actor).

    Raises PermissionDenied for an unknown, disabled or system reader.
    """
    with session_factory() as session:
        reader = load_reader(session, actor_id)
        query = (select(User).options(selectinload(User.role_rows))
                 .where(User.agency_id == reader.agency_id, User.is_system.is_(False)).order_by(User.name, User.id))
        if not include_disabled:
            query = query.where(User.active.is_(True))
        return tuple(StaffMember(u.id, u.name, u.username, tuple(sorted(Role(r).value for r in u.roles)), u.active)
                     for u in session.scalars(query))
