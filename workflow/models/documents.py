"""Issued documents (DOMAIN.md §6): the exact bytes sent to the applicant or a consultee, frozen with their
hashes, and the per-(agency, year, series) counter their numbers come from."""
from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Optional

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflow.models.base import Base, enum_type, utcnow
from workflow.models.chain import ChainColumns
from workflow.models.events import History
from workflow.models.immutable import append_only


class DocumentKind(str, enum.Enum):
    """What was issued; the Chinese name is :attr:`label`."""

    RECEIPT = "receipt"  # 受理回执
    CORRECTION_NOTICE = "correction_notice"  # 补正告知书 (条例第三十条)
    CONSULTATION_LETTER = "consultation_letter"  # 征求意见书 (条例第三十二条、第三十四条)
    EXTENSION_NOTICE = "extension_notice"  # 延期答复告知书 (条例第三十三条第二款)
    FEE_NOTICE = "fee_notice"  # 收费通知书 (条例第四十二条)
    REPLY = "reply"  # 答复书
    LAPSE_NOTICE = "lapse_notice"  # 不再处理告知书
    DELAYED_PERIOD_NOTICE = "delayed_period_notice"  # 延迟答复告知书 (条例第三十五条)
    DISCLOSURE_NOTICE = "disclosure_notice"  # 依申请公开告知书 to an objecting third party (条例第三十二条)

    @property
    def label(self) -> str:
        return DOCUMENT_KIND_LABELS[self]


DOCUMENT_KIND_LABELS = {
    DocumentKind.RECEIPT: "受理回执", DocumentKind.CORRECTION_NOTICE: "补正告知书",
    DocumentKind.CONSULTATION_LETTER: "征求意见书", DocumentKind.EXTENSION_NOTICE: "延期答复告知书",
    DocumentKind.FEE_NOTICE: "收费通知书", DocumentKind.REPLY: "答复书", DocumentKind.LAPSE_NOTICE: "不再处理告知书",
    DocumentKind.DELAYED_PERIOD_NOTICE: "延迟答复告知书", DocumentKind.DISCLOSURE_NOTICE: "依申请公开告知书（第三方）",
}


class IssuedDocument(ChainColumns, Base):
    """One issued document, stored as issued: never updated or deleted (the database and the ORM refuse both,
    :mod:`workflow.models.immutable`). Its hashes are also recorded in the issuing history row's payload, and
    the row is chained with its agency's history (:mod:`workflow.models.chain`)."""

    __tablename__ = "issued_document"
    __table_args__ = (
        UniqueConstraint("agency_id", "number"),
        CheckConstraint("kind <> 'reply' OR number IS NOT NULL", name="reply_is_numbered"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
        CheckConstraint("length(html_sha256) = 64", name="html_sha256_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    history_id: Mapped[int] = mapped_column(ForeignKey("history.id"))  # the transition that issued it
    trigger: Mapped[str] = mapped_column(String(40))
    kind: Mapped[DocumentKind] = mapped_column(enum_type(DocumentKind, "document_kind"))
    number: Mapped[Optional[str]] = mapped_column(String(60))  # 文号; always set for replies
    title: Mapped[str] = mapped_column(String(200))
    addressee: Mapped[str] = mapped_column(String(200))  # the applicant, or the consultee of a 征求意见书
    docx: Mapped[bytes] = mapped_column(LargeBinary)
    html: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))  # of ``docx``
    html_sha256: Mapped[str] = mapped_column(String(64))  # of ``html`` encoded as UTF-8
    issued_on: Mapped[date]  # the legal date printed on the document (Asia/Shanghai)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[Optional[int]] = mapped_column(ForeignKey("app_user.id"))

    # Loaded with the document: exporting checks the hashes recorded in its payload.
    history: Mapped[History] = relationship(lazy="joined", innerjoin=True)


append_only(IssuedDocument, "已出具的文书只能追加，不得修改或删除")


class DocumentCounter(Base):
    """The last number handed out per agency, year and series (e.g. ``reply``); bumped in the issuing
    transaction."""

    __tablename__ = "document_counter"
    __table_args__ = (CheckConstraint("last_number >= 0", name="last_number_not_negative"),)

    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    series: Mapped[str] = mapped_column(String(20), primary_key=True)
    last_number: Mapped[int] = mapped_column(default=0)
