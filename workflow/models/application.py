"""The case: one 政府信息公开申请 (Application) and what its stage implies."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflow.models.base import Base, enum_type, utcnow
from workflow.models.enums import (
    OUTCOME_CODES, STAGE_SUB_STEPS, ApplicantType, Channel, ClockStatus, Stage, SubStep,
)

if TYPE_CHECKING:
    from workflow.models.agency import Agency, User
    from workflow.models.events import ClockEventRecord, History
    from workflow.models.interruptions import Consultation, CorrectionRequest, FeeNotice
    from workflow.models.reply import Remedy, Reply


def _sub_step_check() -> str:
    parts = []
    for stage, steps in STAGE_SUB_STEPS.items():
        listed = ", ".join(f"'{s.value}'" for s in steps)
        parts.append(f"(stage = '{stage.value}' AND sub_step IN ({listed}))")
    return " OR ".join(parts)


class Application(Base):
    __tablename__ = "application"
    __table_args__ = (
        UniqueConstraint("agency_id", "tracking_number"),
        CheckConstraint(
            "(stage = 'archive' AND outcome IS NOT NULL) OR (stage <> 'archive' AND outcome IS NULL)",
            name="outcome_iff_archived"),
        CheckConstraint(_sub_step_check(), name="sub_step_of_stage"),
        CheckConstraint("sub_step <> 'awaiting_confirmation' OR confirmed_on IS NULL",
                        name="unconfirmed_has_no_confirmation_date"),
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint(
            "(stage = 'archive' AND closed_on IS NOT NULL) OR (stage <> 'archive' AND closed_on IS NULL)",
            name="closed_on_iff_archived"),
        CheckConstraint("(stage = 'archive') = (clock_status = 'closed')", name="clock_closed_iff_archived"),
        CheckConstraint("outcome IS NULL OR outcome IN (" + ", ".join(f"'{c}'" for c in OUTCOME_CODES) + ")",
                        name="outcome_known"),
        # The deadline board: one agency's cases of one clock status, by due date (workflow/queries/board.py).
        Index("ix_application_board", "agency_id", "clock_status", "due_date", "id"),
        Index("ix_application_board_handler", "agency_id", "handler_id", "clock_status", "due_date", "id"),
        Index("ix_application_board_received", "agency_id", "received_on", "id"),
        # 暂定 due dates that a loaded year settles (workflow/jobs/escalation/calendar.py, every run): a seek
        Index("ix_application_provisional", "due_provisional", "clock_status", "due_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    # 2026-0001, sequential per agency and year; compared by code point for the board's prefix search (0011)
    tracking_number: Mapped[str] = mapped_column(
        String(20).with_variant(String(20, collation="C"), "postgresql"))
    query_code: Mapped[str] = mapped_column(String(16), unique=True)  # 查询码 printed on the 受理回执
    channel: Mapped[Channel] = mapped_column(enum_type(Channel, "channel"))
    received_on: Mapped[date]  # the day it reached the agency
    confirmed_on: Mapped[Optional[date]]  # 条例第三十一条: confirmation date for mail/online/fax
    applicant_type: Mapped[ApplicantType] = mapped_column(enum_type(ApplicantType, "applicant_type"))
    applicant_name: Mapped[str] = mapped_column(String(200))
    id_document_type: Mapped[Optional[str]] = mapped_column(String(40))
    id_document_number: Mapped[Optional[str]] = mapped_column(String(60))
    contact_phone: Mapped[Optional[str]] = mapped_column(String(40))
    contact_address: Mapped[Optional[str]] = mapped_column(String(300))
    contact_email: Mapped[Optional[str]] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")  # 条例第二十九条(二)
    form_requested: Mapped[Optional[str]] = mapped_column(String(200))  # 条例第二十九条(三)
    missing_items: Mapped[list] = mapped_column(default=list)  # art. 29 items registered as missing
    stage: Mapped[Stage] = mapped_column(enum_type(Stage, "stage"), index=True)
    sub_step: Mapped[SubStep] = mapped_column(enum_type(SubStep, "sub_step"))
    outcome: Mapped[Optional[str]] = mapped_column(String(40))  # a code of OUTCOME_CODES once archived
    closed_on: Mapped[Optional[date]]  # legal date of the transition into archive; cleared by reopen
    due_date: Mapped[Optional[date]] = mapped_column(index=True)
    due_provisional: Mapped[bool] = mapped_column(default=False)
    clock_status: Mapped[ClockStatus] = mapped_column(enum_type(ClockStatus, "clock_status"),
                                                      default=ClockStatus.NOT_STARTED)
    handler_id: Mapped[Optional[int]] = mapped_column(ForeignKey("app_user.id"))
    clock_round: Mapped[int] = mapped_column(default=1)  # incremented by reopen: a new clock
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    agency: Mapped["Agency"] = relationship()
    handler: Mapped[Optional["User"]] = relationship()
    clock_events: Mapped[list["ClockEventRecord"]] = relationship(order_by="ClockEventRecord.id",
                                                                  back_populates="application")
    history: Mapped[list["History"]] = relationship(order_by="History.id", viewonly=True)
    corrections: Mapped[list["CorrectionRequest"]] = relationship(order_by="CorrectionRequest.id")
    consultations: Mapped[list["Consultation"]] = relationship(order_by="Consultation.id")
    fee_notices: Mapped[list["FeeNotice"]] = relationship(order_by="FeeNotice.id")
    replies: Mapped[list["Reply"]] = relationship(order_by="Reply.id")
    remedies: Mapped[list["Remedy"]] = relationship(order_by="Remedy.id")

    @property
    def is_open(self) -> bool:
        return self.stage is not Stage.ARCHIVE

    @property
    def current_reply(self) -> Optional["Reply"]:
        """The reply of the current clock round, if one was started."""
        replies = [r for r in self.replies if r.clock_round == self.clock_round]
        return replies[-1] if replies else None
