"""Settings are declared, parsed and validated at start-up; unknown XXGK_ names are refused."""
from __future__ import annotations

import json

import pytest

from workflow.settings import SettingsError, load_settings


def test_defaults_use_a_sqlite_file_and_a_generated_secret_in_the_instance_folder(tmp_path):
    settings = load_settings(tmp_path, environ={})
    assert settings.database_url == f"sqlite:///{tmp_path / 'xxgk.sqlite3'}"
    assert len(settings.secret_key) == 64 and (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    assert load_settings(tmp_path, environ={}).secret_key == settings.secret_key
    assert settings.sqlite_busy_timeout_ms == settings.postgres_lock_timeout_ms == 10_000


def test_environment_overrides_the_instance_file_which_overrides_defaults(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"database_url": "sqlite:////tmp/a.db",
                                                        "sqlite_busy_timeout_ms": 500}), encoding="utf-8")
    settings = load_settings(tmp_path, environ={"XXGK_DATABASE_URL": "postgresql+psycopg://u:p@127.0.0.1/x"})
    assert settings.database_url.startswith("postgresql+psycopg://") and settings.sqlite_busy_timeout_ms == 500


@pytest.mark.parametrize("environ,message", [
    ({"XXGK_DATABSE_URL": "sqlite:////tmp/x"}, "未知的环境变量 XXGK_DATABSE_URL"),
    ({"XXGK_DATABASE_URL": "not a url"}, "XXGK_DATABASE_URL 格式不正确"),
    ({"XXGK_DATABASE_URL": "mysql://u@h/db"}, "只支持 SQLite 或 PostgreSQL"),
    ({"XXGK_SQLITE_BUSY_TIMEOUT_MS": "soon"}, "XXGK_SQLITE_BUSY_TIMEOUT_MS"),
    ({"XXGK_POSTGRES_LOCK_TIMEOUT_MS": "-1"}, "XXGK_POSTGRES_LOCK_TIMEOUT_MS 应为 0–600000"),
    ({"XXGK_SECRET_KEY": "   "}, "XXGK_SECRET_KEY 已设置但为空"),
    ({"XXGK_DATABASE_URL": ""}, "XXGK_DATABASE_URL 已设置但为空"),
    ({"XXGK_URGENT_DAYS": "6"}, "XXGK_URGENT_DAYS（6）不能大于 XXGK_DUE_SOON_DAYS（5）"),
    ({"XXGK_SMTP_SECURITY": "tls"}, "XXGK_SMTP_SECURITY 应为 starttls、ssl 或 none"),
    ({"XXGK_SMTP_PORT": "70000"}, "XXGK_SMTP_PORT 应为 1–65535"),
    ({"XXGK_BASE_URL": "xxgk.example.gov.cn"}, "XXGK_BASE_URL 应为 http:// 或 https:// 开头的网址"),
])
def test_bad_or_unknown_variables_are_refused_with_the_variable_named(tmp_path, environ, message):
    with pytest.raises(SettingsError, match=message):
        load_settings(tmp_path, environ=environ)


def test_mail_is_off_until_a_host_and_a_sender_are_set(tmp_path):
    assert not load_settings(tmp_path, environ={}).mail_configured
    settings = load_settings(tmp_path, environ={"XXGK_SMTP_HOST": "mail.example.gov.cn",
                                                "XXGK_SMTP_SENDER": "xxgk@example.gov.cn"})
    assert settings.mail_configured and (settings.smtp_port, settings.smtp_security) == (587, "starttls")
    assert (settings.due_soon_days, settings.urgent_days) == (5, 2)


def test_an_smtp_password_is_kept_exactly_spaces_included(tmp_path):
    settings = load_settings(tmp_path, environ={"XXGK_SMTP_PASSWORD": " pass word "})
    assert settings.smtp_password == " pass word "
    with pytest.raises(SettingsError, match="XXGK_SMTP_PASSWORD 不能含换行"):
        load_settings(tmp_path, environ={"XXGK_SMTP_PASSWORD": "a\nb"})


def test_test_suite_variables_are_not_application_settings(tmp_path):
    load_settings(tmp_path, environ={"XXGK_TEST_POSTGRES_URL": "x", "XXGK_INSTANCE_PATH": "instance"})


def test_an_unknown_key_in_the_instance_file_is_refused(tmp_path):
    (tmp_path / "settings.json").write_text('{"databse_url": "x"}', encoding="utf-8")
    with pytest.raises(SettingsError, match="未知的设置项 databse_url"):
        load_settings(tmp_path, environ={})


def test_an_empty_value_in_the_instance_file_is_refused(tmp_path):
    (tmp_path / "settings.json").write_text('{"secret_key": ""}', encoding="utf-8")
    with pytest.raises(SettingsError, match="XXGK_SECRET_KEY 不能为空"):
        load_settings(tmp_path, environ={})
