"""Many synthetic open cases, bulk-inserted (the services would take hours at benchmark sizes).

Used by the recompute tests and by ``benchmarks/bench_recompute.py``: each case is registered in person with a
``received`` clock event, and every fifth has a closed consultation pause (条例第三十三条第三款) of random
dates.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import Connection, insert

from workflow.models import ApplicantType, Application, Channel, ClockEventRecord, Stage, SubStep

CHUNK = 5_000


def insert_open_cases(conn: Connection, agency_id: int, count: int, today: date, *, seed: int = 7,
                      prefix: str = "B", max_age_days: int = 80) -> None:
    """Insert ``count`` open cases of ``agency_id``, received 1 to ``max_age_days`` - 1 days before ``today``;
    no due date."""
    rng = random.Random(seed)
    for start in range(0, count, CHUNK):
        numbers = range(start + 1, min(start + CHUNK, count) + 1)
        received = {n: today - timedelta(days=rng.randrange(1, max_age_days)) for n in numbers}
        rows = [_case(agency_id, n, received[n], prefix) for n in numbers]
        ids = conn.execute(insert(Application).returning(Application.id, sort_by_parameter_order=True),
                           rows).scalars().all()
        events = []
        for n, case_id in zip(numbers, ids):
            events.append(dict(application_id=case_id, kind="received", day=received[n], ref=None))
            if n % 5 == 0:  # a consultation letter 1–10 days after receipt, the opinion 1–20 days later
                sent = received[n] + timedelta(days=rng.randrange(1, 11))
                ended = sent + timedelta(days=rng.randrange(1, 21))
                events += [dict(application_id=case_id, kind=kind, day=day, ref="consultation:1")
                           for kind, day in (("pause_started", sent), ("pause_ended", ended))]
        conn.execute(insert(ClockEventRecord), events)


def _case(agency_id: int, number: int, received: date, prefix: str) -> dict:
    return dict(agency_id=agency_id, tracking_number=f"{prefix}-{number:06d}",
                query_code=f"{prefix}{number:09d}", channel=Channel.IN_PERSON, received_on=received,
                applicant_type=ApplicantType.NATURAL_PERSON, applicant_name="申请人",
                description="基准测试", missing_items=[], stage=Stage.REGISTRATION, sub_step=SubStep.PROCESSING,
                due_provisional=False, clock_round=1, version=1)
