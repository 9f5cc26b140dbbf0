"""法制审核 is independent of the draft: nobody who drafted, edited or submitted the current reply may approve
it — neither in the guard nor in the reviewer's checklist."""
import pytest

from tests.support.factories import DAY1, DISCLOSE_FIELDS, drafted, snapshot
from workflow import commands as cmd
from workflow import services as sv
from workflow.errors import GuardFailed
from workflow.models import Role, User

REFUSAL = "审核人不能审核自己起草、修改或提交的答复，须由其他法制审核人员审核"


def _clerk_and_reviewer(session_factory, people) -> int:
    """A second reviewer of the home agency who also holds the clerk role."""
    with session_factory.begin() as session:
        agency_id = session.get(User, people.reviewer).agency_id
        user = User(name="双岗", username="clerk_reviewer", agency_id=agency_id)
        user.roles.extend([Role.CLERK, Role.REVIEWER])
        session.add(user)
        session.flush()
        return user.id


def test_a_reviewer_who_rewrote_the_draft_when_submitting_it_cannot_approve_it(session_factory, people):
    both = _clerk_and_reviewer(session_factory, people)
    case = drafted(session_factory, people, "disclose", {})  # the clerk started an empty draft
    case = sv.submit_review(
        session_factory, cmd.SubmitReview(fields=DISCLOSE_FIELDS), actor_id=both, case_id=case.id,
        expected_version=case.version, today=DAY1)
    before = snapshot(session_factory)
    with pytest.raises(GuardFailed) as refused:
        sv.approve_reply(
            session_factory, cmd.ApproveReply(), actor_id=both, case_id=case.id,
            expected_version=case.version, today=DAY1)
    assert refused.value.message == REFUSAL
    assert snapshot(session_factory) == before
    sheet = sv.review_checklist(session_factory, both, case.id, today=DAY1)
    assert sheet.checklist.result("reviewer").message == "审核人修改或提交过本答复，须由其他法制审核人员审核"
    assert sv.review_checklist(session_factory, people.reviewer, case.id, today=DAY1).checklist.result(
        "reviewer").message == "审核人与起草人不同"
    case = sv.approve_reply(
        session_factory, cmd.ApproveReply(), actor_id=people.reviewer, case_id=case.id,
        expected_version=case.version, today=DAY1)
    assert sv.state_of(case) == "reply.approved"


def test_a_reviewer_who_submitted_a_returned_draft_cannot_approve_it(session_factory, people):
    both = _clerk_and_reviewer(session_factory, people)
    case = drafted(session_factory, people, "disclose", DISCLOSE_FIELDS)
    case = sv.submit_review(
        session_factory, cmd.SubmitReview(), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=DAY1)
    case = sv.return_reply(
        session_factory, cmd.ReturnReply(comment="请核对文件名称"), actor_id=both, case_id=case.id,
        expected_version=case.version, today=DAY1)
    case = sv.submit_review(
        session_factory, cmd.SubmitReview(), actor_id=both, case_id=case.id, expected_version=case.version,
        today=DAY1)  # unchanged, resent
    with pytest.raises(GuardFailed, match=REFUSAL):
        sv.approve_reply(
            session_factory, cmd.ApproveReply(), actor_id=both, case_id=case.id,
            expected_version=case.version, today=DAY1)
