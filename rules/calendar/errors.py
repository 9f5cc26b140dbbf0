"""Errors raised by the working-day calendar."""
from __future__ import annotations

from pathlib import Path


class CalendarError(Exception):
    """Base class of every calendar error."""


class CalendarYearMissing(CalendarError, LookupError):
    """A date falls in a year for which the calendar has neither an official file nor provisional rules."""

    def __init__(self, year: int, first: int, last: int) -> None:
        self.year = year
        super().__init__(
            f"{year} 年不在工作日历范围内（可用 {first}–{last} 年；"
            f"{first} 年以前无数据，{last} 年以后需先录入国务院办公厅放假通知）"
        )


class UnknownRegion(CalendarError, ValueError):
    """The administrative-division code is malformed or names no province-level region."""

    def __init__(self, code: object) -> None:
        self.code = code
        super().__init__(f"未知的行政区划代码：{code!r}（应为 6 位数字，前两位为省级代码，如 450000）")


class CalendarDataError(CalendarError, ValueError):
    """A calendar data file is malformed; names the file and, where known, the line."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        where = f"{self.path}" + (f" 第 {line} 行" if line else "")
        super().__init__(f"日历数据文件错误：{where}：{message}")
