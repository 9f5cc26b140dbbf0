"""Render a GeneratedDocument as a printable A4 HTML page (print CSS; no scripts, no external resources)."""
from __future__ import annotations

from html import escape

from workflow.documents.model import GeneratedDocument

PRINT_CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "仿宋", "FangSong", "STFangsong", serif; font-size: 16pt; line-height: 1.8; margin: 0; }
.sheet { max-width: 156mm; margin: 0 auto; }
.title { font-family: "宋体", "SimSun", "STSong", serif; font-size: 22pt; font-weight: bold;
         text-align: center; }
.number { text-align: center; }
.paragraph { text-indent: 2em; text-align: justify; margin: 0; }
.salutation, .paragraph, .number { margin: 0; }
.seal, .signature, .date { text-align: right; margin: 0; }
.seal { margin-top: 2em; }
@media screen { .sheet { padding: 20mm; box-shadow: 0 0 4px #999; } }
"""


def render_html(document: GeneratedDocument) -> str:
    """The document as a complete HTML page; each part is a <p> (the title an <h1>) with its kind as class."""
    lines = [f'<h1 class="title">{escape(document.title)}</h1>' if part.kind.value == "title"
             else f'<p class="{part.kind.value}">{escape(part.text)}</p>' for part in document.parts]
    body = "\n".join(lines)
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(document.title)}</title>\n<style>{PRINT_CSS}</style>\n</head>\n"
            f'<body>\n<main class="sheet">\n{body}\n</main>\n</body>\n</html>\n')
