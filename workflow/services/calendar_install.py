"""Installing a new year's holiday notice (国务院办公厅《关于YYYY年部分节假日安排的通知》) into this installation.

The same service runs from the admin page and from ``xxgk calendar install FILE``. The file is validated
exactly as the loader validates the package's ``rules/calendar/data`` (same reader, same file/line message),
then checked against the whole calendar, and only then stored as ``<calendar_dir>/YYYY.toml`` (a temporary
file renamed with ``os.replace``: readers see the old file or the new one, never half of one). Uploads are
serialised by an exclusive lock on ``<calendar_dir>/.install.lock``, so two at once cannot both pass the
"already installed?" check. Every worker notices the new file on its next ``load_calendar()`` (the folder's
files are part of the cache key). Then the deadline recompute of the whole installation runs (its history rows
name the system actor 「系统」), and the upload is recorded as a ``job_run`` row (job ``calendar_upload``: who,
which year, the file's SHA-256, how many due dates changed).

A year whose notice ships with the package is refused: the package's data is reviewed and tested against two
public datasets, and replacing an official year would silently move due dates already told to applicants. A
correction of such a year comes with a software update. A year already installed here is replaced only when
the caller says so (``replace=True``).
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator, Optional

from sqlalchemy import select

from rules.calendar import CalendarDataError, calendar_with, clear_cache, package_years
from rules.calendar.datafiles import CalendarFile, read_year_file
from workflow.errors import DatabaseBusy, DomainError, InvalidInput
from workflow.jobs.recompute import RecomputeFailure, recompute_open_deadlines
from workflow.models import Application, User, utcnow
from workflow.models.alerts import JobRun
from workflow.services.engine import SessionFactory
from workflow.uow import unit_of_work

JOB = "calendar_upload"
MAX_BYTES = 256 * 1024  # a year's notice is ~2 KB; anything this large is not one
LOCK_NAME = ".install.lock"
FIELD, LABEL = "file", "日历数据文件"


@dataclass(frozen=True)
class ChangedDue:
    """One case whose stored due date (or its 暂定 mark) changed with the new year."""
    case_id: int
    agency_id: int
    tracking_number: str
    old_due: Optional[date]
    new_due: Optional[date]
    old_provisional: bool
    new_provisional: bool


@dataclass(frozen=True)
class InstallResult:
    """What an installation did: the stored file, and the recompute of every open case of the installation."""
    year: int
    path: Path
    sha256: str
    replaced: bool
    examined: int
    changes: tuple[ChangedDue, ...]
    failures: tuple[RecomputeFailure, ...]
    conflicts: int
    job_run_id: int

    def changes_of(self, agency_id: int) -> tuple[ChangedDue, ...]:
        """The changed cases of one agency (what its administrator may see)."""
        return tuple(c for c in self.changes if c.agency_id == agency_id)


def install_calendar_year(session_factory: SessionFactory, *, content: bytes, filename: str,
                          directory: Path, today: date, actor_id: Optional[int] = None,
                          actor_label: Optional[str] = None, replace: bool = False) -> InstallResult:
    """Validate ``content`` (the file ``filename``, which must be named ``YYYY.toml``), store it in
    ``directory``, recompute every open case's due date as of ``today`` and record the upload.

    ``actor_id`` is the signed-in administrator (web); the CLI passes ``actor_label`` (e.g. the system user).
    Raises InvalidInput (too large, not UTF-8, the loader's file/line message, a package year, already
    installed without ``replace``) with nothing stored; DatabaseBusy when another installation is running;
    the recompute's domain errors (the file then stays installed: run ``xxgk deadlines recompute``).
    """
    upload, text = _validated(content, filename, directory)
    with _install_lock(directory):
        target = directory / f"{upload.year}.toml"
        existed = target.exists()
        if existed and not replace:
            raise InvalidInput(f"本系统已安装 {upload.year} 年的日历数据；如确需替换，请勾选「替换已安装的文件」后重新上传",
                               field="replace", label="替换")
        for leftover in directory.glob(".*.tmp"):  # of an installation killed half-way (we hold the lock)
            leftover.unlink(missing_ok=True)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        run_id = _start_run(session_factory, today, actor_id, actor_label, upload.year, digest, existed)
        try:
            _store(target, text)
            clear_cache()  # this process at once; the other workers by the folder's new listing
            outcome = recompute_open_deadlines(session_factory, today)
        except BaseException as exc:
            with suppress(DomainError):  # the database itself may have failed: show the original error
                _finish_run(session_factory, run_id, "failed", {"error": str(exc) or type(exc).__name__})
            raise
        cases = _cases(session_factory, [c.case_id for c in outcome.changes + outcome.failures])
        changes = tuple(ChangedDue(c.case_id, *cases[c.case_id], c.old_due, c.new_due, c.old_provisional,
                                   c.new_provisional)
                        for c in sorted(outcome.changes, key=lambda c: c.case_id))
        _finish_run(session_factory, run_id, "completed", {  # the keys of the escalation job's runs
            "examined": outcome.examined, "changed": len(changes), "conflicts": len(outcome.conflicts),
            "failures": [{"case_id": f.case_id, "agency_id": cases[f.case_id][0], "reason": f.reason}
                         for f in outcome.failures]})
    return InstallResult(upload.year, target, digest, existed, outcome.examined, changes,
                         tuple(outcome.failures), len(outcome.conflicts), run_id)


def upload_text(content: bytes) -> str:
    """The text of an uploaded file (UTF-8, a leading byte-order mark dropped). Raises InvalidInput."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput("文件不是 UTF-8 编码的文本，请以 UTF-8 保存后重新上传", field=FIELD, label=LABEL) from exc


def _validated(content: bytes, filename: str, directory: Path) -> tuple[CalendarFile, str]:
    """The upload read by the loader's own reader, checked against the whole calendar; and its text."""
    if len(content) > MAX_BYTES:
        raise InvalidInput(f"文件过大：日历数据文件不应超过 {MAX_BYTES // 1024} KB（一年的通知约 2 KB）",
                           field=FIELD, label=LABEL)
    name, text = Path((filename or "").replace("\\", "/")).name, upload_text(content)
    try:
        upload = read_year_file(Path(name), text)
        first, last = package_years()[0], package_years()[-1]
        if upload.year <= last:
            raise InvalidInput(f"{upload.year} 年不能在此安装：{first}–{last} 年的放假安排随系统提供（已核对的官方数据）；"
                               "如该年的通知有更正，请联系系统维护方更新程序", field=FIELD, label=LABEL)
        calendar_with(upload, installed_dir=directory)
    except CalendarDataError as exc:
        raise InvalidInput(str(exc), field=FIELD, label=LABEL) from exc
    return upload, text


@contextmanager
def _install_lock(directory: Path) -> Iterator[None]:
    """An exclusive lock on the folder (every worker of this host); refused at once when another holds it."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / LOCK_NAME, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise DatabaseBusy("另一位管理员正在安装日历数据，请稍后刷新页面查看结果") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _store(target: Path, text: str) -> None:
    """Write ``target`` atomically: a temporary file in the same folder, synced, then renamed over it."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)  # the rename itself survives a power cut
    finally:
        os.close(directory)


def _start_run(session_factory, today, actor_id, actor_label, year, digest, replaced) -> int:
    with unit_of_work(session_factory) as session:
        user = session.get(User, actor_id) if actor_id is not None else None
        summary = {"user_id": actor_id, "user": user.username if user else actor_label, "year": year,
                   "sha256": digest, "replaced": replaced}
        run = JobRun(job=JOB, legal_date=today, summary=summary)
        session.add(run)
        session.flush()
        return run.id


def _finish_run(session_factory, run_id: int, status: str, summary: dict) -> None:
    with unit_of_work(session_factory) as session:
        run = session.get(JobRun, run_id)
        run.summary = {**run.summary, **summary}
        run.status, run.finished_at = status, utcnow()


def _cases(session_factory, ids: list[int]) -> dict[int, tuple[int, str]]:
    """Case id → (agency id, tracking number), read in chunks."""
    found: dict[int, tuple[int, str]] = {}
    ids = sorted(set(ids))
    with session_factory() as session:
        for start in range(0, len(ids), 500):
            rows = session.execute(select(Application.id, Application.agency_id, Application.tracking_number)
                                   .where(Application.id.in_(ids[start:start + 500])))
            found.update({row.id: (row.agency_id, row.tracking_number) for row in rows})
    return found
