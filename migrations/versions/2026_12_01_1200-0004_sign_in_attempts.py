"""sign-in attempts (every success and failure; lockout counts them)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 12:00:00+00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sign_in_attempt',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('username', sa.String(length=100), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('succeeded', sa.Boolean(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('remote_addr', sa.String(length=64), nullable=True),
        sa.Column('during_lock', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['app_user.id'],
                                name=op.f('fk_sign_in_attempt_user_id_app_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_attempt')),
    )
    op.create_index('ix_sign_in_attempt_username_at', 'sign_in_attempt', ['username', 'at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_sign_in_attempt_username_at', table_name='sign_in_attempt')
    op.drop_table('sign_in_attempt')
