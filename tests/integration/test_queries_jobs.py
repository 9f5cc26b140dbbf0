"""The admins' overview of job runs and unsent digests, after a real delivery to a server that is down."""
from __future__ import annotations

import pytest

from tests.support import factories
from tests.support.smtp import HOST, free_port
from workflow.errors import PermissionDenied
from workflow.jobs.mail import deliver_digests
from workflow.models import Role, User, utcnow
from workflow.queries.jobs import jobs_overview
from workflow.services import setup
from workflow.settings import load_settings


@pytest.fixture
def admin(session_factory, people):
    with session_factory.begin() as session:
        user = User(name="管理员", username="admin", agency_id=session.get(User, people.clerk).agency_id)
        user.roles.append(Role.ADMIN)
        session.add(user)
        session.flush()
        return user.id


def test_only_an_admin_may_read_the_overview(session_factory, people, admin):
    with pytest.raises(PermissionDenied):
        jobs_overview(session_factory, people.supervisor)
    assert jobs_overview(session_factory, admin).runs == ()


def test_a_failed_delivery_shows_with_the_error_for_the_own_agency_only(
        session_factory, people, admin, create_case, tmp_path):
    setup.set_email(session_factory, people.clerk, "clerk@example.gov.cn")
    setup.set_email(session_factory, people.outsider, "outsider@example.gov.cn")
    case = create_case()
    with session_factory() as session:
        home, other = (session.get(User, u).agency_id for u in (people.clerk, people.outsider))
    factories.make_alert(session_factory, home, [people.clerk], case_id=case.id)
    factories.make_alert(session_factory, other, [people.outsider])
    settings = load_settings(tmp_path, environ={}, overrides=dict(
        smtp_host=HOST, smtp_port=free_port(), smtp_security="none", smtp_sender="xxgk@example.gov.cn"))
    assert deliver_digests(session_factory, settings, now=utcnow()).failed == 2
    [digest] = jobs_overview(session_factory, admin).undelivered
    assert (digest.address, digest.state, digest.attempts) == ("clerk@example.gov.cn", "failed", 1)
    assert "无法连接邮件服务器" in digest.last_error and digest.user_name == "clerk"
