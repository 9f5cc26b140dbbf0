"""ix_application_provisional (due_provisional, clock_status, due_date): the escalation job's daily check for
暂定 due dates that a loaded calendar year settles (a recompute that never finished) is an index seek

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 16:40:00+00:00
"""
from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('application') as batch:
        batch.create_index('ix_application_provisional', ['due_provisional', 'clock_status', 'due_date'])


def downgrade() -> None:
    with op.batch_alter_table('application') as batch:
        batch.drop_index('ix_application_provisional')
