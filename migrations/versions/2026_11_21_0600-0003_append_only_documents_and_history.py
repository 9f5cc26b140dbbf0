"""issued documents and history are append-only in the database; the HTML of issued documents is hashed

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 06:00:00+00:00

Adds ``issued_document.html_sha256`` (SHA-256 of the stored HTML as UTF-8), filled for existing rows from
their stored HTML, then creates the triggers refusing UPDATE and DELETE on ``issued_document`` and
``history``. The trigger SQL is a frozen copy of workflow.models.immutable.create_trigger_sql as of this
revision (migrations never import the application). The column is filled before the triggers exist:
afterwards no UPDATE can.
Existing history rows are not rewritten: documents issued before this revision have no hash record in their
issuing history row, and export checks them against their own two hashes only.

SQLite: a later batch migration that recreates one of these tables drops its triggers and must create them
again.
"""
import hashlib

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

MESSAGES = {
    "issued_document": "已出具的文书只能追加，不得修改或删除",
    "history": "办理历史只能追加，不得修改或删除",
}


def _create_sql(table: str, message: str, dialect: str) -> list:
    if dialect == "sqlite":
        return [f"CREATE TRIGGER {table}_refuse_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END" for verb in ("UPDATE", "DELETE")]
    return [
        f"CREATE OR REPLACE FUNCTION {table}_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{message}' USING ERRCODE = 'integrity_constraint_violation'; END $$",
        f"CREATE TRIGGER {table}_refuse_change BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_refuse_change()",
        f"CREATE TRIGGER {table}_refuse_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_refuse_change()",
    ]


def _drop_sql(table: str, dialect: str) -> list:
    if dialect == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {table}_refuse_{verb}" for verb in ("update", "delete")]
    return [f"DROP TRIGGER IF EXISTS {table}_refuse_truncate ON {table}",
            f"DROP TRIGGER IF EXISTS {table}_refuse_change ON {table}",
            f"DROP FUNCTION IF EXISTS {table}_refuse_change()"]


def _fill_html_hashes() -> None:
    connection = op.get_bind()
    documents = sa.table("issued_document", sa.column("id", sa.Integer), sa.column("html", sa.Text),
                         sa.column("html_sha256", sa.String))
    rows = connection.execute(sa.select(documents.c.id, documents.c.html)).all()
    for row in rows:
        digest = hashlib.sha256(row.html.encode("utf-8")).hexdigest()
        connection.execute(documents.update().where(documents.c.id == row.id).values(html_sha256=digest))


def upgrade() -> None:
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('html_sha256', sa.String(length=64), nullable=True))
    _fill_html_hashes()
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.alter_column('html_sha256', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_check_constraint(op.f('ck_issued_document_html_sha256_length'),
                                         'length(html_sha256) = 64')
    dialect = op.get_bind().dialect.name
    for table, message in MESSAGES.items():
        for statement in _create_sql(table, message, dialect):
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in MESSAGES:
        for statement in _drop_sql(table, dialect):
            op.execute(statement)
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_issued_document_html_sha256_length'), type_='check')
        batch_op.drop_column('html_sha256')
