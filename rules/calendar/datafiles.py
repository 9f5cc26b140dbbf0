"""Reading and validating the calendar data files (TOML, standard library only).

National files: ``data/YYYY.toml``, one per year, each naming the 国务院办公厅 notice(s) it comes from.
Regional overlays: ``regions/<6-digit code>.toml``, days off or working days that apply only in that region.
Every file is validated completely before anything is used: a bad file loads nothing.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable

from rules.calendar.errors import CalendarDataError

YEAR_FILE = re.compile(r"^(20\d\d)\.toml$")  # 2000–2099: the lunar and solar-term tables cover these
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
    """The line of the ``occurrence``-th mention of ``needle`` (comments and ``published =`` lines ignored).

    A key (a bare word) matches only where it is assigned (``key =``); a date matches anywhere else.
    """
    key = re.compile(rf"^\s*{re.escape(needle)}\s*=") if re.fullmatch(r"\w+", needle) else None
    for number, line in enumerate(text.splitlines(), start=1):
        code = line.split("#", 1)[0]
        if key is not None:
            occurrence -= bool(key.match(code))
        elif not re.match(r"^\s*published\s*=", code):
            occurrence -= code.count(needle)
        if occurrence <= 0:
            return number
    return None


def _line_of_table(text: str, header: str, index: int, key: str | None = None) -> int | None:
    """The line of the ``index``-th (0-based) ``[[header]]`` table, or of ``key =`` inside it."""
    start = _line_of(text, f"[[{header}]]", index + 1)
    if start is None or key is None:
        return start
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number, line in enumerate(text.splitlines()[start:], start=start + 1):
        if line.lstrip().startswith("["):
            break
        if pattern.match(line):
            return number
    return start


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CalendarDataError(path, f"无法读取（{exc}）") from exc


def _parse(path: Path, text: str | None = None) -> tuple[str, dict[str, Any]]:
    text = _read(path) if text is None else text
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise CalendarDataError(path, f"TOML 语法错误（{exc}）", int(match.group(1)) if match else None) from exc


def _notices(path: Path, text: str, raw: Any) -> tuple[Notice, ...]:
    if not isinstance(raw, list) or not raw:
        raise CalendarDataError(path, "缺少 [[notices]]：每个文件须注明所依据的官方通知", _line_of(text, "notices"))
    result = []
    for index, item in enumerate(raw):
        line = _line_of_table(text, "notices", index)
        if not isinstance(item, dict):
            raise CalendarDataError(path, "notices 应为 [[notices]] 表", line)
        _reject_unknown_keys(path, text, item, "notices")
        title, number = item.get("title"), item.get("number", "")
        if not isinstance(title, str) or not title.strip():
            raise CalendarDataError(path, "[[notices]] 缺少 title（通知标题）", line)
        published, verified = item.get("published"), item.get("number_verified", False)
        if published is not None and (not isinstance(published, date) or isinstance(published, datetime)):
            raise CalendarDataError(path, f"published 应为日期：{published!r}", _line_of(text, "published", index + 1))
        if not isinstance(verified, bool) or not isinstance(number, str):
            raise CalendarDataError(path, "number 应为字符串，number_verified 应为 true 或 false", line)
        result.append(Notice(title.strip(), number, published, verified))
    return tuple(result)


def _days(path: Path, text: str, raw: Any, year: int | None) -> tuple[DayRule, ...]:
    if not isinstance(raw, list):
        raise CalendarDataError(path, "缺少 [[holidays]] 表", _line_of(text, "holidays"))
    seen: dict[date, str] = {}
    result = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            raise CalendarDataError(path, "holidays 应为 [[holidays]] 表", _line_of_table(text, "holidays", index))
        _reject_unknown_keys(path, text, item, "holidays")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise CalendarDataError(path, "[[holidays]] 缺少 name（节日名称）", _line_of_table(text, "holidays", index))
        for key, working in (("off", False), ("work", True)):
            values = item.get(key, [])
            if not isinstance(values, list):
                raise CalendarDataError(path, f"{name} 的 {key} 应为日期列表", _line_of_table(text, "holidays", index, key))
            for value in values:
                if not isinstance(value, date) or isinstance(value, datetime):
                    raise CalendarDataError(path, f"{name}：{value!r} 不是日期（应写作 2026-10-01）",
                                            _line_of_table(text, "holidays", index, key))
                result.append(_check_day(path, text, value, working, name, year, seen))
    return tuple(result)


def _check_day(path, text, value, working, name, year, seen) -> DayRule:
    line = _line_of(text, str(value), occurrence=2 if value in seen else 1)
    if year is not None and value.year != year:
        raise CalendarDataError(path, f"{name}：日期 {value} 不在本文件所属的 {year} 年", line)
    if value in seen:
        raise CalendarDataError(path, f"日期 {value} 重复出现（{seen[value]}、{name}）", line)
    if working and value.weekday() < 5:
        raise CalendarDataError(path, f"{name}：{value} 是工作日（周{'一二三四五'[value.weekday()]}），不能标为调休上班的周末", line)
    seen[value] = name
    return DayRule(value, working, name.strip())


def read_year_file(path: Path, text: str | None = None) -> CalendarFile:
    """Read and validate one national year file; raises :class:`CalendarDataError`.

    With ``text``, that is the file's content (an upload not yet stored as ``path``): validated the same way.
    """
    match = YEAR_FILE.match(path.name)
    if not match:
        raise CalendarDataError(path, "文件名应为 YYYY.toml")
    text, data = _parse(path, text)
    _reject_unknown_keys(path, text, data, "year file")
    year = data.get("year")
    if type(year) is not int or year != int(match.group(1)):
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
