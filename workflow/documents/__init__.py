"""Generated documents (DOMAIN.md §6): builders produce structured parts; renderers make .docx and A4 HTML.

    doc = build_reply(ReplyInput(...))
    data = render_docx(doc); page = render_html(doc); digest = document_hash(data)

No database and no Flask here: inputs are plain frozen dataclasses (``workflow.documents.inputs``).
"""
from workflow.documents.builders import (build_consultation_letter, build_correction_notice,
                                         build_delayed_period_notice, build_disclosure_notice,
                                         build_extension_notice, build_fee_notice, build_lapse_notice,
                                         build_receipt, build_reply,
                                         history_sentences, receipt_sentence)
from workflow.documents.inputs import (CaseFacts, ConsultationInput, CorrectionNoticeInput,
                                       DelayedPeriodNoticeInput, DisclosureNoticeInput, ExtensionNoticeInput,
                                       FeeNoticeInput, LapseNoticeInput, ReceiptInput, ReplyInput)
from workflow.documents.model import (GeneratedDocument, Part, PartKind, chinese_date, document_hash,
                                      reply_number)
from workflow.documents.render_docx import render_docx
from workflow.documents.render_html import render_html

__all__ = [
    "CaseFacts", "ConsultationInput", "CorrectionNoticeInput", "DelayedPeriodNoticeInput",
    "DisclosureNoticeInput", "ExtensionNoticeInput", "FeeNoticeInput",
    "GeneratedDocument", "LapseNoticeInput", "Part", "PartKind", "ReceiptInput", "ReplyInput",
    "build_consultation_letter", "build_correction_notice", "build_delayed_period_notice",
    "build_disclosure_notice", "build_extension_notice", "build_fee_notice",
    "build_lapse_notice", "build_receipt", "build_reply", "chinese_date", "document_hash",
    "history_sentences", "receipt_sentence", "render_docx", "render_html", "reply_number",
]
