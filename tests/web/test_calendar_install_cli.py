"""`xxgk calendar install FILE`: the operator's way to install a year's notice (the admin page's service)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from freezegun import freeze_time
from sqlalchemy import select

from tests.support.factories import make_people, registration_data
from tests.support.web import migrated_app
from web import session_factory
from workflow import services as sv
from workflow.models.alerts import JobRun

FIXTURE = Path(__file__).parents[1] / "fixtures" / "calendar" / "install" / "2027.toml"


def test_install_stores_the_year_recomputes_and_lists_the_changed_cases(tmp_path, installed_calendar_dir):
    app = migrated_app(f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    people = make_people(session_factory(app))
    sv.register_application(session_factory(app), registration_data(received_on=date(2026, 12, 10)),
                            actor_id=people.clerk, today=date(2026, 12, 10))
    with freeze_time("2026-12-15 10:00:00"):
        result = app.test_cli_runner().invoke(args=["calendar", "install", str(FIXTURE)])
        again = app.test_cli_runner().invoke(args=["calendar", "install", str(FIXTURE)])
        shown = app.test_cli_runner().invoke(args=["calendar", "show", "2027"])
    assert result.exit_code == 0, result.output
    assert "已安装 2027 年日历数据" in result.output
    assert "2026-0001（案件 1）：2027-01-08（暂定） → 2027-01-07" in result.output
    assert (installed_calendar_dir / "2027.toml").read_bytes() == FIXTURE.read_bytes()
    assert again.exit_code == 1 and "替换已安装的文件" in again.output
    assert "（官方）" in shown.output and "测试〔2026〕1号" in shown.output
    with session_factory(app)() as session:
        run = session.scalars(select(JobRun)).one()
    assert run.summary["user"].startswith("命令行：") and run.summary["changed"] == 1


def test_a_bad_file_is_one_line_with_its_line_number_and_exit_1(tmp_path, installed_calendar_dir):
    app = migrated_app(f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    bad = tmp_path / "2027.toml"
    bad.write_text('year = 2027\n[[notices]]\ntitle = "t"\n[[holidays]]\nname = "x"\nwork = [2027-01-04]\n',
                   encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["calendar", "install", str(bad)])
    assert result.exit_code == 1
    assert "2027.toml 第 6 行：x：2027-01-04 是工作日（周一），不能标为调休上班的周末" in result.output
    assert list(installed_calendar_dir.glob("*.toml")) == []
