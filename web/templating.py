"""Template helpers: the current URL with changed parameters, Beijing time for recorded moments."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Flask, request, url_for

from workflow.legal_time import LEGAL_TZ


def url_with(**changes) -> str:
    """The current page's URL with some query parameters changed (filters stay in the URL)."""
    args = request.args.to_dict()
    args.update({key: str(value) for key, value in changes.items()})
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def beijing(moment: datetime | None) -> str:
    """A recorded UTC moment as Beijing time, ``2026-12-01 10:05``."""
    if moment is None:
        return "—"
    aware = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return aware.astimezone(LEGAL_TZ).strftime("%Y-%m-%d %H:%M")


def init_app(app: Flask) -> None:
    from workflow.labels import choice_label
    app.jinja_env.globals.update(url_with=url_with, choice_label=choice_label)
    app.jinja_env.filters["beijing"] = beijing
