"""Two simultaneous actions on one case: exactly one wins. A failure after the state change changes nothing."""
import threading
from datetime import date

import pytest

from tests.integration.conftest import DAY1, load, registration_data, snapshot, T0
from workflow import history
from workflow import services as sv
from workflow.errors import ConcurrentModification
from workflow.models import Stage


def _race(*calls):
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            results[index] = call()
        except Exception as exc:  # collected and asserted by the test
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.parametrize("attempt", range(3))
def test_of_two_simultaneous_actions_exactly_one_wins(session_factory, people, create_case, attempt):
    case = create_case()
    results = _race(
        lambda: sv.withdraw(session_factory, people.clerk, case.id, case.version, reason="撤回", today=DAY1),
        lambda: sv.draft_reply(session_factory, people.clerk2, case.id, case.version, today=DAY1))
    winners = [r for r in results if not isinstance(r, Exception)]
    losers = [r for r in results if isinstance(r, Exception)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert isinstance(losers[0], ConcurrentModification) and losers[0].message == "案件已被他人修改，请刷新"
    stored = load(session_factory, case.id)
    assert stored.version == case.version + 1
    assert [h.trigger for h in stored.history][-1] in ("withdraw", "draft_reply")
    assert len(stored.history) == 2


def test_simultaneous_registrations_get_distinct_sequential_numbers(session_factory, people):
    results = _race(*[lambda: sv.register_application(session_factory, people.clerk, registration_data(), today=T0)
                      for _ in range(4)])
    assert sorted(r.tracking_number for r in results) == ["2026-0001", "2026-0002", "2026-0003", "2026-0004"]


def test_an_error_after_the_state_change_leaves_the_database_as_it_was(session_factory, people, create_case,
                                                                      monkeypatch):
    case = create_case("consultation.awaiting_opinions")
    before = snapshot(session_factory)

    def broken_history_writer(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(history, "write_history", broken_history_writer)
    with pytest.raises(RuntimeError, match="disk full"):
        sv.extend_deadline(session_factory, people.supervisor, case.id, case.version, days=5, reason="r",
                           today=date(2026, 3, 5))
    assert snapshot(session_factory) == before
    assert load(session_factory, case.id).stage is Stage.CONSULTATION
