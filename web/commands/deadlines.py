"""`xxgk deadlines recompute`: recompute every open case's due date, e.g. after calendar data changed."""
from __future__ import annotations

from datetime import date

import click
from flask import current_app
from flask.cli import AppGroup

from rules.calendar import clear_cache
from web import session_factory
from workflow.errors import DomainError
from workflow.jobs.recompute import DEFAULT_BATCH_SIZE, RecomputeResult, recompute_open_deadlines
from workflow.legal_time import legal_today

deadlines_group = AppGroup("deadlines", help="答复期限：日历数据变更后重新计算在办案件的期限。")
FAILURES_SHOWN = 5


def _fmt(day: date | None, provisional: bool) -> str:
    return "无" if day is None else f"{day.isoformat()}{'（暂定）' if provisional else ''}"


@deadlines_group.command("recompute")
@click.option("--today", "--now", "today_", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="按指定日期计算（默认今天，北京时间；晚于今天只能与 --dry-run 一起使用）")
@click.option("--dry-run", is_flag=True, help="只列出将要变更的期限，不写入数据库")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=DEFAULT_BATCH_SIZE, show_default=True,
              help="每次提交的案件数（越小，其他用户的操作等待越短）")
def recompute(today_, dry_run: bool, batch_size: int) -> None:
    """重新加载工作日历并重算全部在办案件的期限，逐件记录变更（旧 → 新）。有案件未能重算时以状态 1 退出。"""
    clear_cache()  # pick up data files added or changed since the process started
    today = today_.date() if today_ else legal_today()
    try:
        result = recompute_open_deadlines(session_factory(current_app), today, dry_run=dry_run,
                                          batch_size=batch_size)
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    for change in result.changes:
        click.echo(f"案件 {change.case_id}：{_fmt(change.old_due, change.old_provisional)} → "
                   f"{_fmt(change.new_due, change.new_provisional)}")
    _report(result, dry_run)


def _report(result: RecomputeResult, dry_run: bool) -> None:
    if dry_run:
        click.echo(f"试运行：{len(result.changes)} 件的期限将变更，未写入数据库。")
    else:
        click.echo(f"已重算在办案件期限：{len(result.changes)} 件有变更，均已记入案件历史。")
    if result.conflicts:
        click.echo(f"{len(result.conflicts)} 件在重算期间被用户办理，已按其办理结果保存期限，未再变更。")
    if result.failures:
        for failure in result.failures[:FAILURES_SHOWN]:
            click.echo(f"案件 {failure.case_id} 未能重算：{failure.reason}", err=True)
        more = len(result.failures) - FAILURES_SHOWN
        raise click.ClickException(f"{len(result.failures)} 件案件未能重算期限"
                                   f"{f'（另有 {more} 件未列出）' if more > 0 else ''}，"
                                   "请按上述原因修正（如补充日历数据）后重新运行。")
