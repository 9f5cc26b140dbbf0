"""The main navigation, by role; an entry whose page does not exist in this app is not shown."""
from __future__ import annotations

from flask import Flask, current_app
from flask_login import current_user

from workflow.models import Role

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


def init_app(app: Flask) -> None:
    app.jinja_env.globals["nav_items"] = nav_items
