"""The demo drives every scenario through the real triggers: its documents are what production would store."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from alembic import command
from sqlalchemy import select

from migrations import alembic_config
from workflow.db import make_engine, make_session_factory
from workflow.demo.loader import load_demo
from workflow.demo.scenarios import SCENARIOS
from workflow.documents import document_hash, reply_number
from workflow.models import Agency, Application, DocumentKind, IssuedDocument, Reply


def test_demo_cases_hold_one_receipt_each_and_gapless_reply_numbers_per_agency_and_year(database_url):
    command.upgrade(alembic_config(database_url), "head")
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    try:
        load_demo(factory, today=date(2026, 11, 20), count=len(SCENARIOS) + 6)
        with factory() as session:
            documents = session.scalars(select(IssuedDocument).order_by(IssuedDocument.id)).all()
            cases = session.scalars(select(Application)).all()
            codes = dict(session.execute(select(Agency.id, Agency.doc_code)).all())
            issued = session.scalars(select(Reply).where(Reply.issued_on.is_not(None))).all()
    finally:
        engine.dispose()
    receipts = defaultdict(int)
    numbers = defaultdict(list)
    for doc in documents:
        assert doc.sha256 == document_hash(doc.docx)
        if doc.kind is DocumentKind.RECEIPT:
            receipts[doc.application_id] += 1
        if doc.kind is DocumentKind.REPLY:
            numbers[(doc.agency_id, doc.issued_on.year)].append(doc.number)
    confirmed = {c.id for c in cases if not c.channel.needs_confirmation or c.confirmed_on}
    assert dict(receipts) == {case_id: 1 for case_id in confirmed}
    assert numbers, "the demo issues replies"
    for (agency_id, year), found in numbers.items():
        expected = [reply_number(codes[agency_id], year, n) for n in range(1, len(found) + 1)]
        assert sorted(found) == sorted(expected)
    assert sorted(r.document_number for r in issued) == sorted(n for found in numbers.values() for n in found)
