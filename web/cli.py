"""Command-line entry point ``xxgk``: Flask's FlaskGroup around :func:`web.create_app`."""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import FlaskGroup


def init_app(app: Flask) -> None:
    """Register every command group on the application."""
    from web.commands import calendar, db, deadlines, demo, documents, users

    app.cli.add_command(calendar.calendar_group)
    app.cli.add_command(db.db_group)
    app.cli.add_command(demo.demo_group)
    app.cli.add_command(deadlines.deadlines_group)
    app.cli.add_command(documents.documents_group)
    app.cli.add_command(users.users_group)
    app.cli.add_command(users.agencies_group)


def _create_app() -> Flask:
    from web import create_app
    from workflow.settings import SettingsError

    try:
        return create_app()
    except SettingsError as exc:  # a configuration mistake: say what it is, no traceback
        click.echo(f"配置错误：{exc}", err=True)
        raise SystemExit(2) from exc


main = FlaskGroup(
    create_app=_create_app,
    add_version_option=False,
    help="xxgk 政府信息公开依申请公开办理系统 — 命令行工具。",
)
