"""`xxgk documents list | export` against the test database (XXGK_DATABASE_URL)."""
from __future__ import annotations

import pytest
from sqlalchemy import update

from tests.support.factories import T0, registration_data
from tests.integration.test_documents import docx_text, only
from tests.support.tamper import triggers_dropped
from web import create_app
from workflow import services as sv
from workflow.models import Channel, DocumentKind, IssuedDocument


@pytest.fixture
def runner(database_url, engine, monkeypatch):
    monkeypatch.setenv("XXGK_DATABASE_URL", database_url)
    app = create_app({"TESTING": True, "SECRET_KEY": "test"})
    yield app.test_cli_runner()
    app.extensions["xxgk.engine"].dispose()


def test_list_shows_each_issued_document_with_kind_number_date_and_hash(runner, session_factory, create_case):
    case = create_case("reply.issued")
    receipt, reply = sv.list_documents(session_factory, case.id)
    result = runner.invoke(args=["documents", "list", str(case.id)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (f"{receipt.id}\t受理回执\t（无文号）\t2026-03-02\t某市交通运输局政府信息公开申请受理回执\t致：赵六\t"
                        f"SHA-256 {receipt.sha256}")
    assert lines[1].startswith(f"{reply.id}\t答复书\t某市交通运输局依申请公开〔2026〕第1号\t2026-03-03\t")
    assert len(lines) == 2


def test_export_writes_the_stored_docx_bytes_exactly(runner, session_factory, create_case, tmp_path):
    case = create_case("reply.issued")
    reply = only(session_factory, case.id, DocumentKind.REPLY)
    out = tmp_path / "reply.docx"
    result = runner.invoke(args=["documents", "export", str(reply.id), "--format", "docx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == reply.docx
    assert "某市交通运输局依申请公开〔2026〕第1号" in docx_text(out.read_bytes())
    assert f"已导出文书 {reply.id}（答复书 某市交通运输局依申请公开〔2026〕第1号）" in result.output


def test_export_as_html_gives_the_printable_a4_page(runner, session_factory, create_case, tmp_path):
    receipt = only(session_factory, create_case().id, DocumentKind.RECEIPT)
    out = tmp_path / "receipt.html"
    result = runner.invoke(args=["documents", "export", str(receipt.id), "--format", "html",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page == receipt.html and "@page { size: A4;" in page and "受理编号：2026-0001" in page


def test_a_document_altered_behind_the_application_is_not_exported(runner, engine, session_factory,
                                                                   create_case, tmp_path):
    receipt = only(session_factory, create_case().id, DocumentKind.RECEIPT)
    table = IssuedDocument.__table__
    with triggers_dropped(engine, table.name) as connection:  # the database refuses updates otherwise
        connection.execute(update(table).where(table.c.id == receipt.id)
                           .values(docx=receipt.docx + b"tampered"))
    out = tmp_path / "receipt.docx"
    result = runner.invoke(args=["documents", "export", str(receipt.id), "--out", str(out)])
    assert result.exit_code != 0 and f"文书 {receipt.id} 的存储内容与出具时的校验值不一致" in result.output
    assert not out.exists()


@pytest.mark.parametrize("args,message", [
    (["documents", "list", "999"], "案件 999 不存在"),
    (["documents", "export", "999", "--out", "x.docx"], "文书 999 不存在"),
])
def test_unknown_ids_are_refused_with_a_chinese_message(runner, people, args, message):
    result = runner.invoke(args=args)
    assert result.exit_code != 0 and message in result.output


def test_a_case_without_documents_says_so(runner, session_factory, people):
    case = sv.register_application(
        session_factory, registration_data(Channel.FAX), actor_id=people.clerk, today=T0)
    result = runner.invoke(args=["documents", "list", str(case.id)])
    assert result.exit_code == 0 and f"案件 {case.id} 尚无已出具的文书。" in result.output
