"""The reference for ``bench_recompute``: the recompute as it was before issue 8 (ORM objects, the full
explanation computed per case, one savepoint and flush per changed case, the batch read inside the write
lock). It took ≈ 4.40 s for 10,000 cases after the calendar change on the development machine, when the
goals of issue 8 were set; timing it again in the same run turns those goals into ratios that hold on a
slower or busier machine. Not used by the application.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.exc import StaleDataError

from rules.calendar import CalendarError
from rules.clock import ClockError
from workflow import deadlines
from workflow.models import Application, ClockEventRecord, History, Stage, utcnow
from workflow.uow import unit_of_work

REFERENCE_SECONDS = 4.40  # 10,000 cases, calendar changed, when issue 8 measured ≈ 45 s for 100,000


def _batch(session: Session, cases: list[Application], today: date, calendars: Callable) -> int:
    records: dict[int, list[ClockEventRecord]] = defaultdict(list)
    for record in session.scalars(select(ClockEventRecord).order_by(ClockEventRecord.id).where(
            ClockEventRecord.application_id.in_([case.id for case in cases]))):
        records[record.application_id].append(record)
    changed = 0
    for case in cases:
        old = (case.due_date, case.due_provisional)
        try:
            calendar = calendars(case.agency.region_code)
            deadline = deadlines.deadline_of(case, calendar, today, records[case.id])
        except (ClockError, CalendarError):
            continue
        if deadline.paused or old == (deadline.due_date, bool(deadline.provisional)):
            continue
        try:
            with session.begin_nested():
                deadlines.store_deadline(case, deadline)
                case.version += 1
                session.flush()
                session.add(History(application_id=case.id, trigger="recompute_deadline",
                                    from_stage=case.stage, from_sub_step=case.sub_step, to_stage=case.stage,
                                    to_sub_step=case.sub_step, legal_date=today, recorded_at=utcnow(),
                                    due_before=old[0], due_after=case.due_date, payload={}))
                changed += 1
        except StaleDataError:
            continue
    return changed


def recompute_as_before(session_factory, today: date, calendar_loader: Callable, batch_size=500) -> int:
    """Recompute every open case the old way; returns the number of changed cases."""
    cache: dict = {}

    def calendars(region):
        return cache[region] if region in cache else cache.setdefault(region, calendar_loader(region=region))

    changed, last_id = 0, 0
    while True:
        with unit_of_work(session_factory) as session:
            cases = list(session.scalars(
                select(Application).options(joinedload(Application.agency))
                .where(Application.stage != Stage.ARCHIVE, Application.id > last_id)
                .order_by(Application.id).limit(batch_size)))
            if not cases:
                return changed
            changed += _batch(session, cases, today, calendars)
            last_id = cases[-1].id
