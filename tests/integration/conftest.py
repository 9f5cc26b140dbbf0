"""Workflow fixtures on real databases: a schema, one agency with a user per role, and a case factory."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import inspect, select

from rules.agencies import AgencyKind
from tests.support.schema import stamp_head
from workflow import services as sv
from workflow.db import make_engine, make_session_factory
from workflow.models import (
    Agency, ApplicantType, Application, Base, Channel, ConsultationKind, FeeMethod, RemedyKind, RemedyResult,
    Role, User,
)

T0 = date(2026, 3, 2)  # a Monday; 20 WD later is 2026-03-30
DAY1 = date(2026, 3, 3)
# A complete 予以公开 draft (every field the catalog requires for "disclose").
DISCLOSE_FIELDS = {"documents": "《2025年道路养护资金使用情况表》", "form": "纸质复印件",
                   "delivery": "邮寄至申请表所留地址"}


@dataclass
class People:
    clerk: int
    clerk2: int
    reviewer: int
    supervisor: int
    outsider: int  # a clerk, reviewer and supervisor of another agency


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    Base.metadata.create_all(engine)
    stamp_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine):
    return make_session_factory(engine)


def _user(session, agency, username, *roles):
    user = User(name=username, username=username, agency_id=agency.id)
    for role in roles:
        user.roles.append(role)
    session.add(user)
    session.flush()
    return user.id


@pytest.fixture
def people(session_factory) -> People:
    return make_people(session_factory)


def make_people(session_factory) -> People:
    """Two agencies; a clerk, a second clerk, a reviewer and a supervisor at home; an all-roles outsider."""
    with session_factory.begin() as session:
        home = Agency(name="某市交通运输局", kind=AgencyKind.DEPARTMENT, government="某市人民政府")
        other = Agency(name="某市生态环境局", kind=AgencyKind.DEPARTMENT, government="某市人民政府")
        session.add_all([home, other])
        session.flush()
        return People(
            clerk=_user(session, home, "clerk", Role.CLERK),
            clerk2=_user(session, home, "clerk2", Role.CLERK),
            reviewer=_user(session, home, "reviewer", Role.REVIEWER),
            supervisor=_user(session, home, "supervisor", Role.SUPERVISOR),
            outsider=_user(session, other, "outsider", Role.CLERK, Role.REVIEWER, Role.SUPERVISOR))


def registration_data(channel=Channel.IN_PERSON, **overrides) -> sv.RegistrationData:
    values = dict(channel=channel, received_on=T0, applicant_type=ApplicantType.NATURAL_PERSON,
                  applicant_name="赵六", id_document_type="居民身份证", id_document_number="110101199001011234",
                  contact_phone="13800000000", description="2025年道路养护资金使用情况", form_requested="纸质，邮寄")
    values.update(overrides)
    return sv.RegistrationData(**values)


# A complete search record for 信息不存在 (not_exist).
SEARCH = {"search_keywords": "道路养护；资金", "search_systems": "公文管理系统、档案室",
          "search_departments": "财务科", "search_date": "2026-03-03", "search_staff": "周晓红"}


def drafted(sf, people, category, fields, *, today=DAY1):
    """A registered in-person case (T0 2026-03-02) with a draft of ``category`` in reply.drafting."""
    case = sv.register_application(sf, people.clerk, registration_data(), today=T0)
    return sv.draft_reply(sf, people.clerk, case.id, case.version, today=today, category=category,
                          fields=fields)


def in_review(sf, people, category, fields, *, today=DAY1):
    """The same, submitted to legal review."""
    case = drafted(sf, people, category, fields, today=today)
    return sv.submit_review(sf, people.clerk, case.id, case.version, today=today)


# How to reach each state from a registered in-person case (every step on DAY1).
def _consultation(sf, p, c):
    return sv.start_consultation(sf, p.clerk, c.id, c.version, today=DAY1,
                                 consultees=[sv.Consultee(ConsultationKind.THIRD_PARTY, "某建设公司",
                                                          received_on=DAY1)])


PATHS = {
    "registration.processing": [],
    "registration.awaiting_fee": [lambda sf, p, c: sv.request_fee(
        sf, p.supervisor, c.id, c.version, method=FeeMethod.PER_PAGE, quantity=50, today=DAY1,
        notice_received_on=DAY1)],
    "correction.awaiting_applicant": [lambda sf, p, c: sv.request_correction(
        sf, p.clerk, c.id, c.version, items=["description"], due_on=date(2026, 3, 10), today=DAY1)],
    "consultation.awaiting_opinions": [_consultation],
    "reply.drafting": [lambda sf, p, c: sv.draft_reply(sf, p.clerk, c.id, c.version, today=DAY1,
                                                       category="disclose", fields=DISCLOSE_FIELDS)],
}
PATHS["reply.in_review"] = PATHS["reply.drafting"] + [lambda sf, p, c: sv.submit_review(
    sf, p.clerk, c.id, c.version, today=DAY1, category="disclose")]
PATHS["reply.approved"] = PATHS["reply.in_review"] + [lambda sf, p, c: sv.approve_reply(
    sf, p.reviewer, c.id, c.version, today=DAY1)]
PATHS["reply.issued"] = PATHS["reply.approved"] + [lambda sf, p, c: sv.issue_reply(
    sf, p.clerk, c.id, c.version, issued_on=DAY1, delivery_method="邮寄", today=DAY1)]
PATHS["archive.closed"] = PATHS["reply.issued"] + [
    lambda sf, p, c: sv.archive_case(sf, p.clerk, c.id, c.version, delivery_proof="EMS 1234", today=DAY1),
    lambda sf, p, c: sv.record_remedy(sf, p.clerk, c.id, c.version, kind=RemedyKind.RECONSIDERATION,
                                      filed_on=date(2026, 3, 10), result=RemedyResult.CORRECTED,
                                      closed_on=date(2026, 3, 20), today=date(2026, 3, 20))]
STATES = ["registration.awaiting_confirmation", *PATHS]


@pytest.fixture
def create_case(session_factory, people):
    """``create_case(state)`` registers a case and drives it to ``state`` through the services."""
    def create(state: str = "registration.processing") -> Application:
        if state == "registration.awaiting_confirmation":
            return sv.register_application(session_factory, people.clerk, registration_data(Channel.ONLINE),
                                           today=T0)
        case = sv.register_application(session_factory, people.clerk, registration_data(), today=T0)
        for step in PATHS[state]:
            case = step(session_factory, people, case)
        assert sv.state_of(case) == state
        return case
    return create


def snapshot(session_factory) -> dict:
    """Every row of every table, to compare the database before and after a refused action."""
    with session_factory() as session:
        rows = {}
        for table in Base.metadata.sorted_tables:
            columns = list(table.columns)
            query = select(*columns).order_by(*table.primary_key)
            rows[table.name] = [tuple(r) for r in session.execute(query)]
        return rows


def load(session_factory, case_id) -> Application:
    with session_factory() as session:
        case = session.get(Application, case_id)
        for name in inspect(Application).relationships.keys():
            getattr(case, name)
        return case
