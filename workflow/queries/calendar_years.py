"""Which calendar years are official or provisional, where each comes from, and who installed what
(the admin page; see :mod:`workflow.services.calendar_install`)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Optional

from sqlalchemy import select

from rules.calendar import DATA_DIR, CalendarError, load_calendar, package_years
from rules.calendar.datafiles import YEAR_FILE
from workflow.models.alerts import JobRun
from workflow.services.calendar_install import JOB
from workflow.services.engine import SessionFactory

SOURCE_LABELS = {"package": "随系统提供", "installed": "本系统安装", "provisional": "暂定",
                 "missing": "不在日历范围内"}


@dataclass(frozen=True)
class YearStatus:
    year: int
    official: bool  # the year's 国务院办公厅 notice is loaded (checked on 30 June, as the escalation job does)
    source: str  # a key of SOURCE_LABELS
    shadowed: bool  # an installed file for a year the package now provides (the package's data counts)
    notice: Optional[str]  # the notice's title and 文号

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS[self.source]


@dataclass(frozen=True)
class CalendarUpload:
    started_at: datetime
    user: Optional[str]
    year: int
    sha256: str
    replaced: bool
    status: str  # running / completed / failed (job_run)
    changed: Optional[int]  # due dates changed by the recompute that followed


def calendar_years(today: date, installed_dir: Optional[Path]) -> tuple[YearStatus, ...]:
    """Last year to two years ahead, plus every installed year, with their status. Raises CalendarDataError
    when the data cannot be loaded."""
    calendar = load_calendar()
    installed = {int(p.stem) for p in installed_dir.glob("*.toml") if YEAR_FILE.match(p.name)} \
        if installed_dir is not None and installed_dir.is_dir() else set()
    years = sorted(set(range(today.year - 1, today.year + 3)) | installed)
    shipped = set(package_years())
    return tuple(_status(calendar, year, year in installed and year in shipped) for year in years)


def _status(calendar, year: int, shadowed: bool) -> YearStatus:
    try:
        official = calendar.is_official(date(year, 6, 30))
    except CalendarError:
        return YearStatus(year, False, "missing", shadowed, None)
    if year not in calendar.files:
        return YearStatus(year, official, "provisional", shadowed, None)
    file = calendar.files[year]
    notice = "；".join(f"{n.title}（{n.number}）" if n.number else n.title for n in file.notices)
    source = "package" if file.path.parent.resolve() == DATA_DIR.resolve() else "installed"
    return YearStatus(year, official, source, shadowed, notice)


def calendar_uploads(session_factory: SessionFactory, limit: int = 10) -> tuple[CalendarUpload, ...]:
    """The latest calendar installations of this installation (web or CLI), newest first."""
    with session_factory() as session:
        runs = session.scalars(select(JobRun).where(JobRun.job == JOB)
                               .order_by(JobRun.started_at.desc(), JobRun.id.desc()).limit(limit))
        return tuple(CalendarUpload(r.started_at, r.summary.get("user"), r.summary.get("year"),
                                    r.summary.get("sha256", ""), bool(r.summary.get("replaced")), r.status,
                                    r.summary.get("changed")) for r in runs)
