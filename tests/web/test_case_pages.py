"""The board, the registration form, the case page and its action forms through the test client."""
from __future__ import annotations

import re

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from tests.support.factories import drive_case, registration_data
from tests.support.web import csrf_token
from web import session_factory
from workflow import services as sv
from workflow.legal_time import legal_today
from workflow.models import Application, History

REGISTRATION = {
    "applicant_type": "natural_person", "applicant_name": "赵六", "id_document_type": "居民身份证",
    "id_document_number": "110101199001011234", "contact_phone": "13800000000",
    "description": "2025年道路养护资金使用情况", "form_requested": "纸质，邮寄", "channel": "in_person",
}


@pytest.fixture(autouse=True)
def on_day_one():
    """The factories' cases start on T0 = 2026-03-02; the pages act on DAY1 (10:00 in Beijing)."""
    with freeze_time("2026-03-03 02:00:00"):
        yield


def _register(client, **changes):
    data = {**REGISTRATION, "received_on": legal_today().strftime("%Y%m%d"), **changes,
            "csrf_token": csrf_token(client, "/cases/new")}
    return client.post("/cases/new", data={k: v for k, v in data.items() if v is not None})


def _count(app, model) -> int:
    with session_factory(app)() as session:
        return session.scalar(select(func.count()).select_from(model))


def _case(app, people, state="registration.processing"):
    return drive_case(session_factory(app), people, state)


def _post_action(client, case_id, trigger, version, **data):
    token = csrf_token(client, f"/cases/{case_id}")
    return client.post(f"/cases/{case_id}/actions/{trigger}",
                       data={"csrf_token": token, "expected_version": str(version), **data})


def test_a_clerk_registers_an_application_and_lands_on_its_page_with_the_receipt(app, signed_in):
    client = signed_in("clerk")
    response = _register(client)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "已登记，受理编号" in page and "受理回执" in page and "赵六" in page


def test_a_received_date_in_the_future_is_refused_beside_the_form_and_nothing_is_stored(app, signed_in):
    client = signed_in("clerk")
    response = _register(client, received_on="2999-01-01")
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and "收到日期不能晚于今天" in body
    assert 'value="赵六"' in body  # what the clerk typed is kept
    assert _count(app, Application) == 0


@pytest.mark.parametrize("received_on, message", [("2026/13/45", "格式不正确"), ("20261345", "格式不正确")])
def test_a_malformed_date_names_the_field(app, signed_in, received_on, message):
    body = _register(signed_in("clerk"), received_on=received_on).get_data(as_text=True)
    assert message in body and _count(app, Application) == 0


def test_a_100_kb_request_text_is_refused_with_the_limit(app, signed_in):
    response = _register(signed_in("clerk"), description="路" * 100_000)
    assert response.status_code == 422 and "最多 5000 个字符" in response.get_data(as_text=True)
    assert _count(app, Application) == 0


def test_html_typed_by_a_user_is_shown_escaped(app, signed_in):
    client = signed_in("clerk")
    response = _register(client, applicant_name="<script>alert(1)</script>")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    board = client.get("/board/").get_data(as_text=True)
    assert "<script>alert(1)" not in board


def test_the_board_lists_the_agencys_open_cases_and_keeps_filters_in_the_url(app, people, signed_in):
    ref = _case(app, people)
    client = signed_in("clerk")
    board = client.get("/board/").get_data(as_text=True)
    assert ref.tracking_number in board and "剩余" in board
    filtered = client.get("/board/?stage=correction").get_data(as_text=True)
    assert ref.tracking_number not in filtered and 'value="correction" selected' in filtered
    assert client.get("/board/?received_from=soon").status_code == 422


def test_another_agencys_case_and_documents_answer_404(app, people, signed_in):
    ref = _case(app, people)
    outsider = signed_in("outsider")
    assert outsider.get(f"/cases/{ref.id}").status_code == 404
    with session_factory(app)() as session:
        document_id = session.scalar(select(func.min(History.id)))
    assert outsider.get(f"/cases/{ref.id}/documents/{document_id}.docx").status_code == 404
    assert outsider.post(f"/cases/{ref.id}/actions/withdraw", data={
        "csrf_token": csrf_token(outsider, "/board/"), "expected_version": "1"}).status_code == 404


@pytest.mark.parametrize("path", ["/cases/{big}", "/cases/{big}/documents/1.docx", "/cases/1/documents/{big}/print",
                                  "/cases/0", "/cases/{big}/review"])
def test_an_id_beyond_the_id_columns_answers_404_not_500(signed_in, path):
    assert signed_in("clerk").get(path.format(big=10**30)).status_code == 404


def test_the_case_page_offers_exactly_the_actions_of_the_table_for_the_users_role(app, people, signed_in):
    ref = _case(app, people)
    clerk_page = signed_in("clerk").get(f"/cases/{ref.id}").get_data(as_text=True)
    offered = set(re.findall(r'id="action-([a-z_]+)"', clerk_page))
    with session_factory(app)() as session:
        from workflow.models import User
        from workflow.queries import available_triggers
        case = session.get(Application, ref.id)
        expected = set(available_triggers(session.get(User, people.clerk), case))
    assert offered == expected
    supervisor_page = signed_in("supervisor").get(f"/cases/{ref.id}").get_data(as_text=True)
    assert 'id="action-extend_deadline"' in supervisor_page and 'id="action-extend_deadline"' not in clerk_page


@pytest.mark.parametrize("state, shown", [("reply.drafting", True), ("reply.issued", False)])
def test_the_reply_preview_link_is_offered_until_the_reply_is_issued(app, people, signed_in, state, shown):
    ref = _case(app, people, state)
    page = signed_in("clerk").get(f"/cases/{ref.id}").get_data(as_text=True)
    assert ("答复书预览" in page) is shown


def test_a_refused_action_shows_the_guards_message_and_keeps_the_typed_text(app, people, signed_in):
    ref = _case(app, people)
    client = signed_in("clerk")
    response = _post_action(client, ref.id, "request_correction", ref.version, items="请补充身份证明",
                            due_on="2020-01-01")
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and "请补充身份证明" in body
    assert re.search(r'<details class="action" open id="action-request_correction"', body)


def test_an_action_by_a_role_the_table_does_not_allow_is_refused_on_the_server(app, people, signed_in):
    ref = _case(app, people)
    response = _post_action(signed_in("clerk"), ref.id, "extend_deadline", ref.version, days="5", reason="复杂")
    assert response.status_code == 409 and "当前不能执行「延期答复」" in response.get_data(as_text=True)
    assert _post_action(signed_in("clerk"), ref.id, "no_such_trigger", ref.version).status_code == 404


def test_a_concurrent_change_says_so_and_keeps_what_the_user_typed(app, people, signed_in):
    ref = _case(app, people)
    client = signed_in("supervisor")
    token = csrf_token(client, f"/cases/{ref.id}")
    sv.execute(session_factory(app), __import__("workflow.commands", fromlist=["x"]).ExtendDeadline(
        days=3, reason="先到者"), actor_id=people.supervisor, case_id=ref.id, expected_version=ref.version,
        today=legal_today())
    response = client.post(f"/cases/{ref.id}/actions/set_delayed_period", data={
        "csrf_token": token, "expected_version": str(ref.version), "due_on": "2026-04-30",
        "reason": "后到者的理由"})
    body = response.get_data(as_text=True)
    assert response.status_code == 409 and "案件已被他人修改，请刷新" in body and "后到者的理由" in body


def test_withdrawing_needs_the_confirmation_box(app, people, signed_in):
    ref = _case(app, people)
    client = signed_in("clerk")
    refused = _post_action(client, ref.id, "withdraw", ref.version, reason="申请人来电撤回")
    assert refused.status_code == 422 and "请勾选确认后再提交" in refused.get_data(as_text=True)
    done = _post_action(client, ref.id, "withdraw", ref.version, reason="申请人来电撤回", confirm="1")
    assert done.status_code == 302
    with session_factory(app)() as session:
        assert session.get(Application, ref.id).stage.value == "archive"


def test_a_form_without_csrf_token_changes_nothing(app, people, signed_in):
    ref = _case(app, people)
    response = signed_in("clerk").post(f"/cases/{ref.id}/actions/withdraw", data={
        "expected_version": str(ref.version), "reason": "x", "confirm": "1"})
    assert response.status_code == 400
    with session_factory(app)() as session:
        assert session.get(Application, ref.id).stage.value == "registration"


def test_the_register_page_is_for_clerks_only(signed_in):
    assert signed_in("reviewer").get("/cases/new").status_code == 403
