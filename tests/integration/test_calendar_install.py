"""Installing a new year's calendar file: validated as the loader does, stored atomically, due dates
recomputed, the upload recorded as a job run."""
from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from rules.calendar import DATA_DIR, load_calendar, set_installation_dir
from tests.support.factories import registration_data
from workflow import services as sv
from workflow.errors import DatabaseBusy, InvalidInput
from workflow.models import Application, History
from workflow.models.alerts import JobRun
from workflow.services import calendar_install
from workflow.services.calendar_install import MAX_BYTES, install_calendar_year

FIXTURE = Path(__file__).parents[1] / "fixtures" / "calendar" / "install" / "2027.toml"
TODAY = date(2026, 12, 15)


@pytest.fixture
def folder(installed_calendar_dir) -> Path:
    set_installation_dir(installed_calendar_dir)  # as create_app does
    return installed_calendar_dir


@pytest.fixture
def december_case(session_factory, people):
    """Received 2026-12-10: 20 working days end 2027-01-08 (暂定) without the 2027 notice."""
    received = date(2026, 12, 10)
    return sv.register_application(session_factory, registration_data(received_on=received),
                                   actor_id=people.clerk, today=received)


def _install(session_factory, folder, content=None, filename="2027.toml", **options):
    with freeze_time("2026-12-15 10:00:00"):
        content = FIXTURE.read_bytes() if content is None else content
        return install_calendar_year(session_factory, content=content,
                                     filename=filename, directory=folder, today=TODAY, **options)


def _due(session_factory, case_id):
    with session_factory() as session:
        case = session.get(Application, case_id)
        return case.due_date, case.due_provisional


def test_an_installed_year_is_official_and_the_due_dates_that_cross_it_move(session_factory, people, folder,
                                                                            december_case):
    assert _due(session_factory, december_case.id) == (date(2027, 1, 8), True)
    result = _install(session_factory, folder, actor_id=people.supervisor)
    assert load_calendar().is_official(date(2027, 6, 30)) and (folder / "2027.toml").exists()
    assert _due(session_factory, december_case.id) == (date(2027, 1, 7), False)  # the Sunday 01-03 is worked
    [change] = result.changes
    assert (change.tracking_number, change.old_due, change.new_due) == ("2026-0001", date(2027, 1, 8),
                                                                         date(2027, 1, 7))
    assert result.changes_of(change.agency_id) == (change,) and result.changes_of(change.agency_id + 1) == ()
    with session_factory() as session:
        run = session.scalars(select(JobRun).where(JobRun.job == "calendar_upload")).one()
        history = session.scalars(select(History).where(History.trigger == "recompute_deadline")).one()
    assert run.status == "completed" and run.summary["user"] == "supervisor" and run.summary["changed"] == 1
    assert run.summary["year"] == 2027 and len(run.summary["sha256"]) == 64
    assert history.due_before == date(2027, 1, 8) and history.due_after == date(2027, 1, 7)


@pytest.mark.parametrize("content,filename,message", [
    (b'year = 2027\n[[notices]]\ntitle = "t"\n[[holidays]]\nname = "x"\noff = [2027-01-04, 2027-01-04]\n',
     "2027.toml", r"2027\.toml 第 6 行：日期 2027-01-04 重复出现"),
    (b'year = 2027\n[[notices]]\ntitle = "t"\n[[holidays]]\nname = "x"\nof = [2027-01-04]\n',
     "2027.toml", r"2027\.toml 第 6 行：未知的字段 'of'"),
    (b'year = 2027\n[[notices]\n', "2027.toml", r"第 2 行：TOML 语法错误"),
    (FIXTURE.read_bytes(), "holidays.toml", "文件名应为 YYYY.toml"),
    (FIXTURE.read_bytes().replace(b"year = 2027", b"year = 2028"), "2027.toml", "与文件名不一致"),
    ((DATA_DIR / "2026.toml").read_bytes(), "2026.toml", "随系统提供"),
    (b"\xff\xfe\x00y", "2027.toml", "不是 UTF-8"),
    (b"#" * (MAX_BYTES + 1), "2027.toml", "文件过大"),
])
def test_a_bad_file_is_refused_with_the_loaders_message_and_nothing_is_stored(session_factory, folder,
                                                                              december_case, content,
                                                                              filename, message):
    with pytest.raises(InvalidInput, match=message) as refused:
        _install(session_factory, folder, content, filename)
    assert refused.value.field == "file"
    assert [p.name for p in folder.iterdir() if p.suffix != ".lock"] == []
    assert _due(session_factory, december_case.id) == (date(2027, 1, 8), True)
    with session_factory() as session:
        assert session.scalars(select(JobRun)).all() == []


def test_an_installed_year_is_replaced_only_when_asked(session_factory, folder, december_case):
    _install(session_factory, folder)
    changed = FIXTURE.read_bytes().replace(b"work = [2027-01-03]", b"work = []")
    with pytest.raises(InvalidInput, match="替换已安装的文件") as refused:
        _install(session_factory, folder, changed)
    assert refused.value.field == "replace" and (folder / "2027.toml").read_bytes() == FIXTURE.read_bytes()
    result = _install(session_factory, folder, changed, replace=True)
    assert result.replaced and [(c.old_due, c.new_due) for c in result.changes] == [(date(2027, 1, 7),
                                                                                       date(2027, 1, 8))]


def test_a_temporary_file_left_by_a_killed_installation_is_removed_by_the_next(session_factory, folder):
    (folder / ".2027-x1y2.tmp").write_text("year = 20", encoding="utf-8")  # killed before os.replace
    assert not load_calendar().is_official(date(2027, 6, 30))  # a leftover is never read
    _install(session_factory, folder)
    assert sorted(p.name for p in folder.iterdir()) == [".install.lock", "2027.toml"]


def test_a_byte_order_mark_and_a_windows_path_are_accepted(session_factory, folder):
    result = _install(session_factory, folder, b"\xef\xbb\xbf" + FIXTURE.read_bytes(), "C:\\下载\\2027.toml")
    assert result.year == 2027 and not (folder / "2027.toml").read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_second_installation_while_one_runs_is_refused_and_the_first_completes(session_factory, folder,
                                                                                monkeypatch):
    inside, release, outcome = threading.Event(), threading.Event(), {}
    original = calendar_install.recompute_open_deadlines

    def slow_recompute(*args, **kwargs):
        inside.set()
        release.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(calendar_install, "recompute_open_deadlines", slow_recompute)

    def first():
        outcome["first"] = install_calendar_year(session_factory, content=FIXTURE.read_bytes(),
                                                 filename="2027.toml", directory=folder,
                                                 today=date(2026, 11, 2))
    thread = threading.Thread(target=first)
    thread.start()
    assert inside.wait(10)
    with pytest.raises(DatabaseBusy, match="另一位管理员正在安装"):
        install_calendar_year(session_factory, content=FIXTURE.read_bytes(), filename="2027.toml",
                              directory=folder, today=date(2026, 11, 2), replace=True)
    release.set()
    thread.join(10)
    assert outcome["first"].year == 2027
    assert sorted(p.name for p in folder.iterdir()) == [".install.lock", "2027.toml"]  # no temporary left


def test_a_failing_recompute_leaves_the_file_installed_and_the_run_marked_failed(session_factory, folder,
                                                                                monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseBusy()
    monkeypatch.setattr(calendar_install, "recompute_open_deadlines", broken)
    with pytest.raises(DatabaseBusy):
        _install(session_factory, folder)
    assert (folder / "2027.toml").exists()
    with session_factory() as session:
        run = session.scalars(select(JobRun)).one()
    assert run.status == "failed" and "系统繁忙" in run.summary["error"]
