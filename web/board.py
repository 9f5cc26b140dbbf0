"""The deadline board (the home page): the agency's open cases, filtered, searched, sorted, paged.

Filters live in the URL (bookmarkable, shareable). The query is ``workflow.queries.case_board``.
"""
from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user, login_required

from web.params import parse_date, parse_enum, parse_int
from workflow.errors import InvalidInput
from workflow.legal_time import legal_today
from workflow.models import Channel, Role, Stage
from workflow.models.enums import CHANNEL_LABELS, STAGE_LABELS
from workflow.queries import BoardFilters, BoardSort, Level, case_board
from workflow.queries.levels import LEVEL_LABELS
from workflow.queries.staff import agency_staff

bp = Blueprint("board", __name__, url_prefix="/board")
VIEWS = {"index": ("期限看板", {}), "mine": ("我的案件", {"mine": True}),
         "review_queue": ("待我审核", {"awaiting_my_review": True})}
SORT_LABELS = {BoardSort.DUE: "剩余时间最少在前", BoardSort.RECEIVED: "收到日期（新在前）",
               BoardSort.TRACKING_NUMBER: "受理编号"}


def _filters(args) -> BoardFilters:
    return BoardFilters(
        stage=parse_enum(args.get("stage"), Stage, field="stage", label="阶段"),
        level=parse_enum(args.get("level"), Level, field="level", label="期限状态"),
        handler_id=parse_int(args.get("handler"), field="handler", label="承办人"),
        channel=parse_enum(args.get("channel"), Channel, field="channel", label="申请渠道"),
        received_from=parse_date(args.get("received_from"), field="received_from", label="收到日期（起）"),
        received_to=parse_date(args.get("received_to"), field="received_to", label="收到日期（止）"),
        search=(args.get("q") or "").strip() or None)


def _show(view: str):
    from web import level_thresholds, session_factory
    title, preset = VIEWS[view]
    factory, error, page = session_factory(current_app), None, None
    try:
        filters = replace(_filters(request.args), **preset)
        page = case_board(factory, actor_id=current_user.id, today=legal_today(), filters=filters,
                          sort=request.args.get("sort") or BoardSort.DUE,
                          page=parse_int(request.args.get("page"), field="page", label="页码", default=1),
                          per_page=parse_int(request.args.get("per_page"), field="per_page", label="每页条数",
                                             default=50, high=200), **level_thresholds(current_app))
    except InvalidInput as exc:
        error = exc.message
    return render_template("board/board.html", view=view, title=title, page=page, error=error,
                           args=request.args, staff=agency_staff(factory, actor_id=current_user.id),
                           stages=STAGE_LABELS, levels=LEVEL_LABELS, channels=CHANNEL_LABELS,
                           sorts=SORT_LABELS), 200 if error is None else 422


@bp.get("/")
@login_required
def index():
    return _show("index")


@bp.get("/mine")
@login_required
def mine():
    return _show("mine")


@bp.get("/review")
@login_required
def review_queue():
    if not current_user.has_role(Role.REVIEWER):
        return _show("index")
    return _show("review_queue")
