"""Persisted clock events (the input of ``rules.clock.compute_deadline``) and the append-only case history."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflow.models.base import Base, enum_type, utcnow
from workflow.models.chain import ChainColumns
from workflow.models.enums import Stage, SubStep
from workflow.models.immutable import append_only

if TYPE_CHECKING:
    from workflow.models.application import Application

# Frozen copy of rules.clock.EventKind values (the database keeps strings; the clock owns the meaning).
CLOCK_EVENT_KINDS = ("received", "correction_requested", "correction_received", "pause_started",
                     "pause_ended", "extended", "delayed_period_set", "answered")


class ClockEventRecord(Base):
    __tablename__ = "clock_event"
    __table_args__ = (
        CheckConstraint("kind IN (" + ", ".join(f"'{k}'" for k in CLOCK_EVENT_KINDS) + ")", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    clock_round: Mapped[int] = mapped_column(default=1)
    kind: Mapped[str] = mapped_column(String(32))
    day: Mapped[date]  # the legal date (Asia/Shanghai) the event counts from
    ref: Mapped[Optional[str]] = mapped_column(String(60))
    days: Mapped[Optional[int]]
    due: Mapped[Optional[date]]
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[Optional[int]] = mapped_column(ForeignKey("app_user.id"))

    application: Mapped["Application"] = relationship(back_populates="clock_events")


class History(ChainColumns, Base):
    """One row per transition (and per deadline recomputation); never updated or deleted: the database and the
    ORM refuse both (:mod:`workflow.models.immutable`). Chained per agency (:mod:`workflow.models.chain`)."""

    __tablename__ = "history"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    trigger: Mapped[str] = mapped_column(String(40))
    from_stage: Mapped[Optional[Stage]] = mapped_column(enum_type(Stage, "from_stage"))
    from_sub_step: Mapped[Optional[SubStep]] = mapped_column(enum_type(SubStep, "from_sub_step"))
    to_stage: Mapped[Stage] = mapped_column(enum_type(Stage, "to_stage"))
    to_sub_step: Mapped[SubStep] = mapped_column(enum_type(SubStep, "to_sub_step"))
    actor_id: Mapped[Optional[int]] = mapped_column(ForeignKey("app_user.id"))  # None for scheduled jobs
    legal_date: Mapped[date]
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    payload: Mapped[dict] = mapped_column(default=dict)
    due_before: Mapped[Optional[date]]
    due_after: Mapped[Optional[date]]


append_only(History, "办理历史只能追加，不得修改或删除")
