"""Secondary deadlines around a case (DOMAIN.md §3, STATUTE.md §2–§4): pure date arithmetic.

Working-day periods (补正 notice, consultee opinion, fee payment) use the official calendar: "within N working
days from X" is the N-th working day strictly after X (民事诉讼法第八十五条第二款: the first day is not counted).

The applicant's remedy periods (复议, 诉讼) are calendar days or months. Their last day follows
民事诉讼法第八十五条 (applied to 复议 by 行政复议法第八十八条第一款, and to 诉讼 by 行政诉讼法第一百零一条 — that
article is not quoted in STATUTE.md, confirm):
the first day is not counted, and a last day that is a 法定休假日 moves to the first working day after it.
"法定休假日" is read as any day off in the calendar (weekends and holidays; a 调休 working weekend is not one).
Months follow 民法典第二百零二条: the corresponding day of the final month, or that month's last day when it has
no such day (2026-08-31 + 6 months = 2027-02-28).
"""
from __future__ import annotations

import calendar as _gregorian
from datetime import date, timedelta

CORRECTION_NOTICE_DAYS = 7  # 条例第三十条: 补正 notice within 7 WD of receipt
CONSULTEE_REPLY_DAYS = 15  # 条例第三十二条 (third party), 第三十四条 (co-producing agency)
# UNVERIFIED (STATUTE.md §3): the 20-WD payment window is common practice, not read in 国办函〔2020〕109号 itself.
FEE_PAYMENT_DAYS = 20
RECONSIDERATION_DAYS = 60  # 行政复议法第二十条第一款: 60 (calendar) days
DIRECT_SUIT_MONTHS = 6  # 行政诉讼法第四十六条第一款: 6 months
SUIT_AFTER_RECONSIDERATION_DAYS = 15  # 行政诉讼法第四十五条; 行政复议法第三十四条


def correction_notice_due(calendar, t0: date) -> date:
    """Last day to send the one consolidated 补正告知 (条例第三十条): 7 WD after T0.

    Raises CalendarYearMissing when the date leaves the calendar's range.
    """
    return calendar.add_working_days(t0, CORRECTION_NOTICE_DAYS)


def consultee_due(calendar, letter_received: date) -> date:
    """Last day for a consultee's opinion: 15 WD after it received the letter (条例第三十二条、第三十四条).

    Raises CalendarYearMissing when the date leaves the calendar's range.
    """
    return calendar.add_working_days(letter_received, CONSULTEE_REPLY_DAYS)


def fee_payment_due(calendar, notice_received: date, days: int = FEE_PAYMENT_DAYS) -> date:
    """Last day to pay the 信息处理费: ``days`` WD after the applicant received the 收费通知.

    The default of 20 WD is UNVERIFIED (STATUTE.md §3); pass the agency's configured value.
    Raises ValueError when ``days`` < 1, CalendarYearMissing out of the calendar's range.
    """
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise ValueError(f"缴费期限应为正整数个工作日，收到：{days!r}")
    return calendar.add_working_days(notice_received, days)


def add_months(day: date, months: int) -> date:
    """The corresponding day ``months`` later, clamped to the month's last day (民法典第二百零二条)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _gregorian.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def roll_past_days_off(calendar, last_day: date) -> date:
    """``last_day``, or the first working day after it when it is a day off (民事诉讼法第八十五条第三款).

    Raises CalendarYearMissing when the date leaves the calendar's range.
    """
    if calendar.is_working_day(last_day):
        return last_day
    return calendar.add_working_days(last_day, 1)


def reconsideration_deadline(calendar, served_on: date) -> date:
    """Last day to apply for 行政复议: 60 days after the reply was served (行政复议法第二十条第一款).

    The day of service is not counted; a last day off moves to the next working day (行政复议法第八十八条第一款,
    民事诉讼法第八十五条). Raises CalendarYearMissing out of the calendar's range.
    """
    return roll_past_days_off(calendar, served_on + timedelta(days=RECONSIDERATION_DAYS))


def direct_suit_deadline(calendar, served_on: date) -> date:
    """Last day to sue directly: 6 months after the reply was served (行政诉讼法第四十六条第一款).

    Month arithmetic per 民法典第二百零二条, last-day rule per 民事诉讼法第八十五条.
    Raises CalendarYearMissing out of the calendar's range.
    """
    return roll_past_days_off(calendar, add_months(served_on, DIRECT_SUIT_MONTHS))


def suit_after_reconsideration_deadline(calendar, decision_received: date) -> date:
    """Last day to sue after 复议: 15 days after receiving the 复议决定书 (行政诉讼法第四十五条).

    Raises CalendarYearMissing out of the calendar's range.
    """
    return roll_past_days_off(calendar, decision_received + timedelta(days=SUIT_AFTER_RECONSIDERATION_DAYS))
