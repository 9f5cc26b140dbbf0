"""The Flask application: the only package that imports Flask."""
from __future__ import annotations

from typing import Any, Mapping

from flask import Flask
from werkzeug.routing import IntegerConverter

from rules.calendar import set_installation_dir
from workflow.db import make_engine, make_session_factory
from workflow.settings import load_settings


def _init_database(app: Flask, settings) -> None:
    """One engine per application (connects lazily); views pass ``session_factory(app)`` to the services."""
    engine = make_engine(settings.database_url, sqlite_busy_timeout_ms=settings.sqlite_busy_timeout_ms,
                         postgres_lock_timeout_ms=settings.postgres_lock_timeout_ms)
    app.extensions["xxgk.engine"] = engine
    app.extensions["xxgk.session_factory"] = make_session_factory(engine)


def session_factory(app: Flask):
    """The application's session factory (services open, commit and close their own sessions)."""
    return app.extensions["xxgk.session_factory"]


def level_thresholds(app: Flask) -> dict[str, int]:
    """The installation's 临期 / 紧急 thresholds (``XXGK_DUE_SOON_DAYS``, ``XXGK_URGENT_DAYS``) as keyword
    arguments of the board and case queries, so that pages show the levels the escalation job alerts at."""
    settings = app.config["XXGK_SETTINGS"]
    return {"due_soon_days": settings.due_soon_days, "urgent_days": settings.urgent_days}


class RowIdConverter(IntegerConverter):
    """``<int:…>`` limited to 1 … 2**31 - 1, the range of the id columns (INTEGER on PostgreSQL)."""

    def __init__(self, url_map, *args, **kwargs) -> None:
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Application factory: settings from defaults, the instance folder, then ``XXGK_*`` variables."""
    app = Flask(__name__, instance_relative_config=True)
    settings = load_settings(app.instance_path, overrides=test_config)
    # no request needs more (the largest forms hold a few 100 KB texts; a calendar file is ≤ 256 KB): a larger
    # body is refused with 413 before it is read, never spooled to disk
    app.config.update(SECRET_KEY=settings.secret_key, XXGK_SETTINGS=settings,
                      MAX_CONTENT_LENGTH=4 * 1024 * 1024)
    if test_config:
        app.config.update({k: v for k, v in test_config.items() if k.isupper()})

    _init_database(app, settings)
    set_installation_dir(settings.calendar_dir)  # the calendar years installed here (docs/calendar.md)

    from flask_wtf.csrf import CSRFProtect

    from web import (
        admin, auth, board, cases, cli, errors, health, home, navigation, replies, security, templating,
    )

    # every <int:…> in a URL is a row id: larger than the 32-bit id columns is no row (404), never an
    # overflow in the database driver (500)
    app.url_map.converters["int"] = RowIdConverter
    CSRFProtect(app)
    security.init_app(app)
    errors.init_app(app)
    auth.init_app(app)
    navigation.init_app(app)
    templating.init_app(app)
    app.register_blueprint(health.bp)
    for blueprint in (home.bp, board.bp, cases.bp, replies.bp, admin.bp):
        app.register_blueprint(blueprint)
    from web import inbox  # the alerts' inbox (提醒)
    app.register_blueprint(inbox.bp)
    from web import jobs_admin  # 任务与邮件 (admins)
    app.register_blueprint(jobs_admin.bp)
    cli.init_app(app)
    if settings.proxy_hops:  # behind nginx or another reverse proxy: its client address and scheme count
        from werkzeug.middleware.proxy_fix import ProxyFix
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.proxy_hops, x_proto=settings.proxy_hops)
    return app
