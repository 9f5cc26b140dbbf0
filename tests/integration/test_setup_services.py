"""Agencies and staff accounts through the set-up services, on real databases."""
from __future__ import annotations

import pytest

from rules.agencies import AgencyKind
from workflow.errors import InvalidInput, NotFound
from workflow.services import setup
from workflow.services.auth import SignInRefused, sign_in
from workflow.models import utcnow


def _agency(session_factory, **changes):
    values = dict(name="某市交通运输局", kind="department", government="某市人民政府", region_code="450100")
    values.update(changes)
    return setup.create_agency(session_factory, **values)


def test_an_agency_is_created_with_the_reconsideration_body_its_kind_implies(session_factory):
    agency = _agency(session_factory)
    assert agency.kind_label == "政府工作部门" and agency.reconsideration_bodies == ("某市人民政府",)
    tax = _agency(session_factory, name="国家税务总局某市税务局", kind=AgencyKind.VERTICAL, government=None,
                  superior_department="国家税务总局某省税务局")
    assert tax.reconsideration_bodies == ("国家税务总局某省税务局",)
    assert [a.name for a in setup.list_agencies(session_factory)] == ["某市交通运输局", "国家税务总局某市税务局"]


@pytest.mark.parametrize("changes, message", [
    ({"name": "  "}, "请填写机关名称"),
    ({"name": "局" * 201}, "最多 200 个字符"),
    ({"kind": "ministry"}, "机关类型「ministry」无效"),
    ({"region_code": "990000"}, "行政区划代码「990000」无效"),
    ({"government": None}, "无法确定行政复议机关"),
    ({"court": "某\u202e院"}, "控制字符"),
])
def test_a_malformed_agency_is_refused_with_the_reason_and_nothing_stored(session_factory, changes, message):
    with pytest.raises(InvalidInput, match=message):
        _agency(session_factory, **changes)
    assert setup.list_agencies(session_factory) == ()


def test_an_agency_update_is_checked_like_a_creation(session_factory):
    agency = _agency(session_factory)
    changed = setup.update_agency(session_factory, agency.id, court="某市某区人民法院")
    assert changed.court == "某市某区人民法院" and changed.government == "某市人民政府"
    with pytest.raises(InvalidInput, match="无法确定行政复议机关"):
        setup.update_agency(session_factory, agency.id, government="")
    with pytest.raises(NotFound):
        setup.update_agency(session_factory, 999, court="x")


def test_a_user_is_created_with_roles_and_a_hashed_password_and_can_sign_in(session_factory):
    agency = _agency(session_factory)
    user = setup.create_user(session_factory, agency_id=agency.id, username=" Gov.Clerk1 ", name="周晓红",
                             roles=["clerk", "reviewer"], password="desk-2026a")
    assert (user.username, user.roles, user.has_password) == ("gov.clerk1", ("clerk", "reviewer"), True)
    assert sign_in(session_factory, "gov.clerk1", "desk-2026a", now=utcnow()).id == user.id


@pytest.mark.parametrize("changes, message", [
    ({"username": "a b"}, "用户名应为"),
    ({"username": "gov.clerk1"}, "已被使用"),
    ({"name": ""}, "请填写姓名"),
    ({"roles": []}, "至少选择一个角色"),
    ({"roles": ["boss"]}, "角色无效"),
    ({"password": "short"}, "密码长度"),
    ({"email": "zhang san@example.cn"}, "电子邮箱格式不正确"),
    ({"email": "zhangsan@localhost"}, "电子邮箱格式不正确"),
    ({"email": "a" * 250 + "@x.cn"}, "电子邮箱格式不正确"),
])
def test_a_malformed_user_is_refused(session_factory, changes, message):
    agency = _agency(session_factory)
    setup.create_user(session_factory, agency_id=agency.id, username="gov.clerk1", name="甲", roles=["clerk"])
    values = dict(agency_id=agency.id, username="gov.clerk2", name="乙", roles=["clerk"], password=None)
    values.update(changes)
    with pytest.raises(InvalidInput, match=message):
        setup.create_user(session_factory, **values)
    assert len(setup.list_users(session_factory)) == 1


def test_roles_can_be_replaced_and_an_account_disabled(session_factory):
    agency = _agency(session_factory)
    setup.create_user(session_factory, agency_id=agency.id, username="gov.clerk1", name="甲", roles=["clerk"],
                      password="desk-2026a")
    changed = setup.set_roles(session_factory, "gov.clerk1", ["supervisor", "clerk"])
    assert changed.roles == ("clerk", "supervisor")
    assert setup.set_active(session_factory, "gov.clerk1", False).active is False
    with pytest.raises(NotFound):
        setup.set_active(session_factory, "nobody", False)


def test_an_e_mail_address_is_stored_normalised_and_can_be_changed_or_cleared(session_factory):
    agency = _agency(session_factory)
    user = setup.create_user(session_factory, agency_id=agency.id, username="gov.clerk1", name="甲",
                             roles=["clerk"], email=" zhou@example.gov.cn ")
    assert user.email == "zhou@example.gov.cn"
    assert setup.set_email(session_factory, "gov.clerk1", "li@example.gov.cn").email == "li@example.gov.cn"
    with pytest.raises(InvalidInput, match="电子邮箱格式不正确"):
        setup.set_email(session_factory, "gov.clerk1", "li@")
    assert setup.list_users(session_factory)[0].email == "li@example.gov.cn"
    assert setup.set_email(session_factory, "gov.clerk1", "  ").email is None


def test_the_system_actor_is_created_once_can_never_sign_in_and_is_no_staff_user(session_factory):
    agency = _agency(session_factory)
    setup.create_user(session_factory, agency_id=agency.id, username="gov.clerk1", name="甲", roles=["clerk"])
    with session_factory.begin() as session:
        first = setup.system_actor_id(session)
    with session_factory.begin() as session:
        assert setup.system_actor_id(session) == first
    assert [u.username for u in setup.list_users(session_factory)] == ["gov.clerk1"]
    with pytest.raises(NotFound):
        setup.set_password(session_factory, "__system__", "desk-2026a")
    with pytest.raises(SignInRefused):
        sign_in(session_factory, "__system__", "", now=utcnow())
