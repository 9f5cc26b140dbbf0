"""Issued documents and history are append-only in the database itself, and an issued document is verified on
export against its own hashes and against the record in the history row of the trigger that issued it."""
from __future__ import annotations

import hashlib

import pytest
from alembic import command
from sqlalchemy import MetaData, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from tests.support.factories import DAY1, snapshot
from tests.integration.test_documents import only
from tests.support.migrated import migrated
from tests.support.tamper import triggers_dropped
from workflow import commands as cmd
from workflow import services as sv
from workflow.db import make_session_factory
from workflow.models import ConsultationKind, DocumentKind, History, IssuedDocument
from workflow.models.immutable import FrozenRowError
from workflow.services.documents import DocumentCorrupted

DOCUMENT_REFUSAL = "已出具的文书只能追加，不得修改或删除"
HISTORY_REFUSAL = "办理历史只能追加，不得修改或删除"
RAW_CHANGES = {
    ("issued_document", "UPDATE"): ("UPDATE issued_document SET title = 'forged'", DOCUMENT_REFUSAL),
    ("issued_document", "DELETE"): ("DELETE FROM issued_document", DOCUMENT_REFUSAL),
    ("history", "UPDATE"): ("UPDATE history SET legal_date = '2026-01-01'", HISTORY_REFUSAL),
    ("history", "DELETE"): ("DELETE FROM history", HISTORY_REFUSAL),
}


def sha256(text: str | bytes) -> str:
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


@pytest.mark.parametrize("statement", [
    update(IssuedDocument).values(title="forged"),
    delete(IssuedDocument),
    update(History).values(trigger="forged"),
    delete(History).where(History.trigger == "register"),
    update(IssuedDocument.__table__).values(html="forged"),  # Core, through a session
    insert(History).values(application_id=1, trigger="forged", to_stage="registration",
                           to_sub_step="processing", legal_date=DAY1),  # would skip the hash chain
], ids=["update-document", "delete-document", "update-history", "delete-history", "core-update-document",
        "insert-history"])
def test_bulk_changes_through_a_session_are_refused_before_reaching_the_database(session_factory, create_case,
                                                                                  statement):
    create_case()
    before = snapshot(session_factory)
    with session_factory() as session:
        with pytest.raises(FrozenRowError, match="refused"):
            session.execute(statement)
    assert snapshot(session_factory) == before


@pytest.mark.parametrize("change", ["update", "delete"])
def test_the_orm_refuses_to_change_or_delete_a_history_row(session_factory, create_case, change):
    create_case()
    with session_factory() as session:
        row = session.scalars(select(History)).first()
        if change == "update":
            row.payload = {"forged": True}
        else:
            session.delete(row)
        with pytest.raises(FrozenRowError, match=f"history row {row.id} is frozen"):
            session.flush()


def issuing_record(session_factory, document) -> list[dict]:
    with session_factory() as session:
        return session.get(History, document.history_id).payload["issued_documents"]


@pytest.mark.parametrize("state,kind", [
    ("registration.processing", DocumentKind.RECEIPT),
    ("registration.awaiting_fee", DocumentKind.FEE_NOTICE),  # its builder reads the unwritten history row
    ("reply.issued", DocumentKind.REPLY),  # the year's first number creates its counter in a savepoint
])
def test_the_issuing_history_row_records_both_hashes_of_each_document(session_factory, create_case, state,
                                                                       kind):
    document = only(session_factory, create_case(state).id, kind)
    assert document.sha256 == sha256(document.docx) and document.html_sha256 == sha256(document.html)
    assert issuing_record(session_factory, document) == [{
        "kind": kind.value, "number": document.number, "title": document.title,
        "addressee": document.addressee,
        "sha256": sha256(document.docx), "html_sha256": sha256(document.html)}]


def two_letters(session_factory, people, create_case):
    """A case in consultation with two third parties: their two 征求意见书, issued by one trigger."""
    case = create_case()
    sv.start_consultation(
        session_factory,
        cmd.StartConsultation(consultees=[sv.Consultee(ConsultationKind.THIRD_PARTY, name, received_on=DAY1)
                                          for name in ("某建设公司", "某监理公司")]),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=DAY1)
    documents = sv.list_documents(session_factory, case.id)
    return [d for d in documents if d.kind is DocumentKind.CONSULTATION_LETTER]


def test_each_consultation_letter_has_its_own_record_in_the_one_issuing_row(session_factory, people,
                                                                           create_case):
    letters = two_letters(session_factory, people, create_case)
    assert [d.addressee for d in letters] == ["某建设公司", "某监理公司"]
    assert letters[0].history_id == letters[1].history_id
    records = issuing_record(session_factory, letters[0])
    assert [(r["addressee"], r["html_sha256"]) for r in records] == [(d.addressee, sha256(d.html))
                                                                       for d in letters]


def tamper(engine, document_id, **values):
    table = IssuedDocument.__table__
    with triggers_dropped(engine, table.name) as connection:
        connection.execute(update(table).where(table.c.id == document_id).values(**values))


def export_refusal(session_factory, document_id, fmt):
    with pytest.raises(DocumentCorrupted) as caught:
        sv.export_document(sv.get_document(session_factory, document_id), fmt)
    return caught.value.message


@pytest.mark.parametrize("fmt", ["docx", "html"])
@pytest.mark.parametrize("forgery,what", [
    ("html", "HTML 页面"),  # the page alone
    ("html+hash", "办理历史中的出具记录"),  # page and its hash in the row rewritten together
    ("docx+hash", "办理历史中的出具记录"),
])
def test_a_document_tampered_with_behind_the_triggers_is_not_exported(engine, session_factory, create_case,
                                                                      fmt, forgery, what):
    receipt = only(session_factory, create_case().id, DocumentKind.RECEIPT)
    assert sv.export_document(sv.get_document(session_factory, receipt.id), fmt)
    html = receipt.html.replace("受理编号", "收件编号")
    docx = receipt.docx + b"\0"
    forged = {"html": {"html": html}, "html+hash": {"html": html, "html_sha256": sha256(html)},
              "docx+hash": {"docx": docx, "sha256": sha256(docx)}}[forgery]
    tamper(engine, receipt.id, **forged)
    assert export_refusal(session_factory, receipt.id, fmt) == (
        f"文书 {receipt.id} 的存储内容与出具时的校验值不一致（{what}），请联系管理员")


def test_swapping_two_letters_of_one_trigger_is_detected(engine, session_factory, people, create_case):
    first, second = two_letters(session_factory, people, create_case)
    tamper(engine, first.id, docx=second.docx, sha256=second.sha256, html=second.html,
           html_sha256=second.html_sha256)
    assert "办理历史中的出具记录" in export_refusal(session_factory, first.id, "docx")
    exported = sv.export_document(sv.get_document(session_factory, second.id), "html")
    assert exported == second.html.encode("utf-8")


def _insert_issued_document(connection, tables) -> None:
    """An agency, a case, its history row and one issued document, as revision 0002 stored them."""
    def add(table, **values):
        return connection.execute(insert(tables[table]).values(**values)).inserted_primary_key[0]
    agency = add("agency", name="某市交通运输局", kind="department")
    case = add("application", agency_id=agency, tracking_number="2026-0001", query_code="ABCD1234",
               channel="in_person", received_on=DAY1, applicant_type="natural_person", applicant_name="赵六",
               description="", missing_items=[], stage="registration", sub_step="processing",
               due_provisional=False, clock_round=1, version=1, created_at=DAY1)
    history = add("history", application_id=case, trigger="register", to_stage="registration",
                  to_sub_step="processing", legal_date=DAY1, recorded_at=DAY1, payload={})
    add("issued_document", application_id=case, agency_id=agency, history_id=history, trigger="register",
        kind="receipt", title="受理回执", addressee="赵六", docx=b"docx", html="<p>受理回执</p>",
        sha256=sha256(b"docx"), issued_on=DAY1, recorded_at=DAY1)


def test_migration_0003_hashes_existing_pages_and_makes_both_tables_append_only(database_url):
    with migrated(database_url, "0002") as (config, engine):
        tables = MetaData()
        tables.reflect(engine)
        with engine.begin() as connection:
            _insert_issued_document(connection, tables.tables)
        command.upgrade(config, "head")
        document = sv.get_document(make_session_factory(engine), 1)
        assert document.html_sha256 == sha256("<p>受理回执</p>")
        assert sv.export_document(document, "html") == "<p>受理回执</p>".encode("utf-8")  # no record: row only
        for statement, message in RAW_CHANGES.values():
            with pytest.raises(IntegrityError, match=message):
                with engine.begin() as connection:
                    connection.exec_driver_sql(statement)
        command.downgrade(config, "0002")
        with engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM issued_document")
