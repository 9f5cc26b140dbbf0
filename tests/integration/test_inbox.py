"""The inbox read side and mark_read: a user's own alerts only, filters, the unread count, pending
proposals."""
from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import event

from tests.support.factories import DAY1, load, make_alert
from workflow import commands as cmd
from workflow import services as sv
from workflow.errors import InvalidInput, NotFound, PermissionDenied
from workflow.models import AlertRecipient, User
from workflow.queries import case_detail
from workflow.queries.inbox import inbox, open_proposals, unread_count
from workflow.services.alerts import mark_read

MOMENT = datetime(2026, 3, 4, 1, 0, tzinfo=timezone.utc)


def _agency(session_factory, user_id) -> int:
    with session_factory() as session:
        return session.get(User, user_id).agency_id


def _alerts(session_factory, people, count=3, **options):
    """``count`` alerts of the home agency, one minute apart, each for the clerk and the supervisor."""
    agency = _agency(session_factory, people.clerk)
    return [make_alert(session_factory, agency, [people.clerk, people.supervisor],
                       created_at=MOMENT + timedelta(minutes=i), message=f"提醒 {i}", **options)
            for i in range(count)]


def _unread(session_factory, people) -> tuple[int, int]:
    return unread_count(session_factory, people.clerk), unread_count(session_factory, people.supervisor)


def test_the_inbox_lists_the_users_own_alerts_newest_first_as_frozen_rows(session_factory, people,
                                                                          create_case):
    case = create_case()
    agency = _agency(session_factory, people.clerk)
    make_alert(session_factory, agency, [people.clerk], case_id=case.id, created_at=MOMENT, message="旧")
    make_alert(session_factory, agency, [people.clerk], kind="calendar_missing", level="info",
               created_at=MOMENT + timedelta(hours=1), message="新")
    make_alert(session_factory, agency, [people.clerk2], created_at=MOMENT, message="别人的")
    page = inbox(session_factory, actor_id=people.clerk)
    assert [r.message for r in page.rows] == ["新", "旧"] and page.total == 2 and page.unread == 2
    calendar, reply = page.rows
    assert (calendar.case_id, calendar.kind_label, calendar.level_label) == (None, "节假日安排缺失", "通知")
    assert (reply.case_id, reply.tracking_number, reply.case_version) == (case.id, case.tracking_number,
                                                                          case.version)
    assert (reply.kind_label, reply.level_label, reply.read_at) == ("答复期限", "逾期", None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        reply.message = "改"


def test_another_agencys_alert_never_shows_even_with_a_recipient_row(session_factory, people):
    other = _agency(session_factory, people.outsider)
    make_alert(session_factory, other, [people.clerk, people.outsider], message="外单位")
    assert inbox(session_factory, actor_id=people.clerk).rows == ()
    assert [r.message for r in inbox(session_factory, actor_id=people.outsider).rows] == ["外单位"]


def test_filters_by_level_and_unread_and_pages(session_factory, people):
    _alerts(session_factory, people, 3)
    _alerts(session_factory, people, 2, level="urgent")
    first = inbox(session_factory, actor_id=people.clerk).rows[0]
    mark_read(session_factory, user_id=people.clerk, recipient_ids=[first.recipient_id])
    assert inbox(session_factory, actor_id=people.clerk, level="urgent").total == 2
    unread = inbox(session_factory, actor_id=people.clerk, unread_only=True)
    assert unread.total == 4 == unread.unread
    assert first.recipient_id not in [r.recipient_id for r in unread.rows]
    second = inbox(session_factory, actor_id=people.clerk, page=2, per_page=2)
    assert (len(second.rows), second.total, second.pages) == (2, 5, 3)


@pytest.mark.parametrize("options, field", [({"level": "normal"}, "level"), ({"page": 0}, "page"),
                                            ({"per_page": 201}, "per_page")])
def test_bad_filters_are_refused_naming_the_field(session_factory, people, options, field):
    with pytest.raises(InvalidInput) as refused:
        inbox(session_factory, actor_id=people.clerk, **options)
    assert refused.value.field == field


def test_the_unread_count_is_one_query_and_counts_only_the_users_unread_rows(session_factory, people, engine):
    _alerts(session_factory, people, 3)
    mark_read(session_factory, user_id=people.supervisor)
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)
    event.listen(engine, "before_cursor_execute", record)
    try:
        counts = tuple(unread_count(session_factory, user)
                       for user in (people.clerk, people.supervisor, people.reviewer))
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert counts == (3, 0, 0)
    queries = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(queries) == 3 and all("FROM alert_recipient" in s and "JOIN" not in s for s in queries)


def test_mark_read_marks_only_the_given_rows_and_keeps_the_first_time(session_factory, people):
    (_, (clerk_row, _)), (_, (other_row, _)) = _alerts(session_factory, people, 2)
    assert mark_read(session_factory, user_id=people.clerk, recipient_ids=[clerk_row], now=MOMENT) == 1
    assert mark_read(session_factory, user_id=people.clerk, recipient_ids=[clerk_row]) == 0
    with session_factory() as session:
        assert session.get(AlertRecipient, clerk_row).read_at.replace(tzinfo=timezone.utc) == MOMENT
        assert session.get(AlertRecipient, other_row).read_at is None
    assert _unread(session_factory, people) == (1, 2)


def test_a_user_cannot_mark_another_users_row_and_nothing_is_marked(session_factory, people):
    (_, (clerk_row, supervisor_row)), = _alerts(session_factory, people, 1)
    with pytest.raises(NotFound):
        mark_read(session_factory, user_id=people.clerk, recipient_ids=[clerk_row, supervisor_row])
    for missing in (10**9, 10**30, -1, 0):
        with pytest.raises(NotFound):
            mark_read(session_factory, user_id=people.clerk, recipient_ids=[missing])
    assert _unread(session_factory, people) == (1, 1)


def test_mark_all_read_touches_only_the_users_rows(session_factory, people):
    _alerts(session_factory, people, 3)
    assert mark_read(session_factory, user_id=people.clerk) == 3
    assert mark_read(session_factory, user_id=people.clerk, recipient_ids=[]) == 0
    assert _unread(session_factory, people) == (0, 3)


def test_an_unknown_or_disabled_user_is_refused(session_factory, people):
    with session_factory.begin() as session:
        session.get(User, people.clerk2).active = False
    for user in (people.clerk2, 10**9):
        with pytest.raises(PermissionDenied):
            mark_read(session_factory, user_id=user)
        with pytest.raises(PermissionDenied):
            inbox(session_factory, actor_id=user)


def _proposal(session_factory, people, case, trigger, record_id=None):
    agency = _agency(session_factory, people.clerk)
    return make_alert(session_factory, agency, [people.clerk, people.reviewer], case_id=case.id,
                      proposal=trigger, record_id=record_id, message=f"建议：{trigger}")


def test_a_consultation_proposal_is_pending_until_the_consultation_is_ended(session_factory, people,
                                                                             create_case):
    case = create_case("consultation.awaiting_opinions")
    consultation = load(session_factory, case.id).consultations[0].id
    _proposal(session_factory, people, case, "end_consultation", consultation)
    agency = _agency(session_factory, people.clerk)
    (proposal,) = open_proposals(session_factory, case.id, agency, actor_id=people.clerk)
    assert (proposal.trigger, proposal.label, proposal.allowed) == ("end_consultation", "结束征求意见", True)
    assert proposal.messages == ("建议：end_consultation",)
    (row,) = inbox(session_factory, actor_id=people.clerk).rows
    assert (row.proposal, row.proposal_pending, row.proposal_allowed) == ("end_consultation", True, True)
    reviewer_row = inbox(session_factory, actor_id=people.reviewer).rows[0]
    assert (reviewer_row.proposal_pending, reviewer_row.proposal_allowed) == (True, False)
    sv.end_consultation(session_factory, cmd.EndConsultation(), actor_id=people.clerk, case_id=case.id,
                        expected_version=case.version, today=date(2026, 3, 30))
    assert open_proposals(session_factory, case.id, agency) == ()
    assert inbox(session_factory, actor_id=people.clerk).rows[0].proposal_pending is False


def test_a_correction_proposal_disappears_once_the_corrected_application_arrives(session_factory, people,
                                                                                  create_case):
    case = create_case("correction.awaiting_applicant")
    _proposal(session_factory, people, case, "lapse_correction")
    agency = _agency(session_factory, people.clerk)
    assert [p.trigger for p in open_proposals(session_factory, case.id, agency)] == ["lapse_correction"]
    sv.receive_correction(session_factory, cmd.ReceiveCorrection(received_on=date(2026, 3, 9)),
                          actor_id=people.clerk, case_id=case.id, expected_version=case.version,
                          today=date(2026, 3, 9))
    assert open_proposals(session_factory, case.id, agency) == ()


def test_a_fee_proposal_disappears_once_paid_and_two_alerts_make_one_proposal(session_factory, people,
                                                                              create_case):
    case = create_case("registration.awaiting_fee")
    notice = load(session_factory, case.id).fee_notices[0].id
    _proposal(session_factory, people, case, "lapse_fee", notice)
    _proposal(session_factory, people, case, "lapse_fee", notice)
    agency = _agency(session_factory, people.clerk)
    (proposal,) = open_proposals(session_factory, case.id, agency)
    assert len(proposal.alert_ids) == 2
    sv.record_payment(session_factory, cmd.RecordPayment(paid_on=DAY1), actor_id=people.clerk,
                      case_id=case.id, expected_version=case.version, today=DAY1)
    assert open_proposals(session_factory, case.id, agency) == ()


def test_a_proposal_for_another_record_or_an_unknown_trigger_is_not_pending(session_factory, people,
                                                                            create_case):
    case = create_case("registration.awaiting_fee")
    _proposal(session_factory, people, case, "lapse_fee", record_id=10**6)
    _proposal(session_factory, people, case, "end_consultation")
    _proposal(session_factory, people, case, "delete_everything")
    assert open_proposals(session_factory, case.id, _agency(session_factory, people.clerk)) == ()


def test_another_agencys_case_has_no_proposals_to_read(session_factory, people, create_case):
    case = create_case("registration.awaiting_fee")
    other = _agency(session_factory, people.outsider)
    with pytest.raises(NotFound):
        open_proposals(session_factory, case.id, other)
    with pytest.raises(NotFound):
        open_proposals(session_factory, case.id, _agency(session_factory, people.clerk),
                       actor_id=people.outsider)


def test_the_case_detail_shows_each_alert_of_the_case_once_among_its_history(session_factory, people,
                                                                              create_case):
    case = create_case("consultation.awaiting_opinions")
    consultation = load(session_factory, case.id).consultations[0].id
    _proposal(session_factory, people, case, "end_consultation", consultation)  # two recipients, one alert
    make_alert(session_factory, _agency(session_factory, people.outsider), [people.outsider], case_id=case.id,
               message="外单位")
    detail = case_detail(session_factory, case.id, actor_id=people.clerk, today=DAY1)
    (alert,) = detail.alerts
    assert (alert.message, alert.level_label, alert.kind_label) == ("建议：end_consultation", "逾期", "答复期限")
    entries = detail.entries()
    assert entries[0] == alert and [e.history_id for e in entries[1:]] == [e.history_id
                                                                          for e in reversed(detail.timeline)]
    assert [(p.trigger, p.allowed) for p in detail.proposals] == [("end_consultation", True)]
    reviewer_view = case_detail(session_factory, case.id, actor_id=people.reviewer, today=DAY1)
    assert [(p.trigger, p.allowed) for p in reviewer_view.proposals] == [("end_consultation", False)]


def test_the_case_detail_reads_alerts_and_proposals_in_one_more_query(session_factory, people, create_case,
                                                                      engine):
    case = create_case("correction.awaiting_applicant")
    _proposal(session_factory, people, case, "lapse_correction")
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)
    event.listen(engine, "before_cursor_execute", record)
    try:
        detail = case_detail(session_factory, case.id, actor_id=people.clerk, today=DAY1)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert [p.trigger for p in detail.proposals] == ["lapse_correction"]
    queries = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len([s for s in queries if "FROM alert" in s]) == 1 and len(queries) <= 13
