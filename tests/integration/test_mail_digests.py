"""E-mail digests of escalation alerts, delivered to a real SMTP server on 127.0.0.1 (aiosmtpd)."""
from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from tests.support import factories
from tests.support.smtp import (
    HOST, PASSWORD, USER, free_port, self_signed_certificate, silent_server, smtp_server, ssl_options,
    starttls_options,
)
from workflow.jobs.mail import LISTED_ALERTS, MAX_ATTEMPTS, deliver_digests
from workflow.models import AlertRecipient, Application, JobRun, MailDigest, utcnow
from workflow.services import setup
from workflow.settings import load_settings

SENDER = "xxgk@example.gov.cn"
CLERK, SUPERVISOR, REVIEWER = "clerk@example.gov.cn", "supervisor@example.gov.cn", "reviewer@example.gov.cn"


@pytest.fixture
def mail_settings(tmp_path):
    """``mail_settings(port, **more)``: settings mailing through 127.0.0.1:port without TLS."""
    def make(port, **more):
        values = dict(smtp_host=HOST, smtp_port=port, smtp_security="none", smtp_sender=SENDER,
                      smtp_timeout_seconds=5)
        return load_settings(tmp_path, environ={}, overrides={**values, **more})
    return make


@pytest.fixture
def addresses(session_factory, people):
    setup.set_email(session_factory, people.clerk, CLERK)
    setup.set_email(session_factory, people.supervisor, SUPERVISOR)
    setup.set_email(session_factory, people.reviewer, REVIEWER)


def make_alert(session_factory, case_id, recipients, **options):
    """An alert on case ``case_id`` (its agency's) for the users ``recipients``."""
    with session_factory() as session:
        agency_id = session.get(Application, case_id).agency_id
    return factories.make_alert(session_factory, agency_id, recipients, case_id=case_id, **options)


def _digests(session_factory):
    with session_factory() as session:
        return session.scalars(select(MailDigest).order_by(MailDigest.id)).all()


def _by_recipient(collector):
    return {received.rcpt_tos: received.message for received in collector.messages}


def test_each_recipient_gets_one_digest_with_all_their_alerts_in_utf8(
        session_factory, people, addresses, create_case, mail_settings):
    first, second = create_case(), create_case()
    make_alert(session_factory, first.id, [people.clerk], level="overdue", message="答复期限已过 1 个工作日，请立即答复")
    make_alert(session_factory, second.id, [people.clerk, people.supervisor], level="urgent",
               message="距答复期限还有 2 个工作日")
    make_alert(session_factory, second.id, [people.clerk], level="due_soon", message="补正告知期限临近")
    with smtp_server() as (port, collector):
        result = deliver_digests(session_factory, mail_settings(port), now=utcnow())
    assert (result.composed, result.sent, result.failed) == (2, 2, 0)
    mails = _by_recipient(collector)
    assert set(mails) == {(CLERK,), (SUPERVISOR,)}
    clerk = mails[(CLERK,)]
    assert clerk["Subject"] == "政府信息公开申请期限提醒：3 条（逾期 1，紧急 1）"
    assert clerk["From"] == SENDER and clerk.get_content_charset() == "utf-8"
    body = clerk.get_content()
    assert body.index("【逾期】") < body.index("【紧急】") < body.index("【临期】")
    for case in (first, second):
        with session_factory() as session:
            tracking = session.get(Application, case.id).tracking_number
        assert tracking in body and f"/cases/{case.id}" in body
    assert "答复期限已过 1 个工作日，请立即答复" in body
    assert mails[(SUPERVISOR,)]["Subject"] == "政府信息公开申请期限提醒：1 条（紧急 1）"
    with session_factory() as session:
        assert session.scalar(select(AlertRecipient).where(AlertRecipient.digest_id.is_(None))) is None
    assert all(d.sent_at is not None and d.attempts == 1 and d.last_error is None
               for d in _digests(session_factory))


def test_with_a_base_url_the_case_links_are_whole_addresses(
        session_factory, people, addresses, create_case, mail_settings):
    case = create_case()
    make_alert(session_factory, case.id, [people.clerk])
    with smtp_server() as (port, collector):
        deliver_digests(session_factory, mail_settings(port, base_url="https://xxgk.example.gov.cn/"),
                        now=utcnow())
    body = collector.messages[0].message.get_content()
    assert f"案件页面：https://xxgk.example.gov.cn/cases/{case.id}\n" in body


def test_a_second_run_composes_and_sends_nothing(
        session_factory, people, addresses, create_case, mail_settings):
    make_alert(session_factory, create_case().id, [people.clerk])
    with smtp_server() as (port, collector):
        deliver_digests(session_factory, mail_settings(port), now=utcnow())
        again = deliver_digests(session_factory, mail_settings(port), now=utcnow())
    assert (again.composed, again.sent, again.failed) == (0, 0, 0)
    assert len(collector.messages) == 1


def test_users_without_an_address_or_disabled_get_no_mail_but_keep_the_inbox_row(
        session_factory, people, addresses, create_case, mail_settings):
    setup.set_active(session_factory, people.reviewer, False)
    make_alert(session_factory, create_case().id, [people.clerk2, people.reviewer, people.clerk])
    with smtp_server() as (port, collector):
        result = deliver_digests(session_factory, mail_settings(port), now=utcnow())
    assert result.composed == 1 and [m.rcpt_tos for m in collector.messages] == [(CLERK,)]
    with session_factory() as session:
        unmailed = session.scalars(select(AlertRecipient.user_id).where(AlertRecipient.digest_id.is_(None)))
        assert set(unmailed) == {people.clerk2, people.reviewer}


def test_a_mail_server_that_is_down_fails_no_run_and_the_next_run_sends_each_digest_once(
        session_factory, people, addresses, create_case, mail_settings):
    make_alert(session_factory, create_case().id, [people.clerk, people.supervisor])
    port = free_port()  # nothing listens there yet
    down = deliver_digests(session_factory, mail_settings(port), now=utcnow())
    assert (down.composed, down.sent, down.failed) == (2, 0, 2)
    assert "无法连接邮件服务器 127.0.0.1" in down.errors[0]
    for digest in _digests(session_factory):
        assert digest.sent_at is None and digest.attempts == 1 and "无法连接邮件服务器" in digest.last_error
    with smtp_server(port) as (_, collector):
        up = deliver_digests(session_factory, mail_settings(port), now=utcnow())
        third = deliver_digests(session_factory, mail_settings(port), now=utcnow())
    assert (up.composed, up.sent, up.failed) == (0, 2, 0) and third.sent == 0
    assert sorted(m.rcpt_tos for m in collector.messages) == [(CLERK,), (SUPERVISOR,)]
    assert all(d.sent_at is not None and d.attempts == 2 and d.last_error is None
               for d in _digests(session_factory))


def test_an_address_the_server_refuses_is_recorded_and_the_others_still_go(
        session_factory, people, addresses, create_case, mail_settings):
    make_alert(session_factory, create_case().id, [people.clerk, people.supervisor])
    with smtp_server() as (port, collector):
        collector.refuse.add(CLERK)
        result = deliver_digests(session_factory, mail_settings(port), now=utcnow())
    assert (result.sent, result.failed) == (1, 1)
    assert [m.rcpt_tos for m in collector.messages] == [(SUPERVISOR,)]
    refused = next(d for d in _digests(session_factory) if d.address == CLERK)
    assert refused.sent_at is None and "拒收该地址" in refused.last_error and "550" in refused.last_error


def test_a_refused_address_corrected_by_an_admin_is_used_by_the_next_run(
        session_factory, people, addresses, create_case, mail_settings):
    make_alert(session_factory, create_case().id, [people.clerk])
    with smtp_server() as (port, collector):
        collector.refuse.add(CLERK)
        assert deliver_digests(session_factory, mail_settings(port), now=utcnow()).failed == 1
        setup.set_email(session_factory, people.clerk, "zhou.xiaohong@example.gov.cn")
        assert deliver_digests(session_factory, mail_settings(port), now=utcnow()).sent == 1
    assert [m.rcpt_tos for m in collector.messages] == [("zhou.xiaohong@example.gov.cn",)]
    assert _digests(session_factory)[0].address == "zhou.xiaohong@example.gov.cn"


def test_a_recipient_disabled_before_the_retry_is_not_mailed(session_factory, people, addresses, create_case,
                                                             mail_settings):
    make_alert(session_factory, create_case().id, [people.clerk])
    deliver_digests(session_factory, mail_settings(free_port()), now=utcnow())
    setup.set_active(session_factory, people.clerk, False)
    with smtp_server() as (port, collector):
        result = deliver_digests(session_factory, mail_settings(port), now=utcnow())
    assert (result.sent, collector.messages) == (0, [])
    [digest] = _digests(session_factory)
    assert digest.attempts == MAX_ATTEMPTS and "收件人已停用" in digest.last_error


def test_without_mail_settings_nothing_is_composed_or_sent(session_factory, people, addresses, create_case,
                                                           tmp_path):
    make_alert(session_factory, create_case().id, [people.clerk])
    result = deliver_digests(session_factory, load_settings(tmp_path, environ={}), now=utcnow())
    assert not result.configured and result.composed == 0 and _digests(session_factory) == []


def test_alerts_older_than_the_backlog_window_are_not_mailed(session_factory, people, addresses, create_case,
                                                             mail_settings):
    case = create_case()
    make_alert(session_factory, case.id, [people.clerk], created_at=utcnow() - timedelta(days=11))
    make_alert(session_factory, case.id, [people.clerk], level="urgent",
               created_at=utcnow() - timedelta(days=9))
    with smtp_server() as (port, collector):
        deliver_digests(session_factory, mail_settings(port), now=utcnow())
    assert collector.messages[0].message["Subject"] == "政府信息公开申请期限提醒：1 条（紧急 1）"


def test_a_digest_whose_run_died_while_sending_is_never_sent_again(
        session_factory, people, addresses, create_case, mail_settings):
    make_alert(session_factory, create_case().id, [people.clerk])

    def killed(message):
        raise KeyboardInterrupt  # the process stops after the server may have accepted the message

    with pytest.raises(KeyboardInterrupt):
        deliver_digests(session_factory, mail_settings(free_port()), now=utcnow(), send=killed)
    with smtp_server() as (port, collector):
        result = deliver_digests(session_factory, mail_settings(port), now=utcnow())
    assert (result.sent, result.failed, collector.messages) == (0, 0, [])
    [digest] = _digests(session_factory)
    assert digest.attempts == 1 and digest.sent_at is None and digest.last_error is None


def test_a_digest_is_retried_at_most_max_attempts_times(session_factory, people, addresses, create_case,
                                                        mail_settings):
    make_alert(session_factory, create_case().id, [people.clerk])
    deliver_digests(session_factory, mail_settings(free_port()), now=utcnow())
    with session_factory.begin() as session:
        session.execute(update(MailDigest).values(attempts=MAX_ATTEMPTS))
    with smtp_server() as (port, collector):
        result = deliver_digests(session_factory, mail_settings(port), now=utcnow())
    assert (result.sent, result.failed, collector.messages) == (0, 0, [])


def test_a_long_digest_lists_the_first_alerts_and_counts_the_rest(
        session_factory, people, addresses, create_case, mail_settings):
    case = create_case()
    for n in range(LISTED_ALERTS + 5):
        make_alert(session_factory, case.id, [people.clerk], level="due_soon", message=f"第 {n} 条提醒")
    with smtp_server() as (port, collector):
        deliver_digests(session_factory, mail_settings(port), now=utcnow())
    [received] = collector.messages
    assert received.message["Subject"] == f"政府信息公开申请期限提醒：{LISTED_ALERTS + 5} 条"
    assert "另有 5 条未在邮件中列出" in received.message.get_content()


def test_the_counts_are_added_to_the_job_runs_summary(session_factory, people, addresses, create_case,
                                                      mail_settings):
    with session_factory.begin() as session:
        run = JobRun(job="escalate", legal_date=utcnow().date(), status="completed", summary={"alerts": 1})
        session.add(run)
        session.flush()
        run_id = run.id
    make_alert(session_factory, create_case().id, [people.clerk])
    with smtp_server() as (port, _):
        deliver_digests(session_factory, mail_settings(port), now=utcnow(), job_run_id=run_id)
    with session_factory() as session:
        summary = session.get(JobRun, run_id).summary
    assert summary == {"alerts": 1, "mail": {"composed": 1, "sent": 1, "failed": 0}}
    assert _digests(session_factory)[0].job_run_id == run_id


def test_starttls_with_sign_in_through_a_self_signed_certificate(
        session_factory, people, addresses, create_case, mail_settings, tmp_path, monkeypatch):
    cert, key = self_signed_certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts only this certificate
    make_alert(session_factory, create_case().id, [people.clerk])
    with smtp_server(**starttls_options(cert, key)) as (port, collector):
        wrong = deliver_digests(session_factory, mail_settings(port, smtp_security="starttls", smtp_user=USER,
                                                               smtp_password="wrong-password"), now=utcnow())
        right = deliver_digests(session_factory, mail_settings(port, smtp_security="starttls", smtp_user=USER,
                                                               smtp_password=PASSWORD), now=utcnow())
    assert wrong.failed == 1 and "登录失败" in wrong.errors[0]
    assert right.sent == 1 and [m.rcpt_tos for m in collector.messages] == [(CLERK,)]


def test_smtp_over_ssl_from_the_first_byte(session_factory, people, addresses, create_case, mail_settings,
                                           tmp_path, monkeypatch):
    cert, key = self_signed_certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    make_alert(session_factory, create_case().id, [people.clerk])
    with smtp_server(**ssl_options(cert, key)) as (port, collector):
        result = deliver_digests(session_factory, mail_settings(port, smtp_security="ssl"), now=utcnow())
    assert result.sent == 1 and collector.messages[0].message["To"] == CLERK


def test_a_hung_server_costs_one_timeout_per_run_not_one_per_digest(
        session_factory, people, addresses, create_case, mail_settings):
    make_alert(session_factory, create_case().id, [people.clerk, people.supervisor, people.reviewer])
    with silent_server() as port:
        started = time.monotonic()
        result = deliver_digests(session_factory, mail_settings(port, smtp_timeout_seconds=1), now=utcnow())
        elapsed = time.monotonic() - started
    assert (result.sent, result.failed) == (0, 3) and elapsed < 2.5
    assert result.errors == [f"邮件服务器 127.0.0.1:{port} 在 1 秒内没有响应（XXGK_SMTP_TIMEOUT_SECONDS）"]
    assert all(d.attempts == 1 and d.last_error for d in _digests(session_factory))


def test_two_runs_at_the_same_moment_mail_each_alert_once(session_factory, people, addresses, create_case,
                                                          mail_settings):
    case = create_case()
    for user_ids in ([people.clerk], [people.clerk, people.supervisor], [people.reviewer]):
        make_alert(session_factory, case.id, user_ids)
    barrier, results = threading.Barrier(2), []

    def run(port):
        barrier.wait()
        results.append(deliver_digests(session_factory, mail_settings(port), now=utcnow()))

    with smtp_server() as (port, collector):
        threads = [threading.Thread(target=run, args=(port,)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sum(r.sent for r in results) == 3 and sum(r.composed for r in results) == 3
    assert sorted(m.rcpt_tos for m in collector.messages) == [(CLERK,), (REVIEWER,), (SUPERVISOR,)]
    with session_factory() as session:
        assert session.scalar(select(AlertRecipient).where(AlertRecipient.digest_id.is_(None))) is None
