"""Human-readable summaries of the calendar (for the CLI, the UI and "how was this computed")."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rules.calendar.official import DayInfo, OfficialCalendar

WEEKDAYS = "一二三四五六日"


def fmt(day: date) -> str:
    """2026-10-01（周四）"""
    return f"{day.isoformat()}（周{WEEKDAYS[day.weekday()]}）"


@dataclass(frozen=True)
class Run:
    """Consecutive days sharing one status and label."""

    start: date
    end: date
    label: str

    @property
    def length(self) -> int:
        return (self.end - self.start).days + 1

    def describe(self) -> str:
        span = fmt(self.start) if self.start == self.end else f"{fmt(self.start)} 至 {fmt(self.end)}"
        return f"{span} {self.label}，共 {self.length} 天"


def _runs(days: list[DayInfo], label_of) -> list[Run]:
    runs: list[Run] = []
    for info in days:
        label = label_of(info)
        if label is None:
            continue
        last = runs[-1] if runs else None
        if last and last.label == label and last.end + timedelta(days=1) == info.day:
            runs[-1] = Run(last.start, info.day, label)
        else:
            runs.append(Run(info.day, info.day, label))
    return runs


def _off_label(info: DayInfo) -> str | None:
    if info.working:
        return None
    return f"{info.holiday}放假" if info.holiday else "周末"


def _work_weekend_label(info: DayInfo) -> str | None:
    return f"{info.holiday}调休上班" if info.working and info.weekend else None


def year_summary(cal: OfficialCalendar, year: int) -> list[str]:
    """Days off and working weekends of ``year``, official or provisional, as printable lines."""
    days = cal.days(date(year, 1, 1), date(year, 12, 31))
    notices = cal.notices(year)
    if notices:
        head = [f"{year} 年工作日历（官方）"] + [
            f"  依据：{n.title}（{n.number or '文号未录入'}{'' if n.number_verified else '，文号待核'}"
            f"{'，' + n.published.isoformat() + ' 发布' if n.published else ''}）" for n in notices]
    else:
        head = [f"{year} 年工作日历（暂定）：尚未录入国务院办公厅放假通知，",
                "  仅按《全国年节及纪念日放假办法》的法定节日计算，无调休；据此计算的期限均为暂定。"]
    holidays = [r for r in _runs(days, _off_label) if r.label != "周末"]
    weekends = _runs(days, _work_weekend_label)
    lines = head + ["放假："] + [f"  {r.describe()}" for r in holidays]
    lines += ["调休上班："] + ([f"  {r.describe()}" for r in weekends] or ["  无"])
    lines.append(f"全年工作日 {sum(d.working for d in days)} 天。")
    if cal.region:
        applied = [f"{o.name}（{o.region}，{'；'.join(n.title for n in o.notices)}）" for o in cal.overlays]
        lines.append(f"地区 {cal.region}：" + ("已叠加 " + "、".join(applied) if applied else "该地区无单独放假规定，按全国安排。"))
    if notices and year + 1 not in cal.official_years:
        reach = date(year, *cal.NEXT_NOTICE_REACH)
        lines.append(f"注意：{reach.isoformat()} 起的年末几天可能由 {year + 1} 年的放假通知调整（跨年元旦），在其录入前为暂定。")
    return lines


def due_explanation(cal: OfficialCalendar, start: date, n: int) -> list[str]:
    """Why ``cal.add_working_days(start, n)`` is the date it is, as printable lines."""
    due = cal.add_working_days(start, n)
    days = cal.days(start + timedelta(days=1), due)
    skipped = _runs(days, _off_label)
    counted_weekends = _runs(days, _work_weekend_label)
    lines = [f"{fmt(start)} 起 {n} 个工作日，期限届满日：{fmt(due)}",
             f"起算日 {start.isoformat()} 当日不计入（民事诉讼法第八十五条），自次日起算。"]
    if skipped:
        lines.append("跳过的非工作日：")
        lines += [f"  {r.describe()}" for r in skipped]
    if counted_weekends:
        lines.append("计入的调休上班日：")
        lines += [f"  {r.describe()}" for r in counted_weekends]
    weekend_total = sum(r.length for r in skipped if r.label == "周末")
    holiday_total = sum(r.length for r in skipped) - weekend_total
    lines.append(f"共 {len(days)} 个自然日：计入工作日 {n} 天，跳过周末 {weekend_total} 天、节假日 {holiday_total} 天。")
    return lines + provisional_warning(cal, start, due)


def provisional_warning(cal: OfficialCalendar, start: date, end: date) -> list[str]:
    """A line naming the notice years the range [start, end] depends on that are not loaded (or nothing)."""
    missing = cal.missing_notices(start, end)
    if not missing:
        return []
    line = f"注意：{'、'.join(map(str, missing))} 年的国务院办公厅放假通知尚未录入，结果为暂定"
    late_december = [year - 1 for year in missing if year - 1 in cal.official_years]
    if late_december:  # the days are in a loaded year, but its end can still move with the next notice
        reach = "、".join(date(year, *cal.NEXT_NOTICE_REACH).strftime("%Y-%m-%d") for year in late_december)
        line += f"（{reach} 起的年末几天可能由下一年的通知调整，如跨年元旦的调休）"
    return [line + "。"]


def missing_notice_warning(cal: OfficialCalendar, today: date) -> str | None:
    """A warning when the current year, or (from 1 November) next year, has no official notice loaded."""
    if today.year not in cal.official_years:
        return f"警告：{today.year} 年的国务院办公厅放假通知尚未录入，本年度的期限均为暂定。"
    if (today.month, today.day) >= (11, 1) and today.year + 1 not in cal.official_years:
        return (f"警告：已到 {today.year} 年 11 月，{today.year + 1} 年的国务院办公厅放假通知尚未录入；"
                f"跨年期限将按暂定日历计算。请在通知发布后新增 rules/calendar/data/{today.year + 1}.toml。")
    return None
