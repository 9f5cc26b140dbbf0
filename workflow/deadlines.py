"""From stored clock events to the case's denormalised due date, through ``rules.clock.compute_deadline``."""
from __future__ import annotations

from datetime import date
from typing import Callable, Iterable

from rules.calendar import load_calendar
from rules.clock import ClockEvent, Deadline, EventKind, compute_deadline
from workflow.models import Application, ClockEventRecord, ClockStatus, Stage

CalendarLoader = Callable[..., object]


def calendar_for(case: Application, loader: CalendarLoader = load_calendar):
    """The working-day calendar of the case's agency (national plus its region's overlay)."""
    return loader(region=case.agency.region_code)


def to_clock_events(records: Iterable[ClockEventRecord], clock_round: int) -> list[ClockEvent]:
    """The clock events of one round (a reopened case starts a new round), in recording order."""
    return [ClockEvent(EventKind(r.kind), r.day, ref=r.ref, days=r.days, due=r.due)
            for r in records if r.clock_round == clock_round]


def deadline_of(case: Application, calendar, today: date,
                records: Iterable[ClockEventRecord] | None = None) -> Deadline:
    """The deadline computed from the case's stored events (or ``records``) of its current round."""
    records = case.clock_events if records is None else records
    return compute_deadline(calendar, to_clock_events(records, case.clock_round), today)


def store_deadline(case: Application, deadline: Deadline) -> bool:
    """Copy the due date, provisional flag and clock status (``closed`` once archived) onto the case; True
    when the due date or the flag changed."""
    changed = (case.due_date, case.due_provisional) != (deadline.due_date, bool(deadline.provisional))
    case.due_date = deadline.due_date
    case.due_provisional = bool(deadline.provisional)
    case.clock_status = ClockStatus.CLOSED if case.stage is Stage.ARCHIVE else ClockStatus(deadline.status)
    return changed


def printed_receipt_date(case: Application) -> date:
    """The receipt date the notices print (条例第三十一条: the confirmation date for 信函/网络/传真)."""
    return case.confirmed_on or case.received_on


def corrected_receipt_date(case: Application) -> date | None:
    """The day the last corrected application arrived (条例第三十条), from the clock events of every round —
    the 补正 stays part of the application's story after a reopen — or None."""
    days = [e.day for e in case.clock_events if e.kind == "correction_received"]
    return days[-1] if days else None
