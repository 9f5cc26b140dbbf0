"""Escalation alerts (DOMAIN §7): what the scheduled job found, who was told, which e-mail digests carried it,
and a record of each job run.

- :class:`Alert` — one per (case, deadline kind, record, due date, level), enforced by the unique
  ``dedupe_key``; a deadline that moves gets a new key and may fire again. Calendar alerts have no case (one
  per agency and day). ``proposal`` names the trigger a person is asked to confirm (never run by the job).
- :class:`AlertRecipient` — one per (alert, user): the user's inbox row (``read_at``) and the digest that
  mailed it (``digest_id``).
- :class:`MailDigest` — one e-mail per recipient per run; ``sent_at`` NULL means still to send (retried by the
  next run); ``last_error`` is what the mail server said, shown to admins.
- :class:`JobRun` — one per run of a scheduled job (started, finished, outcome, counts, failures).
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflow.models.base import Base, utcnow

ALERT_LEVELS = ("due_soon", "urgent", "overdue", "info")  # info: e.g. a calendar year loaded
DEDUPE_KEY_LENGTH = 160
JOB_RUN_STATUSES = ("running", "completed", "failed", "skipped")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


class Alert(Base):
    __tablename__ = "alert"
    __table_args__ = (
        CheckConstraint(_in("level", ALERT_LEVELS), name="level"),
        Index("ix_alert_application_created", "application_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    application_id: Mapped[Optional[int]] = mapped_column(ForeignKey("application.id"))  # None: calendar
    kind: Mapped[str] = mapped_column(String(32))  # workflow.queries.due.DueKind value, or calendar_*
    record_id: Mapped[Optional[int]]  # the consultation, correction request or fee notice
    subject: Mapped[Optional[str]] = mapped_column(String(200))  # e.g. the consultee's name, the year
    due_on: Mapped[Optional[date]]
    level: Mapped[str] = mapped_column(String(16))
    working_days_left: Mapped[Optional[int]]  # on legal_date; negative: overdue by that many
    proposal: Mapped[Optional[str]] = mapped_column(String(40))  # a trigger a person is asked to confirm
    message: Mapped[str] = mapped_column(Text)  # Chinese, complete: what happened and what to do
    legal_date: Mapped[date]  # the day the job ran as (Asia/Shanghai)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    dedupe_key: Mapped[str] = mapped_column(String(DEDUPE_KEY_LENGTH), unique=True)
    job_run_id: Mapped[Optional[int]] = mapped_column(ForeignKey("job_run.id"))

    recipients: Mapped[list["AlertRecipient"]] = relationship(back_populates="alert")


class AlertRecipient(Base):
    __tablename__ = "alert_recipient"
    __table_args__ = (
        UniqueConstraint("alert_id", "user_id"),
        Index("ix_alert_recipient_inbox", "user_id", "read_at", "alert_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alert.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    read_at: Mapped[Optional[datetime]]
    digest_id: Mapped[Optional[int]] = mapped_column(ForeignKey("mail_digest.id"), index=True)

    alert: Mapped[Alert] = relationship(back_populates="recipients")


class MailDigest(Base):
    __tablename__ = "mail_digest"
    __table_args__ = (Index("ix_mail_digest_unsent", "sent_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    job_run_id: Mapped[Optional[int]] = mapped_column(ForeignKey("job_run.id"))
    sent_at: Mapped[Optional[datetime]]
    attempts: Mapped[int] = mapped_column(default=0)
    last_attempt_at: Mapped[Optional[datetime]]
    last_error: Mapped[Optional[str]] = mapped_column(Text)


class JobRun(Base):
    __tablename__ = "job_run"
    __table_args__ = (
        CheckConstraint(_in("status", JOB_RUN_STATUSES), name="status"),
        Index("ix_job_run_job_started", "job", "started_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(40))  # e.g. escalate
    legal_date: Mapped[date]  # the day it ran as
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[Optional[datetime]]
    status: Mapped[str] = mapped_column(String(16), default="running")
    summary: Mapped[dict] = mapped_column(default=dict)  # counts, failures (case id, Chinese reason)
