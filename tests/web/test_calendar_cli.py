"""`xxgk calendar show | due | check` as an operator runs them."""
from __future__ import annotations

import pytest
from freezegun import freeze_time

from web import create_app


@pytest.fixture
def runner(tmp_path):
    app = create_app({"TESTING": True, "database_url": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
                      "secret_key": "test"})
    return app.test_cli_runner()


def test_show_lists_the_official_days_off_and_working_weekends_with_the_notice(runner):
    result = runner.invoke(args=["calendar", "show", "2026"])
    assert result.exit_code == 0, result.output
    assert "国办发明电〔2025〕7号" in result.output
    assert "2026-02-15（周日） 至 2026-02-23（周一） 春节放假，共 9 天" in result.output
    assert "2026-02-14（周六） 春节调休上班" in result.output
    assert "（官方）" in result.output


def test_show_marks_a_year_without_notice_as_provisional(runner):
    result = runner.invoke(args=["calendar", "show", "2027"])
    assert result.exit_code == 0, result.output
    assert "（暂定）" in result.output and "2027-02-05（周五） 至 2027-02-08（周一） 春节放假" in result.output


def test_due_gives_the_date_and_explains_the_skipped_days(runner):
    result = runner.invoke(args=["calendar", "due", "2026-09-28", "--days", "20"])
    assert result.exit_code == 0, result.output
    assert "期限届满日：2026-10-30（周五）" in result.output
    assert "2026-10-01（周四） 至 2026-10-07（周三） 国庆节放假，共 7 天" in result.output
    assert "2026-10-10（周六） 国庆节调休上班" in result.output


def test_due_into_a_provisional_year_says_so(runner):
    result = runner.invoke(args=["calendar", "due", "2026-12-20"])
    assert result.exit_code == 0
    assert "期限届满日：2027-01-18（周一）" in result.output and "结果为暂定" in result.output


def test_due_in_late_december_names_the_next_years_notice_as_missing(runner):
    # 11/27 + 20 WD = Fri 12/25 (hand count in tests/unit/test_clock.py); 12/20 on waits for the 2027 notice
    result = runner.invoke(args=["calendar", "due", "2026-11-27", "--days", "20"])
    assert result.exit_code == 0, result.output
    assert "期限届满日：2026-12-25（周五）" in result.output
    assert "注意：2027 年的国务院办公厅放假通知尚未录入，结果为暂定（2026-12-20 起的年末几天" in result.output
    assert "2026 年的国务院办公厅放假通知尚未录入" not in result.output


def test_due_before_20_december_is_not_provisional(runner):
    result = runner.invoke(args=["calendar", "due", "2026-11-20", "--days", "20"])
    assert result.exit_code == 0 and "期限届满日：2026-12-18（周五）" in result.output
    assert "暂定" not in result.output


@pytest.mark.parametrize("args,message", [
    (["calendar", "due", "2026-13-01"], "YYYY-MM-DD"),
    (["calendar", "show", "2026", "--region", "990000"], "未知的行政区划代码"),
    (["calendar", "show", "2035"], "不在工作日历范围内"),
])
def test_bad_input_is_refused_with_a_clear_message(runner, args, message):
    result = runner.invoke(args=args)
    assert result.exit_code != 0
    assert message in result.output


@pytest.mark.parametrize("moment,exit_code", [
    ("2026-10-31 12:00:00", 0),  # before 1 November: no warning yet
    ("2026-10-31 16:30:00", 1),  # 00:30 on 1 November in Beijing: the legal date has turned
    ("2026-11-01 12:00:00", 1),  # 2027 has no official file
    ("2025-11-15 12:00:00", 0),  # 2026's notice is loaded
    ("2027-03-01 12:00:00", 1),  # the current year itself has no notice
])
def test_check_warns_from_the_first_of_november_when_next_year_is_missing(runner, moment, exit_code):
    with freeze_time(moment):
        result = runner.invoke(args=["calendar", "check"])
    assert result.exit_code == exit_code, result.output
    if exit_code:
        assert "2027 年的国务院办公厅放假通知尚未录入" in result.output


def test_a_configuration_mistake_is_reported_without_a_traceback(monkeypatch, tmp_path):
    import subprocess
    import sys
    env = {"PATH": "/usr/bin:/bin", "XXGK_DATABSE_URL": "sqlite:////tmp/x", "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", "from web.cli import main; main()", "calendar", "show", "2026"],
                            capture_output=True, text=True, env=env, cwd=__import__("pathlib").Path(__file__).parents[2])
    assert result.returncode == 2
    assert "配置错误：未知的环境变量 XXGK_DATABSE_URL" in result.stderr and "Traceback" not in result.stderr
