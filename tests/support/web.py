"""Helpers for test-client tests of the web pages: CSRF tokens, signing in, the app on a migrated database."""
from __future__ import annotations

import re

from web import create_app

_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def migrated_app(url: str, **config):
    """The app on ``url`` after ``alembic upgrade head``."""
    from alembic import command

    from migrations import alembic_config
    command.upgrade(alembic_config(url), "head")
    return create_app({"TESTING": True, "database_url": url, "secret_key": "web-test-secret", **config})


def people_with_password(session_factory, password_hash: str):
    """The factories' two agencies of staff (``make_people``), every account with ``password_hash``."""
    from sqlalchemy import select

    from tests.support.factories import make_people
    from workflow.models import User
    people = make_people(session_factory)
    with session_factory.begin() as session:
        for user in session.scalars(select(User).where(User.is_system.is_(False))):
            user.password_hash = password_hash
    return people


def csrf_token(client, path: str, **request_options) -> str:
    """The CSRF token of the form on ``path`` (GET with ``request_options``, e.g. ``base_url``)."""
    html = client.get(path, **request_options).get_data(as_text=True)
    found = _TOKEN.search(html)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def sign_in(client, username: str, password: str):
    """POST the sign-in form like a browser (with its CSRF token); returns the response."""
    token = csrf_token(client, "/login")
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token})
