"""`xxgk deadlines recompute`: recompute every open case's due date, e.g. after calendar data changed."""
from __future__ import annotations

from datetime import date

import click
from flask import current_app
from flask.cli import AppGroup

from rules.calendar import clear_cache
from web import session_factory
from workflow.legal_time import legal_today
from workflow.services.deadline import recompute_open_deadlines

deadlines_group = AppGroup("deadlines", help="答复期限：日历数据变更后重新计算在办案件的期限。")


def _fmt(day: date | None, provisional: bool) -> str:
    return "无" if day is None else f"{day.isoformat()}{'（暂定）' if provisional else ''}"


@deadlines_group.command("recompute")
@click.option("--today", "--now", "today_", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="按指定日期计算（默认今天，北京时间）")
@click.option("--dry-run", is_flag=True, help="只列出将要变更的期限，不写入数据库")
def recompute(today_, dry_run: bool) -> None:
    """重新加载工作日历并重算全部在办案件的期限，逐件记录变更（旧 → 新）。"""
    clear_cache()  # pick up data files added or changed since the process started
    today = today_.date() if today_ else legal_today()
    changes = recompute_open_deadlines(session_factory(current_app), today, dry_run=dry_run)
    for change in changes:
        click.echo(f"案件 {change.case_id}：{_fmt(change.old_due, change.old_provisional)} → "
                   f"{_fmt(change.new_due, change.new_provisional)}")
    if dry_run:
        click.echo(f"试运行：{len(changes)} 件的期限将变更，未写入数据库。")
    else:
        click.echo(f"已重算在办案件期限：{len(changes)} 件有变更，均已记入案件历史。")
