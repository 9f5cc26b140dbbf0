"""`xxgk demo load`: fill the database with demonstration data (used by `make run`)."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from web import session_factory
from workflow.demo.loader import demo_loaded, demo_only, load_demo
from workflow.legal_time import legal_today

demo_group = AppGroup("demo", help="演示数据。")


@demo_group.command("load")
@click.option("--if-empty", is_flag=True, help="数据库中已有申请时不再加载")
@click.option("--reset", is_flag=True, help="先清空数据库（仅限只有演示机关的数据库），再重新加载")
@click.option("--count", type=click.IntRange(1, 100_000), default=200, show_default=True, help="申请件数")
def load(if_empty: bool, reset: bool, count: int) -> None:
    """加载演示数据：3 个机关、各角色用户、约 200 件各阶段的申请。整个加载是一个事务，中断后不留下半套数据。"""
    factory = session_factory(current_app)
    if reset:
        _reset(factory)
    elif demo_loaded(factory):
        if if_empty:
            click.echo("数据库中已有数据，跳过演示数据（如需重新加载演示数据：xxgk demo load --reset）。")
            return
        raise click.ClickException("数据库中已有数据；演示数据只能加载到空数据库（重新加载：xxgk demo load --reset）。")
    click.echo(f"正在加载演示数据（{count} 件申请，每件都经由办理服务生成）……", err=True)
    step = max(1, count // 10)

    def progress(done: int, total: int) -> None:
        if done % step == 0 or done == total:
            click.echo(f"  已生成 {done}/{total} 件", err=True)

    created = load_demo(factory, today=legal_today(), count=count, progress=progress)
    click.echo(f"已加载演示数据：{created} 件申请。用户名如 gov.clerk1、housing.reviewer、tax.supervisor。")


def _reset(factory) -> None:
    """Drop and recreate every table (the append-only history cannot be deleted row by row)."""
    if not demo_only(factory):
        raise click.ClickException("数据库中有演示机关以外的机关（真实数据），不能重置。请改用新的空数据库。")
    from alembic import command

    from migrations import alembic_config

    factory.kw["bind"].dispose()
    config = alembic_config(current_app.config["XXGK_SETTINGS"].database_url)
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    click.echo("已清空数据库，重新加载演示数据。", err=True)
