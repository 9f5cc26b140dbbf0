"""The unit of work: the one place where a write service commits (or rolls back)."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from sqlalchemy.orm import Session, sessionmaker

from workflow.boundary import to_domain_error
from workflow.db import WRITE_OPTION


@contextmanager
def unit_of_work(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session in a write transaction; committed when the block ends, rolled back on any exception.

    On SQLite the transaction starts with BEGIN IMMEDIATE (see :mod:`workflow.db`). Every exception of the
    rules or the database leaves as its domain error (:mod:`workflow.boundary`): a stale version (someone
    else committed first) as :class:`ConcurrentModification`, a lock not had in time (SQLite busy timeout,
    PostgreSQL ``lock_timeout``) as :class:`DatabaseBusy`, an unusable database as
    :class:`DatabaseUnavailable`, a date beyond the calendar as :class:`CalendarDataMissing`.
    """
    session = session_factory()
    try:
        session.connection(execution_options={WRITE_OPTION: True})
        yield session
        session.commit()
    except BaseException as exc:
        session.rollback()
        translated = to_domain_error(exc)
        if translated is None:
            raise
        raise translated from exc
    finally:
        session.close()
