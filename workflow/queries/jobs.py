"""What the admins' page 「任务与邮件」 shows: the recent runs of the scheduled jobs and the e-mail digests of the
agency's users that have not been sent (with the mail server's last answer)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Optional

from sqlalchemy import select

from workflow.errors import PermissionDenied
from workflow.jobs.mail import MAX_ATTEMPTS
from workflow.models import JobRun, MailDigest, Role, User
from workflow.queries.common import SessionFactory, load_reader

STATUS_LABELS = {"running": "运行中", "completed": "已完成", "failed": "失败", "skipped": "未运行"}
JOB_LABELS = {"escalate": "期限提醒", "calendar_upload": "载入日历"}
# JobRun.summary counts shown per job, in this order (then the mail delivery's, for any job)
COUNT_LABELS = {
    "escalate": (("examined", "检查期限"), ("created", "新提醒"), ("already_fired", "此前已提醒"),
                 ("recipients", "收件人次"), ("recomputed", "重算期限"), ("failure_count", "未能检查的案件")),
    "calendar_upload": (("year", "年份"), ("examined", "重算案件"), ("changed", "期限变更"),
                        ("conflicts", "因用户同时操作跳过")),
}
MAIL_LABELS = (("composed", "邮件生成"), ("sent", "邮件发出"), ("failed", "邮件发送失败"))
DIGEST_STATES = {"pending": "待发送", "failed": "发送失败，下次运行时重试", "given_up": "已停止重试",
                 "interrupted": "发送中断：是否送达不明，为避免重复不再自动重发"}
RUNS_SHOWN, DIGESTS_SHOWN = 20, 200


@dataclass(frozen=True)
class RunFailure:
    case_id: Optional[int]
    reason: str


@dataclass(frozen=True)
class JobRunView:
    id: int
    job: str
    job_label: str
    by: Optional[str]  # who started it (a calendar upload), None for a scheduled run
    legal_date: date
    started_at: datetime
    finished_at: Optional[datetime]
    status: str
    status_label: str
    counts: tuple[tuple[str, int], ...]  # (Chinese label, number) of the counts the run recorded
    note: Optional[str]  # why it did not run, or the error that stopped it
    failures: tuple[RunFailure, ...]  # of the reader's agency only


@dataclass(frozen=True)
class UndeliveredDigest:
    id: int
    user_name: str
    address: str
    subject: str
    created_at: datetime
    attempts: int
    last_attempt_at: Optional[datetime]
    last_error: Optional[str]
    state: str
    state_label: str


@dataclass(frozen=True)
class JobsOverview:
    runs: tuple[JobRunView, ...]
    undelivered: tuple[UndeliveredDigest, ...]


def jobs_overview(session_factory: SessionFactory, actor_id: int) -> JobsOverview:
    """The last :data:`RUNS_SHOWN` job runs of the installation (failures of the reader's agency only) and the
    unsent digests of the reader's agency's users, newest first. Raises PermissionDenied unless the reader is
    an active admin."""
    with session_factory() as session:
        reader = load_reader(session, actor_id)
        if Role.ADMIN not in reader.roles:
            raise PermissionDenied("只有系统管理员可以查看任务与邮件")
        runs = session.scalars(select(JobRun).order_by(JobRun.started_at.desc(), JobRun.id.desc())
                               .limit(RUNS_SHOWN)).all()
        digests = session.execute(
            select(MailDigest, User.name).join(User, User.id == MailDigest.user_id)
            .where(User.agency_id == reader.agency_id, MailDigest.sent_at.is_(None))
            .order_by(MailDigest.created_at.desc(), MailDigest.id.desc()).limit(DIGESTS_SHOWN)).all()
        return JobsOverview(tuple(_run_view(run, reader.agency_id) for run in runs),
                            tuple(_digest_view(digest, name) for digest, name in digests))


def _run_view(run: JobRun, agency_id: int) -> JobRunView:
    summary = run.summary or {}
    mail = summary.get("mail") or {}
    labels = COUNT_LABELS.get(run.job, ())
    counts = [(label, summary[key]) for key, label in labels if isinstance(summary.get(key), int)]
    counts += [(label, mail[key]) for key, label in MAIL_LABELS if isinstance(mail.get(key), int)]
    own = [f for f in summary.get("failures", ()) if isinstance(f, dict) and f.get("agency_id") == agency_id]
    failures = tuple(RunFailure(f.get("case_id"), str(f.get("reason", ""))) for f in own)
    note, by = summary.get("skipped") or summary.get("error"), summary.get("user")
    return JobRunView(run.id, run.job, JOB_LABELS.get(run.job, run.job), by and str(by), run.legal_date,
                      run.started_at, run.finished_at, run.status, STATUS_LABELS.get(run.status, run.status),
                      tuple(counts), note and str(note), failures)


def digest_state(digest: MailDigest) -> str:
    """pending (never tried), failed (will be retried), given_up (tried MAX_ATTEMPTS times) or interrupted
    (claimed, outcome unknown: never resent, see workflow.jobs.mail)."""
    if digest.attempts == 0:
        return "pending"
    if digest.last_error is None:
        return "interrupted"
    return "given_up" if digest.attempts >= MAX_ATTEMPTS else "failed"


def _digest_view(digest: MailDigest, user_name: str) -> UndeliveredDigest:
    state = digest_state(digest)
    return UndeliveredDigest(digest.id, user_name, digest.address, digest.subject, digest.created_at,
                             digest.attempts, digest.last_attempt_at, digest.last_error, state,
                             DIGEST_STATES[state])
