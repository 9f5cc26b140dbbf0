"""「任务与邮件」: admins only, the recent job runs, and the own agency's unsent digests with the server's answer."""
from __future__ import annotations

from datetime import date

import pytest

from tests.support.web import migrated_app, sign_in
from tests.web.conftest import PASSWORD
from web import session_factory
from workflow.jobs.mail import MAX_ATTEMPTS
from workflow.models import JobRun, MailDigest, Role, User, utcnow

REFUSED = "邮件服务器 127.0.0.1:25 拒收该地址：clerk@example.gov.cn 550 Mailbox unavailable"


@pytest.fixture
def admin(app, people, password_hash, signed_in):
    """A client signed in as an admin of the clerk's agency."""
    with session_factory(app).begin() as session:
        user = User(name="管理员", username="jobs.admin", password_hash=password_hash,
                    agency_id=session.get(User, people.clerk).agency_id)
        user.roles.append(Role.ADMIN)
        session.add(user)
    return signed_in("jobs.admin")


def _digest(app, user_id, address, **state):
    with session_factory(app).begin() as session:
        session.add(MailDigest(user_id=user_id, address=address, subject="政府信息公开申请期限提醒：1 条（逾期 1）",
                               body="……", **state))


def test_only_admins_open_the_page_and_find_it_in_the_navigation(admin, signed_in):
    page = admin.get("/admin/jobs/")
    assert page.status_code == 200 and 'href="/admin/jobs/"' in page.get_data(as_text=True)
    assert signed_in("supervisor").get("/admin/jobs/").status_code == 403
    assert 'href="/admin/jobs/"' not in signed_in("supervisor").get("/board/").get_data(as_text=True)


def test_unsent_digests_of_the_own_agency_show_with_the_servers_answer(app, people, admin):
    _digest(app, people.clerk, "clerk@example.gov.cn", attempts=2, last_attempt_at=utcnow(),
            last_error=REFUSED)
    _digest(app, people.supervisor, "supervisor@example.gov.cn", attempts=1, last_attempt_at=utcnow())
    _digest(app, people.reviewer, "reviewer@example.gov.cn", attempts=MAX_ATTEMPTS, last_error="超时")
    _digest(app, people.clerk2, "clerk2@example.gov.cn", sent_at=utcnow(), attempts=1)
    _digest(app, people.outsider, "outsider@example.gov.cn", attempts=1, last_error="另一机关的错误")
    html = admin.get("/admin/jobs/").get_data(as_text=True)
    assert REFUSED in html and "发送失败，下次运行时重试" in html
    assert "发送中断：是否送达不明" in html and "已停止重试" in html
    assert "clerk2@example.gov.cn" not in html  # sent
    assert "outsider@example.gov.cn" not in html and "另一机关的错误" not in html
    assert "自动重新发送" in html and "重新发送</button>" not in html


def test_job_runs_show_status_counts_and_only_the_own_agencys_failures(app, people, admin):
    with session_factory(app).begin() as session:
        home = session.get(User, people.clerk).agency_id
        other = session.get(User, people.outsider).agency_id
        session.add(JobRun(job="escalate", legal_date=date(2026, 3, 3), status="completed",
                           finished_at=utcnow(),
                           summary={"examined": 12, "created": 3, "failure_count": 2,
                                    "mail": {"composed": 2, "sent": 1, "failed": 1},
                                    "failures": [{"agency_id": home, "case_id": 7, "reason": "日历数据缺失"},
                                                 {"agency_id": other, "case_id": 8, "reason": "别家的原因"}]}))
        session.add(JobRun(job="escalate", legal_date=date(2026, 3, 7), status="skipped",
                           summary={"skipped": "2026-03-07 不是工作日"}))
        session.add(JobRun(job="calendar_upload", legal_date=date(2026, 3, 7), status="completed",
                           summary={"user": "jobs.admin", "year": 2027, "changed": 4}))
    html = admin.get("/admin/jobs/").get_data(as_text=True)
    assert "已完成" in html and "检查期限 12" in html and "新提醒 3" in html and "邮件发送失败 1" in html
    assert "日历数据缺失" in html and 'href="/cases/7"' in html
    assert "别家的原因" not in html and 'href="/cases/8"' not in html
    assert "未运行：2026-03-07 不是工作日" in html
    assert "载入日历（jobs.admin）" in html and "年份 2027" in html and "期限变更 4" in html


def test_the_page_says_whether_mail_is_switched_on(app, admin):
    assert "邮件提醒未开启" in admin.get("/admin/jobs/").get_data(as_text=True)
    mailing = migrated_app(app.config["XXGK_SETTINGS"].database_url, smtp_host="mail.example.gov.cn",
                           smtp_sender="xxgk@example.gov.cn").test_client()
    sign_in(mailing, "jobs.admin", PASSWORD)
    assert "邮件服务器 mail.example.gov.cn" in mailing.get("/admin/jobs/").get_data(as_text=True)
