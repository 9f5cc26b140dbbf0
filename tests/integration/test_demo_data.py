"""`xxgk demo load` builds realistic data through the real services, on SQLite and PostgreSQL, in one
transaction: an interrupted load leaves nothing behind, so `--if-empty` loads it again."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, insert, select

from migrations import alembic_config
from rules.agencies import AgencyKind
from web import create_app
from workflow.db import make_engine, make_session_factory
from workflow.demo.loader import demo_loaded, load_demo
from workflow.demo.scenarios import CATEGORIES, SCENARIOS
from workflow.models import Agency, ApplicantType, Application, Channel, History, Remedy, Stage

TODAY = date(2026, 11, 20)


def test_demo_data_covers_every_stage_channel_applicant_type_and_outcome(database_url):
    command.upgrade(alembic_config(database_url), "head")
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    try:
        assert not demo_loaded(factory)
        load_demo(factory, today=TODAY, count=len(SCENARIOS) + 6)
        with factory() as session:
            count = lambda column: dict(session.execute(select(column, func.count()).group_by(column)).all())
            assert set(count(Application.stage)) == set(Stage)
            assert set(count(Application.channel)) == set(Channel)
            assert set(count(Application.applicant_type)) == set(ApplicantType)
            outcomes = set(count(Application.outcome)) - {None}
            assert outcomes >= set(CATEGORIES) | {"withhold_third_party", "unclear_after_correction",
                                                  "lapsed_correction", "lapsed_fee", "other"}
            assert session.scalar(select(func.count()).select_from(Remedy)) >= 3
            assert session.scalar(select(func.max(Application.received_on))) <= TODAY
            # every case has a history written by the services, starting with its registration
            firsts = session.scalars(select(History.trigger).distinct()).all()
            assert "register" in firsts and session.scalar(
                select(func.count(func.distinct(History.application_id)))) == len(SCENARIOS) + 6
        assert demo_loaded(factory)
    finally:
        engine.dispose()


def _cases(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(Application))
    finally:
        engine.dispose()


def _cli(url: str, *args: str):
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "t"})
    try:
        return app.test_cli_runner().invoke(args=["demo", "load", *args])
    finally:
        app.extensions["xxgk.engine"].dispose()


def test_a_demo_load_killed_half_way_leaves_nothing_and_if_empty_loads_it_again(database_url, tmp_path):
    command.upgrade(alembic_config(database_url), "head")
    log = tmp_path / "stderr.txt"
    env = {**os.environ, "XXGK_DATABASE_URL": database_url, "XXGK_SECRET_KEY": "t"}
    with open(log, "wb") as stderr:
        process = subprocess.Popen([str(Path(sys.executable).with_name("xxgk")), "demo", "load", "--count",
                                    "60"], env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    try:  # half-way: cases visible in the database (a load that commits as it goes) or progress reported
        limit = time.monotonic() + 120
        while "已生成" not in log.read_text(encoding="utf-8") and not _cases(database_url):
            assert process.poll() is None and time.monotonic() < limit, log.read_text(encoding="utf-8")
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert _cases(database_url) == 0  # one transaction: nothing of the interrupted load is left

    again = _cli(database_url, "--if-empty", "--count", "8")

    assert again.exit_code == 0, again.output
    assert "已加载演示数据：8 件申请" in again.stdout and "已生成 8/8 件" in again.stderr
    assert _cases(database_url) == 8


def test_an_error_during_the_demo_load_rolls_the_whole_load_back(database_url):
    command.upgrade(alembic_config(database_url), "head")
    engine = make_engine(database_url)

    def interrupt(done, total):
        if done == 3:
            raise KeyboardInterrupt

    try:
        with pytest.raises(KeyboardInterrupt):
            load_demo(make_session_factory(engine), today=TODAY, count=6, progress=interrupt)
        assert not demo_loaded(make_session_factory(engine))
    finally:
        engine.dispose()


def test_demo_load_reset_reloads_a_demo_database_and_refuses_real_data(database_url):
    command.upgrade(alembic_config(database_url), "head")
    assert _cli(database_url, "--count", "4").exit_code == 0
    assert "--reset" in _cli(database_url, "--if-empty").stdout  # skipped, and says how to reload

    reset = _cli(database_url, "--reset", "--count", "5")

    assert reset.exit_code == 0, reset.output
    assert _cases(database_url) == 5
    engine = make_engine(database_url)
    try:
        with engine.begin() as conn:
            conn.execute(insert(Agency).values(name="某市交通运输局", kind=AgencyKind.DEPARTMENT,
                                               government="某市人民政府"))
    finally:
        engine.dispose()
    refused = _cli(database_url, "--reset")
    assert refused.exit_code == 1 and "不能重置" in refused.stderr
    assert _cases(database_url) == 5
