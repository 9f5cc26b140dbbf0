"""Errors raised by the working-day calendar."""
from __future__ import annotations

from datetime import date
from pathlib import Path


class CalendarError(Exception):
    """Base class of every calendar error."""


class CalendarYearMissing(CalendarError, LookupError):
    """A date falls outside the calendar: before the first official year or past the provisional range."""

    def __init__(self, day: date, official_years: tuple[int, ...], last: int) -> None:
        self.day, self.year = day, day.year
        first, last_official = official_years[0], official_years[-1]
        if day.year < first:
            hint = f"{first} 年以前没有放假数据"
        else:
            hint = f"{last} 年以后的日期需先录入 {last_official + 1} 年及以后的国务院办公厅放假通知"
        super().__init__(
            f"{day.isoformat()} 不在工作日历范围内：官方数据 {first}–{last_official} 年，"
            f"暂定（仅法定节日）至 {last} 年；{hint}。"
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
