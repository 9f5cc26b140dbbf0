"""two more issued-document kinds: 延迟答复告知书 (条例第三十五条), 依申请公开告知书 to a third party (条例第三十二条)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 13:10:00+00:00

Widens the CHECK constraint of ``issued_document.kind`` (document_kind = workflow.models.documents.DocumentKind
as of this revision, frozen copies below). On SQLite the batch operation recreates ``issued_document``, which
drops its append-only triggers (UPDATE and DELETE of 0003, the INSERT-over-a-stored-row trigger of 0005): they
are dropped first and created again afterwards (frozen copy of workflow.models.immutable.create_trigger_sql as
of migration 0005, unchanged by 0006). PostgreSQL alters the constraint in place; its triggers stay.
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

OLD_KINDS = ('receipt', 'correction_notice', 'consultation_letter', 'extension_notice', 'fee_notice', 'reply',
             'lapse_notice')
NEW_KINDS = OLD_KINDS + ('delayed_period_notice', 'disclosure_notice')
MESSAGE = "已出具的文书只能追加，不得修改或删除"
SQLITE_TRIGGERS = [
    *(f"CREATE TRIGGER issued_document_refuse_{verb.lower()} BEFORE {verb} ON issued_document "
      f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END" for verb in ("UPDATE", "DELETE")),
    "CREATE TRIGGER issued_document_refuse_replace BEFORE INSERT ON issued_document "
    "WHEN EXISTS (SELECT 1 FROM issued_document WHERE (id = NEW.id) OR "
    "(agency_id = NEW.agency_id AND number = NEW.number)) "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
]


def _allow(kinds: tuple) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for verb in ("update", "delete", "replace"):
            op.execute(f"DROP TRIGGER IF EXISTS issued_document_refuse_{verb}")
    listed = ", ".join(f"'{kind}'" for kind in kinds)
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_issued_document_document_kind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_issued_document_document_kind'), f"kind IN ({listed})")
    if sqlite:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def upgrade() -> None:
    _allow(NEW_KINDS)


def downgrade() -> None:
    _allow(OLD_KINDS)
