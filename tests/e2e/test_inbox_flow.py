"""The inbox in a real browser: after the escalation job, the clerk sees 「提醒 (N)」 in the header, opens the
inbox, confirms the proposed 逾期未补正 with its one button, and the proposal is gone."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from tests.support import browser as support
from tests.support.factories import registration_data
from tests.support.web import people_with_password
from web import session_factory
from workflow import commands as cmd
from workflow import services as sv
from workflow.jobs.escalation import escalate
from workflow.legal_time import LEGAL_TZ, legal_today
from workflow.passwords import hash_password

pytestmark = pytest.mark.e2e
PASSWORD = "window-desk-2026"


def _lapsed_correction(sf, people) -> int:
    """A case whose 补正 period (a week from a Tuesday four weeks ago) has passed without an answer."""
    today = legal_today()
    monday = today - timedelta(days=today.weekday() + 28)
    case = sv.register_application(sf, registration_data(received_on=monday), actor_id=people.clerk,
                                   today=monday)
    sent = monday + timedelta(days=1)
    command = cmd.RequestCorrection(items=["description"], due_on=sent + timedelta(days=7))
    case = sv.request_correction(sf, command, actor_id=people.clerk, case_id=case.id,
                                 expected_version=case.version, today=sent)
    return case.id


def test_a_clerk_confirms_the_jobs_proposal_from_the_inbox(browser, base_url, web_app):
    sf = session_factory(web_app)
    people = people_with_password(sf, hash_password(PASSWORD))
    case_id = _lapsed_correction(sf, people)
    escalate(sf, datetime.now(LEGAL_TZ), force=True)
    context = support.new_context(browser, base_url)
    page = context.new_page()
    page.goto("/login")
    page.fill("#username", "clerk")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/board/.*"))
    assert re.fullmatch(r"提醒 \(\d+\)", page.inner_text(".inbox-link"))
    page.click(".inbox-link")
    form = page.locator(f"form[action='/cases/{case_id}/actions/lapse_correction']")
    form.locator("input[name=confirm]").check()
    form.locator("button[type=submit]").click()
    assert "已完成：逾期未补正，不再处理" in page.inner_text(".flash-success")
    assert page.url.endswith(f"/cases/{case_id}") and "待确认的系统建议" not in page.inner_text("main")
    page.goto("/inbox/")
    assert page.locator(f"form[action='/cases/{case_id}/actions/lapse_correction']").count() == 0
    assert "已处理或不再适用" in page.inner_text("main")
    context.close()
