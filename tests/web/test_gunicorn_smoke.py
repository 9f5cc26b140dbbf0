"""The production server for real: gunicorn with 2 workers against PostgreSQL, a sign-in and the board."""
from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from rules.agencies import AgencyKind
from tests.support import postgres
from workflow.db import make_engine, make_session_factory
from workflow.models import Agency, Role, User
from workflow.passwords import hash_password

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_url(tmp_path):
    url, reason = postgres.server_url()
    if url is None:
        if os.environ.get("XXGK_TEST_REQUIRE_POSTGRES"):
            pytest.fail(f"XXGK_TEST_REQUIRE_POSTGRES is set but {reason}", pytrace=False)
        pytest.skip(reason)
    return postgres.fresh_database(url)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _migrate_and_add_clerk(url: str) -> None:
    from alembic import command

    from migrations import alembic_config
    command.upgrade(alembic_config(url), "head")
    engine = make_engine(url)
    with make_session_factory(engine).begin() as session:
        agency = Agency(name="某市交通运输局", kind=AgencyKind.DEPARTMENT, government="某市人民政府")
        session.add(agency)
        session.flush()
        user = User(name="王窗口", username="clerk", agency_id=agency.id,
                    password_hash=hash_password("desk-2026a"))
        user.roles.append(Role.CLERK)
        session.add(user)
    engine.dispose()


def _wait(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn exited: {process.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("gunicorn did not answer within 30 s")


def _read(opener, url: str, data: bytes | None = None) -> str:
    with opener.open(url, data=data, timeout=10) as response:
        return response.read().decode()


def test_gunicorn_with_two_workers_serves_sign_in_and_the_board(pg_url, tmp_path):
    _migrate_and_add_clerk(pg_url)
    port = _free_port()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("XXGK_")},
           "XXGK_DATABASE_URL": pg_url, "XXGK_SECRET_KEY": "smoke-test-secret"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}", "web.wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base, process)
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        login = _read(opener, base + "/login")
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login).group(1)
        form = urllib.parse.urlencode({"username": "clerk", "password": "desk-2026a", "csrf_token": token})
        signed_in = _read(opener, base + "/login", form.encode())
        assert "期限看板" in signed_in  # redirected to the board
        for _ in range(4):  # requests land on both workers: the session lives in the signed cookie
            assert "期限看板" in _read(opener, base + "/board/")
    except Exception as exc:  # show what the server logged (a 500's traceback is only in its log)
        process.terminate()
        log = process.communicate(timeout=15)[1].decode(errors="replace")
        raise AssertionError(f"{exc}\n--- gunicorn log ---\n{log[-6000:]}") from exc
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=15)
        process.stderr.close()
