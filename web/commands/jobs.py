"""`xxgk jobs escalate`: the escalation job (docs/escalation.md), run by cron or a systemd timer every working
day morning."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone

import click
from flask import current_app
from flask.cli import AppGroup

from web import session_factory
from web.commands.mail import deliver_after_run
from workflow.errors import DomainError
from workflow.jobs.escalation import EscalationResult, escalate

jobs_group = AppGroup("jobs", help="定时任务：期限提醒（每个工作日早上运行一次，见 docs/escalation.md）。")
FAILURES_SHOWN = 5
LEVELS_SHOWN = {"overdue": "逾期", "urgent": "紧急", "due_soon": "临期", "info": "通知"}


def _now(_ctx, _param, value: str | None) -> datetime:
    if value is None:
        return datetime.now(timezone.utc)
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"「{value}」不是有效的时间，应形如 2026-03-26T08:00（北京时间）"
                                 "或 2026-03-26T08:00+08:00") from None


@jobs_group.command("escalate")
@click.option("--now", "now", callback=_now, metavar="ISO-DATETIME",
              help="按指定时间运行（如 2026-03-26T08:00；不带时区按北京时间；默认现在；"
                   "晚于现在只能与 --dry-run 一起使用）")
@click.option("--dry-run", is_flag=True, help="只列出将要发出的提醒，不写入数据库（也不记录运行）")
@click.option("--agency", "agency_id", type=click.IntRange(1), default=None, help="只处理该机关（机关编号）")
@click.option("--force", is_flag=True, help="在非工作日也运行")
def escalate_command(now: datetime, dry_run: bool, agency_id: int | None, force: bool) -> None:
    """为在办案件临期、紧急、逾期的期限发出提醒（每条只发一次），并提示尚未载入的下一年日历。
    有案件未能生成提醒时以状态 1 退出。"""
    settings = current_app.config["XXGK_SETTINGS"]
    try:
        result = escalate(session_factory(current_app), now, dry_run=dry_run, agency_id=agency_id,
                          force=force, due_soon_days=settings.due_soon_days, urgent_days=settings.urgent_days)
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    _report(result)
    if not (dry_run or result.skipped):  # the digests of this run (and earlier unsent ones); never fails it
        deliver_after_run(result.job_run_id)
    _exit_on_failures(result)


def _report(result: EscalationResult) -> None:
    if result.skipped:
        click.echo(result.skipped)
        return
    if result.dry_run:
        for alert in result.created:
            click.echo(f"[{LEVELS_SHOWN.get(alert.level, alert.level)}] {alert.message}"
                       f"（收件人 {len(alert.recipients)} 人）")
    if result.recomputed is not None:
        click.echo(f"新一年的日历已载入：重算后 {result.recomputed} 件的期限有变更。")
    levels = Counter(alert.level for alert in result.created)
    counted = "、".join(f"{LEVELS_SHOWN[level]} {levels[level]}" for level in LEVELS_SHOWN if levels[level])
    head = "试运行：将发出" if result.dry_run else "已发出"
    click.echo(f"{result.legal_date.isoformat()}：{head}提醒 {len(result.created)} 条"
               f"{f'（{counted}）' if counted else ''}，共 {result.recipients} 人次"
               + ("，未写入数据库。" if result.dry_run else "（已发出过的不再重复）。"))


def _exit_on_failures(result: EscalationResult) -> None:
    if not result.failures:
        return
    for failure in result.failures[:FAILURES_SHOWN]:
        where = f"案件 {failure.case_id}" if failure.case_id is not None else f"机关 {failure.agency_id} 的全部案件"
        click.echo(f"{where}未能生成提醒：{failure.reason}", err=True)
    more = len(result.failures) - FAILURES_SHOWN
    raise click.ClickException(f"{len(result.failures)} 件案件未能生成提醒"
                               f"{f'（另有 {more} 件未列出）' if more > 0 else ''}，其余案件不受影响；"
                               "请按上述原因修正（如补充日历数据、更正期限）后重新运行。")
