"""closed_on follows archiving and reopening; outcome and clock status are constrained by the database."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tests.support.factories import DAY1
from workflow import commands as cmd
from workflow import services as sv
from workflow.models import Application, ClockStatus


def _stored(session_factory, case_id):
    with session_factory() as session:
        case = session.get(Application, case_id)
        return case.closed_on, ClockStatus(case.clock_status), case.remedies[0].id if case.remedies else None


def test_archiving_stores_the_closing_day_and_reopening_clears_it(session_factory, people, create_case):
    case = create_case("archive.closed")
    closed_on, status, remedy_id = _stored(session_factory, case.id)
    assert (closed_on, status) == (DAY1, ClockStatus.CLOSED)
    reopened = sv.reopen(session_factory, cmd.Reopen(remedy_id=remedy_id, decision_on=date(2026, 4, 1)),
                         actor_id=people.supervisor, case_id=case.id, expected_version=case.version,
                         today=date(2026, 4, 2))
    assert _stored(session_factory, reopened.id)[:2] == (None, ClockStatus.RUNNING)


def test_recording_a_remedy_after_closing_keeps_the_closing_day(session_factory, people, create_case):
    case = create_case("archive.closed")  # its last step records a remedy on 2026-03-20
    assert _stored(session_factory, case.id)[0] == DAY1


def test_the_clock_status_follows_each_action(session_factory, create_case):
    expected = {"registration.awaiting_confirmation": ClockStatus.NOT_STARTED,
                "registration.processing": ClockStatus.RUNNING,
                "registration.awaiting_fee": ClockStatus.PAUSED,
                "correction.awaiting_applicant": ClockStatus.STOPPED,
                "consultation.awaiting_opinions": ClockStatus.PAUSED, "reply.issued": ClockStatus.ANSWERED}
    for state, status in expected.items():
        assert _stored(session_factory, create_case(state).id)[1] is status, state


@pytest.mark.parametrize("assignment", ["outcome = 'made_up'", "closed_on = NULL",
                                        "clock_status = 'running'"])
def test_the_database_refuses_an_archived_case_without_a_known_outcome_day_or_closed_clock(
        session_factory, create_case, assignment):
    case = create_case("archive.closed")
    with pytest.raises(IntegrityError):
        with session_factory.begin() as session:
            session.execute(text(f"UPDATE application SET {assignment} WHERE id = :id"), {"id": case.id})
