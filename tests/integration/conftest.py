"""Workflow fixtures on real databases: a schema, one agency with a user per role, and a case factory.
The helpers the tests import live in :mod:`tests.support.factories`."""
from __future__ import annotations

import pytest

from tests.support.factories import People, drive_case, make_people
from tests.support.schema import stamp_head
from workflow.db import make_engine, make_session_factory
from workflow.models import Base


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    Base.metadata.create_all(engine)
    stamp_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine):
    return make_session_factory(engine)


@pytest.fixture
def people(session_factory) -> People:
    return make_people(session_factory)


@pytest.fixture
def create_case(session_factory, people):
    """``create_case(state)`` registers a case and drives it to ``state`` through the services."""
    def create(state: str = "registration.processing"):
        return drive_case(session_factory, people, state)
    return create
