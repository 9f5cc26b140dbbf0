"""`xxgk deadlines recompute` reloads the calendar and logs every change (the operator's side of recompute);
failed cases make it exit non-zero, and a future date is only for a dry run."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import insert, select

from web import create_app
from workflow.legal_time import legal_today
from workflow.models import Application, ClockEventRecord, History


def test_recompute_command_reports_and_logs_each_changed_deadline(database_url, create_case, session_factory):
    case = create_case("registration.processing")
    with session_factory.begin() as session:  # pretend the stored due date predates a calendar change
        session.get(Application, case.id).due_date = date(2026, 1, 5)
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t"})
    try:
        dry = app.test_cli_runner().invoke(
            args=["deadlines", "recompute", "--now", "2026-11-20", "--dry-run"])
        with session_factory() as session:
            assert session.get(Application, case.id).due_date == date(2026, 1, 5)  # the dry run wrote nothing
        result = app.test_cli_runner().invoke(args=["deadlines", "recompute", "--today", "2026-11-20"])
    finally:
        app.extensions["xxgk.engine"].dispose()
    assert dry.exit_code == 0 and "试运行：1 件的期限将变更，未写入数据库。" in dry.output
    assert result.exit_code == 0, result.output
    with session_factory() as session:
        stored = session.get(Application, case.id).due_date
        logged = session.scalars(select(History).where(History.application_id == case.id,
                                                       History.trigger == "recompute_deadline")).all()
    assert f"案件 {case.id}：2026-01-05 → {stored.isoformat()}" in result.output
    assert "1 件有变更" in result.output
    assert [(h.due_before, h.due_after) for h in logged] == [(date(2026, 1, 5), stored)]


def _invoke(database_url, *args):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t"})
    try:
        return app.test_cli_runner().invoke(args=["deadlines", "recompute", *args])
    finally:
        app.extensions["xxgk.engine"].dispose()


def test_recompute_command_exits_non_zero_with_the_count_and_reasons_of_failed_cases(
        database_url, engine, create_case, session_factory):
    broken, fine = create_case(), create_case()
    with engine.begin() as conn:
        conn.execute(insert(ClockEventRecord).values(application_id=broken.id, clock_round=1, kind="received",
                                                     day=date(2026, 3, 3)))  # an impossible second 收到申请
        conn.execute(Application.__table__.update().values(due_date=date(2026, 1, 5)))  # stale: recompute it
    result = _invoke(database_url, "--now", "2026-11-20")
    assert result.exit_code == 1
    assert f"案件 {broken.id} 未能重算：收到申请日已确定" in result.stderr
    assert "1 件案件未能重算期限" in result.stderr
    assert "已重算在办案件期限" in result.stdout
    with session_factory() as session:  # the other case was still recomputed
        assert session.get(Application, fine.id).version == fine.version + 1


def test_recompute_command_refuses_a_date_after_today_unless_dry_run(database_url, create_case,
                                                                     session_factory):
    case = create_case()
    tomorrow = (legal_today() + timedelta(days=1)).isoformat()
    refused = _invoke(database_url, "--now", tomorrow)
    assert refused.exit_code == 1 and "不能按晚于今天" in refused.stderr and "--dry-run" in refused.stderr
    assert _invoke(database_url, "--today", tomorrow, "--dry-run").exit_code == 0
    with session_factory() as session:
        assert session.get(Application, case.id).version == case.version
