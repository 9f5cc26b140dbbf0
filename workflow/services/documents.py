"""Issued documents (DOMAIN.md §6): reading, previewing, verifying and exporting them.

Which trigger issues which document is declared in :mod:`workflow.side_effects`; the engine issues them in
the trigger's transaction (:mod:`workflow.services.issuing`). Stored bytes never change (the database refuses
UPDATE and DELETE); :func:`export_document` checks them against both records of their hashes;
:func:`preview_document` renders the current case data without touching them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from rules.replies.errors import RepliesError
from workflow.documents import document_hash, render_docx, render_html
from workflow.errors import DomainError, GuardFailed, NotFound
from workflow.models import DocumentKind, IssuedDocument
from workflow.services.document_drafts import BUILDERS, case_facts, stored_payload
from workflow.services.engine import SessionFactory, load_actor, read_case
from workflow.services.issuing import (
    ISSUED_DOCUMENTS_KEY, html_hash, next_document_number, record_of,
)
from workflow.side_effects import triggers_issuing

__all__ = [
    "DocumentCorrupted", "DocumentPreview", "EXPORT_FORMATS", "ISSUED_DOCUMENTS_KEY", "case_facts",
    "export_document", "get_document", "html_hash", "list_documents", "next_document_number",
    "preview_document", "verify_document",
]


@dataclass(frozen=True)
class DocumentPreview:
    """A rendering of current case data; never stored."""

    kind: DocumentKind
    title: str
    number: Optional[str]
    addressee: str
    docx: bytes
    html: str


def preview_document(session_factory: SessionFactory, actor_id: int, case_id: int,
                     kind: DocumentKind | str = DocumentKind.REPLY, *, today: date,
                     consultation_id: Optional[int] = None) -> DocumentPreview:
    """Render the ``kind`` document of the case from its current data (e.g. the reply while drafting or in
    review); issued documents are not touched. A 征求意见书 needs ``consultation_id``.

    Raises NotFound (case, or nothing to preview), PermissionDenied (other agency), GuardFailed (the document
    cannot be built, e.g. the agency's 复议机关 is not recorded).
    """
    kind = DocumentKind(kind)
    with session_factory() as session:
        case = read_case(session, case_id)
        load_actor(session, actor_id, case.agency_id)
        build = BUILDERS[kind]
        if kind is DocumentKind.CONSULTATION_LETTER:
            if consultation_id is None:
                raise NotFound("请指定要预览的征求意见对象")
            build = partial(build, wanted=consultation_id)
        try:
            drafts = build(case, today, stored_payload(session, case, triggers_issuing(kind)))
        except RepliesError as exc:
            raise GuardFailed(str(exc)) from exc
    draft = drafts[0]
    return DocumentPreview(draft.kind, draft.document.title, draft.number, draft.addressee,
                           render_docx(draft.document), render_html(draft.document))


def _check_agency(session: Session, actor_id: Optional[int], agency_id: int) -> None:
    if actor_id is not None:
        load_actor(session, actor_id, agency_id)


def list_documents(session_factory: SessionFactory, case_id: int, *,
                   actor_id: Optional[int] = None) -> list[IssuedDocument]:
    """The documents issued for the case, oldest first. With ``actor_id``: only for a user of its agency.

    Raises NotFound (no such case), PermissionDenied.
    """
    with session_factory() as session:
        case = read_case(session, case_id)
        _check_agency(session, actor_id, case.agency_id)
        return list(session.scalars(select(IssuedDocument).where(IssuedDocument.application_id == case_id)
                                    .order_by(IssuedDocument.id)))


def get_document(session_factory: SessionFactory, document_id: int, *,
                 actor_id: Optional[int] = None) -> IssuedDocument:
    """One issued document. Raises NotFound, PermissionDenied (``actor_id`` of another agency)."""
    with session_factory() as session:
        document = session.get(IssuedDocument, document_id)
        if document is None:
            raise NotFound(f"文书 {document_id} 不存在")
        _check_agency(session, actor_id, document.agency_id)
        return document


class DocumentCorrupted(DomainError):
    """The stored document no longer matches the hashes recorded when it was issued."""


EXPORT_FORMATS = ("docx", "html")


def verify_document(document: IssuedDocument) -> None:
    """Check the stored .docx and HTML against the document row's hashes and against the record of the issuing
    history row (payload ``issued_documents``; rows issued before migration 0003 have none and are checked
    against their own hashes only). ``document.history`` must be loaded (it is, with the document).

    Raises DocumentCorrupted naming what does not match.
    """
    mismatch = None
    if document_hash(document.docx) != document.sha256:
        mismatch = ".docx 文件"
    elif html_hash(document.html) != document.html_sha256:
        mismatch = "HTML 页面"
    else:
        records = (document.history.payload or {}).get(ISSUED_DOCUMENTS_KEY)
        if records is not None and record_of(document) not in records:
            mismatch = "办理历史中的出具记录"
    if mismatch:
        raise DocumentCorrupted(f"文书 {document.id} 的存储内容与出具时的校验值不一致（{mismatch}），请联系管理员")


def export_document(document: IssuedDocument, fmt: str) -> bytes:
    """The stored document as issued: ``docx`` = the stored bytes, ``html`` = the stored printable page
    (UTF-8); either way the whole document is verified first (:func:`verify_document`).

    Raises ValueError for another format, DocumentCorrupted on any hash mismatch.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"不支持的导出格式「{fmt}」；可选：{'、'.join(EXPORT_FORMATS)}")
    verify_document(document)
    return document.docx if fmt == "docx" else document.html.encode("utf-8")
