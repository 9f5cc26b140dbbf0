"""A lock that cannot be had in time is DatabaseBusy 「系统繁忙，请稍后重试」 — not 「案件已被他人修改」: the case
did not change, the database was busy. A real second connection holds the lock while a service writes."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from tests.support.factories import DAY1, load, make_people, registration_data
from workflow import commands as cmd
from workflow import services as sv
from workflow.db import WRITE_OPTION, make_engine, make_session_factory
from workflow.errors import DatabaseBusy
from workflow.models import Base, Stage

SHORT_MS = 100


@pytest.fixture
def impatient(database_url):
    """(session factory with a 100 ms lock wait, people, a registered case) on a fresh schema."""
    engine = make_engine(database_url, sqlite_busy_timeout_ms=SHORT_MS, postgres_lock_timeout_ms=SHORT_MS)
    Base.metadata.create_all(engine)
    factory = make_session_factory(engine)
    people = make_people(factory)
    case = sv.register_application(factory, registration_data(), actor_id=people.clerk, today=DAY1)
    yield factory, people, case
    engine.dispose()


def _hold_lock(engine, case_id: int, locked: threading.Event, release: threading.Event) -> None:
    """In its own thread and connection: take the lock a writer of ``case_id`` needs, hold it until told."""
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as connection:  # SQLite: BEGIN IMMEDIATE
        lock = "" if engine.dialect.name == "sqlite" else " FOR UPDATE"  # PostgreSQL: the case's row lock
        connection.execute(text(f"SELECT id FROM application WHERE id = :id{lock}"), {"id": case_id})
        locked.set()
        release.wait(timeout=30)
        connection.rollback()


def test_a_lock_held_by_another_connection_is_database_busy_and_changes_nothing(impatient):
    factory, people, case = impatient
    locked, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_lock, args=(factory.kw["bind"], case.id, locked, release))
    holder.start()
    try:
        assert locked.wait(timeout=30)
        with pytest.raises(DatabaseBusy) as refused:
            sv.withdraw(
                factory, cmd.Withdraw(reason="申请人书面撤回"), actor_id=people.clerk, case_id=case.id,
                expected_version=case.version, today=DAY1)
    finally:
        release.set()
        holder.join()
    assert refused.value.message == "系统繁忙，请稍后重试"
    assert refused.value.http_status == 503
    assert load(factory, case.id).stage is Stage.REGISTRATION
    # once the lock is released the same action succeeds: retrying is the right advice
    done = sv.withdraw(
        factory, cmd.Withdraw(reason="申请人书面撤回"), actor_id=people.clerk, case_id=case.id,
        expected_version=case.version, today=DAY1)
    assert done.version == case.version + 1


def test_every_connection_carries_the_configured_lock_wait(impatient):
    factory, _, _ = impatient
    with factory() as session:
        if session.bind.dialect.name == "postgresql":
            assert session.execute(text("SHOW lock_timeout")).scalar_one() == f"{SHORT_MS}ms"
        else:
            assert session.execute(text("PRAGMA busy_timeout")).scalar_one() == SHORT_MS
