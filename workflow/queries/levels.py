"""Deadline levels (正常 / 临期 / 紧急 / 逾期 / 暂停 …) from a stored due date, in Python and as SQL conditions.

Working days are counted from ``today`` exclusive to the due date inclusive (the clock's ``left``): 0 means
due today. Thresholds are in working days; "left ≤ n" is the SQL-friendly ``due_date < cutoff(n)`` with
``cutoff(n)`` = the (n+1)-th working day after today, computed once per query and calendar — so the database
filters and sorts on the indexed ``due_date`` and the stored ``clock_status`` without a working-day table.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from typing import Optional

from sqlalchemy import and_, false, or_

from workflow.models import Application, ClockStatus

DUE_SOON_DAYS = 5  # 临期: at most 5 working days left
URGENT_DAYS = 2  # 紧急: at most 2 working days left


class Level(str, enum.Enum):
    """How pressing a deadline is; the Chinese text is :attr:`label`."""

    NORMAL = "normal"
    DUE_SOON = "due_soon"
    URGENT = "urgent"
    OVERDUE = "overdue"
    PAUSED = "paused"  # the clock is paused (征求意见, 缴费) or stopped (补正)
    NOT_STARTED = "not_started"  # T0 not known yet
    ANSWERED = "answered"  # the reply is issued; the case waits to be archived

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]


LEVEL_LABELS = {Level.NORMAL: "正常", Level.DUE_SOON: "临期", Level.URGENT: "紧急", Level.OVERDUE: "逾期",
                Level.PAUSED: "暂停", Level.NOT_STARTED: "未起算", Level.ANSWERED: "已答复"}
PROVISIONAL_LABEL = "暂定日期"  # shown beside the level when the due date rests on a provisional calendar year
TIMED_LEVELS = (Level.NORMAL, Level.DUE_SOON, Level.URGENT, Level.OVERDUE)
_STATUS_LEVEL = {ClockStatus.PAUSED: Level.PAUSED, ClockStatus.STOPPED: Level.PAUSED,
                 ClockStatus.NOT_STARTED: Level.NOT_STARTED, ClockStatus.ANSWERED: Level.ANSWERED}


@dataclass(frozen=True)
class Cutoffs:
    """The dates that split running deadlines into levels, for one calendar and ``today``."""

    today: date
    urgent: date  # due before this: at most ``urgent_days`` left
    due_soon: date  # due before this: at most ``due_soon_days`` left

    @classmethod
    def of(cls, calendar, today: date, *, due_soon_days: int = DUE_SOON_DAYS,
           urgent_days: int = URGENT_DAYS) -> "Cutoffs":
        """Raises ValueError unless 0 ≤ urgent_days ≤ due_soon_days; CalendarYearMissing out of range."""
        if not 0 <= urgent_days <= due_soon_days:
            raise ValueError(f"thresholds need 0 <= urgent <= due_soon, got {urgent_days}, {due_soon_days}")
        return cls(today, calendar.add_working_days(today, urgent_days + 1),
                   calendar.add_working_days(today, due_soon_days + 1))

    def level_of_due(self, due: date) -> Level:
        """The level of a running deadline due on ``due``."""
        if due < self.today:
            return Level.OVERDUE
        if due < self.urgent:
            return Level.URGENT
        return Level.DUE_SOON if due < self.due_soon else Level.NORMAL


def working_days_left(calendar, today: date, due: date) -> int:
    """Working days from today (exclusive) to ``due`` (inclusive); negative: overdue by that many."""
    if due >= today:
        return calendar.working_days_between(today, due)
    return -calendar.working_days_between(due, today)


def level_of(status: ClockStatus, due: Optional[date], cutoffs: Cutoffs) -> Level:
    """The level of a case from its stored clock status and due date."""
    status = ClockStatus(status)
    if status is ClockStatus.RUNNING and due is not None:
        return cutoffs.level_of_due(due)
    return _STATUS_LEVEL.get(status, Level.NOT_STARTED)


def due_condition(column, level: Level, cutoffs: Cutoffs):
    """SQL condition on a due-date ``column`` for one of the timed levels."""
    if level is Level.OVERDUE:
        return column < cutoffs.today
    if level is Level.URGENT:
        return and_(column >= cutoffs.today, column < cutoffs.urgent)
    if level is Level.DUE_SOON:
        return and_(column >= cutoffs.urgent, column < cutoffs.due_soon)
    return column >= cutoffs.due_soon


def level_condition(level: Level, cutoffs: Cutoffs):
    """SQL condition selecting the open cases of ``level`` (by stored clock status and due date)."""
    status = Application.clock_status
    if level in TIMED_LEVELS:
        return and_(status == ClockStatus.RUNNING, due_condition(Application.due_date, level, cutoffs))
    statuses = [s for s, lv in _STATUS_LEVEL.items() if lv is level]
    return or_(*(status == s for s in statuses)) if statuses else false()
