"""A PostgreSQL server for the integration tests.

Order of preference: ``XXGK_TEST_POSTGRES_URL`` (an existing server), else a throwaway cluster started once
per test session from the installed PostgreSQL binaries (``/usr/lib/postgresql/<version>/bin``). When neither
is possible the tests that need it skip with the reason.

The throwaway cluster lives in a fresh temporary directory, listens only on 127.0.0.1 on a free port, runs
without fsync, and is owned by the ``postgres`` OS user when the tests run as root (initdb refuses root).
A watchdog process holds the read end of a pipe whose write end only this process has: when this process
exits (normally via atexit, or killed), the watchdog stops the server and removes the directory, so no server
outlives the test run.
"""
from __future__ import annotations

import atexit
import glob
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

URL_ENV_VAR = "XXGK_TEST_POSTGRES_URL"
BINARIES_GLOB = "/usr/lib/postgresql/*/bin"
SERVER_OS_USER = "postgres"
TEST_ROLE = "xxgk_test"
START_TIMEOUT_SECONDS = 30
SERVER_SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "shared_buffers": "'16MB'",
    "max_connections": "50",
}
# Runs as the watchdog: block until the pipe closes (this process ended), then stop the server and clean up.
# $0 is the cluster directory, "$@" the pg_ctl stop command.
_WATCHDOG_SCRIPT = 'cat >/dev/null; "$@" >/dev/null 2>&1; rm -rf "$0"'

_session: dict[str, tuple[str | None, str]] = {}


class ClusterUnavailable(Exception):
    """A throwaway cluster could not be started; the message says why."""


def server_url() -> tuple[str | None, str]:
    """(url, reason): a ``postgresql+psycopg://`` URL of a server the tests may use, or None and why not.

    ``XXGK_TEST_POSTGRES_URL`` wins when set; otherwise the session's throwaway cluster (started on the first
    call, then cached, also when it could not be started).
    Raises nothing: every failure becomes the reason.
    """
    configured = os.environ.get(URL_ENV_VAR, "").strip()
    if configured:
        return _with_psycopg_driver(configured), f"from {URL_ENV_VAR}"
    if "cluster" not in _session:
        try:
            _session["cluster"] = (start_cluster(), "throwaway cluster started for this test session")
        except ClusterUnavailable as unavailable:
            _session["cluster"] = (None, str(unavailable))
        except OSError as error:
            _session["cluster"] = (None, f"could not start a PostgreSQL cluster: {error}")
    return _session["cluster"]


def fresh_database(url: str) -> str:
    """Create a new, uniquely named, empty database on the server at ``url`` and return its URL.

    Databases on a server named by ``XXGK_TEST_POSTGRES_URL`` are dropped at exit; those on the throwaway
    cluster go with the cluster. Raises ``psycopg.Error`` when the server refuses.
    """
    name = f"xxgk_test_{secrets.token_hex(6)}"
    with psycopg.connect(_libpq_url(url), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    if not _is_session_cluster(url):  # someone else's server: clean up after ourselves
        atexit.register(_drop_database, url, name)
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def start_cluster(binaries_glob: str | None = None) -> str:
    """Start a throwaway cluster from the newest binaries matching ``binaries_glob``; return its URL.

    The cluster is stopped and its directory removed when this process exits.
    Raises ClusterUnavailable (binaries missing, no OS user to run them as, initdb or start-up failed).
    """
    pattern = binaries_glob or BINARIES_GLOB
    bin_dir = _newest_binaries(pattern)
    if bin_dir is None:
        raise ClusterUnavailable(f"no PostgreSQL binaries found in {pattern}")
    run_as = _server_command_prefix()
    root = Path(tempfile.mkdtemp(prefix="xxgk-pg-"))
    data = root / "data"
    pg_ctl = str(bin_dir / "pg_ctl")
    _register_watchdog(root, [*run_as, pg_ctl, "stop", "-D", str(data), "-m", "immediate", "-w"])
    password = secrets.token_urlsafe(18)
    _prepare_directory(root, password, owned_by_server_user=bool(run_as))
    _run(run_as + [str(bin_dir / "initdb"), "-D", str(data), "-U", TEST_ROLE, f"--pwfile={root / 'password'}",
                   "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
         "initdb failed")
    port = _free_port()
    _write_settings(data / "postgresql.conf", port, root)
    _run(run_as + [pg_ctl, "start", "-D", str(data), "-l", str(root / "server.log"), "-w",
                   "-t", str(START_TIMEOUT_SECONDS)],
         "PostgreSQL server did not start", log=root / "server.log")
    return f"postgresql+psycopg://{TEST_ROLE}:{password}@127.0.0.1:{port}/postgres"


def _newest_binaries(pattern: str) -> Path | None:
    candidates = [Path(d) for d in glob.glob(pattern)
                  if all((Path(d) / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres"))]

    def version(path: Path) -> list[int]:
        return [int(part) for part in re.findall(r"\d+", str(path))]

    return max(candidates, key=version, default=None)


def _server_command_prefix() -> list[str]:
    """How to run server binaries: as ourselves, or as the ``postgres`` OS user when we are root."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(SERVER_OS_USER)
    except KeyError:
        raise ClusterUnavailable(
            f"running as root (initdb refuses root) and there is no '{SERVER_OS_USER}' OS user to run it as"
        ) from None
    runuser = shutil.which("runuser")
    if runuser is None:
        raise ClusterUnavailable("running as root (initdb refuses root) and runuser is not installed")
    return [runuser, "-u", SERVER_OS_USER, "--"]


def _register_watchdog(root: Path, stop_command: list[str]) -> None:
    watchdog = subprocess.Popen(
        ["sh", "-c", _WATCHDOG_SCRIPT, str(root), *stop_command],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )

    def stop_now() -> None:
        watchdog.stdin.close()
        watchdog.wait(timeout=60)

    atexit.register(stop_now)


def _prepare_directory(root: Path, password: str, *, owned_by_server_user: bool) -> None:
    (root / "password").write_text(password + "\n", encoding="utf-8")
    if owned_by_server_user:
        user = pwd.getpwnam(SERVER_OS_USER)
        for path in (root, root / "password"):
            os.chown(path, user.pw_uid, user.pw_gid)


def _write_settings(config: Path, port: int, socket_dir: Path) -> None:
    settings = {**SERVER_SETTINGS, "port": str(port), "unix_socket_directories": f"'{socket_dir}'"}
    with config.open("a", encoding="utf-8") as file:
        file.write("\n# xxgk throwaway test cluster\n")
        file.writelines(f"{key} = {value}\n" for key, value in settings.items())


def _run(command: list[str], failure: str, log: Path | None = None) -> None:
    result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        output = result.stderr + result.stdout
        if log is not None and log.exists():
            output += log.read_text(encoding="utf-8", errors="replace")
        raise ClusterUnavailable(f"{failure}: {_tail(output)}")


def _tail(output: str, lines: int = 5) -> str:
    kept = [line.strip() for line in output.strip().splitlines() if line.strip()][-lines:]
    return " | ".join(kept) or "no output"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _with_psycopg_driver(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _libpq_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _is_session_cluster(url: str) -> bool:
    return "cluster" in _session and _session["cluster"][0] == url


def _drop_database(url: str, name: str) -> None:
    with psycopg.connect(_libpq_url(url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
