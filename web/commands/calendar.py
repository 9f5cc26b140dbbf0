"""`xxgk calendar …`: inspect the official working-day calendar; install a new year's notice."""
from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from rules.calendar import CalendarError, load_calendar
from rules.calendar.explain import due_explanation, missing_notice_warning, year_summary
from workflow.errors import DomainError
from workflow.legal_time import legal_today
from workflow.services.calendar_install import MAX_BYTES, install_calendar_year

calendar_group = click.Group("calendar", help="工作日历：查看放假安排、计算期限、检查下一年度数据。")
region_option = click.option("--region", default=None, metavar="CODE", help="行政区划代码（叠加地区放假规定）")


def _calendar(region: str | None):
    try:
        return load_calendar(region=region)
    except CalendarError as exc:
        raise click.ClickException(str(exc)) from exc


@calendar_group.command("show")
@click.argument("year", type=click.IntRange(1900, 2999))
@region_option
def show(year: int, region: str | None) -> None:
    """显示某年的放假日与调休上班日（官方或暂定）。"""
    cal = _calendar(region)
    try:
        click.echo("\n".join(year_summary(cal, year)))
    except CalendarError as exc:
        raise click.ClickException(str(exc)) from exc


@calendar_group.command("due")
@click.argument("start", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD")
@click.option("--days", "n", type=click.IntRange(1, 400), default=20, show_default=True, help="工作日数")
@region_option
def due(start, n: int, region: str | None) -> None:
    """计算自某日起第 N 个工作日（当日不计入），并说明跳过了哪些日子。"""
    cal = _calendar(region)
    try:
        click.echo("\n".join(due_explanation(cal, start.date(), n)))
    except CalendarError as exc:
        raise click.ClickException(str(exc)) from exc


@calendar_group.command("check")
@click.option("--today", "today_", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="按指定日期检查（默认今天，北京时间）")
def check(today_) -> None:
    """11 月 1 日起若下一年度放假通知尚未录入则告警（退出码 1）。"""
    cal = _calendar(None)
    today: date = today_.date() if today_ else legal_today()
    warning = missing_notice_warning(cal, today)
    if warning:
        click.echo(warning, err=True)
        raise SystemExit(1)
    click.echo(f"正常：已录入 {cal.official_years[0]}–{cal.official_years[-1]} 年官方放假通知。")


@calendar_group.command("install")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="替换本系统已安装的同一年份文件")
@with_appcontext
def install(file: Path, replace: bool) -> None:
    """安装新一年的放假通知数据文件（YYYY.toml，格式同 rules/calendar/data），随后重算全部在办案件期限。"""
    from web import session_factory

    settings = current_app.config["XXGK_SETTINGS"]
    with open(file, "rb") as handle:
        content = handle.read(MAX_BYTES + 1)  # the service refuses a larger file
    try:
        result = install_calendar_year(
            session_factory(current_app), content=content, filename=file.name,
            directory=settings.calendar_dir, today=legal_today(), actor_label=f"命令行：{getpass.getuser()}",
            replace=replace)
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"已安装 {result.year} 年日历数据：{result.path}（SHA-256 {result.sha256[:12]}…）")
    for change in result.changes:
        old, new = _due(change.old_due, change.old_provisional), _due(change.new_due, change.new_provisional)
        click.echo(f"{change.tracking_number}（案件 {change.case_id}）：{old} → {new}")
    click.echo(f"已重算 {result.examined} 件在办案件，{len(result.changes)} 件期限有变更，均已记入案件历史。")
    if result.failures:
        raise click.ClickException(f"{len(result.failures)} 件案件未能重算期限，请运行 xxgk deadlines recompute 查看原因")


def _due(day: date | None, provisional: bool) -> str:
    return "无" if day is None else f"{day.isoformat()}{'（暂定）' if provisional else ''}"
