"""Impossible clock-event sequences are refused with a Chinese ClockError; calendar data drives the result."""
from __future__ import annotations

import shutil
from datetime import date, datetime

import pytest

from rules.calendar import DATA_DIR, CalendarYearMissing, load_calendar
from rules.clock import ClockError, ClockEvent, EventKind, compute_deadline

E = EventKind
D = date
T0 = ClockEvent(E.RECEIVED, D(2026, 9, 28))


@pytest.fixture(scope="module")
def cal():
    return load_calendar()


def refused(cal, events, today=D(2026, 11, 2)) -> str:
    with pytest.raises(ClockError) as info:
        compute_deadline(cal, events, today=today)
    return str(info.value)


def test_a_second_extension_is_refused(cal):
    message = refused(cal, [T0, ClockEvent(E.EXTENDED, D(2026, 10, 20), days=5),
                            ClockEvent(E.EXTENDED, D(2026, 10, 27), days=5)])
    assert "不能再次延长" in message and "条例第三十三条第二款" in message


@pytest.mark.parametrize("days", [0, 21, -3, None, True])
def test_an_extension_outside_one_to_twenty_working_days_is_refused(cal, days):
    message = refused(cal, [T0, ClockEvent(E.EXTENDED, D(2026, 10, 20), days=days)])
    assert "1至20个工作日" in message


def test_ending_a_pause_that_never_started_is_refused(cal):
    message = refused(cal, [T0, ClockEvent(E.PAUSE_ENDED, D(2026, 10, 20), ref="consultation:1")])
    assert "consultation:1" in message and "尚未开始" in message


def test_a_pause_needs_a_ref_and_cannot_start_twice(cal):
    assert "ref" in refused(cal, [T0, ClockEvent(E.PAUSE_STARTED, D(2026, 10, 20))])
    twice = [T0, ClockEvent(E.PAUSE_STARTED, D(2026, 10, 20), ref="fee:1"),
             ClockEvent(E.PAUSE_STARTED, D(2026, 10, 21), ref="fee:1")]
    assert "已经开始过" in refused(cal, twice)


def test_a_corrected_application_without_a_correction_request_is_refused(cal):
    message = refused(cal, [T0, ClockEvent(E.CORRECTION_RECEIVED, D(2026, 10, 9))])
    assert "没有待补正的告知" in message


def test_events_before_the_receipt_are_refused(cal):
    message = refused(cal, [ClockEvent(E.PAUSE_STARTED, D(2026, 9, 20), ref="consultation:1"), T0])
    assert "尚未记录收到申请" in message


def test_a_second_receipt_is_refused(cal):
    assert "收到申请日已确定" in refused(cal, [T0, ClockEvent(E.RECEIVED, D(2026, 9, 29))])


def test_nothing_can_happen_after_the_answer(cal):
    events = [T0, ClockEvent(E.ANSWERED, D(2026, 10, 20)), ClockEvent(E.EXTENDED, D(2026, 10, 21), days=5)]
    assert "已于2026年10月20日答复" in refused(cal, events)


def test_a_stopped_clock_cannot_be_extended_or_paused(cal):
    stopped = [T0, ClockEvent(E.CORRECTION_REQUESTED, D(2026, 9, 30))]
    assert "等待补正" in refused(cal, stopped + [ClockEvent(E.EXTENDED, D(2026, 10, 9), days=5)])
    assert "等待补正" in refused(cal, stopped + [ClockEvent(E.PAUSE_STARTED, D(2026, 10, 9), ref="fee:1")])
    assert "不能再次告知补正" in refused(cal, stopped + [ClockEvent(E.CORRECTION_REQUESTED, D(2026, 10, 9))])


def test_a_delayed_period_must_end_after_the_day_it_is_set(cal):
    event = ClockEvent(E.DELAYED_PERIOD_SET, D(2026, 10, 20), due=D(2026, 10, 20))
    assert "条例第三十五条" in refused(cal, [T0, event])


def test_something_other_than_a_clock_event_is_refused(cal):
    assert "ClockEvent" in refused(cal, [T0, ("answered", D(2026, 10, 20))])


def test_a_timestamp_is_not_a_legal_date():
    with pytest.raises(ClockError, match="法定日期"):
        ClockEvent(E.RECEIVED, datetime(2026, 9, 28, 9, 30))
    with pytest.raises(ClockError, match="未知的期限事件类型"):
        ClockEvent("opened", D(2026, 9, 28))


def test_dates_outside_the_calendar_range_propagate_calendar_year_missing(cal):
    with pytest.raises(CalendarYearMissing):
        compute_deadline(cal, [ClockEvent(E.RECEIVED, D(2017, 12, 28))], today=D(2018, 1, 5))
    with pytest.raises(CalendarYearMissing):
        compute_deadline(cal, [T0], today=D(2030, 1, 2))


def test_a_changed_calendar_file_changes_the_due_date(tmp_path):
    # Same events; the copied 2026 file loses the 调休 Saturday 10/10, so the 20th WD after 9/28 moves from
    # Fri 10/30 to Mon 11/2 (10/10 no longer counts).
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "2026.toml"
    text = path.read_text(encoding="utf-8")
    assert "work = [2026-09-20, 2026-10-10]" in text
    path.write_text(text.replace("work = [2026-09-20, 2026-10-10]", "work = [2026-09-20]"), encoding="utf-8")
    official = compute_deadline(load_calendar(), [T0], today=D(2026, 9, 28))
    changed = compute_deadline(load_calendar(data_dir=data), [T0], today=D(2026, 9, 28))
    assert (official.due_date, changed.due_date) == (D(2026, 10, 30), D(2026, 11, 2))
    assert not any("调休上班日" in line for line in changed.explanation)


def test_loading_an_official_2027_file_makes_january_2027_deadlines_final(tmp_path):
    # A hypothetical 2027 notice with 元旦 1/1–1/3 off and no 调休: same due date (1/2, 1/3 are a weekend),
    # but no longer provisional.
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "2027.toml").write_text(
        'year = 2027\n[[notices]]\ntitle = "测试用通知"\n[[holidays]]\nname = "元旦"\n'
        "off = [2027-01-01, 2027-01-02, 2027-01-03]\nwork = []\n", encoding="utf-8")
    events = [ClockEvent(E.RECEIVED, D(2026, 12, 15))]
    d = compute_deadline(load_calendar(data_dir=data), events, today=D(2026, 12, 15))
    assert (d.due_date, d.provisional) == (D(2027, 1, 13), False)
