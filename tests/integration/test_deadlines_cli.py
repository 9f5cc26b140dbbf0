"""`xxgk deadlines recompute` reloads the calendar and logs every change (the operator's side of recompute)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from web import create_app
from workflow.models import Application, History


def test_recompute_command_reports_and_logs_each_changed_deadline(database_url, create_case, session_factory,
                                                                   monkeypatch):
    case = create_case("registration.processing")
    with session_factory.begin() as session:  # pretend the stored due date predates a calendar change
        session.get(Application, case.id).due_date = date(2026, 1, 5)
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t"})
    try:
        dry = app.test_cli_runner().invoke(args=["deadlines", "recompute", "--now", "2026-11-20", "--dry-run"])
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
