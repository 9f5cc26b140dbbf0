"""closed_on and clock_status on application, outcome constrained, board index; the system actor's columns

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 13:20:00+00:00

- ``application.closed_on``: the legal date the case entered archive (the annual report counts by it), filled
  for archived cases from the last history row that moved them into archive; NULL exactly when not archived.
- ``application.clock_status``: the reply clock's state as of the last action (rules.clock Deadline.status,
  ``closed`` when archived), filled from the stage and sub-step, which imply it for every stored case: 补正 →
  stopped, 征求意见 and 待缴费 → paused (fee time pauses the clock, rules.clock.FEE_PAUSES_REPLY_CLOCK), 待确认
  → not_started, 已出具 → answered, archive → closed, otherwise running.
- ``application.outcome`` may only hold a code of rules/replies/categories.toml (frozen below, STYLE 13).
- ``ix_application_board`` (agency_id, clock_status, due_date, id) and two siblings (per handler; by receipt)
  serve the deadline board.
- ``app_user.is_system``: the installation's system actor 「系统」, which has no agency and no password.

SQLite: the two tables are recreated in batch mode (migrations/env.py turns foreign keys off while migrating
and checks every reference before the commit).
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

OUTCOME_CODES = (
    "already_public", "disclose", "partial", "withhold_secret", "withhold_law", "withhold_security",
    "withhold_third_party", "withhold_internal", "withhold_process", "withhold_case_file", "special_query",
    "not_exist", "not_ours", "needs_creation", "unclear_after_correction", "petition", "duplicate",
    "publication", "excessive", "confirm_existing", "lapsed_correction", "lapsed_fee", "other",
)
CLOCK_STATUSES = ("not_started", "running", "stopped", "paused", "answered", "closed")
CLOCK_STATUS_OF_STATE = """CASE
    WHEN stage = 'archive' THEN 'closed'
    WHEN stage = 'correction' THEN 'stopped'
    WHEN stage = 'consultation' OR sub_step = 'awaiting_fee' THEN 'paused'
    WHEN sub_step = 'awaiting_confirmation' THEN 'not_started'
    WHEN sub_step = 'issued' THEN 'answered'
    ELSE 'running' END"""
LAST_CLOSING_DAY = """(SELECT max(h.legal_date) FROM history h WHERE h.application_id = application.id
    AND h.to_stage = 'archive' AND (h.from_stage IS NULL OR h.from_stage <> 'archive'))"""
CHECKS = {
    "closed_on_iff_archived":
        "(stage = 'archive' AND closed_on IS NOT NULL) OR (stage <> 'archive' AND closed_on IS NULL)",
    "clock_closed_iff_archived": "(stage = 'archive') = (clock_status = 'closed')",
    "outcome_known": "outcome IS NULL OR outcome IN (" + ", ".join(f"'{c}'" for c in OUTCOME_CODES) + ")",
    "clock_status": "clock_status IN (" + ", ".join(f"'{s}'" for s in CLOCK_STATUSES) + ")",
}
BOARD_INDEXES = {
    "ix_application_board": ["agency_id", "clock_status", "due_date", "id"],
    "ix_application_board_handler": ["agency_id", "handler_id", "clock_status", "due_date", "id"],
    "ix_application_board_received": ["agency_id", "received_on", "id"],
}
SYSTEM_CHECK = ("(is_system AND agency_id IS NULL AND password_hash IS NULL) "
                "OR (NOT is_system AND agency_id IS NOT NULL)")


def upgrade() -> None:
    op.add_column('application', sa.Column('closed_on', sa.Date(), nullable=True))
    op.add_column('application', sa.Column('clock_status', sa.String(length=32), nullable=True))
    op.execute(f"UPDATE application SET clock_status = {CLOCK_STATUS_OF_STATE}")
    op.execute(f"UPDATE application SET closed_on = coalesce({LAST_CLOSING_DAY}, received_on) "
               "WHERE stage = 'archive'")
    with op.batch_alter_table('application') as batch:
        batch.alter_column('clock_status', existing_type=sa.String(length=32), nullable=False)
        for name, condition in CHECKS.items():
            batch.create_check_constraint(op.f(f"ck_application_{name}"), condition)
        for name, columns in BOARD_INDEXES.items():
            batch.create_index(name, columns)
    op.add_column('app_user', sa.Column('is_system', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('app_user') as batch:
        batch.alter_column('is_system', existing_type=sa.Boolean(), server_default=None)
        batch.alter_column('agency_id', existing_type=sa.Integer(), nullable=True)
        batch.create_check_constraint(op.f("ck_app_user_system_user_cannot_sign_in"), SYSTEM_CHECK)


def downgrade() -> None:
    op.execute("DELETE FROM user_role WHERE user_id IN (SELECT id FROM app_user WHERE is_system)")
    op.execute("DELETE FROM app_user WHERE is_system")  # refused while history names the system actor
    with op.batch_alter_table('app_user') as batch:
        batch.drop_constraint(op.f("ck_app_user_system_user_cannot_sign_in"), type_='check')
        batch.alter_column('agency_id', existing_type=sa.Integer(), nullable=False)
        batch.drop_column('is_system')
    with op.batch_alter_table('application') as batch:
        for name in BOARD_INDEXES:
            batch.drop_index(name)
        for name in CHECKS:
            batch.drop_constraint(op.f(f"ck_application_{name}"), type_='check')
        batch.drop_column('clock_status')
        batch.drop_column('closed_on')
