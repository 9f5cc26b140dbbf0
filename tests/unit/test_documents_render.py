"""Rendering: .docx is A4 with East Asian fonts; HTML has the same parts, escaped, with A4 print CSS."""
from __future__ import annotations

import io
from datetime import date

import docx
from docx.oxml.ns import qn

from rules.agencies import AgencyInfo, AgencyKind
from tests.unit.test_replies_samples import SAMPLE_FIELDS
from workflow.documents import (CaseFacts, GeneratedDocument, Part, PartKind, ReplyInput, build_reply,
                                document_hash, render_docx, render_html)

AGENCY = AgencyInfo("某市某区住房和城乡建设局", AgencyKind.DEPARTMENT, government="某市某区人民政府")
CASE = CaseFacts(AGENCY, "某住建", "王某", "YSQ-2026-0015", "K7P3QX", date(2026, 9, 1))
REPLY = build_reply(ReplyInput(CASE, "not_exist", SAMPLE_FIELDS["not_exist"], "某住建依申请公开〔2026〕第15号",
                               date(2026, 9, 28)))


def test_the_docx_page_is_a4_portrait_with_official_document_margins():
    section = docx.Document(io.BytesIO(render_docx(REPLY))).sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.bottom_margin,
             section.left_margin, section.right_margin]
    # Word stores twips (1/1440 inch): 210 mm becomes 11906 twips, a fraction of a millimetre off.
    assert [round(size.mm, 1) for size in sizes] == [210.0, 297.0, 37.0, 35.0, 28.0, 26.0]


def test_the_docx_sets_east_asian_fonts_song_for_the_title_and_fangsong_for_the_body():
    paragraphs = docx.Document(io.BytesIO(render_docx(REPLY))).paragraphs
    fonts = [p.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) for p in paragraphs]
    assert fonts[0] == "宋体" and set(fonts[1:]) == {"仿宋"}
    assert paragraphs[0].runs[0].font.size.pt == 22 and paragraphs[3].runs[0].font.size.pt == 16


def test_the_docx_holds_every_part_in_order():
    paragraphs = [p.text for p in docx.Document(io.BytesIO(render_docx(REPLY))).paragraphs]
    assert paragraphs == REPLY.texts()


def test_the_html_holds_the_same_parts_in_order_with_a4_print_css():
    page = render_html(REPLY)
    assert "@page { size: A4;" in page and '<html lang="zh-CN">' in page
    positions = [page.index(text) for text in REPLY.texts()[:-2]]  # agency name also appears in the <title>
    assert positions == sorted(positions)
    assert '<h1 class="title">某市某区住房和城乡建设局政府信息公开申请答复书</h1>' in page
    assert '<p class="number">某住建依申请公开〔2026〕第15号</p>' in page
    assert '<p class="date">2026年9月28日</p>' in page


def test_the_html_escapes_text_from_case_data():
    parts = (Part(PartKind.TITLE, "标题"), Part(PartKind.PARAGRAPH, "<script>alert(1)</script>"))
    document = GeneratedDocument("x", parts)
    page = render_html(document)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_document_hash_is_the_sha256_of_the_bytes():
    assert document_hash(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    data = render_docx(REPLY)
    assert document_hash(data) == document_hash(bytes(data)) != document_hash(data + b"\0")
