"""The hash chain over history and issued documents: every record is chained per agency when it is written,
and deleting, inserting or rewriting any record behind the triggers is found by verify_chains."""
from __future__ import annotations

import threading

from alembic import command
from sqlalchemy import MetaData, delete, func, insert, select, text, update

from rules.calendar import load_calendar
from tests.support.factories import DAY1, T0, make_people, registration_data
from tests.integration.test_recompute_deadlines import _calendar_with_extra_holiday
from tests.integration.test_immutability import _insert_issued_document
from tests.support.migrated import migrated
from tests.support.tamper import triggers_dropped
from workflow import services as sv
from workflow.chain import verify_chains
from workflow.db import make_session_factory
from workflow.jobs.recompute import recompute_open_deadlines
from workflow.models import Application, History, IssuedDocument, RecordChain
from workflow.models.chain import GENESIS, record_hash
from workflow.services.documents import html_hash
from workflow.uow import unit_of_work

HISTORY = History.__table__
DOCUMENTS = IssuedDocument.__table__


def records(engine, agency_id=None) -> list[tuple[int, str, int]]:
    """(chain_seq, table, id) of every chained record, in chain order."""
    with engine.connect() as connection:
        rows = [(seq, table.name, id_) for table in (HISTORY, DOCUMENTS)
                for seq, id_ in connection.execute(select(table.c.chain_seq, table.c.id))]
    return sorted(rows)


def row(engine, table, record_id) -> dict:
    with engine.connect() as connection:
        return dict(connection.execute(select(table).where(table.c.id == record_id)).mappings().one())


def test_every_history_row_and_document_of_an_agency_is_chained_in_order(engine, create_case):
    create_case("archive.closed")
    chained = records(engine)
    assert [seq for seq, _, _ in chained] == list(range(1, len(chained) + 1))
    assert {table for _, table, _ in chained} == {"history", "issued_document"}
    previous = GENESIS
    for _seq, table, record_id in chained:
        values = row(engine, TABLES[table], record_id)
        assert values["chain_prev"] == previous and values["chain_hash"] == record_hash(table, values)
        previous = values["chain_hash"]
    report = verify_chains(make_session_factory(engine))
    assert (report.records, report.broken) == (len(chained), None)
    assert report.heads == {1: (len(chained), previous)}


def rewrite(engine, table, record_id, *, rehash=False, **values) -> None:
    """Change a stored record as someone with DDL rights would; ``rehash``: recompute its chain hash too."""
    with triggers_dropped(engine, table.name) as connection:
        connection.execute(update(table).where(table.c.id == record_id).values(**values))
        if rehash:
            stored = dict(connection.execute(select(table).where(table.c.id == record_id)).mappings().one())
            connection.execute(update(table).where(table.c.id == record_id)
                               .values(chain_hash=record_hash(table.name, stored)))


def remove(engine, table, record_id) -> None:
    with triggers_dropped(engine, table.name) as connection:
        connection.execute(delete(table).where(table.c.id == record_id))


TABLES = {"history": HISTORY, "issued_document": DOCUMENTS}


def deletable_history_row(engine) -> int:
    """The index in chain order of a history row that issued no document (its deletion breaks no key)."""
    chained = records(engine)
    issuing = {row(engine, DOCUMENTS, id_)["history_id"]
               for _, table, id_ in chained if table == "issued_document"}
    return next(i for i, (_, table, id_) in enumerate(chained[:-1])
                if table == "history" and id_ not in issuing)


def first_break(engine, agency_id=None):
    broken = verify_chains(make_session_factory(engine), agency_id).broken
    assert broken is not None
    return broken.table, broken.record_id, broken.problem


def test_a_rewritten_history_row_is_found(engine, create_case):
    create_case("reply.issued")
    rewrite(engine, HISTORY, 2, payload={"forged": True})
    assert first_break(engine) == ("history", 2, "内容与链校验值不符（记录被改写）")


def test_a_rewritten_row_with_its_own_hash_recomputed_breaks_the_next_link(engine, create_case):
    create_case("reply.issued")
    index = deletable_history_row(engine)
    chained = records(engine)
    rewrite(engine, HISTORY, chained[index][2], rehash=True, legal_date=T0)
    _, table, record_id = chained[index + 1]
    assert first_break(engine) == (table, record_id, "与前一条记录的链接不符（前面的记录被删除、插入或改写）")


def test_a_renumbered_history_row_is_found_at_the_next_one(engine, create_case):
    create_case("reply.issued")
    chained = records(engine)
    index = deletable_history_row(engine)
    rewrite(engine, HISTORY, chained[index][2], id=1000)
    following = next(r for r in chained[index + 1:] if r[1] == "history")
    assert first_break(engine) == ("history", following[2], "记录编号与链的顺序不符（记录编号被改动）")


def test_a_reply_forged_with_matching_document_hashes_is_found(engine, session_factory, create_case):
    case = create_case("reply.issued")
    reply = [d for d in sv.list_documents(session_factory, case.id) if d.number][0]
    html = reply.html.replace("</body>", "<p>另附：不予公开</p></body>")
    assert html != reply.html
    rewrite(engine, DOCUMENTS, reply.id, html=html, html_sha256=html_hash(html))
    assert first_break(engine) == ("issued_document", reply.id, "内容与链校验值不符（记录被改写）")


def test_a_deleted_record_in_the_middle_is_found(engine, create_case):
    create_case("reply.issued")
    index = deletable_history_row(engine)
    chained = records(engine)
    seq, _, history_id = chained[index]
    remove(engine, HISTORY, history_id)
    _, table, record_id = chained[index + 1]
    assert first_break(engine) == (table, record_id, f"链中第 {seq} 条记录缺失（已被删除）")


def test_a_deleted_last_record_is_found_by_the_head(engine, create_case):
    create_case("reply.issued")
    _, table, record_id = records(engine)[-1]
    remove(engine, TABLES[table], record_id)
    assert first_break(engine) == ("record_chain", 1,
                                   "链头与最后一条记录不符（末尾的记录被删除，或链头被改写）")


def test_a_record_inserted_behind_the_application_is_found(engine, create_case):
    create_case("reply.issued")
    forged = row(engine, HISTORY, 2)
    forged.update(id=100, chain_seq=None, chain_prev=None, chain_hash=None)
    with engine.begin() as connection:
        connection.execute(insert(HISTORY).values(**forged))
    assert first_break(engine) == ("history", 100, "没有链校验值（不是经本系统写入的记录）")


def test_a_record_inserted_as_a_copy_of_the_last_with_its_chain_values_is_found(engine, create_case):
    create_case("reply.issued")
    last_history = max(id_ for _, table, id_ in records(engine) if table == "history")
    forged = {**row(engine, HISTORY, last_history), "id": 100}
    with engine.begin() as connection:
        connection.execute(insert(HISTORY).values(**forged))
    assert first_break(engine)[2].startswith(f"链序号 {forged['chain_seq']} 重复")


def test_verify_of_one_agency_reads_only_its_chain(engine, session_factory, people, create_case):
    create_case()
    outsider_case = sv.register_application(
        session_factory, registration_data(), actor_id=people.outsider, today=T0)
    outsider_history = next(r[2] for r in records(engine) if r[1] == "history"
                            and row(engine, HISTORY, r[2])["application_id"] == outsider_case.id)
    rewrite(engine, HISTORY, outsider_history, trigger="forged")
    assert verify_chains(make_session_factory(engine), 1).broken is None
    assert first_break(engine, 2)[:2] == ("history", outsider_history)
    assert first_break(engine)[:2] == ("history", outsider_history)


def test_a_savepoint_rolled_back_after_chaining_leaves_the_chain_whole(engine, session_factory, create_case):
    case = create_case()
    with unit_of_work(session_factory) as session:
        savepoint = session.begin_nested()
        session.add(History(application_id=case.id, trigger="note", to_stage=case.stage,
                            to_sub_step=case.sub_step, legal_date=T0))
        session.flush()
        savepoint.rollback()
        session.add(History(application_id=case.id, trigger="note", to_stage=case.stage,
                            to_sub_step=case.sub_step, legal_date=T0))
    report = verify_chains(make_session_factory(engine))
    assert report.broken is None and report.records == len(records(engine))


def test_two_transactions_appending_to_one_agency_chain_do_not_fork_it(engine, session_factory, create_case):
    """The first transaction has chained its row and holds the head; the second must wait for its commit
    and then chain after it (without the head lock both would take the same place)."""
    case = create_case()
    first_flushed, errors = threading.Event(), []

    def append(flushed: threading.Event | None) -> None:
        try:
            with unit_of_work(session_factory) as session:
                session.add(History(application_id=case.id, trigger="note", to_stage=case.stage,
                                    to_sub_step=case.sub_step, legal_date=T0))
                session.flush()
                if flushed is not None:
                    flushed.set()
                    threading.Event().wait(0.5)  # meanwhile the second transaction reaches the head
        except Exception as exc:  # reported below
            errors.append(exc)

    first = threading.Thread(target=append, args=(first_flushed,))
    second = threading.Thread(target=append, args=(None,))
    first.start()
    assert first_flushed.wait(10)
    second.start()  # PostgreSQL: blocks on the head row; SQLite: on BEGIN IMMEDIATE
    first.join(20)
    second.join(20)
    assert errors == []
    chained = records(engine)
    assert [seq for seq, _, _ in chained] == list(range(1, len(chained) + 1))
    assert verify_chains(make_session_factory(engine)).broken is None


def test_a_user_action_and_a_job_appending_to_one_chain_do_not_deadlock(engine, session_factory, create_case):
    """The user changes its case (row lock), then appends history; the job appends history for another case
    of the agency, then touches the user's case. Both must finish: the head is locked before any row."""
    job_case, user_case = create_case(), create_case()
    case_locked, head_locked, errors = threading.Event(), threading.Event(), []

    def note(session, case) -> None:
        session.add(History(application_id=case.id, trigger="note", to_stage=case.stage,
                            to_sub_step=case.sub_step, legal_date=T0))

    def user() -> None:
        with unit_of_work(session_factory) as session:
            session.get(Application, user_case.id).version += 1
            session.flush()
            case_locked.set()
            head_locked.wait(2)  # with the head locked late, the job would hold it now
            note(session, user_case)

    def job() -> None:
        assert case_locked.wait(10)
        with unit_of_work(session_factory) as session:
            note(session, job_case)
            session.flush()
            head_locked.set()
            session.execute(text("UPDATE application SET version = version WHERE id = :id"),
                            {"id": user_case.id})

    def run(work) -> None:
        try:
            work()
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(work,)) for work in (user, job)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert verify_chains(make_session_factory(engine)).broken is None


def test_the_recompute_jobs_history_rows_join_the_chain(engine, session_factory, people, create_case,
                                                        tmp_path):
    create_case(), create_case()
    sv.register_application(session_factory, registration_data(), actor_id=people.outsider, today=T0)
    data = _calendar_with_extra_holiday(tmp_path, "2026-03-16")
    result = recompute_open_deadlines(session_factory, DAY1,
                                      calendar_loader=lambda region: load_calendar(region, data_dir=data))
    assert len(result.changes) == 3
    report = verify_chains(session_factory)
    assert report.broken is None and report.records == len(records(engine))
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).where(HISTORY.c.trigger == "recompute_deadline",
                                                             HISTORY.c.chain_hash.is_not(None))).scalar() == 3


def test_migration_0008_chains_existing_records_and_new_ones_follow(database_url):
    with migrated(database_url, "0002") as (config, engine):  # a document issued before 0003
        tables = MetaData()
        tables.reflect(engine)
        with engine.begin() as connection:
            _insert_issued_document(connection, tables.tables)
        command.upgrade(config, "head")
        report = verify_chains(make_session_factory(engine))
        assert (report.records, report.broken) == (2, None)
        with engine.connect() as connection:
            assert connection.execute(select(RecordChain.length)).scalar_one() == 2
        session_factory = make_session_factory(engine)
        people = make_people(session_factory)
        sv.register_application(session_factory, registration_data(), actor_id=people.clerk, today=T0)
        assert verify_chains(make_session_factory(engine)).broken is None
