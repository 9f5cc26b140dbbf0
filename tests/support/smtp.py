"""A real SMTP server on 127.0.0.1 for the mail tests (aiosmtpd in a thread), collecting what it accepts."""
from __future__ import annotations

import socket
import subprocess
import ssl
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Iterator

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

HOST = "127.0.0.1"
USER, PASSWORD = "xxgk-mailer", "mail-secret-2026"


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: EmailMessage


@dataclass
class Collector:
    """The server's handler: keeps each accepted message; refuses the addresses in ``refuse`` (550)."""
    messages: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = BytesParser(policy=policy.default).parsebytes(envelope.content)
        self.messages.append(Received(envelope.mail_from, tuple(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (a mail server that is down)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_server(port: int | None = None, **smtp_options) -> Iterator[tuple[int, Collector]]:
    """Start an SMTP server on 127.0.0.1 (``port`` or a free one); yields (port, collector)."""
    collector, port = Collector(), port or free_port()
    controller = Controller(collector, hostname=HOST, port=port, **smtp_options)
    controller.start()
    try:
        yield port, collector
    finally:
        controller.stop()


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made by the openssl command (valid one day)."""
    cert, key = folder / "smtp.crt", folder / "smtp.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def _server_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def ssl_options(cert: Path, key: Path) -> dict:
    """Server options: TLS from the first byte (SMTPS, what ``XXGK_SMTP_SECURITY=ssl`` speaks to)."""
    return dict(ssl_context=_server_context(cert, key))


@contextmanager
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never answers (a hung mail server); yields the port."""
    with socket.socket() as listener:
        listener.bind((HOST, 0))
        listener.listen(8)
        yield listener.getsockname()[1]


def starttls_options(cert: Path, key: Path) -> dict:
    """Server options: STARTTLS required, then AUTH with :data:`USER` / :data:`PASSWORD` required."""
    context = _server_context(cert, key)

    def authenticate(server, session, envelope, mechanism, auth_data):
        good = (auth_data.login, auth_data.password) == (USER.encode(), PASSWORD.encode())
        return AuthResult(success=good, handled=False)  # handled=False: the server answers 235 or 535

    return dict(tls_context=context, require_starttls=True, auth_required=True, authenticator=authenticate)
