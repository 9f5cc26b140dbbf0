"""Health check for load balancers and monitoring: 200 when the database is reachable and migrated to the
program's head, else 503 with the reason (the same Chinese line the CLI prints, docs/errors.md)."""
from flask import Blueprint, current_app, jsonify

from workflow.db_errors import schema_problem

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """``{"status": "ok"}``, or 503 ``{"status": "unavailable", "error": class, "reason": message}``."""
    problem = schema_problem(current_app.extensions["xxgk.engine"])
    if problem is not None:
        return jsonify(status="unavailable", error=type(problem).__name__, reason=problem.message), 503
    return jsonify(status="ok")
