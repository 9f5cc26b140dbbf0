"""The Flask application: the only package that imports Flask."""
from __future__ import annotations

from typing import Any, Mapping

from flask import Flask

from workflow.settings import load_settings


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Application factory: settings from defaults, the instance folder, then ``XXGK_*`` variables."""
    app = Flask(__name__, instance_relative_config=True)
    settings = load_settings(app.instance_path, overrides=test_config)
    app.config.update(SECRET_KEY=settings.secret_key, XXGK_SETTINGS=settings)
    if test_config:
        app.config.update({k: v for k, v in test_config.items() if k.isupper()})

    from web import cli, health

    app.register_blueprint(health.bp)
    cli.init_app(app)
    return app
