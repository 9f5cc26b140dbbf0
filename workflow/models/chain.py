"""The hash chain of the append-only tables: each agency's history rows and issued documents form one chain.

Every row inserted through a Session into a chained table (``history``, ``issued_document``) gets, in the
flush that inserts it:

- ``chain_seq``: its position in its agency's chain (1, 2, …; both tables share the agency's sequence);
- ``chain_prev``: the ``chain_hash`` of the record before it (:data:`GENESIS` for the first);
- ``chain_hash``: :func:`record_hash` of the row — SHA-256 over the table name and every non-NULL column but
  the id (``chain_prev`` included, the .docx bytes through their own SHA-256).

The agency's head (:class:`RecordChain`: length and last hash) is locked for the rest of the transaction
(``SELECT … FOR UPDATE`` on PostgreSQL; SQLite lets one writer at a time commit) and advanced in the same
flush, so two transactions appending to one agency's chain cannot fork it; it also makes the ids of each
table grow along the chain, which ``verify`` checks (the id itself is not hashed: the INSERT assigns it).

A history row belongs to the agency of its case. ``workflow.chain.verify_chains`` recomputes the chains.
Rules that keep old hashes valid: a migration adding a column to a chained table leaves it NULL in existing
rows (NULL columns are not hashed); chained rows are only ever inserted through a Session (a Core
``insert()`` gets no chain values and ``verify`` reports it).
"""
from __future__ import annotations

import enum
import functools
import hashlib
import json
from datetime import date, datetime, timezone
from typing import Any, Iterable, Mapping, Optional

from sqlalchemy import CheckConstraint, Connection, DateTime, ForeignKey, String, event, inspect, select
from sqlalchemy import column as sql_column, table as sql_table
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Mapper, Session, mapped_column, object_session
from sqlalchemy.orm.util import identity_key

from workflow.models.base import Base

GENESIS = "0" * 64
CHAIN_COLUMNS = ("chain_seq", "chain_prev", "chain_hash")
_STATE_KEY = "xxgk_chains"  # in Session.info: the _Transaction
_CHAINED: dict[str, type] = {}  # table name -> model
# A history row belongs to the agency of its case.
_APPLICATION = sql_table("application", sql_column("id"), sql_column("agency_id"))


class RecordChain(Base):
    """The head of one agency's chain: how many records it holds and the hash of the last one."""

    __tablename__ = "record_chain"
    __table_args__ = (CheckConstraint("length >= 0", name="length_not_negative"),)

    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), primary_key=True, autoincrement=False)
    length: Mapped[int] = mapped_column(default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default=GENESIS)


class ChainColumns:
    """Mixin: the chain columns of a chained table (NULL only in rows written behind the application)."""

    chain_seq: Mapped[Optional[int]]
    chain_prev: Mapped[Optional[str]] = mapped_column(String(64))
    chain_hash: Mapped[Optional[str]] = mapped_column(String(64))


def _canonical(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (bytes, memoryview)):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, datetime):  # stored as UTC; SQLite gives it back naive
        return (value.astimezone(timezone.utc) if value.tzinfo else value).replace(tzinfo=None).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def record_hash(table: str, values: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the row ``values`` (column name -> value, as stored or read back) of ``table``:
    every non-NULL column except ``id`` (assigned by the INSERT; ``verify`` checks that ids grow along the
    chain) and ``chain_hash``. Raises ValueError for a value JSON cannot hold (NaN)."""
    body = {name: _canonical(value) for name, value in values.items()
            if value is not None and name not in ("id", "chain_hash")}
    data = json.dumps([table, body], sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


class _Transaction:
    """What one transaction knows of the chains, kept until it ends or anything in it is rolled back: the
    heads it locked (agency -> [length, last hash]), those the current flush advanced, and the agencies of
    cases."""

    def __init__(self) -> None:
        self.heads: dict[int, list] = {}
        self.advanced: set[int] = set()
        self.case_agencies: dict[int, int] = {}

    def head(self, connection: Connection, agency_id: int) -> list:
        if agency_id not in self.heads:
            self.heads[agency_id] = _lock_head(connection, agency_id)
        return self.heads[agency_id]

    def learn_case_agencies(self, session: Session, connection: Connection, case_ids: set[int]) -> None:
        """Remember the agency of each case: from the session's loaded case, else from the database."""
        from workflow.models.application import Application

        unknown = set()
        for case_id in case_ids - set(self.case_agencies):
            case = session.identity_map.get(identity_key(Application, case_id))
            agency_id = case.__dict__.get("agency_id") if case is not None else None
            if agency_id is None:
                unknown.add(case_id)
            else:
                self.case_agencies[case_id] = agency_id
        if unknown:
            rows = connection.execute(select(_APPLICATION.c.id, _APPLICATION.c.agency_id)
                                      .where(_APPLICATION.c.id.in_(unknown)))
            self.case_agencies.update(dict(rows.all()))

    def agency_of(self, session: Session, connection: Connection, case_id: int) -> Optional[int]:
        """The agency of the case (None: the case is not in the database yet)."""
        self.learn_case_agencies(session, connection, {case_id})
        return self.case_agencies.get(case_id)


def _lock_head(connection: Connection, agency_id: int) -> list:
    """[length, last hash] of the agency's head row, locked until the transaction ends (created if
    missing)."""
    table = RecordChain.__table__
    query = select(table.c.length, table.c.last_hash).where(table.c.agency_id == agency_id).with_for_update()
    row = connection.execute(query).one_or_none()
    if row is None:
        insert = postgresql_insert if connection.dialect.name == "postgresql" else sqlite_insert
        connection.execute(insert(table).values(agency_id=agency_id, length=0, last_hash=GENESIS)
                           .on_conflict_do_nothing())
        row = connection.execute(query).one()
    return [row.length, row.last_hash]


@functools.cache
def _columns_of(mapper: Mapper) -> tuple[tuple[str, str, Any, bool], ...]:
    """(attribute, column name, Python default or None, is a datetime) of each column of ``mapper``."""
    columns = []
    for prop in mapper.column_attrs:
        column, default = prop.columns[0], prop.columns[0].default
        if default is not None and not column.primary_key:
            default = functools.partial(default.arg, None) if default.is_callable else functools.partial(
                lambda value: value, default.arg)
        else:
            default = None
        columns.append((prop.key, column.name, default, isinstance(column.type, DateTime)))
    return tuple(columns)


def _completed(mapper: Mapper, given: Mapping[str, Any]) -> dict[str, Any]:
    """Column name -> value of a row about to be inserted (``given``: attribute -> value), as the database
    will hold it: the columns' Python defaults applied now, datetimes as UTC."""
    values = {}
    for key, name, default, is_datetime in _columns_of(mapper):
        value = given.get(key)
        if value is None and default is not None:
            value = default()
        elif is_datetime and isinstance(value, datetime) and value.tzinfo is not timezone.utc:
            value = value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)
        values[name] = value
    return values


def _append(session: Session, connection: Connection, table: str, values: dict[str, Any]) -> None:
    """Give the row ``values`` its place in its agency's chain (chain columns set in ``values``)."""
    chains = _state(session)
    agency_id = values.get("agency_id") or chains.agency_of(session, connection, values["application_id"])
    if agency_id is None:
        raise RuntimeError(f"{table} row of case {values['application_id']}: the case is not in the database")
    head = chains.head(connection, agency_id)
    values.update(chain_seq=head[0] + 1, chain_prev=head[1])
    values["chain_hash"] = record_hash(table, values)
    head[0], head[1] = values["chain_seq"], values["chain_hash"]
    chains.advanced.add(agency_id)


def _state(session: Session) -> _Transaction:
    return session.info.setdefault(_STATE_KEY, _Transaction())


def _forget(session: Session, *_args) -> None:
    """after_soft_rollback (any rollback, also of a savepoint): what was locked or written may be gone."""
    session.info.pop(_STATE_KEY, None)


def _end(session: Session, transaction) -> None:
    if transaction.parent is None:
        _forget(session)


def _link(mapper: Mapper, connection: Connection, target: Any) -> None:
    """before_insert: give the row its place in its agency's chain."""
    values = _completed(mapper, target.__dict__)
    _append(object_session(target), connection, mapper.local_table.name, values)
    for key, name, _default, _is_datetime in _columns_of(mapper):
        if values[name] is not target.__dict__.get(key):
            setattr(target, key, values[name])


def lock_chains(session: Session, case_ids: Iterable[int]) -> None:
    """Lock the chain heads of the cases' agencies, in agency order, for the rest of the transaction. A job
    that locks case rows itself and then appends history calls this first (users lock the head before
    their case row: the other order deadlocks)."""
    chains, connection = _state(session), session.connection()
    case_ids = set(case_ids)
    chains.learn_case_agencies(session, connection, case_ids)
    for agency_id in sorted({chains.case_agencies[case_id] for case_id in case_ids}):
        chains.head(connection, agency_id)


def chained_rows(session: Session, model: type, rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` (column -> value) for a Core ``insert(model.__table__)`` run on ``session.connection()``,
    completed with their chain values, in order; the agencies' heads are advanced in the database now.
    A bulk insert without them would leave unchained rows (``verify`` reports them)."""
    mapper, connection = inspect(model), session.connection()
    completed = []
    for row in rows:
        values = _completed(mapper, row)
        _append(session, connection, model.__tablename__, values)
        if values.get("id") is None:
            values.pop("id", None)
        completed.append(values)
    _store_heads(session, None)
    return completed


def _begin_flush(session: Session, _context, _instances) -> None:
    """before_flush: lock the heads of the agencies whose chains this transaction may extend — those of the
    chained rows to insert, and of the cases being changed — in agency order, before the flush takes any row
    lock. (A user's action changes its case, then appends history: locking the head only at the history row
    would deadlock with a job that holds the head and waits for that case.)"""
    from workflow.models.application import Application

    new = [obj for obj in session.new if getattr(type(obj), "__tablename__", None) in _CHAINED]
    cases = {obj.agency_id for obj in (*session.new, *session.dirty)
             if isinstance(obj, Application) and obj.agency_id is not None}
    if not new and not cases:
        return
    chains, connection = _state(session), session.connection()
    chains.learn_case_agencies(session, connection, {obj.application_id for obj in new
                                                     if not hasattr(obj, "agency_id") and obj.application_id})
    agencies = {getattr(obj, "agency_id", None) or chains.case_agencies.get(obj.application_id)
                for obj in new}
    agencies = (agencies | cases) - {None}
    for agency_id in sorted(agencies):
        chains.head(connection, agency_id)


def _store_heads(session: Session, _context) -> None:
    """after_flush: write the heads this flush advanced."""
    chains = session.info.get(_STATE_KEY)
    if chains is None or not chains.advanced:
        return
    table = RecordChain.__table__
    connection = session.connection()
    for agency_id in sorted(chains.advanced):
        length, last_hash = chains.heads[agency_id]
        connection.execute(table.update().where(table.c.agency_id == agency_id)
                           .values(length=length, last_hash=last_hash))
    chains.advanced.clear()


def chain_records(*models: type) -> None:
    """Chain every row inserted into ``models``' tables (each has the :class:`ChainColumns` and an integer
    ``id``; a history-like model without ``agency_id`` has an ``application_id``)."""
    for model in models:
        _CHAINED[model.__tablename__] = model
        event.listen(model, "before_insert", _link)


def chained_models() -> dict[str, type]:
    """Table name -> model of every chained table."""
    return dict(_CHAINED)


event.listen(Session, "before_flush", _begin_flush)
event.listen(Session, "after_flush", _store_heads)
event.listen(Session, "after_soft_rollback", _forget)
event.listen(Session, "after_transaction_end", _end)
