"""Alembic migrations of the xxgk schema.

``alembic_config(url)`` builds a configuration for any database URL.
"""
from __future__ import annotations

from pathlib import Path

from alembic.config import Config

HERE = Path(__file__).resolve().parent


def alembic_config(url: str | None = None) -> Config:
    """The Alembic configuration of this package; ``url`` overrides the settings' ``XXGK_DATABASE_URL``."""
    config = Config(str(HERE / "alembic.ini"))
    config.set_main_option("script_location", str(HERE))
    if url:
        config.attributes["database_url"] = url
    return config
