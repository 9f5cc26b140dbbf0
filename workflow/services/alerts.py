"""``mark_read``: a user marks rows of his own inbox read (DOMAIN §7, "Delivery")."""
from __future__ import annotations

from datetime import datetime
from typing import Collection, Optional

from sqlalchemy import func, select, update

from workflow.errors import NotFound, PermissionDenied
from workflow.models import AlertRecipient, User, utcnow
from workflow.services.engine import SessionFactory
from workflow.uow import unit_of_work

MAX_IDS = 500  # rows marked in one request (a page of the inbox is at most 200)
MAX_ID = 2**31 - 1  # the id column is a 32-bit INTEGER on PostgreSQL: larger numbers are no row


def mark_read(session_factory: SessionFactory, *, user_id: int,
              recipient_ids: Optional[Collection[int]] = None, now: Optional[datetime] = None) -> int:
    """Mark ``user_id``'s inbox rows ``recipient_ids`` read (None: every unread row of the user) at ``now``
    (default: the current moment); rows already read keep their time. Returns how many became read.

    Raises PermissionDenied (unknown, disabled or system user), NotFound (an id that is not one of the
    user's rows — another user's row is answered exactly like a missing one, and nothing is marked).
    """
    moment = now or utcnow()
    with unit_of_work(session_factory) as session:
        user = session.get(User, user_id)
        if user is None or not user.active or user.is_system:
            raise PermissionDenied("用户不存在或已停用")
        r = AlertRecipient
        mine = [r.user_id == user_id, r.read_at.is_(None)]
        if recipient_ids is not None:
            ids = _checked_ids(recipient_ids)
            if not ids:
                return 0
            owned = session.scalar(select(func.count(r.id)).where(r.user_id == user_id, r.id.in_(ids)))
            if owned != len(ids):
                raise NotFound("提醒不存在或不属于您，请刷新提醒页面")
            mine.append(r.id.in_(ids))
        result = session.execute(update(r).where(*mine).values(read_at=moment)
                                 .execution_options(synchronize_session=False))
        return result.rowcount


def _checked_ids(recipient_ids: Collection[int]) -> set[int]:
    ids = set(recipient_ids)
    if len(ids) > MAX_IDS or not all(isinstance(i, int) and not isinstance(i, bool) and 0 < i <= MAX_ID
                                     for i in ids):
        raise NotFound("提醒不存在或不属于您，请刷新提醒页面")
    return ids
