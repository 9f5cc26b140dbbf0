"""`xxgk db downgrade` asks first (or --yes) and refuses to drop history or issued documents holding records
unless --force."""
from __future__ import annotations

import pytest
from sqlalchemy import inspect

from tests.support.factories import T0, make_people, registration_data
from web import create_app
from workflow import services as sv
from workflow.db import make_engine, make_session_factory


@pytest.fixture
def migrated_app(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "test"})
    assert app.test_cli_runner().invoke(args=["db", "upgrade"]).exit_code == 0
    yield app
    app.extensions["xxgk.engine"].dispose()


def tables(app) -> set[str]:
    engine = make_engine(app.config["XXGK_SETTINGS"].database_url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def register_a_case(app) -> None:
    session_factory = make_session_factory(app.extensions["xxgk.engine"])
    clerk = make_people(session_factory).clerk
    sv.register_application(session_factory, registration_data(), actor_id=clerk, today=T0)


def downgrade(app, *args, answer=None):
    return app.test_cli_runner().invoke(args=["db", "downgrade", *args], input=answer)


def test_downgrade_asks_first_and_answering_no_changes_nothing(migrated_app):
    before = tables(migrated_app)
    result = downgrade(migrated_app, "base", answer="n\n")
    assert result.exit_code == 1
    assert "确定把数据库降级到 base 吗？" in result.output
    assert tables(migrated_app) == before
    assert downgrade(migrated_app, "base", answer="y\n").exit_code == 0
    assert tables(migrated_app) == {"alembic_version"}


def test_downgrade_refuses_to_drop_history_and_documents_holding_records(migrated_app):
    register_a_case(migrated_app)
    before = tables(migrated_app)
    result = downgrade(migrated_app, "base", "--yes")
    assert result.exit_code == 1
    assert "降级到 base 会删除只能追加的记录（办理历史 1 条、已出具的文书 1 条）。如确需删除，请先备份数据库，再加 --force 重试。" in (
        result.output)
    assert tables(migrated_app) == before
    result = downgrade(migrated_app, "0001", "--yes")
    assert result.exit_code == 1 and "（已出具的文书 1 条）" in result.output


def test_downgrade_with_force_drops_them(migrated_app):
    register_a_case(migrated_app)
    result = downgrade(migrated_app, "base", "--yes", "--force")
    assert result.exit_code == 0, result.output
    assert tables(migrated_app) == {"alembic_version"}


def test_a_downgrade_that_keeps_both_tables_needs_no_force(migrated_app):
    register_a_case(migrated_app)
    result = downgrade(migrated_app, "0002", "--yes")
    assert result.exit_code == 0, result.output
    assert {"history", "issued_document"} <= tables(migrated_app)
