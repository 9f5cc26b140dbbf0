"""Render a GeneratedDocument as .docx bytes (python-docx): A4, GB/T 9704-style margins, 宋体 title, 仿宋 body.

East Asian text only takes a font when ``w:eastAsia`` is set on the run's rFonts; python-docx's ``font.name``
sets the Latin (ascii/hAnsi) font only.
"""
from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from workflow.documents.model import GeneratedDocument, PartKind

A4_WIDTH_MM, A4_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}  # GB/T 9704-2012 公文版心
BODY_FONT, TITLE_FONT = "仿宋", "宋体"
BODY_SIZE, TITLE_SIZE = Pt(16), Pt(22)  # 三号, 二号

# kind -> (font, size, bold, alignment, first-line indent)
_STYLE = {
    PartKind.TITLE: (TITLE_FONT, TITLE_SIZE, True, WD_ALIGN_PARAGRAPH.CENTER, None),
    PartKind.NUMBER: (BODY_FONT, BODY_SIZE, False, WD_ALIGN_PARAGRAPH.CENTER, None),
    PartKind.SALUTATION: (BODY_FONT, BODY_SIZE, False, WD_ALIGN_PARAGRAPH.LEFT, None),
    PartKind.PARAGRAPH: (BODY_FONT, BODY_SIZE, False, WD_ALIGN_PARAGRAPH.JUSTIFY, BODY_SIZE * 2),
    PartKind.SEAL: (BODY_FONT, BODY_SIZE, False, WD_ALIGN_PARAGRAPH.RIGHT, None),
    PartKind.SIGNATURE: (BODY_FONT, BODY_SIZE, False, WD_ALIGN_PARAGRAPH.RIGHT, None),
    PartKind.DATE: (BODY_FONT, BODY_SIZE, False, WD_ALIGN_PARAGRAPH.RIGHT, None),
}


def set_run_font(run, name: str, size, bold: bool = False) -> None:
    """Font for Latin and East Asian text of ``run``."""
    run.font.name, run.font.size, run.font.bold = name, size, bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def render_docx(document: GeneratedDocument) -> bytes:
    """The document as .docx bytes: A4 portrait, one paragraph per part."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(A4_WIDTH_MM), Mm(A4_HEIGHT_MM)
    for side, size in MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(size))
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    doc.core_properties.title = document.title
    for part in document.parts:
        font, size, bold, alignment, indent = _STYLE[part.kind]
        paragraph = doc.add_paragraph()
        paragraph.alignment = alignment
        if indent is not None:
            paragraph.paragraph_format.first_line_indent = indent
        set_run_font(paragraph.add_run(part.text), font, size, bold)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
