"""Tampering with append-only tables as an attacker with DDL rights would: drop triggers, change, restore."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import Connection, Engine

from workflow.models.immutable import create_trigger_sql, drop_trigger_sql


@contextmanager
def triggers_dropped(engine: Engine, table: str) -> Iterator[Connection]:
    """A connection in a transaction in which ``table``'s append-only triggers are dropped; they are created
    again before the commit. Use Core statements on it (a Session refuses bulk changes to the table)."""
    dialect = engine.dialect.name
    with engine.begin() as connection:
        for statement in drop_trigger_sql(table, dialect):
            connection.exec_driver_sql(statement)
        yield connection
        for statement in create_trigger_sql(table, dialect):
            connection.exec_driver_sql(statement)
