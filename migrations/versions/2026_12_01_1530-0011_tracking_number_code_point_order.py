"""application.tracking_number compares by code point on PostgreSQL (COLLATE "C"): the board's prefix search

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 15:30:00+00:00

The board finds a tracking number (2026-0001) by its beginning as a range of the unique index
(agency_id, tracking_number): ``>= '2026-01' AND < '2026-02'``. That range is exactly "begins with" only under
a code-point order; a linguistic collation (en_US, zh_CN) ignores the hyphen at the first level and would miss
cases. SQLite compares text as BINARY already: nothing to do there. The unique index is rebuilt by the ALTER.
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.alter_column("application", "tracking_number", type_=sa.String(length=20, collation="C"),
                        existing_type=sa.String(length=20), existing_nullable=False)


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.alter_column("application", "tracking_number", type_=sa.String(length=20),
                        existing_type=sa.String(length=20, collation="C"), existing_nullable=False)
