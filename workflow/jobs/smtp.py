"""Sending e-mail through the configured SMTP server with the standard library (``smtplib``).

:func:`smtp_sender` opens one connection lazily on the first message and reuses it for the run; a failed
message closes it so that the next message reconnects. :func:`build_message` makes the UTF-8 message.
Failures are raised as :class:`SendFailed`, with a Chinese reason for the admins' page and whether the
server as a whole is unusable (then the caller stops trying the rest of the run's digests).
"""
from __future__ import annotations

import smtplib
import ssl
from contextlib import contextmanager
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Callable, Iterator, Optional

from workflow.settings import Settings

Send = Callable[[EmailMessage], None]
ERROR_LENGTH = 500  # characters of the server's answer kept in mail_digest.last_error
# The server accepted the connection but refused this one message: the next digest may still go through.
_MESSAGE_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError,
                   smtplib.SMTPNotSupportedError)


class SendFailed(Exception):
    """A message was not accepted. ``reason`` is Chinese; ``server_down`` is True when the server cannot be
    used at all (unreachable, TLS, sign-in), False when only this message was refused."""

    def __init__(self, reason: str, *, server_down: bool) -> None:
        super().__init__(reason)
        self.reason, self.server_down = reason[:ERROR_LENGTH], server_down


def build_message(settings: Settings, *, to: str, subject: str, body: str, date: datetime,
                  digest_id: int) -> EmailMessage:
    """A plain-text UTF-8 message from the configured sender (subject encoded per RFC 2047)."""
    message = EmailMessage()
    message["From"] = settings.smtp_sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(date)
    domain = (settings.smtp_sender or "").rpartition("@")[2].strip("> ") or "xxgk.invalid"
    message["Message-ID"] = make_msgid(idstring=f"digest{digest_id}", domain=domain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies to a robot
    message.set_content(body, charset="utf-8")
    return message


def _connect(settings: Settings) -> smtplib.SMTP:
    host, port, timeout = settings.smtp_host, settings.smtp_port, settings.smtp_timeout_seconds
    context = ssl.create_default_context()
    if settings.smtp_security == "ssl":
        connection: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        connection = smtplib.SMTP(host, port, timeout=timeout)
    try:
        if settings.smtp_security == "starttls":
            connection.starttls(context=context)
        if settings.smtp_user:
            connection.login(settings.smtp_user, settings.smtp_password or "")
    except BaseException:
        connection.close()
        raise
    return connection


def _reason(settings: Settings, exc: BaseException) -> str:
    where = f"{settings.smtp_host}:{settings.smtp_port}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        answers = "；".join(f"{address} {code} {_text(text)}"
                           for address, (code, text) in exc.recipients.items())
        return f"邮件服务器 {where} 拒收该地址：{answers}"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"邮件服务器 {where} 登录失败（请检查 XXGK_SMTP_USER / XXGK_SMTP_PASSWORD）：{exc.smtp_code} " \
               f"{_text(exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"邮件服务器 {where} 拒绝：{exc.smtp_code} {_text(exc.smtp_error)}"
    if isinstance(exc, ssl.SSLError):
        return f"与邮件服务器 {where} 建立加密连接失败（请检查 XXGK_SMTP_SECURITY 与端口）：{exc}"
    if isinstance(exc, TimeoutError) or isinstance(exc.__context__, TimeoutError):  # smtplib re-raises it
        return f"邮件服务器 {where} 在 {settings.smtp_timeout_seconds} 秒内没有响应（XXGK_SMTP_TIMEOUT_SECONDS）"
    if isinstance(exc, OSError):
        return f"无法连接邮件服务器 {where}：{exc or type(exc).__name__}"
    return f"发送失败：{type(exc).__name__}: {exc}"


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


@contextmanager
def smtp_sender(settings: Settings) -> Iterator[Send]:
    """A ``send(message)`` for one run over one reused connection, closed at the end. ``send`` raises
    :class:`SendFailed` for any failure (never ``smtplib``'s or ``ssl``'s own exceptions)."""
    state: dict[str, Optional[smtplib.SMTP]] = {"connection": None}

    def send(message: EmailMessage) -> None:
        try:
            if state["connection"] is None:
                state["connection"] = _connect(settings)
            state["connection"].send_message(message)
        except Exception as exc:  # whatever the server or the network did, the run goes on (issue 10)
            server_down = not isinstance(exc, _MESSAGE_ERRORS)
            if server_down:  # after a refused message smtplib has sent RSET: the connection stays usable
                _close(state)
            raise SendFailed(_reason(settings, exc), server_down=server_down) from exc

    try:
        yield send
    finally:
        if state["connection"] is not None:
            try:
                state["connection"].quit()
            except (OSError, smtplib.SMTPException):
                pass  # the messages are already accepted; a rude goodbye changes nothing
        _close(state)


def _close(state: dict) -> None:
    if state["connection"] is not None:
        state["connection"].close()
        state["connection"] = None
