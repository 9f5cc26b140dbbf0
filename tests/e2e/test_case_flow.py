"""A whole case in a real browser: a clerk registers, corrects, drafts 信息不存在 without a search record; the
reviewer sees the failing check and returns it; the clerk adds the record; the reviewer approves; the clerk
issues and archives; the timeline shows it all and the 答复书 downloads as .docx. Another agency cannot open it."""
from __future__ import annotations

import re

import docx
import pytest

from rules.calendar import load_calendar
from tests.support import browser as support
from tests.support.web import people_with_password
from web import session_factory
from workflow.legal_time import legal_today
from workflow.passwords import hash_password

pytestmark = pytest.mark.e2e
PASSWORD = "window-desk-2026"
TODAY = legal_today().isoformat()  # the pages refuse legal dates after today (and before the registration)
CORRECTION_DUE = load_calendar().add_working_days(legal_today(), 10).isoformat()
SEARCH = {"search_keywords": "长塘村；征地批复", "search_systems": "公文管理系统、档案室",
          "search_departments": "办公室、自然资源科", "search_date": TODAY, "search_staff": "周晓红"}


@pytest.fixture
def staff(web_app):
    return people_with_password(session_factory(web_app), hash_password(PASSWORD))


def _signed_in(browser, base_url, username):
    context = support.new_context(browser, base_url)
    page = context.new_page()
    page.goto("/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/board/.*"))
    return context, page


def _act(page, trigger, fields=None, confirm=False):
    page.click(f"#action-{trigger} summary")
    for name, value in (fields or {}).items():
        page.fill(f"#{trigger}-{name.replace('.', '-')}", value)
    if confirm:
        page.check(f"#action-{trigger} input[name=confirm]")
    page.click(f"#action-{trigger} button[type=submit]")
    assert page.locator(".flash-success").count() == 1, page.inner_text("main")


def test_a_not_exist_reply_goes_through_review_twice_and_is_issued(browser, base_url, staff):
    clerk_context, clerk = _signed_in(browser, base_url, "clerk")
    clerk.click("text=登记申请")
    clerk.select_option("#register-applicant_type", "natural_person")
    for name, value in {"applicant_name": "胡建华", "id_document_type": "居民身份证",
                        "id_document_number": "450103198009172681", "contact_phone": "18941140765",
                        "form_requested": "纸质文本，邮寄送达"}.items():
        clerk.fill(f"#register-{name}", value)
    clerk.select_option("#register-channel", "in_person")
    clerk.check("#register-missing_items input[value=description]")
    clerk.click("form.register button[type=submit]")
    assert "已登记，受理编号" in clerk.inner_text(".flash-success")
    case_url = clerk.url

    _act(clerk, "request_correction", {"items": "请写明所需政府信息的名称或文号", "due_on": CORRECTION_DUE})
    _act(clerk, "receive_correction", {"received_on": TODAY})
    clerk.click("#action-draft_reply summary")
    clerk.select_option("#draft_reply-category", "not_exist")
    clerk.wait_for_url(re.compile(r".*category=not_exist.*"))
    clerk.fill("#draft_reply-content", "如对本答复有疑问，可与本机关联系。")
    clerk.click("#action-draft_reply button[type=submit]")
    _act(clerk, "submit_review")

    reviewer_context, reviewer = _signed_in(browser, base_url, "reviewer")
    reviewer.goto(case_url + "/review")
    failing = reviewer.locator(".check-fail").inner_text()
    assert "缺少检索记录" in failing
    reviewer.fill("#return_reply-comment", "请补充检索记录（关键词、系统、科室、日期、人员）。")
    reviewer.click("text=退回修改 >> nth=-1")
    assert "已完成：退回修改" in reviewer.inner_text(".flash-success")

    clerk.goto(case_url)
    assert "请补充检索记录" in clerk.inner_text(".timeline")
    _act(clerk, "submit_review", {f"fields.{k}": v for k, v in SEARCH.items()})

    reviewer.goto(case_url + "/review")
    assert reviewer.locator(".check-fail").count() == 0
    reviewer.click("form:has(input[name=acknowledged_warnings]) button, form button:text('审核通过')")
    assert "已完成：审核通过" in reviewer.inner_text(".flash-success")

    clerk.goto(case_url)
    _act(clerk, "issue_reply", {"issued_on": TODAY, "delivery_method": "邮寄"}, confirm=True)
    _act(clerk, "archive_case", {"delivery_proof": "EMS 1234567890"}, confirm=True)
    timeline = clerk.inner_text(".timeline")
    for step in ("登记", "发出补正告知书", "登记补正材料", "提交审核", "退回修改", "审核通过", "出具并送达", "归档"):
        assert step in timeline
    with clerk.expect_download() as download_info:
        clerk.click("text=下载 .docx >> nth=0")
    document = docx.Document(download_info.value.path())
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "第三十六条第（四）项" in text and "长塘村；征地批复" in text

    outsider_context, outsider = _signed_in(browser, base_url, "outsider")
    assert outsider.goto(case_url).status == 404
    for context in (clerk_context, reviewer_context, outsider_context):
        context.close()
