"""Shared fixtures: real databases only (SQLite file in a temp dir, PostgreSQL when a server can be had)."""
from __future__ import annotations

import pytest

from tests.support import postgres


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path) -> str:
    """An empty database, once on SQLite and once on PostgreSQL (skipped with a reason when unavailable)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite3'}"
    url, reason = postgres.server_url()
    if url is None:
        pytest.skip(reason)
    return postgres.fresh_database(url)
