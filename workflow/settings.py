"""Settings: defaults, then an instance file, then ``XXGK_*`` environment variables; validated at start-up.

Nothing is read at import time: call :func:`load_settings` with the environment to use.
"""
from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

ENV_PREFIX = "XXGK_"


class SettingsError(ValueError):
    """A setting is missing or malformed; the message is meant for the operator."""


@dataclass(frozen=True)
class Settings:
    instance_path: Path
    database_url: str
    secret_key: str
    extra: Mapping[str, Any] = field(default_factory=dict)


def _default_database_url(instance_path: Path) -> str:
    return f"sqlite:///{instance_path / 'xxgk.sqlite3'}"


def _instance_secret(instance_path: Path) -> str:
    """A per-installation secret kept in the instance folder (created once, never committed)."""
    path = instance_path / "secret_key"
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def load_settings(
    instance_path: str | os.PathLike[str],
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Build validated settings. Raises :class:`SettingsError` naming the offending variable."""
    environ = os.environ if environ is None else environ
    instance = Path(instance_path)
    values: dict[str, Any] = {}
    instance_file = instance / "settings.json"
    if instance_file.exists():
        try:
            values.update(json.loads(instance_file.read_text(encoding="utf-8")))
        except json.JSONDecodeError as exc:
            raise SettingsError(f"{instance_file}: 不是有效的 JSON（第 {exc.lineno} 行）") from exc
    for key, value in environ.items():
        if key.startswith(ENV_PREFIX):
            values[key[len(ENV_PREFIX):].lower()] = value
    values.update({k.lower(): v for k, v in (overrides or {}).items()})

    known = {f.name for f in fields(Settings)} - {"instance_path", "extra"}
    database_url = str(values.pop("database_url", "") or _default_database_url(instance))
    if "://" not in database_url:
        raise SettingsError(f"XXGK_DATABASE_URL 格式不正确：{database_url!r}（应形如 sqlite:///路径 或 postgresql+psycopg://…）")
    secret_key = str(values.pop("secret_key", "") or _instance_secret(instance))
    extra = {k: v for k, v in values.items() if k not in known}
    return Settings(instance_path=instance, database_url=database_url, secret_key=secret_key, extra=extra)
