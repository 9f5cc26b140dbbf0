"""The inbox page (/inbox/), the unread count in the header and the proposals' one button, through the test
client."""
from __future__ import annotations

import re
from datetime import datetime

import pytest
from freezegun import freeze_time

from tests.support.factories import drive_case, load, make_alert
from tests.support.web import csrf_token
from web import session_factory
from workflow.legal_time import LEGAL_TZ
from workflow.models import Stage, User
from workflow.jobs.escalation import escalate
from workflow.queries.inbox import unread_count


@pytest.fixture(autouse=True)
def after_the_correction_period():
    """The factories' 补正 period ends 2026-03-10; the pages run on 2026-03-12 (10:00 in Beijing)."""
    with freeze_time("2026-03-12 02:00:00"):
        yield


def _agency(app, user_id) -> int:
    with session_factory(app)() as session:
        return session.get(User, user_id).agency_id


def _alert(app, people, recipients=None, **options):
    return make_alert(session_factory(app), _agency(app, people.clerk), recipients or [people.clerk],
                      **options)


def _unread(app, user_id) -> int:
    return unread_count(session_factory(app), user_id)


def test_the_header_shows_the_unread_count_on_every_page(app, people, signed_in):
    _alert(app, people, [people.clerk, people.supervisor])
    _alert(app, people)
    clerk = signed_in("clerk")
    for path in ("/board/", "/account/password", "/inbox/"):
        assert "提醒 <span class=\"badge\">(2)</span>" in clerk.get(path).get_data(as_text=True), path
    reviewer_page = signed_in("reviewer").get("/board/").get_data(as_text=True)
    assert re.search(r'class="inbox-link"[^>]*>提醒</a>', reviewer_page)


def test_the_inbox_lists_only_the_users_own_alerts_of_its_agency_escaped(app, people, signed_in):
    case = drive_case(session_factory(app), people)
    _alert(app, people, case_id=case.id, message="<script>alert(1)</script>答复期限已过")
    _alert(app, people, [people.clerk2], message="别人的提醒")
    make_alert(session_factory(app), _agency(app, people.outsider), [people.clerk, people.outsider],
               message="外单位的提醒")
    page = signed_in("clerk").get("/inbox/").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;答复期限已过" in page and "<script>alert(1)" not in page
    assert f'href="/cases/{case.id}"' in page and case.tracking_number in page
    assert "别人的提醒" not in page and "外单位的提醒" not in page


def test_the_inbox_filters_by_level_and_unread(app, people, signed_in):
    _alert(app, people, level="urgent", message="紧急的提醒")
    _, (read_row,) = _alert(app, people, level="overdue", message="已读的提醒")
    _alert(app, people, level="overdue", message="逾期的提醒")
    client = signed_in("clerk")
    client.post(f"/inbox/{read_row}/read", data={"csrf_token": csrf_token(client, "/inbox/")})
    urgent = client.get("/inbox/?level=urgent").get_data(as_text=True)
    assert "紧急的提醒" in urgent and "逾期的提醒" not in urgent
    unread = client.get("/inbox/?show=unread").get_data(as_text=True)
    assert "逾期的提醒" in unread and "已读的提醒" not in unread
    refused = client.get("/inbox/?level=normal")
    assert refused.status_code == 422 and "提醒级别「normal」无效" in refused.get_data(as_text=True)


def test_marking_one_read_keeps_the_filters_and_lowers_the_count(app, people, signed_in):
    _, (row,) = _alert(app, people, level="overdue")
    _alert(app, people)
    client = signed_in("clerk")
    response = client.post(f"/inbox/{row}/read", data={"csrf_token": csrf_token(client, "/inbox/"),
                                                       "level": "overdue", "show": "unread", "page": "x"})
    assert response.status_code == 302 and response.headers["Location"] == "/inbox/?level=overdue&show=unread"
    assert _unread(app, people.clerk) == 1


def test_marking_all_read_touches_only_the_users_rows(app, people, signed_in):
    _alert(app, people, [people.clerk, people.supervisor])
    _alert(app, people)
    client = signed_in("clerk")
    response = client.post("/inbox/read-all", data={"csrf_token": csrf_token(client, "/inbox/")})
    assert response.status_code == 302
    assert "已将 2 条提醒标为已读" in client.get("/inbox/").get_data(as_text=True)
    assert (_unread(app, people.clerk), _unread(app, people.supervisor)) == (0, 1)


def test_another_users_row_answers_404_and_stays_unread(app, people, signed_in):
    _, (supervisor_row,) = _alert(app, people, [people.supervisor])
    client = signed_in("clerk")
    token = csrf_token(client, "/board/")
    response = client.post(f"/inbox/{supervisor_row}/read", data={"csrf_token": token})
    assert response.status_code == 404 and _unread(app, people.supervisor) == 1
    huge = client.post(f"/inbox/{10**30}/read", data={"csrf_token": token})
    assert huge.status_code == 404


def test_marking_read_without_the_csrf_token_changes_nothing(app, people, signed_in):
    _, (row,) = _alert(app, people)
    client = signed_in("clerk")
    assert client.post(f"/inbox/{row}/read").status_code == 400
    assert client.post("/inbox/read-all").status_code == 400
    assert _unread(app, people.clerk) == 1


def test_the_inbox_needs_signing_in(app):
    response = app.test_client().get("/inbox/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def _lapse_proposal(app, people):
    case = drive_case(session_factory(app), people, "correction.awaiting_applicant")
    record = load(session_factory(app), case.id).corrections[0].id
    _alert(app, people, [people.clerk, people.reviewer], case_id=case.id, proposal="lapse_correction",
           record_id=record, message="申请人补正期限已过，建议确认逾期未补正。")
    return case


def test_the_proposals_button_in_the_inbox_performs_the_trigger_and_then_disappears(app, people, signed_in):
    case = _lapse_proposal(app, people)
    client = signed_in("clerk")
    page = client.get("/inbox/").get_data(as_text=True)
    action = f'action="/cases/{case.id}/actions/lapse_correction"'
    assert action in page and f'name="expected_version" value="{case.version}"' in page
    assert "逾期未补正将结束办理（不再处理）。确认？" in page
    response = client.post(f"/cases/{case.id}/actions/lapse_correction", data={
        "csrf_token": csrf_token(client, "/inbox/"), "expected_version": str(case.version), "confirm": "1"})
    assert response.status_code == 302
    assert load(session_factory(app), case.id).stage is Stage.ARCHIVE
    page = client.get("/inbox/").get_data(as_text=True)
    assert action not in page and "已处理或不再适用" in page


def test_a_user_without_the_role_gets_no_button_and_the_server_refuses(app, people, signed_in):
    case = _lapse_proposal(app, people)
    reviewer = signed_in("reviewer")
    page = reviewer.get("/inbox/").get_data(as_text=True)
    assert f'/cases/{case.id}/actions/lapse_correction' not in page and "待有权限的人员在案件页面确认" in page
    response = reviewer.post(f"/cases/{case.id}/actions/lapse_correction", data={
        "csrf_token": csrf_token(reviewer, "/inbox/"), "expected_version": str(case.version), "confirm": "1"})
    assert response.status_code == 409
    assert load(session_factory(app), case.id).stage is Stage.CORRECTION


def test_a_long_inbox_is_paged_keeping_the_filters(app, people, signed_in):
    for _ in range(51):
        _alert(app, people, level="urgent")
    client = signed_in("clerk")
    first = client.get("/inbox/?level=urgent").get_data(as_text=True)
    assert "第 1 / 2 页" in first and "level=urgent&amp;page=2" in first
    second = client.get("/inbox/?level=urgent&page=2").get_data(as_text=True)
    assert second.count('class="level-urgent unread"') == 1


def test_the_case_page_shows_the_alert_in_its_timeline_once_with_its_level(app, people, signed_in):
    case = drive_case(session_factory(app), people)
    _alert(app, people, [people.clerk, people.supervisor], case_id=case.id, level="urgent",
           message="答复期限仅剩 2 个工作日，请尽快答复。")
    page = signed_in("supervisor").get(f"/cases/{case.id}").get_data(as_text=True)
    assert page.count("答复期限仅剩 2 个工作日，请尽快答复。") == 1
    assert '<li class="alert-entry level-urgent">' in page and "light-urgent\">紧急" in page


def test_the_case_pages_proposal_button_performs_the_trigger_and_then_disappears(app, people, signed_in):
    case = _lapse_proposal(app, people)
    client = signed_in("clerk")
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "待确认的系统建议" in page and 'for="proposal-case-confirm"' in page
    refused = client.post(f"/cases/{case.id}/actions/lapse_correction", data={
        "csrf_token": csrf_token(client, f"/cases/{case.id}"), "expected_version": str(case.version)})
    assert refused.status_code == 422 and "请勾选确认后再提交" in refused.get_data(as_text=True)
    response = client.post(f"/cases/{case.id}/actions/lapse_correction", data={
        "csrf_token": csrf_token(client, f"/cases/{case.id}"), "expected_version": str(case.version),
        "confirm": "1"})
    assert response.status_code == 302
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "待确认的系统建议" not in page and "申请人补正期限已过，建议确认逾期未补正。" in page  # still in the timeline


def test_the_case_page_shows_a_proposal_without_a_button_to_a_user_without_the_role(app, people, signed_in):
    case = _lapse_proposal(app, people)
    page = signed_in("reviewer").get(f"/cases/{case.id}").get_data(as_text=True)
    assert "待确认的系统建议" in page and "需由有权限的人员确认" in page
    assert f"/cases/{case.id}/actions/lapse_correction" not in page


def test_the_escalation_jobs_alerts_show_in_the_inbox_header_and_case_page(app, people, signed_in):
    case = drive_case(session_factory(app), people, "correction.awaiting_applicant")
    escalate(session_factory(app), datetime(2026, 3, 12, 8, 0, tzinfo=LEGAL_TZ))
    client = signed_in("clerk")
    count = _unread(app, people.clerk)
    inbox_page = client.get("/inbox/").get_data(as_text=True)
    assert count >= 1 and f'提醒 <span class="badge">({count})</span>' in inbox_page
    assert f'action="/cases/{case.id}/actions/lapse_correction"' in inbox_page
    case_page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "待确认的系统建议" in case_page and '<li class="alert-entry level-overdue">' in case_page
