"""Command-line entry point ``xxgk``: Flask's FlaskGroup around :func:`web.create_app`.

Every command registered here is guarded (:func:`guard_commands`): a domain error, a database failure or an
unknown Alembic revision ends the command with one Chinese line on stderr and exit status 2, never a
traceback; a command that uses the database first checks that it is reachable and migrated to the head.
"""
from __future__ import annotations

import functools
import re
from typing import Callable

import click
from flask import Flask
from flask.cli import AppGroup, FlaskGroup, ScriptInfo
from sqlalchemy.exc import DBAPIError

from web.cli_messages import ChineseMessages
from workflow.boundary import to_domain_error
from workflow.db_errors import schema_problem
from workflow.errors import DatabaseUnavailable, DomainError

# Command groups that work without a migrated database (they inspect files, or create the schema).
NO_SCHEMA_NEEDED = frozenset({"calendar", "db"})
EXIT_INFRASTRUCTURE = 2
UNKNOWN_REVISION = re.compile(r"Can't locate revision identified by '([^']*)'")


def init_app(app: Flask) -> None:
    """Register every command group on the application, then guard each command."""
    from web.commands import calendar, db, deadlines, demo, documents, jobs, users

    chinese = _ChineseAppGroup(app.cli.name)  # Click's own refusals in Chinese (web/cli_messages.py)
    chinese.commands.update(app.cli.commands)
    app.cli = chinese
    app.cli.add_command(calendar.calendar_group)
    app.cli.add_command(db.db_group)
    app.cli.add_command(demo.demo_group)
    app.cli.add_command(deadlines.deadlines_group)
    app.cli.add_command(documents.documents_group)
    app.cli.add_command(jobs.jobs_group)
    app.cli.add_command(users.users_group)
    app.cli.add_command(users.agencies_group)
    guard_commands(app)


def guard_commands(app: Flask) -> None:
    """Wrap the callback of every command of ``app.cli`` (nested groups included) once. The command objects
    are shared by every application of the process, so the guard finds its application when it runs."""
    for name, command in app.cli.commands.items():
        for leaf in _leaves(command):
            if not getattr(leaf.callback, "xxgk_guarded", False):
                leaf.callback = _guarded(leaf.callback, check_schema=name not in NO_SCHEMA_NEEDED)


def _leaves(command: click.Command) -> list[click.Command]:
    if isinstance(command, click.Group):
        return [leaf for sub in command.commands.values() for leaf in _leaves(sub)]
    return [command] if command.callback is not None else []


def _guarded(callback: Callable, *, check_schema: bool) -> Callable:
    @functools.wraps(callback)
    def guarded(*args, **kwargs):
        app = click.get_current_context().ensure_object(ScriptInfo).load_app()
        try:
            if check_schema:
                problem = schema_problem(app.extensions["xxgk.engine"])
                if problem is not None:
                    raise problem
            return callback(*args, **kwargs)
        except Exception as exc:
            message = failure_message(app, exc)
            if message is None:
                raise
            click.echo(message, err=True)
            raise SystemExit(EXIT_INFRASTRUCTURE) from exc
    guarded.xxgk_guarded = True
    return guarded


def failure_message(app: Flask, exc: Exception) -> str | None:
    """The one line to print for ``exc`` (None: a programming error, left to raise)."""
    from alembic.util import CommandError

    if isinstance(exc, CommandError):  # e.g. xxgk db upgrade nosuch
        unknown = UNKNOWN_REVISION.search(str(exc))
        problem = f"未知的迁移版本「{unknown.group(1)}」" if unknown else f"迁移命令失败：{exc}"
        return f"错误：{problem}（可用 head、base 或 migrations/versions/ 中的版本号）"
    if isinstance(exc, OverflowError):  # an integer argument larger than SQLite can store
        return "错误：数值超出范围，请检查输入的编号或数量"
    error = exc if isinstance(exc, DomainError) else to_domain_error(exc)
    if error is None and isinstance(exc, DBAPIError):
        error = DatabaseUnavailable(f"数据库操作失败：{exc.orig}")
    if error is None:
        return None
    if isinstance(error, DatabaseUnavailable):
        return f"错误：{error.message}（数据库：{_shown_url(app)}）"
    return f"错误：{error.message}"


def _shown_url(app: Flask) -> str:
    return app.extensions["xxgk.engine"].url.render_as_string(hide_password=True)


def _create_app() -> Flask:
    from web import create_app
    from workflow.settings import SettingsError

    try:
        return create_app()
    except SettingsError as exc:  # a configuration mistake: say what it is, no traceback
        click.echo(f"配置错误：{exc}", err=True)
        raise SystemExit(2) from exc


class _ChineseAppGroup(ChineseMessages, AppGroup):
    """The application's command group (``app.cli``, used by ``app.test_cli_runner()``)."""


class _ChineseFlaskGroup(ChineseMessages, FlaskGroup):
    """The ``xxgk`` command."""


main = _ChineseFlaskGroup(
    create_app=_create_app,
    add_version_option=False,
    help="xxgk 政府信息公开依申请公开办理系统 — 命令行工具。",
)
