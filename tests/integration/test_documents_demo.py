"""The demo drives every scenario through the real triggers: its documents are what production would store."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from alembic import command
from sqlalchemy import select

from migrations import alembic_config
from workflow.db import make_engine, make_session_factory
from workflow.demo import pools
from workflow.demo import replies as demo_replies
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


def test_each_demo_agency_asks_and_answers_from_its_own_pool_and_never_cites_another_agency(database_url):
    command.upgrade(alembic_config(database_url), "head")
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    try:
        # 3 agencies, len(SCENARIOS) not a multiple of 3: every scenario runs at every agency
        load_demo(factory, today=date(2026, 11, 20), count=len(SCENARIOS) * 3)
        with factory() as session:
            keys = {agency.id: (pools.agency_key(agency.name), agency.doc_code)
                    for agency in session.scalars(select(Agency))}
            cases = session.scalars(select(Application)).all()
            replies = session.execute(select(Application.agency_id, Reply.fields)
                                      .join(Reply, Reply.application_id == Application.id)
                                      .where(Reply.category.is_not(None))).all()
            letters = session.execute(select(IssuedDocument.agency_id, IssuedDocument.kind,
                                             IssuedDocument.html)).all()
    finally:
        engine.dispose()
    for case in cases:
        key = keys[case.agency_id][0]
        assert case.description in demo_replies.requests_of(key), (key, case.description)
    for agency_id, fields in replies:
        key = keys[agency_id][0]
        assert fields in [r[1] for r in demo_replies.REPLIES[key].values()], key
    for agency_id, _kind, html in letters:
        for other_id, (_other, code) in keys.items():
            if other_id != agency_id:
                assert f"{code}〔" not in html and f"{code}依申请公开" not in html
    issued = {kind for _agency, kind, _html in letters}
    assert {DocumentKind.DISCLOSURE_NOTICE, DocumentKind.DELAYED_PERIOD_NOTICE} <= issued
