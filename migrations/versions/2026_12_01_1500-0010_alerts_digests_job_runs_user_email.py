"""Escalation: alerts, their recipients (the inbox), e-mail digests, job runs; app_user.email

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 15:00:00+00:00

- ``alert``: one row per (case, deadline kind, record, due date, level) — the unique ``dedupe_key`` is what
  makes the escalation job idempotent (DOMAIN §7); calendar alerts have no case.
- ``alert_recipient``: one row per (alert, user): the inbox row (``read_at``) and the digest that mailed it.
- ``mail_digest``: one e-mail per recipient per run; unsent ones (``sent_at`` NULL) are retried.
- ``job_run``: one row per run of a scheduled job.
- ``app_user.email``: where a user's digests go (NULL: inbox only).

Migrations never import the application's models or enums: the level and status values are frozen copies.
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('job_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job', sa.String(length=40), nullable=False),
    sa.Column('legal_date', sa.Date(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('summary', sa.JSON(), nullable=False),
    sa.CheckConstraint("status IN ('running', 'completed', 'failed', 'skipped')",
                       name=op.f('ck_job_run_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_run'))
    )
    with op.batch_alter_table('job_run', schema=None) as batch_op:
        batch_op.create_index('ix_job_run_job_started', ['job', 'started_at'], unique=False)

    op.create_table('mail_digest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('job_run_id', sa.Integer(), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['job_run_id'], ['job_run.id'], name=op.f('fk_mail_digest_job_run_id_job_run')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_mail_digest_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_digest'))
    )
    with op.batch_alter_table('mail_digest', schema=None) as batch_op:
        batch_op.create_index('ix_mail_digest_unsent', ['sent_at', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mail_digest_user_id'), ['user_id'], unique=False)

    op.create_table('alert',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=True),
    sa.Column('subject', sa.String(length=200), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('working_days_left', sa.Integer(), nullable=True),
    sa.Column('proposal', sa.String(length=40), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('legal_date', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('dedupe_key', sa.String(length=160), nullable=False),
    sa.Column('job_run_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("level IN ('due_soon', 'urgent', 'overdue', 'info')", name=op.f('ck_alert_level')),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_alert_agency_id_agency')),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'],
                            name=op.f('fk_alert_application_id_application')),
    sa.ForeignKeyConstraint(['job_run_id'], ['job_run.id'], name=op.f('fk_alert_job_run_id_job_run')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert')),
    sa.UniqueConstraint('dedupe_key', name=op.f('uq_alert_dedupe_key'))
    )
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index('ix_alert_application_created', ['application_id', 'created_at'], unique=False)

    op.create_table('alert_recipient',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('alert_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('digest_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['alert_id'], ['alert.id'], name=op.f('fk_alert_recipient_alert_id_alert')),
    sa.ForeignKeyConstraint(['digest_id'], ['mail_digest.id'],
                            name=op.f('fk_alert_recipient_digest_id_mail_digest')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_alert_recipient_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert_recipient')),
    sa.UniqueConstraint('alert_id', 'user_id', name=op.f('uq_alert_recipient_alert_id_user_id'))
    )
    with op.batch_alter_table('alert_recipient', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_recipient_digest_id'), ['digest_id'], unique=False)
        batch_op.create_index('ix_alert_recipient_inbox', ['user_id', 'read_at', 'alert_id'], unique=False)

    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email', sa.String(length=254), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.drop_column('email')

    with op.batch_alter_table('alert_recipient', schema=None) as batch_op:
        batch_op.drop_index('ix_alert_recipient_inbox')
        batch_op.drop_index(batch_op.f('ix_alert_recipient_digest_id'))

    op.drop_table('alert_recipient')
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.drop_index('ix_alert_application_created')
        batch_op.drop_index(batch_op.f('ix_alert_agency_id'))

    op.drop_table('alert')
    with op.batch_alter_table('mail_digest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mail_digest_user_id'))
        batch_op.drop_index('ix_mail_digest_unsent')

    op.drop_table('mail_digest')
    with op.batch_alter_table('job_run', schema=None) as batch_op:
        batch_op.drop_index('ix_job_run_job_started')

    op.drop_table('job_run')
