"""Test data factories shared by the integration tests: two agencies with users, registration commands,
drafts, the paths that drive a case to each state, and database snapshots."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

from sqlalchemy import inspect, select

from rules.agencies import AgencyKind
from workflow import commands as cmd
from workflow import services as sv
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


def _user(session, agency, username, *roles):
    user = User(name=username, username=username, agency_id=agency.id)
    for role in roles:
        user.roles.append(role)
    session.add(user)
    session.flush()
    return user.id


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


def registration_data(channel=Channel.IN_PERSON, **overrides) -> cmd.Register:
    values = dict(channel=channel, received_on=T0, applicant_type=ApplicantType.NATURAL_PERSON,
                  applicant_name="赵六", id_document_type="居民身份证", id_document_number="110101199001011234",
                  contact_phone="13800000000", description="2025年道路养护资金使用情况", form_requested="纸质，邮寄")
    values.update(overrides)
    return cmd.Register(**values)


# A complete search record for 信息不存在 (not_exist).
SEARCH = {"search_keywords": "道路养护；资金", "search_systems": "公文管理系统、档案室",
          "search_departments": "财务科", "search_date": "2026-03-03", "search_staff": "周晓红"}


def drafted(sf, people, category, fields, *, today=DAY1):
    """A registered in-person case (T0 2026-03-02) with a draft of ``category`` in reply.drafting."""
    case = sv.register_application(sf, registration_data(), actor_id=people.clerk, today=T0)
    return sv.draft_reply(
        sf, cmd.DraftReply(category=category, fields=fields), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=today)


def in_review(sf, people, category, fields, *, today=DAY1):
    """The same, submitted to legal review."""
    case = drafted(sf, people, category, fields, today=today)
    return sv.submit_review(
        sf, cmd.SubmitReview(), actor_id=people.clerk, case_id=case.id, expected_version=case.version,
        today=today)


# How to reach each state from a registered in-person case (every step on DAY1).
def _consultation(sf, p, c):
    return sv.start_consultation(
        sf,
        cmd.StartConsultation(
            consultees=[cmd.Consultee(ConsultationKind.THIRD_PARTY, "某建设公司", received_on=DAY1)]),
        actor_id=p.clerk, case_id=c.id, expected_version=c.version, today=DAY1)


PATHS = {
    "registration.processing": [],
    "registration.awaiting_fee": [lambda sf, p, c: sv.request_fee(
        sf, cmd.RequestFee(method=FeeMethod.PER_PAGE, quantity=50, notice_received_on=DAY1),
        actor_id=p.supervisor, case_id=c.id, expected_version=c.version, today=DAY1)],
    "correction.awaiting_applicant": [lambda sf, p, c: sv.request_correction(
        sf, cmd.RequestCorrection(items=["description"], due_on=date(2026, 3, 10)), actor_id=p.clerk,
        case_id=c.id, expected_version=c.version, today=DAY1)],
    "consultation.awaiting_opinions": [_consultation],
    "reply.drafting": [lambda sf, p, c: sv.draft_reply(
        sf, cmd.DraftReply(category="disclose", fields=DISCLOSE_FIELDS), actor_id=p.clerk, case_id=c.id,
        expected_version=c.version, today=DAY1)],
}
PATHS["reply.in_review"] = PATHS["reply.drafting"] + [lambda sf, p, c: sv.submit_review(
    sf, cmd.SubmitReview(category="disclose"), actor_id=p.clerk, case_id=c.id, expected_version=c.version,
    today=DAY1)]
PATHS["reply.approved"] = PATHS["reply.in_review"] + [lambda sf, p, c: sv.approve_reply(
    sf, cmd.ApproveReply(), actor_id=p.reviewer, case_id=c.id, expected_version=c.version, today=DAY1)]
PATHS["reply.issued"] = PATHS["reply.approved"] + [lambda sf, p, c: sv.issue_reply(
    sf, cmd.IssueReply(issued_on=DAY1, delivery_method="邮寄"), actor_id=p.clerk, case_id=c.id,
    expected_version=c.version, today=DAY1)]
PATHS["archive.closed"] = PATHS["reply.issued"] + [
    lambda sf, p, c: sv.archive_case(
        sf, cmd.ArchiveCase(delivery_proof="EMS 1234"), actor_id=p.clerk, case_id=c.id,
        expected_version=c.version, today=DAY1),
    lambda sf, p, c: sv.record_remedy(
        sf,
        cmd.RecordRemedy(kind=RemedyKind.RECONSIDERATION, filed_on=date(2026, 3, 10),
                         result=RemedyResult.CORRECTED, closed_on=date(2026, 3, 20)),
        actor_id=p.clerk, case_id=c.id, expected_version=c.version, today=date(2026, 3, 20))]
STATES = ["registration.awaiting_confirmation", *PATHS]


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


def drive_case(session_factory, people: People, state: str = "registration.processing") -> sv.CaseRef:
    """Register a case and drive it to ``state`` through the services."""
    if state == "registration.awaiting_confirmation":
        return sv.register_application(session_factory, registration_data(Channel.ONLINE),
                                       actor_id=people.clerk, today=T0)
    case = sv.register_application(session_factory, registration_data(), actor_id=people.clerk, today=T0)
    for step in PATHS[state]:
        case = step(session_factory, people, case)
    assert case.state == state
    return case


_ALERT_KEYS = itertools.count(1)


def make_alert(session_factory, agency_id: int, recipients, *, case_id=None, kind="reply", level="overdue",
               proposal=None, record_id=None, message="答复期限已过，请尽快答复。", legal_date=DAY1,
               created_at=None, due_on=None, working_days_left=-1) -> tuple[int, list[int]]:
    """An alert of ``agency_id`` (of case ``case_id``) with an inbox row for each user id in
    ``recipients``, as the escalation job writes them; returns (alert id, recipient row ids)."""
    from workflow.models import Alert, AlertRecipient, utcnow
    with session_factory.begin() as session:
        alert = Alert(agency_id=agency_id, application_id=case_id, kind=kind, record_id=record_id,
                      due_on=due_on or legal_date, level=level, working_days_left=working_days_left,
                      proposal=proposal, message=message, legal_date=legal_date,
                      created_at=created_at or utcnow(),
                      dedupe_key=f"test:{next(_ALERT_KEYS)}")
        session.add(alert)
        session.flush()
        rows = [AlertRecipient(alert_id=alert.id, user_id=user) for user in recipients]
        session.add_all(rows)
        session.flush()
        return alert.id, [row.id for row in rows]
