"""``xxgk jobs escalate`` mails the run's digests (a real SMTP server on 127.0.0.1); mail fails no run."""
from __future__ import annotations

from sqlalchemy import select

from tests.support.factories import drive_case, make_people
from tests.support.smtp import HOST, free_port, smtp_server
from tests.support.web import migrated_app
from web import session_factory
from workflow.models import JobRun, MailDigest
from workflow.services import setup

CLERK = "clerk@example.gov.cn"
NOW = "2026-04-01T08:00"  # a Wednesday: the case (due 2026-03-30) is 2 working days overdue


def _app_with_an_overdue_case(tmp_path, port):
    """The app mailing through 127.0.0.1:port, with one case due 2026-03-30 handled by a clerk who has an
    address."""
    app = migrated_app(f"sqlite:///{tmp_path / 'cli.sqlite3'}", smtp_host=HOST, smtp_port=port,
                       smtp_security="none", smtp_sender="xxgk@example.gov.cn", smtp_timeout_seconds=5)
    factory = session_factory(app)
    people = make_people(factory)
    setup.set_email(factory, people.clerk, CLERK)
    drive_case(factory, people)
    return app


def test_the_escalation_run_mails_each_recipient_one_digest(tmp_path):
    with smtp_server() as (port, collector):
        app = _app_with_an_overdue_case(tmp_path, port)
        result = app.test_cli_runner().invoke(args=["jobs", "escalate", "--now", NOW])
        again = app.test_cli_runner().invoke(args=["jobs", "escalate", "--now", NOW])
    assert result.exit_code == 0, result.output
    assert "邮件：新生成 1 封，发出 1 封，失败 0 封。" in result.output
    [received] = collector.messages
    assert received.rcpt_tos == (CLERK,) and received.message["Subject"].startswith("政府信息公开申请期限提醒：")
    body = received.message.get_content()
    assert "【逾期】案件 2026-0001 的答复期限为 2026-03-30" in body and "/cases/1" in body  # the number once
    assert again.exit_code == 0 and "邮件：新生成 0 封，发出 0 封，失败 0 封。" in again.output


def test_a_dry_run_mails_nothing(tmp_path):
    with smtp_server() as (port, collector):
        app = _app_with_an_overdue_case(tmp_path, port)
        result = app.test_cli_runner().invoke(args=["jobs", "escalate", "--now", NOW, "--dry-run"])
    assert result.exit_code == 0 and "邮件" not in result.output and collector.messages == []


def test_a_mail_server_that_is_down_is_reported_and_the_run_still_succeeds(tmp_path):
    port = free_port()
    app = _app_with_an_overdue_case(tmp_path, port)
    result = app.test_cli_runner().invoke(args=["jobs", "escalate", "--now", NOW])
    assert result.exit_code == 0, result.output
    assert "失败 1 封" in result.output and f"无法连接邮件服务器 127.0.0.1:{port}" in result.output
    with session_factory(app)() as session:
        [digest] = session.scalars(select(MailDigest)).all()
        run = session.scalar(select(JobRun))
    assert digest.sent_at is None and digest.job_run_id == run.id
    assert run.summary["mail"] == {"composed": 1, "sent": 0, "failed": 1}
    with smtp_server(port) as (_, collector):
        retried = app.test_cli_runner().invoke(args=["jobs", "escalate", "--now", NOW])
    assert "发出 1 封" in retried.output and len(collector.messages) == 1
