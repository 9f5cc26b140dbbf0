"""The reply clock on the real calendar. Every expected date is counted by hand from STATUTE.md §8.3 (2026)
and the provisional 2027 rules (元旦 1/1 only); the comment beside each test shows the count.

Days used throughout: 2026-09-28 is a Monday; 国庆 10/1–10/7 off, Saturday 10/10 worked (9/20 too).
November 2026 has no holiday: its working days are 11/2–6, 9–13, 16–20, 23–27, 30.
"""
from __future__ import annotations

import random
import shutil
from datetime import date

import pytest

from rules.calendar import DATA_DIR, load_calendar
from rules.clock import ClockEvent, EventKind, compute_deadline, extension_refusal

E = EventKind
D = date


@pytest.fixture(scope="module")
def cal():
    return load_calendar()


def received(day):
    return ClockEvent(E.RECEIVED, day)


def pause(ref, start, end=None):
    events = [ClockEvent(E.PAUSE_STARTED, start, ref=ref)]
    return events + ([ClockEvent(E.PAUSE_ENDED, end, ref=ref)] if end else [])


def test_twenty_working_days_across_national_day_count_the_adjusted_saturday(cal):
    # T0 Mon 9/28. 9/29=1, 9/30=2, 10/1–10/7 off, 10/8=3, 10/9=4, Sat 10/10 (调休)=5, 10/12–16=6..10,
    # 10/19–23=11..15, 10/26–30=16..20 -> due Fri 10/30; receipt day as day 1 -> 19th WD = 10/29.
    d = compute_deadline(cal, [received(D(2026, 9, 28))], today=D(2026, 10, 12))
    assert (d.status, d.t0, d.limit_days, d.due_date) == ("running", D(2026, 9, 28), 20, D(2026, 10, 30))
    assert d.early_warning_date == D(2026, 10, 29)
    # as of Mon 10/12: 9/29, 9/30, 10/8, 10/9, 10/10, 10/12 = 6 used
    assert (d.used, d.left, d.paused, d.provisional, d.late) == (6, 14, False, False, False)
    text = "\n".join(d.explanation)
    assert "国庆节放假（2026年10月1日至2026年10月7日）不计入" in text
    assert "2026年10月10日（星期六）为国庆节调休上班日，计入" in text
    assert "截止日期为2026年10月30日" in text


def test_twenty_working_days_across_spring_festival_2026(cal):
    # T0 Tue 2/10. 2/11=1, 2/12=2, 2/13=3, Sat 2/14 (调休)=4, 2/15–2/23 off, 2/24=5, 2/25=6, 2/26=7,
    # 2/27=8, Sat 2/28 (调休)=9, 3/2–6=10..14, 3/9–13=15..19, 3/16=20 -> due Mon 3/16.
    d = compute_deadline(cal, [received(D(2026, 2, 10))], today=D(2026, 2, 10))
    assert d.due_date == D(2026, 3, 16)
    assert d.early_warning_date == D(2026, 3, 13)
    assert (d.used, d.left) == (0, 20)
    assert "春节放假（2026年2月15日至2026年2月23日）不计入。" in d.explanation


def test_no_receipt_means_the_clock_has_not_started(cal):
    d = compute_deadline(cal, [], today=D(2026, 11, 2))
    assert (d.status, d.t0, d.due_date, d.used, d.left, d.late) == ("not_started", None, None, 0, 20, False)


def test_correction_request_stops_the_clock_without_a_due_date(cal):
    events = [received(D(2026, 11, 2)), ClockEvent(E.CORRECTION_REQUESTED, D(2026, 11, 6))]
    d = compute_deadline(cal, events, today=D(2026, 12, 31))
    assert (d.status, d.t0, d.due_date, d.early_warning_date) == ("stopped", D(2026, 11, 2), None, None)
    assert (d.used, d.left, d.late, d.paused) == (0, 20, False, False)
    assert any("停止计算" in line and "条例第三十条" in line for line in d.explanation)


def test_correction_restarts_the_clock_from_the_corrected_receipt(cal):
    # First receipt 9/21 and correction request 9/24 are forgotten; T0 := 9/28 -> due 10/30 as in the
    # plain case (not 20 WD after 9/21, which would be 10/20).
    events = [received(D(2026, 9, 21)), ClockEvent(E.CORRECTION_REQUESTED, D(2026, 9, 24)),
              ClockEvent(E.CORRECTION_RECEIVED, D(2026, 9, 28))]
    d = compute_deadline(cal, events, today=D(2026, 10, 12))
    assert (d.status, d.t0, d.due_date, d.used) == ("running", D(2026, 9, 28), D(2026, 10, 30), 6)
    assert any("重新计算" in line for line in d.explanation)


def test_a_pause_that_began_before_the_restart_is_forgotten(cal):
    # Fee pause 11/3–11/5, correction 11/6, corrected application 11/16 (new T0).
    # 20 WD after Mon 11/16: 11/17–20=1..4, 11/23–27=5..9, 11/30–12/4=10..14, 12/7–11=15..19, 12/14=20.
    events = [received(D(2026, 11, 2)), *pause("fee:1", D(2026, 11, 3), D(2026, 11, 5)),
              ClockEvent(E.CORRECTION_REQUESTED, D(2026, 11, 6)),
              ClockEvent(E.CORRECTION_RECEIVED, D(2026, 11, 16))]
    d = compute_deadline(cal, events, today=D(2026, 11, 20))
    assert (d.t0, d.due_date, d.used, d.left) == (D(2026, 11, 16), D(2026, 12, 14), 4, 16)


def test_a_pause_still_open_at_the_restart_keeps_pausing_after_the_new_receipt(cal):
    # Fee notice 11/3 (open), correction 11/4, corrected application Mon 11/9 (new T0), fee paid 11/11.
    # Only (11/9, 11/11] = 11/10, 11/11 is paused (2 WD); 20 WD after 11/9 would be 12/7, so 12/9.
    events = [received(D(2026, 11, 2)), ClockEvent(E.PAUSE_STARTED, D(2026, 11, 3), ref="fee:1"),
              ClockEvent(E.CORRECTION_REQUESTED, D(2026, 11, 4)),
              ClockEvent(E.CORRECTION_RECEIVED, D(2026, 11, 9)),
              ClockEvent(E.PAUSE_ENDED, D(2026, 11, 11), ref="fee:1")]
    d = compute_deadline(cal, events, today=D(2026, 11, 13))
    assert (d.t0, d.due_date, d.used) == (D(2026, 11, 9), D(2026, 12, 9), 2)  # 11/12, 11/13


def test_an_extension_granted_before_a_correction_is_forgotten_at_the_restart(cal):
    events = [received(D(2026, 9, 21)), ClockEvent(E.EXTENDED, D(2026, 9, 22), days=20),
              ClockEvent(E.CORRECTION_REQUESTED, D(2026, 9, 24)),
              ClockEvent(E.CORRECTION_RECEIVED, D(2026, 9, 28))]
    d = compute_deadline(cal, events, today=D(2026, 9, 28))
    assert (d.limit_days, d.due_date) == (20, D(2026, 10, 30))


def test_consultation_pause_leaves_its_working_days_out(cal):
    # T0 Mon 11/2; letter 11/9, opinion 11/16: paused 11/10–13, 11/16 = 5 WD.
    # Counted: 11/3–6, 11/9 = 5; 11/17–20=6..9, 11/23–27=10..14, 11/30–12/4=15..19, 12/7=20.
    events = [received(D(2026, 11, 2)), *pause("consultation:3", D(2026, 11, 9), D(2026, 11, 16))]
    d = compute_deadline(cal, events, today=D(2026, 11, 20))
    assert (d.status, d.due_date, d.paused) == ("running", D(2026, 12, 7), False)
    # as of 11/20: 14 WD since T0 minus 5 paused = 9
    assert (d.used, d.left) == (9, 11)
    assert "2026年11月9日的次日至2026年11月16日暂停计算，其中5个工作日不计入（重叠的暂停只计一次）。" in d.explanation


def test_overlapping_consultations_are_counted_once(cal):
    # consultation:1 (11/9, 11/16], consultation:2 (11/12, 11/20]; union (11/9, 11/20] = 9 WD
    # (11/10–13, 11/16–20). Counted: 11/3–6, 11/9 = 5; 11/23–27=6..10, 11/30–12/4=11..15,
    # 12/7–11=16..20 -> 12/11. Adding both separately (5 + 6 = 11) would give 12/15.
    events = [received(D(2026, 11, 2)), ClockEvent(E.PAUSE_STARTED, D(2026, 11, 9), ref="consultation:1"),
              ClockEvent(E.PAUSE_STARTED, D(2026, 11, 12), ref="consultation:2"),
              ClockEvent(E.PAUSE_ENDED, D(2026, 11, 16), ref="consultation:1"),
              ClockEvent(E.PAUSE_ENDED, D(2026, 11, 20), ref="consultation:2")]
    d = compute_deadline(cal, events, today=D(2026, 11, 23))
    assert d.due_date == D(2026, 12, 11)
    assert (d.used, d.left) == (6, 14)  # 11/3–6, 11/9, 11/23


def test_an_open_pause_runs_to_today_and_the_due_date_assumes_it_ends_today(cal):
    # Letter 11/9, no opinion yet, today 11/20: paused (11/9, 11/20] = 9 WD -> due 12/11 (as above).
    events = [received(D(2026, 11, 2)), *pause("consultation:1", D(2026, 11, 9))]
    d = compute_deadline(cal, events, today=D(2026, 11, 20))
    assert (d.status, d.paused, d.due_date, d.used, d.left) == ("paused", True, D(2026, 12, 11), 5, 15)
    assert any("暂停尚未结束" in line and "2026年11月20日" in line for line in d.explanation)
    # one working day later (Mon 11/23) the due date moves one working day (12/14)
    assert compute_deadline(cal, events, today=D(2026, 11, 23)).due_date == D(2026, 12, 14)


def test_a_pause_that_starts_after_the_due_date_does_not_move_it(cal):
    events = [received(D(2026, 9, 28)), *pause("consultation:1", D(2026, 11, 2), D(2026, 11, 20))]
    d = compute_deadline(cal, events, today=D(2026, 11, 20))
    assert (d.due_date, d.late) == (D(2026, 10, 30), True)


def test_fee_pauses_can_be_configured_not_to_stop_the_clock(cal):
    # UNVERIFIED rule (STATUTE §3): with fee_pauses_clock=False the fee period 11/9–11/16 counts.
    events = [received(D(2026, 11, 2)), *pause("fee:1", D(2026, 11, 9), D(2026, 11, 16))]
    assert compute_deadline(cal, events, today=D(2026, 11, 20)).due_date == D(2026, 12, 7)
    plain = compute_deadline(cal, events, today=D(2026, 11, 20), fee_pauses_clock=False)
    assert (plain.due_date, plain.used) == (D(2026, 11, 30), 14)


@pytest.mark.parametrize("days, due", [
    (20, D(2026, 11, 27)),  # 10/30 + 20 WD: 11/2–6=1..5, 9–13=6..10, 16–20=11..15, 23–27=16..20
    (5, D(2026, 11, 6)),  # 10/30 + 5 WD: 11/2..11/6
])
def test_an_extension_adds_working_days_to_the_limit(cal, days, due):
    events = [received(D(2026, 9, 28)), ClockEvent(E.EXTENDED, D(2026, 10, 28), days=days)]
    d = compute_deadline(cal, events, today=D(2026, 10, 30))
    assert (d.limit_days, d.due_date, d.used, d.left) == (20 + days, due, 20, days)
    assert any(f"延长答复期限{days}个工作日" in line for line in d.explanation)


def test_an_extension_after_the_original_due_date_is_counted_but_flagged(cal):
    # Due 10/30; extended on Mon 11/2 by 5 WD -> 11/6 still, with a warning in the explanation.
    events = [received(D(2026, 9, 28)), ClockEvent(E.EXTENDED, D(2026, 11, 2), days=5)]
    d = compute_deadline(cal, events, today=D(2026, 11, 2))
    assert (d.due_date, d.late) == (D(2026, 11, 6), False)
    assert any("晚于原截止日期2026年10月30日" in line for line in d.explanation)
    events = [received(D(2026, 9, 28)), ClockEvent(E.EXTENDED, D(2026, 10, 30), days=5)]
    on_time = compute_deadline(cal, events, today=D(2026, 11, 2))
    assert not any("晚于原截止日期" in line for line in on_time.explanation)


def test_a_delayed_period_replaces_the_due_date(cal):
    # 条例35 period to 12/31. Counted WD (9/28, 12/31]: Sep/Oct 20 (to 10/30), Nov 21, Dec 23 = 64.
    # As of Mon 11/2: 21 used, 43 left.
    events = [received(D(2026, 9, 28)),
              ClockEvent(E.DELAYED_PERIOD_SET, D(2026, 10, 20), due=D(2026, 12, 31))]
    d = compute_deadline(cal, events, today=D(2026, 11, 2))
    assert (d.due_date, d.early_warning_date, d.limit_days, d.used, d.left, d.late) == (
        D(2026, 12, 31), D(2026, 12, 31), 64, 21, 43, False)
    assert any("条例第三十五条" in line for line in d.explanation)


def test_an_early_answer_stops_the_clock_on_the_answer_day(cal):
    # Answered 10/20: 9/29, 9/30, 10/8, 10/9, 10/10, 10/12–16, 10/19, 10/20 = 12 used.
    events = [received(D(2026, 9, 28)), ClockEvent(E.ANSWERED, D(2026, 10, 20))]
    d = compute_deadline(cal, events, today=D(2026, 12, 1))
    assert (d.status, d.answered_on, d.used, d.left, d.late) == ("answered", D(2026, 10, 20), 12, 8, False)


def test_an_answer_after_the_due_date_is_late(cal):
    # Due 10/30; answered Tue 11/3 = 2 WD over (11/2, 11/3).
    events = [received(D(2026, 9, 28)), ClockEvent(E.ANSWERED, D(2026, 11, 3))]
    d = compute_deadline(cal, events, today=D(2026, 11, 3))
    assert (d.status, d.used, d.left, d.late) == ("answered", 22, -2, True)
    assert any("逾期2个工作日" in line for line in d.explanation)


def test_an_unanswered_case_past_its_due_date_is_overdue(cal):
    d = compute_deadline(cal, [received(D(2026, 9, 28))], today=D(2026, 11, 3))
    assert (d.status, d.left, d.late) == ("running", -2, True)
    # Saturday 10/31 is past the due date but no working day is over yet
    d = compute_deadline(cal, [received(D(2026, 9, 28))], today=D(2026, 10, 31))
    assert (d.left, d.late) == (0, True)


def test_receipt_on_a_weekend_has_no_earlier_reading(cal):
    # Confirmed Sat 10/17 (not a working day): 10/19–23=1..5, 10/26–30=6..10, 11/2–6=11..15, 11/9–13=16..20.
    d = compute_deadline(cal, [received(D(2026, 10, 17))], today=D(2026, 10, 17))
    assert d.due_date == d.early_warning_date == D(2026, 11, 13)


def test_a_due_date_in_january_2027_is_provisional(cal):
    # T0 Tue 12/15: 12/16–18=1..3, 12/21–25=4..8, 12/28–31=9..12; 2027 (provisional): 1/1 元旦 off,
    # 1/4–8=13..17, 1/11=18, 1/12=19, 1/13=20.
    d = compute_deadline(cal, [received(D(2026, 12, 15))], today=D(2026, 12, 21))
    assert (d.due_date, d.provisional, d.used) == (D(2027, 1, 13), True, 4)
    assert any("暂定" in line and "2027年" in line for line in d.explanation)
    assert not compute_deadline(cal, [received(D(2026, 11, 2))], today=D(2026, 11, 2)).provisional


def test_a_due_date_in_late_december_2026_is_provisional_until_the_2027_notice_is_loaded(cal, tmp_path):
    # T0 Fri 11/27: 11/30–12/4=1..5, 12/7–11=6..10, 12/14–18=11..15, 12/21–25=16..20 -> due Fri 12/25.
    # 12/20–12/31 are settled only by the 2027 notice (a cross-year 元旦 can move them): provisional.
    d = compute_deadline(cal, [received(D(2026, 11, 27))], today=D(2026, 11, 30))
    assert (d.due_date, d.provisional) == (D(2026, 12, 25), True)
    assert any("2027年尚未录入" in line for line in d.explanation)
    assert load_calendar(data_dir=_with_2027(tmp_path)).missing_notices(D(2026, 11, 27), D(2026, 12, 25)) == ()
    settled = compute_deadline(load_calendar(data_dir=_with_2027(tmp_path)), [received(D(2026, 11, 27))],
                               today=D(2026, 11, 30))
    assert (settled.due_date, settled.provisional) == (D(2026, 12, 25), False)


def test_a_due_date_before_20_december_2026_is_official(cal):
    # T0 Fri 11/20: 11/23–27=1..5, 11/30–12/4=6..10, 12/7–11=11..15, 12/14–18=16..20 -> due Fri 12/18.
    d = compute_deadline(cal, [received(D(2026, 11, 20))], today=D(2026, 12, 21))
    assert (d.due_date, d.provisional, d.late) == (D(2026, 12, 18), False, True)


def test_a_pause_reaching_late_december_makes_the_due_date_provisional(cal):
    # T0 Mon 11/2; paused 11/3 to Mon 12/21 (ended): 11/3=1, 12/22–25=2..5, 12/28–31=6..9, 2027: 1/1 off,
    # 1/4–8=10..14, 1/11–15=15..19, 1/18=20 -> due Mon 2027-01-18, provisional (2027 notice missing).
    events = [received(D(2026, 11, 2))] + pause("consultation:1", D(2026, 11, 3), D(2026, 12, 21))
    d = compute_deadline(cal, events, today=D(2026, 12, 21))
    assert (d.due_date, d.provisional) == (D(2027, 1, 18), True)


def _with_2027(tmp_path):
    """The shipped data plus a minimal 2027 notice (元旦 1/1 only) in a temporary folder."""
    data = tmp_path / "data"
    if not data.exists():
        shutil.copytree(DATA_DIR, data)
        (data / "2027.toml").write_text('year = 2027\n[[notices]]\ntitle = "t"\n[[holidays]]\n'
                                        'name = "元旦"\noff = [2027-01-01]\n', encoding="utf-8")
    return data


def test_events_in_any_order_give_the_same_deadline(cal):
    events = [received(D(2026, 11, 2)), ClockEvent(E.PAUSE_STARTED, D(2026, 11, 9), ref="consultation:1"),
              ClockEvent(E.PAUSE_STARTED, D(2026, 11, 12), ref="consultation:2"),
              ClockEvent(E.PAUSE_ENDED, D(2026, 11, 16), ref="consultation:1"),
              ClockEvent(E.PAUSE_ENDED, D(2026, 11, 20), ref="consultation:2"),
              ClockEvent(E.EXTENDED, D(2026, 12, 1), days=3)]
    expected = compute_deadline(cal, events, today=D(2026, 12, 2))
    shuffled = events[:]
    random.Random(7).shuffle(shuffled)
    assert shuffled != events
    assert compute_deadline(cal, shuffled, today=D(2026, 12, 2)) == expected
    assert expected.due_date == D(2026, 12, 16)  # 12/11 + 3 WD: 12/14, 12/15, 12/16


def test_event_kinds_may_be_given_as_their_stored_strings(cal):
    d = compute_deadline(cal, [ClockEvent("received", D(2026, 9, 28))], today=D(2026, 9, 28))
    assert d.due_date == D(2026, 10, 30)


def test_an_answer_while_awaiting_correction_has_no_due_date_and_is_not_late(cal):
    events = [received(D(2026, 11, 2)), ClockEvent(E.CORRECTION_REQUESTED, D(2026, 11, 6)),
              ClockEvent(E.ANSWERED, D(2026, 12, 30))]
    d = compute_deadline(cal, events, today=D(2026, 12, 31))
    assert (d.status, d.due_date, d.answered_on) == ("answered", None, D(2026, 12, 30))
    assert (d.late, d.used) == (False, 0)


def test_a_reply_on_the_day_of_receipt_uses_no_working_days(cal):
    # 条例第三十三条第一款: answered on the spot
    events = [received(D(2026, 11, 2)), ClockEvent(E.ANSWERED, D(2026, 11, 2))]
    d = compute_deadline(cal, events, today=D(2026, 11, 2))
    assert (d.status, d.used, d.left, d.late, d.due_date) == ("answered", 0, 20, False, D(2026, 11, 30))


def test_extension_refusal_follows_the_replay_once_per_period_and_never_after_a_delayed_period():
    received = [ClockEvent(E.RECEIVED, D(2026, 11, 2))]
    extended = received + [ClockEvent(E.EXTENDED, D(2026, 11, 3), days=5)]
    assert extension_refusal(received) is None
    assert extension_refusal(extended) == "本案已延期一次（2026年11月3日决定），不得再次延期（条例第三十三条第二款）"
    corrected = extended + [ClockEvent(E.CORRECTION_REQUESTED, D(2026, 11, 4)),
                            ClockEvent(E.CORRECTION_RECEIVED, D(2026, 11, 5))]
    assert extension_refusal(corrected) is None  # 条例第三十条: a new period, the old extension cleared
    delayed = received + [ClockEvent(E.DELAYED_PERIOD_SET, D(2026, 11, 3), due=D(2026, 12, 31))]
    assert extension_refusal(delayed).startswith("已确定合理的延迟答复期限至2026年12月31日")
