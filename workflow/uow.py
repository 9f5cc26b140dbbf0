"""The unit of work: the one place where a write service commits (or rolls back)."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from workflow.db import WRITE_OPTION
from workflow.errors import ConcurrentModification

_BUSY_MESSAGES = ("database is locked", "database table is locked")


def _is_busy(error: OperationalError) -> bool:
    return any(text in str(error.orig).lower() for text in _BUSY_MESSAGES)


@contextmanager
def unit_of_work(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session in a write transaction; committed when the block ends, rolled back on any exception.

    On SQLite the transaction starts with BEGIN IMMEDIATE (see :mod:`workflow.db`). A stale version
    (someone else committed first) or a lock that could not be had raises :class:`ConcurrentModification`.
    """
    session = session_factory()
    try:
        session.connection(execution_options={WRITE_OPTION: True})
        yield session
        session.commit()
    except StaleDataError as exc:
        session.rollback()
        raise ConcurrentModification() from exc
    except OperationalError as exc:
        session.rollback()
        if _is_busy(exc):
            raise ConcurrentModification() from exc
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
