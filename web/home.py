"""``/``: the home page after sign-in is the deadline board."""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, url_for
from flask_login import login_required

bp = Blueprint("home", __name__)


@bp.get("/")
@login_required
def home():
    if "board.index" in current_app.view_functions:
        return redirect(url_for("board.index"))
    return render_template("home.html")
