"""The main navigation, by role; an entry whose page does not exist in this app is not shown. The header's
unread-alert count (「提醒 (3)」)."""
from __future__ import annotations

import logging
from typing import Optional

from flask import Flask, current_app, g
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from workflow.errors import DomainError
from workflow.models import Role
from workflow.queries.inbox import unread_count

ALL_STAFF = (Role.CLERK, Role.REVIEWER, Role.SUPERVISOR, Role.ADMIN)
NAV = (
    ("board.index", "期限看板", ALL_STAFF),
    ("board.mine", "我的案件", (Role.CLERK,)),
    ("board.review_queue", "待我审核", (Role.REVIEWER,)),
    ("cases.register_page", "登记申请", (Role.CLERK,)),
    ("admin.index", "系统管理", (Role.ADMIN,)),
    ("jobs_admin.index", "任务与邮件", (Role.ADMIN,)),
)


def nav_items() -> list[tuple[str, str, tuple[Role, ...]]]:
    """The entries of :data:`NAV` the current user may open."""
    if not current_user.is_authenticated:
        return []
    return [item for item in NAV
            if item[0] in current_app.view_functions and current_user.has_role(*item[2])]


def unread_alerts() -> Optional[int]:
    """The signed-in user's unread alerts (one indexed COUNT per request), None when signed out or when the
    database cannot say (the page is still shown, without the number)."""
    if not current_user.is_authenticated:
        return None
    if "xxgk_unread_alerts" not in g:
        from web import session_factory
        try:
            g.xxgk_unread_alerts = unread_count(session_factory(current_app), current_user.id)
        except (SQLAlchemyError, DomainError):
            logging.getLogger(__name__).warning("unread alert count unavailable", exc_info=True)
            g.xxgk_unread_alerts = None
    return g.xxgk_unread_alerts


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(nav_items=nav_items, unread_alerts=unread_alerts)
