"""Reply drafting and legal review pages: the 答复书 preview, and the reviewer's checklist beside it."""
from __future__ import annotations

import re

from flask import Blueprint, current_app, render_template
from flask_login import current_user, login_required
from markupsafe import Markup

from web.actions import ActionForm, action_form
from web.auth import roles_required
from web.cases import detail_for_user
from workflow.errors import GuardFailed, NotFound
from workflow.legal_time import legal_today
from workflow.models import Role
from workflow.queries import CaseDetail
from workflow.services import review_checklist
from workflow.services.documents import preview_document

bp = Blueprint("replies", __name__, url_prefix="/cases")
_SHEET = re.compile(r'<main class="sheet">\n?(.*?)\n?</main>', re.DOTALL)


def _factory():
    from web import session_factory
    return session_factory(current_app)


def preview_sheet(case_id: int) -> tuple[Markup | None, str | None]:
    """The 答复书 as it would be issued now (its parts, already escaped by the renderer), or why not."""
    try:
        preview = preview_document(_factory(), current_user.id, case_id, today=legal_today())
    except (NotFound, GuardFailed) as error:
        return None, error.message
    found = _SHEET.search(preview.html)
    return (Markup(found.group(1)) if found else None), None  # noqa: S704 — render_html escapes every text


@bp.get("/<int:case_id>/preview")
@login_required
def preview_page(case_id: int):
    case = detail_for_user(case_id)
    sheet, problem = preview_sheet(case_id)
    return render_template("replies/preview.html", case=case, sheet=sheet, problem=problem)


def render_review(case: CaseDetail, failed: ActionForm | None = None, status: int = 200):
    """The review page of ``case``, with ``failed`` (a refused approve/return form) re-filled."""
    offered = {t.trigger: t.label for t in case.available_triggers}
    forms = {trigger: failed if failed and failed.trigger == trigger else action_form(trigger, label, case)
             for trigger, label in offered.items() if trigger in ("approve_reply", "return_reply")}
    try:
        sheet = review_checklist(_factory(), current_user.id, case.id, today=legal_today())
    except (NotFound, GuardFailed) as error:
        sheet, problem = None, error.message
    else:
        problem = None
    document, preview_problem = preview_sheet(case.id)
    return render_template("replies/review.html", case=case, sheet=sheet, problem=problem, forms=forms,
                           document=document, preview_problem=preview_problem), status


@bp.get("/<int:case_id>/review")
@roles_required(Role.REVIEWER)
def review_page(case_id: int):
    return render_review(detail_for_user(case_id))
