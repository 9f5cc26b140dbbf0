"""Web-page fixtures: the app on a migrated SQLite database with two agencies' staff (password known)."""
from __future__ import annotations

import pytest

from tests.support.factories import People
from tests.support.web import migrated_app, people_with_password, sign_in
from web import session_factory
from workflow.passwords import hash_password

PASSWORD = "window-desk-2026"


@pytest.fixture(scope="session")
def password_hash() -> str:
    return hash_password(PASSWORD)


@pytest.fixture
def app(tmp_path):
    return migrated_app(f"sqlite:///{tmp_path / 'web.sqlite3'}")


@pytest.fixture
def people(app, password_hash) -> People:
    return people_with_password(session_factory(app), password_hash)


@pytest.fixture
def signed_in(app, people):
    """``signed_in("clerk")``: a test client signed in as that user."""
    def client_for(username: str):
        client = app.test_client()
        response = sign_in(client, username, PASSWORD)
        assert response.status_code == 302, response.get_data(as_text=True)
        return client
    return client_for
