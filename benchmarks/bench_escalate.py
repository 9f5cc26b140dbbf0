"""The escalation job (`workflow.jobs.escalation`): 10,000 vs 100,000 open cases on SQLite.

Goals (issue 10): a first run, then an immediate second run that must create 0 alerts and cost at most 1/5 of
the first (no per-case work when nothing changed); and the cost grows linearly: time(100k) / time(10k) of the
first run ≤ 11.

Cases are bulk-inserted (`tests.support.bulk_cases`), received 1–40 calendar days before the day of the run,
handled by 10 clerks; the deadline recompute (not timed) stores their due dates, so that about a quarter are
overdue and a fifth due within 5 working days — 临期, 紧急 and 逾期 alerts to handlers, the 2 supervisors and
the admin. The times compared are the CPU seconds of this process (wall-clock printed too).
"""
from __future__ import annotations

import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import insert, update

from rules.agencies import AgencyKind
from tests.support.bulk_cases import insert_open_cases
from tests.support.migrated import migrated
from workflow.db import make_engine, make_session_factory
from workflow.jobs.escalation import escalate
from workflow.jobs.recompute import recompute_open_deadlines
from workflow.legal_time import LEGAL_TZ
from workflow.models import Agency, Application, ClockStatus, Role, User, UserRole

SIZES = (10_000, 100_000)
RUNS = ("first run", "second run")
RATIO_GOAL = 11.0
SECOND_RUN_GOAL = 0.2  # second / first
TODAY = date(2026, 11, 20)  # a Friday
NOW = datetime(2026, 11, 20, 7, 30, tzinfo=LEGAL_TZ)
CLERKS = 10


def goal_met(result: dict) -> bool:
    return not _misses(result)


def _misses(result: dict) -> list[str]:
    misses = [f"second run created alerts at {count:,}" for count in SIZES if result[(count, RUNS[1])][1]]
    misses += [f"second/first at {count:,}" for count in SIZES
               if _second_share(result, count) > SECOND_RUN_GOAL]
    return misses + (["ratio first run"] if _ratio(result, RUNS[0]) > RATIO_GOAL else [])


def _ratio(result: dict, run: str) -> float:
    return result[(SIZES[1], run)][0] / result[(SIZES[0], run)][0]


def _second_share(result: dict, count: int) -> float:
    return result[(count, RUNS[1])][0] / result[(count, RUNS[0])][0]


def _staff(conn, agency_id: int) -> list[int]:
    """10 clerks, 2 supervisors and an admin; the clerks' ids."""
    people = [(f"clerk{i}", Role.CLERK) for i in range(CLERKS)]
    people += [("supervisor1", Role.SUPERVISOR), ("supervisor2", Role.SUPERVISOR), ("admin", Role.ADMIN)]
    ids = conn.execute(insert(User).returning(User.id, sort_by_parameter_order=True),
                       [dict(name=name, username=name, agency_id=agency_id, active=True, is_system=False)
                        for name, _ in people]).scalars().all()
    conn.execute(insert(UserRole), [dict(user_id=i, role=role) for i, (_, role) in zip(ids, people)])
    return ids[:CLERKS]


def _database(path: Path, count: int) -> str:
    """A migrated SQLite database of ``count`` open cases with stored due dates, handlers and staff."""
    url = f"sqlite:///{path}"
    with migrated(url) as (_config, engine):
        with engine.begin() as conn:
            agency = dict(name="基准测试局", kind=AgencyKind.DEPARTMENT, government="基准测试区人民政府")
            agency_id = conn.execute(insert(Agency).values(**agency)).inserted_primary_key[0]
            clerks = _staff(conn, agency_id)
            insert_open_cases(conn, agency_id, count, TODAY, max_age_days=41)
            conn.execute(update(Application).values(clock_status=ClockStatus.RUNNING,
                                                    handler_id=clerks[0] + Application.id % CLERKS))
        recompute_open_deadlines(make_session_factory(engine), TODAY, real_today=TODAY)  # the due dates
    return url


def _timed(url: str) -> tuple[float, int, float, int]:
    """(CPU seconds, alerts created, wall seconds, inbox rows) of one run."""
    engine = make_engine(url)
    try:
        began, cpu = time.perf_counter(), time.process_time()
        result = escalate(make_session_factory(engine), NOW, real_now=NOW)
        return time.process_time() - cpu, len(result.created), time.perf_counter() - began, result.recipients
    finally:
        engine.dispose()


def main() -> dict:
    result = {}
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-") as tmp:
        for count in SIZES:
            url = _database(Path(tmp) / f"escalate-{count}.sqlite3", count)
            for run in RUNS:
                result[(count, run)] = _timed(url)
    _report(result)
    return result


def _report(result: dict) -> None:
    for (count, run), (seconds, created, wall, recipients) in result.items():
        print(f"{count:>7,} open cases, {run:<10}: {seconds:6.2f} s CPU "
              f"({seconds / count * 1e6:5.1f} µs/case; {wall:6.2f} s wall), {created:>7,} alerts, "
              f"{recipients:>7,} inbox rows")
    for count in SIZES:
        share = _second_share(result, count)
        print(f"second / first at {count:>7,}: {share:5.3f} (goal ≤ {SECOND_RUN_GOAL})")
    ratio = _ratio(result, RUNS[0])
    print(f"ratio 100k/10k, first run : {ratio:5.2f} (goal ≤ {RATIO_GOAL:.0f}, linear = 10)")
    print(f"ratio 100k/10k, second run: {_ratio(result, RUNS[1]):5.2f}")
    misses = _misses(result)
    print("goals met" if not misses else f"goals NOT met: {', '.join(misses)}")


if __name__ == "__main__":
    raise SystemExit(0 if goal_met(main()) else 1)
