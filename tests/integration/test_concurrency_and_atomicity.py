"""Two simultaneous actions on one case: exactly one wins. A failure after the state change changes
nothing."""
import sqlite3
import threading
from datetime import date

import pytest

from tests.support.factories import DAY1, T0, load, make_people, registration_data, snapshot
from workflow import history
from workflow import commands as cmd
from workflow import services as sv
from workflow.db import make_engine, make_session_factory
from workflow.errors import ConcurrentModification
from workflow.models import Application, Base, Stage


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
        lambda: sv.withdraw(
            session_factory, cmd.Withdraw(reason="撤回"), actor_id=people.clerk, case_id=case.id,
            expected_version=case.version, today=DAY1),
        lambda: sv.draft_reply(
            session_factory, cmd.DraftReply(), actor_id=people.clerk2, case_id=case.id,
            expected_version=case.version, today=DAY1))
    winners = [r for r in results if not isinstance(r, Exception)]
    losers = [r for r in results if isinstance(r, Exception)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert isinstance(losers[0], ConcurrentModification) and losers[0].message == "案件已被他人修改，请刷新"
    stored = load(session_factory, case.id)
    assert stored.version == case.version + 1
    assert [h.trigger for h in stored.history][-1] in ("withdraw", "draft_reply")
    assert len(stored.history) == 2


def test_simultaneous_registrations_get_distinct_sequential_numbers(session_factory, people):
    results = _race(*[lambda: sv.register_application(
        session_factory, registration_data(), actor_id=people.clerk, today=T0)
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
        sv.extend_deadline(
            session_factory, cmd.ExtendDeadline(days=5, reason="r"), actor_id=people.supervisor,
            case_id=case.id, expected_version=case.version, today=date(2026, 3, 5))
    assert snapshot(session_factory) == before
    assert load(session_factory, case.id).stage is Stage.CONSULTATION


@pytest.fixture
def people_free_db():
    """A SQLite database outside the two-database fixture, with the usual people and one case."""
    engines = []

    def build(url):
        engine = make_engine(url)
        engines.append(engine)
        Base.metadata.create_all(engine)
        factory = make_session_factory(engine)
        people = make_people(factory)
        case = sv.register_application(factory, registration_data(), actor_id=people.clerk, today=T0)
        return factory, people, case
    yield build
    for engine in engines:
        engine.dispose()


def test_a_sqlite_write_service_takes_the_write_lock_before_it_reads(tmp_path, people_free_db):
    from workflow.uow import unit_of_work

    url = f"sqlite:///{tmp_path / 'immediate.sqlite3'}"
    session_factory, _, case = people_free_db(url)
    other = sqlite3.connect(tmp_path / "immediate.sqlite3", isolation_level=None, timeout=0)
    try:
        with unit_of_work(session_factory) as session:
            session.get(Application, case.id)  # only a read so far
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
    finally:
        other.close()


@pytest.mark.parametrize("version", [None, "0", True])
def test_a_write_without_the_version_the_user_saw_is_refused_and_changes_nothing(session_factory, people,
                                                                                 create_case, version):
    case = create_case()
    before = snapshot(session_factory)
    with pytest.raises(TypeError, match="expected_version must be the case version the user saw"):
        sv.withdraw(
            session_factory, cmd.Withdraw(reason="申请人书面撤回"), actor_id=people.clerk, case_id=case.id,
            expected_version=version, today=DAY1)
    with pytest.raises(TypeError):
        sv.execute(session_factory, cmd.Withdraw(reason="申请人书面撤回"), actor_id=people.clerk,
                   case_id=case.id, expected_version=version, today=DAY1)
    assert snapshot(session_factory) == before
