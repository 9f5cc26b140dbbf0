"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-21 04:35:02.482423+00:00

Migrations never import the application's models or enums: enum values are frozen copies.
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agency',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('peoples_government', 'provincial_government', 'department', 'vertical', 'justice_administration', 'dispatched_organ', 'state_council_department', name='agency_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('region_code', sa.String(length=6), nullable=True),
    sa.Column('government', sa.String(length=200), nullable=True),
    sa.Column('superior_department', sa.String(length=200), nullable=True),
    sa.Column('court', sa.String(length=200), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('doc_code', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['agency.id'], name=op.f('fk_agency_parent_id_agency')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency'))
    )
    op.create_table('app_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=True),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_app_user_agency_id_agency')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('username', name=op.f('uq_app_user_username'))
    )
    op.create_table('tracking_counter',
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.CheckConstraint('last_number >= 0', name=op.f('ck_tracking_counter_last_number_not_negative')),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_tracking_counter_agency_id_agency')),
    sa.PrimaryKeyConstraint('agency_id', 'year', name=op.f('pk_tracking_counter'))
    )
    op.create_table('application',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('tracking_number', sa.String(length=20), nullable=False),
    sa.Column('query_code', sa.String(length=16), nullable=False),
    sa.Column('channel', sa.Enum('in_person', 'registered_mail', 'ordinary_mail', 'online', 'fax', name='channel', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('confirmed_on', sa.Date(), nullable=True),
    sa.Column('applicant_type', sa.Enum('natural_person', 'commercial_enterprise', 'research_institution', 'social_welfare_org', 'legal_service_org', 'other', name='applicant_type', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('applicant_name', sa.String(length=200), nullable=False),
    sa.Column('id_document_type', sa.String(length=40), nullable=True),
    sa.Column('id_document_number', sa.String(length=60), nullable=True),
    sa.Column('contact_phone', sa.String(length=40), nullable=True),
    sa.Column('contact_address', sa.String(length=300), nullable=True),
    sa.Column('contact_email', sa.String(length=200), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('form_requested', sa.String(length=200), nullable=True),
    sa.Column('missing_items', sa.JSON(), nullable=False),
    sa.Column('stage', sa.Enum('registration', 'correction', 'consultation', 'reply', 'archive', name='stage', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('sub_step', sa.Enum('awaiting_confirmation', 'processing', 'awaiting_fee', 'awaiting_applicant', 'awaiting_opinions', 'drafting', 'in_review', 'approved', 'issued', 'closed', name='sub_step', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('outcome', sa.String(length=40), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('due_provisional', sa.Boolean(), nullable=False),
    sa.Column('handler_id', sa.Integer(), nullable=True),
    sa.Column('clock_round', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(stage = 'archive' AND outcome IS NOT NULL) OR (stage <> 'archive' AND outcome IS NULL)", name=op.f('ck_application_outcome_iff_archived')),
    sa.CheckConstraint("(stage = 'registration' AND sub_step IN ('awaiting_confirmation', 'processing', 'awaiting_fee')) OR (stage = 'correction' AND sub_step IN ('awaiting_applicant')) OR (stage = 'consultation' AND sub_step IN ('awaiting_opinions')) OR (stage = 'reply' AND sub_step IN ('drafting', 'in_review', 'approved', 'issued')) OR (stage = 'archive' AND sub_step IN ('closed'))", name=op.f('ck_application_sub_step_of_stage')),
    sa.CheckConstraint("sub_step <> 'awaiting_confirmation' OR confirmed_on IS NULL", name=op.f('ck_application_unconfirmed_has_no_confirmation_date')),
    sa.CheckConstraint('version >= 1', name=op.f('ck_application_version_positive')),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_application_agency_id_agency')),
    sa.ForeignKeyConstraint(['handler_id'], ['app_user.id'], name=op.f('fk_application_handler_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application')),
    sa.UniqueConstraint('agency_id', 'tracking_number', name=op.f('uq_application_agency_id_tracking_number')),
    sa.UniqueConstraint('query_code', name=op.f('uq_application_query_code'))
    )
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_stage'), ['stage'], unique=False)

    op.create_table('user_role',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('clerk', 'reviewer', 'supervisor', 'admin', name='role', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_user_role_user_id_app_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'role', name=op.f('pk_user_role'))
    )
    op.create_table('clock_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('clock_round', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('ref', sa.String(length=60), nullable=True),
    sa.Column('days', sa.Integer(), nullable=True),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('received', 'correction_requested', 'correction_received', 'pause_started', 'pause_ended', 'extended', 'delayed_period_set', 'answered')", name=op.f('ck_clock_event_kind')),
    sa.ForeignKeyConstraint(['actor_id'], ['app_user.id'], name=op.f('fk_clock_event_actor_id_app_user')),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_clock_event_application_id_application')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clock_event'))
    )
    with op.batch_alter_table('clock_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clock_event_application_id'), ['application_id'], unique=False)

    op.create_table('consultation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('third_party', 'co_producer', name='consultation_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('consultee_name', sa.String(length=200), nullable=False),
    sa.Column('consultee_contact', sa.String(length=300), nullable=True),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('opinion', sa.Enum('agree', 'disagree', 'none', name='opinion', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('opinion_received_on', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('ended', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_consultation_application_id_application')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation'))
    )
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consultation_application_id'), ['application_id'], unique=False)

    op.create_table('correction_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.CheckConstraint('due_on > sent_on', name=op.f('ck_correction_request_due_after_sent')),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_correction_request_application_id_application')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_correction_request'))
    )
    with op.batch_alter_table('correction_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_correction_request_application_id'), ['application_id'], unique=False)

    op.create_table('fee_notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.Enum('per_item', 'per_page', name='fee_method', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.Column('lapsed', sa.Boolean(), nullable=False),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_fee_notice_amount_not_negative')),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_fee_notice_quantity_positive')),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_fee_notice_application_id_application')),
    sa.ForeignKeyConstraint(['approved_by_id'], ['app_user.id'], name=op.f('fk_fee_notice_approved_by_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_notice'))
    )
    with op.batch_alter_table('fee_notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fee_notice_application_id'), ['application_id'], unique=False)

    op.create_table('history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('trigger', sa.String(length=40), nullable=False),
    sa.Column('from_stage', sa.Enum('registration', 'correction', 'consultation', 'reply', 'archive', name='from_stage', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('from_sub_step', sa.Enum('awaiting_confirmation', 'processing', 'awaiting_fee', 'awaiting_applicant', 'awaiting_opinions', 'drafting', 'in_review', 'approved', 'issued', 'closed', name='from_sub_step', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('to_stage', sa.Enum('registration', 'correction', 'consultation', 'reply', 'archive', name='to_stage', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('to_sub_step', sa.Enum('awaiting_confirmation', 'processing', 'awaiting_fee', 'awaiting_applicant', 'awaiting_opinions', 'drafting', 'in_review', 'approved', 'issued', 'closed', name='to_sub_step', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('legal_date', sa.Date(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('due_before', sa.Date(), nullable=True),
    sa.Column('due_after', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['app_user.id'], name=op.f('fk_history_actor_id_app_user')),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_history_application_id_application')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_history'))
    )
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_history_application_id'), ['application_id'], unique=False)

    op.create_table('remedy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('reconsideration', 'direct_suit', 'suit_after_reconsideration', name='remedy_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('filed_on', sa.Date(), nullable=False),
    sa.Column('result', sa.Enum('maintained', 'corrected', 'other', 'pending', name='remedy_result', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_remedy_application_id_application')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_remedy'))
    )
    with op.batch_alter_table('remedy', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_remedy_application_id'), ['application_id'], unique=False)

    op.create_table('reply',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('clock_round', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=True),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('drafter_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=True),
    sa.Column('review_comments', sa.JSON(), nullable=False),
    sa.Column('planned_issue_on', sa.Date(), nullable=True),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('delivery_method', sa.String(length=40), nullable=True),
    sa.Column('delivery_proof', sa.Text(), nullable=True),
    sa.Column('document_number', sa.String(length=60), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_reply_application_id_application')),
    sa.ForeignKeyConstraint(['drafter_id'], ['app_user.id'], name=op.f('fk_reply_drafter_id_app_user')),
    sa.ForeignKeyConstraint(['reviewer_id'], ['app_user.id'], name=op.f('fk_reply_reviewer_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reply'))
    )
    with op.batch_alter_table('reply', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reply_application_id'), ['application_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('reply', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reply_application_id'))

    op.drop_table('reply')
    with op.batch_alter_table('remedy', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_remedy_application_id'))

    op.drop_table('remedy')
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_history_application_id'))

    op.drop_table('history')
    with op.batch_alter_table('fee_notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fee_notice_application_id'))

    op.drop_table('fee_notice')
    with op.batch_alter_table('correction_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_correction_request_application_id'))

    op.drop_table('correction_request')
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consultation_application_id'))

    op.drop_table('consultation')
    with op.batch_alter_table('clock_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clock_event_application_id'))

    op.drop_table('clock_event')
    op.drop_table('user_role')
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_stage'))
        batch_op.drop_index(batch_op.f('ix_application_due_date'))
        batch_op.drop_index(batch_op.f('ix_application_agency_id'))

    op.drop_table('application')
    op.drop_table('tracking_counter')
    op.drop_table('app_user')
    op.drop_table('agency')
