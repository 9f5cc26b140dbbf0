"""The engine factory on real databases (SQLite file and PostgreSQL), and the PostgreSQL test support."""
from __future__ import annotations

import glob
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import (Column, ForeignKey, Integer, MetaData, String, Table, func, insert, inspect, select,
                        text)
from sqlalchemy.exc import IntegrityError

from tests.support import postgres
from workflow.db import make_engine

REPOSITORY = Path(__file__).resolve().parents[2]

metadata = MetaData()
agencies = Table(
    "agencies", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False),
)
requests_ = Table(
    "requests", metadata,
    Column("id", Integer, primary_key=True),
    Column("agency_id", ForeignKey("agencies.id"), nullable=False),
)


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    metadata.create_all(engine)
    yield engine
    engine.dispose()


def count_agencies(engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(agencies))


def test_each_test_gets_an_empty_database(database_url):
    engine = make_engine(database_url)
    try:
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


def test_a_committed_row_is_read_back_on_another_connection(engine):
    with engine.begin() as connection:
        connection.execute(insert(agencies).values(id=7, name="某市人民政府办公室"))
    with engine.connect() as connection:
        assert connection.execute(select(agencies)).all() == [(7, "某市人民政府办公室")]


def test_a_transaction_that_fails_leaves_nothing_behind(engine):
    with pytest.raises(RuntimeError, match="abandon"):
        with engine.begin() as connection:
            connection.execute(insert(agencies).values(name="某县政府"))
            assert connection.scalar(select(func.count()).select_from(agencies)) == 1
            raise RuntimeError("abandon the transaction")
    assert count_agencies(engine) == 0


def test_a_row_pointing_at_a_missing_parent_is_refused(engine):
    with pytest.raises(IntegrityError):
        with engine.begin() as connection:
            connection.execute(insert(requests_).values(agency_id=999))
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(requests_)) == 0


def test_two_threads_each_commit_on_their_own_connection_and_both_rows_remain(engine):
    barrier = threading.Barrier(2, timeout=20)
    errors: list[BaseException] = []

    def register(name: str) -> None:
        try:
            with engine.connect() as connection:
                barrier.wait()  # both hold a connection before either writes
                connection.execute(insert(agencies).values(name=name))
                connection.commit()
        except BaseException as error:  # surfaced in the assertion below
            errors.append(error)

    threads = [threading.Thread(target=register, args=(name,)) for name in ("甲局", "乙局")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    with engine.connect() as connection:
        assert sorted(connection.scalars(select(agencies.c.name))) == sorted(["甲局", "乙局"])


def test_sqlite_databases_run_in_wal_mode_with_foreign_keys_on(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'wal.sqlite3'}")
    try:
        with engine.connect() as connection:
            assert connection.scalar(text("PRAGMA journal_mode")) == "wal"
            assert connection.scalar(text("PRAGMA foreign_keys")) == 1
    finally:
        engine.dispose()


def test_server_url_uses_the_environment_variable_without_starting_a_cluster(monkeypatch, tmp_path):
    monkeypatch.setattr(postgres, "_session", {})
    monkeypatch.setattr(postgres, "BINARIES_GLOB", str(tmp_path / "*" / "bin"))
    monkeypatch.setenv("XXGK_TEST_POSTGRES_URL", "postgresql://ci:s3cret@db.internal:5433/xxgk")
    assert postgres.server_url() == (
        "postgresql+psycopg://ci:s3cret@db.internal:5433/xxgk", "from XXGK_TEST_POSTGRES_URL")
    assert postgres._session == {}


def test_without_binaries_the_reason_says_where_they_were_looked_for(monkeypatch, tmp_path):
    monkeypatch.setattr(postgres, "_session", {})
    monkeypatch.setattr(postgres, "BINARIES_GLOB", str(tmp_path / "*" / "bin"))
    monkeypatch.delenv("XXGK_TEST_POSTGRES_URL", raising=False)
    expected = (None, f"no PostgreSQL binaries found in {tmp_path}/*/bin")
    assert postgres.server_url() == expected
    (tmp_path / "15" / "bin").mkdir(parents=True)
    assert postgres.server_url() == expected  # decided once per session


def test_an_initdb_failure_is_reported_with_its_own_message():
    with tempfile.TemporaryDirectory(prefix="xxgk-fake-pg-") as fake:
        os.chmod(fake, 0o755)  # the postgres OS user must be able to run these when we are root
        bin_dir = Path(fake, "99", "bin")
        bin_dir.mkdir(parents=True)
        for tool, body in [("initdb", "echo 'initdb: error: simulated failure' >&2; exit 1"),
                           ("pg_ctl", "exit 0"), ("postgres", "exit 0")]:
            (bin_dir / tool).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
            (bin_dir / tool).chmod(0o755)
        with pytest.raises(postgres.ClusterUnavailable) as raised:
            postgres.start_cluster(str(Path(fake, "*", "bin")))
    assert str(raised.value) == "initdb failed: initdb: error: simulated failure"


CHILD_SESSION = (
    "import sys\n"
    "from tests.support import postgres\n"
    "print(postgres.start_cluster(), flush=True)\n"
    "sys.stdin.read()\n"
)


@pytest.mark.postgres
@pytest.mark.parametrize("ending", ["normal exit", "killed"])
def test_no_server_outlives_the_process_that_started_it(ending):
    if not glob.glob(postgres.BINARIES_GLOB):
        pytest.skip(f"no PostgreSQL binaries found in {postgres.BINARIES_GLOB}")
    with subprocess.Popen([sys.executable, "-c", CHILD_SESSION], cwd=REPOSITORY, text=True,
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE) as child:
        libpq_url = child.stdout.readline().strip().replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(libpq_url) as connection:
            data_directory = Path(connection.execute("SHOW data_directory").fetchone()[0])
        if ending == "killed":
            child.send_signal(signal.SIGKILL)
        child.stdin.close()
        child.wait(timeout=60)
    deadline = time.monotonic() + (20 if ending == "killed" else 0)
    while data_directory.parent.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not data_directory.parent.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(libpq_url, connect_timeout=2).close()
