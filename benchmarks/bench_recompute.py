"""Recompute every open deadline (`workflow.jobs.recompute`): 10,000 vs 100,000 open cases on SQLite.

Goals (issue 8), set on the development machine: with 100,000 open cases, nothing to change ≤ 5 s and every
case changing ≤ 15 s, while the recompute before issue 8 took ≈ 45 s (4.40 s per 10,000 cases after a calendar
change). That old recompute (`reference_recompute`) is timed again in the same run on 10,000 cases, and the
goals are scaled by how much slower or faster this machine is now — so they are ratios against a reference
measured in the same process. And the cost grows linearly: each time(100k) / time(10k) of the same kind ≤ 11.

Cases are bulk-inserted without a stored due date (synthetic, not through the services, which would take hours
at this size), so the first run changes every case; the second, with the same calendar, changes nothing; the
third follows a calendar change (the 国庆 调休 Saturday 2026-10-10 removed), which moves about 40 %.

The times compared are the CPU seconds of this process: on a shared machine the wall-clock time mostly
measures the other processes (it is printed too; on an idle machine it adds the disk syncs of the commits).
"""
from __future__ import annotations

import shutil
import tempfile
import time
from datetime import date
from functools import partial
from pathlib import Path

from alembic import command
from sqlalchemy import insert

from benchmarks.reference_recompute import REFERENCE_SECONDS, recompute_as_before
from migrations import alembic_config
from rules.agencies import AgencyKind
from rules.calendar import DATA_DIR, load_calendar
from tests.support.bulk_cases import insert_open_cases
from workflow.db import make_engine, make_session_factory
from workflow.jobs.recompute import recompute_open_deadlines
from workflow.models import Agency

SIZES = (10_000, 100_000)
RUNS = ("every case changing", "nothing to change", "calendar changed")
RATIO_GOAL = 11.0
SECONDS_GOAL = {"every case changing": 15.0, "nothing to change": 5.0}  # 100,000 cases, at REFERENCE_SECONDS
TODAY = date(2026, 11, 20)


def goal_met(result: dict) -> bool:
    return not _misses(result)


def _misses(result: dict) -> list[str]:
    scale = result["reference"][0] / REFERENCE_SECONDS
    slow = [run for run, limit in SECONDS_GOAL.items() if result[(SIZES[1], run)][0] > limit * scale]
    return slow + [f"ratio {run}" for run in RUNS if _ratio(result, run) > RATIO_GOAL]


def _ratio(result: dict, run: str) -> float:
    return result[(SIZES[1], run)][0] / result[(SIZES[0], run)][0]


def _changed_calendar_dir(root: Path) -> Path:
    """A copy of the calendar data where the 国庆 调休 Saturday 2026-10-10 is no longer a working day."""
    target = root / "calendar-changed"
    shutil.copytree(DATA_DIR, target)
    path = target / "2026.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(", 2026-10-10]", "]"), encoding="utf-8")
    return target


def _database(path: Path, count: int) -> str:
    url = f"sqlite:///{path}"
    command.upgrade(alembic_config(url), "head")
    engine = make_engine(url)
    with engine.begin() as conn:
        agency_id = conn.execute(insert(Agency).values(name="基准测试局", kind=AgencyKind.DEPARTMENT,
                                                       government="基准测试区人民政府")).inserted_primary_key[0]
        insert_open_cases(conn, agency_id, count, TODAY)
    engine.dispose()
    return url


def _timed(url: str, job, loader) -> tuple[float, int, float]:
    """(CPU seconds, cases changed, wall seconds) of one run."""
    engine = make_engine(url)
    try:
        began, cpu = time.perf_counter(), time.process_time()
        changed = job(make_session_factory(engine), TODAY, calendar_loader=loader)
        return time.process_time() - cpu, changed, time.perf_counter() - began
    finally:
        engine.dispose()


def _new(factory, today, calendar_loader) -> int:
    result = recompute_open_deadlines(factory, today, calendar_loader=calendar_loader, real_today=today)
    return len(result.changes)


def _measure(root: Path, count: int, changed: Path) -> dict:
    """The three runs of the job on ``count`` cases; for the smaller size, the reference on a copy as well."""
    path = root / f"bench-{count}.sqlite3"
    url = _database(path, count)
    timings = {(count, run): _timed(url, _new, loader) for run, loader in zip(RUNS[:2], (load_calendar,) * 2)}
    if count == SIZES[0]:  # the reference sees the same stored due dates and the same calendar change
        copy = root / "reference.sqlite3"
        shutil.copy(path, copy)
        timings["reference"] = _timed(f"sqlite:///{copy}", recompute_as_before,
                                      partial(load_calendar, data_dir=changed))
    timings[(count, RUNS[2])] = _timed(url, _new, partial(load_calendar, data_dir=changed))
    return timings


def main() -> dict:
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-") as tmp:
        root = Path(tmp)
        changed = _changed_calendar_dir(root)
        result = {}
        for count in SIZES:
            result.update(_measure(root, count, changed))
    _report(result)
    return result


def _report(result: dict) -> None:
    seconds, changed, wall = result["reference"]
    scale = seconds / REFERENCE_SECONDS
    print(f"reference (recompute before issue 8), {SIZES[0]:,} cases, calendar changed: {seconds:.2f} s CPU "
          f"({wall:.2f} s wall), {changed:,} changed (was {REFERENCE_SECONDS:.2f} s when the goals were set: "
          f"this machine is now ×{scale:.2f})")
    for key, (seconds, changes, wall) in result.items():
        if key == "reference":
            continue
        count, run = key
        goal = f"  (goal ≤ {SECONDS_GOAL[run] * scale:.1f} s here, {SECONDS_GOAL[run]:.0f} s there)" \
            if count == SIZES[1] and run in SECONDS_GOAL else ""
        print(f"{count:>7,} open cases, {run:<20}: {seconds:6.2f} s CPU "
              f"({seconds / count * 1e6:5.1f} µs/case; {wall:6.2f} s wall), "
              f"{changes:>7,} due dates changed and logged{goal}")
    for run in RUNS:
        print(f"ratio 100k/10k, {run:<20}: {_ratio(result, run):5.2f} (goal ≤ {RATIO_GOAL:.0f}, linear = 10)")
    misses = _misses(result)
    print("goals met" if not misses else f"goals NOT met: {', '.join(misses)}")


if __name__ == "__main__":
    raise SystemExit(0 if goal_met(main()) else 1)
