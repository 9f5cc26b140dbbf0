"""Every error a caller of workflow/ can meet is a domain error: a date beyond the loaded calendar, an agency
with an unknown region code and the reply rules' errors leave the services as CalendarDataMissing,
InvalidInput or GuardFailed — never as a rules exception — and change nothing.

Hand-checked: the calendar holds official years 2018–2026 and provisional years up to 2029, so any date in
2030 is beyond it. A case received 2029-12-03 (Mon) is due 20 WD later on 2029-12-31 (provisional, in range).
"""
from datetime import date

import pytest

from tests.support.factories import DAY1, DISCLOSE_FIELDS, T0, load, registration_data, snapshot
from workflow import commands as cmd
from workflow import services as sv
from workflow.jobs.recompute import recompute_open_deadlines
from workflow.errors import CalendarDataMissing, InvalidInput
from workflow.models import Agency, ConsultationKind

RECEIVED_2029 = date(2029, 12, 3)
IN_2030 = date(2030, 1, 7)


@pytest.fixture
def case_2029(session_factory, people):
    data = registration_data(received_on=RECEIVED_2029)
    return sv.register_application(session_factory, data, actor_id=people.clerk, today=RECEIVED_2029)


def test_a_case_received_late_in_2029_is_due_on_the_last_day_of_the_calendar(case_2029):
    assert (case_2029.due_date, case_2029.due_provisional) == (date(2029, 12, 31), True)


def test_registering_beyond_the_loaded_calendar_is_a_calendar_data_error_and_stores_nothing(
        session_factory, people):
    before = snapshot(session_factory)
    with pytest.raises(CalendarDataMissing) as refused:
        sv.register_application(
            session_factory, registration_data(received_on=IN_2030), actor_id=people.clerk, today=IN_2030)
    assert "2030-01-07 不在工作日历范围内" in refused.value.message
    assert "rules/calendar/data/YYYY.toml" in refused.value.message
    assert refused.value.http_status == 503
    assert snapshot(session_factory) == before


TRIGGERS_IN_2030 = {
    "withdraw": lambda sf, p, c: sv.withdraw(
        sf, cmd.Withdraw(reason="申请人书面撤回"), actor_id=p.clerk, case_id=c.id, expected_version=c.version,
        today=IN_2030),
    "draft_reply": lambda sf, p, c: sv.draft_reply(
        sf, cmd.DraftReply(category="disclose", fields=DISCLOSE_FIELDS), actor_id=p.clerk, case_id=c.id,
        expected_version=c.version, today=IN_2030),
    "extend_deadline": lambda sf, p, c: sv.extend_deadline(
        sf, cmd.ExtendDeadline(days=10, reason="需要调取档案"), actor_id=p.supervisor, case_id=c.id,
        expected_version=c.version, today=IN_2030),
    "start_consultation": lambda sf, p, c: sv.start_consultation(
        sf,
        cmd.StartConsultation(consultees=[sv.Consultee(ConsultationKind.THIRD_PARTY, "某建设公司", received_on=IN_2030)]),
        actor_id=p.clerk, case_id=c.id, expected_version=c.version, today=IN_2030),
}


@pytest.mark.parametrize("trigger", TRIGGERS_IN_2030)
def test_every_trigger_beyond_the_loaded_calendar_is_a_calendar_data_error(session_factory, people, case_2029,
                                                                           trigger):
    before = snapshot(session_factory)
    with pytest.raises(CalendarDataMissing, match="不在工作日历范围内"):
        TRIGGERS_IN_2030[trigger](session_factory, people, case_2029)
    assert snapshot(session_factory) == before


def test_reads_of_a_case_whose_agency_has_an_unknown_region_are_invalid_input(session_factory, people):
    case = sv.register_application(session_factory, registration_data(), actor_id=people.clerk, today=T0)
    case = sv.draft_reply(
        session_factory, cmd.DraftReply(category="disclose", fields=DISCLOSE_FIELDS), actor_id=people.clerk,
        case_id=case.id, expected_version=case.version, today=DAY1)
    sv.submit_review(
        session_factory, cmd.SubmitReview(), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=DAY1)
    with session_factory.begin() as session:
        session.get(Agency, 1).region_code = "990000"
    with pytest.raises(InvalidInput, match="未知的行政区划代码"):
        sv.review_checklist(session_factory, people.reviewer, case.id, today=DAY1)


def test_recomputing_beyond_the_loaded_calendar_reports_each_case_with_the_reason(session_factory, case_2029):
    result = recompute_open_deadlines(session_factory, IN_2030, dry_run=True)
    assert [f.case_id for f in result.failures] == [case_2029.id]
    assert "2030-01-07 不在工作日历范围内" in result.failures[0].reason
    assert load(session_factory, case_2029.id).due_date == date(2029, 12, 31)


def test_an_agency_with_an_unknown_region_code_is_refused_as_invalid_input(session_factory, people):
    with session_factory.begin() as session:
        session.get(Agency, 1).region_code = "990000"
    before = snapshot(session_factory)
    with pytest.raises(InvalidInput) as refused:
        sv.register_application(session_factory, registration_data(), actor_id=people.clerk, today=T0)
    assert refused.value.message.startswith("未知的行政区划代码：'990000'")
    assert (refused.value.field, refused.value.label) == ("region_code", "行政区划代码")
    assert snapshot(session_factory) == before
