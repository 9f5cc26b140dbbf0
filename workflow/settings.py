"""Settings: defaults, then the instance file, then ``XXGK_*`` environment variables; validated at start-up.

Every setting is declared in :data:`SETTINGS` with its parser; an unknown ``XXGK_`` variable or instance-file key
is an error (a misspelt ``XXGK_DATABSE_URL`` must not silently fall back to the default database).
Nothing is read at import time: call :func:`load_settings` with the environment to use.
"""
from __future__ import annotations

import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Optional

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

ENV_PREFIX = "XXGK_"
# Variables with this prefix that are not application settings: the test suite's and Alembic's own.
NON_SETTING_VARIABLES = ("XXGK_TEST_", "XXGK_INSTANCE_PATH")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message is meant for the operator."""


@dataclass(frozen=True)
class Settings:
    instance_path: Path
    database_url: str
    secret_key: str
    sqlite_busy_timeout_ms: int
    postgres_lock_timeout_ms: int
    session_idle_minutes: int
    sign_in_max_failures: int
    sign_in_lock_minutes: int
    secure_cookies: bool
    proxy_hops: int
    due_soon_days: int
    urgent_days: int
    smtp_host: Optional[str]
    smtp_port: int
    smtp_security: str
    smtp_user: Optional[str]
    smtp_password: Optional[str]
    smtp_sender: Optional[str]
    smtp_timeout_seconds: int
    base_url: Optional[str]
    calendar_dir: Path

    @property
    def mail_configured(self) -> bool:
        """True when escalation digests are to be e-mailed (a host and a sender are set)."""
        return bool(self.smtp_host and self.smtp_sender)


def _database_url(value: Any) -> str:
    try:
        url = make_url(str(value))
    except ArgumentError as exc:
        raise SettingsError(f"XXGK_DATABASE_URL 格式不正确：{value!r}（应形如 sqlite:///路径 或 "
                            "postgresql+psycopg://用户:密码@主机/库名）") from exc
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise SettingsError(f"XXGK_DATABASE_URL 只支持 SQLite 或 PostgreSQL，收到：{url.get_backend_name()}")
    return str(value)


def _secret_key(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SettingsError("XXGK_SECRET_KEY 不能为空")
    return value


def _whole_number(name: str, low: int, high: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = low - 1
        if isinstance(value, bool) or not low <= number <= high:
            raise SettingsError(f"{ENV_PREFIX}{name.upper()} 应为 {low}–{high} 之间的整数，收到：{value!r}")
        return number
    return parse


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
        raise SettingsError(f"{ENV_PREFIX}SECURE_COOKIES 应为 true 或 false，收到：{value!r}")
    return text in ("1", "true", "yes", "on")


def _text(name: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        text = str(value).strip()
        if not text or any(ch in text for ch in "\r\n"):
            raise SettingsError(f"{ENV_PREFIX}{name.upper()} 不能为空或含换行，收到：{value!r}")
        return text
    return parse


def _password(value: Any) -> str:
    """A password exactly as given (spaces are part of it); only a line break is refused."""
    text = str(value)
    if any(ch in text for ch in "\r\n"):
        raise SettingsError(f"{ENV_PREFIX}SMTP_PASSWORD 不能含换行")
    return text


SMTP_SECURITY = ("starttls", "ssl", "none")


def _smtp_security(value: Any) -> str:
    text = str(value).strip().lower()
    if text not in SMTP_SECURITY:
        raise SettingsError(f"{ENV_PREFIX}SMTP_SECURITY 应为 starttls、ssl 或 none，收到：{value!r}")
    return text


def _directory(value: Any) -> Path:
    path = Path(str(value).strip()).expanduser()
    if not str(value).strip() or not path.is_absolute():
        raise SettingsError(f"{ENV_PREFIX}CALENDAR_DIR 应为绝对路径，收到：{value!r}")
    return path


def _base_url(value: Any) -> str:
    text = str(value).strip().rstrip("/")
    if not re.match(r"^https?://[^\s/?#]+(/[^\s?#]*)?$", text):
        raise SettingsError(f"{ENV_PREFIX}BASE_URL 应为 http:// 或 https:// 开头的网址（如 "
                            f"https://xxgk.example.gov.cn），收到：{value!r}")
    return text


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


# name -> (parser, default given the instance folder)
SETTINGS: dict[str, tuple[Callable[[Any], Any], Callable[[Path], Any]]] = {
    "database_url": (_database_url, _default_database_url),
    "secret_key": (_secret_key, _instance_secret),
    # how long a writer waits for another writer's lock (ms) before 「系统繁忙，请稍后重试」 (DatabaseBusy)
    "sqlite_busy_timeout_ms": (_whole_number("sqlite_busy_timeout_ms", 0, 600_000), lambda _instance: 10_000),
    "postgres_lock_timeout_ms": (_whole_number("postgres_lock_timeout_ms", 0, 600_000),
                                 lambda _instance: 10_000),
    # staff sign-in: sessions end after this much inactivity; N failures in a row lock a user name for
    # M minutes
    "session_idle_minutes": (_whole_number("session_idle_minutes", 1, 24 * 60), lambda _instance: 30),
    "sign_in_max_failures": (_whole_number("sign_in_max_failures", 1, 100), lambda _instance: 5),
    "sign_in_lock_minutes": (_whole_number("sign_in_lock_minutes", 1, 24 * 60), lambda _instance: 15),
    # true when served over HTTPS (behind the reverse proxy): cookies are then sent only over HTTPS
    "secure_cookies": (_flag, lambda _instance: False),
    # reverse proxies in front of the app whose X-Forwarded-For/-Proto are trusted (0: none, direct access)
    "proxy_hops": (_whole_number("proxy_hops", 0, 5), lambda _instance: 0),
    # escalation levels (DOMAIN §7): 临期 at most this many working days left, 紧急 at most that many
    "due_soon_days": (_whole_number("due_soon_days", 0, 60), lambda _instance: 5),
    "urgent_days": (_whole_number("urgent_days", 0, 60), lambda _instance: 2),
    # e-mail of escalation digests: off unless a host and a sender are set; the password only from the
    # environment or the instance file (never a command-line argument)
    "smtp_host": (_text("smtp_host"), lambda _instance: None),
    "smtp_port": (_whole_number("smtp_port", 1, 65535), lambda _instance: 587),
    "smtp_security": (_smtp_security, lambda _instance: "starttls"),
    "smtp_user": (_text("smtp_user"), lambda _instance: None),
    "smtp_password": (_password, lambda _instance: None),
    "smtp_sender": (_text("smtp_sender"), lambda _instance: None),
    "smtp_timeout_seconds": (_whole_number("smtp_timeout_seconds", 1, 300), lambda _instance: 30),
    # the address staff open the system at, e.g. https://xxgk.example.gov.cn: makes the case links in
    # e-mail digests clickable (without it they are paths such as /cases/12)
    "base_url": (_base_url, lambda _instance: None),
    # the calendar years installed by this installation's administrators (xxgk calendar install, the admin
    # page), merged with the package's rules/calendar/data; every worker must see the same folder
    "calendar_dir": (_directory, lambda instance: instance / "calendar"),
}


def _from_environment(environ: Mapping[str, str]) -> dict[str, str]:
    values = {}
    for key, value in environ.items():
        if not key.startswith(ENV_PREFIX) or key.startswith(NON_SETTING_VARIABLES):
            continue
        name = key[len(ENV_PREFIX):].lower()
        if name not in SETTINGS:
            known = "、".join(ENV_PREFIX + n.upper() for n in SETTINGS)
            raise SettingsError(f"未知的环境变量 {key}（可用：{known}）")
        if not value.strip():  # set but empty: a deployment mistake, never "use the default"
            raise SettingsError(f"环境变量 {key} 已设置但为空：请填写有效值，或删除该变量以使用默认值")
        values[name] = value
    return values


def _from_instance_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise SettingsError(f"{path}: 不是有效的 JSON（第 {exc.lineno} 行）") from exc
    unknown = sorted(set(data) - set(SETTINGS)) if isinstance(data, dict) else ["（不是 JSON 对象）"]
    if unknown:
        raise SettingsError(f"{path}: 未知的设置项 {'、'.join(unknown)}（可用：{'、'.join(SETTINGS)}）")
    return data


def load_settings(instance_path: str | os.PathLike[str], environ: Mapping[str, str] | None = None,
                  overrides: Mapping[str, Any] | None = None) -> Settings:
    """Build validated settings. ``overrides`` keys that name no setting are ignored (they are Flask config).

    Raises :class:`SettingsError` naming the offending variable or file.
    """
    instance = Path(instance_path)
    values = _from_instance_file(instance / "settings.json")
    values.update(_from_environment(os.environ if environ is None else environ))
    values.update({k.lower(): v for k, v in (overrides or {}).items() if k.lower() in SETTINGS})
    parsed = {name: parse(values[name]) if values.get(name) is not None else default(instance)
              for name, (parse, default) in SETTINGS.items()}
    if parsed["urgent_days"] > parsed["due_soon_days"]:
        raise SettingsError(f"{ENV_PREFIX}URGENT_DAYS（{parsed['urgent_days']}）不能大于 "
                            f"{ENV_PREFIX}DUE_SOON_DAYS（{parsed['due_soon_days']}）")
    return Settings(instance_path=instance, **parsed)
