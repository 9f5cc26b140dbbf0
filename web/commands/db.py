"""``xxgk db upgrade`` / ``xxgk db downgrade``: apply the Alembic migrations to the configured database."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

db_group = AppGroup("db", help="数据库结构迁移（Alembic）。")

# The append-only tables and the revision that creates them (downgrading past it drops the table).
APPEND_ONLY_TABLES = {"history": ("0001", "办理历史"), "issued_document": ("0002", "已出具的文书")}


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


def _records_dropped(config, revision: str) -> dict[str, int]:
    """Label -> record count of each append-only table holding records that downgrading to ``revision``
    would drop."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from alembic.script.revision import RevisionError
    from alembic.util import CommandError
    from sqlalchemy import text

    from web import session_factory

    with session_factory(current_app)() as session:
        connection = session.connection()
        current = MigrationContext.configure(connection).get_current_revision()
        if current is None:
            return {}
        try:
            steps = ScriptDirectory.from_config(config).iterate_revisions(current, revision)
            undone = {step.revision for step in steps}
        except RevisionError as exc:  # an unknown revision: worded as alembic's downgrade words it
            unknown = getattr(exc, "argument", revision)
            raise CommandError(f"Can't locate revision identified by '{unknown}'") from exc
        counts = {label: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                  for table, (creator, label) in APPEND_ONLY_TABLES.items() if creator in undone}
    return {label: count for label, count in counts.items() if count}


@db_group.command("downgrade")
@click.argument("revision")
@click.option("--yes", is_flag=True, help="不再询问确认")
@click.option("--force", is_flag=True, help="即使会删除办理历史或已出具的文书也降级（数据将永久丢失）")
def downgrade(revision: str, yes: bool, force: bool) -> None:
    """降级数据库结构到 REVISION（如 base，将删除全部数据）。先确认（或 --yes）；会删除办理历史或已出具的文书时
    拒绝执行，除非加 --force。"""
    from alembic import command

    config = _config()
    dropped = _records_dropped(config, revision)
    if dropped and not force:
        held = "、".join(f"{label} {count} 条" for label, count in dropped.items())
        raise click.ClickException(f"降级到 {revision} 会删除只能追加的记录（{held}）。如确需删除，请先备份数据库，"
                                   "再加 --force 重试。")
    if not yes:
        click.confirm(f"确定把数据库降级到 {revision} 吗？降级会删除相应的表和数据", abort=True)
    command.downgrade(config, revision)
    click.echo(f"数据库已降级到 {revision}")
