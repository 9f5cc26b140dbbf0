"""A PostgreSQL server for the integration tests.

Order of preference: ``XXGK_TEST_POSTGRES_URL`` (an existing server), else a throwaway cluster started from the
installed PostgreSQL binaries. When neither is possible the tests that need it skip with the reason.
"""
from __future__ import annotations


def server_url() -> tuple[str | None, str]:
    """(url, reason): a URL of a database the tests may freely use, or None and why not."""
    return None, "PostgreSQL test server support not implemented yet"
