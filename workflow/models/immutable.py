"""Append-only tables (issued documents, history): the database itself refuses UPDATE and DELETE.

Three layers, each with a clear message:

- database triggers — PostgreSQL: a plpgsql function per table and a ``BEFORE UPDATE OR DELETE`` row trigger
  plus a ``BEFORE TRUNCATE`` statement trigger (``INSERT … ON CONFLICT DO UPDATE`` and ``MERGE`` fire the row
  trigger); SQLite: ``BEFORE UPDATE`` and ``BEFORE DELETE`` triggers with ``RAISE(ABORT, …)``, and a
  ``BEFORE INSERT`` trigger refusing a row that would collide with a stored one on any unique key. SQLite's
  ``INSERT OR REPLACE`` deletes the colliding row without firing DELETE triggers (unless the connection
  set ``PRAGMA recursive_triggers``, which :mod:`workflow.db` does; other programs need not), so the
  INSERT trigger is what closes it. Both raise :class:`sqlalchemy.exc.IntegrityError`. They are created by
  ``metadata.create_all`` (``after_create`` DDL below) and by migrations 0003 and 0005 (frozen copies of that
  SQL), so raw SQL, other programs and migrated databases are covered alike. ``DROP TABLE`` still works
  (``xxgk db downgrade``). Note: an SQLite batch migration that recreates one of these tables drops its
  triggers; such a migration must create them again.
- ORM flushes of a changed or deleted row raise :class:`FrozenRowError` (``before_update``/``before_delete``);
- ``Session.execute(update(...))``/``delete(...)`` on these tables (ORM or Core, through a Session) raise
  :class:`FrozenRowError` before any SQL is sent (``do_orm_execute``); so does a bulk ``insert(...)`` into a
  chained table, which would skip the hash chain (:mod:`workflow.models.chain`).
"""
from __future__ import annotations

from sqlalchemy import DDL, Table, UniqueConstraint, event
from sqlalchemy.orm import ORMExecuteState, Session

from workflow.models.chain import chained_models

# Table name -> the Chinese message its triggers raise. Messages contain no "%" and no "'" (they are spliced
# into DDL text, which SQLAlchemy %-formats).
_FROZEN_TABLES: dict[str, str] = {}
# Table name -> its unique keys (primary key first): what an SQLite INSERT OR REPLACE could collide on.
_UNIQUE_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {}


class FrozenRowError(RuntimeError):
    """A change or deletion of an append-only row was attempted through the ORM."""


def create_trigger_sql(table: str, dialect: str) -> tuple[str, ...]:
    """The statements creating the triggers that refuse UPDATE and DELETE (and, on SQLite, an INSERT over a
    stored row) on the append-only ``table`` (``dialect`` is ``"sqlite"`` or ``"postgresql"``).
    Raises KeyError for another table or dialect."""
    message = _FROZEN_TABLES[table]
    if dialect == "sqlite":
        collides = " OR ".join("(" + " AND ".join(f"{c} = NEW.{c}" for c in key) + ")"
                               for key in _UNIQUE_KEYS[table])
        return (*(f"CREATE TRIGGER {table}_refuse_{verb.lower()} BEFORE {verb} ON {table} "
                  f"BEGIN SELECT RAISE(ABORT, '{message}'); END" for verb in ("UPDATE", "DELETE")),
                f"CREATE TRIGGER {table}_refuse_replace BEFORE INSERT ON {table} "
                f"WHEN EXISTS (SELECT 1 FROM {table} WHERE {collides}) "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END")
    if dialect != "postgresql":
        raise KeyError(dialect)
    return (
        f"CREATE OR REPLACE FUNCTION {table}_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{message}' USING ERRCODE = 'integrity_constraint_violation'; END $$",
        f"CREATE TRIGGER {table}_refuse_change BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_refuse_change()",
        f"CREATE TRIGGER {table}_refuse_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_refuse_change()",
    )


def drop_trigger_sql(table: str, dialect: str) -> tuple[str, ...]:
    """The statements dropping what :func:`create_trigger_sql` creates; KeyError for another dialect."""
    if dialect == "sqlite":
        return tuple(f"DROP TRIGGER IF EXISTS {table}_refuse_{verb}"
                     for verb in ("update", "delete", "replace"))
    if dialect != "postgresql":
        raise KeyError(dialect)
    return (f"DROP TRIGGER IF EXISTS {table}_refuse_truncate ON {table}",
            f"DROP TRIGGER IF EXISTS {table}_refuse_change ON {table}",
            f"DROP FUNCTION IF EXISTS {table}_refuse_change()")


def append_only(model: type, message: str) -> None:
    """Make ``model``'s table append-only in the database (triggers on ``create_all``) and in the ORM;
    ``message`` (Chinese) is what a refused change reports."""
    table: Table = model.__table__
    if "%" in message or "'" in message:
        raise ValueError(f"message must contain neither % nor ': {message!r}")
    _FROZEN_TABLES[table.name] = message
    _UNIQUE_KEYS[table.name] = (tuple(table.primary_key.columns.keys()), *(
        tuple(constraint.columns.keys()) for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)))
    for dialect in ("sqlite", "postgresql"):
        for statement in create_trigger_sql(table.name, dialect):
            event.listen(table, "after_create", DDL(statement).execute_if(dialect=dialect))
    # On PostgreSQL the function outlives DROP TABLE (its triggers do not); drop it with the table.
    drop_function = drop_trigger_sql(table.name, "postgresql")[-1]
    event.listen(table, "after_drop", DDL(drop_function).execute_if(dialect="postgresql"))

    def refuse(_mapper, _connection, target) -> None:
        raise FrozenRowError(f"{table.name} row {target.id} is frozen (append-only): {message}")
    event.listen(model, "before_update", refuse)
    event.listen(model, "before_delete", refuse)


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state: ORMExecuteState) -> None:
    name = getattr(getattr(state.statement, "table", None), "name", None)
    if state.is_insert and name in chained_models():
        raise FrozenRowError(f"bulk INSERT on {name} refused: it would bypass the hash chain "
                             "(workflow.models.chain); add ORM objects to the session instead")
    if not (state.is_update or state.is_delete):
        return
    if name in _FROZEN_TABLES:
        verb = "UPDATE" if state.is_update else "DELETE"
        raise FrozenRowError(f"{verb} on {name} refused (append-only): {_FROZEN_TABLES[name]}")
