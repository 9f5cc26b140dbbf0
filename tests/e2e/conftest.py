"""Browser fixtures: a migrated SQLite database, the app served on loopback, the system Chromium.

The e2e tests skip with the reason when Chromium or playwright is missing, unless ``XXGK_TEST_REQUIRE_BROWSER``
is set (CI sets it: there they must run).
"""
from __future__ import annotations

import os

import pytest

from tests.support import browser as support
from web import create_app


@pytest.fixture(scope="session")
def browser():
    reason = support.unavailable_reason()
    if reason:
        if os.environ.get("XXGK_TEST_REQUIRE_BROWSER"):
            pytest.fail(f"XXGK_TEST_REQUIRE_BROWSER is set but {reason}", pytrace=False)
        pytest.skip(reason)
    with support.chromium() as chromium:
        yield chromium


@pytest.fixture
def web_app(tmp_path):
    from migrations import alembic_config
    from alembic import command

    url = f"sqlite:///{tmp_path / 'e2e.sqlite3'}"
    command.upgrade(alembic_config(url), "head")
    return create_app({"TESTING": True, "database_url": url, "secret_key": "e2e-secret"})


@pytest.fixture
def base_url(web_app):
    with support.live_server(web_app) as url:
        yield url


@pytest.fixture
def page(browser, base_url):
    context = support.new_context(browser, base_url)
    yield context.new_page()
    context.close()
