"""The page shell in a real browser: Chinese error pages, local assets only, security headers."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_an_unknown_address_shows_the_chinese_404_page_styled_by_the_apps_own_stylesheet(page, base_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto("/no/such/page")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "页面或记录不存在"
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert any(url.endswith("/static/css/app.css") for url in requested)
    assert all(url.startswith(base_url) for url in requested)
    colour = page.eval_on_selector(".site-header", "e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(158, 27, 27)"  # the stylesheet really applied


def test_every_response_forbids_framing_and_inline_script(page):
    response = page.goto("/no/such/page")
    headers = response.headers
    assert headers["x-frame-options"] == "DENY"
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "'unsafe-inline'" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
