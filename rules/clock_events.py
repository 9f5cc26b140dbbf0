"""Clock events and their replay (DOMAIN.md §3): what happened to a case's reply period, in date order.

`rules.clock` computes the deadline from the replayed state; this module validates the sequence of events and
keeps the statutory reasons for each step. Pure: no database, no clock reads.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import attrgetter
from typing import Iterable

MAX_EXTENSION_DAYS = 20  # 条例第三十三条第二款: extension at most 20 WD, once


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


def cn(day: date) -> str:
    """A date the way a Chinese reader writes it: 2026年9月28日."""
    return f"{day.year}年{day.month}月{day.day}日"


PAUSE_PURPOSES = {"consultation": "征求意见", "fee": "缴纳信息处理费"}  # what each kind of pause is for


def pause_purpose(ref: str) -> str:
    """What a pause is for (征求意见 / 缴纳信息处理费), from the prefix of its ref."""
    return PAUSE_PURPOSES.get(ref.split(":", 1)[0], "暂停计算事项")


def pause_kind(ref: str) -> tuple[str, str, str]:
    """(start, end, basis) wording of a pause, from the prefix of its ref ("consultation:3")."""
    return PAUSE_KINDS.get(ref.split(":", 1)[0], ("开始暂停计算", "暂停结束", "条例第三十三条第三款"))


@dataclass
class ReplayState:
    """The clock state after replaying the events in date order.

    ``received_on``: the receipt date of 条例第三十一条 (the ``received`` event); ``t0``: the day the reply
    period counts from — the receipt date, or the day the corrected application arrived (条例第三十条).
    """
    received_on: date | None = None
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
        self.received_on = self.t0 = e.day
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


def replay(events: Iterable[ClockEvent]) -> ReplayState:
    events = list(events)
    for event in events:
        if not isinstance(event, ClockEvent):
            raise ClockError(f"期限事件应为 ClockEvent，收到：{event!r}")
    state = ReplayState()
    for event in sorted(events, key=attrgetter("day")):  # stable: same-day events keep their input order
        state.apply(event)
    return state


def extension_refusal(events: Iterable[ClockEvent]) -> str | None:
    """Why the reply limit may not be extended now, by the same replay :func:`compute_deadline` runs, or None.

    One extension per reply period (条例第三十三条第二款); a corrected application starts a new period and
    clears the earlier extension (条例第三十条), so one more is allowed then. Once a 条例第三十五条 delayed period
    is set its date is the due date and an extension would change nothing. Raises ClockError.
    """
    state = replay(events)
    if state.delayed_due is not None:
        return (f"已确定合理的延迟答复期限至{cn(state.delayed_due)}，截止日期以此为准（条例第三十五条），"
                "不能再延长答复期限")
    if state.extension:
        return f"本案已延期一次（{cn(state.extended_on)}决定），不得再次延期（条例第三十三条第二款）"
    return None
