"""Sign-in, sign-out, own password; the current user on every request; access by role.

Sessions: Flask-Login over Flask's signed cookie (HttpOnly, SameSite=Lax, Secure when configured), ended after
``session_idle_minutes`` without a request. Every form carries a CSRF token (Flask-WTF, :mod:`web.forms`).
"""
from __future__ import annotations

from datetime import timedelta
from functools import wraps
from typing import Callable

from flask import (
    Blueprint, Flask, abort, current_app, flash, redirect, render_template, request, session, url_for,
)
from flask_login import LoginManager, current_user, login_required, login_user, logout_user

from web.forms import ChangePasswordForm, SignInForm, show_domain_error
from workflow.errors import InvalidInput
from workflow.models import Role, utcnow
from workflow.services.auth import (
    LockoutPolicy, SignedInUser, SignInRefused, change_password, load_signed_in_user, sign_in,
)

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.login_view = "auth.sign_in_page"
login_manager.login_message = "请先登录"
login_manager.login_message_category = "warning"
login_manager.session_protection = "basic"
_LAST_SEEN = "xxgk_last_seen"


class WebUser:
    """Flask-Login's view of a :class:`SignedInUser` (attributes pass through)."""

    is_authenticated = True
    is_active = True
    is_anonymous = False

    def __init__(self, user: SignedInUser) -> None:
        self.user = user

    def __getattr__(self, name: str):
        return getattr(self.user, name)

    def get_id(self) -> str:
        return str(self.user.id)


@login_manager.user_loader
def _load_user(user_id: str):
    from web import session_factory
    user = load_signed_in_user(session_factory(current_app), int(user_id)) if user_id.isdigit() else None
    return WebUser(user) if user else None


def roles_required(*roles: Role) -> Callable:
    """Signed in and holding one of ``roles``, else 403 — checked on the server for every request."""
    def decorate(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorate


def _settings():
    return current_app.config["XXGK_SETTINGS"]


def _end_idle_sessions():
    """Sign out a user whose last request is older than the idle limit (checked on the server)."""
    if not current_user.is_authenticated:
        return None
    now, last_seen = utcnow().timestamp(), session.get(_LAST_SEEN, 0)
    if now - last_seen > _settings().session_idle_minutes * 60:
        logout_user()
        session.clear()
        flash("长时间未操作，已自动退出，请重新登录", "warning")
        back = request.full_path if request.method == "GET" else None
        return redirect(url_for("auth.sign_in_page", next=back))
    session[_LAST_SEEN] = now
    return None


@bp.route("/login", methods=["GET", "POST"])
def sign_in_page():
    from web import session_factory
    form = SignInForm()
    if form.validate_on_submit():
        settings = _settings()
        policy = LockoutPolicy(settings.sign_in_max_failures, settings.sign_in_lock_minutes)
        try:
            user = sign_in(session_factory(current_app), form.username.data, form.password.data, now=utcnow(),
                           remote_addr=request.remote_addr, policy=policy)
        except SignInRefused as error:
            form.form_errors.append(error.message)
        else:
            session.clear()  # a new session on sign-in (no fixation)
            session.permanent = True
            login_user(WebUser(user))
            session[_LAST_SEEN] = utcnow().timestamp()
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/sign_in.html", form=form)


def _safe_next(target: str | None) -> str:
    """Only a path of this site (never another host) to go on to after signing in."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("home.home")


@bp.post("/logout")
@login_required
def sign_out():
    logout_user()
    session.clear()
    flash("已退出登录", "success")
    return redirect(url_for("auth.sign_in_page"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def password_page():
    from web import session_factory
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            change_password(session_factory(current_app), current_user.id, form.current_password.data,
                            form.new_password.data)
        except InvalidInput as error:
            show_domain_error(form, error)
        else:
            flash("密码已修改", "success")
            return redirect(url_for("home.home"))
    return render_template("auth/password.html", form=form)


def init_app(app: Flask) -> None:
    """Sessions, cookie flags and sign-in for ``app``."""
    settings = app.config["XXGK_SETTINGS"]
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        SESSION_COOKIE_NAME="xxgk_session", REMEMBER_COOKIE_HTTPONLY=True,
        PERMANENT_SESSION_LIFETIME=timedelta(minutes=settings.session_idle_minutes),
        SESSION_REFRESH_EACH_REQUEST=True)
    login_manager.init_app(app)
    app.before_request(_end_idle_sessions)
    app.register_blueprint(bp)
