"""The deadline board's search: which open cases of an agency a search text finds, fast at 100,000 of them.

- The tracking number (受理编号) is matched by its beginning among all open cases, through the unique index
  (agency_id, tracking_number): ``2026-01`` finds 2026-0100 … 2026-0199. The column compares by code point on
  both databases (``COLLATE "C"`` on PostgreSQL, migration 0011; SQLite's BINARY), so that the prefix is an
  exact index range.
- Tracking number, applicant name and request text are matched anywhere (case-insensitively, ``%`` and ``_``
  literally) among the ``SEARCH_WINDOW`` most recently received open cases — every open case of any real
  agency; at 100,000 the scan stays bounded. A substring cannot use a B-tree index, and trigram indexes
  (pg_trgm) help neither two-character Chinese names nor a database with the C locale; they would also need
  an extension installed by a superuser.
"""
from __future__ import annotations

import re
from typing import Optional

from sqlalchemy import func, or_, select, union
from sqlalchemy.orm import Session

from workflow.models import Application, ClockStatus

SEARCH_WINDOW = 5000  # open cases (newest received first) whose name and request text a search reads
_TRACKING_PREFIX = re.compile(r"[0-9A-Za-z-]+")  # what a tracking number's beginning can look like


def search_condition(agency_id: int, text: str):
    """SQL condition: the case is one the search ``text`` (stripped, not empty) finds."""
    a = Application
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    recent = (_open_cases(agency_id).add_columns(a.tracking_number, a.applicant_name, a.description)
              .order_by(a.received_on.desc(), a.id.desc()).limit(SEARCH_WINDOW).subquery())
    found = [select(recent.c.id).where(or_(*(column.ilike(pattern, escape="\\") for column in (
        recent.c.tracking_number, recent.c.applicant_name, recent.c.description))))]
    if _TRACKING_PREFIX.fullmatch(text):
        following = text[:-1] + chr(ord(text[-1]) + 1)  # the first text after every one beginning with text
        found.append(select(a.id).where(a.agency_id == agency_id, a.tracking_number >= text,
                                        a.tracking_number < following))
    matching = union(*found).cte("matching") if len(found) > 1 else found[0].cte("matching")
    return a.id.in_(select(matching.c.id))


def window_if_exceeded(session: Session, agency_id: int) -> Optional[int]:
    """``SEARCH_WINDOW`` when the agency has more open cases than the search reads by name and request text,
    else None (the search read them all)."""
    beyond = _open_cases(agency_id).offset(SEARCH_WINDOW).limit(1).subquery()
    return SEARCH_WINDOW if session.scalar(select(func.count()).select_from(beyond)) else None


def _open_cases(agency_id: int):
    return select(Application.id).where(Application.agency_id == agency_id,
                                        Application.clock_status != ClockStatus.CLOSED)
