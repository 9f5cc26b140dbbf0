"""SQLite refuses INSERT OR REPLACE (and any INSERT colliding with a stored row) on the append-only tables

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 12:30:00+00:00

SQLite's ``INSERT OR REPLACE`` deletes the row it collides with without firing DELETE triggers (unless the
connection set ``PRAGMA recursive_triggers``), so revision 0003's triggers let it rewrite an issued document
or a history row. This adds a ``BEFORE INSERT`` trigger per table refusing a row that collides with a stored
one on any unique key (``issued_document``: id, or agency and 文号; ``history``: id). The SQL is a frozen copy
of workflow.models.immutable.create_trigger_sql as of this revision. PostgreSQL needs nothing: it has no
REPLACE, and ``ON CONFLICT DO UPDATE`` and ``MERGE`` fire the row trigger of 0003.
"""
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

TRIGGERS = {
    "issued_document": ("(id = NEW.id) OR (agency_id = NEW.agency_id AND number = NEW.number)",
                        "已出具的文书只能追加，不得修改或删除"),
    "history": ("(id = NEW.id)", "办理历史只能追加，不得修改或删除"),
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, (collides, message) in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {table}_refuse_replace BEFORE INSERT ON {table} "
                   f"WHEN EXISTS (SELECT 1 FROM {table} WHERE {collides}) "
                   f"BEGIN SELECT RAISE(ABORT, '{message}'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_refuse_replace")
