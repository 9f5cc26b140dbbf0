"""Recompute every open deadline (`workflow.jobs.recompute`): 10,000 vs 100,000 open cases on SQLite.

Goals (issue 8): with 100,000 open cases, nothing to change ≤ 5 s and every case changing ≤ 15 s; the cost
grows linearly — each time(100k) / time(10k), the 10k run of the same kind in the same process being the reference,
≤ 11. Cases are bulk-inserted without a stored due date (synthetic, not through the services, which would take
hours at this size), so the first run changes every case; the second, with the same calendar, changes nothing;
the third follows a calendar change (the 国庆 调休 Saturday 2026-10-10 removed), which moves about 40 %.
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
SECONDS_GOAL = {"every case changing": 15.0, "nothing to change": 5.0}  # for 100,000 cases
TODAY = date(2026, 11, 20)


def goal_met(result: dict) -> bool:
    return all(result[(SIZES[1], run)][0] <= limit for run, limit in SECONDS_GOAL.items()) and all(
        _ratio(result, run) <= RATIO_GOAL for run in RUNS)


def _ratio(result: dict, run: str) -> float:
    return result[(SIZES[1], run)][0] / result[(SIZES[0], run)][0]


def _changed_calendar_dir(root: Path) -> Path:
    """A copy of the calendar data where the 国庆 调休 Saturday 2026-10-10 is no longer a working day."""
    target = root / "calendar-changed"
    shutil.copytree(DATA_DIR, target)
    path = target / "2026.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(", 2026-10-10]", "]"), encoding="utf-8")
    return target


def _populate(url: str, count: int) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        agency_id = conn.execute(insert(Agency).values(name="基准测试局", kind=AgencyKind.DEPARTMENT,
                                                       government="基准测试区人民政府")).inserted_primary_key[0]
        insert_open_cases(conn, agency_id, count, TODAY)
    engine.dispose()


def _measure(root: Path, count: int, changed: Path) -> dict:
    url = f"sqlite:///{root / f'bench-{count}.sqlite3'}"
    command.upgrade(alembic_config(url), "head")
    _populate(url, count)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    loaders = (load_calendar, load_calendar, partial(load_calendar, data_dir=changed))
    timings = {}
    for run, loader in zip(RUNS, loaders):
        began = time.perf_counter()
        result = recompute_open_deadlines(factory, TODAY, calendar_loader=loader, real_today=TODAY)
        timings[(count, run)] = (time.perf_counter() - began, len(result.changes))
    engine.dispose()
    return timings


def main() -> dict:
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-") as tmp:
        root = Path(tmp)
        changed = _changed_calendar_dir(root)
        result = {}
        for count in SIZES:
            result.update(_measure(root, count, changed))
    for (count, run), (seconds, changes) in result.items():
        goal = SECONDS_GOAL.get(run) if count == SIZES[1] else None
        print(f"{count:>7,} open cases, {run:<20}: {seconds:6.2f} s ({seconds / count * 1e6:5.1f} µs/case), "
              f"{changes:>7,} due dates changed and logged" + (f"  (goal ≤ {goal:.0f} s)" if goal else ""))
    for run in RUNS:
        print(f"ratio 100k/10k, {run:<20}: {_ratio(result, run):5.2f} (goal ≤ {RATIO_GOAL:.0f}, linear = 10)")
    print(f"goals {'met' if goal_met(result) else 'NOT met'}")
    return result


if __name__ == "__main__":
    raise SystemExit(0 if goal_met(main()) else 1)
