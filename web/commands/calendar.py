"""`xxgk calendar …`: inspect the official working-day calendar."""
from __future__ import annotations

from datetime import date

import click

from rules.calendar import CalendarError, load_calendar
from rules.calendar.explain import due_explanation, missing_notice_warning, year_summary
from workflow.legal_time import legal_today

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
