"""Engine and session factories. SQLite (embedded default) runs in WAL mode with foreign keys enforced.

Sessions made by :func:`make_session_factory` are :class:`BoundarySession`: an exception of the rules or the
database that leaves their ``with`` block leaves as its domain error (:mod:`workflow.boundary`).

On PostgreSQL every connection sets ``lock_timeout`` (``XXGK_POSTGRES_LOCK_TIMEOUT_MS``): a writer waiting
longer for a row lock fails with :class:`~workflow.errors.DatabaseBusy` instead of waiting without end.

SQLite transactions are begun explicitly (the driver's own implicit BEGIN is switched off): a transaction
opened with the execution option ``xxgk_write=True`` starts with ``BEGIN IMMEDIATE`` and so takes the write
lock before it reads anything. Two write services on one SQLite file are therefore serialised; the second one
waits (busy timeout) and then reads the first one's committed row, instead of failing later with
SQLITE_BUSY_SNAPSHOT.
"""
from __future__ import annotations

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from workflow.boundary import to_domain_error

SQLITE_BUSY_TIMEOUT_MS = 10_000
POSTGRES_LOCK_TIMEOUT_MS = 10_000
WRITE_OPTION = "xxgk_write"


def _sqlite_configurer(busy_timeout_ms: int):
    def configure(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself, see _begin_sqlite
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA recursive_triggers=ON")  # REPLACE fires DELETE triggers (models.immutable)
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()
    return configure


def _begin_sqlite(connection) -> None:
    immediate = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _postgres_configurer(lock_timeout_ms: int):
    def configure(dbapi_connection, _record) -> None:
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True  # a session setting, outside any transaction
        dbapi_connection.execute(f"SET lock_timeout = {int(lock_timeout_ms)}")
        dbapi_connection.autocommit = autocommit
    return configure


def make_engine(url: str, *, sqlite_busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS,
                postgres_lock_timeout_ms: int = POSTGRES_LOCK_TIMEOUT_MS, **kwargs) -> Engine:
    """An engine for ``url`` (sqlite:///… or postgresql+psycopg://…), configured for this application.

    A writer waits up to ``sqlite_busy_timeout_ms`` (SQLite) or ``postgres_lock_timeout_ms`` (PostgreSQL;
    0 = no limit) for another writer's lock.
    """
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_configurer(sqlite_busy_timeout_ms))
        event.listen(engine, "begin", _begin_sqlite)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _postgres_configurer(postgres_lock_timeout_ms))
    return engine


class BoundarySession(Session):
    """A session whose ``with`` block translates rules and database exceptions into domain errors."""

    def __exit__(self, type_, value, traceback) -> None:
        super().__exit__(type_, value, traceback)
        if isinstance(value, Exception):
            translated = to_domain_error(value)
            if translated is not None:
                raise translated from value


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Boundary sessions that never expire on commit (services return loaded objects to views)."""
    return sessionmaker(engine, class_=BoundarySession, expire_on_commit=False)
