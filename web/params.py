"""Parsing what a browser sends (query strings, form fields) into typed values, refusing with InvalidInput.

Dates are accepted as ``2026-09-28`` and ``20260928`` (UI.md: what the window staff type).
"""
from __future__ import annotations

import enum
import re
from datetime import date
from typing import Optional, TypeVar

from workflow.errors import InvalidInput

E = TypeVar("E", bound=enum.Enum)
_DATE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")


def parse_date(text: Optional[str], *, field: str, label: str) -> Optional[date]:
    """``None`` for an empty value; a date for ``YYYY-MM-DD`` or ``YYYYMMDD``; else InvalidInput."""
    text = (text or "").strip()
    if not text:
        return None
    found = _DATE.match(text)
    try:
        if found is None:
            raise ValueError(text)
        return date(*(int(part) for part in found.groups()))
    except ValueError as exc:
        raise InvalidInput(f"{label}格式不正确（应为 2026-09-28 或 20260928）", field=field,
                           label=label) from exc


def parse_enum(text: Optional[str], enum_class: type[E], *, field: str, label: str) -> Optional[E]:
    """``None`` for an empty value, the member whose value is ``text``, else InvalidInput."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return enum_class(text)
    except ValueError as exc:
        raise InvalidInput(f"{label}的取值「{text[:20]}」无效", field=field, label=label) from exc


def parse_int(text: Optional[str], *, field: str, label: str, default: Optional[int] = None,
              low: int = 1, high: int = 10**9) -> Optional[int]:
    """``default`` for an empty value, an int in [low, high], else InvalidInput."""
    text = (text or "").strip()
    if not text:
        return default
    if not re.fullmatch(r"\d{1,10}", text) or not low <= int(text) <= high:
        raise InvalidInput(f"{label}应为 {low}–{high} 之间的整数", field=field, label=label)
    return int(text)
