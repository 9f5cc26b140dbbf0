"""cases_due: reply and secondary deadlines due within N working days or overdue, with their levels."""
from __future__ import annotations

from datetime import date

import pytest

from rules.calendar import load_calendar
from tests.support.factories import registration_data
from workflow import commands as cmd
from workflow import services as sv
from workflow.errors import InvalidInput
from workflow.models import Application, Channel
from workflow.queries import cases_due

TODAY = date(2026, 3, 26)


def _register(sf, people, received_on, **overrides):
    data = registration_data(Channel.IN_PERSON, received_on=received_on, **overrides)
    return sv.register_application(sf, data, actor_id=people.clerk, today=received_on)


@pytest.fixture
def due_cases(session_factory, people, create_case):
    sf = session_factory
    delayed = _register(sf, people, date(2026, 3, 16))
    sv.set_delayed_period(sf, cmd.SetDelayedPeriod(due_on=date(2026, 4, 15), reason="涉及大量档案调取"),
                          actor_id=people.supervisor, case_id=delayed.id, expected_version=delayed.version,
                          today=date(2026, 3, 17))
    return {
        "overdue": _register(sf, people, date(2026, 2, 2)).id,
        "urgent": _register(sf, people, date(2026, 3, 2)).id,
        "later": _register(sf, people, date(2026, 3, 20)).id,
        "consulted": create_case("consultation.awaiting_opinions").id,
        "correcting": create_case("correction.awaiting_applicant").id,
        "charged": create_case("registration.awaiting_fee").id,
        "incomplete": _register(sf, people, date(2026, 3, 20), description="",
                                missing_items=["description"]).id,
        "delayed": delayed.id,
        "closed": create_case("archive.closed").id,
    }


def test_reply_and_secondary_deadlines_within_five_working_days_or_overdue(session_factory, due_cases):
    items = cases_due(session_factory, today=TODAY, within=5)
    found = {(item.case_id, item.kind) for item in items}
    assert found == {
        (due_cases["overdue"], "reply"), (due_cases["urgent"], "reply"),
        (due_cases["consulted"], "consultee"), (due_cases["correcting"], "correction_period"),
        (due_cases["charged"], "fee_payment"), (due_cases["incomplete"], "correction_notice"),
    }
    assert [item.due_on for item in items] == sorted(item.due_on for item in items)
    calendar = load_calendar()
    for item in items:
        left = calendar.working_days_between(TODAY, item.due_on) if item.due_on >= TODAY else \
            -calendar.working_days_between(item.due_on, TODAY)
        assert item.working_days_left == left <= 5
        assert item.level == ("overdue" if left < 0 else "urgent" if left <= 2 else "due_soon")
    consultee = next(item for item in items if item.kind == "consultee")
    assert consultee.subject == "某建设公司" and consultee.record_id and consultee.kind_label == "征求意见答复期限"


def test_a_wider_window_adds_later_deadlines_and_the_delayed_period(session_factory, due_cases):
    items = cases_due(session_factory, today=TODAY, within=40)
    kinds = {item.case_id: item.kind for item in items if item.kind in ("reply", "delayed_period")}
    assert kinds[due_cases["delayed"]] == "delayed_period" and kinds[due_cases["later"]] == "reply"
    assert due_cases["closed"] not in {item.case_id for item in items}
    normal = next(item for item in items if item.case_id == due_cases["later"])
    assert normal.level == "normal" and normal.level_label == "正常"


def test_thresholds_are_parameters(session_factory, due_cases):
    items = cases_due(session_factory, today=TODAY, within=5, due_soon_days=1, urgent_days=0)
    urgent = next(item for item in items if item.case_id == due_cases["urgent"])
    assert urgent.working_days_left == 2 and urgent.level == "normal"


def test_only_the_given_agency_is_read(session_factory, people, due_cases):
    with session_factory() as session:
        home = session.get(Application, due_cases["urgent"]).agency_id
    assert cases_due(session_factory, today=TODAY, within=5, agency_id=home + 1) == ()
    assert len(cases_due(session_factory, today=TODAY, within=5, agency_id=home)) == 6


@pytest.mark.parametrize("arguments", [{"within": -1}, {"within": "5"}, {"within": 5, "urgent_days": 4,
                                                                        "due_soon_days": 3}])
def test_malformed_windows_are_refused(session_factory, arguments):
    with pytest.raises(InvalidInput):
        cases_due(session_factory, today=TODAY, **arguments)
