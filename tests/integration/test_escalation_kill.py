"""kill -9 of a running escalation job: what it committed stays, nothing is half-written, and the next run
completes the rest without duplicates."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date

from sqlalchemy import func, select, update

from tests.support.bulk_cases import insert_open_cases
from tests.support.escalation import NOW, agency_of
from workflow.jobs.escalation import escalate
from workflow.jobs.recompute import recompute_open_deadlines
from workflow.models import Alert, AlertRecipient, Application, ClockStatus, JobRun

CASES = 300
# The job in a process of its own, slowed down so that it is killed between its batches of 10.
JOB = """
import sys, time
from datetime import datetime
from workflow.db import make_engine, make_session_factory
from workflow.jobs.escalation import escalate

def progress(n):
    print(n, flush=True)
    time.sleep(0.01)

escalate(make_session_factory(make_engine(sys.argv[1])), datetime.fromisoformat(sys.argv[2]), batch_size=10,
         after_case=progress)
"""


def _open_cases(engine, session_factory, people) -> None:
    with engine.begin() as conn:
        insert_open_cases(conn, agency_of(session_factory, people.clerk), CASES, date(2026, 3, 26),
                          max_age_days=41)
        conn.execute(update(Application).values(clock_status=ClockStatus.RUNNING, handler_id=people.clerk))
    recompute_open_deadlines(session_factory, date(2026, 3, 26), real_today=date(2026, 3, 26))


def _stored(session_factory) -> tuple[list[str], int]:
    with session_factory() as session:
        return (sorted(session.scalars(select(Alert.dedupe_key))),
                session.scalar(select(func.count()).select_from(AlertRecipient)))


def test_a_job_killed_half_way_keeps_its_batches_and_the_rerun_completes_the_rest(
        database_url, engine, session_factory, people):
    _open_cases(engine, session_factory, people)
    planned = escalate(session_factory, NOW, dry_run=True).created
    assert len(planned) > 60
    with subprocess.Popen([sys.executable, "-c", JOB, database_url, NOW.isoformat()],
                          stdout=subprocess.PIPE, text=True) as job:
        for line in job.stdout:
            if int(line) >= 45:  # a few batches committed, the job in the middle of the next one
                break
        os.kill(job.pid, signal.SIGKILL)
        job.wait(timeout=30)
    keys, _ = _stored(session_factory)
    assert 40 <= len(keys) < len(planned) and len(keys) % 10 == 0  # whole batches only
    with session_factory() as session:
        assert session.scalars(select(JobRun.status)).all() == ["running"]  # it had no chance to say more
    rerun = escalate(session_factory, NOW)
    assert len(rerun.created) == len(planned) - len(keys)
    assert _stored(session_factory) == (sorted(p.dedupe_key for p in planned),
                                        sum(len(p.recipients) for p in planned))
