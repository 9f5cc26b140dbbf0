"""Error pages and headers through the Flask test client."""
from __future__ import annotations

import pytest

from web import create_app
from workflow.errors import GuardFailed, NotFound


@pytest.fixture
def app(tmp_path):
    app = create_app({"TESTING": False, "database_url": f"sqlite:///{tmp_path / 'web.sqlite3'}",
                      "secret_key": "test"})

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals /etc/passwd")

    @app.get("/refused")
    def refused():
        raise GuardFailed("收到日期不能晚于今天")

    @app.get("/missing")
    def missing():
        raise NotFound()
    return app


def test_a_crash_answers_500_in_chinese_without_a_traceback(app):
    response = app.test_client().get("/boom")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "系统内部错误" in body
    assert "Traceback" not in body and "secret internals" not in body


def test_a_domain_error_answers_with_the_status_of_the_table_and_its_own_message(app):
    client = app.test_client()
    refused = client.get("/refused")
    assert refused.status_code == 422 and "收到日期不能晚于今天" in refused.get_data(as_text=True)
    assert client.get("/missing").status_code == 404


def test_api_callers_get_json_errors(app):
    response = app.test_client().get("/refused", headers={"Accept": "application/json"})
    assert response.status_code == 422
    assert response.get_json() == {"error": "办理条件不满足", "message": "收到日期不能晚于今天"}


def test_security_headers_are_on_every_response(app):
    response = app.test_client().get("/healthz")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
