"""What stops or pauses the clock: 补正 requests (条例30), consultations (条例32/34) and fee notices (109号)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Optional

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workflow.models.base import Base, enum_type
from workflow.models.enums import ConsultationKind, FeeMethod, Opinion


class CorrectionRequest(Base):
    """One 补正告知书: the items to correct and the period given (条例第三十条)."""

    __tablename__ = "correction_request"
    __table_args__ = (CheckConstraint("due_on > sent_on", name="due_after_sent"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    items: Mapped[list]
    sent_on: Mapped[date]
    due_on: Mapped[date]
    received_on: Mapped[Optional[date]]  # the corrected application arrived


class Consultation(Base):
    """One consultee: a third party (条例第三十二条) or a co-producing agency (条例第三十四条)."""

    __tablename__ = "consultation"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    kind: Mapped[ConsultationKind] = mapped_column(enum_type(ConsultationKind, "consultation_kind"))
    consultee_name: Mapped[str] = mapped_column(String(200))
    consultee_contact: Mapped[Optional[str]] = mapped_column(String(300))
    sent_on: Mapped[date]  # the 征求意见书 was sent
    received_on: Mapped[Optional[date]]  # the consultee received it, when known
    due_on: Mapped[date]  # 15 WD after receipt (sent_on when receipt unknown)
    opinion: Mapped[Optional[Opinion]] = mapped_column(enum_type(Opinion, "opinion"))
    opinion_received_on: Mapped[Optional[date]]
    reason: Mapped[Optional[str]] = mapped_column(Text)
    ended: Mapped[bool] = mapped_column(default=False)  # ended by end_consultation (answered / 15 WD over)
    # the clock pause of its letter batch ("consultation:N"): one per start_consultation, shared by the
    # consultees sent together; it ends when all of them are ended
    pause_ref: Mapped[Optional[str]] = mapped_column(String(60))

    @property
    def answered(self) -> bool:
        return self.opinion_received_on is not None


class FeeNotice(Base):
    """A 收费通知书 under 国办函〔2020〕109号."""

    __tablename__ = "fee_notice"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    method: Mapped[FeeMethod] = mapped_column(enum_type(FeeMethod, "fee_method"))
    quantity: Mapped[int]
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))  # 元
    sent_on: Mapped[date]
    received_on: Mapped[Optional[date]]  # the applicant received it, when known (the window runs from it)
    due_on: Mapped[date]  # last day to pay: the window after receipt (after sent_on while receipt is unknown)
    approved_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("app_user.id"))
    paid_on: Mapped[Optional[date]]
    lapsed: Mapped[bool] = mapped_column(default=False)
