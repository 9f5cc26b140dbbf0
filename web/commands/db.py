"""``xxgk db upgrade`` / ``xxgk db downgrade``: apply the Alembic migrations to the configured database."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

db_group = AppGroup("db", help="数据库结构迁移（Alembic）。")


def _config():
    from migrations import alembic_config

    return alembic_config(current_app.config["XXGK_SETTINGS"].database_url)


@db_group.command("upgrade")
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    """升级数据库结构到 REVISION（默认 head）。"""
    from alembic import command

    command.upgrade(_config(), revision)
    click.echo(f"数据库已升级到 {revision}")


@db_group.command("downgrade")
@click.argument("revision")
def downgrade(revision: str) -> None:
    """降级数据库结构到 REVISION（如 base，将删除全部数据）。"""
    from alembic import command

    command.downgrade(_config(), revision)
    click.echo(f"数据库已降级到 {revision}")
