"""The deadline board's first page with 1,000 and with 100,000 open cases (SQLite; PostgreSQL when available).

Goal (issue: staff web UI): the median server time of page 1 grows little with the number of cases —
time(100k) / time(1k) ≤ 2 — and stays under 100 ms at 100,000. Measured in-process through the Flask test
client (sign-in, query, template), 25 requests after 3 warm-ups. Cases are bulk-inserted (synthetic). Both
sizes are loaded first and then requested alternately, so that a load change on a shared machine hits both
medians alike; the process CPU time per request is shown beside (for SQLite it is nearly all the work). The
searches (a tracking-number prefix, an applicant name, a text found nowhere) are timed at 100,000 too. On
PostgreSQL the table is analysed after loading, as autovacuum would be shortly after any bulk load: without
statistics the planner takes the search's few matches for the whole table (docs/web.md, "Benchmark").
"""
from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import insert, text

from rules.agencies import AgencyKind
from tests.support.web import csrf_token, migrated_app
from web import session_factory
from workflow.legal_time import legal_today
from workflow.models import Agency, ApplicantType, Application, Channel, Role, Stage, SubStep, User, UserRole
from workflow.passwords import hash_password

SIZES = (1_000, 100_000)
GOAL_RATIO, GOAL_MS = 2.0, 100.0
REQUESTS, WARM_UPS, CHUNK = 25, 3, 5_000
SEARCHES = ("2026-0999", "申请人99999", "没有这样的内容")
SEARCH_REQUESTS = 5


def goal_met(result: tuple[float, float]) -> bool:
    ratio, largest_ms = result
    return ratio <= GOAL_RATIO and largest_ms < GOAL_MS


def _case_row(number: int, agency: int, user: int, received: date) -> dict:
    return dict(agency_id=agency, tracking_number=f"2026-{number:06d}", query_code=f"Q{number:09d}",
                channel=Channel.IN_PERSON, received_on=received, applicant_type=ApplicantType.OTHER,
                applicant_name=f"申请人{number}", description="关于道路养护资金使用情况的信息" * 3,
                missing_items=[], stage=Stage.REGISTRATION, sub_step=SubStep.PROCESSING,
                due_date=received + timedelta(days=28), due_provisional=False, clock_round=1, version=1,
                handler_id=user, clock_status="running" if number % 7 else "paused")


def _populate(app, count: int, today: date, seed: int = 11) -> None:
    rng = random.Random(seed)
    engine = app.extensions["xxgk.engine"]
    with engine.begin() as conn:
        agency = conn.execute(insert(Agency).values(name="基准测试局", kind=AgencyKind.DEPARTMENT,
                                                    government="基准测试区人民政府")).inserted_primary_key[0]
        user = conn.execute(insert(User).values(
            name="基准", username="bench", agency_id=agency,
            password_hash=hash_password("bench-2026"))).inserted_primary_key[0]
        conn.execute(insert(UserRole).values(user_id=user, role=Role.CLERK))
        for start in range(0, count, CHUNK):
            conn.execute(insert(Application), [
                _case_row(number, agency, user, today - timedelta(days=rng.randrange(0, 40)))
                for number in range(start + 1, min(start + CHUNK, count) + 1)])
        if conn.dialect.name == "postgresql":
            conn.execute(text("ANALYZE application"))  # as autovacuum does within a minute of a bulk load


def _client(app):
    client = app.test_client()
    client.post("/login", data={"username": "bench", "password": "bench-2026",
                                "csrf_token": csrf_token(client, "/login")})
    return client


def _timed(client, path: str) -> tuple[float, float]:
    began, cpu = time.perf_counter(), time.process_time()
    response = client.get(path)
    elapsed, cpu_ms = (time.perf_counter() - began) * 1000, (time.process_time() - cpu) * 1000
    assert response.status_code == 200 and "期限看板" in response.get_data(as_text=True)
    return elapsed, cpu_ms


def _medians(clients: dict, path: str, requests: int, warm_ups: int) -> dict[int, tuple[float, float]]:
    """Median (wall, cpu) ms of ``path`` per size, the sizes requested in turn."""
    timings: dict = {count: [] for count in clients}
    for index in range(warm_ups + requests):
        for count, client in clients.items():
            measured = _timed(client, path)
            if index >= warm_ups:
                timings[count].append(measured)
    return {count: (statistics.median(t[0] for t in ts), statistics.median(t[1] for t in ts))
            for count, ts in timings.items()}


def _measure(name: str, url_for_size) -> tuple[float, float]:
    apps = {}
    for count in SIZES:
        apps[count] = migrated_app(url_for_size(count))
        _populate(apps[count], count, legal_today())
    clients = {count: _client(app) for count, app in apps.items()}
    result = _report(name, _medians(clients, "/board/", REQUESTS, WARM_UPS))
    largest = {SIZES[1]: clients[SIZES[1]]}
    for text in SEARCHES:
        wall, cpu = _medians(largest, f"/board/?q={quote(text)}", SEARCH_REQUESTS, 1)[SIZES[1]]
        print(f"{name} {SIZES[1]:>7,} open cases: search 「{text}」 median {wall:6.1f} ms (cpu {cpu:6.1f} ms)")
    for app in apps.values():
        app.extensions["xxgk.engine"].dispose()
    return result


def _report(name: str, results: dict[int, tuple[float, float]]) -> tuple[float, float]:
    for count, (ms, cpu) in results.items():
        print(f"{name} {count:>7,} open cases: page 1 median {ms:6.1f} ms (cpu {cpu:6.1f} ms)")
    ratio = results[SIZES[1]][0] / results[SIZES[0]][0]
    largest = results[SIZES[1]][0]
    met = ratio <= GOAL_RATIO and largest < GOAL_MS
    print(f"{name} ratio 100k/1k: {ratio:.2f} (goal ≤ {GOAL_RATIO:.0f}, and < {GOAL_MS:.0f} ms at 100k) — "
          f"{'met' if met else 'NOT met'}")
    return ratio, largest


def main() -> tuple[float, float]:
    """Measure on SQLite and (when available) PostgreSQL; the worst ratio and the slowest 100k median."""
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-board-") as tmp:
        results = [_measure("SQLite", lambda count: f"sqlite:///{Path(tmp) / f'board-{count}.sqlite3'}")]
    if os.environ.get("XXGK_TEST_BENCH_POSTGRES", "1") != "0":
        from tests.support import postgres
        url, reason = postgres.server_url()
        if url is None:
            print(f"PostgreSQL: skipped ({reason})")
        else:
            results.append(_measure("PostgreSQL", lambda _count: postgres.fresh_database(url)))
    return max(r[0] for r in results), max(r[1] for r in results)


if __name__ == "__main__":
    raise SystemExit(0 if goal_met(main()) else 1)
