"""The reply's dates cannot be moved behind the approval: the issue date is on or after the approval date, and
the approval plans no issue date in the past.

Hand-checked dates (2026 official calendar): T0 = 2026-03-02 (Mon), due 20 WD later = 2026-03-30.
"""
from datetime import date

import pytest

from tests.support.factories import DAY1, DISCLOSE_FIELDS, in_review, load, snapshot
from workflow import commands as cmd
from workflow import services as sv
from workflow.errors import GuardFailed

DUE = date(2026, 3, 30)
LATE_APPROVAL = date(2026, 4, 1)  # two working days after the due date


def _approved_late(session_factory, people):
    case = in_review(session_factory, people, "disclose", DISCLOSE_FIELDS)
    return sv.approve_reply(
        session_factory, cmd.ApproveReply(acknowledged_warnings={"issue_date"}), actor_id=people.reviewer,
        case_id=case.id, expected_version=case.version, today=LATE_APPROVAL)


def test_a_reply_approved_after_the_due_date_cannot_be_issued_on_an_earlier_on_time_date(session_factory,
                                                                                         people):
    case = _approved_late(session_factory, people)
    before = snapshot(session_factory)
    with pytest.raises(GuardFailed) as refused:
        sv.issue_reply(
            session_factory, cmd.IssueReply(issued_on=date(2026, 3, 27), delivery_method="邮寄"),
            actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=LATE_APPROVAL)
    assert refused.value.message == ("出具日期（2026-03-27）不能早于答复审核通过之日（2026-04-01），"
                                     "请按实际出具日期登记")
    assert snapshot(session_factory) == before


def test_a_reply_issued_on_its_approval_date_after_the_due_date_is_recorded_late(session_factory, people):
    case = _approved_late(session_factory, people)
    case = sv.issue_reply(
        session_factory, cmd.IssueReply(issued_on=LATE_APPROVAL, delivery_method="邮寄"), actor_id=people.clerk,
        case_id=case.id, expected_version=case.version, today=LATE_APPROVAL)
    stored = load(session_factory, case.id)
    assert stored.due_date == DUE
    assert stored.history[-1].trigger == "issue_reply" and stored.history[-1].payload["late"] is True


def test_an_approval_cannot_plan_an_issue_date_before_today(session_factory, people):
    case = in_review(session_factory, people, "disclose", DISCLOSE_FIELDS)
    before = snapshot(session_factory)
    with pytest.raises(GuardFailed) as refused:
        sv.approve_reply(
            session_factory, cmd.ApproveReply(planned_issue_on=DAY1), actor_id=people.reviewer,
            case_id=case.id, expected_version=case.version, today=date(2026, 3, 4))
    assert refused.value.message == "拟出具日期（2026-03-03）不能早于审核通过之日（2026-03-04）"
    assert snapshot(session_factory) == before
    case = sv.approve_reply(
        session_factory, cmd.ApproveReply(planned_issue_on=date(2026, 3, 4)), actor_id=people.reviewer,
        case_id=case.id, expected_version=case.version, today=date(2026, 3, 4))
    assert load(session_factory, case.id).current_reply.planned_issue_on == date(2026, 3, 4)
