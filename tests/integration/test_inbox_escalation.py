"""The escalation job's real output as the staff see it: the inbox row with its proposal, the case's timeline,
and the proposal gone once a person acted on it."""
from __future__ import annotations

from datetime import date, datetime

from workflow import commands as cmd
from workflow import services as sv
from workflow.jobs.escalation import escalate
from workflow.legal_time import LEGAL_TZ
from workflow.queries import case_detail
from workflow.queries.inbox import inbox, unread_count

AFTER_PERIOD = datetime(2026, 3, 12, 8, 0, tzinfo=LEGAL_TZ)  # the factories' 补正 period ended 2026-03-10


def test_the_jobs_proposal_reaches_the_inbox_and_the_case_and_goes_once_acted_on(session_factory, people,
                                                                                   create_case):
    case = create_case("correction.awaiting_applicant")
    escalate(session_factory, AFTER_PERIOD)
    rows = [r for r in inbox(session_factory, actor_id=people.clerk).rows if r.case_id == case.id]
    (row,) = [r for r in rows if r.proposal]
    assert (row.kind, row.level, row.proposal, row.proposal_pending, row.proposal_allowed) == (
        "correction_period", "overdue", "lapse_correction", True, True)
    assert unread_count(session_factory, people.clerk) >= 1
    supervisor_rows = inbox(session_factory, actor_id=people.supervisor).rows
    assert row.alert_id in [r.alert_id for r in supervisor_rows]  # overdue: the supervisors are told too
    detail = case_detail(session_factory, case.id, actor_id=people.clerk, today=date(2026, 3, 12))
    assert [a.alert_id for a in detail.alerts].count(row.alert_id) == 1
    assert [p.trigger for p in detail.proposals] == ["lapse_correction"]
    sv.lapse_correction(session_factory, cmd.LapseCorrection(), actor_id=people.clerk, case_id=case.id,
                        expected_version=detail.version, today=date(2026, 3, 12))
    after = case_detail(session_factory, case.id, actor_id=people.clerk, today=date(2026, 3, 12))
    assert after.proposals == () and row.alert_id in [a.alert_id for a in after.alerts]
    escalate(session_factory, AFTER_PERIOD)  # a second run adds nothing for the closed case
    again = [r for r in inbox(session_factory, actor_id=people.clerk).rows if r.case_id == case.id]
    assert [r.alert_id for r in again] == [r.alert_id for r in rows]
    assert not any(r.proposal_pending for r in again)
