"""several open consultations (a pause per letter batch) and the fee notice's receipt date

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 12:45:00+00:00

Adds ``consultation.pause_ref`` (the clock pause "consultation:N" of the consultee's letter batch) and
``fee_notice.received_on`` (the day the applicant received the 收费通知书; the payment window runs from it).
Before this revision only one consultation round could be open at a time and its pause was the case's latest
``consultation:*`` pause, so each open consultee gets that ref. Ended consultees keep NULL: nothing reads it.
Existing fee notices keep NULL: their receipt date was not recorded, and lapse_fee asks for it first.
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

BACKFILL_OPEN_CONSULTATIONS = """
UPDATE consultation SET pause_ref = (
    SELECT ce.ref FROM clock_event ce
    WHERE ce.application_id = consultation.application_id AND ce.kind = 'pause_started'
      AND ce.ref LIKE 'consultation:%'
    ORDER BY ce.id DESC LIMIT 1)
WHERE NOT ended
"""


def upgrade() -> None:
    op.add_column('consultation', sa.Column('pause_ref', sa.String(length=60), nullable=True))
    op.add_column('fee_notice', sa.Column('received_on', sa.Date(), nullable=True))
    op.execute(BACKFILL_OPEN_CONSULTATIONS)


def downgrade() -> None:
    with op.batch_alter_table('fee_notice', schema=None) as batch_op:
        batch_op.drop_column('received_on')
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.drop_column('pause_ref')
