"""「任务与邮件」 (role ``admin``): the recent runs of the scheduled jobs and the agency's users' e-mail digests
that are not sent, with the mail server's answer. There is no resend button: the next run retries."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template
from flask_login import current_user

from web.auth import roles_required
from workflow.models import Role
from workflow.queries.jobs import jobs_overview

bp = Blueprint("jobs_admin", __name__, url_prefix="/admin/jobs")


@bp.get("/")
@roles_required(Role.ADMIN)
def index():
    from web import session_factory
    settings = current_app.config["XXGK_SETTINGS"]
    overview = jobs_overview(session_factory(current_app), current_user.id)
    return render_template("jobs_admin/index.html", overview=overview,
                           mail_configured=settings.mail_configured, smtp_host=settings.smtp_host)
