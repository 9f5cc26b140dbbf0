"""Escalation test data: a case per kind of due deadline on a known day, an admin, and readers of the alerts
the job wrote. Test modules import the fixtures (``*_fixture``, used under their names)."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from tests.support.factories import registration_data
from workflow import services as sv
from workflow.legal_time import LEGAL_TZ
from workflow.models import Alert, AlertRecipient, Channel, Role, User

TODAY = date(2026, 3, 26)  # a Thursday
NOW = datetime(2026, 3, 26, 8, 0, tzinfo=LEGAL_TZ)


def register(sf, people, received_on, *, actor=None, **overrides):
    data = registration_data(Channel.IN_PERSON, received_on=received_on, **overrides)
    return sv.register_application(sf, data, actor_id=actor or people.clerk, today=received_on)


def add_user(sf, agency_id, username, *roles, active=True) -> int:
    with sf.begin() as session:
        user = User(name=username, username=username, agency_id=agency_id, active=active)
        for role in roles:
            user.roles.append(role)
        session.add(user)
        session.flush()
        return user.id


def agency_of(sf, user_id) -> int:
    with sf() as session:
        return session.get(User, user_id).agency_id


@pytest.fixture(name="admin")
def admin_fixture(session_factory, people) -> int:
    return add_user(session_factory, agency_of(session_factory, people.clerk), "admin", Role.ADMIN)


@pytest.fixture(name="due_cases")
def due_cases_fixture(session_factory, people, create_case, admin):
    sf = session_factory
    return {
        "overdue": register(sf, people, date(2026, 2, 2)).id,  # due 2026-03-03
        "urgent": register(sf, people, date(2026, 3, 2)).id,  # due 2026-03-30: 2 WD left
        "soon": register(sf, people, date(2026, 3, 5)).id,  # due 2026-04-02: 5 WD left
        "later": register(sf, people, date(2026, 3, 20)).id,
        "consulted": create_case("consultation.awaiting_opinions").id,
        "correcting": create_case("correction.awaiting_applicant").id,
        "charged": create_case("registration.awaiting_fee").id,
        "closed": create_case("archive.closed").id,
    }


def alerts(sf, **where) -> list[Alert]:
    with sf() as session:
        query = select(Alert).order_by(Alert.id)
        for name, value in where.items():
            query = query.where(getattr(Alert, name) == value)
        return list(session.scalars(query))


def recipients_of(sf, alert_id) -> set[int]:
    with sf() as session:
        return set(session.scalars(select(AlertRecipient.user_id).where(AlertRecipient.alert_id == alert_id)))
