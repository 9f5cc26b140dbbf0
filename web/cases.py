"""The case page (``/cases/<id>``) and the issued documents of a case (.docx download, printable A4 page)."""
from __future__ import annotations

import io

from flask import (
    Blueprint, Response, abort, current_app, flash, redirect, render_template, request, send_file, url_for,
)
from flask_login import current_user, login_required

from werkzeug.datastructures import MultiDict

from web.actions import ActionForm, action_form, parse_command
from web.auth import roles_required
from web.params import parse_int
from workflow.errors import (
    ConcurrentModification, DatabaseBusy, GuardFailed, InvalidInput, NotFound, PermissionDenied,
    TransitionNotAllowed,
)
from workflow.commands import Register, describe
from workflow.legal_time import legal_today
from workflow.models import Role
from workflow.queries import CaseDetail, case_detail
from workflow.services import execute
from workflow.services.documents import export_document, get_document
from workflow.transitions_table import TRIGGERS, trigger_label

bp = Blueprint("cases", __name__, url_prefix="/cases")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The frozen printable page carries its own <style> (GB/T 9704 layout) and no script: allow exactly that.
DOCUMENT_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"


def _factory():
    from web import session_factory
    return session_factory(current_app)


# Refusals shown in the action's form, the typed values kept (409 for a conflict with the case's state).
FORM_ERRORS = (InvalidInput, GuardFailed, TransitionNotAllowed, ConcurrentModification, DatabaseBusy)


def detail_for_user(case_id: int) -> CaseDetail:
    """The case as the signed-in user sees it today (levels with the installation's thresholds)."""
    from web import level_thresholds
    return case_detail(_factory(), case_id, actor_id=current_user.id, today=legal_today(),
                       **level_thresholds(current_app))


def _render(case: CaseDetail, failed: ActionForm | None = None, status: int = 200):
    category = request.args.get("category")
    forms = [failed if failed and failed.trigger == t.trigger else action_form(t.trigger, t.label, case,
                                                                                  category=category)
             for t in case.available_triggers]
    return render_template("cases/case.html", case=case, forms=forms), status


# The paper 申请表's order (Tab order at the window), then how and when it arrived.
REGISTER_ORDER = ("applicant_type", "applicant_name", "id_document_type", "id_document_number", "contact_phone",
                  "contact_address", "contact_email", "description", "form_requested", "channel", "received_on",
                  "missing_items")


def _register_form(values=None, error=None) -> ActionForm:
    form = ActionForm("register", "登记申请", tuple(sorted(describe(Register), key=lambda f: REGISTER_ORDER.index(f.name)
                                                          if f.name in REGISTER_ORDER else 99)),
                      MultiDict(values or {}))
    return form.show(error) if error else form


@bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.CLERK)
def register_page():
    if request.method == "GET":
        return render_template("cases/register.html", form=_register_form({"received_on": legal_today().isoformat()}))
    try:
        command = parse_command("register", request.form)
        ref = execute(_factory(), command, actor_id=current_user.id, case_id=None, expected_version=None,
                      today=legal_today())
    except FORM_ERRORS as error:
        return render_template("cases/register.html", form=_register_form(request.form, error)), 422
    flash(f"已登记，受理编号 {ref.tracking_number}。", "success")
    return redirect(url_for("cases.case_page", case_id=ref.id))


@bp.get("/<int:case_id>")
@login_required
def case_page(case_id: int):
    return _render(detail_for_user(case_id))


@bp.post("/<int:case_id>/actions/<trigger>")
@login_required
def perform_action(case_id: int, trigger: str):
    case = detail_for_user(case_id)
    offered = {t.trigger: t.label for t in case.available_triggers}
    if trigger not in offered:  # the role or the stage does not allow it (the server decides, not the buttons)
        known = trigger in TRIGGERS
        flash(f"当前不能执行「{trigger_label(trigger)}」" if known else f"没有名为「{trigger[:40]}」的办理操作",
              "error")
        return _render(case, status=409 if known else 404)
    try:
        version = parse_int(request.form.get("expected_version"), field="expected_version", label="版本")
        command = parse_command(trigger, request.form)
        execute(_factory(), command, actor_id=current_user.id, case_id=case_id, expected_version=version,
                today=legal_today())
    except FORM_ERRORS as error:
        form = action_form(trigger, offered[trigger], case, request.form).show(error)
        status = 409 if error.http_status == 409 else 422
        if request.form.get("view") == "review":
            from web.replies import render_review
            return render_review(detail_for_user(case_id), form, status)
        return _render(detail_for_user(case_id), form, status)
    flash(f"已完成：{offered[trigger]}", "success")
    return redirect(url_for("cases.case_page", case_id=case_id))


def _document_of_case(case_id: int, document_id: int):
    """The issued document ``document_id`` of case ``case_id`` in the user's agency; else 404 (never 403:
    other agencies' documents must not be discoverable)."""
    try:
        document = get_document(_factory(), document_id, actor_id=current_user.id)
    except PermissionDenied:
        abort(404)
    if document.application_id != case_id:
        raise NotFound(f"文书 {document_id} 不存在")
    return document


@bp.get("/<int:case_id>/documents/<int:document_id>.docx")
@login_required
def document_docx(case_id: int, document_id: int):
    document = _document_of_case(case_id, document_id)
    return send_file(io.BytesIO(export_document(document, "docx")), mimetype=DOCX, as_attachment=True,
                     download_name=f"{document.title}-{document.number or document.id}.docx")


@bp.get("/<int:case_id>/documents/<int:document_id>/print")
@login_required
def document_print(case_id: int, document_id: int):
    document = _document_of_case(case_id, document_id)
    response = Response(export_document(document, "html"), mimetype="text/html")
    response.headers["Content-Security-Policy"] = DOCUMENT_PAGE_POLICY
    return response
