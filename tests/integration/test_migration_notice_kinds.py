"""Migration 0007 widens the document-kind CHECK; on SQLite it recreates issued_document and must keep every
append-only trigger that create_all would make."""
from __future__ import annotations

import sqlite3

from alembic import command
from sqlalchemy import create_engine

from migrations import alembic_config
from workflow.models import Base


def _schema(path) -> tuple[set[str], str]:
    db = sqlite3.connect(path)
    try:
        triggers = {sql for (sql,) in db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'issued_document'")}
        table = db.execute("SELECT sql FROM sqlite_master WHERE name = 'issued_document'").fetchone()[0]
        return triggers, table
    finally:
        db.close()


def test_the_migrated_sqlite_table_keeps_its_triggers_and_accepts_the_new_kinds(tmp_path):
    created = tmp_path / "created.sqlite3"
    engine = create_engine(f"sqlite:///{created}")
    Base.metadata.create_all(engine)
    engine.dispose()
    migrated = tmp_path / "migrated.sqlite3"
    config = alembic_config(f"sqlite:///{migrated}")
    config.attributes["skip_logging"] = True
    command.upgrade(config, "head")
    command.downgrade(config, "0006")
    old_triggers, old_table = _schema(migrated)
    assert "disclosure_notice" not in old_table and len(old_triggers) == 3
    command.upgrade(config, "head")
    triggers, table = _schema(migrated)
    assert triggers == _schema(created)[0] == old_triggers
    assert table.count("'delayed_period_notice', 'disclosure_notice'") == 1 and table.count("'lapse_notice'") == 1
