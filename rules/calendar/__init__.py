"""The official Chinese working-day calendar (STATUTE.md §8, DOMAIN.md §3).

    from rules.calendar import load_calendar, CalendarYearMissing
    cal = load_calendar()                 # the national calendar
    cal = load_calendar(region="450000")  # national + overlays for that division code, if any exist

Data: ``data/YYYY.toml`` (one file per 国务院办公厅 notice year) and ``regions/<code>.toml``. A year with no
file is provisional (statutory holidays only, no 调休). Adding a year is adding a file — in the package, or in
the installation's own folder (:func:`set_installation_dir`, e.g. ``<instance>/calendar/``) for the years the
package does not have yet.
"""
from __future__ import annotations

import functools
import os
import re
import threading
from pathlib import Path

from rules.calendar.datafiles import YEAR_FILE, CalendarFile, overlay_files, read_year_files
from rules.calendar.errors import CalendarDataError, CalendarError, CalendarYearMissing, UnknownRegion
from rules.calendar.official import DayInfo, OfficialCalendar

__all__ = [
    "CalendarDataError", "CalendarError", "CalendarYearMissing", "DayInfo", "OfficialCalendar", "UnknownRegion",
    "calendar_with", "clear_cache", "installation_dir", "package_years", "load_calendar", "region_chain",
    "set_installation_dir", "DATA_DIR",
    "REGIONS_DIR", "PROVISIONAL_YEARS",
]

DATA_DIR = Path(__file__).parent / "data"
REGIONS_DIR = Path(__file__).parent / "regions"
# How many years past the last official notice deadlines may still be computed (provisionally).
PROVISIONAL_YEARS = 3
_CONFIGURED = object()  # load_calendar's default: the folder given to set_installation_dir

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


def set_installation_dir(directory: Path | str | None) -> None:
    """Where this installation keeps the year files its administrators installed (``None``: package only).

    Called once at start-up by the application (``web.create_app``); ``rules/`` reads no environment. Those
    files are merged with the package's ``data/``: a year the package has is always taken from the package.
    """
    global _installation_dir
    with _LOCK:
        _installation_dir = Path(directory) if directory is not None else None
        _CACHE.clear()


def installation_dir() -> Path | None:
    """The folder set by :func:`set_installation_dir` (``None`` when there is none)."""
    return _installation_dir


def load_calendar(region: str | None = None, *, data_dir: Path | str | None = None,
                  regions_dir: Path | str | None = None, provisional_years: int = PROVISIONAL_YEARS,
                  installed_dir: Path | str | None | object = _CONFIGURED) -> OfficialCalendar:
    """The national calendar, plus the overlays of ``region`` when given. Cached; see :func:`clear_cache`.

    ``installed_dir`` (default: the folder of :func:`set_installation_dir`) adds the years the package lacks.
    Raises :class:`UnknownRegion`, :class:`CalendarDataError` (naming file and line; nothing is loaded).
    """
    installed = _installation_dir if installed_dir is _CONFIGURED else installed_dir
    key = (region, _resolved(data_dir or DATA_DIR), _resolved(regions_dir or REGIONS_DIR),
           _resolved(installed) if installed is not None else None, provisional_years)
    fingerprint = _fingerprint(key[1]) + _fingerprint(key[2]) + (_fingerprint(key[3]) if key[3] else ())
    with _LOCK:  # one build per key, even when many threads ask at once; the result is then shared read-only
        cached = _CACHE.get(key)
        if cached is None or cached[0] != fingerprint:  # a data file was added, replaced or changed: rebuild
            _CACHE[key] = (fingerprint, _build(*key))
        return _CACHE[key][1]


_LOCK = threading.Lock()
_CACHE: dict[tuple, tuple[tuple, OfficialCalendar]] = {}
_installation_dir: Path | None = None


@functools.lru_cache(maxsize=64)
def _resolved(directory: Path | str) -> Path:
    """``directory`` made absolute once (resolving costs ~30 µs; load_calendar runs on every request)."""
    return Path(directory).resolve()


def _fingerprint(directory: Path) -> tuple:
    """Names, inodes, sizes and modification times of the data files: every process notices a file that was
    added, edited, or replaced (``os.replace`` gives a new inode even within one clock tick)."""
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except (FileNotFoundError, NotADirectoryError):
        return ()
    return tuple((e.name, e.inode(), e.stat().st_mtime_ns, e.stat().st_size)
                 for e in entries if e.name.endswith(".toml"))


def _build(region: str | None, data_dir: Path, regions_dir: Path, installed_dir: Path | None,
           provisional_years: int) -> OfficialCalendar:
    chain = region_chain(region) if region is not None else ()
    years = _national_years(data_dir, installed_dir)
    return _calendar(data_dir, years, overlay_files(regions_dir, chain), provisional_years, region)


def _national_years(data_dir: Path, installed_dir: Path | None) -> dict[int, CalendarFile]:
    years = read_year_files(data_dir)
    if not years:
        raise CalendarDataError(data_dir, "目录中没有任何年度数据文件（YYYY.toml）")
    if installed_dir is not None and installed_dir.is_dir():
        for year, file in read_year_files(installed_dir).items():
            years.setdefault(year, file)  # the package's file wins: it is reviewed and tested
    return years


def _calendar(data_dir: Path, years: dict[int, CalendarFile], overlays: list[CalendarFile],
              provisional_years: int, region: str | None) -> OfficialCalendar:
    try:
        return OfficialCalendar(years, overlays, provisional_years, region)
    except CalendarError:
        raise
    except Exception as exc:  # e.g. a provisional year beyond the lunar/solar-term tables
        raise CalendarDataError(data_dir, f"无法据此建立工作日历：{exc}") from exc


def calendar_with(extra: CalendarFile, *, installed_dir: Path | str | None | object = _CONFIGURED
                  ) -> OfficialCalendar:
    """The national calendar as it would be once the year file ``extra`` is installed (built, not cached):
    the check of an upload before it is stored. Raises :class:`CalendarDataError`."""
    installed = _installation_dir if installed_dir is _CONFIGURED else installed_dir
    years = _national_years(DATA_DIR, _resolved(installed) if installed is not None else None)
    years[extra.year] = extra
    return _calendar(extra.path, years, [], PROVISIONAL_YEARS, None)


def package_years() -> tuple[int, ...]:
    """The years whose notice ships with the package (``data/``), ascending."""
    return tuple(sorted(int(p.stem) for p in DATA_DIR.glob("*.toml") if YEAR_FILE.match(p.name)))


def clear_cache() -> None:
    """Forget loaded calendars, e.g. after an administrator adds a year's file."""
    with _LOCK:
        _CACHE.clear()
