"""Calendar alerts of the escalation job: next year's 国务院办公厅 holiday notice not loaded yet (from 1 November,
daily, to every agency's admins), and — once a year that was alerted is loaded — a recompute of every open
deadline and one alert per agency with the number of due dates that changed."""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Callable, Iterable, Optional

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session, sessionmaker

from rules.calendar import CalendarError

from workflow.jobs.escalation.plan import PlannedAlert, Staff
from workflow.jobs.escalation.store import chunks
from workflow.jobs.recompute import TRIGGER as RECOMPUTE
from workflow.jobs.recompute import recompute_open_deadlines
from workflow.models import Alert, Application, ClockStatus, History, Role

MISSING, LOADED = "calendar_missing", "calendar_loaded"
WARN_FROM = (11, 1)  # from 1 November next year's notice is due (it is usually published in late October)
MID_YEAR = (6, 30)  # a day that only the year's own notice settles


def years_to_warn(calendar, today: date) -> list[int]:
    """The years whose notice is missing and must be asked for on ``today``: this year if it is not loaded,
    and from 1 November next year."""
    years = [today.year] + ([today.year + 1] if (today.month, today.day) >= WARN_FROM else [])
    return [year for year in years if not official(calendar, year)]


def official(calendar, year: int) -> bool:
    """True when ``year``'s notice is loaded; a year beyond even the provisional range is not."""
    try:
        return calendar.is_official(date(year, *MID_YEAR))
    except CalendarError:
        return False


def missing_alerts(years: list[int], agency_ids: Iterable[int], staff: Staff,
                   today: date) -> list[PlannedAlert]:
    """One 「日历未载入」 alert per agency, year and day, to the agency's admins."""
    return [PlannedAlert(
        agency_id=agency_id, kind=MISSING, level="urgent", record_id=year, subject=f"{year}年",
        message=(f"尚未载入 {year} 年的全国节假日安排（国务院办公厅通知）：{year} 年的期限只能按暂定日历计算"
                 f"（不含调休），可能不准确。请管理员在通知发布后上传 {year} 年的日历数据文件（系统管理页面，"
                 f"或 xxgk calendar install {year}.toml），系统将自动重算在办案件的期限。"),
        dedupe_key=f"{MISSING}:{agency_id}:{year}:{today.isoformat()}",
        recipients=tuple(staff.of(agency_id, Role.ADMIN)))
        for year in years for agency_id in agency_ids]


def loaded_years(session: Session, calendar, agency_ids: list[int]) -> dict[int, list[int]]:
    """Year -> agencies that were told the year was missing, that is now official, and that were not yet
    told it is loaded."""
    def pairs(kind: str) -> set[tuple[int, int]]:
        return set(session.execute(select(Alert.record_id, Alert.agency_id).distinct()
                                   .where(Alert.kind == kind, Alert.agency_id.in_(agency_ids))).all())
    waiting: dict[int, list[int]] = {}
    for year, agency_id in sorted(pairs(MISSING) - pairs(LOADED)):
        if official(calendar, year):
            waiting.setdefault(year, []).append(agency_id)
    return waiting


def stale_provisional(session: Session, calendar, today: date) -> bool:
    """True when a running case's due date is still marked 暂定 although the calendar settles that day now:
    the recompute after a year's installation did not finish (an upload whose worker was killed, a failed
    recompute). Paused cases are left out (the recompute leaves them to the action ending the pause)."""
    last = _settled_until(calendar, today)
    if last is None:
        return False
    a = Application
    return session.scalar(select(a.id).where(
        a.due_provisional == true(), a.clock_status == ClockStatus.RUNNING, a.due_date <= last).limit(1)) \
        is not None


def _settled_until(calendar, today: date) -> Optional[date]:
    """The last day the calendar settles, looking from last year on (loaded notices are consecutive years;
    late December of the last one waits for the next)."""
    last = None
    for year in range(today.year - 1, today.year + 4):
        if _settled(calendar, date(year, 12, 31)):
            last = date(year, 12, 31)
            continue
        day = date(year, 12, 31)
        while day.year == year and not _settled(calendar, day):
            day -= timedelta(days=1)
        return day if day.year == year else last
    return last


def _settled(calendar, day: date) -> bool:
    try:
        return calendar.is_official(day)
    except CalendarError:
        return False


def recompute_stale(session_factory: sessionmaker[Session], today: date, *, dry_run: bool,
                    calendar_loader: Callable) -> int:
    """Recompute every open deadline (see :func:`stale_provisional`); the number of due dates changed."""
    return len(recompute_open_deadlines(session_factory, today, calendar_loader=calendar_loader,
                                        dry_run=dry_run, real_today=today).changes)


def loaded_alerts(session_factory: sessionmaker[Session], waiting: dict[int, list[int]], staff: Staff,
                  today: date, *, dry_run: bool, calendar_loader: Callable) -> tuple[list[PlannedAlert], int]:
    """Recompute every open deadline once, then one 「日历已载入」 alert per waiting agency and year with the
    number of its cases whose due date changed. Returns the alerts and the number of changes."""
    result = recompute_open_deadlines(session_factory, today, calendar_loader=calendar_loader,
                                      dry_run=dry_run, real_today=today)
    failed = _cases_per_agency(session_factory, [f.case_id for f in result.failures])
    alerts = []
    for year, agency_ids in waiting.items():
        changed = _changed_since_warning(session_factory, year, agency_ids)
        if dry_run:  # nothing was written: count what this run would change
            changed.update(_cases_per_agency(session_factory, [c.case_id for c in result.changes]))
        for agency_id in agency_ids:
            count = changed[agency_id]
            note = f"另有 {failed[agency_id]} 件未能重算，请运行 xxgk deadlines recompute 查看原因。" \
                if failed[agency_id] else ""
            alerts.append(PlannedAlert(
                agency_id=agency_id, kind=LOADED, level="info", record_id=year, subject=f"{year}年",
                message=(f"{year} 年的全国节假日安排已载入，在办案件的期限已按新日历重算：{count} 件的期限有变更"
                         f"（均已记入案件历史）。{note}"),
                dedupe_key=f"{LOADED}:{agency_id}:{year}", recipients=tuple(staff.of(agency_id, Role.ADMIN))))
    return alerts, len(result.changes)


def _changed_since_warning(session_factory: sessionmaker[Session], year: int,
                           agency_ids: list[int]) -> Counter:
    """Per agency, the cases whose due date a recompute changed since the agency was first told ``year`` was
    missing: whoever recomputed (this run, an admin's upload, another run limited to another agency, a run
    that crashed after its recompute) — their ``recompute_deadline`` history rows."""
    counts: Counter = Counter()
    with session_factory() as session:
        first = session.execute(select(Alert.agency_id, func.min(Alert.created_at))
                                .where(Alert.kind == MISSING, Alert.record_id == year,
                                       Alert.agency_id.in_(agency_ids)).group_by(Alert.agency_id)).all()
        for agency_id, since in first:
            counts[agency_id] = session.scalar(
                select(func.count(func.distinct(History.application_id))).select_from(History)
                .join(Application, Application.id == History.application_id)
                .where(Application.agency_id == agency_id, History.trigger == RECOMPUTE,
                       History.recorded_at >= since)) or 0
    return counts


def _cases_per_agency(session_factory: sessionmaker[Session], case_ids: list[int]) -> Counter:
    counts: Counter = Counter()
    with session_factory() as session:
        for batch in chunks(case_ids, 500):
            counts.update(dict(session.execute(
                select(Application.agency_id, func.count()).where(Application.id.in_(batch))
                .group_by(Application.agency_id)).all()))
    return counts
