"""E-mail digests sent after ``xxgk jobs escalate`` (:mod:`workflow.jobs.mail`): one line of counts and each
distinct failure, which fails nothing (the next run retries; admins see it at /admin/jobs)."""
from __future__ import annotations

from typing import Optional

import click
from flask import current_app

from web import session_factory
from workflow.jobs.mail import deliver_digests
from workflow.models import utcnow


def deliver_after_run(job_run_id: Optional[int]) -> None:
    """Compose this run's digests, send them and the earlier unsent ones, print what happened. A mail server
    that is down is reported on stderr only; a database failure leaves as its domain error."""
    settings = current_app.config["XXGK_SETTINGS"]
    if not settings.mail_configured:
        click.echo("邮件提醒未开启（未设置 XXGK_SMTP_HOST 和 XXGK_SMTP_SENDER）：提醒只在各人的「提醒」页面中。")
        return
    result = deliver_digests(session_factory(current_app), settings, now=utcnow(), job_run_id=job_run_id)
    click.echo(f"邮件：新生成 {result.composed} 封，发出 {result.sent} 封，失败 {result.failed} 封。")
    for reason in result.errors:
        click.echo(f"邮件发送失败：{reason}。下次运行时自动重试；管理员可在「任务与邮件」页面查看。", err=True)
