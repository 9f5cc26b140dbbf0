"""Engine and session factories. SQLite (embedded default) runs in WAL mode with foreign keys enforced.

SQLite transactions are begun explicitly (the driver's own implicit BEGIN is switched off): a transaction
opened with the execution option ``xxgk_write=True`` starts with ``BEGIN IMMEDIATE`` and so takes the write
lock before it reads anything. Two write services on one SQLite file are therefore serialised; the second one
waits (busy timeout) and then reads the first one's committed row, instead of failing later with
SQLITE_BUSY_SNAPSHOT.
"""
from __future__ import annotations

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 10_000
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


def make_engine(url: str, *, sqlite_busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS, **kwargs) -> Engine:
    """An engine for ``url`` (sqlite:///… or postgresql+psycopg://…), configured for this application.

    On SQLite a writer waits up to ``sqlite_busy_timeout_ms`` for another writer's lock.
    """
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_configurer(sqlite_busy_timeout_ms))
        event.listen(engine, "begin", _begin_sqlite)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that never expire on commit (services return loaded objects to views)."""
    return sessionmaker(engine, expire_on_commit=False)
