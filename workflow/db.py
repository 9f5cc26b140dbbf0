"""Engine and session factories. SQLite (embedded default) runs in WAL mode with foreign keys enforced."""
from __future__ import annotations

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 10_000


def _configure_sqlite(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(url: str, **kwargs) -> Engine:
    """An engine for ``url`` (sqlite:///… or postgresql+psycopg://…), configured for this application."""
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _configure_sqlite)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that never expire on commit (services return loaded objects to views)."""
    return sessionmaker(engine, expire_on_commit=False)
