"""issued documents and their number counters

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 05:02:46.854090+00:00

Migrations never import the application's models or enums: enum values are frozen copies
(document_kind = workflow.models.documents.DocumentKind as of this revision).
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('document_counter',
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('series', sa.String(length=20), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.CheckConstraint('last_number >= 0', name=op.f('ck_document_counter_last_number_not_negative')),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_document_counter_agency_id_agency')),
    sa.PrimaryKeyConstraint('agency_id', 'year', 'series', name=op.f('pk_document_counter'))
    )
    op.create_table('issued_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('history_id', sa.Integer(), nullable=False),
    sa.Column('trigger', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.Enum('receipt', 'correction_notice', 'consultation_letter', 'extension_notice', 'fee_notice', 'reply', 'lapse_notice', name='document_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('addressee', sa.String(length=200), nullable=False),
    sa.Column('docx', sa.LargeBinary(), nullable=False),
    sa.Column('html', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind <> 'reply' OR number IS NOT NULL", name=op.f('ck_issued_document_reply_is_numbered')),
    sa.CheckConstraint('length(sha256) = 64', name=op.f('ck_issued_document_sha256_length')),
    sa.ForeignKeyConstraint(['actor_id'], ['app_user.id'], name=op.f('fk_issued_document_actor_id_app_user')),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_issued_document_agency_id_agency')),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_issued_document_application_id_application')),
    sa.ForeignKeyConstraint(['history_id'], ['history.id'], name=op.f('fk_issued_document_history_id_history')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_document')),
    sa.UniqueConstraint('agency_id', 'number', name=op.f('uq_issued_document_agency_id_number'))
    )
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issued_document_application_id'), ['application_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issued_document_application_id'))

    op.drop_table('issued_document')
    op.drop_table('document_counter')
