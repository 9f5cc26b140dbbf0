"""The administration page: only admins, only their own agency's users, validated through the services."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.support.web import csrf_token
from web import session_factory
from workflow.models import Role, User


@pytest.fixture
def admin(app, people, password_hash, signed_in):
    with session_factory(app).begin() as session:
        home = session.get(User, people.clerk).agency_id
        user = User(name="管理员", username="admin", agency_id=home, password_hash=password_hash)
        user.roles.append(Role.ADMIN)
        session.add(user)
    return signed_in("admin")


def _post(client, path, **data):
    return client.post(path, data={"csrf_token": csrf_token(client, "/admin/"), **data})


def test_only_admins_open_the_administration_page(admin, signed_in):
    assert admin.get("/admin/").status_code == 200
    assert signed_in("clerk").get("/admin/").status_code == 403


def test_an_admin_creates_a_user_of_the_own_agency_who_can_then_sign_in(app, admin):
    response = _post(admin, "/admin/users", username="gov.clerk9", name="新窗口", roles=["clerk"],
                     password="desk-2026b", confirm="desk-2026b")
    assert response.status_code == 302
    page = admin.get("/admin/").get_data(as_text=True)
    assert "gov.clerk9" in page and "新窗口" in page


def test_a_weak_password_is_shown_beside_the_field_and_nothing_is_created(app, admin):
    response = _post(admin, "/admin/users", username="gov.clerk9", name="新窗口", roles=["clerk"],
                     password="weakweak", confirm="weakweak")
    assert response.status_code == 422 and "密码须同时包含字母和数字" in response.get_data(as_text=True)
    with session_factory(app)() as session:
        assert session.scalar(select(User).where(User.username == "gov.clerk9")) is None


def test_another_agencys_user_cannot_be_changed(app, people, admin):
    response = _post(admin, f"/admin/users/{people.outsider}", action="disable")
    assert response.status_code == 404
    with session_factory(app)() as session:
        assert session.get(User, people.outsider).active is True


def test_disabling_a_user_and_saving_roles(app, people, admin):
    assert _post(admin, f"/admin/users/{people.clerk2}", action="disable").status_code == 302
    assert _post(admin, f"/admin/users/{people.clerk}", action="roles", roles=["clerk", "supervisor"]).status_code == 302
    with session_factory(app)() as session:
        assert session.get(User, people.clerk2).active is False
        assert set(session.get(User, people.clerk).roles) == {Role.CLERK, Role.SUPERVISOR}


def test_an_agency_without_its_reconsideration_body_is_refused(app, admin):
    response = _post(admin, "/admin/agency", name="某市交通运输局", kind="department", government="")
    assert response.status_code == 422 and "无法确定行政复议机关" in response.get_data(as_text=True)
