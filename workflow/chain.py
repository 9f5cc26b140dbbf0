"""Verify the hash chains of the append-only tables (:mod:`workflow.models.chain`): recompute every record's
hash in each agency's chain order and compare it, its link to the record before and the chain's head.

A record deleted, inserted or rewritten anywhere — also by someone who dropped the triggers — breaks a link:
the next record no longer points at it, its own hash no longer matches, or the head no longer matches the
last record. (Someone who rewrites a record *and* recomputes every later hash and the head is caught only by
comparing with a head printed earlier: keep the output of ``xxgk documents verify``.)
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Iterator, Optional

from sqlalchemy import Connection, CursorResult, Table, select, union
from sqlalchemy.orm import Session, sessionmaker

from workflow.models import Application, History, RecordChain
from workflow.models.chain import GENESIS, chained_models, record_hash

_BATCH = 500


@dataclass(frozen=True)
class ChainBreak:
    """The first broken link found: where (table, row id, agency) and what is wrong (Chinese)."""

    table: str
    record_id: Optional[int]
    agency_id: int
    problem: str


@dataclass(frozen=True)
class ChainReport:
    """What :func:`verify_chains` checked: the records it verified, the head of each agency's chain found
    intact (agency -> (length, last hash)), and the first break (None when every link holds)."""

    records: int
    heads: dict[int, tuple[int, str]] = field(default_factory=dict)
    broken: Optional[ChainBreak] = None


def _query(connection: Connection, table: Table, agency_id: int) -> CursorResult:
    """The agency's rows of ``table`` in chain order (rows without chain values first), streamed."""
    query = select(table).order_by(table.c.chain_seq.asc().nulls_first(), table.c.id)
    if "agency_id" in table.c:
        query = query.where(table.c.agency_id == agency_id)
    else:
        cases = select(Application.id).where(Application.agency_id == agency_id)
        query = query.where(table.c.application_id.in_(cases))
    return connection.execute(query.execution_options(yield_per=_BATCH))


def _stream(result: CursorResult, table: str) -> Iterator[tuple]:
    for row in result.mappings():
        yield (row["chain_seq"] or 0), table, row


class _Walk:
    """The state of one agency's walk: records verified, the last hash, the last id per table, and the
    history rows seen (a document follows the history row that issued it)."""

    def __init__(self) -> None:
        self.count, self.last_hash = 0, GENESIS
        self.last_ids: dict[str, int] = {}
        self.history_ids: set[int] = set()

    def problem(self, row, table: str) -> Optional[str]:
        """What is wrong with ``row``, the next record of the chain (None: nothing)."""
        seq, expected = row["chain_seq"], self.count + 1
        if seq is None or row["chain_hash"] is None:
            return "没有链校验值（不是经本系统写入的记录）"
        if seq != expected:
            return f"链中第 {expected} 条记录缺失（已被删除）" if seq > expected else f"链序号 {seq} 重复（有记录被插入）"
        if row["chain_prev"] != self.last_hash:
            return "与前一条记录的链接不符（前面的记录被删除、插入或改写）"
        if record_hash(table, dict(row)) != row["chain_hash"]:
            return "内容与链校验值不符（记录被改写）"
        if row["id"] <= self.last_ids.get(table, 0):
            return "记录编号与链的顺序不符（记录编号被改动）"
        if table != History.__tablename__ and row["history_id"] not in self.history_ids:  # a document
            return "出具该文书的办理历史不在本机关的链中（记录编号被改动）"
        return None

    def advance(self, row, table: str) -> None:
        self.count, self.last_hash = self.count + 1, row["chain_hash"]
        self.last_ids[table] = row["id"]
        if table == History.__tablename__:
            self.history_ids.add(row["id"])


def _walk(connection: Connection, agency_id: int) -> tuple[int, str, Optional[ChainBreak]]:
    """(records verified, hash of the last one, first break or None) along the agency's records."""
    results = {name: _query(connection, model.__table__, agency_id)
               for name, model in chained_models().items()}
    walk = _Walk()
    try:
        records = heapq.merge(*map(_stream, results.values(), results), key=lambda item: item[0])
        for _seq, table, row in records:
            problem = walk.problem(row, table)
            if problem:
                return walk.count, walk.last_hash, ChainBreak(table, row["id"], agency_id, problem)
            walk.advance(row, table)
    finally:
        for result in results.values():
            result.close()
    return walk.count, walk.last_hash, None


def _verify_agency(connection: Connection,
                   agency_id: int) -> tuple[int, tuple[int, str], Optional[ChainBreak]]:
    """(records verified, (length, last hash) found, first break or None) of one agency's chain."""
    count, last_hash, broken = _walk(connection, agency_id)
    if broken is None:
        head = connection.execute(select(RecordChain.length, RecordChain.last_hash)
                                  .where(RecordChain.agency_id == agency_id)).one_or_none()
        if (head is None and count) or (head is not None and tuple(head) != (count, last_hash)):
            broken = ChainBreak(RecordChain.__tablename__, agency_id, agency_id,
                                "链头与最后一条记录不符（末尾的记录被删除，或链头被改写）")
    return count, (count, last_hash), broken


def chained_agencies(connection: Connection) -> list[int]:
    """Every agency with a chain head or a chained record, ascending."""
    cases = select(Application.agency_id).where(Application.id.in_(select(History.application_id)))
    heads = select(RecordChain.agency_id)
    documents = [select(model.agency_id) for model in chained_models().values()
                 if hasattr(model, "agency_id")]
    return sorted(connection.execute(union(cases, heads, *documents)).scalars())


def verify_chains(session_factory: sessionmaker[Session], agency_id: Optional[int] = None) -> ChainReport:
    """Verify the chain of ``agency_id`` (default: every agency) in one read transaction; stops at the first
    broken link (:class:`ChainBreak` in the report). Raises nothing for tampering, only database errors."""
    with session_factory() as session:
        # one snapshot for every query (SQLite: the read transaction's BEGIN gives one)
        postgresql = session.get_bind().dialect.name == "postgresql"
        connection = session.connection(
            execution_options={"isolation_level": "REPEATABLE READ"} if postgresql else {})
        agencies = [agency_id] if agency_id is not None else chained_agencies(connection)
        total, heads = 0, {}
        for agency in agencies:
            count, head, broken = _verify_agency(connection, agency)
            total += count
            if broken:
                return ChainReport(total, heads, broken)
            heads[agency] = head
    return ChainReport(total, heads)
