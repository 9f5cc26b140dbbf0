"""Issuing documents (DOMAIN.md §6): what :data:`workflow.side_effects.ISSUED_DOCUMENTS` declares for a
trigger is built from the case as the trigger left it, rendered (.docx and A4 HTML), hashed and returned as
:class:`IssuedDocument` rows — before the trigger's history row exists, so that row is written once, with the
documents' hashes in its payload (``issued_documents``). The engine attaches the rows to it.

Numbering is the issuing service's own step: ``issue_reply`` calls :func:`number_reply` in its mutator.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from sqlalchemy.orm import Session

from rules.replies.errors import RepliesError
from workflow.counters import next_counter_value
from workflow.documents import document_hash, render_docx, render_html, reply_number
from workflow.errors import GuardFailed
from workflow.history import trigger_payload
from workflow.models import Channel, DocumentCounter, DocumentKind, IssuedDocument
from workflow.services.document_drafts import BUILDERS, Draft, disclosed_over_objection
from workflow.side_effects import documents_issued_by

if TYPE_CHECKING:
    from workflow.services.engine import Action

REPLY_SERIES = "reply"
ISSUED_DOCUMENTS_KEY = "issued_documents"  # in the issuing history row's payload: one record per document


def next_document_number(session: Session, agency_id: int, year: int, series: str) -> int:
    """The next number of ``series`` for the agency and year (counter row bumped in this transaction)."""
    return next_counter_value(session, DocumentCounter, agency_id=agency_id, year=year, series=series)


def number_reply(action: Action) -> str:
    """Give the reply being issued the next 〔代字〕依申请公开〔年〕第N号 of its agency and issue year (the
    counter is bumped in this transaction: gapless, never typed by hand); returns the number."""
    case, reply = action.case, action.case.current_reply
    year = reply.issued_on.year
    sequence = next_document_number(action.session, case.agency_id, year, REPLY_SERIES)
    reply.document_number = reply_number(case.agency.doc_code or case.agency.name, year, sequence)
    return reply.document_number


def html_hash(html: str) -> str:
    """SHA-256 hex digest of a document's HTML page as exported (UTF-8)."""
    return document_hash(html.encode("utf-8"))


def record_of(document: IssuedDocument) -> dict:
    """What the issuing history row keeps of the document (compared on export)."""
    return {"kind": DocumentKind(document.kind).value, "number": document.number, "title": document.title,
            "addressee": document.addressee, "sha256": document.sha256, "html_sha256": document.html_sha256}


def _receipt_date_known(action: Action) -> bool:
    return not Channel(action.case.channel).needs_confirmation


CONDITIONS: dict[str, Callable[[Action], bool]] = {
    "receipt_date_known": _receipt_date_known,
    "disclosed_over_objection": lambda action: disclosed_over_objection(action.case),  # 条例第三十二条
}


def _document(action: Action, draft: Draft) -> IssuedDocument:
    """The rendered and hashed document of ``draft`` (not attached to a history row, not in the session)."""
    docx, html = render_docx(draft.document), render_html(draft.document)
    return IssuedDocument(
        application_id=action.case.id, agency_id=action.case.agency_id, trigger=action.trigger,
        kind=draft.kind, number=draft.number, title=draft.document.title, addressee=draft.addressee,
        docx=docx, html=html, sha256=document_hash(docx), html_sha256=html_hash(html),
        issued_on=draft.issued_on, recorded_at=action.recorded_at, actor_id=action.actor.id)


def issue_documents(action: Action) -> list[IssuedDocument]:
    """The documents the trigger issues (:data:`workflow.side_effects.ISSUED_DOCUMENTS`), built from the
    case and this trigger's payload; their records go into ``action.payload["issued_documents"]``.

    Raises GuardFailed when a document cannot be built (e.g. the agency's 复议机关 is not recorded: the reply
    rules' message), which rolls the trigger back.
    """
    documents: list[IssuedDocument] = []
    for issues in documents_issued_by(action.trigger):
        if issues.when and not CONDITIONS[issues.when](action):
            continue
        try:
            drafts = BUILDERS[issues.kind](action.case, action.today, trigger_payload(action))
        except RepliesError as exc:
            raise GuardFailed(str(exc)) from exc
        documents += [_document(action, draft) for draft in drafts]
    if documents:
        action.payload[ISSUED_DOCUMENTS_KEY] = [record_of(document) for document in documents]
    return documents
