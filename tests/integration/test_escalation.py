"""The escalation job: one alert per due deadline and level, to the right people, with the proposals a person
confirms; nothing new on a second run; a moved due date fires again; a closed case stops."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select, update

from tests.support.escalation import (  # noqa: F401 (fixtures)
    NOW, TODAY, add_user, admin_fixture, agency_of, alerts, due_cases_fixture, recipients_of, register,
)
from workflow import commands as cmd
from workflow import services as sv
from workflow.errors import InvalidInput
from workflow.jobs.escalation import escalate
from workflow.legal_time import LEGAL_TZ
from workflow.models import Alert, AlertRecipient, Application, JobRun, Role, User
from workflow.queries.due import cases_due, scan_due


def test_each_due_deadline_gets_one_alert_with_its_level_message_and_proposal(session_factory, due_cases):
    result = escalate(session_factory, NOW)
    found = {(a.application_id, a.kind): a for a in alerts(session_factory)}
    assert set(found) == {
        (due_cases["overdue"], "reply"), (due_cases["urgent"], "reply"), (due_cases["soon"], "reply"),
        (due_cases["consulted"], "consultee"), (due_cases["correcting"], "correction_period"),
        (due_cases["charged"], "fee_payment")}
    assert len(result.created) == 6 and result.failures == [] and result.skipped is None
    levels = {case: found[(due_cases[case], "reply")].level for case in ("overdue", "urgent", "soon")}
    assert levels == {"overdue": "overdue", "urgent": "urgent", "soon": "due_soon"}
    urgent = found[(due_cases["urgent"], "reply")]
    with session_factory() as session:
        tracking = session.get(Application, due_cases["urgent"]).tracking_number
    assert urgent.message.startswith(f"案件 {tracking} 的答复期限为 2026-03-30，还剩 2 个工作日（紧急）。")
    assert urgent.working_days_left == 2 and urgent.legal_date == TODAY and urgent.proposal is None
    consultee = found[(due_cases["consulted"], "consultee")]
    assert consultee.level == "overdue" and consultee.proposal == "end_consultation"
    assert "征求意见答复期限（某建设公司）" in consultee.message and "已逾期" in consultee.message
    assert found[(due_cases["correcting"], "correction_period")].proposal == "lapse_correction"
    fee = found[(due_cases["charged"], "fee_payment")]
    assert (fee.level, fee.proposal, fee.due_on) == ("due_soon", None, date(2026, 3, 31))
    assert {a.job_run_id for a in found.values()} == {result.job_run_id}


def test_recipients_are_the_handler_then_supervisors_then_admins(session_factory, people, due_cases, admin):
    escalate(session_factory, NOW)
    by_case = {a.application_id: a.id for a in alerts(session_factory, kind="reply")}
    assert recipients_of(session_factory, by_case[due_cases["soon"]]) == {people.clerk}
    assert recipients_of(session_factory, by_case[due_cases["urgent"]]) == {people.clerk, people.supervisor}
    assert recipients_of(session_factory, by_case[due_cases["overdue"]]) == {
        people.clerk, people.supervisor, admin}


def test_without_an_active_handler_the_supervisors_get_the_due_soon_alert(session_factory, people, due_cases):
    with session_factory.begin() as session:
        session.execute(update(Application).where(Application.id == due_cases["soon"])
                        .values(handler_id=None))
        session.execute(update(User).where(User.id == people.clerk).values(active=False))
    escalate(session_factory, NOW)
    soon = alerts(session_factory, application_id=due_cases["soon"])[0]
    assert soon.level == "due_soon" and recipients_of(session_factory, soon.id) == {people.supervisor}
    urgent = alerts(session_factory, application_id=due_cases["urgent"])[0]  # its handler is disabled
    assert recipients_of(session_factory, urgent.id) == {people.supervisor}


def test_running_twice_creates_nothing_new(session_factory, due_cases):
    first = escalate(session_factory, NOW)
    with session_factory() as session:
        before = session.scalars(select(AlertRecipient.id)).all()
    second = escalate(session_factory, NOW)
    assert len(first.created) == 6 and second.created == [] and second.examined == 0
    with session_factory() as session:
        assert session.scalars(select(AlertRecipient.id)).all() == before
        runs = session.scalars(select(JobRun.status).order_by(JobRun.id)).all()
    assert len(alerts(session_factory)) == 6 and runs == ["completed", "completed"]


def test_a_level_fires_once_and_the_next_level_fires_on_its_day(session_factory, people, due_cases):
    escalate(session_factory, NOW)
    escalate(session_factory, datetime(2026, 3, 31, 8, 0, tzinfo=LEGAL_TZ))  # 2 WD before 2026-04-02
    soon = alerts(session_factory, application_id=due_cases["soon"])
    assert [(a.level, a.working_days_left) for a in soon] == [("due_soon", 5), ("urgent", 2)]
    assert recipients_of(session_factory, soon[1].id) == {people.clerk, people.supervisor}


def test_an_overdue_fee_window_proposes_lapse_fee(session_factory, due_cases):
    escalate(session_factory, datetime(2026, 4, 1, 8, 0, tzinfo=LEGAL_TZ))
    fee = alerts(session_factory, application_id=due_cases["charged"], kind="fee_payment")[0]
    assert (fee.level, fee.proposal) == ("overdue", "lapse_fee")
    assert "已逾期 1 个工作日。申请人逾期未缴费" in fee.message


def test_a_moved_due_date_fires_again(session_factory, due_cases):
    escalate(session_factory, NOW)
    with session_factory.begin() as session:  # e.g. an extension or a recompute moved the date
        session.execute(update(Application).where(Application.id == due_cases["urgent"])
                        .values(due_date=date(2026, 3, 31)))
    result = escalate(session_factory, NOW)
    assert [(a.application_id, a.due_on, a.level) for a in result.created] == [
        (due_cases["urgent"], date(2026, 3, 31), "due_soon")]


def test_a_closed_case_stops(session_factory, people, due_cases):
    escalate(session_factory, NOW)
    case = due_cases["correcting"]
    with session_factory() as session:
        version = session.get(Application, case).version
    sv.execute(session_factory, cmd.LapseCorrection(), actor_id=people.clerk, case_id=case,
               expected_version=version, today=TODAY)
    escalate(session_factory, datetime(2026, 3, 31, 8, 0, tzinfo=LEGAL_TZ))
    assert len(alerts(session_factory, application_id=case)) == 1


def test_alerts_and_recipients_never_cross_agencies(session_factory, people, due_cases):
    other = agency_of(session_factory, people.outsider)
    other_admin = add_user(session_factory, other, "admin2", Role.ADMIN)
    theirs = register(session_factory, people, date(2026, 2, 2), actor=people.outsider).id
    escalate(session_factory, NOW)
    home = agency_of(session_factory, people.clerk)
    with session_factory() as session:
        rows = session.execute(select(Alert.agency_id, Application.agency_id, User.agency_id)
                               .join(Application, Application.id == Alert.application_id)
                               .join(AlertRecipient, AlertRecipient.alert_id == Alert.id)
                               .join(User, User.id == AlertRecipient.user_id)).all()
    assert rows and all(a == b == c for a, b, c in rows)
    mine = alerts(session_factory, application_id=theirs)[0]
    assert mine.agency_id == other
    assert recipients_of(session_factory, mine.id) == {people.outsider, other_admin}
    assert {a.agency_id for a in alerts(session_factory)} == {home, other}


def test_one_agency_only_when_asked(session_factory, people, due_cases):
    other = agency_of(session_factory, people.outsider)
    theirs = register(session_factory, people, date(2026, 2, 2), actor=people.outsider).id
    escalate(session_factory, NOW, agency_id=other)
    assert [a.application_id for a in alerts(session_factory)] == [theirs]


def test_thresholds_are_parameters(session_factory, due_cases):
    escalate(session_factory, NOW, due_soon_days=2, urgent_days=0)
    urgent = alerts(session_factory, application_id=due_cases["urgent"])[0]
    assert urgent.level == "due_soon" and alerts(session_factory, application_id=due_cases["soon"]) == []
    with pytest.raises(InvalidInput):
        escalate(session_factory, NOW, due_soon_days=1, urgent_days=2)


def test_a_date_off_does_nothing_unless_forced(session_factory, due_cases):
    saturday = datetime(2026, 3, 28, 8, 0, tzinfo=LEGAL_TZ)
    result = escalate(session_factory, saturday)
    assert "2026-03-28 不是工作日" in result.skipped and "--force" in result.skipped
    assert alerts(session_factory) == []
    with session_factory() as session:
        run = session.get(JobRun, result.job_run_id)
    assert run.status == "skipped" and run.finished_at is not None
    assert len(escalate(session_factory, saturday, force=True).created) == 6


def test_now_in_the_future_is_refused_unless_dry_run(session_factory, due_cases):
    tomorrow = datetime.now(timezone.utc) + timedelta(days=1)
    with pytest.raises(InvalidInput, match="不能按晚于现在"):
        escalate(session_factory, tomorrow)
    real = datetime(2026, 3, 26, 9, 0, tzinfo=LEGAL_TZ)
    with pytest.raises(InvalidInput, match="--dry-run"):
        escalate(session_factory, NOW + timedelta(hours=2), real_now=real)
    dry = escalate(session_factory, NOW + timedelta(hours=2), real_now=real, dry_run=True)
    assert len(dry.created) == 6 and dry.job_run_id is None
    with session_factory() as session:
        assert session.scalars(select(JobRun)).all() == [] and alerts(session_factory) == []


def test_now_in_the_past_behaves_as_that_day_in_beijing(session_factory, due_cases):
    late_utc = datetime(2026, 3, 25, 17, 0, tzinfo=timezone.utc)  # already 2026-03-26 01:00 in Beijing
    escalate(session_factory, late_utc)
    assert {a.legal_date for a in alerts(session_factory)} == {TODAY}
    naive = escalate(session_factory, datetime(2026, 3, 26, 23, 30))  # naive: Beijing time
    assert naive.legal_date == TODAY and naive.created == []


def test_the_due_query_leaves_out_only_the_deadlines_alerted_at_their_current_level(
        session_factory, due_cases):
    everything = scan_due(session_factory, today=TODAY, within=5)
    assert everything.items == cases_due(session_factory, today=TODAY, within=5) and everything.failures == ()
    escalate(session_factory, NOW)
    assert scan_due(session_factory, today=TODAY, within=5, unalerted=True).items == ()
    later = date(2026, 3, 31)  # three deadlines change level; the overdue ones stay overdue
    fresh = scan_due(session_factory, today=later, within=5, unalerted=True).items
    assert {(item.case_id, item.kind, item.level) for item in fresh} == {
        (due_cases["urgent"], "reply", "overdue"), (due_cases["soon"], "reply", "urgent"),
        (due_cases["charged"], "fee_payment", "urgent")}


def test_a_correction_notice_deadline_is_alerted_once_like_the_others(session_factory, people, admin):
    case = register(session_factory, people, date(2026, 3, 20), description="", missing_items=["description"])
    first = escalate(session_factory, NOW)
    assert [(a.application_id, a.kind, a.level, a.proposal) for a in first.created] == [
        (case.id, "correction_notice", "due_soon", None)]
    assert "补正告知期限为 2026-03-31，还剩 3 个工作日（临期）" in first.created[0].message
    assert escalate(session_factory, NOW).created == []  # not left out by the query: by the key check
    assert len(alerts(session_factory)) == 1
