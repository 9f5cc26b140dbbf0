"""A test database built with ``Base.metadata.create_all`` is the head schema: stamp it so (as
``alembic stamp head`` would, without running Alembic per test), so that the CLI and /healthz accept it."""
from __future__ import annotations

import functools

from sqlalchemy import Engine, text


@functools.cache
def head_revision() -> str:
    """The program's Alembic head (read once per test session)."""
    from alembic.script import ScriptDirectory

    from migrations import alembic_config

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def stamp_head(engine: Engine) -> None:
    """Record the head revision in ``alembic_version`` (created if absent)."""
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS alembic_version "
                                "(version_num VARCHAR(32) NOT NULL PRIMARY KEY)"))
        connection.execute(text("DELETE FROM alembic_version"))
        connection.execute(text("INSERT INTO alembic_version (version_num) VALUES (:head)"),
                           {"head": head_revision()})
