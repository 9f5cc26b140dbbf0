"""`xxgk jobs escalate`: the operator's side of the escalation job — what it prints, what it writes, its exit
codes."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select, update

from tests.support.escalation import admin_fixture, alerts, due_cases_fixture  # noqa: F401 (fixtures)
from web import create_app
from workflow.legal_time import legal_today
from workflow.models import Application, JobRun

NOW = "2026-03-26T08:00"  # Beijing time


def _invoke(database_url, *args):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t"})
    try:
        return app.test_cli_runner().invoke(args=["jobs", "escalate", *args])
    finally:
        app.extensions["xxgk.engine"].dispose()


def _runs(sf) -> int:
    with sf() as session:
        return session.scalar(select(func.count()).select_from(JobRun))


def test_a_run_reports_what_it_sent_and_a_second_run_sends_nothing(database_url, session_factory, due_cases):
    first = _invoke(database_url, "--now", NOW)
    assert first.exit_code == 0, first.output
    assert "2026-03-26：已发出提醒 6 条（逾期 3、紧急 1、临期 2）" in first.output
    second = _invoke(database_url, "--now", NOW)
    assert second.exit_code == 0 and "已发出提醒 0 条，共 0 人次（已发出过的不再重复）" in second.output
    assert len(alerts(session_factory)) == 6 and _runs(session_factory) == 2


def test_a_dry_run_lists_the_alerts_and_writes_nothing(database_url, session_factory, due_cases):
    result = _invoke(database_url, "--now", NOW, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "[紧急] 案件 2026-0002 的答复期限为 2026-03-30，还剩 2 个工作日（紧急）" in result.output
    assert "试运行：将发出提醒 6 条" in result.output and "未写入数据库" in result.output
    assert alerts(session_factory) == [] and _runs(session_factory) == 0


def test_a_time_after_now_is_refused_unless_dry_run(database_url, session_factory, due_cases):
    tomorrow = (legal_today() + timedelta(days=1)).isoformat()
    refused = _invoke(database_url, "--now", tomorrow)
    assert refused.exit_code == 1 and "不能按晚于现在" in refused.stderr and "--dry-run" in refused.stderr
    assert _invoke(database_url, "--now", tomorrow, "--dry-run").exit_code == 0
    assert alerts(session_factory) == [] and _runs(session_factory) == 0


def test_a_day_off_is_said_and_exits_zero_unless_forced(database_url, session_factory, due_cases):
    skipped = _invoke(database_url, "--now", "2026-03-28T08:00")
    assert skipped.exit_code == 0 and "2026-03-28 不是工作日" in skipped.output and alerts(session_factory) == []
    forced = _invoke(database_url, "--now", "2026-03-28T08:00", "--force")
    assert forced.exit_code == 0 and "已发出提醒 6 条" in forced.output


def test_a_malformed_time_and_an_unknown_agency_are_explained(database_url, session_factory, due_cases):
    malformed = _invoke(database_url, "--now", "26/03/2026")
    assert malformed.exit_code == 2 and "不是有效的时间" in malformed.stderr
    unknown = _invoke(database_url, "--now", NOW, "--agency", "99")
    assert unknown.exit_code == 1 and "机关 99 不存在" in unknown.stderr


def test_a_case_that_cannot_be_alerted_exits_one_after_alerting_the_others(
        database_url, session_factory, due_cases):
    with session_factory.begin() as session:
        session.execute(update(Application).where(Application.id == due_cases["urgent"])
                        .values(due_date=date(2001, 1, 5)))
    result = _invoke(database_url, "--now", NOW)
    assert result.exit_code == 1
    assert f"案件 {due_cases['urgent']}未能生成提醒" in result.stderr and "1 件案件未能生成提醒" in result.stderr
    assert "已发出提醒 5 条" in result.stdout and len(alerts(session_factory)) == 5
