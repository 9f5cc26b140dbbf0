"""The statutory reply clock (DOMAIN.md §3, STATUTE.md §2): (calendar, clock events, today) -> Deadline.

Pure: no database, no clock reads. Counting uses the calendar's O(1) lookups; only the explanation text walks
the days between T0 and the due date. See docs/deadline-clock.md for the rules and their articles.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Iterable

from rules.clock_events import (  # noqa: F401  (the public event API is importable from rules.clock)
    LABELS, MAX_EXTENSION_DAYS, PAUSE_KINDS, ClockError, ClockEvent, EventKind, ReplayState, replay, cn,
    extension_refusal, pause_kind,
)
from rules.remedy_periods import (  # noqa: F401  (secondary deadlines, importable from here too)
    FEE_PAYMENT_DAYS, consultee_due, correction_notice_due, fee_payment_due,
)

REPLY_LIMIT_DAYS = 20  # 条例第三十三条第二款: 20 WD from receipt
# UNVERIFIED (STATUTE.md §3): that the time from the 收费通知 to payment is not counted in the reply period.
FEE_PAUSES_REPLY_CLOCK = True


@dataclass(frozen=True)
class Deadline:
    status: str  # "not_started" | "running" | "stopped" (awaiting 补正) | "paused" | "answered"
    t0: date | None
    limit_days: int  # 20 (+ extension); for a 条例35 delayed period, the counted WD from T0 to the set date
    due_date: date | None
    early_warning_date: date | None  # receipt day counted as day 1 (STATUTE §2, UNVERIFIED practice)
    used: int
    left: int
    paused: bool
    provisional: bool
    answered_on: date | None
    late: bool
    explanation: tuple[str, ...]


def _stops_clock(ref: str, fee_pauses: bool) -> bool:
    # UNVERIFIED (STATUTE.md §3): fee pauses count only when configured to.
    return fee_pauses or ref.split(":", 1)[0] != "fee"


def _paused_intervals(state: ReplayState, end: date, fee_pauses: bool) -> list[tuple[date, date]]:
    """The union of paused ranges (a, b] (条例第三十三条第三款), clipped to after T0; open pauses run to ``end``."""
    ranges = list(state.closed_pauses) + [(start, end, ref) for ref, start in state.open_pauses.items()]
    clipped = sorted((max(a, state.t0), b) for a, b, ref in ranges if _stops_clock(ref, fee_pauses))
    merged: list[tuple[date, date]] = []
    for a, b in clipped:
        if b <= a:
            continue
        if merged and a <= merged[-1][1]:  # overlapping or touching: count once
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def counted_days(calendar, t0: date, until: date, paused: list[tuple[date, date]]) -> int:
    """Working days d with t0 < d <= until that lie in no paused range."""
    if until <= t0:
        return 0
    total = calendar.working_days_between(t0, until)
    return total - sum(calendar.working_days_between(a, min(b, until)) for a, b in paused if a < until)


def nth_counted_day(calendar, t0: date, n: int, paused: list[tuple[date, date]]) -> date:
    """The n-th working day after t0 that lies in no paused range (iterates over ranges, not days)."""
    cursor, remaining = t0, n
    for a, b in paused:
        available = calendar.working_days_between(cursor, a)
        if remaining <= available:
            break
        remaining, cursor = remaining - available, b
    return calendar.add_working_days(cursor, remaining)


def compute_deadline(calendar, events: Iterable[ClockEvent], today: date, *,
                     fee_pauses_clock: bool = FEE_PAUSES_REPLY_CLOCK, explain: bool = True) -> Deadline:
    """The reply deadline of a case as of ``today``, with a Chinese explanation of how it was reached.

    With ``explain=False`` the explanation of a running clock is left empty (the dates are the same): the
    recompute job needs only the dates, and the explanation is most of the cost. Raises ClockError for an impossible event sequence, CalendarYearMissing when a needed date lies outside
    the calendar's range.
    """
    state = replay(events)
    if state.t0 is None:
        return Deadline("not_started", None, REPLY_LIMIT_DAYS, None, None, 0, REPLY_LIMIT_DAYS, False, False,
                        None, False, ("尚未确定收到申请日，答复期限尚未起算（条例第三十一条）。",))
    if state.stopped_on is not None:
        return _stopped(calendar, state)
    return _running(calendar, state, state.answered_on or today, fee_pauses_clock, explain)


def _due_dates(calendar, state: ReplayState, paused) -> tuple[int, date, date]:
    """(limit in WD, statutory due date, earlier reading) for a started, unstopped clock."""
    if state.delayed_due is not None:  # 条例第三十五条: the set date replaces the due date
        due = state.delayed_due
        return counted_days(calendar, state.t0, due, paused), due, due
    limit = REPLY_LIMIT_DAYS + state.extension  # 条例第三十三条第二款: 20 WD, plus an approved extension
    due = nth_counted_day(calendar, state.t0, limit, paused)
    if not calendar.is_working_day(state.t0):
        return limit, due, due
    # STATUTE §2 (UNVERIFIED practice): the stricter reading counts the receipt day itself as day 1
    return limit, due, nth_counted_day(calendar, state.t0, limit - 1, paused)


def _running(calendar, state: ReplayState, end: date, fee_pauses: bool, explain: bool = True) -> Deadline:
    """The clock counted up to ``end`` (today, or the answer day)."""
    paused = _paused_intervals(state, end, fee_pauses)
    limit, due, early = _due_dates(calendar, state, paused)
    used = counted_days(calendar, state.t0, end, paused)
    open_pause = not state.answered_on and any(_stops_clock(r, fee_pauses) for r in state.open_pauses)
    status = "answered" if state.answered_on else "paused" if open_pause else "running"
    # every day counted from T0 to the due date, pauses included, must be official (the due date depends on it)
    provisional = calendar.missing_notices(state.t0, max([due] + [b for _, b in paused]))
    deadline = Deadline(status, state.t0, limit, due, early, used, limit - used, open_pause,
                        bool(provisional), state.answered_on, end > due, ())
    if not explain:
        return deadline
    notes = state.notes + _summary(calendar, state, paused, deadline, end)
    if provisional:
        notes.append(f"注意：{'、'.join(map(str, provisional))}年尚未录入国务院办公厅放假通知（仅按法定节日推算、未含调休），"
                     "上述日期为暂定，录入通知后将重新计算。")
    return replace(deadline, explanation=tuple(notes))


def _stopped(calendar, state: ReplayState) -> Deadline:
    """Awaiting 补正 (条例第三十条): no due date; a full 20 WD will run from the corrected application."""
    notes = state.notes + ["等待补正期间答复期限停止计算；收到补正后的申请之日起重新计算20个工作日（条例第三十条）。"]
    if state.answered_on:
        notes.append(f"{cn(state.answered_on)}作出答复。")
    provisional = calendar.missing_notices(state.t0, state.answered_on or state.t0)
    return Deadline("answered" if state.answered_on else "stopped", state.t0, REPLY_LIMIT_DAYS, None, None, 0,
                    REPLY_LIMIT_DAYS, False, bool(provisional), state.answered_on, False, tuple(notes))


def _summary(calendar, state: ReplayState, paused, d: Deadline, end: date) -> list[str]:
    """How the due date was reached and where the count stands, in Chinese sentences."""
    notes = [f"答复期限自{cn(d.t0)}的次日起计算，当日不计入（民事诉讼法第八十五条）。"]
    notes += [f"{cn(a)}的次日至{cn(b)}暂停计算，其中{calendar.working_days_between(a, b)}个工作日不计入"
              "（重叠的暂停只计一次）。" for a, b in paused if a < d.due_date]
    if d.paused:
        notes.append(f"暂停尚未结束：截止日期按暂停于今日（{cn(end)}）结束推算，暂停每持续一个工作日，截止日期相应顺延。")
    notes += _calendar_notes(calendar, d.t0, d.due_date) + _late_extension_note(calendar, state, paused)
    if state.delayed_due is None:
        notes.append(f"答复期限为{d.limit_days}个工作日（条例第三十三条第二款），截止日期为{cn(d.due_date)}。")
        notes.append(f"从严口径（收到申请当日计为第1日，实务做法，未经核实）：宜于{cn(d.early_warning_date)}前答复。")
    over = -d.left
    if d.answered_on:
        verdict = f"逾期{over}个工作日" if d.late else "未超过期限"
        notes.append(f"{cn(d.answered_on)}作出答复，用时{d.used}个工作日，{verdict}。")
    else:
        verdict = f"已超过截止日期（逾期{over}个工作日）" if d.late else f"剩余{d.left}个工作日"
        notes.append(f"截至{cn(end)}已用{d.used}个工作日，{verdict}。")
    return notes


def _late_extension_note(calendar, state: ReplayState, paused) -> list[str]:
    """A warning when the extension came after the original due date (STATUTE §2, practice UNVERIFIED)."""
    if state.extended_on is None or state.delayed_due is not None:
        return []
    original = nth_counted_day(calendar, state.t0, REPLY_LIMIT_DAYS, paused)
    if state.extended_on <= original:
        return []
    return [f"注意：延长决定于{cn(state.extended_on)}作出，晚于原截止日期{cn(original)}。条例未明文要求，"
            "但延长应在原期限届满前告知申请人，否则在复议、诉讼中存在风险（实务做法）。"]


def _calendar_notes(calendar, t0: date, due: date) -> list[str]:
    """Holidays and 调休 working weekends between T0 and the due date (the only place that walks days)."""
    infos = calendar.days(t0 + timedelta(days=1), due) if due > t0 else []
    groups: list[list] = []
    for info in (i for i in infos if i.holiday and not i.working):
        if groups and groups[-1][-1].holiday == info.holiday and (info.day - groups[-1][-1].day).days == 1:
            groups[-1].append(info)
        else:
            groups.append([info])
    notes = [f"{g[0].holiday}放假（{cn(g[0].day)}至{cn(g[-1].day)}）不计入。" if len(g) > 1
             else f"{cn(g[0].day)}{g[0].holiday}放假，不计入。" for g in groups]
    notes += [f"{cn(i.day)}（星期{'一二三四五六日'[i.day.weekday()]}）为{i.holiday}调休上班日，计入。"
              for i in infos if i.working and i.weekend]
    return notes
