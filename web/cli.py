"""Command-line entry point ``xxgk``: Flask's FlaskGroup around :func:`web.create_app`."""
from __future__ import annotations

from flask import Flask
from flask.cli import FlaskGroup


def init_app(app: Flask) -> None:
    """Register every command group on the application."""
    from web.commands import calendar, db, demo

    app.cli.add_command(calendar.calendar_group)
    app.cli.add_command(db.db_group)
    app.cli.add_command(demo.demo_group)


def _create_app() -> Flask:
    from web import create_app

    return create_app()


main = FlaskGroup(
    create_app=_create_app,
    add_version_option=False,
    help="xxgk 政府信息公开依申请公开办理系统 — 命令行工具。",
)
