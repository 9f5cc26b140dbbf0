"""The deadline board's first page with 1,000 and with 100,000 open cases (SQLite; PostgreSQL when available).

Goal (issue: staff web UI): the median server time of page 1 grows little with the number of cases —
time(100k) / time(1k) ≤ 2 — and stays under 100 ms at 100,000. Measured in-process through the Flask test
client (sign-in, query, template), 25 requests after 3 warm-ups. Cases are bulk-inserted (synthetic).
"""
from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert

from rules.agencies import AgencyKind
from tests.support.web import csrf_token, migrated_app
from web import session_factory
from workflow.legal_time import legal_today
from workflow.models import Agency, ApplicantType, Application, Channel, Role, Stage, SubStep, User, UserRole
from workflow.passwords import hash_password

SIZES = (1_000, 100_000)
GOAL_RATIO, GOAL_MS = 2.0, 100.0
REQUESTS, WARM_UPS, CHUNK = 25, 3, 5_000


def goal_met(result: tuple[float, float]) -> bool:
    ratio, largest_ms = result
    return ratio <= GOAL_RATIO and largest_ms < GOAL_MS


def _populate(app, count: int, today: date, seed: int = 11) -> None:
    rng = random.Random(seed)
    engine = app.extensions["xxgk.engine"]
    with engine.begin() as conn:
        agency = conn.execute(insert(Agency).values(name="基准测试局", kind=AgencyKind.DEPARTMENT,
                                                    government="基准测试区人民政府")).inserted_primary_key[0]
        user = conn.execute(insert(User).values(name="基准", username="bench", agency_id=agency,
                                                password_hash=hash_password("bench-2026"))).inserted_primary_key[0]
        conn.execute(insert(UserRole).values(user_id=user, role=Role.CLERK))
        for start in range(0, count, CHUNK):
            rows = []
            for number in range(start + 1, min(start + CHUNK, count) + 1):
                received = today - timedelta(days=rng.randrange(0, 40))
                rows.append(dict(agency_id=agency, tracking_number=f"2026-{number:06d}", query_code=f"Q{number:09d}",
                                 channel=Channel.IN_PERSON, received_on=received, applicant_type=ApplicantType.OTHER,
                                 applicant_name=f"申请人{number}", description="关于道路养护资金使用情况的信息" * 3,
                                 missing_items=[], stage=Stage.REGISTRATION, sub_step=SubStep.PROCESSING,
                                 due_date=received + timedelta(days=28), due_provisional=False, clock_round=1,
                                 version=1, handler_id=user, clock_status="running" if number % 7 else "paused"))
            conn.execute(insert(Application), rows)


def _median_ms(app) -> float:
    client = app.test_client()
    client.post("/login", data={"username": "bench", "password": "bench-2026",
                                "csrf_token": csrf_token(client, "/login")})
    timings = []
    for index in range(WARM_UPS + REQUESTS):
        began = time.perf_counter()
        response = client.get("/board/")
        elapsed = (time.perf_counter() - began) * 1000
        assert response.status_code == 200 and "期限看板" in response.get_data(as_text=True)
        if index >= WARM_UPS:
            timings.append(elapsed)
    return statistics.median(timings)


def _measure(url_for_size) -> dict[int, float]:
    results = {}
    for count in SIZES:
        app = migrated_app(url_for_size(count))
        _populate(app, count, legal_today())
        results[count] = _median_ms(app)
        app.extensions["xxgk.engine"].dispose()
    return results


def _report(name: str, results: dict[int, float]) -> tuple[float, float]:
    for count, ms in results.items():
        print(f"{name} {count:>7,} open cases: page 1 median {ms:6.1f} ms")
    ratio = results[SIZES[1]] / results[SIZES[0]]
    met = ratio <= GOAL_RATIO and results[SIZES[1]] < GOAL_MS
    print(f"{name} ratio 100k/1k: {ratio:.2f} (goal ≤ {GOAL_RATIO:.0f}, and < {GOAL_MS:.0f} ms at 100k) — "
          f"{'met' if met else 'NOT met'}")
    return ratio, results[SIZES[1]]


def main() -> tuple[float, float]:
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-board-") as tmp:
        result = _report("SQLite", _measure(lambda count: f"sqlite:///{Path(tmp) / f'board-{count}.sqlite3'}"))
    if os.environ.get("XXGK_TEST_BENCH_POSTGRES", "1") != "0":
        from tests.support import postgres
        url, reason = postgres.server_url()
        if url is None:
            print(f"PostgreSQL: skipped ({reason})")
        else:
            _report("PostgreSQL", _measure(lambda _count: postgres.fresh_database(url)))
    return result


if __name__ == "__main__":
    raise SystemExit(0 if goal_met(main()) else 1)
