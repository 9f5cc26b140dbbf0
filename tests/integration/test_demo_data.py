"""`xxgk demo load` builds realistic data through the real services, on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import func, select

from migrations import alembic_config
from workflow.db import make_engine, make_session_factory
from workflow.demo.loader import demo_loaded, load_demo
from workflow.demo.scenarios import CATEGORIES, SCENARIOS
from workflow.models import ApplicantType, Application, Channel, History, Remedy, Stage

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
