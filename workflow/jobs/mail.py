"""E-mail digests of escalation alerts (issue 10, Delivery): one message per recipient per run.

:func:`deliver_digests` runs after the escalation job, in two steps:

1. **Compose** (one transaction): every inbox row (``alert_recipient``) not yet in a digest, of an active
   user with an e-mail address, goes into one :class:`~workflow.models.MailDigest` per user, and the rows are
   linked to it. The rows are locked while composing (PostgreSQL ``FOR UPDATE SKIP LOCKED``; SQLite has one
   writer), so two runs at once never put an alert into two digests.
2. **Send** every digest still to send — this run's and earlier runs' failures — each in its own short
   transactions: *claim* (attempts + 1, ``last_attempt_at``, ``last_error`` cleared; committed), send, then
   *mark* ``sent_at`` or store the server's answer in ``last_error``. A server that cannot be reached fails
   no run: the error is recorded on this digest and on the rest of the run's (not tried again this run) and
   the next run retries them, up to :data:`MAX_ATTEMPTS`.

**At most once.** A claimed digest with neither ``sent_at`` nor ``last_error`` is one whose process died (or
is still running) between sending and marking: the server may have accepted it. It is never sent again
automatically — a reminder mailed twice is worse than one missing, since the inbox has every alert anyway —
and the admins' page shows it as 「发送中断」.

**Mail switched off.** Without ``XXGK_SMTP_HOST`` and ``XXGK_SMTP_SENDER`` nothing is composed or sent; the
inbox has everything. Only alerts created within :data:`MAIL_BACKLOG` are ever put into a digest, so turning
mail on (or giving a user an address) later does not mail weeks of stale reminders at once; the window is
longer than the longest run of days off (春节, 国庆) so that a run missed over a holiday loses nothing.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Optional, Sequence

from sqlalchemy import Row, and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from workflow.errors import InvalidInput
from workflow.jobs.smtp import Send, SendFailed, build_message, smtp_sender
from workflow.models import Alert, AlertRecipient, Application, JobRun, MailDigest, User
from workflow.settings import Settings
from workflow.uow import unit_of_work

MAIL_BACKLOG = timedelta(days=10)  # alerts older than this stay in the inbox only (see the module docstring)
MAX_ATTEMPTS = 10  # runs that try one digest; afterwards it stays unsent, shown to admins as 「已停止重试」
LISTED_ALERTS = 200  # alerts listed in one message; the rest are counted (all are in the inbox)
LINK_CHUNK = 500  # alert_recipient ids per UPDATE … IN (…)
LEVEL_NAMES = {"overdue": "逾期", "urgent": "紧急", "due_soon": "临期", "info": "通知"}
_RECIPIENTS, _DIGESTS = AlertRecipient.__table__, MailDigest.__table__


@dataclass
class DeliveryResult:
    """What one run did: whether mail is configured, digests composed, sent, and failed (with the reasons)."""
    configured: bool
    composed: int = 0
    sent: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)  # distinct reasons, in the order met


def deliver_digests(session_factory: sessionmaker[Session], settings: Settings, *, now: datetime,
                    job_run_id: Optional[int] = None, send: Optional[Send] = None) -> DeliveryResult:
    """Compose this run's digests and send every digest still to send (module docstring).

    ``now`` is the real moment (timezone-aware); ``send(message)`` replaces SMTP and must raise
    :class:`~workflow.jobs.smtp.SendFailed` for a message not accepted. Mail failures are recorded, never
    raised. With ``job_run_id`` the counts are added to that run's summary under ``mail``. Raises
    InvalidInput for a naive ``now``; the unit of work's domain errors when the database fails.
    """
    if now.tzinfo is None:
        raise InvalidInput("deliver_digests: now 须带时区（UTC）", field="now")
    now = now.astimezone(timezone.utc)
    result = DeliveryResult(configured=settings.mail_configured)
    if not result.configured:
        return result
    result.composed = compose_digests(session_factory, now=now, job_run_id=job_run_id,
                                      base_url=settings.base_url or "")
    if send is not None:
        _send_unsent(session_factory, settings, send, now, result)
    else:
        with smtp_sender(settings) as smtp:
            _send_unsent(session_factory, settings, smtp, now, result)
    if job_run_id is not None:
        _record_in_run(session_factory, job_run_id, result)
    return result


def compose_digests(session_factory: sessionmaker[Session], *, now: datetime,
                    job_run_id: Optional[int] = None, base_url: str = "") -> int:
    """In one transaction, one digest per recipient of the inbox rows not yet mailed (created since
    ``now - MAIL_BACKLOG``, active user with an address); returns how many digests were made. Case links
    start with ``base_url`` (the ``XXGK_BASE_URL`` setting; empty: plain paths)."""
    with unit_of_work(session_factory) as session:
        by_user: dict[int, list[Row]] = defaultdict(list)
        for row in session.execute(_pending_rows(now - MAIL_BACKLOG)):
            by_user[row.user_id].append(row)
        for rows in by_user.values():
            digest = MailDigest(user_id=rows[0].user_id, address=rows[0].email, subject=digest_subject(rows),
                                body=digest_body(rows, base_url), created_at=now, job_run_id=job_run_id)
            session.add(digest)
            session.flush()
            ids = [r.id for r in rows]
            for start in range(0, len(ids), LINK_CHUNK):
                session.execute(update(_RECIPIENTS).where(_RECIPIENTS.c.id.in_(ids[start:start + LINK_CHUNK]))
                                .values(digest_id=digest.id))
        return len(by_user)


def _pending_rows(since: datetime):
    return (select(AlertRecipient.id, AlertRecipient.user_id, User.email, User.name, Alert.level,
                   Alert.message, Alert.application_id, Alert.due_on, Alert.legal_date,
                   Alert.id.label("alert_id"), Application.tracking_number)
            .join(Alert, Alert.id == AlertRecipient.alert_id)
            .join(User, and_(User.id == AlertRecipient.user_id, User.agency_id == Alert.agency_id))
            .outerjoin(Application, Application.id == Alert.application_id)
            .where(AlertRecipient.digest_id.is_(None), Alert.created_at >= since, User.active.is_(True),
                   User.is_system.is_(False), User.email.is_not(None), User.email != "")
            .order_by(AlertRecipient.user_id, AlertRecipient.id)
            .with_for_update(of=AlertRecipient, skip_locked=True))


def _sorted(rows: Sequence[Row]) -> list[Row]:
    order = list(LEVEL_NAMES)
    return sorted(rows, key=lambda r: (order.index(r.level) if r.level in order else len(order),
                                       r.due_on or r.legal_date, r.alert_id))


def digest_subject(rows: Sequence[Row]) -> str:
    """「政府信息公开申请期限提醒：3 条（逾期 1，紧急 1）」."""
    counts = [(LEVEL_NAMES[level], sum(r.level == level for r in rows)) for level in ("overdue", "urgent")]
    detail = "，".join(f"{name} {n}" for name, n in counts if n)
    return f"政府信息公开申请期限提醒：{len(rows)} 条" + (f"（{detail}）" if detail else "")


def digest_body(rows: Sequence[Row], base_url: str = "") -> str:
    """The plain-text Chinese body: each alert with its level, tracking number, message and case page
    (``base_url`` + ``/cases/<id>``)."""
    listed = _sorted(rows)[:LISTED_ALERTS]
    day = max(r.legal_date for r in rows)
    lines = [f"{rows[0].name}：", "", f"系统在 {day.year}年{day.month}月{day.day}日 的期限检查中有 {len(rows)} 条提醒"
             "需要您关注：", ""]
    for row in listed:
        named = row.tracking_number and row.tracking_number not in row.message  # the job's text may name it
        case = f"{row.tracking_number} " if named else ""
        lines.append(f"【{LEVEL_NAMES.get(row.level, row.level)}】{case}{row.message}")
        if row.application_id is not None:
            lines.append(f"    案件页面：{base_url}/cases/{row.application_id}")
        lines.append("")
    if len(rows) > len(listed):
        lines += [f"另有 {len(rows) - len(listed)} 条未在邮件中列出，请登录系统查看。", ""]
    lines += ["以上提醒均已列入您在系统中的「提醒」页面，处理后可在该页面标为已读。",
              "本邮件由系统自动发送，请勿直接回复。"]
    return "\n".join(lines) + "\n"


def _retryable():
    """A digest still to send: never claimed, or its last attempt failed with a recorded error."""
    return and_(MailDigest.sent_at.is_(None), MailDigest.attempts < MAX_ATTEMPTS,
                or_(MailDigest.attempts == 0, MailDigest.last_error.is_not(None)))


def _send_unsent(session_factory: sessionmaker[Session], settings: Settings, send: Send, now: datetime,
                 result: DeliveryResult) -> None:
    with session_factory() as session:
        ids = list(session.scalars(select(MailDigest.id).where(_retryable()).order_by(MailDigest.id)))
    for position, digest_id in enumerate(ids):
        message = _claim(session_factory, settings, digest_id, now)
        if message is None:
            continue  # sent or claimed by a run at the same moment
        try:
            send(message)
        except SendFailed as failure:
            _record(session_factory, [digest_id], now, error=failure.reason, claimed=True)
            result.failed += 1
            if failure.reason not in result.errors:
                result.errors.append(failure.reason)
            if failure.server_down:  # the rest would wait for the same timeout: record and stop for this run
                result.failed += _record(session_factory, ids[position + 1:], now, error=failure.reason,
                                         claimed=False)
                return
        else:
            _record(session_factory, [digest_id], now, error=None, claimed=True)
            result.sent += 1


def _claim(session_factory: sessionmaker[Session], settings: Settings, digest_id: int, now: datetime):
    """Take one digest for sending (committed before it is sent); its message, or None when it is not
    retryable any more. It goes to the user's address of now (an admin may have corrected a refused one); a
    user disabled or without an address since is not mailed, and the digest is given up."""
    with unit_of_work(session_factory) as session:
        digest = session.scalar(select(MailDigest).where(MailDigest.id == digest_id, _retryable())
                                .with_for_update(of=MailDigest, skip_locked=True))
        if digest is None:
            return None
        user = session.get(User, digest.user_id)
        if not (user.active and user.email):
            digest.attempts, digest.last_attempt_at = MAX_ATTEMPTS, now
            digest.last_error = "收件人已停用或已删除电子邮箱，不再发送（提醒仍在其「提醒」页面中）"
            return None
        digest.address = user.email
        digest.attempts, digest.last_attempt_at, digest.last_error = digest.attempts + 1, now, None
        return build_message(settings, to=digest.address, subject=digest.subject, body=digest.body, date=now,
                             digest_id=digest.id)


def _record(session_factory: sessionmaker[Session], ids: list[int], now: datetime, *, error: Optional[str],
            claimed: bool) -> int:
    """Mark claimed digests sent (``error`` None) or failed; or record ``error`` on digests not tried this
    run (attempts + 1 as well: the run gave up on them). Returns the rows changed."""
    if not ids:
        return 0
    with unit_of_work(session_factory) as session:
        if claimed:
            values = {"last_error": error} if error else {"sent_at": now}
            return session.execute(update(_DIGESTS).values(**values)
                                   .where(_DIGESTS.c.id.in_(ids), _DIGESTS.c.sent_at.is_(None))).rowcount
        return session.execute(update(_DIGESTS).where(_DIGESTS.c.id.in_(ids), _retryable())
                               .values(attempts=_DIGESTS.c.attempts + 1, last_attempt_at=now,
                                       last_error=error)).rowcount


def _record_in_run(session_factory: sessionmaker[Session], job_run_id: int, result: DeliveryResult) -> None:
    with unit_of_work(session_factory) as session:
        run = session.get(JobRun, job_run_id)
        if run is not None:
            run.summary = {**(run.summary or {}), "mail": {"composed": result.composed, "sent": result.sent,
                                                           "failed": result.failed}}
