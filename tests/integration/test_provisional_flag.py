"""The stored ``due_provisional`` flag is true whenever a day the due date depends on is not official — also in
late December of the last loaded year — and a recompute clears it once the next year's notice is loaded.

Hand count (tests/unit/test_clock.py): T0 Fri 2026-11-27 -> due Fri 2026-12-25; 12/20–12/31 wait for the
2027 notice. T0 Fri 2026-11-20 -> due Fri 2026-12-18 (official).
"""
import shutil
from datetime import date

from rules.calendar import DATA_DIR, load_calendar
from tests.support.factories import load, registration_data
from workflow import services as sv
from workflow.jobs.recompute import recompute_open_deadlines

T0_LATE = date(2026, 11, 27)


def _data_with_2027(tmp_path):
    data = tmp_path / "calendar-data"
    shutil.copytree(DATA_DIR, data)
    (data / "2027.toml").write_text('year = 2027\n[[notices]]\ntitle = "国务院办公厅关于2027年部分节假日安排的通知"\n'
                                    '[[holidays]]\nname = "元旦"\noff = [2027-01-01]\n', encoding="utf-8")
    return data


def test_a_case_due_in_late_december_is_stored_as_provisional(session_factory, people):
    case = sv.register_application(
        session_factory, registration_data(received_on=T0_LATE), actor_id=people.clerk, today=T0_LATE)
    assert (case.due_date, case.due_provisional) == (date(2026, 12, 25), True)
    earlier = sv.register_application(
        session_factory, registration_data(received_on=date(2026, 11, 20)), actor_id=people.clerk,
        today=T0_LATE)
    assert (earlier.due_date, earlier.due_provisional) == (date(2026, 12, 18), False)


def test_the_recompute_clears_the_flag_once_the_next_notice_is_loaded(session_factory, people, tmp_path):
    case = sv.register_application(
        session_factory, registration_data(received_on=T0_LATE), actor_id=people.clerk, today=T0_LATE)
    data = _data_with_2027(tmp_path)
    changes = recompute_open_deadlines(session_factory, date(2026, 12, 1), real_today=date(2026, 12, 1),
                                       calendar_loader=lambda region: load_calendar(region, data_dir=data)).changes
    assert [(c.case_id, c.old_due, c.new_due, c.old_provisional, c.new_provisional) for c in changes] == [
        (case.id, date(2026, 12, 25), date(2026, 12, 25), True, False)]
    stored = load(session_factory, case.id)
    assert stored.due_provisional is False
    assert stored.history[-1].payload == {"provisional_before": True, "provisional_after": False}
