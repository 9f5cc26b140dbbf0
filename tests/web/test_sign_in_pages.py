"""The sign-in pages through the test client: CSRF, lockout, cookie flags, inactivity, access by role."""
from __future__ import annotations

from datetime import timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from rules.agencies import AgencyKind
from tests.support.web import csrf_token, migrated_app, sign_in
from web import session_factory
from workflow.models import Agency, Role, SignInAttempt, User
from workflow.passwords import hash_password

PASSWORD = "window-desk-2026"


@pytest.fixture
def app(tmp_path):
    app = migrated_app(f"sqlite:///{tmp_path / 'web.sqlite3'}")
    _add_clerk(app)
    return app


def _add_clerk(app) -> None:
    with session_factory(app).begin() as session:
        agency = Agency(name="某市交通运输局", kind=AgencyKind.DEPARTMENT, government="某市人民政府")
        session.add(agency)
        session.flush()
        user = User(name="王窗口", username="clerk", agency_id=agency.id, password_hash=hash_password(PASSWORD))
        user.roles.append(Role.CLERK)
        session.add(user)


@pytest.fixture
def client(app):
    return app.test_client()


def test_pages_need_a_signed_in_user(client):
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_signing_in_opens_the_home_page_with_the_users_name_and_agency(client):
    response = sign_in(client, "clerk", PASSWORD)
    assert response.status_code == 302
    page = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert "某市交通运输局 · 王窗口" in page


def test_a_form_without_its_csrf_token_is_refused_with_400_and_nothing_recorded(app, client):
    response = client.post("/login", data={"username": "clerk", "password": PASSWORD})
    assert response.status_code == 400
    assert "表单安全校验未通过" in response.get_data(as_text=True)
    with session_factory(app)() as session:
        assert session.scalars(select(SignInAttempt)).all() == []


def test_wrong_user_and_wrong_password_read_the_same_and_the_sixth_try_is_locked(client):
    first = sign_in(client, "nobody", PASSWORD).get_data(as_text=True)
    second = sign_in(client, "clerk", "wrong-1234").get_data(as_text=True)
    assert "用户名或密码不正确" in first and "用户名或密码不正确" in second
    for _ in range(4):
        sign_in(client, "clerk", "wrong-1234")
    locked = sign_in(client, "clerk", PASSWORD)
    assert locked.status_code == 200 and "请 15 分钟后再试" in locked.get_data(as_text=True)


def test_the_session_cookie_is_httponly_and_samesite_lax(client):
    response = sign_in(client, "clerk", PASSWORD)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_the_cookie_is_secure_when_configured_for_https(tmp_path):
    app = migrated_app(f"sqlite:///{tmp_path / 'https.sqlite3'}", secure_cookies=True)
    _add_clerk(app)
    client = app.test_client()
    token = csrf_token(client, "/login", base_url="https://localhost")
    response = client.post("/login", data={"username": "clerk", "password": PASSWORD, "csrf_token": token},
                           base_url="https://localhost", headers={"Referer": "https://localhost/login"})
    assert response.status_code == 302
    assert "Secure" in response.headers["Set-Cookie"]


def test_thirty_minutes_without_a_request_signs_the_user_out(client):
    with freeze_time("2026-12-01 02:00:00") as clock:
        sign_in(client, "clerk", PASSWORD)
        clock.tick(timedelta(minutes=29))
        assert client.get("/board/").status_code == 200
        clock.tick(timedelta(minutes=31))
        response = client.get("/board/")
        assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_the_server_ends_an_idle_session_even_when_the_browser_keeps_the_cookie(app, client):
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=7)  # a browser that ignores the cookie's expiry
    with freeze_time("2026-12-01 02:00:00") as clock:
        sign_in(client, "clerk", PASSWORD)
        clock.tick(timedelta(minutes=31))
        response = client.get("/board/")
        assert response.status_code == 302 and response.headers["Location"].startswith("/login")
        assert "长时间未操作，已自动退出" in client.get("/login").get_data(as_text=True)


def test_signing_out_ends_the_session(client):
    sign_in(client, "clerk", PASSWORD)
    token = csrf_token(client, "/account/password")
    assert client.get("/board/").status_code == 200
    client.post("/logout", data={"csrf_token": token})
    assert client.get("/board/").headers["Location"].startswith("/login")


def test_a_disabled_user_is_signed_out_at_the_next_request(app, client):
    sign_in(client, "clerk", PASSWORD)
    with session_factory(app).begin() as session:
        session.scalars(select(User)).one().active = False
    assert client.get("/board/").headers["Location"].startswith("/login")


def test_changing_the_password_shows_the_policy_message_next_to_the_field(client):
    sign_in(client, "clerk", PASSWORD)
    token = csrf_token(client, "/account/password")
    page = client.post("/account/password", data={
        "csrf_token": token, "current_password": PASSWORD, "new_password": "short",
        "confirm": "short"}).get_data(as_text=True)
    assert 'id="new_password-error">密码长度应为 8–128 个字符' in page


def test_after_sign_in_only_local_paths_are_followed(client):
    token = csrf_token(client, "/login")
    response = client.post("/login?next=//evil.example/x", data={
        "username": "clerk", "password": PASSWORD, "csrf_token": token})
    assert response.headers["Location"] == "/"
