"""Recompute every open deadline after a calendar change: 10,000 vs 100,000 cases on SQLite.

Goal (issue 3): the cost grows linearly — time(100k) / time(10k) ≤ 12. Cases are bulk-inserted (synthetic, not
through the services, which would take hours at this size); the recompute itself is the production service.
"""
from __future__ import annotations

import random
import shutil
import tempfile
import time
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from alembic import command
from sqlalchemy import insert

from migrations import alembic_config
from rules.agencies import AgencyKind
from rules.calendar import DATA_DIR, load_calendar
from workflow.db import make_engine, make_session_factory
from workflow.models import (Agency, ApplicantType, Application, Channel, ClockEventRecord, Stage, SubStep,
                             User)
from workflow.services.deadline import recompute_open_deadlines

SIZES = (10_000, 100_000)
GOAL = 12.0
TODAY = date(2026, 11, 20)
CHUNK = 5_000


def goal_met(ratio: float) -> bool:
    return ratio <= GOAL


def _changed_calendar_dir(root: Path) -> Path:
    """A copy of the calendar data where the 国庆 调休 Saturday 2026-10-10 is no longer a working day."""
    target = root / "calendar-changed"
    shutil.copytree(DATA_DIR, target)
    path = target / "2026.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(", 2026-10-10]", "]"), encoding="utf-8")
    return target


def _populate(url: str, count: int, seed: int = 7) -> None:
    engine = make_engine(url)
    rng = random.Random(seed)
    with engine.begin() as conn:
        agency_id = conn.execute(insert(Agency).values(name="基准测试局", kind=AgencyKind.DEPARTMENT,
                                                       government="基准测试区人民政府")).inserted_primary_key[0]
        conn.execute(insert(User).values(name="基准", username="bench", agency_id=agency_id))
        for start in range(0, count, CHUNK):
            cases, events = [], []
            for number in range(start + 1, min(start + CHUNK, count) + 1):
                received = TODAY - timedelta(days=rng.randrange(1, 80))
                cases.append(dict(id=number, agency_id=agency_id, tracking_number=f"2026-{number:06d}",
                                  query_code=f"Q{number:09d}", channel=Channel.IN_PERSON, received_on=received,
                                  applicant_type=ApplicantType.NATURAL_PERSON, applicant_name="申请人",
                                  description="基准测试", missing_items=[], stage=Stage.REGISTRATION,
                                  sub_step=SubStep.PROCESSING, due_provisional=False, clock_round=1, version=1))
                events.append(dict(application_id=number, kind="received", day=received, ref=None))
                if number % 5 == 0:  # a consultation pause on every fifth case (条例第三十三条第三款)
                    events.append(dict(application_id=number, kind="pause_started", day=received + timedelta(days=3),
                                       ref="consultation:1"))
                    events.append(dict(application_id=number, kind="pause_ended", day=received + timedelta(days=12),
                                       ref="consultation:1"))
            conn.execute(insert(Application), cases)
            conn.execute(insert(ClockEventRecord), events)
    engine.dispose()


def _measure(root: Path, count: int, changed: Path) -> tuple[float, int]:
    url = f"sqlite:///{root / f'bench-{count}.sqlite3'}"
    command.upgrade(alembic_config(url), "head")
    _populate(url, count)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    recompute_open_deadlines(factory, TODAY)  # store the current due dates first (not timed)
    began = time.perf_counter()
    changes = recompute_open_deadlines(factory, TODAY, calendar_loader=partial(load_calendar, data_dir=changed))
    seconds = time.perf_counter() - began
    engine.dispose()
    return seconds, len(changes)


def main() -> float:
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-") as tmp:
        root = Path(tmp)
        changed = _changed_calendar_dir(root)
        results = {count: _measure(root, count, changed) for count in SIZES}
    for count, (seconds, changes) in results.items():
        print(f"{count:>7,} open cases: {seconds:7.2f} s ({seconds / count * 1e6:6.1f} µs/case), "
              f"{changes:,} due dates changed and logged")
    ratio = results[SIZES[1]][0] / results[SIZES[0]][0]
    print(f"ratio 100k/10k: {ratio:.2f} (goal ≤ {GOAL:.0f}, linear = 10) — {'met' if goal_met(ratio) else 'NOT met'}")
    return ratio


if __name__ == "__main__":
    raise SystemExit(0 if goal_met(main()) else 1)
