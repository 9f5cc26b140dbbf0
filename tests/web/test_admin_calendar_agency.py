"""The administration page: installing a year's calendar file, the parent government, users' e-mail."""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from rules.agencies import AgencyKind
from tests.support.factories import registration_data
from tests.support.web import csrf_token
from web import session_factory
from workflow import services as sv
from workflow.models import Agency, Role, User
from workflow.models.alerts import JobRun

FIXTURE = Path(__file__).parents[1] / "fixtures" / "calendar" / "install" / "2027.toml"


@pytest.fixture
def admin_user(app, people, password_hash):
    with session_factory(app).begin() as session:
        home = session.get(User, people.clerk).agency_id
        user = User(name="管理员", username="admin", agency_id=home, password_hash=password_hash)
        user.roles.append(Role.ADMIN)
        session.add(user)


@pytest.fixture
def admin(admin_user, signed_in):
    return signed_in("admin")


@pytest.fixture
def december_case(app, people):
    """Received 2026-12-10: due 2027-01-08 (暂定) until the 2027 notice is installed."""
    return sv.register_application(session_factory(app), registration_data(received_on=date(2026, 12, 10)),
                                   actor_id=people.clerk, today=date(2026, 12, 10))


def _upload(client, content: bytes, filename="2027.toml", **data):
    token = csrf_token(client, "/admin/")
    return client.post("/admin/calendar", content_type="multipart/form-data",
                       data={"csrf_token": token, "file": (io.BytesIO(content), filename), **data})


def _post(client, path, **data):
    return client.post(path, data={"csrf_token": csrf_token(client, "/admin/"), **data})


def test_uploading_the_2027_notice_makes_it_official_and_lists_the_moved_due_dates(app, admin_user, signed_in,
                                                                                    installed_calendar_dir,
                                                                                    december_case):
    with freeze_time("2026-12-15 10:00:00"):  # signed in then: the session would have expired otherwise
        admin = signed_in("admin")
        assert "暂定</span> 尚无通知" in admin.get("/admin/").get_data(as_text=True)
        response = _upload(admin, FIXTURE.read_bytes())
        page = response.get_data(as_text=True)
        assert response.status_code == 200, page
        assert f'href="/cases/{december_case.id}">2026-0001</a>' in page
        assert "2027-01-08<span class=\"provisional\">暂定</span>" in page and "2027-01-07" in page
        assert "本机关 1 件" in page
        admin_page = admin.get("/admin/").get_data(as_text=True)
    assert "本系统安装" in admin_page and "测试〔2026〕1号" in admin_page and "1 件期限变更" in admin_page
    assert (installed_calendar_dir / "2027.toml").read_bytes() == FIXTURE.read_bytes()
    with session_factory(app)() as session:
        assert session.scalars(select(JobRun)).one().summary["user"] == "admin"


def test_a_file_with_a_bad_line_shows_the_loaders_message_and_stores_nothing(app, admin,
                                                                            installed_calendar_dir,
                                                                            december_case):
    bad = FIXTURE.read_bytes().replace(b"work = [2027-01-31, 2027-02-20]", b"work = [2027-02-01]")
    response = _upload(admin, bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "2027.toml 第 20 行：春节：2027-02-01 是工作日（周一），不能标为调休上班的周末" in page
    assert list(installed_calendar_dir.iterdir()) == []
    with session_factory(app)() as session:
        assert session.scalars(select(JobRun)).all() == []


@pytest.mark.parametrize("content,filename,message", [
    (b"#" * (300 * 1024), "2027.toml", "文件过大：日历数据文件不应超过 256 KB"),
    (FIXTURE.read_bytes(), "2027.txt", "只接受 .toml 文件"),
])
def test_a_large_or_wrongly_named_file_is_refused_beside_the_field(admin, installed_calendar_dir, content,
                                                                   filename, message):
    response = _upload(admin, content, filename)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert list(installed_calendar_dir.iterdir()) == []


def test_a_huge_request_is_refused_before_it_is_read(admin, installed_calendar_dir):
    body = b"-" * (5 * 1024 * 1024)  # raw bytes: the test client spools no temporary file for them
    response = admin.post("/admin/calendar", data=body, content_type="multipart/form-data; boundary=x")
    assert response.status_code == 413 and "提交的内容超过了允许的大小" in response.get_data(as_text=True)
    assert list(installed_calendar_dir.iterdir()) == []


def test_only_admins_upload_and_only_with_the_csrf_token(app, admin, signed_in, installed_calendar_dir):
    clerk = signed_in("clerk")
    token = csrf_token(clerk, "/board/")
    refused = clerk.post("/admin/calendar", content_type="multipart/form-data",
                         data={"csrf_token": token, "file": (io.BytesIO(FIXTURE.read_bytes()), "2027.toml")})
    assert refused.status_code == 403
    forged = admin.post("/admin/calendar", content_type="multipart/form-data",
                        data={"file": (io.BytesIO(FIXTURE.read_bytes()), "2027.toml")})
    assert forged.status_code == 400
    assert list(installed_calendar_dir.iterdir()) == []


def test_the_parent_government_is_chosen_among_the_installations_governments(app, admin, people):
    with session_factory(app).begin() as session:
        city = Agency(name="某市人民政府", kind=AgencyKind.PEOPLES_GOVERNMENT, government="某省人民政府")
        session.add(city)
        session.flush()
        city_id = session.get(User, people.clerk).agency_id, city.id
    page = admin.get("/admin/").get_data(as_text=True)
    assert f'<option value="{city_id[1]}">某市人民政府</option>' in page and "某市生态环境局</option>" not in page
    response = _post(admin, "/admin/agency", name="某市交通运输局", kind="department", government="",
                     parent_id=str(city_id[1]))
    assert response.status_code == 302
    with session_factory(app).begin() as session:
        home = session.get(Agency, city_id[0])
        assert (home.parent_id, home.government) == (city_id[1], "某市人民政府")
    page = admin.get("/admin/").get_data(as_text=True)
    assert "<dd>某市人民政府</dd>" in page and "有管辖权的人民法院（未填写管辖法院）" in page


def test_a_department_cannot_be_the_parent_government(app, admin, people):
    with session_factory(app)() as session:
        other = session.get(User, people.outsider).agency_id
    response = _post(admin, "/admin/agency", name="某市交通运输局", kind="department", government="某市人民政府",
                     parent_id=str(other))
    assert response.status_code == 422 and "不是人民政府，不能作为上级人民政府" in response.get_data(as_text=True)


def test_an_admin_sets_the_e_mail_of_a_new_and_of_an_existing_user(app, admin, people):
    created = _post(admin, "/admin/users", username="gov.clerk9", name="新窗口", roles=["clerk"],
                    password="desk-2026b", confirm="desk-2026b", email="clerk9@example.gov.cn")
    assert created.status_code == 302
    changed = _post(admin, f"/admin/users/{people.clerk}", action="email", email="zhang@example.gov.cn")
    assert changed.status_code == 302
    bad = _post(admin, f"/admin/users/{people.clerk2}", action="email", email="不是邮箱")
    assert "电子邮箱格式不正确" in admin.get(bad.location).get_data(as_text=True)
    with session_factory(app)() as session:
        emails = dict(session.execute(select(User.username, User.email)).all())
    assert emails["gov.clerk9"] == "clerk9@example.gov.cn" and emails["clerk"] == "zhang@example.gov.cn"
    assert emails["clerk2"] is None
    assert 'value="zhang@example.gov.cn"' in admin.get("/admin/").get_data(as_text=True)
