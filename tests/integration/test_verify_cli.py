"""`xxgk documents verify [--agency ID]`: exit 0 with each agency's head when every link holds, exit 1 with
the first broken link."""
from __future__ import annotations

from sqlalchemy import update

from tests.support.factories import T0, registration_data
from tests.integration.test_documents import only
from tests.integration import test_documents_cli
from tests.support.tamper import triggers_dropped
from workflow import services as sv
from workflow.chain import verify_chains
from workflow.models import DocumentKind, IssuedDocument

runner = test_documents_cli.runner  # the CLI runner on the test database


def test_verify_reports_every_record_verified_and_each_agency_head(runner, session_factory, create_case):
    create_case("reply.issued")
    length, last_hash = verify_chains(session_factory).heads[1]
    result = runner.invoke(args=["documents", "verify"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"机关 1：{length} 条记录，链尾 {last_hash}",
                                          f"全部 {length} 条记录核验无误。"]


def forge(engine, document_id) -> None:
    table = IssuedDocument.__table__
    with triggers_dropped(engine, table.name) as connection:
        connection.execute(update(table).where(table.c.id == document_id).values(title="伪造的答复书"))


def test_verify_exits_1_naming_the_first_broken_link(runner, engine, session_factory, create_case):
    reply = only(session_factory, create_case("reply.issued").id, DocumentKind.REPLY)
    forge(engine, reply.id)
    result = runner.invoke(args=["documents", "verify"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"发现改动：机关 1 的 issued_document 表记录 {reply.id}：内容与链校验值不符（记录被改写）。"
        "请立即联系管理员，用备份和此前保存的核验结果查明改动。")


def test_verify_of_one_agency_ignores_the_others(runner, engine, session_factory, people, create_case):
    create_case()
    outsider = sv.register_application(
        session_factory, registration_data(), actor_id=people.outsider, today=T0)
    forge(engine, only(session_factory, outsider.id, DocumentKind.RECEIPT).id)
    assert runner.invoke(args=["documents", "verify", "--agency", "1"]).exit_code == 0
    result = runner.invoke(args=["documents", "verify", "--agency", "2"])
    assert result.exit_code == 1 and "机关 2 的 issued_document 表" in result.output
