"""hash chain per agency over history and issued documents (tamper evidence beyond one row)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 13:20:00+00:00

Adds ``chain_seq``, ``chain_prev`` and ``chain_hash`` to ``history`` and ``issued_document`` and the head
table ``record_chain`` (agency, length, last hash), then chains the existing rows of each agency in id
order: each history row, followed by the documents it issued. The hash is a frozen copy of
workflow.models.chain.record_hash as of this revision. The columns stay nullable (SQLite cannot make them
NOT NULL without recreating ``history``, which ``issued_document`` references); ``xxgk documents verify``
reports a row without chain values. The UPDATE triggers are lifted only while the rows are chained.
"""
import enum
import hashlib
import json
from collections import defaultdict
from datetime import date, datetime, timezone

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

GENESIS = "0" * 64
CHAINED = ("history", "issued_document")
UPDATE_REFUSALS = {"issued_document": "已出具的文书只能追加，不得修改或删除", "history": "办理历史只能追加，不得修改或删除"}


def _canonical(value):
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (bytes, memoryview)):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, datetime):
        return (value.astimezone(timezone.utc) if value.tzinfo else value).replace(tzinfo=None).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _record_hash(table, values):
    body = {name: _canonical(value) for name, value in values.items()
            if value is not None and name not in ("id", "chain_hash")}
    data = json.dumps([table, body], sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _set_update_triggers(enabled: bool) -> None:
    dialect = op.get_bind().dialect.name
    for table, message in UPDATE_REFUSALS.items():
        if dialect == "postgresql":
            verb = "ENABLE" if enabled else "DISABLE"
            op.execute(f"ALTER TABLE {table} {verb} TRIGGER {table}_refuse_change")
        elif enabled:
            op.execute(f"CREATE TRIGGER {table}_refuse_update BEFORE UPDATE ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{message}'); END")
        else:
            op.execute(f"DROP TRIGGER {table}_refuse_update")


def _chain_existing_rows() -> None:
    bind = op.get_bind()
    tables = {name: sa.Table(name, sa.MetaData(), autoload_with=bind) for name in CHAINED}
    history, documents = tables["history"], tables["issued_document"]
    application = sa.table("application", sa.column("id"), sa.column("agency_id"))
    agency_of_case = dict(bind.execute(sa.select(application.c.id, application.c.agency_id)).all())
    issued_by = defaultdict(list)
    for document_id, history_id in bind.execute(sa.select(documents.c.id, documents.c.history_id)
                                                .order_by(documents.c.id)):
        issued_by[history_id].append(document_id)
    heads = {}

    def link(table, row, agency_id):
        length, last_hash = heads.get(agency_id, (0, GENESIS))
        values = {**row, "chain_seq": length + 1, "chain_prev": last_hash, "chain_hash": None}
        values["chain_hash"] = _record_hash(table.name, values)
        bind.execute(table.update().where(table.c.id == row["id"]).values(
            chain_seq=values["chain_seq"], chain_prev=last_hash, chain_hash=values["chain_hash"]))
        heads[agency_id] = (length + 1, values["chain_hash"])

    def stored(table, row_id):
        return dict(bind.execute(sa.select(table).where(table.c.id == row_id)).mappings().one())

    history_ids = bind.execute(sa.select(history.c.id).order_by(history.c.id)).scalars().all()
    for history_id in history_ids:
        row = stored(history, history_id)
        link(history, row, agency_of_case[row["application_id"]])
        for document_id in issued_by.pop(history_id, []):
            document = stored(documents, document_id)
            link(documents, document, document["agency_id"])
    chain = sa.table("record_chain", sa.column("agency_id"), sa.column("length"), sa.column("last_hash"))
    for agency_id, (length, last_hash) in sorted(heads.items()):
        bind.execute(chain.insert().values(agency_id=agency_id, length=length, last_hash=last_hash))


def upgrade() -> None:
    op.create_table(
        'record_chain',
        sa.Column('agency_id', sa.Integer(), nullable=False),
        sa.Column('length', sa.Integer(), nullable=False),
        sa.Column('last_hash', sa.String(length=64), nullable=False),
        sa.CheckConstraint('length >= 0', name=op.f('ck_record_chain_length_not_negative')),
        sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_record_chain_agency_id_agency')),
        sa.PrimaryKeyConstraint('agency_id', name=op.f('pk_record_chain')),
    )
    for table in CHAINED:
        op.add_column(table, sa.Column('chain_seq', sa.Integer(), nullable=True))
        op.add_column(table, sa.Column('chain_prev', sa.String(length=64), nullable=True))
        op.add_column(table, sa.Column('chain_hash', sa.String(length=64), nullable=True))
    _set_update_triggers(enabled=False)
    _chain_existing_rows()
    _set_update_triggers(enabled=True)


def downgrade() -> None:
    for table in CHAINED:
        for name in ('chain_hash', 'chain_prev', 'chain_seq'):
            op.drop_column(table, name)
    op.drop_table('record_chain')
