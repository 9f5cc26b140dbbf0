"""Alembic environment: URL from the caller or the xxgk settings; batch mode on SQLite; type comparison on."""
from __future__ import annotations

import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import event

from workflow.db import make_engine
from workflow.models import Base
from workflow.settings import load_settings

config = context.config
if config.config_file_name and not config.attributes.get("skip_logging"):
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _database_url() -> str:
    url = config.attributes.get("database_url")
    if url:
        return url
    return load_settings(os.environ.get("XXGK_INSTANCE_PATH", "instance")).database_url


def _configure(connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, compare_type=True,
                      render_as_batch=connection.dialect.name == "sqlite")


def run_migrations_offline() -> None:
    context.configure(url=_database_url(), target_metadata=Base.metadata, literal_binds=True,
                      compare_type=True, render_as_batch=_database_url().startswith("sqlite"))
    with context.begin_transaction():
        context.run_migrations()


def _foreign_keys_off(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # outside any transaction: the pragma takes effect


def _check_foreign_keys(connection) -> None:
    """SQLite: every reference still resolves after the batch copies (checked once, before the commit)."""
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        raise RuntimeError(f"迁移后存在无法对应的外键引用：{broken[:5]}")


def run_migrations_online() -> None:
    engine = make_engine(_database_url())
    sqlite = engine.dialect.name == "sqlite"
    if sqlite:  # batch mode drops and recreates tables that other rows reference (SQLite cannot defer that)
        event.listen(engine, "connect", _foreign_keys_off)
    try:
        with engine.connect() as connection:
            _configure(connection)
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    _check_foreign_keys(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
