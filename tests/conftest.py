"""Shared fixtures: real databases only (SQLite file in a temp dir, PostgreSQL when a server can be had)."""
from __future__ import annotations

import os

import pytest

from tests.support import postgres


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path) -> str:
    """An empty database, once on SQLite and once on PostgreSQL (a fresh database per test).

    Without a PostgreSQL server the postgresql case skips with the reason, or fails when
    ``XXGK_TEST_REQUIRE_POSTGRES`` is set (CI sets it, so those tests cannot silently stop running).
    """
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite3'}"
    url, reason = postgres.server_url()
    if url is None:
        if os.environ.get("XXGK_TEST_REQUIRE_POSTGRES"):
            pytest.fail(f"XXGK_TEST_REQUIRE_POSTGRES is set but {reason}", pytrace=False)
        pytest.skip(reason)
    return postgres.fresh_database(url)


@pytest.fixture(autouse=True)
def installed_calendar_dir(tmp_path_factory, monkeypatch):
    """Each test's own (empty) folder of installed calendar years, never the checkout's ``instance/calendar``
    of ``make run``; afterwards the calendar is the package's data alone again."""
    from rules.calendar import set_installation_dir

    folder = tmp_path_factory.mktemp("installed-calendar")
    monkeypatch.setenv("XXGK_CALENDAR_DIR", str(folder))
    yield folder
    set_installation_dir(None)
