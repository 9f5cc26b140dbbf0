"""The official Chinese working-day calendar (STATUTE.md §8, DOMAIN.md §3).

    from rules.calendar import load_calendar, CalendarYearMissing
    cal = load_calendar()                 # the national calendar
    cal = load_calendar(region="450000")  # national + overlays for that division code, if any exist

Data: ``data/YYYY.toml`` (one file per 国务院办公厅 notice year) and ``regions/<code>.toml``. A year with no
file is provisional (statutory holidays only, no 调休). Adding a year is adding a file.
"""
from __future__ import annotations

import os
import re
import threading
from pathlib import Path

from rules.calendar.datafiles import overlay_files, read_year_files
from rules.calendar.errors import CalendarDataError, CalendarError, CalendarYearMissing, UnknownRegion
from rules.calendar.official import DayInfo, OfficialCalendar

__all__ = [
    "CalendarDataError", "CalendarError", "CalendarYearMissing", "DayInfo", "OfficialCalendar", "UnknownRegion",
    "load_calendar", "region_chain", "DATA_DIR", "REGIONS_DIR", "PROVISIONAL_YEARS",
]

DATA_DIR = Path(__file__).parent / "data"
REGIONS_DIR = Path(__file__).parent / "regions"
# How many years past the last official notice deadlines may still be computed (provisionally).
PROVISIONAL_YEARS = 3

# GB/T 2260 province-level codes of the mainland, where the 条例 applies.
PROVINCE_CODES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42",
    "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
})
_CODE = re.compile(r"^\d{6}$")


def region_chain(code: str) -> tuple[str, ...]:
    """Province, prefecture and county codes that contain ``code`` (broadest first); raises UnknownRegion."""
    if not isinstance(code, str) or not _CODE.match(code) or code[:2] not in PROVINCE_CODES:
        raise UnknownRegion(code)
    chain = [code[:2] + "0000", code[:4] + "00", code]
    return tuple(dict.fromkeys(chain))


def load_calendar(region: str | None = None, *, data_dir: Path | str | None = None,
                  regions_dir: Path | str | None = None,
                  provisional_years: int = PROVISIONAL_YEARS) -> OfficialCalendar:
    """The national calendar, plus the overlays of ``region`` when given. Cached; see :func:`clear_cache`.

    Raises :class:`UnknownRegion`, :class:`CalendarDataError` (naming file and line; nothing is loaded).
    """
    key = (region, Path(data_dir or DATA_DIR).resolve(), Path(regions_dir or REGIONS_DIR).resolve(),
           provisional_years)
    fingerprint = _fingerprint(key[1]) + _fingerprint(key[2])
    with _LOCK:  # one build per key, even when many threads ask at once; the result is then shared read-only
        cached = _CACHE.get(key)
        if cached is None or cached[0] != fingerprint:  # a data file was added or changed: rebuild
            _CACHE[key] = (fingerprint, _build(*key))
        return _CACHE[key][1]


_LOCK = threading.Lock()
_CACHE: dict[tuple, tuple[tuple, OfficialCalendar]] = {}


def _fingerprint(directory: Path) -> tuple:
    """Names, sizes and modification times of the data files: every process notices an edited calendar."""
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except FileNotFoundError:
        return ()
    return tuple((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in entries if e.name.endswith(".toml"))


def _build(region: str | None, data_dir: Path, regions_dir: Path, provisional_years: int) -> OfficialCalendar:
    chain = region_chain(region) if region is not None else ()
    years = read_year_files(data_dir)
    if not years:
        raise CalendarDataError(data_dir, "目录中没有任何年度数据文件（YYYY.toml）")
    overlays = overlay_files(regions_dir, chain)
    try:
        return OfficialCalendar(years, overlays, provisional_years, region)
    except CalendarError:
        raise
    except Exception as exc:  # e.g. a provisional year beyond the lunar/solar-term tables
        raise CalendarDataError(data_dir, f"无法据此建立工作日历：{exc}") from exc


def clear_cache() -> None:
    """Forget loaded calendars, e.g. after an administrator adds a year's file."""
    with _LOCK:
        _CACHE.clear()
