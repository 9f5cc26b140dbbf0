"""Infrastructure failures are said in one line, exit 2, no traceback (every CLI command), and /healthz
answers 503 with the reason while the database is not usable, 200 once it is.

Each database below is real: a PostgreSQL port nothing listens on, a text file, an empty SQLite file, one
migrated only to 0002, one opened read-only.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command

from migrations import alembic_config
from web import create_app

UNREACHABLE_URL = "postgresql+psycopg://xxgk:secret-pw@127.0.0.1:1/xxgk"
NOT_MIGRATED = "数据库尚未初始化，请先运行 xxgk db upgrade"


def _app(url: str):
    return create_app({"TESTING": True, "database_url": url, "secret_key": "t"})


def _run(url: str, *args: str):
    app = _app(url)
    try:
        return app.test_cli_runner().invoke(args=list(args))
    finally:
        app.extensions["xxgk.engine"].dispose()


@pytest.fixture
def databases(tmp_path) -> dict[str, str]:
    """URL of each kind of broken database (and of a good one)."""
    (tmp_path / "text.sqlite3").write_text("这不是数据库。" * 200, encoding="utf-8")
    urls = {name: f"sqlite:///{tmp_path / name}.sqlite3" for name in ("text", "empty", "old", "good")}
    command.upgrade(alembic_config(urls["old"]), "0002")
    command.upgrade(alembic_config(urls["good"]), "head")
    urls["read_only"] = f"sqlite:///file:{tmp_path / 'good.sqlite3'}?mode=ro&uri=true"
    urls["unreachable"] = UNREACHABLE_URL
    urls["missing_dir"] = f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.sqlite3'}"
    return urls


@pytest.mark.parametrize("database,args,message", [
    ("unreachable", ["documents", "list", "1"], "无法连接数据库，请检查 XXGK_DATABASE_URL"),
    ("unreachable", ["db", "upgrade"], "无法连接数据库"),
    ("text", ["deadlines", "recompute", "--dry-run"], "数据库文件不是有效的 SQLite 数据库"),
    ("text", ["db", "upgrade"], "数据库文件不是有效的 SQLite 数据库"),
    ("missing_dir", ["documents", "list", "1"], "无法打开数据库文件"),
    ("empty", ["documents", "list", "1"], NOT_MIGRATED),
    ("empty", ["deadlines", "recompute"], NOT_MIGRATED),
    ("empty", ["demo", "load"], NOT_MIGRATED),
    ("old", ["documents", "list", "1"], "数据库结构版本（0002）早于本程序要求的版本"),
    ("read_only", ["demo", "load", "--count", "1"], "数据库为只读"),
])
def test_an_unusable_database_is_one_line_exit_2_and_no_traceback(databases, database, args, message):
    result = _run(databases[database], *args)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("错误：") and message in lines[-1]
    assert "Traceback" not in result.output


def test_the_shown_database_url_hides_the_password(databases):
    result = _run(databases["unreachable"], "documents", "list", "1")
    assert "secret-pw" not in result.output and "xxgk:***@127.0.0.1:1/xxgk" in result.output


@pytest.mark.parametrize("args,message", [
    (["db", "upgrade", "nosuch"], "未知的迁移版本「nosuch」"),
    (["db", "downgrade", "nosuch"], "未知的迁移版本「nosuch」"),
    (["documents", "list", "99999999999999999999"], "数值超出范围"),
    (["documents", "export", "99999999999999999999", "--out", "x.docx"], "数值超出范围"),
])
def test_unknown_revisions_and_huge_numbers_are_a_message_not_a_traceback(databases, args, message):
    result = _run(databases["good"], *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("args", [
    ["calendar", "due", "2026-11-27", "--days", "999999999"],
    ["calendar", "show", "99999"],
    ["demo", "load", "--count", "99999999999"],
])
def test_integer_arguments_out_of_range_are_refused_by_the_option_with_its_range(databases, args):
    result = _run(databases["good"], *args)
    assert result.exit_code == 2 and "不在允许的范围" in result.output and "错误：参数" in result.output
    assert "Traceback" not in result.output and "Error" not in result.output


def test_the_installed_command_says_it_in_one_line_too(tmp_path):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("XXGK_")}
    environ.update(XXGK_DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}", XXGK_SECRET_KEY="t")
    xxgk = Path(sys.executable).with_name("xxgk")
    done = subprocess.run([str(xxgk), "deadlines", "recompute"], env=environ, capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == f"错误：{NOT_MIGRATED}（数据库：sqlite:///{tmp_path / 'empty.sqlite3'}）"


@pytest.mark.parametrize("database,status,reason", [
    ("good", 200, None),
    ("empty", 503, NOT_MIGRATED),
    ("old", 503, "早于本程序要求的版本"),
    ("text", 503, "不是有效的 SQLite 数据库"),
    ("unreachable", 503, "无法连接数据库"),
])
def test_healthz_checks_the_connection_and_the_migration_head(databases, database, status, reason):
    app = _app(databases[database])
    try:
        response = app.test_client().get("/healthz")
    finally:
        app.extensions["xxgk.engine"].dispose()
    assert response.status_code == status
    body = response.get_json()
    if reason is None:
        assert body == {"status": "ok"}
    else:
        assert body["status"] == "unavailable" and body["error"] == "DatabaseUnavailable"
        assert reason in body["reason"]
