"""The statutory reply clock (DOMAIN.md §3, STATUTE.md §2): (calendar, clock events, today) -> Deadline.

Pure: no database, no clock reads. Counting uses the calendar's O(1) lookups; only the explanation text walks
the days between T0 and the due date. See docs/deadline-clock.md for the rules and their articles.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from operator import attrgetter
from typing import Iterable

from rules.remedy_periods import (  # noqa: F401  (secondary deadlines, importable from here too)
    FEE_PAYMENT_DAYS, consultee_due, correction_notice_due, fee_payment_due,
)

REPLY_LIMIT_DAYS = 20  # 条例第三十三条第二款: 20 WD from receipt
MAX_EXTENSION_DAYS = 20  # 条例第三十三条第二款: extension at most 20 WD, once
# UNVERIFIED (STATUTE.md §3): that the time from the 收费通知 to payment is not counted in the reply period.
FEE_PAUSES_REPLY_CLOCK = True


class ClockError(ValueError):
    """An impossible sequence of clock events; the message is Chinese and names the event."""


class EventKind(enum.Enum):
    RECEIVED = "received"  # T0: 当面/签收 date, or confirmation date (条例第三十一条)
    CORRECTION_REQUESTED = "correction_requested"  # 补正告知 sent: clock stopped (条例第三十条)
    CORRECTION_RECEIVED = "correction_received"  # corrected application: T0 := this day (条例第三十条)
    PAUSE_STARTED = "pause_started"  # consultation letter / fee notice sent (条例第三十三条第三款)
    PAUSE_ENDED = "pause_ended"  # opinion received / consultee period passed / fee paid
    EXTENDED = "extended"  # 条例第三十三条第二款, ClockEvent.days = N
    DELAYED_PERIOD_SET = "delayed_period_set"  # 条例第三十五条, ClockEvent.due = the set date
    ANSWERED = "answered"  # reply issued: the clock stops


LABELS = {
    EventKind.RECEIVED: "收到申请", EventKind.CORRECTION_REQUESTED: "告知补正",
    EventKind.CORRECTION_RECEIVED: "收到补正申请", EventKind.PAUSE_STARTED: "开始暂停计算",
    EventKind.PAUSE_ENDED: "结束暂停计算", EventKind.EXTENDED: "延长答复期限",
    EventKind.DELAYED_PERIOD_SET: "确定延迟答复期限", EventKind.ANSWERED: "答复",
}
# ref prefix -> (how the pause starts, how it ends, why its time is not counted)
PAUSE_KINDS = {
    "consultation": ("发出征求意见书", "征求意见结束", "条例第三十三条第三款"),
    "fee": ("发出收费通知", "缴费，收费期间结束", "国办函〔2020〕109号，此项做法未经核实"),  # UNVERIFIED (STATUTE §3)
}


@dataclass(frozen=True)
class ClockEvent:
    kind: EventKind
    day: date  # the legal date (Asia/Shanghai) the event counts from
    ref: str | None = None  # pause identifier, e.g. "consultation:3" or "fee:1"
    days: int | None = None  # EXTENDED only
    due: date | None = None  # DELAYED_PERIOD_SET only

    def __post_init__(self) -> None:
        try:  # the database stores the lowercase value
            object.__setattr__(self, "kind", EventKind(self.kind))
        except ValueError:
            raise ClockError(f"未知的期限事件类型：{self.kind!r}") from None
        if isinstance(self.day, datetime) or not isinstance(self.day, date):
            raise ClockError(f"“{LABELS[self.kind]}”的日期应为法定日期（date），收到：{self.day!r}")


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


def cn(day: date) -> str:
    """A date the way a Chinese reader writes it: 2026年9月28日."""
    return f"{day.year}年{day.month}月{day.day}日"


def pause_kind(ref: str) -> tuple[str, str, str]:
    """(start, end, basis) wording of a pause, from the prefix of its ref ("consultation:3")."""
    return PAUSE_KINDS.get(ref.split(":", 1)[0], ("开始暂停计算", "暂停结束", "条例第三十三条第三款"))


@dataclass
class _Replay:
    """The clock state after replaying the events in date order."""
    t0: date | None = None
    stopped_on: date | None = None
    open_pauses: dict[str, date] = field(default_factory=dict)
    closed_pauses: list[tuple[date, date, str]] = field(default_factory=list)
    extension: int = 0
    extended_on: date | None = None
    delayed_due: date | None = None
    answered_on: date | None = None
    notes: list[str] = field(default_factory=list)

    def apply(self, event: ClockEvent) -> None:
        if self.answered_on is not None:
            raise ClockError(f"已于{cn(self.answered_on)}答复，不能再记录{cn(event.day)}的“{LABELS[event.kind]}”")
        if self.t0 is None and event.kind is not EventKind.RECEIVED:
            raise ClockError(f"尚未记录收到申请，不能记录{cn(event.day)}的“{LABELS[event.kind]}”（条例第三十一条）")
        if self.stopped_on and event.kind in (EventKind.PAUSE_STARTED, EventKind.EXTENDED,
                                              EventKind.DELAYED_PERIOD_SET):
            raise ClockError(f"{cn(self.stopped_on)}起等待补正，答复期限已停止计算，"
                             f"不能记录“{LABELS[event.kind]}”（条例第三十条）")
        getattr(self, "_" + event.kind.value)(event)

    def _received(self, e: ClockEvent) -> None:
        if self.t0 is not None:
            raise ClockError(f"收到申请日已确定为{cn(self.t0)}，不能再记录{cn(e.day)}为收到申请日")
        self.t0 = e.day
        self.notes.append(f"{cn(e.day)}收到申请（收到申请日依条例第三十一条确定）。")

    def _correction_requested(self, e: ClockEvent) -> None:
        if self.stopped_on is not None:
            raise ClockError(f"已于{cn(self.stopped_on)}告知补正，尚未收到补正申请，不能再次告知补正")
        self.stopped_on = e.day
        self.notes.append(f"{cn(e.day)}告知补正，答复期限停止计算（条例第三十条）。")

    def _correction_received(self, e: ClockEvent) -> None:
        if self.stopped_on is None:
            raise ClockError(f"没有待补正的告知，不能记录{cn(e.day)}收到补正申请（条例第三十条）")
        # 条例第三十条: the reply period runs from receipt of the corrected application; nothing before counts.
        self.t0, self.stopped_on, self.delayed_due = e.day, None, None
        self.extension, self.extended_on = 0, None
        self.notes.append(f"{cn(e.day)}收到补正后的申请，答复期限自该日重新计算，此前经过的期间不再计入（条例第三十条）。")

    def _pause_started(self, e: ClockEvent) -> None:
        if not e.ref:
            raise ClockError(f"{cn(e.day)}的“开始暂停计算”缺少标识（ref，如 consultation:3）")
        if e.ref in self.open_pauses or any(ref == e.ref for _, _, ref in self.closed_pauses):
            raise ClockError(f"暂停“{e.ref}”已经开始过，不能在{cn(e.day)}再次开始")
        self.open_pauses[e.ref] = e.day
        started, _, basis = pause_kind(e.ref)
        self.notes.append(f"{cn(e.day)}{started}（{e.ref}），其间不计入答复期限（{basis}）。")

    def _pause_ended(self, e: ClockEvent) -> None:
        if not e.ref or e.ref not in self.open_pauses:
            raise ClockError(f"暂停“{e.ref}”尚未开始或已经结束，不能在{cn(e.day)}结束")
        self.closed_pauses.append((self.open_pauses.pop(e.ref), e.day, e.ref))
        self.notes.append(f"{cn(e.day)}{pause_kind(e.ref)[1]}（{e.ref}）。")

    def _extended(self, e: ClockEvent) -> None:
        if self.extension:
            raise ClockError(f"答复期限已延长过一次（{self.extension}个工作日），依条例第三十三条第二款不能再次延长")
        if isinstance(e.days, bool) or not isinstance(e.days, int) or not 1 <= e.days <= MAX_EXTENSION_DAYS:
            raise ClockError(f"延长期限应为1至{MAX_EXTENSION_DAYS}个工作日（条例第三十三条第二款），收到：{e.days!r}")
        self.extension, self.extended_on = e.days, e.day
        self.notes.append(f"{cn(e.day)}经政府信息公开工作机构负责人同意，延长答复期限{e.days}个工作日（条例第三十三条第二款）。")

    def _delayed_period_set(self, e: ClockEvent) -> None:
        if not isinstance(e.due, date) or isinstance(e.due, datetime) or e.due <= e.day:
            raise ClockError(f"{cn(e.day)}确定的延迟答复期限应为晚于当日的日期，收到：{e.due!r}（条例第三十五条）")
        self.delayed_due = e.due
        self.notes.append(f"{cn(e.day)}确定延迟答复的合理期限至{cn(e.due)}，截止日期以此为准（条例第三十五条）。")

    def _answered(self, e: ClockEvent) -> None:
        self.answered_on = e.day


def _replay(events: Iterable[ClockEvent]) -> _Replay:
    events = list(events)
    for event in events:
        if not isinstance(event, ClockEvent):
            raise ClockError(f"期限事件应为 ClockEvent，收到：{event!r}")
    state = _Replay()
    for event in sorted(events, key=attrgetter("day")):  # stable: same-day events keep their input order
        state.apply(event)
    return state


def extension_refusal(events: Iterable[ClockEvent]) -> str | None:
    """Why the reply limit may not be extended now, by the same replay :func:`compute_deadline` runs, or None.

    One extension per reply period (条例第三十三条第二款); a corrected application starts a new period and
    clears the earlier extension (条例第三十条), so one more is allowed then. Once a 条例第三十五条 delayed period
    is set its date is the due date and an extension would change nothing. Raises ClockError.
    """
    state = _replay(events)
    if state.delayed_due is not None:
        return (f"已确定合理的延迟答复期限至{cn(state.delayed_due)}，截止日期以此为准（条例第三十五条），"
                "不能再延长答复期限")
    if state.extension:
        return f"本案已延期一次（{cn(state.extended_on)}决定），不得再次延期（条例第三十三条第二款）"
    return None


def _stops_clock(ref: str, fee_pauses: bool) -> bool:
    # UNVERIFIED (STATUTE.md §3): fee pauses count only when configured to.
    return fee_pauses or ref.split(":", 1)[0] != "fee"


def _paused_intervals(state: _Replay, end: date, fee_pauses: bool) -> list[tuple[date, date]]:
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
                     fee_pauses_clock: bool = FEE_PAUSES_REPLY_CLOCK) -> Deadline:
    """The reply deadline of a case as of ``today``, with a Chinese explanation of how it was reached.

    Raises ClockError for an impossible event sequence, CalendarYearMissing when a needed date lies outside
    the calendar's range.
    """
    state = _replay(events)
    if state.t0 is None:
        return Deadline("not_started", None, REPLY_LIMIT_DAYS, None, None, 0, REPLY_LIMIT_DAYS, False, False,
                        None, False, ("尚未确定收到申请日，答复期限尚未起算（条例第三十一条）。",))
    if state.stopped_on is not None:
        return _stopped(calendar, state)
    return _running(calendar, state, state.answered_on or today, fee_pauses_clock)


def _due_dates(calendar, state: _Replay, paused) -> tuple[int, date, date]:
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


def _running(calendar, state: _Replay, end: date, fee_pauses: bool) -> Deadline:
    """The clock counted up to ``end`` (today, or the answer day)."""
    paused = _paused_intervals(state, end, fee_pauses)
    limit, due, early = _due_dates(calendar, state, paused)
    used = counted_days(calendar, state.t0, end, paused)
    open_pause = not state.answered_on and any(_stops_clock(r, fee_pauses) for r in state.open_pauses)
    status = "answered" if state.answered_on else "paused" if open_pause else "running"
    provisional = _provisional_years(calendar, state.t0, max([due, end] + [b for _, b in paused]))
    deadline = Deadline(status, state.t0, limit, due, early, used, limit - used, open_pause,
                        bool(provisional), state.answered_on, end > due, ())
    notes = state.notes + _summary(calendar, state, paused, deadline, end)
    if provisional:
        notes.append(f"注意：{'、'.join(map(str, provisional))}年尚未录入国务院办公厅放假通知（仅按法定节日推算、未含调休），"
                     "上述日期为暂定，录入通知后将重新计算。")
    return replace(deadline, explanation=tuple(notes))


def _stopped(calendar, state: _Replay) -> Deadline:
    """Awaiting 补正 (条例第三十条): no due date; a full 20 WD will run from the corrected application."""
    notes = state.notes + ["等待补正期间答复期限停止计算；收到补正后的申请之日起重新计算20个工作日（条例第三十条）。"]
    if state.answered_on:
        notes.append(f"{cn(state.answered_on)}作出答复。")
    provisional = _provisional_years(calendar, state.t0, state.answered_on or state.t0)
    return Deadline("answered" if state.answered_on else "stopped", state.t0, REPLY_LIMIT_DAYS, None, None, 0,
                    REPLY_LIMIT_DAYS, False, bool(provisional), state.answered_on, False, tuple(notes))


def _provisional_years(calendar, first: date, last: date) -> list[int]:
    """Years from ``first`` to ``last`` with no official notice loaded; raises CalendarYearMissing."""
    calendar.is_official(last)  # out-of-range dates raise here
    return [y for y in range(first.year, last.year + 1) if not calendar.is_official(date(y, 1, 1))]


def _summary(calendar, state: _Replay, paused, d: Deadline, end: date) -> list[str]:
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


def _late_extension_note(calendar, state: _Replay, paused) -> list[str]:
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
