"""Error pages in Chinese (400, 403, 404, 405, 500, 503) and the domain-error table applied as it is.

A view that cannot show a domain error beside a form lets it propagate: the handler answers with the status of
:data:`workflow.errors.ERROR_TABLE` and the error's own message. A 500 never shows a traceback.
"""
from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from workflow.errors import DomainError, http_status_of

log = logging.getLogger(__name__)

TITLES = {
    400: "请求无效",
    403: "没有权限",
    404: "页面或记录不存在",
    405: "不支持的操作方式",
    409: "操作冲突",
    413: "提交的内容过大",
    422: "输入内容有误",
    500: "系统内部错误",
    503: "系统暂时不可用",
}
MESSAGES = {
    400: "请求无效或页面已过期（表单安全校验未通过），请返回上一页刷新后重试。",
    403: "您没有访问此页面或执行此操作的权限。",
    404: "您要找的页面或记录不存在，或不属于本机关。",
    405: "不支持以这种方式访问此地址。",
    413: "提交的内容超过了允许的大小。",
    500: "系统处理请求时发生错误，已记录。请稍后重试；如果问题持续，请联系管理员。",
    503: "系统暂时不可用，请稍后重试。",
}


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return request.path.startswith("/api/") or (best == "application/json"
                                                and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"])


def error_response(status: int, message: str | None = None, title: str | None = None):
    """The error page (or JSON body for API callers) for ``status`` with ``message``."""
    message = message or MESSAGES.get(status, TITLES.get(status, "操作未能完成"))
    title = title or TITLES.get(status, "操作未能完成")
    if _wants_json():
        return jsonify(error=title, message=message), status
    return render_template("errors/error.html", status=status, title=title, message=message), status


def _http_error(error: HTTPException):
    return error_response(error.code or 500)


def _domain_error(error: DomainError):
    return error_response(http_status_of(error), error.message, type(error).default_message)


def _unexpected(error: Exception):
    log.exception("unhandled error on %s %s", request.method, request.path, exc_info=error)
    return error_response(500)


def init_app(app: Flask) -> None:
    """Register the Chinese error pages and the domain-error mapping on ``app``."""
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(DomainError, _domain_error)
    app.register_error_handler(Exception, _unexpected)
