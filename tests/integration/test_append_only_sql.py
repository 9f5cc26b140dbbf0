"""Every raw-SQL route to change an issued document or a history row is refused by the database itself, on
SQLite and on PostgreSQL: UPDATE, DELETE, SQLite's INSERT OR REPLACE (on the id and on the 文号), UPSERT
(INSERT … ON CONFLICT DO UPDATE), PostgreSQL's MERGE and TRUNCATE (also cascading from a parent table)."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest
from sqlalchemy.exc import IntegrityError

from tests.support.factories import T0, make_people, registration_data, snapshot
from tests.support.migrated import migrated
from workflow import services as sv
from workflow.db import make_session_factory
from workflow.models import Base, DocumentKind

DOCUMENT_REFUSAL = "已出具的文书只能追加，不得修改或删除"
HISTORY_REFUSAL = "办理历史只能追加，不得修改或删除"
REFUSALS = {"issued_document": DOCUMENT_REFUSAL, "history": HISTORY_REFUSAL}
FORGED_COLUMN = {"issued_document": "title", "history": "trigger"}  # text columns on both databases


def _columns(table: str, *, without_id: bool = False) -> list[str]:
    return [c.name for c in Base.metadata.tables[table].columns if not (without_id and c.name == "id")]


def _copy(table: str, *, without_id: bool = False, where: str = "true") -> tuple[str, str]:
    """(column list, SELECT of the stored rows with the forged column replaced)."""
    names = _columns(table, without_id=without_id)
    values = ["'forged'" if name == FORGED_COLUMN[table] else name for name in names]
    return ", ".join(names), f"SELECT {', '.join(values)} FROM {table} WHERE {where}"


def replace_by_id(table: str) -> str:
    names, rows = _copy(table)
    return f"INSERT OR REPLACE INTO {table} ({names}) {rows}"


def replace_by_number() -> str:
    """A new row (new id) with the 文号 of the issued reply: REPLACE would delete the reply to make room."""
    names, rows = _copy("issued_document", without_id=True, where="number IS NOT NULL")
    return f"REPLACE INTO issued_document ({names}) {rows}"


def upsert(table: str) -> str:
    names, rows = _copy(table)
    return (f"INSERT INTO {table} ({names}) {rows} "
            f"ON CONFLICT (id) DO UPDATE SET {FORGED_COLUMN[table]} = 'forged'")


def merge(table: str, action: str) -> str:
    return (f"MERGE INTO {table} USING (SELECT id FROM {table}) AS source ON {table}.id = source.id "
            f"WHEN MATCHED THEN {action}")


ROUTES = {
    "sqlite": {
        "replace-id": replace_by_id,
        "replace-number": lambda table: replace_by_number() if table == "issued_document" else None,
    },
    "postgresql": {
        "merge-update": lambda table: merge(table, f"UPDATE SET {FORGED_COLUMN[table]} = 'forged'"),
        "merge-delete": lambda table: merge(table, "DELETE"),
        "truncate": lambda table: f"TRUNCATE {table} CASCADE",
        "truncate-parent": lambda table: "TRUNCATE application CASCADE",
        "truncate-agency": lambda table: "TRUNCATE agency CASCADE",
    },
    "both": {
        "update": lambda table: f"UPDATE {table} SET {FORGED_COLUMN[table]} = 'forged'",
        "delete": lambda table: f"DELETE FROM {table}",
        "upsert": upsert,
    },
}
DATABASES = {"sqlite": ["sqlite"], "postgresql": ["postgresql"], "both": ["sqlite", "postgresql"]}
CASES = [(database, dialect, route, table) for dialect, routes in ROUTES.items() for route in routes
         for table in REFUSALS for database in DATABASES[dialect]
         if not (route == "replace-number" and table == "history")]


@pytest.mark.parametrize("database_url,dialect,route,table", CASES, indirect=["database_url"],
                         ids=[f"{database}-{route}-{table}" for database, _, route, table in CASES])
def test_raw_sql_cannot_change_delete_or_replace_a_frozen_row(engine, session_factory, create_case, dialect,
                                                              route, table):
    create_case("reply.issued")
    before = snapshot(session_factory)
    # TRUNCATE of a parent reaches both tables; whichever trigger fires first refuses it
    refusal = f"{DOCUMENT_REFUSAL}|{HISTORY_REFUSAL}" if route.startswith("truncate-") else REFUSALS[table]
    with pytest.raises(IntegrityError, match=refusal):
        with engine.begin() as connection:
            connection.exec_driver_sql(ROUTES[dialect][route](table))
    assert snapshot(session_factory) == before


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _forge_reply_with_its_record(connection, reply) -> None:
    """Issue 8's attack: REPLACE the 答复书 with a forged page and its hashes, and REPLACE the issuing history
    row with a payload recording those hashes, so that export's two checks agree."""
    html = reply.html.replace("</body>", "<p>另附：不予公开</p></body>")
    forged = {"html": html, "html_sha256": sha256(html.encode("utf-8"))}
    names = _columns("issued_document")
    values = [f":{n}" if n in forged else n for n in names]
    connection.execute(f"INSERT OR REPLACE INTO issued_document ({', '.join(names)}) "
                       f"SELECT {', '.join(values)} FROM issued_document WHERE id = :id",
                       {**forged, "id": reply.id})
    record = connection.execute("SELECT payload FROM history WHERE id = ?", (reply.history_id,)).fetchone()[0]
    names = _columns("history")
    values = [":payload" if n == "payload" else n for n in names]
    connection.execute(f"INSERT OR REPLACE INTO history ({', '.join(names)}) "
                       f"SELECT {', '.join(values)} FROM history WHERE id = :id",
                       {"payload": record.replace(reply.html_sha256, forged["html_sha256"]),
                        "id": reply.history_id})


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_another_program_cannot_replace_an_issued_reply_and_its_history_record(database_url, session_factory,
                                                                               create_case):
    case = create_case("reply.issued")
    reply, = [d for d in sv.list_documents(session_factory, case.id) if d.kind is DocumentKind.REPLY]
    connection = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
    try:  # a plain sqlite3 connection: no PRAGMA recursive_triggers, no application code
        with pytest.raises(sqlite3.IntegrityError, match=DOCUMENT_REFUSAL):
            _forge_reply_with_its_record(connection, reply)
    finally:
        connection.close()
    exported = sv.export_document(sv.get_document(session_factory, reply.id), "html")
    assert exported == reply.html.encode("utf-8")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_application_connections_fire_delete_triggers_on_replace(engine):
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA recursive_triggers").scalar() == 1


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_migrated_sqlite_database_refuses_replace_too(database_url):
    with migrated(database_url) as (_config, engine):
        session_factory = make_session_factory(engine)
        sv.register_application(
            session_factory, registration_data(), actor_id=make_people(session_factory).clerk, today=T0)
        with pytest.raises(IntegrityError, match=HISTORY_REFUSAL):
            with engine.begin() as connection:
                connection.exec_driver_sql("PRAGMA recursive_triggers=OFF")  # as another program would
                connection.exec_driver_sql(replace_by_id("history"))
