"""A database brought to an Alembic revision by the real migrations (not ``create_all``)."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from migrations import alembic_config
from workflow.db import make_engine


@contextmanager
def migrated(database_url: str, revision: str = "head") -> Iterator[tuple[Config, Engine]]:
    """(Alembic config, engine) of ``database_url`` upgraded to ``revision``; the engine is disposed after."""
    config = alembic_config(database_url)
    config.attributes["skip_logging"] = True
    command.upgrade(config, revision)
    engine = make_engine(database_url)
    try:
        yield config, engine
    finally:
        engine.dispose()
