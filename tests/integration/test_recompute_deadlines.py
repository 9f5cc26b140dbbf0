"""After the calendar data changes, every open case's due date is recomputed and each change logged
old → new."""
import shutil
from datetime import date
from pathlib import Path

from sqlalchemy import event, func, select

from rules.calendar import DATA_DIR, load_calendar
from tests.support.factories import DAY1, load
from workflow import commands as cmd
from workflow import services as sv
from workflow.jobs.recompute import recompute_open_deadlines
from workflow.models import History, User
from workflow.queries import case_detail


def _calendar_with_extra_holiday(tmp_path: Path, day: str) -> Path:
    """A copy of the official data where ``day`` is an extra day off (as if a notice had changed)."""
    data = tmp_path / "calendar-data"
    shutil.copytree(DATA_DIR, data)
    with open(data / "2026.toml", "a", encoding="utf-8") as handle:
        handle.write(f'\n[[holidays]]\nname = "测试假日"\noff = [{day}]\nwork = []\n')
    return data


def test_recompute_moves_open_cases_and_logs_old_and_new(session_factory, people, create_case, tmp_path):
    running = create_case()  # due 2026-03-30
    extended = sv.extend_deadline(
        session_factory, cmd.ExtendDeadline(days=5, reason="r"), actor_id=people.supervisor,
        case_id=create_case().id, expected_version=1, today=DAY1)  # due 04-07: 5 WD after 03-30, 清明 04-06 off
    closed = create_case("archive.closed")
    data = _calendar_with_extra_holiday(tmp_path, "2026-03-16")

    changes = recompute_open_deadlines(session_factory, DAY1,
                                       calendar_loader=lambda region: load_calendar(region, data_dir=data),
                                       batch_size=1).changes

    assert {(c.case_id, c.old_due, c.new_due) for c in changes} == {
        (running.id, date(2026, 3, 30), date(2026, 3, 31)), (extended.id, date(2026, 4, 7), date(2026, 4, 8))}
    with session_factory() as session:
        system = session.scalar(select(User.id).where(User.is_system.is_(True)))  # the job acts as 「系统」
    for case in (running, extended):
        stored = load(session_factory, case.id)
        log = stored.history[-1]
        assert (log.trigger, log.actor_id, log.due_before, log.due_after) == (
            "recompute_deadline", system, case.due_date, stored.due_date)
        assert stored.version == case.version + 1
    timeline = case_detail(session_factory, running.id, actor_id=people.clerk, today=DAY1).timeline
    assert timeline[-1].actor_name == "系统"
    assert load(session_factory, closed.id).version == closed.version


def test_recompute_with_unchanged_data_changes_and_logs_nothing(session_factory, create_case):
    create_case()
    assert recompute_open_deadlines(session_factory, DAY1).changes == []
    with session_factory() as session:
        count = session.scalar(select(func.count()).select_from(History)
                               .where(History.trigger == "recompute_deadline"))
    assert count == 0


def _statements_during_recompute(engine, session_factory, data):
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        recompute_open_deadlines(session_factory, DAY1,
                                 calendar_loader=lambda region: load_calendar(region, data_dir=data))
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return [s for s in statements if s.lstrip().upper().startswith("SELECT")]


def test_recompute_reads_with_a_constant_number_of_queries(engine, session_factory, create_case, tmp_path):
    data = _calendar_with_extra_holiday(tmp_path, "2026-03-16")
    for _ in range(2):
        create_case()
    few = _statements_during_recompute(engine, session_factory, data)
    for _ in range(6):
        create_case()
    data_again = _calendar_with_extra_holiday(tmp_path / "again", "2026-03-17")
    many = _statements_during_recompute(engine, session_factory, data_again)
    assert len(many) == len(few)
