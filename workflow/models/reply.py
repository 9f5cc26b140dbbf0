"""The reply (答复书) of a clock round, and remedies (复议/诉讼) recorded after the case closed."""
from __future__ import annotations

from datetime import date
from typing import Optional

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workflow.models.base import Base, enum_type
from workflow.models.enums import RemedyKind, RemedyResult


class Reply(Base):
    __tablename__ = "reply"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    clock_round: Mapped[int] = mapped_column(default=1)
    category: Mapped[Optional[str]] = mapped_column(String(40))  # reply category code (DOMAIN.md §4)
    fields: Mapped[dict] = mapped_column(default=dict)
    content: Mapped[str] = mapped_column(Text, default="")
    drafter_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    reviewer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("app_user.id"))
    review_comments: Mapped[list] = mapped_column(default=list)
    planned_issue_on: Mapped[Optional[date]]
    issued_on: Mapped[Optional[date]]
    delivery_method: Mapped[Optional[str]] = mapped_column(String(40))
    delivery_proof: Mapped[Optional[str]] = mapped_column(Text)
    document_number: Mapped[Optional[str]] = mapped_column(String(60))


class Remedy(Base):
    """A 行政复议 or 行政诉讼 against the case's reply (feeds 表四)."""

    __tablename__ = "remedy"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    kind: Mapped[RemedyKind] = mapped_column(enum_type(RemedyKind, "remedy_kind"))
    filed_on: Mapped[date]
    result: Mapped[RemedyResult] = mapped_column(enum_type(RemedyResult, "remedy_result"))
    closed_on: Mapped[Optional[date]]
