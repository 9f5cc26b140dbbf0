"""Reading and validating the calendar data files (TOML, standard library only).

National files: ``data/YYYY.toml``, one per year, each naming the 国务院办公厅 notice(s) it comes from.
Regional overlays: ``regions/<6-digit code>.toml``, days off or working days that apply only in that region.
Every file is validated completely before anything is used: a bad file loads nothing.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from rules.calendar.errors import CalendarDataError

YEAR_FILE = re.compile(r"^(\d{4})\.toml$")
ALLOWED_KEYS = {
    "year file": {"year", "notices", "holidays"},
    "overlay": {"region", "name", "notices", "holidays"},
    "notices": {"title", "number", "published", "number_verified"},
    "holidays": {"name", "off", "work"},
}


def _reject_unknown_keys(path: Path, text: str, table: Any, kind: str) -> None:
    """A misspelt key (``of = [...]``) must not silently drop data."""
    if isinstance(table, dict):
        for key in table:
            if key not in ALLOWED_KEYS[kind]:
                raise CalendarDataError(path, f"未知的字段 {key!r}（允许：{'、'.join(sorted(ALLOWED_KEYS[kind]))}）",
                                        _line_of(text, key))


@dataclass(frozen=True)
class Notice:
    title: str
    number: str
    published: date | None
    number_verified: bool


@dataclass(frozen=True)
class DayRule:
    day: date
    working: bool  # True: 调休上班 (a weekend worked); False: a day off
    name: str  # the holiday it belongs to, e.g. 春节


@dataclass(frozen=True)
class CalendarFile:
    path: Path
    year: int | None  # national files: the year; overlays: None
    region: str | None  # overlays: the division code
    name: str  # overlay: region name; national: 全国
    notices: tuple[Notice, ...]
    days: tuple[DayRule, ...]


def _line_of(text: str, needle: str, occurrence: int = 1) -> int | None:
    """The line number of the ``occurrence``-th line mentioning ``needle`` (comments ignored)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line.split("#", 1)[0]:
            occurrence -= 1
            if occurrence == 0:
                return number
    return None


def _parse(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CalendarDataError(path, f"无法读取（{exc}）") from exc
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise CalendarDataError(path, f"TOML 语法错误（{exc}）", int(match.group(1)) if match else None) from exc


def _notices(path: Path, text: str, raw: Any) -> tuple[Notice, ...]:
    if not isinstance(raw, list) or not raw:
        raise CalendarDataError(path, "缺少 [[notices]]：每个文件须注明所依据的官方通知", _line_of(text, "notices"))
    result = []
    for item in raw:
        _reject_unknown_keys(path, text, item, "notices")
        title = item.get("title") if isinstance(item, dict) else None
        if not isinstance(title, str) or not title.strip():
            raise CalendarDataError(path, "[[notices]] 缺少 title（通知标题）", _line_of(text, "[[notices]]"))
        published = item.get("published")
        if published is not None and not isinstance(published, date):
            raise CalendarDataError(path, f"published 应为日期：{published!r}", _line_of(text, "published"))
        result.append(Notice(title.strip(), str(item.get("number", "")), published, bool(item.get("number_verified", False))))
    return tuple(result)


def _days(path: Path, text: str, raw: Any, year: int | None) -> tuple[DayRule, ...]:
    if not isinstance(raw, list):
        raise CalendarDataError(path, "缺少 [[holidays]] 表", _line_of(text, "holidays"))
    seen: dict[date, str] = {}
    result = []
    for item in raw:
        _reject_unknown_keys(path, text, item, "holidays")
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str) or not name.strip():
            raise CalendarDataError(path, "[[holidays]] 缺少 name（节日名称）", _line_of(text, "[[holidays]]"))
        for key, working in (("off", False), ("work", True)):
            values = item.get(key, [])
            if not isinstance(values, list):
                raise CalendarDataError(path, f"{name} 的 {key} 应为日期列表", _line_of(text, f"{key} ="))
            for value in values:
                result.append(_check_day(path, text, value, working, name, year, seen))
    return tuple(result)


def _check_day(path, text, value, working, name, year, seen) -> DayRule:
    line = _line_of(text, str(value), occurrence=2 if value in seen else 1)
    if not isinstance(value, date) or hasattr(value, "hour"):
        raise CalendarDataError(path, f"{name}：{value!r} 不是日期（应写作 2026-10-01）", line)
    if year is not None and value.year != year:
        raise CalendarDataError(path, f"{name}：日期 {value} 不在本文件所属的 {year} 年", line)
    if value in seen:
        raise CalendarDataError(path, f"日期 {value} 重复出现（{seen[value]}、{name}）", line)
    if working and value.weekday() < 5:
        raise CalendarDataError(path, f"{name}：{value} 是工作日（周{'一二三四五'[value.weekday()]}），不能标为调休上班的周末", line)
    seen[value] = name
    return DayRule(value, working, name.strip())


def read_year_file(path: Path) -> CalendarFile:
    """Read and validate one national year file; raises :class:`CalendarDataError`."""
    match = YEAR_FILE.match(path.name)
    if not match:
        raise CalendarDataError(path, "文件名应为 YYYY.toml")
    text, data = _parse(path)
    _reject_unknown_keys(path, text, data, "year file")
    year = data.get("year")
    if year != int(match.group(1)):
        raise CalendarDataError(path, f"year = {year!r} 与文件名不一致", _line_of(text, "year"))
    return CalendarFile(path, year, None, "全国", _notices(path, text, data.get("notices")),
                        _days(path, text, data.get("holidays"), year))


def read_overlay_file(path: Path) -> CalendarFile:
    """Read and validate one regional overlay; raises :class:`CalendarDataError`."""
    text, data = _parse(path)
    _reject_unknown_keys(path, text, data, "overlay")
    region = data.get("region")
    if region != path.stem:
        raise CalendarDataError(path, f"region = {region!r} 与文件名 {path.stem} 不一致", _line_of(text, "region"))
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise CalendarDataError(path, "缺少 name（地区名称）", _line_of(text, "region"))
    return CalendarFile(path, None, region, name.strip(), _notices(path, text, data.get("notices")),
                        _days(path, text, data.get("holidays"), None))


def read_year_files(directory: Path) -> dict[int, CalendarFile]:
    """Every ``YYYY.toml`` in ``directory``, validated; the first bad file raises and nothing is returned."""
    files = sorted(p for p in directory.glob("*.toml") if YEAR_FILE.match(p.name))
    return {f.year: f for f in map(read_year_file, files)}


def overlay_files(directory: Path, codes: Iterable[str]) -> list[CalendarFile]:
    """The overlays that exist for the given codes (broadest first), validated."""
    return [read_overlay_file(directory / f"{code}.toml") for code in codes if (directory / f"{code}.toml").exists()]
