"""The inbox (``/inbox/``): the signed-in user's escalation alerts, filtered by level and 未读/全部, marked read
one by one or all at once. A proposal's button posts to the case's action route (``cases.perform_action``):
the normal service, role-checked on the server. Queries: ``workflow.queries.inbox``."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from web.actions import CONFIRMATIONS
from web.params import parse_int
from workflow.errors import InvalidInput
from workflow.queries.inbox import ALERT_LEVEL_LABELS, inbox
from workflow.services.alerts import mark_read

bp = Blueprint("inbox", __name__, url_prefix="/inbox")
SHOW = {"all": "全部", "unread": "未读"}


def _factory():
    from web import session_factory
    return session_factory(current_app)


def _filters(values) -> dict[str, str]:
    """The filters to keep in the URL: a known level and 未读/全部 (anything else is dropped)."""
    kept = {"level": values.get("level", ""), "show": values.get("show", "")}
    return {k: v for k, v in kept.items() if v in (ALERT_LEVEL_LABELS if k == "level" else SHOW)}


@bp.get("/")
@login_required
def index():
    args, page, error = request.args, None, None
    try:
        page = inbox(_factory(), actor_id=current_user.id, level=args.get("level") or None,
                     unread_only=args.get("show") == "unread",
                     page=parse_int(args.get("page"), field="page", label="页码", default=1))
    except InvalidInput as exc:
        error = exc.message
    return render_template("inbox/inbox.html", page=page, error=error, args=args, levels=ALERT_LEVEL_LABELS,
                           shows=SHOW, confirmations=CONFIRMATIONS), 200 if error is None else 422


@bp.post("/<int:recipient_id>/read")
@login_required
def read_one(recipient_id: int):
    mark_read(_factory(), user_id=current_user.id, recipient_ids=[recipient_id])  # NotFound: another's → 404
    return redirect(url_for("inbox.index", **_filters(request.form)))


@bp.post("/read-all")
@login_required
def read_all():
    count = mark_read(_factory(), user_id=current_user.id)
    flash(f"已将 {count} 条提醒标为已读。" if count else "没有未读提醒。", "success")
    return redirect(url_for("inbox.index", **_filters(request.form)))
