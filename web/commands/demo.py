"""`xxgk demo load`: fill the database with demonstration data (used by `make run`)."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from web import session_factory
from workflow.demo.loader import demo_loaded, load_demo
from workflow.legal_time import legal_today

demo_group = AppGroup("demo", help="演示数据。")


@demo_group.command("load")
@click.option("--if-empty", is_flag=True, help="数据库中已有申请时不再加载")
@click.option("--count", type=click.IntRange(1, 100_000), default=200, show_default=True, help="申请件数")
def load(if_empty: bool, count: int) -> None:
    """加载演示数据：3 个机关、各角色用户、约 200 件各阶段的申请。"""
    factory = session_factory(current_app)
    if demo_loaded(factory):
        if if_empty:
            click.echo("数据库中已有数据，跳过演示数据。")
            return
        raise click.ClickException("数据库中已有数据；演示数据只能加载到空数据库。")
    created = load_demo(factory, today=legal_today(), count=count)
    click.echo(f"已加载演示数据：{created} 件申请。用户名如 gov.clerk1、housing.reviewer、tax.supervisor。")
