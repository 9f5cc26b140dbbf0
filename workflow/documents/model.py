"""The structured content of a generated document: ordered parts, rendered later as .docx or HTML."""
from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass
from datetime import date
from rules.clock_events import cn as chinese_date  # one formatter: 「2026年11月21日」, no leading zeros


class PartKind(str, enum.Enum):
    TITLE = "title"  # 标题, centred
    NUMBER = "number"  # 文号, centred under the title
    SALUTATION = "salutation"  # 「申请人：」, flush left
    PARAGRAPH = "paragraph"  # body text, first line indented two characters
    SEAL = "seal"  # 印章 placeholder, right: where the agency's seal (or 政府信息公开专用章) is stamped
    SIGNATURE = "signature"  # 落款 (agency name), right
    DATE = "date"  # 成文日期, right


@dataclass(frozen=True)
class Part:
    kind: PartKind
    text: str


@dataclass(frozen=True)
class GeneratedDocument:
    """A document ready to render: ``kind`` (e.g. "reply"), its parts in order."""

    kind: str
    parts: tuple[Part, ...]

    @property
    def title(self) -> str:
        return next(p.text for p in self.parts if p.kind is PartKind.TITLE)

    def texts(self, kind: PartKind | None = None) -> list[str]:
        """Texts of all parts (of one kind when given), in order."""
        return [p.text for p in self.parts if kind is None or p.kind is kind]

    @property
    def plain_text(self) -> str:
        return "\n".join(self.texts())


def chinese_date_or_text(value: object) -> str:
    """A date, or an ISO date string, as 「2026年3月2日」; any other text unchanged."""
    if isinstance(value, date):
        return chinese_date(value)
    text = str(value or "").strip()
    try:
        return chinese_date(date.fromisoformat(text))
    except ValueError:
        return text


def reply_number(doc_code: str, year: int, sequence: int) -> str:
    """「某住建依申请公开〔2026〕第15号」 (STATUTE.md §7.2: 〔机关代字〕依申请公开〔年份〕第×号)."""
    return f"{doc_code}依申请公开〔{year}〕第{sequence}号"


def document_hash(data: bytes) -> str:
    """SHA-256 hex digest of an issued document's bytes, recorded to prove it was never changed."""
    return hashlib.sha256(data).hexdigest()
